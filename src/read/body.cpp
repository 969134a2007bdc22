#include "read/body.hpp"

#include <algorithm>
#include <cstdlib>
#include <new>
#include <string_view>

#include "core/text.hpp"
#include "read/html.hpp"
#include "read/markdown.hpp"

namespace octavo {

namespace {

// cmark-gfm's own allocator aborts the process when memory runs out; these throw instead, so
// that a failed allocation while reading is the "out of memory" error every other one gives.
void* calloc_or_throw(size_t count, size_t size) {
    void* p = std::calloc(count, size);
    if (!p && count && size) throw std::bad_alloc();
    return p;
}

void* realloc_or_throw(void* old, size_t size) {
    void* p = std::realloc(old, size);
    if (!p && size) throw std::bad_alloc();
    return p;
}

// Plain text: blank lines separate paragraphs, lines inside a paragraph join.
Body read_plain_text_body(const Article& article) {
    Body body;
    body.doc.reset(cmark_node_new(CMARK_NODE_DOCUMENT));
    const std::string& b = article.body;
    size_t pos = 0;
    while (pos < b.size()) {
        size_t end = b.find("\n\n", pos);
        std::string para =
            collapse_space(b.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
        if (!para.empty()) {
            cmark_node* p = cmark_node_new(CMARK_NODE_PARAGRAPH);
            cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
            cmark_node_set_literal(t, para.c_str());
            cmark_node_append_child(p, t);
            cmark_node_append_child(body.doc.get(), p);
        }
        if (end == std::string::npos) break;
        pos = end + 2;
    }
    return body;
}
} // namespace

void make_cmark_allocations_throw() {
    static const bool done = [] {
        cmark_mem* mem = cmark_get_default_mem_allocator();
        mem->calloc = calloc_or_throw;
        mem->realloc = realloc_or_throw;
        return true;
    }();
    (void)done;
}

std::vector<cmark_node*> nodes_of_type(cmark_node* root, cmark_node_type type) {
    std::vector<cmark_node*> nodes;
    CmarkIter it(cmark_iter_new(root), cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE)
        if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(cmark_iter_get_node(it.get())) == type)
            nodes.push_back(cmark_iter_get_node(it.get()));
    return nodes;
}

int line_of(const Body& body, const Article& article, cmark_node* n) {
    int l = cmark_node_get_start_line(n);
    // An inline note's text was parsed apart: its lines count from the note's.
    for (cmark_node* p = n; p && !body.note_lines.empty(); p = cmark_node_parent(p))
        if (auto it = body.note_lines.find(p); it != body.note_lines.end() && it->second > 0)
            return it->second + std::max(l, 1) - 1 + article.body_line - 1;
    return l > 0 ? l + article.body_line - 1 : 0;
}

Result<Body> read_body(const Article& article, Warnings& warnings) {
    make_cmark_allocations_throw();
    if (article.format == Format::text) return read_plain_text_body(article);
    if (article.format == Format::html) return read_html_body(article, warnings);
    return read_markdown_body(article, warnings);
}

void remove_forbidden_characters(const Body& body, const Article& article, Warnings& warnings) {
    cmark_node* root = body.doc.get();
    const std::string& source = article.source;
    auto line_of = [&](cmark_node* n) { return octavo::line_of(body, article, n); };
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
    CmarkIter it(cmark_iter_new(root), cmark_iter_free);
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

} // namespace octavo
