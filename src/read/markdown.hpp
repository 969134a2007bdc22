// The Markdown reader: cmark-gfm with its table, strikethrough and autolink extensions, footnotes
// and smart punctuation, plus what pandoc and GitHub writers add (inline notes, heading
// attributes, pull quote markers, GitHub's alerts; definition lists, fenced divs, superscript and
// subscript in read/pandoc_syntax.hpp).
#pragma once

#include <map>
#include <set>
#include <string>

#include "read/body.hpp"

namespace octavo {

/// The body of a Markdown article.
Result<Body> read_markdown_body(const Article& article, Warnings& warnings);

/// Pandoc's {#id .class} at the end of a heading: removed from its text (the text nodes it ends
/// with, which smart punctuation splits at quotes). Returns the ids given, by heading.
std::map<cmark_node*, std::string> take_heading_attributes(cmark_node* root);

/// Block quotes whose text starts with "[!PULLQUOTE]" lose that marker (and the line break after
/// it when nothing else is on its line). Returns them: they are rendered as pull quotes.
std::set<cmark_node*> take_pullquote_markers(cmark_node* root);

/// Block quotes whose first line is GitHub's alert marker ("[!NOTE]", TIP, IMPORTANT, WARNING,
/// CAUTION, in any case) alone, with something after it, lose that line. Returns them with their
/// kind ("note"...): they are rendered as labelled asides.
std::map<cmark_node*, std::string> take_alert_markers(cmark_node* root);

} // namespace octavo
