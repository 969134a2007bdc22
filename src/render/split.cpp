#include "render/split.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>
#include <unigbrk.h>

#include "core/paths.hpp"
#include "core/text.hpp"

namespace octavo {

namespace {

struct CountingWriter : pugi::xml_writer {
    size_t n = 0;
    void write(const void*, size_t size) override { n += size; }
};

size_t serialized_size(pugi::xml_node node) {
    CountingWriter w;
    node.print(w, "", pugi::format_raw, pugi::encoding_utf8);
    return w.n;
}

pugi::xml_node content_root(const pugi::xml_document& doc) {
    return doc.child("html").child("body").find_child(
        [](pugi::xml_node n) { return n.type() == pugi::node_element; });
}

bool is_heading(pugi::xml_node n) {
    const char* name = n.name();
    return name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == 0;
}

std::string part_path(const std::string& base, size_t k) {
    if (k == 0) return base;
    size_t dot = base.rfind('.');
    return base.substr(0, dot) + "-" + std::to_string(k + 1) + base.substr(dot);
}

std::string file_name(const std::string& path) {
    return path.substr(folder_part(path).size());
}

bool is_paragraph(pugi::xml_node n) {
    return std::strcmp(n.name(), "p") == 0;
}

// The links to an id (href="#id") in node: each gets the file name of its target's part when that
// is another, and so grows when the document is split.
size_t internal_links(pugi::xml_node node) {
    size_t n = node.attribute("href").value()[0] == '#' ? 1 : 0;
    for (auto c : node.children()) // elements nest at most some 100 deep (limits.hpp)
        if (c.type() == pugi::node_element) n += internal_links(c);
    return n;
}

// The bytes pugixml writes for byte c of an element's text: & < > escaped, and other control
// characters (which octavo removes before) as character references.
size_t escaped_size(char ch) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '&') return 5;
    if (c == '<' || c == '>') return 4;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return 5;
    return 1;
}

// The code point that starts at s[i] (octavo's text is valid UTF-8; else the byte).
char32_t code_point_at(std::string_view s, size_t i) {
    char32_t cp = 0;
    return utf8_sequence(s, i, cp) > 0 ? cp : static_cast<unsigned char>(s[i]);
}

// The code point that ends just before s[i] (0 < i), and where it starts. Not u8_prev: the tail
// kept of a paragraph (keep_tail) can start inside a character, where it finds none.
char32_t code_point_before(std::string_view s, size_t i, size_t& start) {
    start = i - 1;
    while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
        --start;
    return code_point_at(s, start);
}

// A closing quote or bracket, which can follow the mark that ends a sentence.
bool is_closing(char32_t c) {
    static const char32_t closing[] = {')',    ']',    '"',    '\'',   0xBB,   0x2019,
                                       0x201D, 0x203A, 0x300D, 0x300F, 0x3011, 0xFF09};
    return std::find(std::begin(closing), std::end(closing), c) != std::end(closing);
}

// 1 for a mark that ends a sentence when a space follows it (. ? ! … and the Arabic, Urdu and
// Devanagari ones), 2 for one that ends it with nothing after it (Chinese and Japanese full
// stops, question and exclamation marks: that text has no spaces), else 0.
int sentence_mark(char32_t c) {
    static const char32_t spaced[] = {'.',    '?',    '!',    0x2026, 0x203D,
                                      0x061F, 0x06D4, 0x0964, 0x0965};
    static const char32_t unspaced[] = {0x3002, 0xFF01, 0xFF0E, 0xFF1F, 0xFF61};
    if (std::find(std::begin(spaced), std::end(spaced), c) != std::end(spaced)) return 1;
    if (std::find(std::begin(unspaced), std::end(unspaced), c) != std::end(unspaced)) return 2;
    return 0;
}

// True when a sentence ends just before s[k] (0 < k < s.size()) and the next starts there: a
// mark, the closing quotes or brackets after it, and the spaces after them (none after a Chinese
// or Japanese mark; then s[k] is neither a mark nor a closing one).
bool sentence_ends_at(std::string_view s, size_t k) {
    size_t i = k;
    while (i > 0 && s[i - 1] == ' ')
        --i;
    bool space = i < k;
    if (space ? s[k] == ' ' : is_closing(code_point_at(s, k)) || sentence_mark(code_point_at(s, k)))
        return false;
    size_t start = i;
    for (int n = 0; i > 0 && n < 8 && is_closing(code_point_before(s, i, start)); ++n)
        i = start;
    if (i == 0) return false;
    int mark = sentence_mark(code_point_before(s, i, start));
    return mark == 2 || (mark == 1 && space);
}

// A text node of a paragraph being cut, with the end of the paragraph's text before it (note
// numbers left out), so that a sentence or a space ending just before the node counts.
struct TextToCut {
    TextToCut(std::string_view text, const std::string& before)
        : s(text), before_size(before.size()), start(before + std::string(text.substr(0, 64))) {}
    std::string_view s;
    size_t before_size;
    std::string start; // the text before s, then the start of s

    bool sentence_before(size_t k) const {
        return k >= 24 ? sentence_ends_at(s, k) : sentence_ends_at(start, before_size + k);
    }
    bool space_before(size_t k) const {
        return k > 0 ? s[k - 1] == ' ' : before_size > 0 && start[before_size - 1] == ' ';
    }
};

bool inside_character(std::string_view s, size_t k) {
    return (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80;
}

// The last place in [lo, hi] of text t (hi < its size) where a sentence starts after the end of
// another (cut_sentence) or after a space (cut_space), or npos.
size_t cut_sentence(const TextToCut& t, size_t lo, size_t hi) {
    for (size_t k = hi + 1; k-- > lo;)
        if (!inside_character(t.s, k) && t.sentence_before(k)) return k;
    return std::string_view::npos;
}
size_t cut_space(const TextToCut& t, size_t lo, size_t hi) {
    for (size_t k = hi + 1; k-- > lo;)
        if (t.space_before(k)) return k;
    return std::string_view::npos;
}

// Where to cut s after from, at hi or before it (from < hi < s.size()): between two grapheme
// clusters, as libunistring tells them (a letter keeps its combining marks and vowel signs, Hangul
// jamo stay in their syllable, joined emoji stay whole); at the first character after hi when
// there is no such place in the 8 characters before it.
size_t cut_character(std::string_view s, size_t from, size_t hi) {
    size_t k = hi, start = 0;
    for (int joined = 0; k > from;) {
        if (inside_character(s, k)) {
            --k;
        } else if (joined < 8 &&
                   !uc_is_grapheme_break(code_point_before(s, k, start), code_point_at(s, k))) {
            --k;
            ++joined;
        } else {
            break;
        }
    }
    if (k > from) return k;
    k = std::max(hi, from + 1);
    while (k < s.size() && inside_character(s, k))
        ++k;
    return k;
}

// What pugixml writes for text s.
size_t escaped_size(std::string_view s) {
    size_t n = 0;
    for (char c : s)
        n += escaped_size(c);
    return n;
}

// Appends the text of node (note numbers left out: they follow a sentence's mark) to text,
// keeping its last 24 bytes.
void keep_tail(std::string& tail, pugi::xml_node node) {
    if (node.type() == pugi::node_pcdata) {
        tail += node.value();
    } else if (std::strcmp(node.name(), "br") == 0) {
        tail += ' ';
    } else if (std::strcmp(node.attribute("class").value(), "noteref") != 0) {
        for (auto c : node.children())
            keep_tail(tail, c);
    }
    if (tail.size() > 24) tail.erase(0, tail.size() - 24);
}

// Where to cut paragraph p (of serialized size `size`, link_growth more for each link to an id)
// so that its first piece fits in room and every other one in budget: (child, offset) pairs as in
// SplitPoint. Only the paragraph's own text is cut, never an element in it (emphasis, a link, a
// note reference), so that every piece is well-formed as it is and keeps its markup; an element
// too long for a piece is left whole. A piece ends at the last sentence end in its second half,
// else at the last space there, else before an element, else between characters. started: its
// part holds something before it, so the first cut may come before the paragraph, (0, 0). last
// gets the size of the last piece.
std::vector<std::pair<size_t, size_t>> cut_paragraph(pugi::xml_node p, size_t size,
                                                     size_t link_growth, size_t room, size_t budget,
                                                     bool started, size_t& last) {
    constexpr size_t npos = std::string_view::npos;
    auto size_of = [&](pugi::xml_node c) {
        return serialized_size(c) + link_growth * internal_links(c);
    };
    size_t inner = 0;
    for (auto c : p.children())
        inner += size_of(c);
    // A piece is the paragraph's tags, with " continued" in its class, around its share.
    const size_t tags = (size > inner ? size - inner : 0) + 32;
    std::vector<std::pair<size_t, size_t>> cuts;
    size_t limit = room, used = tags;
    bool content = started; // the piece holds something: it may end before the next child
    // The last sentence end and space in the text the piece holds, and its size up to them.
    struct Place {
        size_t child = 0, offset = 0, fill = 0;
    };
    std::optional<Place> sentence, space;
    auto next_piece = [&](size_t child, size_t offset) {
        cuts.emplace_back(child, offset);
        limit = budget;
        used = tags;
        content = false;
        sentence.reset();
        space.reset();
    };
    // Ends the piece at place, if it is in the second half: what follows goes to the next piece.
    auto end_at = [&](const std::optional<Place>& place) {
        if (!place || place->fill <= tags || place->fill < limit / 2) return false;
        size_t after = used - place->fill;
        next_piece(place->child, place->offset);
        used += after;
        content = after > 0;
        return true;
    };
    std::string tail;
    size_t j = 0;
    for (pugi::xml_node c = p.first_child(); c; c = c.next_sibling(), ++j) {
        if (c.type() != pugi::node_pcdata) {
            size_t s = size_of(c);
            // It does not fit: the piece ends at its last sentence end or space, and c goes on
            // after what follows that if it fits, else the piece ends before c.
            if (content && used + s > limit && !end_at(sentence) && !end_at(space))
                next_piece(j, 0);
            else if (content && used + s > limit)
                next_piece(j, 0);
            used += s;
            content = true;
            keep_tail(tail, c);
            continue;
        }
        TextToCut t(c.value(), tail);
        for (size_t from = 0; from < t.s.size();) {
            size_t left = limit > used ? limit - used : 0;
            size_t half = limit / 2 > used ? limit / 2 - used : 0; // to fill half the piece
            size_t k = from, n = 0, lo = from;
            while (k < t.s.size() && n + escaped_size(t.s[k]) <= left) {
                n += escaped_size(t.s[k++]);
                if (n <= half) lo = k;
            }
            if (k == t.s.size()) {
                // All of it fits: remember its last sentence end and space.
                size_t end = used + n;
                size_t first = content && from == 0 ? from : from + 1;
                if (size_t at = cut_sentence(t, first, t.s.size() - 1); at != npos)
                    sentence = Place{j, at, end - escaped_size(t.s.substr(at))};
                if (size_t at = cut_space(t, first, t.s.size() - 1); at != npos)
                    space = Place{j, at, end - escaped_size(t.s.substr(at))};
                used = end;
                content = true;
                break;
            }
            lo = std::max(lo, content && from == 0 ? from : from + 1);
            size_t cut = cut_sentence(t, lo, k);
            if (cut == npos && end_at(sentence)) continue;
            if (cut == npos) cut = cut_space(t, lo, k);
            if (cut == npos && end_at(space)) continue;
            // Else before this text, if that leaves the piece half full (and holding some of the
            // paragraph: a paragraph's start is choose_splits's), else between characters.
            if (cut == npos && content && from == 0 && end_at(Place{j, 0, used})) continue;
            if (cut == npos) cut = cut_character(t.s, from, k);
            next_piece(j, cut);
            from = cut;
        }
        keep_tail(tail, c);
    }
    last = used;
    return cuts;
}

// Where each part starts: greedy up to budget, cutting at the last heading of the part when that
// keeps at least a quarter of it, else before the block that does not fit. A paragraph longer
// than budget is cut into pieces that fill the parts (cut_paragraph), the first going on from
// what its part holds before it, unless that leaves less than a quarter of the part.
std::vector<SplitPoint> choose_splits(const std::vector<pugi::xml_node>& blocks,
                                      const std::vector<size_t>& sizes, size_t budget,
                                      const std::vector<bool>& heading, size_t link_growth) {
    std::vector<SplitPoint> starts;
    size_t start = 0, cur = 0, last_heading = 0;
    size_t start_size = 0; // the part's share of its first block, when it starts inside it
    bool inside = false, have_heading = false;
    for (size_t i = 0; i < sizes.size(); ++i) {
        bool cut = sizes[i] > budget && budget >= 1024 && is_paragraph(blocks[i]);
        size_t room = cur < budget ? budget - cur : 0;
        if (i > start && cur + sizes[i] > budget && (!cut || room < budget / 4)) {
            size_t at = i;
            if (have_heading && last_heading > start) {
                size_t before = inside ? start_size : sizes[start];
                for (size_t j = start + 1; j < last_heading; ++j)
                    before += sizes[j];
                if (before >= budget / 4) at = last_heading;
            }
            starts.push_back({at});
            start = at;
            inside = false;
            cur = 0;
            for (size_t j = at; j < i; ++j)
                cur += sizes[j];
            have_heading = false;
        }
        if (heading[i] && i > start) {
            last_heading = i;
            have_heading = true;
        }
        if (cut) {
            size_t last = 0;
            auto cuts = cut_paragraph(blocks[i], sizes[i], link_growth,
                                      cur < budget ? budget - cur : 0, budget, i > start, last);
            for (auto [child, offset] : cuts)
                starts.push_back({i, child, offset});
            if (!cuts.empty()) {
                start = i;
                inside = cuts.back() != std::pair<size_t, size_t>{0, 0};
                cur = start_size = inside ? last : sizes[i];
                have_heading = false;
                continue;
            }
        }
        cur += sizes[i];
    }
    return starts;
}

// Appends to parent the piece of paragraph p from `from` to `to` (child and offset as in
// SplitPoint; to null: to its end). A piece after the first goes on from the one before: its
// class says so ("continued": no first-line indent), and it has no id (the first piece has it).
void append_piece(pugi::xml_node parent, pugi::xml_node p, const SplitPoint& from,
                  const SplitPoint* to, bool continued) {
    pugi::xml_node piece = parent.append_child(p.name());
    for (auto a : p.attributes())
        if (!continued || std::strcmp(a.name(), "id") != 0) piece.append_copy(a);
    if (continued) {
        pugi::xml_attribute cls = piece.attribute("class");
        if (!cls) cls = piece.append_attribute("class");
        std::string value = cls.value();
        cls = (value.empty() ? "continued" : value + " continued").c_str();
    }
    size_t j = 0;
    for (pugi::xml_node c = p.first_child(); c; c = c.next_sibling(), ++j) {
        if (j < from.child) continue;
        if (to && (j > to->child || (j == to->child && to->offset == 0))) break;
        size_t begin = j == from.child ? from.offset : 0;
        size_t end = to && j == to->child ? to->offset : std::string_view::npos;
        if (c.type() == pugi::node_pcdata && (begin > 0 || end != std::string_view::npos)) {
            std::string_view t = c.value();
            begin = std::min(begin, t.size());
            end = std::min(end, t.size());
            if (end > begin)
                piece.append_child(pugi::node_pcdata).set_value(t.data() + begin, end - begin);
        } else {
            piece.append_copy(c);
        }
    }
}

// Where to split a document of serialized size whole.size() whose content root holds children.
std::vector<SplitPoint> split_points(const std::string& whole,
                                     const std::vector<pugi::xml_node>& children,
                                     const std::string& base_path, size_t max_bytes) {
    // A block's size counts what its links to ids may grow by, the file name of the part they
    // lead to: "#a001-fn1" may become "a001-12.xhtml#a001-fn1" (up to 99 parts).
    const size_t link_growth = file_name(base_path).size() + 3;
    std::vector<size_t> sizes;
    std::vector<bool> heading;
    size_t sum = 0;
    for (auto c : children) {
        size_t size = serialized_size(c);
        sum += size;
        sizes.push_back(size + link_growth * internal_links(c));
        heading.push_back(is_heading(c));
    }
    size_t skeleton = whole.size() > sum ? whole.size() - sum : 0;
    size_t budget = max_bytes > skeleton + 1024 ? max_bytes - skeleton - 1024 : 1;
    return choose_splits(children, sizes, budget, heading, link_growth);
}

// The part from `from` to `to` of children, in a copy of skeleton (the document without them):
// a range that starts or ends inside a paragraph holds a piece of it.
std::unique_ptr<pugi::xml_document> make_part(const pugi::xml_document& skeleton,
                                              const std::vector<pugi::xml_node>& children,
                                              const SplitPoint& from, const SplitPoint& to) {
    auto part = std::make_unique<pugi::xml_document>();
    part->reset(skeleton);
    pugi::xml_node proot = content_root(*part);
    for (size_t i = from.block; i < children.size() && i <= to.block; ++i) {
        bool from_inside = i == from.block && (from.child || from.offset);
        bool to_inside = i == to.block && (to.child || to.offset);
        if (i == to.block && !to_inside) break;
        if (from_inside || to_inside)
            append_piece(proot, children[i], from_inside ? from : SplitPoint{},
                         to_inside ? &to : nullptr, from_inside);
        else
            proot.append_copy(children[i]);
    }
    return part;
}

// Part p's links to an id in another part get that part's file name; and a continued part, which
// lost the heading that labelled the article, is named instead.
void relink_part(pugi::xml_document& part, size_t p, const std::vector<std::string>& paths,
                 std::map<std::string, size_t>& part_of) {
    for (auto x : part.select_nodes("//*[@href]")) {
        pugi::xml_attribute href = x.node().attribute("href");
        if (href.value()[0] != '#') continue;
        auto it = part_of.find(href.value() + 1);
        if (it != part_of.end() && it->second != p)
            href = (file_name(paths[it->second]) + href.value()).c_str();
    }
    pugi::xml_node proot = content_root(part);
    pugi::xml_attribute label = proot.attribute("aria-labelledby");
    if (label && !(part_of.count(label.value()) && part_of[label.value()] == p)) {
        proot.remove_attribute(label);
        std::string title = part.child("html").child("head").child_value("title");
        proot.append_attribute("aria-label") = title.c_str();
    }
}

} // namespace

std::vector<ContentDoc> split_document(const pugi::xml_document& doc, const std::string& base_path,
                                       size_t max_bytes, const std::vector<SplitPoint>* split_at,
                                       std::vector<SplitPoint>* chosen,
                                       std::map<std::string, std::string>* where) {
    pugi::xml_node root = content_root(doc);
    std::vector<pugi::xml_node> children;
    for (auto c : root.children())
        children.push_back(c);
    std::vector<SplitPoint> starts;
    std::string whole;
    if (split_at) {
        starts = *split_at;
    } else {
        whole = serialize(doc);
        if (whole.size() > max_bytes && !children.empty())
            starts = split_points(whole, children, base_path, max_bytes);
    }
    if (chosen) *chosen = starts;
    if (starts.empty()) {
        if (where) where->clear(); // one document: every id is in base_path
        return {{base_path, whole.empty() ? serialize(doc) : std::move(whole)}};
    }

    // Each part: the document without the root's children, then its range of them.
    pugi::xml_document skeleton;
    skeleton.reset(doc);
    pugi::xml_node sroot = content_root(skeleton);
    while (sroot.first_child())
        sroot.remove_child(sroot.first_child());
    std::vector<std::unique_ptr<pugi::xml_document>> parts;
    std::vector<std::string> paths;
    std::map<std::string, size_t> part_of; // id -> part
    starts.insert(starts.begin(), SplitPoint{});
    starts.push_back({children.size()});
    for (size_t p = 0; p + 1 < starts.size(); ++p) {
        parts.push_back(make_part(skeleton, children, starts[p], starts[p + 1]));
        for (auto n : parts.back()->select_nodes("//*[@id]"))
            part_of.emplace(n.node().attribute("id").value(), p);
        paths.push_back(part_path(base_path, p));
    }
    if (where)
        for (const auto& [id, p] : part_of)
            (*where)[id] = paths[p] + "#" + id;
    if (parts.size() > 1)
        for (size_t p = 0; p < parts.size(); ++p)
            relink_part(*parts[p], p, paths, part_of);
    std::vector<ContentDoc> out;
    for (size_t p = 0; p < parts.size(); ++p)
        out.push_back({paths[p], serialize(*parts[p])});
    return out;
}

} // namespace octavo
