#include "assets/css.hpp"

#include <cctype>
#include <map>

#include "assets/image.hpp"
#include "assets/loader.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "read/article.hpp"

namespace octavo {
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
