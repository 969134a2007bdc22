// Rewrites of cmark-gfm's tree before it is rendered. Each walks the tree first and changes it
// after, or changes only the literal of the node it is at (cmark allows nothing else while an
// iterator is on the tree).
#pragma once

#include <cmark-gfm.h>

#include <functional>
#include <map>
#include <set>
#include <string>

#include "core/error.hpp"
#include "render/typography.hpp"

namespace octavo {

/// Quotes in the article's language: a pass over the text nodes, each block starting afresh.
void localize_punctuation(cmark_node* root, QuoteStyle style);

/// Pandoc's {#id .class} at the end of a heading: removed from its text (the text nodes it ends
/// with, which smart punctuation splits at quotes). Returns the ids given, by heading.
std::map<cmark_node*, std::string> take_heading_attributes(cmark_node* root);

/// cmark-gfm decodes character references after normalize_text has cleaned the input, so
/// "&#x1;" or "&#xFFFE;" would reach the book (epubcheck: RSC-016, a fatal error): cleans every
/// string of the tree again, with a warning per line (line_of, in source) as for the input.
void remove_forbidden_characters(cmark_node* root, const std::string& source,
                                 const std::function<int(cmark_node*)>& line_of,
                                 Warnings& warnings);

/// Block quotes whose text starts with "[!PULLQUOTE]" lose that marker (and the line break after
/// it when nothing else is on its line). Returns them: they are rendered as pull quotes.
std::set<cmark_node*> take_pullquote_markers(cmark_node* root);

} // namespace octavo
