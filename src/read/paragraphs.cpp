#include "read/paragraphs.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace octavo {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t';
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
    // (CommonMark 0.30 adds textarea to kind 1; cmark-gfm 0.29 reads it as text, which goes on
    // the paragraph before it.)
    if (i == 1 && (name == "script" || name == "pre" || name == "style"))
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
    if (i == r.size() || !is_space(r[i]) || is_blank_line(r.substr(i))) return 0;
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

// A line that starts with three or more '`' or '~' after spaces: a fence, or text that looks
// like one. indent, ch and n describe it.
struct FenceLike {
    size_t indent = 0;
    char ch = 0;
    size_t n = 0;
    bool info_has_backtick = false;
    bool rest_blank = false;
};
bool fence_like(std::string_view c, FenceLike& f) {
    size_t i = c.find_first_not_of(' ');
    if (i == std::string_view::npos || (c[i] != '`' && c[i] != '~')) return false;
    size_t n = std::min(c.find_first_not_of(c[i], i), c.size()) - i;
    if (n < 3) return false;
    std::string_view rest = c.substr(i + n);
    f = FenceLike{i, c[i], n, rest.find('`') != std::string_view::npos, is_blank_line(rest)};
    return true;
}

// Where an HTML block may end (CommonMark 0.29): kinds 1 to 5 at a line holding their end
// marker (blank lines included), kinds 6 and 7 at a blank line. unsure: a start octavo cannot
// classify for certain (cmark-gfm versions differ on <textarea>).
enum class Html { none, to_blank, to_marker, unsure };
Html html_start(std::string_view c, std::string_view& marker) {
    size_t i = c.find_first_not_of(' ');
    if (i == std::string_view::npos || i > 3 || c[i] != '<') return Html::none;
    std::string_view r = c.substr(i);
    marker = {};
    if (r.compare(0, 4, "<!--") == 0)
        marker = "-->";
    else if (r.compare(0, 2, "<?") == 0)
        marker = "?>";
    else if (r.compare(0, 9, "<![CDATA[") == 0)
        marker = "]]>";
    else if (r.size() > 2 && r[1] == '!' && r[2] >= 'A' && r[2] <= 'Z')
        marker = ">";
    if (!marker.empty()) return Html::to_marker;
    std::string name;
    for (size_t k = 1; k < r.size() && is_letter(r[k]); ++k)
        name += lower(r[k]);
    size_t end = 1 + name.size();
    bool name_ends = end == r.size() || is_space(r[end]) || r[end] == '>';
    if (name == "textarea") return Html::unsure;
    if ((name == "script" || name == "pre" || name == "style") && name_ends) {
        marker = "</"; // any of </script>, </pre>, </style>
        return Html::to_marker;
    }
    return Html::to_blank; // kind 6, 7, or text: either way a fence inside is not followed
}

bool holds_marker(std::string_view c, std::string_view marker, bool& unsure) {
    if (marker != "</") return c.find(marker) != std::string_view::npos;
    std::string l;
    for (char ch : c)
        l += lower(ch);
    if (l.find("</textarea>") != std::string::npos) unsure = true;
    return l.find("</script>") != std::string::npos || l.find("</pre>") != std::string::npos ||
           l.find("</style>") != std::string::npos;
}

} // namespace

int long_paragraph_line(std::string_view body, int first_line, std::size_t max_bytes) {
    constexpr size_t none = std::string_view::npos;
    size_t pos = 0, start = none;
    int line = first_line, start_line = first_line;
    Paragraph p;
    // Fenced code is not parsed for inlines, so it is not counted: a long listing is fine. Only
    // fences cmark-gfm surely sees are followed: at the top level of their block quote (indented
    // at most one space: a list item's content is indented two or more), outside HTML blocks.
    // Counting stops skipping code for good at a fence-like line it cannot be sure of, since a
    // fence mistaken (or missed) would swap code and text for the rest of the article.
    bool in_code = false, unsure = false;
    FenceLike fence;
    int fence_depth = 0;
    // The HTML blocks that may be open (a line is taken to start one whenever it might): one
    // that ends at a blank line, and those that end at a marker, with their block quote depths.
    // A fence is only followed when none may be open.
    std::vector<int> to_blank;
    std::vector<std::pair<std::string_view, int>> to_marker;
    while (pos < body.size()) {
        size_t end = body.find('\n', pos);
        if (end == none) end = body.size();
        int depth = 0;
        std::string_view content = strip_quotes(body.substr(pos, end - pos), depth);
        FenceLike f;
        if (in_code && depth >= fence_depth) {
            // A deeper line's extra '>' is code; a closing fence is the same character, as long
            // or longer, indented at most three spaces, with nothing after it.
            if (depth == fence_depth && fence_like(content, f) && f.indent <= 3 &&
                f.ch == fence.ch && f.n >= fence.n && f.rest_blank)
                in_code = false;
            pos = end + 1;
            ++line;
            continue;
        }
        in_code = false; // its block quote ended
        // A block quote that ends closes the HTML blocks in it; a blank line (blank inside the
        // block's own block quotes: "> >" is text to a block outside them) closes those that end
        // at one.
        bool blank = is_blank_line(content);
        to_blank.erase(std::remove_if(to_blank.begin(), to_blank.end(),
                                      [&](int d) { return depth < d || (blank && depth == d); }),
                       to_blank.end());
        to_marker.erase(std::remove_if(to_marker.begin(), to_marker.end(),
                                       [&](const auto& m) { return depth < m.second; }),
                        to_marker.end());
        bool html_open = !to_blank.empty() || !to_marker.empty();
        bool is_fence = fence_like(content, f) && !(f.ch == '`' && f.info_has_backtick);
        if (blank) {
            start = none;
        } else if (is_fence && !unsure && !html_open && f.indent <= 1) {
            in_code = true;
            fence = f;
            fence_depth = depth;
            start = none;
        } else {
            if (is_fence) unsure = true;
            // Once unsure, code is counted as text and the HTML blocks no longer matter. Each
            // kind of block is kept once per depth (the same line closes both), and a few at
            // most, so that the work per line stays small.
            if (!unsure) {
                to_marker.erase(std::remove_if(to_marker.begin(), to_marker.end(),
                                               [&](const auto& m) {
                                                   return holds_marker(content, m.first, unsure);
                                               }),
                                to_marker.end());
                std::string_view marker;
                Html h = html_start(content, marker);
                if (h == Html::unsure) unsure = true;
                if (h == Html::to_blank &&
                    std::find(to_blank.begin(), to_blank.end(), depth) == to_blank.end())
                    to_blank.push_back(depth);
                std::pair<std::string_view, int> m{marker, depth};
                if (h == Html::to_marker && !holds_marker(content, marker, unsure) &&
                    std::find(to_marker.begin(), to_marker.end(), m) == to_marker.end())
                    to_marker.push_back(m);
                if (to_blank.size() + to_marker.size() > 16) unsure = true;
            }
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
