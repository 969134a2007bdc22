#include "core/words.hpp"

#include <string_view>

namespace octavo {
namespace {

const char* const english_months[] = {"January",   "February", "March",    "April",
                                      "May",       "June",     "July",     "August",
                                      "September", "October",  "November", "December"};

constexpr Words english() {
    Words w;
    w.by = "By ";
    w.last_and = " and ";
    w.months = english_months;
    return w;
}

constexpr Words notes(const char* heading) {
    Words w;
    w.notes = heading;
    return w;
}

struct Language {
    std::string_view primary;
    Words words;
};

constexpr Language languages[] = {
    {"en", english()},
    {"fr", notes("Notes")},
    {"de", notes("Anmerkungen")},
    {"es", notes("Notas")},
    {"pt", notes("Notas")},
    {"it", notes("Note")},
    {"ar", notes("\xD8\xA7\xD9\x84\xD9\x87\xD9\x88\xD8\xA7\xD9\x85\xD8\xB4")},
};

} // namespace

const Words& words_for(const std::string& lang) {
    static constexpr Words other;
    std::string_view primary = std::string_view(lang).substr(0, lang.find('-'));
    for (const auto& l : languages)
        if (l.primary == primary) return l.words;
    return other;
}

} // namespace octavo
