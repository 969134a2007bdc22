#include "read/markdown.hpp"

#include <cmark-gfm-core-extensions.h>

#include <cstring>
#include <strings.h>
#include <vector>

#include "core/text.hpp"
#include "read/inline_notes.hpp"
#include "read/templates.hpp"
#include "read/pandoc_syntax.hpp"

namespace octavo {

Result<Body> read_markdown_body(const Article& article, Warnings& warnings) {
    cmark_gfm_core_extensions_ensure_registered();
    // A single tilde is pandoc's subscript's (make_subscripts), not strikethrough's.
    int opts = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS | CMARK_OPT_NORMALIZE |
               CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
    std::unique_ptr<cmark_parser, void (*)(cmark_parser*)> parser(cmark_parser_new(opts),
                                                                  cmark_parser_free);
    Body body;
    auto syntax = std::make_shared<PandocSyntax>(); // the tree's nodes point at its extension
    body.syntax = syntax;
    // Before the table's: it answers every line after a paragraph, table or not.
    attach_pandoc_blocks(parser.get(), *syntax);
    cmark_parser_attach_syntax_extension(parser.get(), superscript_extension());
    for (const char* ext : {"table", "strikethrough", "autolink"}) {
        if (auto* e = cmark_find_syntax_extension(ext))
            cmark_parser_attach_syntax_extension(parser.get(), e);
    }
    auto inline_notes = std::make_shared<InlineNotes>(); // the tree's text nodes point into it
    inline_notes->options = opts;
    body.keep = inline_notes;
    auto notes_extension = inline_note_extension(*inline_notes);
    cmark_parser_attach_syntax_extension(parser.get(), notes_extension.get());
    // Liquid and Hugo shortcodes first, as the site generator reads them before the Markdown.
    const std::string text = expand_templates(article, warnings);
    cmark_parser_feed(parser.get(), text.data(), text.size());
    body.doc.reset(cmark_parser_finish(parser.get()));
    make_subscripts(body.doc.get());
    body.smart_quotes = true;
    body.note_lines = inline_notes_to_footnotes(body.doc.get(), *inline_notes);
    // Before the heading attributes are read: an id is made of text already cleaned.
    remove_forbidden_characters(body, article, warnings);
    body.heading_ids = take_heading_attributes(body.doc.get());
    body.pullquotes = take_pullquote_markers(body.doc.get());
    body.alerts = take_alert_markers(body.doc.get());
    body.tight_definitions = make_definition_lists(body.doc.get());
    body.divs = std::move(syntax->divs);
    syntax->closed_divs.clear();
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

std::map<cmark_node*, std::string> take_alert_markers(cmark_node* root) {
    static const char* const kinds[] = {"note", "tip", "important", "warning", "caution"};
    std::map<cmark_node*, std::string> alerts;
    for (cmark_node* n : nodes_of_type(root, CMARK_NODE_BLOCK_QUOTE)) {
        cmark_node* p = cmark_node_first_child(n);
        cmark_node* t = p && cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH
                            ? cmark_node_first_child(p)
                            : nullptr;
        const char* lit =
            t && cmark_node_get_type(t) == CMARK_NODE_TEXT ? cmark_node_get_literal(t) : nullptr;
        if (!lit || lit[0] != '[' || lit[1] != '!') continue;
        const char* kind = nullptr;
        for (const char* k : kinds)
            if (strncasecmp(lit + 2, k, std::strlen(k)) == 0 &&
                std::strcmp(lit + 2 + std::strlen(k), "]") == 0)
                kind = k;
        // As GitHub's: the marker alone on the quote's first line, and something after it.
        cmark_node* next = cmark_node_next(t);
        auto next_type = next ? cmark_node_get_type(next) : CMARK_NODE_NONE;
        if (!kind ||
            (next && next_type != CMARK_NODE_SOFTBREAK && next_type != CMARK_NODE_LINEBREAK))
            continue;
        if (!next && !cmark_node_next(p)) continue;
        cmark_node_free(t);
        if (next) cmark_node_free(next);
        if (!cmark_node_first_child(p)) cmark_node_free(p);
        alerts[n] = kind;
    }
    return alerts;
}

} // namespace octavo
