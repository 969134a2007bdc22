// Pandoc's syntax that cmark-gfm lacks, as cmark-gfm syntax extensions: definition lists and
// fenced divs (block), superscript and subscript (inline). cmark-gfm parses everything else in
// and around them; GitHub's alerts are a rewrite of block quotes (read/markdown.cpp).
#pragma once

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "read/body.hpp"
#include "read/inline_notes.hpp"

namespace octavo {

/// One parse's block extension and what it learns. Its nodes point at the extension: it lives as
/// long as the parsed document.
struct PandocSyntax {
    SyntaxExtension blocks{nullptr, nullptr};
    std::set<cmark_node*> closed_divs;         ///< while parsing: divs whose closing fence came
    std::map<cmark_node*, DivAttributes> divs; ///< each fenced div -> its attributes
};

/// The character at pos of an inline parser's text, or 0 past its end (peek_at does not look):
/// the inline extensions' one way of looking ahead.
inline unsigned char char_at(cmark_inline_parser* ip, int pos) {
    cmark_inline_parser_set_offset(ip, pos);
    return cmark_inline_parser_peek_char(ip);
}

/// The node types (each made once): a definition list holds terms (inlines) and definitions
/// (blocks); a fenced div holds blocks; superscript and subscript hold inlines.
cmark_node_type definition_list_type();
cmark_node_type definition_term_type();
cmark_node_type definition_type();
cmark_node_type fenced_div_type();
cmark_node_type superscript_type();
cmark_node_type subscript_type();

/// A new block extension for one parse, whose private data is ctx (which outlives it): a line
/// "::: attributes" opens a fenced div, a line ":::" closes the innermost one; after a term (a
/// paragraph of one line, then at most a blank line) or another definition, ": " or "~ " starts
/// a definition, continued by lines indented four spaces (and lazy paragraph lines), as pandoc's.
void attach_pandoc_blocks(cmark_parser* parser, PandocSyntax& ctx);

/// The inline extension of pandoc's ^superscript^ (no unescaped space inside; "\ " is a no-break
/// space), shared by every parse. What cmark-gfm parses inside inlines (emphasis, code, links,
/// raw HTML, entities) is never taken: such a run stays as it was.
cmark_syntax_extension* superscript_extension();

/// Pandoc's ~subscript~ in the text nodes (joined) of a parse with
/// CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE: a single "~", text without white space, a single "~"
/// ("~~" stays strikethrough; a "~" escaped with a backslash cannot be told from one written
/// bare, since cmark-gfm gives both as text).
void make_subscripts(cmark_node* root);

/// After the parse: each definition goes with the term (a paragraph) or the definitions before
/// it into a definition list. Returns the tight definitions: one paragraph with no blank line
/// before it, shown without a <p> as in a tight list.
std::set<cmark_node*> make_definition_lists(cmark_node* root);

} // namespace octavo
