#include "octavo/text.hpp"

#include <cmark-gfm.h>

#include <ctime>
#include <regex>

namespace octavo {
namespace {

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 if it is invalid.
size_t utf8_sequence(std::string_view s, size_t i, char32_t& cp) {
    auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
    unsigned char c = b(0);
    size_t len;
    if (c < 0x80) {
        cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (size_t k = 1; k < len; ++k) {
        if ((b(k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(k) & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

bool xml_allowed(char32_t cp) {
    if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\r';
    return cp != 0xFFFE && cp != 0xFFFF;
}

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

} // namespace

std::optional<Utf8Problem> find_invalid_utf8(std::string_view text) {
    int line = 1;
    for (size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) { // ASCII, quickly
            if (text[i++] == '\n') ++line;
            continue;
        }
        char32_t cp;
        size_t n = utf8_sequence(text, i, cp);
        if (n == 0) return Utf8Problem{i, line};
        if (cp == '\n') ++line;
        i += n;
    }
    return std::nullopt;
}

std::string latin1_to_utf8(std::string_view text) {
    static const char16_t cp1252[32] = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        char32_t cp = (c >= 0x80 && c < 0xA0) ? cp1252[c - 0x80] : c;
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

std::string normalize_text(std::string_view text, const std::string& file, Warnings& warnings) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::string out;
    out.reserve(text.size());
    int line = 1, warned_line = 0;
    for (size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c >= 0x20 && c < 0x80) || c == '\t') { // the common case, quickly
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        char32_t cp;
        size_t n = utf8_sequence(text, i, cp);
        if (n == 0) { // callers check first; keep going safely anyway
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        if (cp == '\r') {
            out += '\n';
            ++line;
            i += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        if (!xml_allowed(cp)) {
            if (warned_line != line) {
                warnings.push_back(
                    {Errc::encoding, file, line, 0, "removed a character that XML does not allow"});
                warned_line = line;
            }
        } else {
            out.append(text.substr(i, n));
        }
        if (cp == '\n') ++line;
        i += n;
    }
    return out;
}

bool make_xml_safe(std::string& text) {
    std::string out;
    bool changed = false;
    for (size_t i = 0; i < text.size();) {
        char32_t cp;
        size_t n = utf8_sequence(text, i, cp);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            changed = true;
            ++i;
        } else if (!xml_allowed(cp) || cp == '\r') {
            changed = true;
            if (cp == '\r') out += '\n';
            i += n;
        } else {
            out.append(text, i, n);
            i += n;
        }
    }
    if (changed) text = std::move(out);
    return changed;
}

bool is_valid_language_tag(std::string_view tag) {
    static const std::regex langtag(
        "^(([A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
        "(-[A-Za-z]{4})?"
        "(-([A-Za-z]{2}|[0-9]{3}))?"
        "(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
        "(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*"
        "(-[Xx](-[A-Za-z0-9]{1,8})+)?"
        "|[Xx](-[A-Za-z0-9]{1,8})+"
        "|[Ee][Nn]-[Gg][Bb]-[Oo][Ee][Dd]|[Ii]-[A-Za-z]{3,9}|[Ss][Gg][Nn]-[A-Za-z]{2}-[A-Za-z]{2,3}"
        "|[A-Za-z]{2,3}-[A-Za-z]{2,4}-[A-Za-z]{2,4})$");
    if (tag.empty() || tag.size() > 64) return false;
    return std::regex_match(tag.begin(), tag.end(), langtag);
}

bool is_rtl_language(std::string_view tag) {
    std::string lower;
    for (char c : tag)
        lower += static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
    for (std::string_view script : {"-arab", "-hebr", "-syrc", "-thaa", "-nkoo", "-adlm"}) {
        if (lower.find(script) != std::string::npos) return true;
    }
    std::string primary = lower.substr(0, lower.find('-'));
    for (std::string_view rtl : {"ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb",
                                 "arc", "syr", "ku-arab", "prs", "az-arab"}) {
        if (primary == rtl) return true;
    }
    return false;
}

bool is_valid_w3cdtf(std::string_view date) {
    static const std::regex w3c("^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])"
                                "(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?(Z|[+-](["
                                "01][0-9]|2[0-3]):[0-5][0-9]))?)?)?$");
    if (!std::regex_match(date.begin(), date.end(), w3c)) return false;
    if (date.size() >= 10) { // reject 2019-02-30 and friends
        int y = std::stoi(std::string(date.substr(0, 4)));
        int m = std::stoi(std::string(date.substr(5, 2)));
        int d = std::stoi(std::string(date.substr(8, 2)));
        static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        int max = days[m - 1] + (m == 2 && leap ? 1 : 0);
        if (d > max) return false;
    }
    return true;
}

std::string display_date(std::string_view date, std::string_view lang) {
    static const char* months[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};
    bool english = lang.substr(0, 2) == "en" && (lang.size() == 2 || lang[2] == '-');
    if (!english || date.size() < 7) return std::string(date.substr(0, 10));
    int m = std::stoi(std::string(date.substr(5, 2)));
    std::string out = std::string(months[m - 1]) + " " + std::string(date.substr(0, 4));
    if (date.size() >= 10) {
        int d = std::stoi(std::string(date.substr(8, 2)));
        out = std::to_string(d) + " " + out;
    }
    return out;
}

std::string iso_utc(long long unix_time) {
    std::time_t t = static_cast<std::time_t>(unix_time);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string slugify(std::string_view text) {
    std::string out;
    bool hyphen = false;
    for (char c : text) {
        if (is_alpha(c) || is_digit(c)) {
            if (hyphen && !out.empty()) out += '-';
            hyphen = false;
            out += static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
        } else {
            hyphen = true;
        }
        if (out.size() >= 40) break;
    }
    return out.empty() ? "section" : out;
}

std::string collapse_space(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
        } else {
            if (space) out += ' ';
            space = false;
            out += c;
        }
    }
    return out;
}

std::string plain_text(cmark_node* node) {
    std::string out;
    cmark_iter* it = cmark_iter_new(node);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER) continue;
        auto t = cmark_node_get_type(n);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) out += cmark_node_get_literal(n);
        if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) out += ' ';
    }
    cmark_iter_free(it);
    return collapse_space(out);
}

} // namespace octavo
