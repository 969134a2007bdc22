#include "render/rewrite.hpp"

#include <algorithm>
#include <memory>
#include <string_view>
#include <strings.h>
#include <vector>

#include "core/text.hpp"

namespace octavo {

namespace {
using Iter = std::unique_ptr<cmark_iter, void (*)(cmark_iter*)>;
} // namespace

void localize_punctuation(cmark_node* root, QuoteStyle style) {
    QuoteState state;
    Iter it(cmark_iter_new(root), cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(it.get());
        if (ev != CMARK_EVENT_ENTER) continue;
        auto type = cmark_node_get_type(n);
        if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) state = {};
        if (type == CMARK_NODE_TEXT) {
            std::string lit = localize_quotes(cmark_node_get_literal(n), style, state);
            cmark_node_set_literal(n, lit.c_str());
        }
    }
}

std::map<cmark_node*, std::string> take_heading_attributes(cmark_node* root) {
    std::map<cmark_node*, std::string> ids;
    std::vector<cmark_node*> headings;
    Iter it(cmark_iter_new(root), cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE)
        if (ev == CMARK_EVENT_ENTER &&
            cmark_node_get_type(cmark_iter_get_node(it.get())) == CMARK_NODE_HEADING)
            headings.push_back(cmark_iter_get_node(it.get()));
    for (cmark_node* h : headings) {
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

void remove_forbidden_characters(cmark_node* root, const std::string& source,
                                 const std::function<int(cmark_node*)>& line_of,
                                 Warnings& warnings) {
    int warned_line = 0;
    auto clean = [&](cmark_node* n, const char* s, int line, int (*set)(cmark_node*, const char*)) {
        if (!s || !*s) return;
        std::string_view text(s);
        bool plain = std::all_of(text.begin(), text.end(), [](char ch) {
            auto c = static_cast<unsigned char>(ch);
            return c >= 0x20 && c < 0x80;
        });
        if (plain) return; // the common case: nothing to remove
        std::string kept = remove_xml_forbidden(text, source, line, warned_line, warnings);
        if (kept != text) set(n, kept.c_str());
    };
    Iter it(cmark_iter_new(root), cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(it.get());
        if (ev != CMARK_EVENT_ENTER) continue;
        int line = line_of(n);
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_CODE_BLOCK: {
            int length = 0, offset = 0;
            char fence = 0;
            if (cmark_node_get_fenced(n, &length, &offset, &fence) && line > 0)
                ++line; // the code starts below the fence
            clean(n, cmark_node_get_literal(n), line, cmark_node_set_literal);
            clean(n, cmark_node_get_fence_info(n), line_of(n), cmark_node_set_fence_info);
            break;
        }
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_HTML_BLOCK:
            clean(n, cmark_node_get_literal(n), line, cmark_node_set_literal);
            break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
            clean(n, cmark_node_get_url(n), line, cmark_node_set_url);
            clean(n, cmark_node_get_title(n), line, cmark_node_set_title);
            break;
        default:
            break;
        }
    }
}

std::set<cmark_node*> take_pullquote_markers(cmark_node* root) {
    std::vector<cmark_node*> quotes;
    Iter it(cmark_iter_new(root), cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE)
        if (ev == CMARK_EVENT_ENTER &&
            cmark_node_get_type(cmark_iter_get_node(it.get())) == CMARK_NODE_BLOCK_QUOTE)
            quotes.push_back(cmark_iter_get_node(it.get()));
    it.reset();
    // The marker is the first text of the quote's first block.
    std::set<cmark_node*> pullquotes;
    for (cmark_node* n : quotes) {
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
