#include "assets/css.hpp"

#include <cctype>
#include <map>

#include "assets/image.hpp"
#include "assets/loader.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "read/article.hpp"

namespace octavo {
namespace css {
namespace {

// The tokenizer of CSS Syntax Level 3, section 4, over UTF-8 bytes. Preprocessing is done on the
// fly: CR, CRLF and FF are newlines; a byte from 0x80 up is part of a non-ASCII code point, which
// is an ident code point.
class Tokenizer {
public:
    Tokenizer(std::string_view text, std::vector<Problem>& problems)
        : s_(text), problems_(problems) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        for (;;) {
            skip_comments();
            if (at_end()) break;
            Token t;
            t.offset = pos_;
            t.line = line_;
            consume_token(t);
            t.length = pos_ - t.offset;
            out.push_back(std::move(t));
        }
        return out;
    }

private:
    std::string_view s_;
    std::vector<Problem>& problems_;
    size_t pos_ = 0;
    int line_ = 1;

    bool at_end(size_t ahead = 0) const { return pos_ + ahead >= s_.size(); }
    // The byte ahead of the current one, 0 past the end (NUL never matters to the decisions).
    char peek(size_t ahead = 0) const { return at_end(ahead) ? '\0' : s_[pos_ + ahead]; }
    static bool is_newline(char c) { return c == '\n' || c == '\r' || c == '\f'; }
    static bool is_space(char c) { return c == ' ' || c == '\t' || is_newline(c); }
    static bool is_digit(char c) { return c >= '0' && c <= '9'; }
    static bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
    static bool is_ident_start(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
               static_cast<unsigned char>(c) >= 0x80;
    }
    static bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c) || c == '-'; }
    static bool is_non_printable(char c) {
        auto u = static_cast<unsigned char>(c);
        return u <= 0x08 || u == 0x0B || (u >= 0x0E && u <= 0x1F) || u == 0x7F;
    }
    bool valid_escape(size_t ahead = 0) const {
        return peek(ahead) == '\\' && !at_end(ahead + 1) && !is_newline(peek(ahead + 1));
    }
    bool starts_ident(size_t ahead = 0) const {
        char c = peek(ahead);
        if (at_end(ahead)) return false;
        if (c == '-')
            return (!at_end(ahead + 1) &&
                    (is_ident_start(peek(ahead + 1)) || peek(ahead + 1) == '-')) ||
                   valid_escape(ahead + 1);
        if (is_ident_start(c)) return true;
        return valid_escape(ahead);
    }
    bool starts_number(size_t ahead = 0) const {
        char c = peek(ahead);
        if (c == '+' || c == '-')
            return is_digit(peek(ahead + 1)) ||
                   (peek(ahead + 1) == '.' && is_digit(peek(ahead + 2)));
        if (c == '.') return is_digit(peek(ahead + 1));
        return is_digit(c);
    }

    void problem(int line, std::string message) { problems_.push_back({line, std::move(message)}); }

    // Consumes one byte, counting lines (CRLF is one newline).
    char next() {
        char c = s_[pos_++];
        if (c == '\n' || c == '\f' || (c == '\r' && peek() != '\n')) ++line_;
        return c;
    }

    void skip_comments() {
        while (peek() == '/' && peek(1) == '*') {
            int line = line_;
            pos_ += 2;
            for (;;) {
                if (at_end()) {
                    problem(line, "comment '/*' is never closed with '*/'");
                    return;
                }
                if (peek() == '*' && peek(1) == '/') {
                    pos_ += 2;
                    break;
                }
                next();
            }
        }
    }

    // 4.3.7: NUL, a surrogate or a code point past U+10FFFF stands for U+FFFD.
    static void append_escaped(std::string& out, unsigned long cp) {
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
        append_utf8(out, static_cast<char32_t>(cp));
    }

    // 4.3.7: after a backslash that starts a valid escape.
    void consume_escape(std::string& out) {
        if (at_end()) {
            append_escaped(out, 0xFFFD);
            return;
        }
        if (is_hex(peek())) {
            unsigned long cp = 0;
            for (int i = 0; i < 6 && is_hex(peek()); ++i) {
                char h = next();
                cp = cp * 16 +
                     static_cast<unsigned long>(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
            }
            if (is_space(peek())) {
                if (peek() == '\r' && peek(1) == '\n') next();
                next();
            }
            append_escaped(out, cp);
            return;
        }
        // Any other code point stands for itself (all its UTF-8 bytes).
        out += next();
        while (!at_end() && (static_cast<unsigned char>(peek()) & 0xC0) == 0x80)
            out += next();
    }

    std::string consume_name() {
        std::string name;
        for (;;) {
            if (!at_end() && is_ident_char(peek())) {
                name += next();
            } else if (valid_escape()) {
                next();
                consume_escape(name);
            } else {
                return name;
            }
        }
    }

    void consume_string(Token& t, char quote) {
        for (;;) {
            if (at_end()) {
                problem(t.line, "string is never closed (a missing " + std::string(1, quote) + ")");
                t.type = TokenType::string;
                return;
            }
            char c = peek();
            if (c == quote) {
                next();
                t.type = TokenType::string;
                return;
            }
            if (is_newline(c)) { // left for the next token
                problem(t.line, "string is cut by the end of the line (a missing " +
                                    std::string(1, quote) + ")");
                t.type = TokenType::bad_string;
                return;
            }
            if (c == '\\') {
                if (at_end(1)) {
                    next();
                } else if (is_newline(peek(1))) {
                    next();
                    if (peek() == '\r' && peek(1) == '\n') next();
                    next();
                } else {
                    next();
                    consume_escape(t.value);
                }
                continue;
            }
            t.value += next();
        }
    }

    void consume_bad_url_remnants() {
        while (!at_end()) {
            if (peek() == ')') {
                next();
                return;
            }
            if (valid_escape()) {
                next();
                std::string ignored;
                consume_escape(ignored);
            } else {
                next();
            }
        }
    }

    // 4.3.6, after "url(" and its white space.
    void consume_url(Token& t) {
        t.type = TokenType::url;
        auto bad = [&](const std::string& why) {
            problem(t.line, "bad url(: " + why + "; put the address in quotes");
            consume_bad_url_remnants();
            t.type = TokenType::bad_url;
        };
        for (;;) {
            if (at_end()) {
                problem(t.line, "url( is never closed with ')'");
                return;
            }
            char c = peek();
            if (c == ')') {
                next();
                return;
            }
            if (is_space(c)) {
                while (is_space(peek()) && !at_end())
                    next();
                if (peek() == ')' || at_end()) continue;
                return bad("white space inside the address");
            }
            if (c == '"' || c == '\'' || c == '(' || is_non_printable(c))
                return bad(c == '('              ? "a '(' inside the address"
                           : is_non_printable(c) ? "a control character inside the address"
                                                 : "a quote inside the address");
            if (c == '\\') {
                if (!valid_escape()) return bad("a backslash before the end of the line");
                next();
                consume_escape(t.value);
                continue;
            }
            t.value += next();
        }
    }

    void consume_ident_like(Token& t) {
        std::string name = consume_name();
        if (name.size() == 3 && (name[0] | 0x20) == 'u' && (name[1] | 0x20) == 'r' &&
            (name[2] | 0x20) == 'l' && peek() == '(') {
            next();
            while (is_space(peek()) && !at_end())
                next();
            if (peek() == '"' || peek() == '\'') {
                t.type = TokenType::function;
                t.value = name;
                return;
            }
            consume_url(t);
            return;
        }
        t.value = name;
        if (peek() == '(') {
            next();
            t.type = TokenType::function;
        } else {
            t.type = TokenType::ident;
        }
    }

    void consume_numeric(Token& t) {
        std::string num;
        if (peek() == '+' || peek() == '-') num += next();
        while (is_digit(peek()))
            num += next();
        if (peek() == '.' && is_digit(peek(1))) {
            num += next();
            while (is_digit(peek()))
                num += next();
        }
        if ((peek() == 'e' || peek() == 'E') &&
            (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
            num += next();
            num += next();
            while (is_digit(peek()))
                num += next();
        }
        t.value = num;
        if (starts_ident()) {
            t.type = TokenType::dimension;
            t.value += consume_name();
        } else if (peek() == '%') {
            next();
            t.type = TokenType::percentage;
        } else {
            t.type = TokenType::number;
        }
    }

    void consume_token(Token& t) {
        char c = peek();
        if (is_space(c)) {
            while (!at_end() && is_space(peek()))
                next();
            t.type = TokenType::whitespace;
            return;
        }
        if (c == '"' || c == '\'') {
            next();
            consume_string(t, c);
            return;
        }
        if (c == '#') {
            if (is_ident_char(peek(1)) || valid_escape(1)) {
                next();
                t.type = TokenType::hash;
                t.value = consume_name();
                return;
            }
        } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' ||
                   c == ',' || c == ':' || c == ';') {
            next();
            t.type = c == '('   ? TokenType::open_paren
                     : c == ')' ? TokenType::close_paren
                     : c == '[' ? TokenType::open_square
                     : c == ']' ? TokenType::close_square
                     : c == '{' ? TokenType::open_curly
                     : c == '}' ? TokenType::close_curly
                     : c == ',' ? TokenType::comma
                     : c == ':' ? TokenType::colon
                                : TokenType::semicolon;
            return;
        } else if (c == '+' || c == '.' || is_digit(c)) {
            if (starts_number()) return consume_numeric(t);
        } else if (c == '-') {
            if (starts_number()) return consume_numeric(t);
            if (peek(1) == '-' && peek(2) == '>') {
                pos_ += 3;
                t.type = TokenType::cdc;
                return;
            }
            if (starts_ident()) return consume_ident_like(t);
        } else if (c == '<') {
            if (s_.substr(pos_, 4) == "<!--") {
                pos_ += 4;
                t.type = TokenType::cdo;
                return;
            }
        } else if (c == '@') {
            if (starts_ident(1)) {
                next();
                t.type = TokenType::at_keyword;
                t.value = consume_name();
                return;
            }
        } else if (c == '\\') {
            if (valid_escape()) return consume_ident_like(t);
            problem(line_, "a backslash before the end of the line, outside a string");
        } else if (is_ident_start(c)) {
            return consume_ident_like(t);
        }
        // A delim: one code point.
        t.type = TokenType::delim;
        t.value += next();
        while (!at_end() && (static_cast<unsigned char>(peek()) & 0xC0) == 0x80)
            t.value += next();
    }
};

} // namespace

std::vector<Token> tokenize(std::string_view text, std::vector<Problem>& problems) {
    return Tokenizer(text, problems).run();
}

} // namespace css
namespace {

using css::Token;
using css::TokenType;

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The font's media type from its first bytes, or "" when it is not a font octavo packs.
std::string sniff_font(const std::string& d) {
    auto starts = [&](std::string_view p) { return d.compare(0, p.size(), p) == 0; };
    if (starts("wOFF")) return "font/woff";
    if (starts("wOF2")) return "font/woff2";
    if (starts("OTTO")) return "font/otf";
    if (starts(std::string_view("\0\1\0\0", 4)) || starts("true")) return "font/ttf";
    return {};
}

// What a file name's extension promises: the media types its content may have, and a name.
struct Kind {
    const char* extension;
    const char* name;
    std::vector<std::string> types;
};
const Kind* kind_of(const std::string& extension) {
    static const std::vector<Kind> kinds{
        {"woff", "a WOFF font", {"font/woff"}},
        {"woff2", "a WOFF2 font", {"font/woff2"}},
        {"otf", "an OpenType font", {"font/otf", "font/ttf"}},
        {"ttf", "a TrueType font", {"font/ttf", "font/otf"}},
        {"png", "a PNG image", {"image/png"}},
        {"jpg", "a JPEG image", {"image/jpeg"}},
        {"jpeg", "a JPEG image", {"image/jpeg"}},
        {"gif", "a GIF image", {"image/gif"}},
        {"svg", "an SVG image", {"image/svg+xml"}},
    };
    for (const auto& k : kinds)
        if (extension == k.extension) return &k;
    return nullptr;
}

// A CSS string holding s.
std::string css_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

class Checker {
public:
    Checker(std::string_view text, const std::string& file, const std::string& package_path,
            bool embed_fonts, const AssetLoader& assets)
        : text_(text), file_(file), package_path_(package_path), assets_(assets),
          embed_fonts_(embed_fonts) {
        dir_ = parent_folder(file);
        package_dir_ = folder_part(package_path);
    }

    Result<Stylesheet> run() {
        std::vector<css::Problem> problems;
        tokens_ = css::tokenize(text_, problems);
        if (!problems.empty()) return fail(problems[0].line, problems[0].message);
        if (auto st = check_brackets(); !st) return st.error;
        if (auto st = mark_font_faces(); !st) return st.error;
        for (size_t i = 0; i < tokens_.size(); ++i)
            if (auto st = check(i); !st) return st.error;
        Stylesheet out;
        size_t pos = 0;
        for (const auto& e : edits_) {
            out.text.append(text_.substr(pos, e.begin - pos));
            out.text += e.replacement;
            pos = e.end;
        }
        out.text.append(text_.substr(pos));
        out.resources = std::move(resources_);
        return out;
    }

private:
    struct Edit {
        size_t begin, end;
        std::string replacement;
    };
    std::string_view text_;
    const std::string& file_;
    const std::string& package_path_;
    const AssetLoader& assets_;
    std::string dir_, package_dir_;
    std::vector<Token> tokens_;
    std::vector<Edit> edits_;
    std::vector<Resource> resources_;
    std::map<std::string, std::string> packed_; // real path -> package name relative to the CSS
    bool embed_fonts_ = false;
    std::vector<bool> in_font_face_; // by token

    Error fail(int line, const std::string& message) const {
        return Error{Errc::content, file_, line, 0, message};
    }

    // The index of the next token after i that is not white space, or tokens_.size().
    size_t next_significant(size_t i) const {
        while (++i < tokens_.size() && tokens_[i].type == TokenType::whitespace) {
        }
        return i;
    }

    Status check_brackets() const {
        struct Open {
            char closer;
            int line;
        };
        std::vector<Open> stack;
        for (const auto& t : tokens_) {
            char closer = 0, c = 0;
            switch (t.type) {
            case TokenType::open_curly:
                closer = '}';
                break;
            case TokenType::open_paren:
            case TokenType::function:
                closer = ')';
                break;
            case TokenType::open_square:
                closer = ']';
                break;
            case TokenType::close_curly:
                c = '}';
                break;
            case TokenType::close_paren:
                c = ')';
                break;
            case TokenType::close_square:
                c = ']';
                break;
            default:
                break;
            }
            if (closer) {
                stack.push_back({closer, t.line});
            } else if (c) {
                bool opened = false;
                for (const auto& o : stack)
                    opened = opened || o.closer == c;
                if (!opened) return fail(t.line, std::string("a stray '") + c + "' closes nothing");
                if (stack.back().closer != c)
                    return fail(t.line, std::string("'") + c + "' where '" + stack.back().closer +
                                            "' was expected (to close what line " +
                                            std::to_string(stack.back().line) + " opened)");
                stack.pop_back();
            }
        }
        if (!stack.empty())
            return fail(stack.back().line,
                        std::string("what this line opens is never closed (a missing '") +
                            stack.back().closer + "' at the end)");
        return {};
    }

    // Marks the tokens inside @font-face blocks (their references must be fonts, and only
    // theirs); an empty one is refused (epubcheck CSS-019). The brackets are balanced.
    Status mark_font_faces() {
        in_font_face_.assign(tokens_.size(), false);
        for (size_t i = 0; i < tokens_.size(); ++i) {
            if (tokens_[i].type != TokenType::at_keyword || !iequals(tokens_[i].value, "font-face"))
                continue;
            if (!embed_fonts_)
                return fail(tokens_[i].line,
                            "@font-face: octavo embeds fonts only when asked (--embed-fonts), "
                            "since epubcheck 5 reports every embedded font (CSS-028) and "
                            "e-readers let their readers choose the font");
            size_t open = i;
            while (open < tokens_.size() && tokens_[open].type != TokenType::open_curly &&
                   tokens_[open].type != TokenType::semicolon)
                ++open;
            if (open == tokens_.size() || tokens_[open].type != TokenType::open_curly) continue;
            bool declared = false;
            int depth = 0;
            size_t k = open;
            for (; k < tokens_.size(); ++k) {
                auto type = tokens_[k].type;
                depth += type == TokenType::open_curly;
                depth -= type == TokenType::close_curly;
                if (depth == 0) break;
                declared = declared || type == TokenType::ident;
                in_font_face_[k] = true;
            }
            if (!declared)
                return fail(tokens_[i].line, "an empty @font-face rule (epubcheck CSS-019)");
            i = k;
        }
        return {};
    }

    Status check(size_t i) {
        const Token& t = tokens_[i];
        if (t.type == TokenType::at_keyword) {
            if (iequals(t.value, "charset")) {
                size_t k = next_significant(i);
                if (k < tokens_.size() && tokens_[k].type == TokenType::string &&
                    !iequals(tokens_[k].value, "utf-8"))
                    return fail(t.line, "declares @charset \"" + tokens_[k].value +
                                            "\"; the stylesheet must be UTF-8 (convert it, and "
                                            "declare @charset \"UTF-8\" or nothing)");
            } else if (iequals(t.value, "import")) {
                size_t k = next_significant(i);
                std::string url;
                if (k < tokens_.size()) {
                    const Token& u = tokens_[k];
                    if (u.type == TokenType::string || u.type == TokenType::url) url = u.value;
                    if (u.type == TokenType::function && iequals(u.value, "url")) {
                        size_t s = next_significant(k);
                        if (s < tokens_.size()) url = tokens_[s].value;
                    }
                }
                if (auto why = remote(url); !why.empty()) return fail(t.line, why);
                return fail(t.line, "@import '" + url + "': octavo packs one stylesheet; copy " +
                                        "the rules of the imported one into this file");
            } else if (iequals(t.value, "namespace")) {
                // Its URL names a namespace; nothing is fetched from it.
                for (size_t k = i + 1; k < tokens_.size(); ++k) {
                    auto type = tokens_[k].type;
                    if (type == TokenType::semicolon || type == TokenType::open_curly) break;
                    if (type == TokenType::url) tokens_[k].type = TokenType::ident;
                    if (type == TokenType::function && iequals(tokens_[k].value, "url"))
                        tokens_[k].value.clear();
                }
            }
        } else if (t.type == TokenType::ident &&
                   (iequals(t.value, "direction") || iequals(t.value, "unicode-bidi"))) {
            size_t k = next_significant(i);
            if (k < tokens_.size() && tokens_[k].type == TokenType::colon && inside_block(i))
                return fail(t.line, "the '" + lower(t.value) +
                                        "' property is not allowed in an EPUB stylesheet "
                                        "(epubcheck CSS-001); octavo sets the direction of "
                                        "right-to-left articles from their language");
        } else if (t.type == TokenType::ident && iequals(t.value, "position")) {
            size_t k = next_significant(i);
            size_t v = k < tokens_.size() && tokens_[k].type == TokenType::colon
                           ? next_significant(k)
                           : tokens_.size();
            if (v < tokens_.size() && tokens_[v].type == TokenType::ident &&
                iequals(tokens_[v].value, "fixed") && inside_block(i))
                return fail(t.line, "'position: fixed' has no meaning in a paginated book "
                                    "(epubcheck CSS-006)");
        } else if (t.type == TokenType::url) {
            return reference(t.value, t.line, t.offset, t.offset + t.length, true,
                             in_font_face_[i]);
        } else if (t.type == TokenType::function && iequals(t.value, "url")) {
            size_t k = next_significant(i);
            if (k < tokens_.size() && tokens_[k].type == TokenType::string)
                return reference(tokens_[k].value, tokens_[k].line, tokens_[k].offset,
                                 tokens_[k].offset + tokens_[k].length, false, in_font_face_[i]);
        }
        return {};
    }

    bool inside_block(size_t i) const {
        int depth = 0;
        for (size_t k = 0; k < i; ++k) {
            if (tokens_[k].type == TokenType::open_curly) ++depth;
            if (tokens_[k].type == TokenType::close_curly) --depth;
        }
        return depth > 0;
    }

    // Why url is a remote resource octavo refuses, or "".
    static std::string remote(const std::string& url) {
        size_t colon = url.find(':');
        bool scheme = colon != std::string::npos && colon > 0 &&
                      std::isalpha(static_cast<unsigned char>(url[0])) &&
                      url.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                            "0123456789+.-") == colon;
        if (url.compare(0, 2, "//") == 0 || (scheme && !iequals(url.substr(0, colon), "data")))
            return "refers to '" + url + "', a resource outside the book, which a reader may " +
                   "not fetch (epubcheck RSC-006); download it beside the stylesheet and refer " +
                   "to it by a relative path";
        if (scheme)
            return "refers to a data: URL; save the data in a file beside the stylesheet and " +
                   std::string("refer to it by a relative path");
        return {};
    }

    // The name in the package (relative to the stylesheet) of the file path (relative to the
    // stylesheet's folder; url as written) names, packed once however it is spelt.
    Result<std::string> pack(const std::string& url, const std::string& path, const Kind& kind,
                             int line) {
        std::string key = assets_.identity(path, dir_);
        if (auto it = packed_.find(key); it != packed_.end()) return it->second;
        LoadedFile file = assets_.load(path, dir_, Reach::inside);
        switch (file.problem) {
        case LoadedFile::none:
            break;
        case LoadedFile::outside:
            return fail(line, "refers to '" + url +
                                  "', which leads outside the stylesheet's folder (a link)");
        case LoadedFile::output_file:
            return fail(line, "refers to '" + url + "', the output file " + assets_.output_file() +
                                  ": the book would overwrite its input");
        case LoadedFile::unreadable:
            return fail(line, "refers to '" + url + "': " + file.error);
        }
        bool is_font = kind.types[0].compare(0, 5, "font/") == 0;
        std::string type = is_font ? sniff_font(file.data) : sniff_image(file.data);
        bool fits = false;
        for (const auto& t : kind.types)
            fits = fits || t == type;
        if (!fits)
            return fail(line, "refers to '" + url + "', whose name says " + kind.name +
                                  " but whose content is not one");
        if (!is_font) {
            if (auto why = image_problem(file.data, type); !why.empty())
                return fail(line, "refers to '" + url + "', " +
                                      (type == "image/svg+xml" ? "an SVG image" : "an image") +
                                      " that " + why);
        }
        size_t dot = path.rfind('.');
        std::string name =
            "user-" + std::to_string(resources_.size() + 1) + "." + lower(path.substr(dot + 1));
        resources_.push_back({package_dir_ + name, type, std::move(file.data), ""});
        return packed_.emplace(key, name).first->second;
    }

    Status reference(std::string url, int line, size_t begin, size_t end, bool in_url_token,
                     bool font) {
        while (!url.empty() && (url.back() == ' ' || url.back() == '\t' || url.back() == '\n'))
            url.pop_back();
        while (!url.empty() && (url[0] == ' ' || url[0] == '\t' || url[0] == '\n'))
            url.erase(0, 1);
        if (url.empty()) return fail(line, "an empty url() (epubcheck CSS-002)");
        if (auto why = remote(url); !why.empty()) return fail(line, why);
        if (url[0] == '/')
            return fail(line, "refers to '" + url +
                                  "', an absolute path; use a path relative to the stylesheet");
        size_t cut = url.find_first_of("?#");
        std::string fragment;
        if (cut != std::string::npos && url[cut] == '#') fragment = url.substr(cut);
        if (fragment.find_first_not_of("#abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                       "0123456789-._~!$&'()*+,;=:@/?") != std::string::npos)
            return fail(line, "refers to '" + url + "', whose fragment is not a valid URL one");
        if (url[0] == '#') return {}; // a fragment of the document that uses the style
        std::string raw = url.substr(0, cut);
        for (size_t i = raw.find('%'); i != std::string::npos; i = raw.find('%', i + 1))
            if (i + 2 >= raw.size() || !std::isxdigit(static_cast<unsigned char>(raw[i + 1])) ||
                !std::isxdigit(static_cast<unsigned char>(raw[i + 2])) ||
                raw.compare(i + 1, 2, "00") == 0)
                return fail(line, "refers to '" + url + "', which is not a valid URL (a '%' not " +
                                      "followed by two hexadecimal digits)");
        std::string path = percent_decode(raw);
        if (leaves_folder(path))
            return fail(line, "refers to '" + url + "', outside the stylesheet's folder");
        size_t dot = path.rfind('.');
        const Kind* kind = dot == std::string::npos || path.find('/', dot) != std::string::npos
                               ? nullptr
                               : kind_of(lower(path.substr(dot + 1)));
        if (!kind)
            return fail(line, "refers to '" + url + "', which is not a font (.woff, .woff2, " +
                                  ".otf, .ttf) or an image (.png, .jpg, .gif, .svg)");
        bool is_font = kind->types[0].compare(0, 5, "font/") == 0;
        if (font && !is_font)
            return fail(line, "refers to '" + url +
                                  "' in @font-face, which is not a font (.woff, " +
                                  ".woff2, .otf, .ttf)");
        if (!font && is_font)
            return fail(line, "refers to '" + url + "', a font, outside @font-face");
        auto name = pack(url, path, *kind, line);
        if (!name) return name.error();
        std::string quoted = css_string(*name + fragment);
        edits_.push_back({begin, end, in_url_token ? "url(" + quoted + ")" : quoted});
        return {};
    }
};

} // namespace

Result<Stylesheet> prepare_stylesheet(std::string_view text, const std::string& file,
                                      const std::string& package_path, Warnings& warnings,
                                      bool embed_fonts, const AssetLoader* assets) {
    (void)warnings;
    if (auto bad = find_invalid_utf8(text)) {
        return Error{Errc::encoding, file, bad->line, 0,
                     "not valid UTF-8 (byte offset " + std::to_string(bad->offset) +
                         "); convert the stylesheet to UTF-8"};
    }
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.remove_prefix(3);
    if (text.find('\0') != std::string_view::npos) {
        size_t at = text.find('\0');
        int line = 1;
        for (size_t i = 0; i < at; ++i)
            line += text[i] == '\n';
        return Error{Errc::encoding, file, line, 0, "holds a NUL byte; it is not a stylesheet"};
    }
    FileLoader files;
    return Checker(text, file, package_path, embed_fonts, assets ? *assets : files).run();
}

} // namespace octavo
