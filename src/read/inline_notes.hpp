// Pandoc's inline notes, ^[text], as a cmark-gfm syntax extension, and the rewrite that makes
// them notes like the [^label] ones.
#pragma once

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <map>
#include <memory>
#include <vector>

namespace octavo {

/// What one parse's inline-note extension made: it lives as long as the parsed document.
struct InlineNotes {
    int options = 0;                  ///< the cmark options of the outer parse
    std::map<cmark_node*, int> notes; ///< each note made -> its line in the body
    /// The documents of the notes' text, kept while the document is: their text nodes point into
    /// the text of the paragraph they came from.
    std::vector<std::unique_ptr<cmark_node, void (*)(cmark_node*)>> docs;
};

using SyntaxExtension = std::unique_ptr<cmark_syntax_extension, void (*)(cmark_syntax_extension*)>;

/// A new inline-note extension whose private data is ctx (which outlives it).
SyntaxExtension inline_note_extension(InlineNotes& ctx);

/// Inline notes become note references and notes, numbered with the [^label] ones in the order
/// they come, as pandoc numbers them; cmark-gfm's notes (at the end of the document, in the order
/// of their first reference, numbered so) are put in that order too. Without inline notes nothing
/// changes. Returns the line (in the body) of each note made from an inline note.
std::map<cmark_node*, int> inline_notes_to_footnotes(cmark_node* doc, const InlineNotes& notes);

} // namespace octavo
