// The words octavo itself writes into a book, by the book's language: one table, so that a
// language is added in one place.
#pragma once

#include <string>

namespace octavo {

/// What a book says around the article's own text. Where a language has no word of its own the
/// default stands; the volume's title page and the landmarks say the English words in every
/// language (their entries are not translated yet).
struct Words {
    const char* notes = "Notes";         ///< the heading of an article's notes
    const char* by = "";                 ///< before a byline's authors ("By ")
    const char* last_and = " & ";        ///< between the last two names of a list
    const char* const* months = nullptr; ///< January to December; none: dates stay as given
    const char* edited_by = "Edited by ";
    const char* contents = "Contents";
    const char* contributors = "Contributors";
    const char* cover = "Cover";
    const char* title_page = "Title page";
    const char* start_of_content = "Start of content";
    /// The labels of GitHub's alerts: note, tip, important, warning, caution.
    const char* const* alerts = nullptr; ///< none: the English ones
};

/// The label of an alert of kind ("note", "tip", "important", "warning", "caution").
const char* alert_title(const Words& words, const std::string& kind);

/// The words for a language tag, by its primary language subtag as written ("en" for en-GB).
const Words& words_for(const std::string& lang);

} // namespace octavo
