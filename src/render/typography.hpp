// Typographic punctuation per language. cmark-gfm's smart punctuation turns straight quotes,
// "--", "---" and "..." into English curly quotes, dashes and an ellipsis; these functions turn
// the quotes into the conventions of languages that differ.
#pragma once

#include <string>
#include <string_view>

namespace octavo {

/// How a language quotes.
enum class QuoteStyle {
    english, ///< “ ” and ‘ ’ (left as cmark writes them)
    french,  ///< « » with no-break spaces inside, a narrow no-break space before ; ! ? and a
             ///< no-break space before :
    german,  ///< „ “ and ‚ ‘
};

/// The quote style of a BCP 47 tag: fr* is French, de* German, anything else English.
QuoteStyle quote_style(std::string_view lang);

/// What a run of text leaves open for the next run of the same paragraph.
struct QuoteState {
    int single_open = 0; ///< German: ‚ opened and not yet closed (’ is otherwise an apostrophe)
};

/// Rewrites English curly quotes in one run of text (a text node) into style's conventions.
/// Apostrophes stay ’. For English the text is returned unchanged.
std::string localize_quotes(std::string_view text, QuoteStyle style, QuoteState& state);

} // namespace octavo
