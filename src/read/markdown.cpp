#include "read/markdown.hpp"

#include <cmark-gfm-core-extensions.h>

#include <strings.h>
#include <vector>

#include "core/text.hpp"
#include "read/inline_notes.hpp"
#include "read/templates.hpp"

namespace octavo {

Result<Body> read_markdown_body(const Article& article, Warnings& warnings) {
    cmark_gfm_core_extensions_ensure_registered();
    int opts = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS | CMARK_OPT_NORMALIZE;
    std::unique_ptr<cmark_parser, void (*)(cmark_parser*)> parser(cmark_parser_new(opts),
                                                                  cmark_parser_free);
    for (const char* ext : {"table", "strikethrough", "autolink"}) {
        if (auto* e = cmark_find_syntax_extension(ext))
            cmark_parser_attach_syntax_extension(parser.get(), e);
    }
    Body body;
    auto inline_notes = std::make_shared<InlineNotes>(); // the tree's text nodes point into it
    inline_notes->options = opts;
    body.keep = inline_notes;
    auto notes_extension = inline_note_extension(*inline_notes);
    cmark_parser_attach_syntax_extension(parser.get(), notes_extension.get());
    // Liquid and Hugo shortcodes first, as the site generator reads them before the Markdown.
    const std::string text = expand_templates(article, warnings);
    cmark_parser_feed(parser.get(), text.data(), text.size());
    body.doc.reset(cmark_parser_finish(parser.get()));
    body.smart_quotes = true;
    body.note_lines = inline_notes_to_footnotes(body.doc.get(), *inline_notes);
    // Before the heading attributes are read: an id is made of text already cleaned.
    remove_forbidden_characters(body, article, warnings);
    body.heading_ids = take_heading_attributes(body.doc.get());
    body.pullquotes = take_pullquote_markers(body.doc.get());
    return body;
}

std::map<cmark_node*, std::string> take_heading_attributes(cmark_node* root) {
    std::map<cmark_node*, std::string> ids;
    for (cmark_node* h : nodes_of_type(root, CMARK_NODE_HEADING)) {
        std::vector<cmark_node*> texts; // the trailing text nodes, first to last
        for (cmark_node* c = cmark_node_last_child(h);
             c && cmark_node_get_type(c) == CMARK_NODE_TEXT; c = cmark_node_previous(c))
            texts.insert(texts.begin(), c);
        if (texts.empty()) continue;
        std::string text;
        for (cmark_node* t : texts)
            text += cmark_node_get_literal(t);
        auto id = octavo::take_heading_attributes(text);
        if (!id) continue;
        cmark_node_set_literal(texts[0], text.c_str());
        for (size_t k = 1; k < texts.size(); ++k)
            cmark_node_free(texts[k]);
        if (text.empty()) cmark_node_free(texts[0]);
        if (!id->empty()) ids[h] = *id;
    }
    return ids;
}

std::set<cmark_node*> take_pullquote_markers(cmark_node* root) {
    // The marker is the first text of the quote's first block.
    std::set<cmark_node*> pullquotes;
    for (cmark_node* n : nodes_of_type(root, CMARK_NODE_BLOCK_QUOTE)) {
        cmark_node* p = cmark_node_first_child(n);
        cmark_node* t = p ? cmark_node_first_child(p) : nullptr;
        const char* lit =
            t && cmark_node_get_type(t) == CMARK_NODE_TEXT ? cmark_node_get_literal(t) : nullptr;
        if (!lit || strncasecmp(lit, "[!PULLQUOTE]", 12) != 0) continue;
        std::string rest = collapse_space(lit + 12);
        cmark_node_set_literal(t, rest.c_str());
        cmark_node* next = cmark_node_next(t);
        if (rest.empty() && next &&
            (cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK ||
             cmark_node_get_type(next) == CMARK_NODE_LINEBREAK))
            cmark_node_free(next);
        pullquotes.insert(n);
    }
    return pullquotes;
}

} // namespace octavo
