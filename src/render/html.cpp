#include "render/html.hpp"

#include <gumbo.h>

#include <cctype>
#include <cstring>
#include <memory>
#include <set>
#include <vector>

namespace octavo {
namespace {

// What becomes of an element.
enum class Fate {
    keep,   ///< written, as its own name or another (center -> div)
    unwrap, ///< left out, its content kept
    drop,   ///< left out with its content
    media,  ///< video, audio, iframe, embed, object: a link to its source
};
enum Model : unsigned {
    phrasing = 1,  ///< may go inside a paragraph
    container = 2, ///< a block that Markdown after an unclosed start tag may go into
    void_element = 4,
};
struct Rule {
    Fate fate;
    const char* as = nullptr; ///< the name written (keep)
    unsigned model = 0;
    const char* kind = nullptr; ///< what is said of it when left out
};

Rule rule_for(GumboTag tag) {
    switch (tag) {
    // Phrasing content.
    case GUMBO_TAG_A:
        return {Fate::keep, "a", phrasing};
    case GUMBO_TAG_ABBR:
        return {Fate::keep, "abbr", phrasing};
    case GUMBO_TAG_B:
        return {Fate::keep, "b", phrasing};
    case GUMBO_TAG_BDI:
        return {Fate::keep, "bdi", phrasing};
    case GUMBO_TAG_BDO:
        return {Fate::keep, "bdo", phrasing};
    case GUMBO_TAG_BIG:
        return {Fate::keep, "span", phrasing};
    case GUMBO_TAG_BR:
        return {Fate::keep, "br", phrasing | void_element};
    case GUMBO_TAG_CITE:
        return {Fate::keep, "cite", phrasing};
    case GUMBO_TAG_CODE:
        return {Fate::keep, "code", phrasing};
    case GUMBO_TAG_DATA:
        return {Fate::keep, "data", phrasing};
    case GUMBO_TAG_DEL:
        return {Fate::keep, "del", phrasing};
    case GUMBO_TAG_DFN:
        return {Fate::keep, "dfn", phrasing};
    case GUMBO_TAG_EM:
        return {Fate::keep, "em", phrasing};
    case GUMBO_TAG_FONT:
        return {Fate::keep, "span", phrasing};
    case GUMBO_TAG_I:
        return {Fate::keep, "i", phrasing};
    case GUMBO_TAG_IMG:
        return {Fate::keep, "img", phrasing | void_element};
    case GUMBO_TAG_INS:
        return {Fate::keep, "ins", phrasing};
    case GUMBO_TAG_KBD:
        return {Fate::keep, "kbd", phrasing};
    case GUMBO_TAG_MARK:
        return {Fate::keep, "mark", phrasing};
    case GUMBO_TAG_NOBR:
        return {Fate::keep, "span", phrasing};
    case GUMBO_TAG_Q:
        return {Fate::keep, "q", phrasing};
    case GUMBO_TAG_RP:
        return {Fate::keep, "rp", phrasing};
    case GUMBO_TAG_RT:
        return {Fate::keep, "rt", phrasing};
    case GUMBO_TAG_RUBY:
        return {Fate::keep, "ruby", phrasing};
    case GUMBO_TAG_S:
        return {Fate::keep, "s", phrasing};
    case GUMBO_TAG_STRIKE:
        return {Fate::keep, "s", phrasing};
    case GUMBO_TAG_SAMP:
        return {Fate::keep, "samp", phrasing};
    case GUMBO_TAG_SMALL:
        return {Fate::keep, "small", phrasing};
    case GUMBO_TAG_SPAN:
        return {Fate::keep, "span", phrasing};
    case GUMBO_TAG_STRONG:
        return {Fate::keep, "strong", phrasing};
    case GUMBO_TAG_SUB:
        return {Fate::keep, "sub", phrasing};
    case GUMBO_TAG_SUP:
        return {Fate::keep, "sup", phrasing};
    case GUMBO_TAG_TIME:
        return {Fate::keep, "time", phrasing};
    case GUMBO_TAG_TT:
        return {Fate::keep, "code", phrasing};
    case GUMBO_TAG_U:
        return {Fate::keep, "u", phrasing};
    case GUMBO_TAG_VAR:
        return {Fate::keep, "var", phrasing};
    case GUMBO_TAG_WBR:
        return {Fate::keep, "wbr", phrasing | void_element};
    // Blocks.
    case GUMBO_TAG_ADDRESS:
        return {Fate::keep, "address"};
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_HGROUP:
        return {Fate::keep, "div", container};
    case GUMBO_TAG_ASIDE:
        return {Fate::keep, "aside", container};
    case GUMBO_TAG_BLOCKQUOTE:
        return {Fate::keep, "blockquote", container};
    case GUMBO_TAG_DETAILS:
        return {Fate::keep, "details", container};
    case GUMBO_TAG_FIGURE:
        return {Fate::keep, "figure", container};
    case GUMBO_TAG_FIGCAPTION:
        return {Fate::keep, "figcaption"};
    case GUMBO_TAG_SUMMARY:
        return {Fate::keep, "summary"};
    case GUMBO_TAG_P:
        return {Fate::keep, "p"};
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_XMP:
        return {Fate::keep, "pre"};
    case GUMBO_TAG_HR:
        return {Fate::keep, "hr", void_element};
    case GUMBO_TAG_H1:
        return {Fate::keep, "h1"};
    case GUMBO_TAG_H2:
        return {Fate::keep, "h2"};
    case GUMBO_TAG_H3:
        return {Fate::keep, "h3"};
    case GUMBO_TAG_H4:
        return {Fate::keep, "h4"};
    case GUMBO_TAG_H5:
        return {Fate::keep, "h5"};
    case GUMBO_TAG_H6:
        return {Fate::keep, "h6"};
    case GUMBO_TAG_UL:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_MENU:
        return {Fate::keep, "ul"};
    case GUMBO_TAG_OL:
        return {Fate::keep, "ol"};
    case GUMBO_TAG_LI:
        return {Fate::keep, "li", container};
    case GUMBO_TAG_DL:
        return {Fate::keep, "dl"};
    case GUMBO_TAG_DT:
        return {Fate::keep, "dt"};
    case GUMBO_TAG_DD:
        return {Fate::keep, "dd", container};
    case GUMBO_TAG_TABLE:
        return {Fate::keep, "table"};
    case GUMBO_TAG_CAPTION:
        return {Fate::keep, "caption"};
    case GUMBO_TAG_COLGROUP:
        return {Fate::keep, "colgroup"};
    case GUMBO_TAG_COL:
        return {Fate::keep, "col", void_element};
    case GUMBO_TAG_THEAD:
        return {Fate::keep, "thead"};
    case GUMBO_TAG_TBODY:
        return {Fate::keep, "tbody"};
    case GUMBO_TAG_TFOOT:
        return {Fate::keep, "tfoot"};
    case GUMBO_TAG_TR:
        return {Fate::keep, "tr"};
    case GUMBO_TAG_TD:
        return {Fate::keep, "td"};
    case GUMBO_TAG_TH:
        return {Fate::keep, "th"};
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_PARAM:
        return {Fate::drop};
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_OBJECT:
        return {Fate::media, nullptr, 0, "video, audio and embedded frames"};
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_CANVAS:
        return {Fate::drop, nullptr, 0, "script"};
    case GUMBO_TAG_STYLE:
        return {Fate::drop, nullptr, 0, "styles"};
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_OUTPUT:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_PROGRESS:
    case GUMBO_TAG_METER:
    case GUMBO_TAG_ISINDEX:
        return {Fate::drop, nullptr, 0, "forms"};
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
        return {Fate::drop, nullptr, 0, "document metadata (base, meta, link)"};
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
        return {Fate::drop, nullptr, 0, "inline SVG and MathML"};
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_AREA:
        return {Fate::drop, nullptr, 0, "frames and image maps"};
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BODY:
        return {Fate::unwrap};
    default:
        return {Fate::unwrap, nullptr, 0, "unknown elements (their text kept)"};
    }
}

// Elements whose content is phrasing only: a block met inside one is unwrapped.
bool holds_phrasing_only(const char* name) {
    static const std::set<std::string> names = {
        "p",   "h1",   "h2", "h3",   "h4",    "h5",  "h6",   "span", "em",      "strong",
        "b",   "i",    "u",  "s",    "small", "sub", "sup",  "code", "kbd",     "samp",
        "var", "mark", "q",  "cite", "abbr",  "dfn", "time", "data", "bdi",     "bdo",
        "a",   "pre",  "dt", "ruby", "rt",    "rp",  "del",  "ins",  "summary", "caption"};
    return names.count(name) > 0;
}

// The name of an element gumbo does not know ("picture"), lower case.
std::string unknown_name(const GumboElement& e) {
    GumboStringPiece t = e.original_tag;
    gumbo_tag_from_original_text(&t);
    std::string name(t.data ? t.data : "", t.data ? t.length : 0);
    for (auto& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

bool is_blank(const char* s) {
    for (; *s; ++s)
        if (!std::isspace(static_cast<unsigned char>(*s))) return false;
    return true;
}

bool all_digits(const char* s, size_t max_len) {
    size_t n = std::strlen(s);
    if (n == 0 || n > max_len) return false;
    for (size_t i = 0; i < n; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

// A language tag's form (BCP 47's subtags of letters and digits): anything else is dropped.
bool language_form(const char* s) {
    size_t n = 0;
    for (const char* p = s;; ++p) {
        if (*p == '-' || *p == '\0') {
            if (n == 0 || n > 8) return false;
            if (*p == '\0') return true;
            n = 0;
        } else if (std::isalnum(static_cast<unsigned char>(*p))) {
            ++n;
        } else {
            return false;
        }
    }
}

bool has_ancestor(pugi::xml_node n, const char* name) {
    for (; n; n = n.parent())
        if (std::strcmp(n.name(), name) == 0) return true;
    return false;
}

// Text a reader sees in an element: its text, or an image's alt text.
bool shows_text(pugi::xml_node n) {
    for (pugi::xml_node c : n.children()) {
        if (c.type() == pugi::node_pcdata && !is_blank(c.value())) return true;
        if (c.type() == pugi::node_element) {
            if (std::strcmp(c.name(), "img") == 0 && !is_blank(c.attribute("alt").value()))
                return true;
            if (shows_text(c)) return true;
        }
    }
    return false;
}

class Sanitizer {
public:
    Sanitizer(const HtmlHooks& hooks) : hooks_(hooks) {}

    pugi::xml_node run(GumboNode* root, pugi::xml_node parent, HtmlContext context);
    std::string open_tag;     ///< the tag name of what run() returned
    std::string dropped_open; ///< the name of an element left open and left out

private:
    struct Frame {
        GumboNode* node;
        unsigned next = 0;
        pugi::xml_node into;    ///< where its children go
        pugi::xml_node created; ///< the element written for it, if any
        int depth;
    };
    void child(Frame& f, GumboNode* c);
    pugi::xml_node element(GumboNode* c, const Rule& rule, pugi::xml_node into);
    void attributes(const GumboElement& e, const char* name, pugi::xml_node out);
    void media(const GumboElement& e, pugi::xml_node into);
    void dropped(const char* kind) {
        if (kind && hooks_.dropped) hooks_.dropped(kind);
    }

    const HtmlHooks& hooks_;
    std::vector<Frame> stack_;
    std::set<GumboNode*> left_open_; ///< elements the HTML did not close, outermost first
    pugi::xml_node open_;
    HtmlContext context_ = HtmlContext::flow;
};

// The elements on the last-child chain whose end tag never came.
void unclosed(GumboNode* root, std::set<GumboNode*>& out) {
    GumboNode* n = root;
    while (n->type == GUMBO_NODE_ELEMENT && n->v.element.children.length > 0) {
        n = static_cast<GumboNode*>(n->v.element.children.data[n->v.element.children.length - 1]);
        if (n->type != GUMBO_NODE_ELEMENT || !(n->parse_flags & GUMBO_INSERTION_IMPLICIT_END_TAG))
            return;
        out.insert(n);
    }
}

pugi::xml_node Sanitizer::run(GumboNode* root, pugi::xml_node parent, HtmlContext context) {
    context_ = context;
    unclosed(root, left_open_);
    stack_.push_back({root, 0, parent, {}, 0});
    while (!stack_.empty()) {
        Frame& f = stack_.back();
        const GumboVector& kids = f.node->v.element.children;
        if (f.next < kids.length) {
            GumboNode* c = static_cast<GumboNode*>(kids.data[f.next++]);
            child(f, c); // may push: f is not used after
            continue;
        }
        if (f.created && !left_open_.count(f.node)) finish_html_element(f.created);
        stack_.pop_back();
    }
    return open_;
}

void Sanitizer::child(Frame& f, GumboNode* c) {
    pugi::xml_node into = f.into;
    const int depth = f.depth;
    switch (c->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_WHITESPACE: {
        static const std::set<std::string> structural = {
            "table", "thead", "tbody", "tfoot", "tr", "colgroup", "ul", "ol", "dl"};
        if (structural.count(into.name())) {
            if (c->type == GUMBO_NODE_WHITESPACE || is_blank(c->v.text.text)) return;
            if (std::strcmp(into.name(), "ul") == 0 || std::strcmp(into.name(), "ol") == 0)
                into = into.append_child("li");
            else if (std::strcmp(into.name(), "dl") == 0)
                into = into.append_child("dd");
            else
                return; // text among a table's rows has no place
        }
        into.append_child(pugi::node_pcdata).set_value(c->v.text.text);
        return;
    }
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
        break;
    default: // comments, the document
        return;
    }
    const GumboElement& e = c->v.element;
    if (e.tag_namespace != GUMBO_NAMESPACE_HTML) {
        dropped("inline SVG and MathML");
        if (left_open_.count(c)) dropped_open = gumbo_normalized_tagname(e.tag);
        return;
    }
    Rule rule = rule_for(e.tag);
    if (e.tag == GUMBO_TAG_UNKNOWN && unknown_name(e) == "picture")
        rule = {Fate::unwrap}; // its img is the picture; its sources are for browsers
    if (rule.fate == Fate::drop || rule.fate == Fate::media) {
        dropped(rule.kind);
        if (rule.fate == Fate::media) media(e, into);
        if (left_open_.count(c)) dropped_open = gumbo_normalized_tagname(e.tag);
        return;
    }
    bool unwrap = rule.fate == Fate::unwrap || depth >= max_html_depth;
    if (!unwrap && !(rule.model & phrasing) && holds_phrasing_only(into.name())) {
        // A block inside a paragraph or a span: its content, without it. A rule or a break
        // between blocks has no content to keep.
        if (rule.model & void_element) return;
        unwrap = true;
    }
    if (unwrap) {
        if (rule.fate == Fate::unwrap) dropped(rule.kind);
        stack_.push_back({c, 0, into, {}, depth});
        return;
    }
    pugi::xml_node el = element(c, rule, into);
    if (!el) return;
    if (left_open_.count(c) && !(rule.model & void_element) &&
        ((context_ == HtmlContext::flow && (rule.model & container)) ||
         (context_ == HtmlContext::phrasing && (rule.model & phrasing)))) {
        open_ = el;
        open_tag = gumbo_normalized_tagname(e.tag);
    }
    if (!(rule.model & void_element)) stack_.push_back({c, 0, el, el, depth + 1});
}

// The element for c under into, with the places its content model demands: a list item in a
// list, a cell in a row; an empty node when it cannot go there at all.
pugi::xml_node Sanitizer::element(GumboNode* c, const Rule& rule, pugi::xml_node into) {
    const GumboElement& e = c->v.element;
    std::string name = rule.as;
    const std::string parent = into.name();
    auto is = [&](std::initializer_list<const char*> names) {
        for (const char* n : names)
            if (parent == n) return true;
        return false;
    };
    if (name == "li" && !is({"ul", "ol"})) {
        name = "div";
    } else if ((name == "dt" || name == "dd") && !is({"dl"})) {
        name = "div";
    } else if (name != "li" && is({"ul", "ol"})) {
        into = into.append_child("li");
    } else if (name != "dt" && name != "dd" && is({"dl"})) {
        into = into.append_child("dd");
    } else if (name == "figcaption" && !is({"figure"})) {
        name = "div";
    } else if (name == "summary" && (!is({"details"}) || into.find_child([](pugi::xml_node k) {
                   return k.type() == pugi::node_element ||
                          (k.type() == pugi::node_pcdata && !is_blank(k.value()));
               }))) {
        name = "div";
    } else if ((name == "caption" || name == "colgroup" || name == "thead" || name == "tbody" ||
                name == "tfoot") &&
               !is({"table"})) {
        return {};
    } else if (name == "tr" && !is({"table", "thead", "tbody", "tfoot"})) {
        return {};
    } else if ((name == "td" || name == "th") && !is({"tr"})) {
        return {};
    } else if (name == "col" && !is({"colgroup", "table"})) {
        return {};
    } else if (name == "a" && has_ancestor(into, "a")) {
        name = "span"; // a link cannot hold another
    }
    if (name[0] == 'h' && name.size() == 2 && name[1] >= '1' && name[1] <= '6' &&
        hooks_.heading_level)
        name = "h" + std::to_string(hooks_.heading_level(name[1] - '0'));
    pugi::xml_node el = into.append_child(name.c_str());
    attributes(e, name.c_str(), el);
    if (name == "img" && !el.attribute("src")) {
        // Not packed: its alt text, if any, instead.
        std::string alt = el.attribute("alt").value();
        into.remove_child(el);
        if (!alt.empty()) into.append_child(pugi::node_pcdata).set_value(alt.c_str());
        return {};
    }
    if (name == "bdo" && !el.attribute("dir")) el.append_attribute("dir") = "ltr";
    return el;
}

void Sanitizer::attributes(const GumboElement& e, const char* name, pugi::xml_node out) {
    const std::string n = name;
    for (unsigned i = 0; i < e.attributes.length; ++i) {
        auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
        const std::string k = a->name;
        const char* v = a->value;
        if (k.rfind("on", 0) == 0) {
            dropped("event handler attributes");
        } else if (k == "style") {
            dropped("styles");
        } else if (k == "id" || (k == "name" && n == "a")) {
            if (!*v || out.attribute("id") || !hooks_.id) continue;
            bool spaces = false;
            for (const char* p = v; *p; ++p)
                spaces |= std::isspace(static_cast<unsigned char>(*p)) != 0;
            if (!spaces) out.append_attribute("id") = hooks_.id(v).c_str();
        } else if (k == "class" || k == "title") {
            if (*v) out.append_attribute(k.c_str()) = v;
        } else if (k == "lang" || k == "xml:lang") {
            if (language_form(v) && !out.attribute("lang")) out.append_attribute("lang") = v;
        } else if (k == "dir") {
            if (!std::strcmp(v, "ltr") || !std::strcmp(v, "rtl") || !std::strcmp(v, "auto"))
                out.append_attribute("dir") = v;
        } else if (k == "href" && n == "a") {
            if (hooks_.link && !out.attribute("href")) hooks_.link(out, v);
        } else if (k == "src" && n == "img") {
            std::string src = hooks_.image ? hooks_.image(v) : "";
            if (!src.empty()) out.prepend_attribute("src") = src.c_str();
        } else if (k == "alt" && n == "img") {
            out.append_attribute("alt") = v;
        } else if ((k == "width" || k == "height") && n == "img") {
            if (all_digits(v, 5)) out.append_attribute(k.c_str()) = v;
        } else if ((k == "colspan" || k == "rowspan") && (n == "td" || n == "th")) {
            if (all_digits(v, 3) && std::strtol(v, nullptr, 10) > 0)
                out.append_attribute(k.c_str()) = v;
        } else if (k == "scope" && n == "th") {
            if (!std::strcmp(v, "row") || !std::strcmp(v, "col") || !std::strcmp(v, "rowgroup") ||
                !std::strcmp(v, "colgroup"))
                out.append_attribute("scope") = v;
        } else if (k == "span" && (n == "col" || n == "colgroup")) {
            if (all_digits(v, 3) && std::strtol(v, nullptr, 10) > 0)
                out.append_attribute("span") = v;
        } else if ((k == "start" && n == "ol") || (k == "value" && n == "li")) {
            if (all_digits(v, 9)) out.append_attribute(k.c_str()) = v;
        } else if (k == "reversed" && n == "ol") {
            out.append_attribute("reversed") = "reversed";
        } else if (k == "type" && n == "ol") {
            if (std::strlen(v) == 1 && std::strchr("1aAiI", *v)) out.append_attribute("type") = v;
        } else if (k == "open" && n == "details") {
            out.append_attribute("open") = "open";
        } else if ((k == "datetime" && n == "time") || (k == "value" && n == "data")) {
            out.append_attribute(k.c_str()) = v;
        }
        // Anything else (ARIA and roles written for a page, data-*, sizes, sources for
        // browsers) is left out without a word: the book has its own.
    }
    if (n == "img" && out.attribute("src") && !out.attribute("alt"))
        out.append_attribute("alt") = "";
}

// A video, a sound or a frame: its poster image if there is one, else a link to its source.
void Sanitizer::media(const GumboElement& e, pugi::xml_node into) {
    auto attr = [&](const char* k) -> std::string {
        const GumboAttribute* a = gumbo_get_attribute(&e.attributes, k);
        return a ? a->value : "";
    };
    std::string src = attr("src");
    if (src.empty()) src = attr("data");
    if (src.empty()) {
        // <video><source src=...></video>
        for (unsigned i = 0; i < e.children.length && src.empty(); ++i) {
            auto* c = static_cast<GumboNode*>(e.children.data[i]);
            if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_SOURCE) {
                const GumboAttribute* a = gumbo_get_attribute(&c->v.element.attributes, "src");
                if (a) src = a->value;
            }
        }
    }
    std::string poster = attr("poster");
    if (!poster.empty() && hooks_.image) {
        std::string p = hooks_.image(poster);
        if (!p.empty()) {
            pugi::xml_node at = holds_phrasing_only(into.name()) ? into : into.append_child("p");
            auto img = at.append_child("img");
            img.append_attribute("src") = p.c_str();
            img.append_attribute("alt") = attr("title").c_str();
            return;
        }
    }
    // Only a source on the web is worth a link; anything else would be a link to nowhere.
    if (src.rfind("https://", 0) != 0 && src.rfind("http://", 0) != 0) return;
    if (!hooks_.link || has_ancestor(into, "a")) return;
    pugi::xml_node at = holds_phrasing_only(into.name()) ? into : into.append_child("p");
    auto a = at.append_child("a");
    std::string title = attr("title");
    a.text() = (title.empty() ? src : title).c_str();
    hooks_.link(a, src);
}

// The most tags a fragment may open before gumbo parses it: gumbo's time and memory grow with
// the square of the depth of nesting (10,000 nested elements took 2.9 s and 786 MB here).
constexpr int max_parse_depth = 512;
bool too_deep(const std::string& html) {
    return nests_deeper_than(html, max_parse_depth);
}

} // namespace

// Counting start tags less end tags bounds the depth from above. What opens nothing is not
// counted: void elements, those whose end tag may be left out (they end at the next of their
// kind), comments, the text of script and style, and self-closed elements of SVG and MathML
// (in HTML "<div/>" opens a div, so "/>" counts only there).
bool nests_deeper_than(std::string_view html, int max_depth) {
    static const std::set<std::string> voids = {"area",   "base",  "br",    "col",  "embed",
                                                "hr",     "img",   "input", "link", "meta",
                                                "source", "track", "wbr",   "param"};
    static const std::set<std::string> optional_end = {
        "p",  "li", "dt", "dd",    "tr",    "td",    "th",       "option", "optgroup",
        "rb", "rt", "rp", "thead", "tbody", "tfoot", "colgroup", "caption"};
    static const std::set<std::string> raw_text = {"script", "style",   "textarea", "title",
                                                   "xmp",    "noembed", "noframes", "iframe"};
    auto find_ci = [&](std::string_view what, size_t from) {
        for (size_t i = from; i + what.size() <= html.size(); ++i) {
            size_t k = 0;
            while (k < what.size() &&
                   std::tolower(static_cast<unsigned char>(html[i + k])) == what[k])
                ++k;
            if (k == what.size()) return i;
        }
        return std::string_view::npos;
    };
    int depth = 0, foreign = 0; // foreign: the depth at which svg or math opened, or 0
    for (size_t i = 0; i + 1 < html.size(); ++i) {
        if (html[i] != '<') continue;
        if (html.compare(i, 4, "<!--") == 0) {
            size_t e = html.find("-->", i + 4);
            if (e == std::string_view::npos) break;
            i = e + 2;
            continue;
        }
        bool end = html[i + 1] == '/';
        size_t j = i + 1 + (end ? 1 : 0), k = j;
        while (k < html.size() && std::isalnum(static_cast<unsigned char>(html[k])))
            ++k;
        if (k == j || !std::isalpha(static_cast<unsigned char>(html[j]))) continue;
        std::string name(html.substr(j, k - j));
        for (auto& ch : name)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        size_t close = html.find('>', k);
        bool self_closed = close != std::string_view::npos && close > k && html[close - 1] == '/';
        if (!end && raw_text.count(name)) { // its text is no markup
            size_t e = find_ci("</" + name, k);
            if (e == std::string_view::npos) break;
            i = e + 1;
            continue;
        }
        if (voids.count(name) || optional_end.count(name)) continue;
        if (!end && self_closed && foreign) continue;
        depth += end ? -1 : 1;
        if (depth < 0) depth = 0;
        if (!end && !foreign && (name == "svg" || name == "math")) foreign = depth;
        if (end && foreign && depth < foreign) foreign = 0;
        if (depth > max_depth) return true;
    }
    return false;
}

namespace {

struct GumboDeleter {
    const GumboOptions* options;
    void operator()(GumboOutput* o) const { gumbo_destroy_output(options, o); }
};

} // namespace

pugi::xml_node append_html(const std::string& html, pugi::xml_node parent, HtmlContext context,
                           const HtmlHooks& hooks, std::string* open_tag,
                           std::string* dropped_open) {
    if (too_deep(html)) {
        if (hooks.dropped) hooks.dropped("HTML nested more than 512 elements deep");
        return {};
    }
    GumboOptions options = kGumboDefaultOptions;
    options.fragment_context = context == HtmlContext::flow ? GUMBO_TAG_DIV : GUMBO_TAG_SPAN;
    options.max_errors = 0; // the errors are not read: not kept
    std::unique_ptr<GumboOutput, GumboDeleter> out(
        gumbo_parse_with_options(&options, html.data(), html.size()), GumboDeleter{&options});
    if (!out || !out->root) return {};
    Sanitizer s(hooks);
    pugi::xml_node open = s.run(out->root, parent, context);
    if (open_tag) *open_tag = s.open_tag;
    if (dropped_open) *dropped_open = s.dropped_open;
    return open;
}

void finish_html_element(pugi::xml_node el) {
    const std::string n = el.name();
    if (n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6' && !shows_text(el)) {
        el.set_name("p");
    } else if (n == "a" && !shows_text(el)) {
        el.set_name("span");
        el.remove_attribute("href");
    } else if (n == "details" && std::strcmp(el.find_child([](pugi::xml_node k) {
                                                   return k.type() == pugi::node_element ||
                                                          (k.type() == pugi::node_pcdata &&
                                                           !is_blank(k.value()));
                                               }).name(),
                                             "summary") != 0) {
        el.prepend_child("summary").text() = "Details";
    } else if (n == "dl") {
        // XHTML's dl is groups of terms then definitions. Wikipedia's indented lines are
        // definitions with no term: a dl of no dt is blocks of text, kept as divs; a dd with no
        // term before it, or a term with no definition after it, gets an empty partner.
        bool any_term = false;
        for (pugi::xml_node k = el.first_child(); k; k = k.next_sibling())
            any_term = any_term || std::strcmp(k.name(), "dt") == 0;
        if (!any_term) {
            el.set_name("div");
            for (pugi::xml_node k = el.first_child(); k; k = k.next_sibling())
                if (std::strcmp(k.name(), "dd") == 0) k.set_name("div");
            return;
        }
        const char* last = "";
        for (pugi::xml_node k = el.first_child(); k; k = k.next_sibling()) {
            if (k.type() != pugi::node_element) continue;
            if (std::strcmp(k.name(), "dd") == 0 && std::strcmp(last, "dt") != 0 &&
                std::strcmp(last, "dd") != 0)
                el.insert_child_before("dt", k);
            last = k.name();
        }
        if (std::strcmp(last, "dt") == 0) el.append_child("dd");
    }
}

std::string end_tag_name(const std::string& html, size_t* length) {
    if (html.size() < 4 || html[0] != '<' || html[1] != '/' ||
        !std::isalpha(static_cast<unsigned char>(html[2])))
        return "";
    size_t k = 2;
    std::string name;
    while (k < html.size() && (std::isalnum(static_cast<unsigned char>(html[k])) || html[k] == '-'))
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[k++])));
    while (k < html.size() && std::isspace(static_cast<unsigned char>(html[k])))
        ++k;
    if (k >= html.size() || html[k] != '>') return "";
    if (length) *length = k + 1;
    return name;
}

} // namespace octavo
