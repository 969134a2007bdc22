#include "octavo/paragraphs.hpp"

#include <algorithm>
#include <string>

namespace octavo {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t';
}
bool is_blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return is_space(c); });
}
char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
bool is_letter(char c) {
    return (lower(c) >= 'a' && lower(c) <= 'z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Removes the block quote markers ('>' after at most three spaces, and one space after it) at
// the start of a line, counting them in depth.
std::string_view strip_quotes(std::string_view line, int& depth) {
    depth = 0;
    for (;;) {
        size_t i = 0;
        while (i < 3 && i < line.size() && line[i] == ' ')
            ++i;
        if (i == line.size() || line[i] != '>') return line;
        ++depth;
        line.remove_prefix(i + 1);
        if (!line.empty() && is_space(line[0])) line.remove_prefix(1);
    }
}

// HTML block starts of kind 6 (CommonMark 0.29, as cmark-gfm 0.29 has them), sorted.
constexpr std::string_view html_block_names[] = {
    "address",  "article",  "aside",    "base",       "basefont", "blockquote", "body",   "caption",
    "center",   "col",      "colgroup", "dd",         "details",  "dialog",     "dir",    "div",
    "dl",       "dt",       "fieldset", "figcaption", "figure",   "footer",     "form",   "frame",
    "frameset", "h1",       "h2",       "h3",         "h4",       "h5",         "h6",     "head",
    "header",   "hr",       "html",     "iframe",     "legend",   "li",         "link",   "main",
    "menu",     "menuitem", "nav",      "noframes",   "ol",       "optgroup",   "option", "p",
    "param",    "section",  "summary",  "table",      "tbody",    "td",         "tfoot",  "th",
    "thead",    "title",    "tr",       "track",      "ul"};

// r (after the indentation) starts an HTML block that may interrupt a paragraph (kinds 1 to 6).
bool html_block_start(std::string_view r) {
    if (r.size() < 2 || r[0] != '<') return false;
    if (r.compare(0, 4, "<!--") == 0 || r[1] == '?' || r.compare(0, 9, "<![CDATA[") == 0)
        return true;                                                    // kinds 2, 3, 5
    if (r[1] == '!') return r.size() > 2 && r[2] >= 'A' && r[2] <= 'Z'; // kind 4
    size_t i = r[1] == '/' ? 2 : 1;
    size_t end = i;
    while (end < r.size() && (is_letter(r[end]) || is_digit(r[end])))
        ++end;
    std::string name;
    for (size_t k = i; k < end; ++k)
        name += lower(r[k]);
    auto ends_name = [&](bool slash_gt) {
        return end == r.size() || is_space(r[end]) || r[end] == '>' ||
               (slash_gt && r.compare(end, 2, "/>") == 0);
    };
    if (i == 1 && (name == "script" || name == "pre" || name == "style" || name == "textarea"))
        return ends_name(false); // kind 1
    return std::binary_search(std::begin(html_block_names), std::end(html_block_names), name) &&
           ends_name(true); // kind 6
}

// The column where a list item's content starts, if r (after indent spaces) starts one that is
// not empty; 0 if not. number is the ordered list's start, -1 for a bullet.
size_t list_item(std::string_view r, size_t indent, long& number) {
    size_t i = 0;
    number = -1;
    if (!r.empty() && (r[0] == '-' || r[0] == '+' || r[0] == '*')) {
        i = 1;
    } else {
        while (i < r.size() && i < 9 && is_digit(r[i]))
            ++i;
        if (i == 0 || i == r.size() || (r[i] != '.' && r[i] != ')')) return 0;
        number = std::stol(std::string(r.substr(0, i)));
        ++i;
    }
    if (i == r.size() || !is_space(r[i]) || is_blank(r.substr(i))) return 0;
    size_t spaces = 0;
    while (i + spaces < r.size() && r[i + spaces] == ' ')
        ++spaces;
    return indent + i + (spaces >= 1 && spaces <= 4 ? spaces : 1);
}

struct Paragraph {
    int depth = 0;       // block quotes around it
    size_t item_col = 0; // its first line's list item's content column, 0 if not an item
};

// Whether content c (a line without its block quote markers) starts a block that interrupts p.
bool interrupts(std::string_view c, int depth, const Paragraph& p) {
    if (depth > p.depth) return true; // a block quote inside (or a first one)
    size_t indent = 0;
    while (indent < c.size() && c[indent] == ' ')
        ++indent;
    if (indent > 3 || (indent < c.size() && c[indent] == '\t')) return false;
    std::string_view r = c.substr(indent);
    char ch = r[0];
    if (ch == '#') { // ATX heading
        size_t n = std::min(r.find_first_not_of('#'), r.size());
        return n <= 6 && (n == r.size() || is_space(r[n]));
    }
    if (ch == '*' || ch == '-' || ch == '_') { // thematic break
        size_t marks = static_cast<size_t>(std::count(r.begin(), r.end(), ch));
        if (marks >= 3 &&
            std::all_of(r.begin(), r.end(), [&](char x) { return x == ch || is_space(x); }))
            return true;
    }
    if (r.compare(0, 3, "```") == 0)
        return r.find('`', r.find_first_not_of('`')) == std::string_view::npos;
    if (r.compare(0, 3, "~~~") == 0) return true;
    long number = -1;
    if (list_item(r, indent, number) > 0) {
        // A bullet or a list starting at 1 may interrupt any paragraph; another number only
        // one in a list item it is not indented into (so it starts an item of its own).
        return number == -1 || number == 1 ||
               (p.item_col > 0 && depth == p.depth && indent < p.item_col);
    }
    if (ch == '<') return html_block_start(r);
    if (r.compare(0, 2, "[^") == 0) { // a footnote definition: [^label]:
        size_t close = r.find_first_of("] \t", 2);
        return close != std::string_view::npos && close > 2 && r.compare(close, 2, "]:") == 0;
    }
    return false;
}

} // namespace

int long_paragraph_line(std::string_view body, int first_line, std::size_t max_bytes) {
    constexpr size_t none = std::string_view::npos;
    size_t pos = 0, start = none;
    int line = first_line, start_line = first_line;
    Paragraph p;
    while (pos < body.size()) {
        size_t end = body.find('\n', pos);
        if (end == none) end = body.size();
        int depth = 0;
        std::string_view content = strip_quotes(body.substr(pos, end - pos), depth);
        if (is_blank(content)) {
            start = none;
        } else {
            if (start == none || interrupts(content, depth, p)) {
                start = pos, start_line = line;
                p.depth = depth;
                long number = 0;
                size_t indent = content.find_first_not_of(' ');
                p.item_col = indent <= 3 ? list_item(content.substr(indent), indent, number) : 0;
            }
            if (end - start > max_bytes) return start_line;
        }
        pos = end + 1;
        ++line;
    }
    return 0;
}

} // namespace octavo
