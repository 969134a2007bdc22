// What every reader hands over to the renderer: the article's body as a cmark-gfm document tree.
// Notes, ids, links, figures, typography, splitting and what validators refuse are the
// renderer's and the book's rules on that tree, so they hold for a body of any syntax alike; a
// reader of another syntax (HTML, a feed's entry) builds the same node types.
#pragma once

#include <cmark-gfm.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "octavo/article.hpp"

namespace octavo {

struct InlineNotes;
struct PandocSyntax;

/// What a fenced div's opening fence gives ("::: {#id .warning lang=fr}"), as written.
struct DivAttributes {
    std::string id;
    std::vector<std::string> classes;
    std::string lang, dir;
};

/// Makes cmark-gfm's default allocator throw std::bad_alloc where it would abort the process
/// (once; every parser and node uses that allocator, so one change covers them all). Called
/// before octavo's first use of cmark-gfm in a run: reading a title, reading a body.
void make_cmark_allocations_throw();

/// An iterator over a cmark-gfm tree, freed with it.
using CmarkIter = std::unique_ptr<cmark_iter, void (*)(cmark_iter*)>;

/// The nodes of root of one type, in document order: collected first, so that the caller may
/// change the tree (cmark allows no change while an iterator is on it).
std::vector<cmark_node*> nodes_of_type(cmark_node* root, cmark_node_type type);

struct Body {
    /// What the tree's text may point into (read/inline_notes.hpp): freed after the tree.
    std::shared_ptr<InlineNotes> keep;
    /// The extension the tree's definition lists and divs point at (read/pandoc_syntax.hpp).
    std::shared_ptr<PandocSyntax> syntax;
    std::unique_ptr<cmark_node, void (*)(cmark_node*)> doc{nullptr, cmark_node_free};
    /// What the input's syntax said that the tree cannot hold:
    std::map<cmark_node*, int>
        note_lines; ///< a note made of an inline note -> its line in the body
    std::map<cmark_node*, std::string> heading_ids; ///< ids the input gave headings ({#id})
    std::set<cmark_node*> pullquotes;               ///< block quotes shown as pull quotes
    std::map<cmark_node*, std::string> alerts;      ///< block quotes shown as alerts -> kind
    std::map<cmark_node*, DivAttributes> divs;      ///< fenced divs -> their attributes
    std::set<cmark_node*> tight_definitions;        ///< definitions shown without a <p>
    /// Quotes were made typographic in English (cmark-gfm's smart punctuation) and are
    /// adapted to the article's language.
    bool smart_quotes = false;
};

/// The line of the article's file where node n starts; 0 when unknown.
int line_of(const Body& body, const Article& article, cmark_node* n);

/// The article's body, read by the reader of its format (Markdown: read/markdown.cpp; plain
/// text: paragraphs between blank lines, lines in a paragraph joined).
Result<Body> read_body(const Article& article, Warnings& warnings);

/// cmark-gfm decodes character references after the input was cleaned, so "&#x1;" or "&#xFFFE;"
/// would reach the book (epubcheck: RSC-016, a fatal error): cleans every string of the tree
/// again, with a warning per line as for the input. A reader hands over a tree with no such
/// character: the Markdown reader calls this; plain text is the input cleaned (normalize_text).
void remove_forbidden_characters(const Body& body, const Article& article, Warnings& warnings);

} // namespace octavo
