#include "core/text.hpp"

#include <cctype>

#include <cmark-gfm.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <locale.h>
#include <strings.h>
#include <unictype.h>
#include <unistr.h>
#include <vector>

#include "core/paths.hpp"
#include "core/words.hpp"

namespace octavo {

size_t utf8_sequence(std::string_view s, size_t i, char32_t& cp) {
    ucs4_t uc;
    // u8_mbtoucr refuses what RFC 3629 does: overlong forms, surrogates, past U+10FFFF, cut short.
    int n = u8_mbtoucr(&uc, reinterpret_cast<const uint8_t*>(s.data()) + i, s.size() - i);
    if (n <= 0) return 0;
    cp = uc;
    return static_cast<size_t>(n);
}

void append_utf8(std::string& out, char32_t cp) {
    uint8_t buf[6];
    int n = u8_uctomb(buf, cp, sizeof buf);
    if (n > 0) out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

namespace {

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
    auto* start = reinterpret_cast<const uint8_t*>(text.data());
    const uint8_t* bad = u8_check(start, text.size());
    if (!bad) return std::nullopt;
    size_t offset = static_cast<size_t>(bad - start);
    return Utf8Problem{offset,
                       1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'))};
}

Error not_utf8(const std::string& file, const Utf8Problem& bad) {
    return Error{
        Errc::encoding, file, bad.line, 0,
        "not valid UTF-8 (byte offset " + std::to_string(bad.offset) +
            "); convert the file to UTF-8, or give its encoding (--input-encoding latin1)"};
}

std::optional<WideUnicode> find_wide_unicode(std::string_view text) {
    using namespace std::string_view_literals;
    for (auto [bom, found] : {std::pair{"\xFF\xFE\0\0"sv, WideUnicode{32, true, true}},
                              {"\0\0\xFE\xFF"sv, WideUnicode{32, false, true}},
                              {"\xFF\xFE"sv, WideUnicode{16, true, true}},
                              {"\xFE\xFF"sv, WideUnicode{16, false, true}}})
        if (text.substr(0, bom.size()) == bom) return found;
    const std::string_view start = text.substr(0, 512);
    for (size_t size : {4, 2}) {
        size_t units = start.size() / size, little = 0, big = 0;
        for (size_t i = 0; i + size <= start.size(); i += size) {
            // one byte that is not NUL, first (little-endian) or last (big-endian), and NULs
            auto nul = [&](size_t k) { return start[i + k] == '\0'; };
            bool rest_little = true, rest_big = true;
            for (size_t k = 1; k < size; ++k) {
                rest_little = rest_little && nul(k);
                rest_big = rest_big && nul(k - 1);
            }
            little += !nul(0) && rest_little;
            big += !nul(size - 1) && rest_big;
        }
        if (units < 2) continue;
        if (little * 2 >= units) return WideUnicode{static_cast<int>(size * 8), true, false};
        if (big * 2 >= units) return WideUnicode{static_cast<int>(size * 8), false, false};
    }
    return std::nullopt;
}

namespace {
// path as a shell word: quoted unless every character is one a shell leaves alone.
std::string shell_word(const std::string& path) {
    bool plain = !path.empty() && std::all_of(path.begin(), path.end(), [](char c) {
        return is_alpha(c) || is_digit(c) ||
               std::string_view("._-/+,:@%=").find(c) != std::string_view::npos;
    });
    if (plain) return path;
    std::string out = "'";
    for (char c : path)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}
} // namespace

Error not_utf8(const std::string& file, const WideUnicode& found) {
    const std::string bits = std::to_string(found.bits);
    const std::string order = found.little_endian ? "little-endian" : "big-endian";
    // With a BOM, iconv reads the byte order from it and drops it; without one, it must be told.
    const std::string from = "UTF-" + bits + (found.bom ? "" : found.little_endian ? "LE" : "BE");
    // The converted file beside it, with the same extension (an article stays Markdown or text,
    // a volume file a volume file): le.md -> le.utf8.md.
    size_t name = folder_part(file).size(), dot = file.rfind('.');
    if (dot == std::string::npos || dot <= name) dot = file.size(); // none, or a dot file's own
    std::string converted = file.substr(0, dot) + ".utf8" + file.substr(dot);
    return Error{Errc::encoding, file, 0, 0,
                 "is UTF-" + bits + " (" + order + (found.bom ? "" : ", no byte order mark") +
                     "); convert it to UTF-8: iconv -f " + from + " -t UTF-8 " + shell_word(file) +
                     " > " + shell_word(converted)};
}

namespace {
// latin1_to_utf8, with a warning per line (in warnings, if given) naming the bytes that have no
// character in Windows-1252. Lines end as normalize_text ends them: LF, CRLF or a lone CR.
std::string cp1252_to_utf8(std::string_view text, const std::string& file, Warnings* warnings) {
    static const char16_t cp1252[32] = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    int line = 1;
    std::string undefined; // this line's bytes without a character, once each, in order
    auto warn = [&] {
        if (undefined.empty()) return;
        std::string list;
        for (size_t k = 0; k < undefined.size(); ++k) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(undefined[k]));
            list += (k == 0 ? "" : k + 1 == undefined.size() ? " and " : ", ") + std::string(hex);
        }
        warnings->push_back(
            {Errc::encoding, file, line, 0,
             (undefined.size() == 1 ? "byte " + list + " has" : "bytes " + list + " have") +
                 " no character in Windows-1252; replaced by U+FFFD"});
        undefined.clear();
    };
    for (size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        char32_t cp = (c >= 0x80 && c < 0xA0) ? cp1252[c - 0x80] : c;
        if (cp < 0x80) {
            if (warnings &&
                (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))) {
                warn();
                ++line;
            }
            out += static_cast<char>(cp);
        } else {
            if (cp == 0xFFFD && warnings && undefined.find(text[i]) == std::string::npos)
                undefined += text[i];
            append_utf8(out, cp);
        }
    }
    if (warnings) warn();
    return out;
}
} // namespace

std::string latin1_to_utf8(std::string_view text) {
    return cp1252_to_utf8(text, "", nullptr);
}

std::string latin1_to_utf8(std::string_view text, const std::string& file, Warnings& warnings) {
    return cp1252_to_utf8(text, file, &warnings);
}

namespace {
// Copies text to out without the characters XML 1.0 forbids, adding one warning per line where it
// removed any (text starts at line; warned_line is the last line warned about). Lone CR and CRLF
// become LF. The bytes 0xFE and 0xFF, never valid in UTF-8, are U+FFFE and U+FFFF as cmark-gfm
// writes them (its encoder has utf8proc's old quirk); other invalid bytes become U+FFFD.
void copy_xml_chars(std::string_view text, const std::string& file, int line, int& warned_line,
                    Warnings& warnings, std::string& out) {
    out.reserve(out.size() + text.size());
    auto plain = [](char ch) {
        auto c = static_cast<unsigned char>(ch);
        return (c >= 0x20 && c < 0x80) || c == '\t';
    };
    for (size_t i = 0; i < text.size();) {
        size_t end = i;
        while (end < text.size() && plain(text[end]))
            ++end;
        if (end > i) { // the common case: a run of printable ASCII, copied at once
            out.append(text.data() + i, end - i);
            i = end;
            continue;
        }
        char32_t cp;
        size_t n = utf8_sequence(text, i, cp);
        if (n == 0) {
            auto c = static_cast<unsigned char>(text[i]);
            if (c != 0xFE && c != 0xFF) { // callers check first; keep going safely anyway
                out += "\xEF\xBF\xBD";
                ++i;
                continue;
            }
            cp = 0xFF00 | c;
            n = 1;
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
}
} // namespace

std::string normalize_text(std::string_view text, const std::string& file, Warnings& warnings) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::string out;
    int warned_line = 0;
    copy_xml_chars(text, file, 1, warned_line, warnings, out);
    return out;
}

std::string remove_xml_forbidden(std::string_view text, const std::string& file, int line,
                                 int& warned_line, Warnings& warnings) {
    std::string out;
    copy_xml_chars(text, file, line, warned_line, warnings, out);
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

std::string metadata_text(std::string_view text) {
    std::string s(text);
    make_xml_safe(s);
    return collapse_space(s);
}

namespace {
bool is_alnum(char c) {
    return is_alpha(c) || is_digit(c);
}
// c is the lower-case ASCII letter l, or its capital.
bool lower_is(char c, char l) {
    return c == l || c == l - 32;
}
// s has min to max characters, all matching pred.
bool is(std::string_view s, size_t min, size_t max, bool (*pred)(char)) {
    return s.size() >= min && s.size() <= max && std::all_of(s.begin(), s.end(), pred);
}
bool iequals(std::string_view s, std::string_view lower) {
    if (s.size() != lower.size()) return false;
    for (size_t i = 0; i < s.size(); ++i)
        if (!lower_is(s[i], lower[i])) return false;
    return true;
}
// privateuse = "x" 1*("-" (1*8alphanum)), from subtag i on.
bool private_use(const std::vector<std::string_view>& t, size_t i) {
    if (i >= t.size() || !iequals(t[i], "x") || i + 1 == t.size()) return false;
    for (++i; i < t.size(); ++i)
        if (!is(t[i], 1, 8, is_alnum)) return false;
    return true;
}
// RFC 5646's langtag: language (2*3ALPHA up to three extlangs, or 4*8ALPHA), script, region,
// variants, extensions, private use. Each subtag's length and kind tell which part it is.
bool langtag(const std::vector<std::string_view>& t) {
    size_t i = 0;
    if (is(t[0], 2, 3, is_alpha)) {
        for (i = 1; i < t.size() && i <= 3 && is(t[i], 3, 3, is_alpha); ++i) {
        }
    } else if (is(t[0], 4, 8, is_alpha)) {
        i = 1;
    } else {
        return false;
    }
    if (i < t.size() && is(t[i], 4, 4, is_alpha)) ++i;                               // script
    if (i < t.size() && (is(t[i], 2, 2, is_alpha) || is(t[i], 3, 3, is_digit))) ++i; // region
    while (i < t.size() && (is(t[i], 5, 8, is_alnum) ||
                            (t[i].size() == 4 && is_digit(t[i][0]) && is(t[i], 4, 4, is_alnum))))
        ++i; // variants
    while (i < t.size() && t[i].size() == 1 && is_alnum(t[i][0]) && !lower_is(t[i][0], 'x')) {
        size_t start = ++i; // an extension: a singleton and one or more subtags of 2 to 8
        while (i < t.size() && is(t[i], 2, 8, is_alnum))
            ++i;
        if (i == start) return false;
    }
    return i == t.size() || private_use(t, i);
}
} // namespace

bool is_valid_language_tag(std::string_view tag) {
    if (tag.empty() || tag.size() > 64) return false;
    std::vector<std::string_view> t;
    for (size_t start = 0;;) {
        size_t dash = tag.find('-', start);
        t.push_back(tag.substr(start, dash == std::string_view::npos ? dash : dash - start));
        if (t.back().empty()) return false;
        if (dash == std::string_view::npos) break;
        start = dash + 1;
    }
    if (langtag(t) || private_use(t, 0)) return true;
    // The grandfathered tags that langtag does not cover: en-GB-oed, i-*, sgn-*-*, and the
    // irregular three-part forms such as zh-min-nan.
    if (t.size() == 3 && iequals(t[0], "en") && iequals(t[1], "gb") && iequals(t[2], "oed"))
        return true;
    if (t.size() == 2 && iequals(t[0], "i") && is(t[1], 3, 9, is_alpha)) return true;
    if (t.size() == 3 && iequals(t[0], "sgn") && is(t[1], 2, 2, is_alpha) &&
        is(t[2], 2, 3, is_alpha))
        return true;
    return t.size() == 3 && is(t[0], 2, 3, is_alpha) && is(t[1], 2, 4, is_alpha) &&
           is(t[2], 2, 4, is_alpha);
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

namespace {
// n digits at s[i], as a number; -1 if they are not all digits.
int number(std::string_view s, size_t i, size_t n) {
    if (i + n > s.size()) return -1;
    int v = 0;
    for (size_t k = i; k < i + n; ++k) {
        if (!is_digit(s[k])) return -1;
        v = v * 10 + (s[k] - '0');
    }
    return v;
}
} // namespace

// YYYY[-MM[-DD[Thh:mm[:ss[.s+]]TZD]]], TZD being Z or +hh:mm or -hh:mm.
bool is_valid_w3cdtf(std::string_view date) {
    auto at = [&](size_t i, char c) { return i < date.size() && date[i] == c; };
    if (number(date, 0, 4) < 1) return false; // no year 0000: epubcheck warns (OPF-053)
    if (date.size() == 4) return true;
    int m = at(4, '-') ? number(date, 5, 2) : -1;
    if (m < 1 || m > 12) return false;
    if (date.size() == 7) return true;
    int d = at(7, '-') ? number(date, 8, 2) : -1;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = number(date, 0, 4);
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d < 1 || d > days[m - 1] + (m == 2 && leap ? 1 : 0)) return false; // no 2019-02-30
    if (date.size() == 10) return true;
    int hh = at(10, 'T') ? number(date, 11, 2) : -1, mm = at(13, ':') ? number(date, 14, 2) : -1;
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59) return false;
    size_t i = 16;
    if (at(i, ':')) {
        int ss = number(date, i + 1, 2);
        if (ss < 0 || ss > 59) return false;
        i += 3;
        if (at(i, '.')) {
            size_t start = ++i;
            while (i < date.size() && is_digit(date[i]))
                ++i;
            if (i == start) return false;
        }
    }
    if (at(i, 'Z')) return i + 1 == date.size();
    if (!at(i, '+') && !at(i, '-')) return false;
    int zh = number(date, i + 1, 2), zm = at(i + 3, ':') ? number(date, i + 4, 2) : -1;
    return zh >= 0 && zh <= 23 && zm >= 0 && zm <= 59 && i + 6 == date.size();
}

std::optional<std::string> pandoc_date(std::string_view date) {
    // pandoc's formats, in its order, parsed by strptime in the C locale (English month names
    // whatever the environment's).
    static const char* const formats[] = {"%m/%d/%y",  "%m/%d/%Y", "%d %b %Y", "%b. %d, %Y",
                                          "%b %d, %Y", "%Y%m%d",   "%Y%m"};
    static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", nullptr);
    std::string text(date.substr(0, std::min<size_t>(date.size(), 64)));
    if (!c_locale || text.size() != date.size()) return std::nullopt;
    for (const char* f : formats) {
        std::tm tm{};
        tm.tm_mday = 0; // "%Y%m" gives no day
        const char* end = strptime_l(text.c_str(), f, &tm, c_locale);
        if (!end || *end) continue;
        char out[48]; // room for any int, as -Wformat-truncation wants
        int year = tm.tm_year + 1900;
        if (year < 1 || year > 9999) continue;
        if (tm.tm_mday == 0)
            std::snprintf(out, sizeof out, "%04d-%02d", year, tm.tm_mon + 1);
        else
            std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, tm.tm_mon + 1, tm.tm_mday);
        if (is_valid_w3cdtf(out)) return std::string(out);
    }
    return std::nullopt;
}

namespace {

// The zone at s (after a date and time), RFC 2822's names or what strptime's %z reads (Z, +hh,
// +hhmm, +hh:mm): its offset east of UTC in seconds; nullopt when s is not a zone alone. An
// RFC 2822 comment after it, "(PDT)", is allowed.
std::optional<long> zone_offset(const char* s, locale_t c_locale) {
    while (*s == ' ')
        ++s;
    if (!*s) return std::nullopt;
    // RFC 2822 section 4.3 names these; its military letters say nothing reliable (RFC 1123).
    static const std::pair<const char*, int> names[] = {
        {"UTC", 0},  {"UT", 0},   {"GMT", 0},  {"EST", -5}, {"EDT", -4}, {"CST", -6},
        {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
    long offset = 0;
    const char* end = nullptr;
    for (auto [name, hours] : names) {
        size_t n = std::strlen(name);
        if (std::strncmp(s, name, n) == 0 && !is_alpha(s[n])) {
            end = s + n, offset = hours * 3600L;
            break;
        }
    }
    if (!end) {
        std::tm tm{};
        end = strptime_l(s, "%z", &tm, c_locale);
        if (!end) return std::nullopt;
        offset = tm.tm_gmtoff;
    }
    while (*end == ' ')
        ++end;
    if (*end == '(' && std::strchr(end, ')') && std::strchr(end, ')')[1] == '\0') end = "";
    if (*end) return std::nullopt;
    return offset;
}

std::string w3cdtf_of(int year, int month, int day) {
    char out[48];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
    return out;
}

} // namespace

std::optional<std::string> read_date(std::string_view date, bool* only_day) {
    if (only_day) *only_day = false;
    if (date.size() > 64) return std::nullopt;
    if (auto d = pandoc_date(date)) return d;
    static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", nullptr);
    if (!c_locale) return std::nullopt;
    // Upper case: ISO 8601's 't' and 'z' as 'T' and 'Z' (month and day names are read in any
    // case), and an RFC 2822 zone name in any case.
    std::string text(date);
    for (auto& ch : text)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    // A date and a time: RFC 3339 and ISO 8601 (T or a space between them, as YAML, TOML, Jekyll
    // and Hugo write them), RFC 2822 (the day of the week optional) and asctime's. The longest
    // form first: "%H:%M" reads the start of "10:00:00".
    static const char* const formats[] = {
        "%Y-%m-%dT%H:%M:%S",     "%Y-%m-%dT%H:%M",     "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
        "%a, %d %b %Y %H:%M:%S", "%a, %d %b %Y %H:%M", "%d %b %Y %H:%M:%S", "%d %b %Y %H:%M",
        "%a %b %d %H:%M:%S %Y",  "%B %d, %Y %H:%M:%S", "%B %d, %Y %H:%M",   "%Y/%m/%d %H:%M:%S"};
    for (const char* f : formats) {
        std::tm tm{};
        const char* end = strptime_l(text.c_str(), f, &tm, c_locale);
        if (!end) continue;
        if (*end == '.' || *end == ',') { // fractions of a second, which a book does not need
            const char* digits = ++end;
            while (is_digit(*end))
                ++end;
            if (end == digits) continue;
        }
        int year = tm.tm_year + 1900;
        if (year < 1 || year > 9999) continue;
        std::string day = w3cdtf_of(year, tm.tm_mon + 1, tm.tm_mday);
        if (!is_valid_w3cdtf(day)) continue;
        while (*end == ' ')
            ++end;
        // A time without a zone names no instant (Jekyll reads it in the site's zone, Hugo in
        // its configuration's): only its day is kept.
        if (!*end) return day;
        auto offset = zone_offset(end, c_locale);
        if (!offset) continue;
        long off = std::labs(*offset) / 60;
        char out[64];
        if (off == 0)
            std::snprintf(out, sizeof out, "%sT%02d:%02d:%02dZ", day.c_str(), tm.tm_hour, tm.tm_min,
                          tm.tm_sec);
        else
            std::snprintf(out, sizeof out, "%sT%02d:%02d:%02d%c%02ld:%02ld", day.c_str(),
                          tm.tm_hour, tm.tm_min, tm.tm_sec, *offset < 0 ? '-' : '+', off / 60,
                          off % 60);
        if (is_valid_w3cdtf(out)) return std::string(out);
    }
    // What no form reads but starts with a day, as "2023-01-29 18:30:22 2023 -0800" (a year
    // typed twice, which Jekyll's reader passes over): that day, and the caller says so.
    if (text.size() > 10 && (text[10] == ' ' || text[10] == 'T')) {
        std::tm tm{};
        const char* end = strptime_l(text.c_str(), "%Y-%m-%d", &tm, c_locale);
        if (end && end == text.c_str() + 10) {
            std::string day = w3cdtf_of(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
            if (is_valid_w3cdtf(day) && date.substr(0, 10) == day) {
                if (only_day) *only_day = true;
                return day;
            }
        }
    }
    return std::nullopt;
}

std::string w3cdtf_in_utc(std::string_view date) {
    if (date.size() <= 10 || !is_valid_w3cdtf(date)) return std::string(date);
    std::tm tm{};
    tm.tm_year = number(date, 0, 4) - 1900;
    tm.tm_mon = number(date, 5, 2) - 1;
    tm.tm_mday = number(date, 8, 2);
    tm.tm_hour = number(date, 11, 2);
    tm.tm_min = number(date, 14, 2);
    size_t i = 16;
    if (date[i] == ':') tm.tm_sec = number(date, i + 1, 2), i += 3;
    if (i < date.size() && date[i] == '.')
        for (++i; i < date.size() && is_digit(date[i]);)
            ++i;
    long offset = 0;
    if (date[i] != 'Z') {
        offset = (number(date, i + 1, 2) * 60L + number(date, i + 4, 2)) * 60L;
        if (date[i] == '-') offset = -offset;
    }
    long long t = static_cast<long long>(timegm(&tm)) - offset;
    std::string utc = iso_utc(t);
    // A day near year 1 or 9999 whose time in UTC falls outside them: the day alone.
    return is_valid_w3cdtf(utc) ? utc : std::string(date.substr(0, 10));
}

std::string display_date(std::string_view date, std::string_view lang) {
    const char* const* months = words_for(std::string(lang)).months;
    if (!months || date.size() < 7) return std::string(date.substr(0, 10));
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

std::optional<std::string> take_heading_attributes(std::string& text) {
    size_t end = text.find_last_not_of(" \t");
    if (end == std::string::npos || text[end] != '}') return std::nullopt;
    size_t open = text.rfind('{', end);
    if (open == std::string::npos || (open > 0 && text[open - 1] != ' ' && text[open - 1] != '\t'))
        return std::nullopt;
    std::string_view block(text.data() + open + 1, end - open - 1);
    auto word = [](std::string_view w, std::string_view extra) {
        return !w.empty() && std::all_of(w.begin(), w.end(), [&](char c) {
            return is_alpha(c) || is_digit(c) || extra.find(c) != std::string_view::npos;
        });
    };
    std::optional<std::string> id;
    size_t i = 0, tokens = 0;
    while (i < block.size()) {
        if (block[i] == ' ' || block[i] == '\t') {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < block.size() && block[j] != ' ' && block[j] != '\t' && block[j] != '=')
            ++j;
        std::string_view token = block.substr(i, j - i);
        if (j < block.size() && block[j] == '=') { // key=value, key="value" or key=“value”
            if (!word(token, "_-")) return std::nullopt;
            ++j;
            std::string_view close;
            if (block.compare(j, 1, "\"") == 0)
                close = "\"", j += 1;
            else if (block.compare(j, 3, "\xE2\x80\x9C") == 0)
                close = "\xE2\x80\x9D", j += 3;
            if (close.empty()) {
                while (j < block.size() && block[j] != ' ' && block[j] != '\t')
                    ++j;
            } else {
                size_t k = block.find(close, j);
                if (k == std::string_view::npos) return std::nullopt;
                j = k + close.size();
            }
        } else if (token[0] == '#') {
            if (id || !word(token.substr(1), "_-.")) return std::nullopt;
            id = std::string(token.substr(1));
        } else if (!(token == "-" || (token[0] == '.' && word(token.substr(1), "_-")))) {
            return std::nullopt;
        }
        ++tokens;
        i = j;
    }
    if (tokens == 0) return std::nullopt;
    size_t keep = text.find_last_not_of(" \t", open == 0 ? std::string::npos : open - 1);
    text.erase(open == 0 || keep == std::string::npos ? 0 : keep + 1);
    return id ? *id : std::string();
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

std::string percent_decode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() &&
            std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

bool has_slug(std::string_view text) {
    for (char c : text)
        if (is_alpha(c) || is_digit(c)) return true;
    return false;
}

bool ends_with_ignoring_case(std::string_view s, std::string_view suffix) {
    // strncasecmp compares in the C locale octavo keeps: ASCII letters only.
    return s.size() >= suffix.size() &&
           strncasecmp(s.data() + s.size() - suffix.size(), suffix.data(), suffix.size()) == 0;
}

bool is_blank_line(std::string_view line) {
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

bool is_blank_text(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        char32_t cp;
        size_t n = utf8_sequence(text, i, cp);
        if (n == 0) return false;
        // By hand: Default_Ignorable_Code_Point has many more (variation selectors, Hangul
        // fillers, unassigned code points), which a heading of nothing else may still show.
        bool invisible = cp == 0xAD || cp == 0x180E || (cp >= 0x200B && cp <= 0x200D) ||
                         cp == 0x2060 || cp == 0xFEFF;
        if (!uc_is_property_white_space(cp) && !invisible) return false;
        i += n;
    }
    return true;
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

std::string trim_space(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
        --e;
    return std::string(s.substr(b, e - b));
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
        // An inline HTML tag is markup, not text (render/raw_html.cpp): the text between tags
        // is text nodes of its own.
        if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) out += ' ';
    }
    cmark_iter_free(it);
    return collapse_space(out);
}

} // namespace octavo
