// The tokenizer of css.hpp (CSS Syntax Level 3, section 4).
#include <cctype>
#include <cstdint>

#include "assets/css.hpp"
#include "core/text.hpp"

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
} // namespace octavo
