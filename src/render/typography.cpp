#include "render/typography.hpp"

#include <cctype>

namespace octavo {
namespace {

constexpr std::string_view ldquo = "\u201C", rdquo = "\u201D", lsquo = "\u2018", rsquo = "\u2019";
constexpr std::string_view laquo = "\u00AB", raquo = "\u00BB", bdquo = "\u201E", sbquo = "\u201A";
constexpr std::string_view nbsp = "\u00A0", nnbsp = "\u202F";

bool starts(std::string_view s, size_t i, std::string_view p) {
    return s.compare(i, p.size(), p) == 0;
}

// Removes a plain space or a no-break space at the end of out; true if there was one.
bool drop_trailing_space(std::string& out) {
    if (!out.empty() && out.back() == ' ') {
        out.pop_back();
        return true;
    }
    for (std::string_view sp : {nbsp, nnbsp})
        if (out.size() >= sp.size() && out.compare(out.size() - sp.size(), sp.size(), sp) == 0) {
            out.resize(out.size() - sp.size());
            return true;
        }
    return false;
}

std::string french(std::string_view t) {
    std::string out;
    for (size_t i = 0; i < t.size();) {
        if (starts(t, i, ldquo) || starts(t, i, laquo)) {
            i += starts(t, i, ldquo) ? ldquo.size() : laquo.size();
            out += laquo;
            out += nbsp;
            while (i < t.size() && t[i] == ' ')
                ++i;
            if (starts(t, i, nbsp)) i += nbsp.size();
        } else if (starts(t, i, rdquo) || starts(t, i, raquo)) {
            i += starts(t, i, rdquo) ? rdquo.size() : raquo.size();
            drop_trailing_space(out);
            out += nbsp;
            out += raquo;
        } else if (t[i] == ';' || t[i] == '!' || t[i] == '?' || t[i] == ':') {
            // Only where the writer left a space: "12:30", "http://" and "?!" keep theirs.
            bool spaced = drop_trailing_space(out);
            if (spaced) out += t[i] == ':' ? nbsp : nnbsp;
            out += t[i++];
        } else {
            out += t[i++];
        }
    }
    return out;
}

std::string german(std::string_view t, QuoteState& st) {
    std::string out;
    for (size_t i = 0; i < t.size();) {
        if (starts(t, i, ldquo)) {
            out += bdquo;
            i += ldquo.size();
        } else if (starts(t, i, rdquo)) {
            out += ldquo;
            i += rdquo.size();
        } else if (starts(t, i, lsquo)) {
            out += sbquo;
            ++st.single_open;
            i += lsquo.size();
        } else if (starts(t, i, rsquo)) {
            // A closing single quote after an opening one; otherwise an apostrophe (“geht’s”).
            bool closes = st.single_open > 0 &&
                          (i + rsquo.size() >= t.size() ||
                           !std::isalpha(static_cast<unsigned char>(t[i + rsquo.size()])));
            if (closes) --st.single_open;
            out += closes ? lsquo : rsquo;
            i += rsquo.size();
        } else {
            out += t[i++];
        }
    }
    return out;
}

} // namespace

QuoteStyle quote_style(std::string_view lang) {
    std::string_view primary = lang.substr(0, lang.find('-'));
    auto is = [&](std::string_view p) {
        if (primary.size() != p.size()) return false;
        for (size_t i = 0; i < p.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(primary[i])) != p[i]) return false;
        return true;
    };
    if (is("fr")) return QuoteStyle::french;
    if (is("de")) return QuoteStyle::german;
    return QuoteStyle::english;
}

std::string localize_quotes(std::string_view text, QuoteStyle style, QuoteState& state) {
    switch (style) {
    case QuoteStyle::french:
        return french(text);
    case QuoteStyle::german:
        return german(text, state);
    case QuoteStyle::english:
        break;
    }
    return std::string(text);
}

} // namespace octavo
