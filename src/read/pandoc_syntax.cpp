#include "read/pandoc_syntax.hpp"

#include <cctype>
#include <cstdint>
#include <cstring>

#include "read/body.hpp"

namespace octavo {
namespace {

// Definitions and divs nest at most this deep: deeper markers stay text, as list markers do
// past cmark-gfm's own bound.
constexpr int max_block_depth = 64;

bool space(unsigned char c) {
    return c == ' ' || c == '\t';
}
bool line_end(const unsigned char* s, int pos, int len) {
    return pos >= len || s[pos] == '\n' || s[pos] == '\r';
}

int depth_of(cmark_node* n) {
    int d = 0;
    for (; n && d <= max_block_depth; n = cmark_node_parent(n))
        ++d;
    return d;
}

// A paragraph of one line that is not blank: what a term is.
bool one_line(cmark_node* para) {
    if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) return false;
    const char* s = cmark_node_get_string_content(para);
    if (!s) return false;
    std::string_view text(s);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || space(text.back())))
        text.remove_suffix(1);
    return !text.empty() && text.find('\n') == std::string_view::npos;
}

// A fenced div's attributes: "{#id .class key=value key="value"}" or a bare class name. False
// when the text is neither (then the line is no fence).
bool parse_div_attributes(std::string_view text, DivAttributes& out) {
    auto name = [](std::string_view w, std::string_view extra) {
        if (w.empty()) return false;
        for (char c : w)
            if (!std::isalnum(static_cast<unsigned char>(c)) &&
                extra.find(c) == std::string_view::npos)
                return false;
        return true;
    };
    if (text.empty()) return false;
    if (text.front() != '{') {
        if (!name(text, "_-.")) return false;
        out.classes.emplace_back(text);
        return true;
    }
    if (text.back() != '}') return false;
    text = text.substr(1, text.size() - 2);
    size_t i = 0;
    bool any = false;
    while (i < text.size()) {
        if (space(text[i])) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < text.size() && !space(text[j]) && text[j] != '=')
            ++j;
        std::string_view token = text.substr(i, j - i);
        if (j < text.size() && text[j] == '=') {
            if (!name(token, "_-:")) return false;
            std::string_view value;
            if (++j < text.size() && text[j] == '"') {
                size_t k = text.find('"', j + 1);
                if (k == std::string_view::npos) return false;
                value = text.substr(j + 1, k - j - 1);
                j = k + 1;
            } else {
                size_t k = j;
                while (k < text.size() && !space(text[k]))
                    ++k;
                value = text.substr(j, k - j);
                j = k;
            }
            if (token == "lang") out.lang = value;
            if (token == "dir") out.dir = value;
        } else if (token.size() > 1 && token[0] == '#') {
            if (!out.id.empty() || !name(token.substr(1), "_-.:")) return false;
            out.id = token.substr(1);
        } else if (token.size() > 1 && token[0] == '.') {
            out.classes.emplace_back(token.substr(1)); // the renderer keeps what CSS can name
        } else if (token != "-") {
            return false;
        }
        any = true;
        i = j;
    }
    return any;
}

// The colons of a fence at pos: their count, 0 when fewer than three.
int fence_colons(const unsigned char* input, int pos, int len) {
    int n = 0;
    while (pos + n < len && input[pos + n] == ':')
        ++n;
    return n >= 3 ? n : 0;
}

bool closing_fence(const unsigned char* input, int pos, int len) {
    int n = fence_colons(input, pos, len);
    if (!n) return false;
    for (pos += n; !line_end(input, pos, len); ++pos)
        if (!space(input[pos])) return false;
    return true;
}

// Consumes the rest of the line but its end: cmark-gfm reads that as the end of a blank line.
void to_line_end(cmark_parser* parser, unsigned char* input, int len) {
    int end = len;
    while (end > 0 && (input[end - 1] == '\n' || input[end - 1] == '\r'))
        --end;
    int count = end - cmark_parser_get_offset(parser);
    if (count > 0) cmark_parser_advance_offset(parser, reinterpret_cast<char*>(input), count, 0);
}

cmark_node* open_div(cmark_syntax_extension* self, cmark_parser* parser, cmark_node* parent,
                     unsigned char* input, int len, int pos) {
    int p = pos + fence_colons(input, pos, len);
    while (!line_end(input, p, len) && space(input[p]))
        ++p;
    int start = p;
    if (!line_end(input, p, len) && input[p] == '{') {
        while (!line_end(input, p, len) && input[p] != '}')
            ++p;
        if (line_end(input, p, len)) return nullptr;
        ++p;
    } else {
        while (!line_end(input, p, len) && !space(input[p]) && input[p] != ':')
            ++p;
    }
    DivAttributes attrs;
    std::string_view text(reinterpret_cast<const char*>(input) + start, p - start);
    if (!parse_div_attributes(text, attrs)) return nullptr;
    while (!line_end(input, p, len) && (space(input[p]) || input[p] == ':'))
        ++p;
    if (!line_end(input, p, len)) return nullptr;
    auto* ctx = static_cast<PandocSyntax*>(cmark_syntax_extension_get_private(self));
    cmark_node* div = cmark_parser_add_child(parser, parent, fenced_div_type(), pos + 1);
    cmark_node_set_syntax_extension(div, self);
    ctx->divs[div] = std::move(attrs);
    to_line_end(parser, input, len);
    return div;
}

cmark_node* open_definition(cmark_syntax_extension* self, cmark_parser* parser, cmark_node* parent,
                            unsigned char* input, int pos) {
    // Its term: the one-line paragraph being read, or one just before (after a blank line), or
    // the definition before it.
    if (cmark_node_get_type(parent) != CMARK_NODE_PARAGRAPH) {
        cmark_node* last = cmark_node_last_child(parent);
        if (!last || (!one_line(last) && cmark_node_get_type(last) != definition_type()))
            return nullptr;
    } else if (!one_line(parent)) {
        return nullptr; // a line of a longer paragraph
    }
    cmark_node* dd = cmark_parser_add_child(parser, parent, definition_type(), pos + 1);
    cmark_node_set_syntax_extension(dd, self);
    char* in = reinterpret_cast<char*>(input);
    cmark_parser_advance_offset(parser, in, pos + 1 - cmark_parser_get_offset(parser), 0);
    while (space(input[cmark_parser_get_offset(parser)]))
        cmark_parser_advance_offset(parser, in, 1, 1);
    return dd;
}

cmark_node* open_block(cmark_syntax_extension* self, int indented, cmark_parser* parser,
                       cmark_node* parent, unsigned char* input, int len) {
    if (indented || depth_of(parent) > max_block_depth) return nullptr;
    int pos = cmark_parser_get_first_nonspace(parser);
    if (pos >= len) return nullptr;
    if (fence_colons(input, pos, len)) return open_div(self, parser, parent, input, len, pos);
    if ((input[pos] == ':' || input[pos] == '~') && pos + 1 < len && space(input[pos + 1]))
        return open_definition(self, parser, parent, input, pos);
    return nullptr;
}

int match_block(cmark_syntax_extension* self, cmark_parser* parser, unsigned char* input, int len,
                cmark_node* container) {
    char* in = reinterpret_cast<char*>(input);
    if (cmark_node_get_type(container) == fenced_div_type()) {
        auto* ctx = static_cast<PandocSyntax*>(cmark_syntax_extension_get_private(self));
        if (ctx->closed_divs.count(container)) return 0;
        if (cmark_parser_get_indent(parser) < 4 &&
            closing_fence(input, cmark_parser_get_first_nonspace(parser), len)) {
            // The innermost open div takes the fence.
            cmark_node* last = cmark_node_last_child(container);
            if (last && cmark_node_get_type(last) == fenced_div_type() &&
                !ctx->closed_divs.count(last))
                return 1;
            ctx->closed_divs.insert(container);
            to_line_end(parser, input, len);
        }
        return 1;
    }
    if (cmark_node_get_type(container) == definition_type()) {
        if (cmark_parser_is_blank(parser)) {
            if (!cmark_node_first_child(container)) return 0;
            cmark_parser_advance_offset(
                parser, in,
                cmark_parser_get_first_nonspace(parser) - cmark_parser_get_offset(parser), 0);
            return 1;
        }
        if (cmark_parser_get_indent(parser) >= 4) {
            cmark_parser_advance_offset(parser, in, 4, 1);
            return 1;
        }
    }
    return 0;
}

const char* type_string(cmark_syntax_extension*, cmark_node* n) {
    auto t = cmark_node_get_type(n);
    if (t == definition_list_type()) return "definition_list";
    if (t == definition_term_type()) return "definition_term";
    if (t == definition_type()) return "definition";
    if (t == fenced_div_type()) return "fenced_div";
    if (t == superscript_type()) return "superscript";
    if (t == subscript_type()) return "subscript";
    return "<unknown>";
}

bool is_inline(cmark_node_type t) {
    return (t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE;
}
bool is_block(cmark_node_type t) {
    return (t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

int can_contain(cmark_syntax_extension*, cmark_node* n, cmark_node_type child) {
    auto t = cmark_node_get_type(n);
    if (t == definition_list_type())
        return child == definition_term_type() || child == definition_type();
    if (t == definition_term_type() || t == superscript_type() || t == subscript_type())
        return is_inline(child);
    if (t == definition_type() || t == fenced_div_type())
        return is_block(child) && child != CMARK_NODE_ITEM && child != definition_term_type();
    return 0;
}

cmark_node* match_superscript(cmark_syntax_extension* self, cmark_parser*, cmark_node* parent,
                              unsigned char c, cmark_inline_parser* ip) {
    if (c != '^') return nullptr;
    const int start = cmark_inline_parser_get_offset(ip);
    auto none = [&]() -> cmark_node* {
        cmark_inline_parser_set_offset(ip, start);
        return nullptr;
    };
    // ^[ is an inline note; [^ a note reference.
    if (char_at(ip, start + 1) == '[' || (start > 0 && char_at(ip, start - 1) == '['))
        return none();
    std::string text;
    int pos = start + 1;
    for (;; ++pos) {
        unsigned char ch = char_at(ip, pos);
        if (ch == c) break;
        if (ch == 0 || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
            std::strchr("*_`[]<&", ch))
            return none();
        if (ch == '\\') {
            unsigned char e = char_at(ip, pos + 1);
            if (e == ' ') {
                text += "\xC2\xA0"; // pandoc's escaped space
                ++pos;
                continue;
            }
            if (e && std::ispunct(e)) {
                text += static_cast<char>(e);
                ++pos;
                continue;
            }
        }
        text += static_cast<char>(ch);
    }
    if (text.empty()) return none();
    cmark_node* node = cmark_node_new(superscript_type());
    cmark_node_set_syntax_extension(node, self);
    // Only where the parent may hold it.
    if (!cmark_node_append_child(parent, node)) {
        cmark_node_free(node);
        return none();
    }
    cmark_node_unlink(node); // appended again by the caller
    cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(t, text.c_str());
    cmark_node_append_child(node, t);
    cmark_inline_parser_set_offset(ip, pos + 1);
    return node;
}

void unwrap(cmark_node* n) {
    while (cmark_node* c = cmark_node_first_child(n))
        cmark_node_insert_before(n, c);
    cmark_node_free(n);
}

int end_line_of(cmark_node* n) {
    cmark_node* last = cmark_node_last_child(n);
    return cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH || !last ? cmark_node_get_end_line(n)
                                                                   : cmark_node_get_end_line(last);
}

} // namespace

cmark_node_type definition_list_type() {
    static const cmark_node_type t = cmark_syntax_extension_add_node(0);
    return t;
}
cmark_node_type definition_term_type() {
    static const cmark_node_type t = cmark_syntax_extension_add_node(0);
    return t;
}
cmark_node_type definition_type() {
    static const cmark_node_type t = cmark_syntax_extension_add_node(0);
    return t;
}
cmark_node_type fenced_div_type() {
    static const cmark_node_type t = cmark_syntax_extension_add_node(0);
    return t;
}
cmark_node_type superscript_type() {
    static const cmark_node_type t = cmark_syntax_extension_add_node(1);
    return t;
}
cmark_node_type subscript_type() {
    static const cmark_node_type t = cmark_syntax_extension_add_node(1);
    return t;
}

void attach_pandoc_blocks(cmark_parser* parser, PandocSyntax& ctx) {
    for (auto f : {definition_list_type, definition_term_type, definition_type, fenced_div_type})
        f(); // the types exist before any parse uses them
    cmark_syntax_extension* e = cmark_syntax_extension_new("octavo_pandoc_blocks");
    cmark_syntax_extension_set_open_block_func(e, open_block);
    cmark_syntax_extension_set_match_block_func(e, match_block);
    cmark_syntax_extension_set_get_type_string_func(e, type_string);
    cmark_syntax_extension_set_can_contain_func(e, can_contain);
    cmark_syntax_extension_set_private(e, &ctx, nullptr);
    ctx.blocks = {e, [](cmark_syntax_extension* x) {
                      cmark_syntax_extension_free(cmark_get_default_mem_allocator(), x);
                  }};
    cmark_parser_attach_syntax_extension(parser, e);
}

cmark_syntax_extension* superscript_extension() {
    // One for the process, never freed: the nodes of every parse point at it.
    static cmark_syntax_extension* const e = [] {
        superscript_type();
        subscript_type();
        cmark_mem* mem = cmark_get_default_mem_allocator();
        cmark_syntax_extension* x = cmark_syntax_extension_new("octavo_superscript");
        cmark_syntax_extension_set_match_inline_func(x, match_superscript);
        cmark_syntax_extension_set_get_type_string_func(x, type_string);
        cmark_syntax_extension_set_can_contain_func(x, can_contain);
        cmark_llist* chars = nullptr;
        chars = cmark_llist_append(mem, chars, reinterpret_cast<void*>(uintptr_t{'^'}));
        cmark_syntax_extension_set_special_inline_chars(x, chars);
        return x;
    }();
    return e;
}

void make_subscripts(cmark_node* root) {
    for (cmark_node* t : nodes_of_type(root, CMARK_NODE_TEXT)) {
        const std::string lit = cmark_node_get_literal(t);
        if (lit.find('~') == std::string::npos) continue;
        // Only where the parent may hold one (a table's cell may not: the text stays as it is;
        // a subscript that cmark would not insert was lost, and leaked).
        cmark_node* probe = cmark_node_new(subscript_type());
        const bool fits = cmark_node_insert_before(t, probe);
        cmark_node_free(probe);
        if (!fits) continue;
        std::string before; // the text before the next subscript
        size_t i = 0, n = lit.size();
        bool made = false;
        while (i < n) {
            size_t open = lit.find('~', i);
            if (open == std::string::npos) break;
            // A run of several is not a subscript's: strikethrough's, or text.
            if ((open > 0 && lit[open - 1] == '~') || (open + 1 < n && lit[open + 1] == '~')) {
                size_t k = open;
                while (k < n && lit[k] == '~')
                    ++k;
                before.append(lit, i, k - i);
                i = k;
                continue;
            }
            size_t j = open + 1;
            std::string inner;
            for (; j < n && lit[j] != '~'; ++j) {
                if (lit[j] == '\\' && j + 1 < n && lit[j + 1] == ' ') {
                    inner += "\xC2\xA0"; // pandoc's escaped space: a no-break space
                    ++j;
                } else if (std::isspace(static_cast<unsigned char>(lit[j]))) {
                    break;
                } else {
                    inner += lit[j];
                }
            }
            if (j == n || lit[j] != '~' || j == open + 1 || (j + 1 < n && lit[j + 1] == '~')) {
                before.append(lit, i, j - i); // the scan goes on from where it stopped
                i = j;
                continue;
            }
            before.append(lit, i, open - i);
            if (!before.empty()) {
                cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
                cmark_node_set_literal(text, before.c_str());
                cmark_node_insert_before(t, text);
                before.clear();
            }
            cmark_node* sub = cmark_node_new(subscript_type());
            cmark_node_set_syntax_extension(sub, superscript_extension());
            cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
            cmark_node_set_literal(text, inner.c_str());
            cmark_node_append_child(sub, text);
            cmark_node_insert_before(t, sub);
            made = true;
            i = j + 1;
        }
        if (!made) continue;
        before.append(lit, std::min(i, n), std::string::npos);
        if (before.empty())
            cmark_node_free(t);
        else
            cmark_node_set_literal(t, before.c_str());
    }
}

std::set<cmark_node*> make_definition_lists(cmark_node* root) {
    std::set<cmark_node*> tight;
    for (cmark_node* dd : nodes_of_type(root, definition_type())) {
        cmark_node* prev = cmark_node_previous(dd);
        auto prev_type = prev ? cmark_node_get_type(prev) : CMARK_NODE_NONE;
        cmark_node* dl = nullptr;
        int before = 0; // the last line of what the definition follows
        if (prev_type == definition_list_type()) {
            dl = prev;
            before = end_line_of(cmark_node_last_child(prev));
        } else if (prev_type == CMARK_NODE_PARAGRAPH) {
            before = cmark_node_get_end_line(prev);
            cmark_node* earlier = cmark_node_previous(prev);
            if (earlier && cmark_node_get_type(earlier) == definition_list_type()) {
                dl = earlier;
            } else {
                dl = cmark_node_new(definition_list_type());
                cmark_node_set_syntax_extension(dl, cmark_node_get_syntax_extension(dd));
                cmark_node_insert_before(prev, dl);
            }
            cmark_node* dt = cmark_node_new(definition_term_type());
            cmark_node_set_syntax_extension(dt, cmark_node_get_syntax_extension(dd));
            while (cmark_node* c = cmark_node_first_child(prev))
                cmark_node_append_child(dt, c);
            cmark_node_append_child(dl, dt);
            cmark_node_free(prev);
        } else {
            unwrap(dd); // its term was a link reference definition, which cmark-gfm took
            continue;
        }
        cmark_node* first = cmark_node_first_child(dd);
        if (first && !cmark_node_next(first) &&
            cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH &&
            cmark_node_get_start_line(dd) == before + 1)
            tight.insert(dd);
        cmark_node_append_child(dl, dd);
    }
    return tight;
}

} // namespace octavo
