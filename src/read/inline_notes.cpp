#include "read/inline_notes.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/text.hpp"
#include "read/pandoc_syntax.hpp"

namespace octavo {
namespace {

// Pandoc's inline notes, ^[text]: a cmark-gfm inline extension (one per parse, its context
// private to it) makes each one a node of its own type holding the note's inlines, which
// inline_notes_to_footnotes makes a note reference and a note like any other. The
// text is parsed by a parser of its own, where ^[ is text (no note in a note), reference links
// are not known, and bracket depth is bounded, so that finding the end of each note stays
// linear in the paragraph.
constexpr int max_inline_note_brackets = 32;

cmark_node_type inline_note_type() {
    static const cmark_node_type type = cmark_syntax_extension_add_node(1);
    return type;
}

// The offset of the ']' that closes the '[' at open (backslash escapes and code spans skipped,
// brackets nested up to max_inline_note_brackets), or -1. A run of backticks that nothing
// closes is text; after the first such run, backticks are all text: each search stays linear.
int closing_bracket(cmark_inline_parser* ip, int open) {
    int depth = 1;
    bool spans = true;
    for (int pos = open + 1;; ++pos) {
        unsigned char c = char_at(ip, pos);
        if (c == 0) return -1;
        if (c == '\\') {
            if (char_at(ip, pos + 1) != 0) ++pos;
        } else if (c == '`') {
            int run = 1;
            while (char_at(ip, pos + run) == '`')
                ++run;
            int end = -1; // the offset of the closing run
            for (int q = pos + run; spans && char_at(ip, q) != 0;) {
                int n = 0;
                while (char_at(ip, q + n) == '`')
                    ++n;
                if (n == run) {
                    end = q;
                    break;
                }
                q += n > 0 ? n : 1;
            }
            if (end < 0) spans = false;
            pos = (end < 0 ? pos : end) + run - 1;
        } else if (c == '[') {
            if (++depth > max_inline_note_brackets) return -1;
        } else if (c == ']' && --depth == 0) {
            return pos;
        }
    }
}

cmark_node* match_inline_note(cmark_syntax_extension* self, cmark_parser* outer, cmark_node* parent,
                              unsigned char c, cmark_inline_parser* ip) {
    if (c != '^') return nullptr;
    auto* ctx = static_cast<InlineNotes*>(cmark_syntax_extension_get_private(self));
    const int start = cmark_inline_parser_get_offset(ip);
    int close = char_at(ip, start + 1) == '[' ? closing_bracket(ip, start + 1) : -1;
    std::string text;
    for (int pos = start + 2; pos < close; ++pos)
        text += static_cast<char>(char_at(ip, pos));
    cmark_inline_parser_set_offset(ip, start);
    if (close < 0 || is_blank_text(text)) return nullptr;
    // Only where the parent may hold it: a table cell holds only what GFM's tables allow.
    cmark_node* note = cmark_node_new(inline_note_type());
    cmark_node_set_syntax_extension(note, self);
    if (!cmark_node_append_child(parent, note)) {
        cmark_node_free(note);
        return nullptr;
    }
    cmark_node_unlink(note); // appended again by the caller
    // "x " first, so that the text cannot open a block (a list, a heading, code), then taken off.
    {
        std::unique_ptr<cmark_parser, void (*)(cmark_parser*)> parser(
            cmark_parser_new(ctx->options), cmark_parser_free);
        cmark_parser_attach_syntax_extension(parser.get(), superscript_extension());
        for (const char* ext : {"strikethrough", "autolink"})
            if (auto* e = cmark_find_syntax_extension(ext))
                cmark_parser_attach_syntax_extension(parser.get(), e);
        std::string fed = "x " + text;
        cmark_parser_feed(parser.get(), fed.data(), fed.size());
        ctx->docs.emplace_back(cmark_parser_finish(parser.get()), cmark_node_free);
    }
    // cmark-gfm keeps the characters extensions react to in one table for all parsers, and a
    // parser's end takes its extensions' out: the outer parser's go back in (else ~~ after the
    // first inline note was text).
    cmark_manage_extensions_special_characters(outer, 1);
    cmark_node* para = cmark_node_first_child(ctx->docs.back().get());
    if (para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH) {
        cmark_node* first = cmark_node_first_child(para);
        if (first && cmark_node_get_type(first) == CMARK_NODE_TEXT) {
            std::string lit = cmark_node_get_literal(first);
            if (lit.rfind("x ", 0) == 0) lit.erase(0, 2);
            if (lit.empty())
                cmark_node_free(first);
            else
                cmark_node_set_literal(first, lit.c_str());
        }
        while (cmark_node* child = cmark_node_first_child(para)) {
            cmark_node_unlink(child);
            cmark_node_append_child(note, child);
        }
    }
    ctx->notes[note] = cmark_inline_parser_get_line(ip);
    cmark_inline_parser_set_offset(ip, close + 1);
    return note;
}

int inline_note_can_contain(cmark_syntax_extension*, cmark_node*, cmark_node_type child) {
    return (child & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE;
}

} // namespace

SyntaxExtension inline_note_extension(InlineNotes& ctx) {
    cmark_mem* mem = cmark_get_default_mem_allocator();
    cmark_syntax_extension* e = cmark_syntax_extension_new("octavo_inline_note");
    cmark_syntax_extension_set_match_inline_func(e, match_inline_note);
    cmark_syntax_extension_set_can_contain_func(e, inline_note_can_contain);
    cmark_syntax_extension_set_special_inline_chars(
        e, cmark_llist_append(mem, nullptr, reinterpret_cast<void*>(static_cast<uintptr_t>('^'))));
    cmark_syntax_extension_set_private(e, &ctx, nullptr);
    inline_note_type(); // the node type exists before any parse uses it
    return {e, [](cmark_syntax_extension* x) {
                cmark_syntax_extension_free(cmark_get_default_mem_allocator(), x);
            }};
}

std::map<cmark_node*, int> inline_notes_to_footnotes(cmark_node* doc, const InlineNotes& notes) {
    std::map<cmark_node*, int> lines;
    if (notes.notes.empty()) return lines;
    std::vector<cmark_node*> order; // note references and inline notes, as they come
    std::vector<cmark_node*> defs;  // cmark-gfm's notes: note k at k - 1
    {
        std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> it(cmark_iter_new(doc), cmark_iter_free);
        cmark_event_type ev;
        while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
            cmark_node* n = cmark_iter_get_node(it.get());
            auto type = cmark_node_get_type(n);
            if (ev != CMARK_EVENT_ENTER) continue;
            if (type == CMARK_NODE_FOOTNOTE_REFERENCE || type == inline_note_type())
                order.push_back(n);
            else if (type == CMARK_NODE_FOOTNOTE_DEFINITION && cmark_node_parent(n) == doc)
                defs.push_back(n);
        }
    }
    std::map<size_t, size_t> number; // cmark-gfm's number -> the new one
    std::vector<cmark_node*> by_number{nullptr};
    for (cmark_node* n : order) {
        if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_REFERENCE) {
            const char* lit = cmark_node_get_literal(n);
            long k = lit ? std::atol(lit) : 0;
            if (k <= 0 || static_cast<size_t>(k) > defs.size()) continue;
            auto [it, fresh] = number.emplace(static_cast<size_t>(k), by_number.size());
            if (fresh) by_number.push_back(defs[static_cast<size_t>(k) - 1]);
            cmark_node_set_literal(n, std::to_string(it->second).c_str());
            continue;
        }
        cmark_node* def = cmark_node_new(CMARK_NODE_FOOTNOTE_DEFINITION);
        cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
        cmark_node_append_child(def, para);
        while (cmark_node* child = cmark_node_first_child(n)) {
            cmark_node_unlink(child);
            cmark_node_append_child(para, child);
        }
        cmark_node* ref = cmark_node_new(CMARK_NODE_FOOTNOTE_REFERENCE);
        cmark_node_set_literal(ref, std::to_string(by_number.size()).c_str());
        by_number.push_back(def);
        auto line = notes.notes.find(n);
        lines[def] = line != notes.notes.end() ? line->second : 0;
        cmark_node_insert_before(n, ref);
        cmark_node_free(n);
    }
    for (cmark_node* d : defs)
        cmark_node_unlink(d);
    for (size_t k = 1; k < by_number.size(); ++k)
        cmark_node_append_child(doc, by_number[k]);
    // A note nothing refers to (cmark-gfm drops those already) would lead back to nothing.
    for (size_t k = 0; k < defs.size(); ++k)
        if (!number.count(k + 1)) cmark_node_free(defs[k]);
    return lines;
}

} // namespace octavo
