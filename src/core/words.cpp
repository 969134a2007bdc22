#include "core/words.hpp"

#include <string_view>

namespace octavo {
namespace {

const char* const english_months[] = {"January",   "February", "March",    "April",
                                      "May",       "June",     "July",     "August",
                                      "September", "October",  "November", "December"};

const char* const alert_kinds[] = {"note", "tip", "important", "warning", "caution"};
const char* const english_alerts[] = {"Note", "Tip", "Important", "Warning", "Caution"};
const char* const french_alerts[] = {"Remarque", "Astuce", "Important", "Avertissement",
                                     "Attention"};
const char* const german_alerts[] = {"Hinweis", "Tipp", "Wichtig", "Warnung", "Vorsicht"};
const char* const spanish_alerts[] = {"Nota", "Consejo", "Importante", "Advertencia",
                                      "Precauci\xC3\xB3n"};
const char* const portuguese_alerts[] = {"Nota", "Dica", "Importante", "Aviso", "Cuidado"};
const char* const italian_alerts[] = {"Nota", "Suggerimento", "Importante", "Avvertenza",
                                      "Attenzione"};
const char* const arabic_alerts[] = {
    "\xD9\x85\xD9\x84\xD8\xA7\xD8\xAD\xD8\xB8\xD8\xA9", // ملاحظة
    "\xD9\x86\xD8\xB5\xD9\x8A\xD8\xAD\xD8\xA9",         // نصيحة
    "\xD9\x85\xD9\x87\xD9\x85",                         // مهم
    "\xD8\xAA\xD8\xAD\xD8\xB0\xD9\x8A\xD8\xB1",         // تحذير
    "\xD8\xAA\xD9\x86\xD8\xA8\xD9\x8A\xD9\x87",         // تنبيه
};

constexpr Words english() {
    Words w;
    w.by = "By ";
    w.last_and = " and ";
    w.months = english_months;
    return w;
}

constexpr Words notes(const char* heading, const char* const* alerts) {
    Words w;
    w.notes = heading;
    w.alerts = alerts;
    return w;
}

struct Language {
    std::string_view primary;
    Words words;
};

constexpr Language word_lists[] = {
    {"en", english()},
    {"fr", notes("Notes", french_alerts)},
    {"de", notes("Anmerkungen", german_alerts)},
    {"es", notes("Notas", spanish_alerts)},
    {"pt", notes("Notas", portuguese_alerts)},
    {"it", notes("Note", italian_alerts)},
    {"ar", notes("\xD8\xA7\xD9\x84\xD9\x87\xD9\x88\xD8\xA7\xD9\x85\xD8\xB4", arabic_alerts)},
};

} // namespace

const Words& words_for(const std::string& lang) {
    static constexpr Words other;
    std::string_view primary = std::string_view(lang).substr(0, lang.find('-'));
    for (const auto& l : word_lists)
        if (l.primary == primary) return l.words;
    return other;
}

const char* alert_title(const Words& words, const std::string& kind) {
    const char* const* titles = words.alerts ? words.alerts : english_alerts;
    for (size_t k = 0; k < 5; ++k)
        if (kind == alert_kinds[k]) return titles[k];
    return english_alerts[0];
}

} // namespace octavo
