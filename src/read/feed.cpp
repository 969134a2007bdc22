// Feeds in, one article per entry (octavo/feed.hpp). XML feeds are read with pugixml, which never
// reads a DTD (no entity it declares is expanded, no external one fetched: an undeclared
// reference is left as text); JSON Feed with nlohmann-json. Namespaces are resolved by hand from
// the xmlns attributes in scope (pugixml keeps names as written), xml:base and xml:lang likewise.
#include "octavo/feed.hpp"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <unordered_set>

#include "core/limits.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "core/url.hpp"
#include "read/article.hpp"
#include "read/html.hpp"

namespace octavo {
namespace {

constexpr const char* atom_ns = "http://www.w3.org/2005/Atom";
constexpr const char* atom03_ns = "http://purl.org/atom/ns#";
constexpr const char* rss1_ns = "http://purl.org/rss/1.0/";
constexpr const char* rss090_ns = "http://my.netscape.com/rdf/simple/0.9/";
constexpr const char* rdf_ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* dc_ns = "http://purl.org/dc/elements/1.1/";
constexpr const char* dcterms_ns = "http://purl.org/dc/terms/";
constexpr const char* content_ns = "http://purl.org/rss/1.0/modules/content/";
constexpr const char* media_ns = "http://search.yahoo.com/mrss/";

// ---- Sniffing ---------------------------------------------------------------------------------

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The name of the root element, past the BOM, the declaration, comments, processing
// instructions and a DOCTYPE (its internal subset included); "" when bytes do not start so.
std::string root_name(std::string_view s) {
    if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    size_t i = 0;
    for (int guard = 0; guard < 64; ++guard) {
        while (i < s.size() && is_space(s[i]))
            ++i;
        if (i >= s.size() || s[i] != '<') return {};
        if (s.compare(i, 4, "<!--") == 0) {
            size_t e = s.find("-->", i + 4);
            if (e == std::string_view::npos) return {};
            i = e + 3;
        } else if (s.compare(i, 2, "<?") == 0) {
            size_t e = s.find("?>", i + 2);
            if (e == std::string_view::npos) return {};
            i = e + 2;
        } else if (s.compare(i, 9, "<!DOCTYPE") == 0) {
            size_t e = i + 9;
            int depth = 0;
            while (e < s.size() && (depth > 0 || s[e] != '>')) {
                if (s[e] == '[') ++depth;
                if (s[e] == ']') --depth;
                ++e;
            }
            if (e >= s.size()) return {};
            i = e + 1;
        } else {
            size_t e = i + 1;
            while (e < s.size() && !is_space(s[e]) && s[e] != '>' && s[e] != '/')
                ++e;
            return std::string(s.substr(i + 1, e - i - 1));
        }
    }
    return {};
}

std::string_view local_part(std::string_view name) {
    size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// ---- XML helpers ------------------------------------------------------------------------------

// The namespace of an element's name: its prefix's (or the default) xmlns in scope.
std::string ns_of(pugi::xml_node n) {
    std::string_view name = n.name();
    size_t colon = name.find(':');
    std::string attr =
        colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
    if (attr == "xmlns:xml") return "http://www.w3.org/XML/1998/namespace";
    for (pugi::xml_node p = n; p; p = p.parent())
        if (pugi::xml_attribute a = p.attribute(attr.c_str())) return a.value();
    return {};
}

std::string_view local_of(pugi::xml_node n) {
    return local_part(n.name());
}

bool is(pugi::xml_node n, const char* ns, const char* local) {
    return n.type() == pugi::node_element && local_of(n) == local && ns_of(n) == ns;
}

// The children of n named local in namespace ns.
std::vector<pugi::xml_node> children(pugi::xml_node n, const char* ns, const char* local) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node c : n.children())
        if (is(c, ns, local)) out.push_back(c);
    return out;
}

pugi::xml_node child(pugi::xml_node n, const char* ns, const char* local) {
    for (pugi::xml_node c : n.children())
        if (is(c, ns, local)) return c;
    return {};
}

// The text an element holds, its character data and CDATA sections and those of its descendants.
std::string text_in(pugi::xml_node n) {
    std::string out;
    for (pugi::xml_node c : n.children()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)
            out += c.value();
        else if (c.type() == pugi::node_element)
            out += text_in(c);
    }
    return out;
}

std::string text_of_child(pugi::xml_node n, const char* ns, const char* local) {
    pugi::xml_node c = child(n, ns, local);
    return c ? text_in(c) : std::string();
}

// An attribute that may be written with any prefix bound to ns ("rdf:about").
std::string ns_attribute(pugi::xml_node n, const char* ns, const char* local) {
    for (pugi::xml_attribute a : n.attributes()) {
        std::string_view name = a.name();
        size_t colon = name.find(':');
        if (colon == std::string_view::npos || name.substr(colon + 1) != local) continue;
        std::string decl = "xmlns:" + std::string(name.substr(0, colon));
        for (pugi::xml_node p = n; p; p = p.parent())
            if (pugi::xml_attribute d = p.attribute(decl.c_str())) {
                if (std::strcmp(d.value(), ns) == 0) return a.value();
                break;
            }
    }
    return {};
}

bool is_web_url(const std::string& url) {
    std::string scheme;
    return has_scheme(url, scheme) && (scheme == "http" || scheme == "https");
}

// ref resolved against base, when base is a web URL; ref itself otherwise.
std::string resolve(const std::string& base, const std::string& ref) {
    std::string r = trim_space(ref);
    if (r.empty() || base.empty() || is_web_url(r)) return r;
    std::string out = resolve_url(base, r);
    return out.empty() ? r : out;
}

// xml:base in scope at n, each resolved against the one above it; start: the feed's URL.
std::string base_of(pugi::xml_node n, const std::string& start) {
    std::vector<pugi::xml_node> chain;
    for (pugi::xml_node p = n; p && p.type() == pugi::node_element; p = p.parent())
        chain.push_back(p);
    std::string base = start;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
        if (pugi::xml_attribute a = it->attribute("xml:base")) {
            std::string b = trim_space(a.value());
            if (is_web_url(b))
                base = b;
            else if (is_web_url(base))
                base = resolve(base, b);
        }
    return base;
}

std::string lang_of(pugi::xml_node n) {
    for (pugi::xml_node p = n; p && p.type() == pugi::node_element; p = p.parent())
        if (pugi::xml_attribute a = p.attribute("xml:lang")) return metadata_text(a.value());
    return {};
}

// A copy of an XHTML element's children into `to`, names without their prefix (Atom's xhtml
// content often writes <xhtml:p>), so that the HTML reader knows them; xmlns attributes left.
void copy_local(pugi::xml_node from, pugi::xml_node to) {
    for (pugi::xml_node c : from.children()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
            to.append_child(pugi::node_pcdata).set_value(c.value());
        } else if (c.type() == pugi::node_element) {
            pugi::xml_node e = to.append_child(std::string(local_of(c)).c_str());
            for (pugi::xml_attribute a : c.attributes()) {
                std::string_view an = a.name();
                if (an == "xmlns" || an.rfind("xmlns:", 0) == 0) continue;
                e.append_attribute(std::string(local_part(an)).c_str()) = a.value();
            }
            copy_local(c, e);
        }
    }
}

struct StringWriter : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override {
        out.append(static_cast<const char*>(data), size);
    }
};

std::string serialize_children(pugi::xml_node n) {
    pugi::xml_document doc;
    pugi::xml_node div = doc.append_child("div");
    copy_local(n, div);
    StringWriter w;
    div.print(w, "", pugi::format_raw);
    return w.out;
}

// Plain text as HTML: a paragraph per run of lines, a line break inside one.
std::string text_as_html(const std::string& text) {
    pugi::xml_document doc;
    pugi::xml_node div = doc.append_child("div");
    std::string t = text;
    std::replace(t.begin(), t.end(), '\r', '\n');
    size_t start = 0;
    while (start < t.size()) {
        size_t end = t.find("\n\n", start);
        if (end == std::string::npos) end = t.size();
        std::string para = trim_space(t.substr(start, end - start));
        if (!para.empty()) {
            pugi::xml_node p = div.append_child("p");
            size_t ls = 0;
            for (;;) {
                size_t le = para.find('\n', ls);
                p.append_child(pugi::node_pcdata)
                    .set_value(para.substr(ls, le == std::string::npos ? le : le - ls).c_str());
                if (le == std::string::npos) break;
                p.append_child("br");
                ls = le + 1;
            }
        }
        start = end + 2;
    }
    StringWriter w;
    div.print(w, "", pugi::format_raw);
    return w.out;
}

// Text that may be HTML (an RSS title, "AT&amp;T" or "<b>New</b>"): what a reader sees of it.
std::string maybe_html_text(const std::string& s) {
    if (s.find('<') == std::string::npos && s.find('&') == std::string::npos)
        return metadata_text(s);
    return html_text(s);
}

// ---- Repairs ----------------------------------------------------------------------------------

// 1-based line of byte offset at in text.
int line_at(std::string_view text, size_t at) {
    at = std::min(at, text.size());
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

// The first '&' outside CDATA sections and comments that starts no reference at all ("AT&T",
// "a & b"): pugixml reads it as text, as feed readers do, but the feed is not well-formed there.
// A named reference ("&nbsp;") is left alone: the DTD it needs is never read, and the HTML
// reader decodes the ones HTML knows. npos when there is none.
size_t bare_ampersand(std::string_view s) {
    auto name_char = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
               c == ':' || static_cast<unsigned char>(c) >= 0x80;
    };
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '<' && s.compare(i, 9, "<![CDATA[") == 0) {
            size_t e = s.find("]]>", i);
            if (e == std::string_view::npos) return std::string_view::npos;
            i = e + 2;
            continue;
        }
        if (s[i] == '<' && s.compare(i, 4, "<!--") == 0) {
            size_t e = s.find("-->", i);
            if (e == std::string_view::npos) return std::string_view::npos;
            i = e + 2;
            continue;
        }
        if (s[i] != '&') continue;
        size_t k = i + 1;
        if (k < s.size() && s[k] == '#') {
            ++k;
            bool hex = k < s.size() && (s[k] == 'x' || s[k] == 'X');
            if (hex) ++k;
            size_t digits = k;
            while (k < s.size() && (hex ? std::isxdigit(static_cast<unsigned char>(s[k]))
                                        : std::isdigit(static_cast<unsigned char>(s[k]))))
                ++k;
            if (k == digits || k >= s.size() || s[k] != ';') return i;
            continue;
        }
        size_t start = k;
        while (k < s.size() && k - start < 64 && name_char(s[k]))
            ++k;
        if (k == start || k >= s.size() || s[k] != ';') return i;
    }
    return std::string_view::npos;
}

// The feed's text in UTF-8 (by its BOM, else its XML declaration's encoding), with the damage
// feed readers repair: bytes that are no character, characters XML forbids. Each repair warned
// about once, with the line of the first.
Result<std::string> decode_xml(std::string_view raw, const std::string& source,
                               Warnings& warnings) {
    std::string label;
    if (raw.substr(0, 3) == "\xEF\xBB\xBF") {
        raw.remove_prefix(3);
    } else if (raw.substr(0, 2) == "\xFF\xFE" || raw.substr(0, 2) == "\xFE\xFF") {
        label = raw[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
        raw.remove_prefix(2);
    } else if (raw.substr(0, 5) == "<?xml") {
        std::string_view decl = raw.substr(0, raw.find("?>"));
        size_t at = decl.find("encoding");
        if (at != std::string_view::npos) {
            size_t q = decl.find_first_of("\"'", at);
            if (q != std::string_view::npos) {
                size_t e = decl.find(decl[q], q + 1);
                if (e != std::string_view::npos) label = std::string(decl.substr(q + 1, e - q - 1));
            }
        }
    }
    std::string text;
    size_t bad = 0;
    std::string lower_label = label;
    for (auto& ch : lower_label)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower_label.empty() || lower_label == "utf-8" || lower_label == "utf8" ||
        lower_label == "us-ascii" || lower_label == "ascii") {
        text.assign(raw);
    } else if (lower_label.rfind("utf-16", 0) == 0 && label != "UTF-16LE" && label != "UTF-16BE") {
        // Declared UTF-16 in an ASCII-compatible file: it cannot be UTF-16.
        text.assign(raw);
    } else if (auto converted = convert_to_utf8(raw, label, &bad)) {
        text = std::move(*converted);
    } else {
        warnings.push_back(
            {Errc::content, source, 1, 0,
             "declares the encoding '" + label + "', which octavo does not know: read as UTF-8"});
        text.assign(raw);
    }
    // Characters XML forbids: C0 controls but tab, LF and CR.
    size_t first = std::string::npos;
    std::string clean;
    clean.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            if (first == std::string::npos) first = i;
            continue;
        }
        clean += text[i];
    }
    if (first != std::string::npos) {
        warnings.push_back({Errc::content, source, line_at(text, first), 0,
                            "not well-formed: control characters XML forbids, removed"});
        text = std::move(clean);
    }
    if (auto invalid = find_invalid_utf8(text)) {
        warnings.push_back({Errc::content, source, line_at(text, invalid->offset), 0,
                            "not well-formed: bytes that are not UTF-8, replaced by U+FFFD"});
        make_xml_safe(text);
    }
    if (bad)
        warnings.push_back(
            {Errc::content, source, 0, 0,
             "not well-formed: bytes that are no character in " + label + ", replaced by U+FFFD"});
    return text;
}

// ---- Entries ----------------------------------------------------------------------------------

// What an entry gives before its content is read.
struct RawEntry {
    std::string title;
    bool title_is_html = false;
    std::vector<Person> authors;
    std::string published, updated; // as given
    std::vector<std::string> subjects;
    std::string link, id, lang;
    std::string html;     // its content as HTML
    bool summary = false; // the content is a summary (or a description): the page has more
    std::string base;     // what relative URLs in it resolve against
    std::string origin;   // how messages name it
    int line = 0;
};

// "jane@example.org (Jane Doe)" or "Jane Doe <jane@example.org>": the name.
std::string person_name(std::string s) {
    s = metadata_text(s);
    size_t open = s.find('(');
    size_t close = s.rfind(')');
    if (s.find('@') != std::string::npos && open != std::string::npos && close > open)
        return metadata_text(s.substr(open + 1, close - open - 1));
    size_t lt = s.find('<');
    if (lt != std::string::npos && lt > 0 && s.find('@', lt) != std::string::npos)
        return metadata_text(s.substr(0, lt));
    return s;
}

void add_person(std::vector<Person>& list, const std::string& name) {
    std::string n = person_name(name);
    if (n.empty()) return;
    for (const auto& p : list)
        if (p.name == n) return;
    list.push_back({n, "aut", ""});
}

void add_subject(std::vector<std::string>& list, const std::string& s) {
    std::string t = metadata_text(s);
    if (t.empty() || list.size() >= 20) return;
    if (std::find(list.begin(), list.end(), t) == list.end()) list.push_back(t);
}

// Media RSS's description (a video's or a podcast's: YouTube's feeds give nothing else), as
// paragraphs of text; "" when there is none.
std::string media_description(pugi::xml_node n) {
    pugi::xml_node d = child(n, media_ns, "description");
    if (!d)
        if (pugi::xml_node g = child(n, media_ns, "group")) d = child(g, media_ns, "description");
    if (!d) return {};
    std::string type = d.attribute("type").value();
    return type == "html" ? text_in(d) : text_as_html(text_in(d));
}

// An Atom text construct (title, summary, content...) as HTML, by its type.
std::string atom_html(pugi::xml_node n) {
    std::string type = n.attribute("type").value();
    std::string mode = n.attribute("mode").value(); // Atom 0.3
    if (type == "xhtml" || type == "application/xhtml+xml") {
        pugi::xml_node div;
        for (pugi::xml_node c : n.children())
            if (c.type() == pugi::node_element) {
                div = c;
                break;
            }
        return div && local_of(div) == "div" ? serialize_children(div) : serialize_children(n);
    }
    if (type == "html" || type == "text/html" || mode == "escaped") return text_in(n);
    if (type.empty() || type == "text" || type == "text/plain") return text_as_html(text_in(n));
    return {}; // another media type (a PDF, base64): nothing to read
}

// An Atom text construct as plain text.
std::string atom_text(pugi::xml_node n) {
    std::string type = n.attribute("type").value();
    if (type == "html" || type == "text/html" ||
        std::strcmp(n.attribute("mode").value(), "escaped") == 0)
        return html_text(text_in(n));
    return metadata_text(text_in(n));
}

// The page an Atom feed or entry links to; relative to xml:base, else to fallback (an entry's
// to its feed's page).
std::string atom_link(pugi::xml_node n, const char* ns, const std::string& start,
                      const std::string& fallback = {}) {
    std::string best;
    for (pugi::xml_node l : children(n, ns, "link")) {
        std::string rel = l.attribute("rel").value();
        std::string type = l.attribute("type").value();
        if (!rel.empty() && rel != "alternate") continue;
        std::string base = base_of(l, start);
        if (!is_web_url(base)) base = fallback;
        std::string href = resolve(base, l.attribute("href").value());
        if (href.empty()) continue;
        if (type.empty() || type == "text/html" || type == "application/xhtml+xml") return href;
        if (best.empty()) best = href;
    }
    return best;
}

void atom_authors(pugi::xml_node n, const char* ns, std::vector<Person>& out) {
    for (pugi::xml_node a : children(n, ns, "author")) {
        std::string name = text_of_child(a, ns, "name");
        if (is_blank_text(name)) name = text_in(a); // a name without <name>
        add_person(out, name);
    }
}

RawEntry atom_entry(pugi::xml_node e, const char* ns, const std::string& start,
                    const std::string& feed_link) {
    RawEntry r;
    if (pugi::xml_node t = child(e, ns, "title")) r.title = atom_text(t);
    atom_authors(e, ns, r.authors);
    r.published = text_of_child(e, ns, "published");
    if (r.published.empty()) r.published = text_of_child(e, ns, "issued");
    r.updated = text_of_child(e, ns, "updated");
    if (r.updated.empty()) r.updated = text_of_child(e, ns, "modified");
    for (pugi::xml_node c : children(e, ns, "category")) {
        std::string label = c.attribute("label").value();
        add_subject(r.subjects, label.empty() ? c.attribute("term").value() : label);
    }
    r.link = atom_link(e, ns, start, feed_link);
    r.id = metadata_text(text_of_child(e, ns, "id"));
    r.lang = lang_of(e);
    pugi::xml_node body = child(e, ns, "content");
    if (body && body.attribute("src")) body = {}; // content elsewhere: the summary, if any
    if (body) r.html = atom_html(body);
    if (is_blank_text(r.html))
        if (pugi::xml_node s = child(e, ns, "summary"))
            body = s, r.html = atom_html(s), r.summary = true;
    if (is_blank_text(r.html)) r.html = media_description(e), r.summary = true;
    if (body) {
        r.lang = lang_of(body);
        r.base = base_of(body, start);
    } else {
        r.base = base_of(e, start);
    }
    // Relative references in content resolve against xml:base, else the entry's page.
    if (!is_web_url(r.base) && is_web_url(r.link)) r.base = r.link;
    return r;
}

RawEntry rss_item(pugi::xml_node item, const char* ns, const std::string& start) {
    RawEntry r;
    r.title = text_of_child(item, ns, "title");
    r.title_is_html = true;
    for (pugi::xml_node a : children(item, ns, "author"))
        add_person(r.authors, text_in(a));
    for (pugi::xml_node a : children(item, dc_ns, "creator"))
        add_person(r.authors, text_in(a));
    r.published = text_of_child(item, ns, "pubDate");
    if (r.published.empty()) r.published = text_of_child(item, dc_ns, "date");
    r.updated = text_of_child(item, dcterms_ns, "modified");
    for (pugi::xml_node c : children(item, ns, "category"))
        add_subject(r.subjects, text_in(c));
    for (pugi::xml_node c : children(item, dc_ns, "subject"))
        add_subject(r.subjects, text_in(c));
    std::string base = base_of(item, start);
    r.link = resolve(base, text_of_child(item, ns, "link"));
    pugi::xml_node guid = child(item, ns, "guid");
    r.id = metadata_text(guid ? text_in(guid) : ns_attribute(item, rdf_ns, "about"));
    if (r.link.empty() && guid &&
        std::strcmp(guid.attribute("isPermaLink").value(), "false") != 0 && is_web_url(r.id))
        r.link = r.id;
    if (r.link.empty() && atom_link(item, atom_ns, start).size())
        r.link = atom_link(item, atom_ns, start);
    r.lang = lang_of(item);
    if (r.lang.empty()) r.lang = metadata_text(text_of_child(item, dc_ns, "language"));
    r.html = text_of_child(item, content_ns, "encoded");
    // RSS's description is a summary as often as the whole text: with no content:encoded, the
    // entry's page may hold more.
    if (is_blank_text(r.html)) r.html = text_of_child(item, ns, "description"), r.summary = true;
    if (is_blank_text(r.html)) r.html = media_description(item), r.summary = true;
    r.base = is_web_url(base) ? base : r.link;
    return r;
}

// ---- The feed ---------------------------------------------------------------------------------

struct Reader {
    const std::string& source;
    const FeedOptions& options;
    Warnings& warnings;
    std::string folder; // a saved feed's folder: a local logo is looked for there

    std::string label(size_t position, const RawEntry& r) const {
        std::string name = ", entry " + std::to_string(position);
        if (!is_blank_text(r.title)) {
            std::string t = r.title_is_html ? maybe_html_text(r.title) : metadata_text(r.title);
            if (t.size() > 80) { // at a character's start
                size_t cut = 77;
                while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80)
                    --cut;
                t = t.substr(0, cut) + "\xE2\x80\xA6";
            }
            name += " '" + t + "'";
        } else if (!r.id.empty())
            name += " (" + r.id + ")";
        return source + name;
    }

    std::optional<std::string> date(const std::string& given, const std::string& what,
                                    const RawEntry& r) {
        std::string d = metadata_text(given);
        if (d.empty()) return std::nullopt;
        if (is_valid_w3cdtf(d)) return d;
        if (auto w = read_date(d)) return w;
        warnings.push_back({Errc::metadata, r.origin, r.line, 0,
                            "its " + what + " date '" + d.substr(0, 64) +
                                "' is no date octavo reads (RFC 822, RFC 3339): left out"});
        return std::nullopt;
    }

    // The local file a logo names, when it is one inside the feed's folder.
    std::string local_logo(const std::string& logo) const {
        std::string l = trim_space(logo);
        std::string scheme;
        if (l.empty() || !options.base_url.empty() || has_scheme(l, scheme) || l[0] == '/' ||
            leaves_folder(l))
            return {};
        std::string path = folder.empty() ? l : folder + "/" + l;
        std::string real = real_path(path);
        if (real.empty() || !inside_folder(real, folder.empty() ? "." : folder)) return {};
        // Only a PNG or a JPEG (a favicon is often an .ico): anything else would refuse the book,
        // when a drawn cover does.
        unsigned char head[8] = {};
        FILE* f = std::fopen(path.c_str(), "rb");
        if (!f) return {};
        size_t n = std::fread(head, 1, sizeof head, f);
        std::fclose(f);
        bool png = n == 8 && std::memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0;
        bool jpeg = n >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;
        return png || jpeg ? l : std::string();
    }

    // Each selected entry made an article, in feed order.
    void add_entries(Feed& feed, std::vector<RawEntry> raw) {
        const Metadata& fm = feed.meta;
        size_t kept = 0;
        std::unordered_set<std::string> seen; // an entry the feed lists twice: its first

        for (size_t i = 0; i < raw.size(); ++i) {
            RawEntry& r = raw[i];
            r.origin = label(i + 1, r);
            FeedEntry entry;
            if (auto d = date(r.published, "published", r)) entry.published = *d;
            if (auto d = date(r.updated, "updated", r)) entry.updated = *d;
            const std::string& when = entry.published.empty() ? entry.updated : entry.published;
            if (!options.since.empty() && !when.empty() &&
                w3cdtf_in_utc(when) < w3cdtf_in_utc(options.since))
                continue;
            if (options.max_entries && kept >= options.max_entries) break;
            std::string id = !r.id.empty() ? r.id : r.link;
            if (!id.empty() && !seen.insert(id).second) continue;
            std::string title = r.title_is_html ? maybe_html_text(r.title) : metadata_text(r.title);
            std::string lang = r.lang.empty() ? fm.lang : r.lang;
            auto a = read_html_fragment(r.html, r.origin, r.base, title, lang, warnings);
            if (!a) {
                Error e = a.error();
                warnings.push_back(
                    {Errc::content, r.origin, r.line, 0, "left out of the book: " + e.message});
                continue;
            }
            if (options.fetch_summarized && r.summary && is_web_url(r.link)) page_of(r, *a);
            Article& art = *a;
            art.base_dir = folder;
            Metadata& m = art.meta;
            if (is_blank_text(title)) {
                title = untitled(art, when);
                warnings.push_back(
                    {Errc::metadata, r.origin, r.line, 0, "has no title: titled '" + title + "'"});
            }
            m.title = title;
            m.authors = r.authors.empty() ? fm.authors : r.authors;
            m.date = when;
            m.subjects = r.subjects;
            m.publisher = fm.title;
            if (is_web_url(r.link)) m.identifier = r.link;
            for (const char* key : {"title", "date", "lang", "author"})
                m.origins.push_back({key, r.origin, r.line});
            entry.link = r.link;
            entry.id = id;
            entry.article = std::move(art);
            feed.entries.push_back(std::move(entry));
            ++kept;
        }
        if (options.oldest_first) std::reverse(feed.entries.begin(), feed.entries.end());
    }

    // An entry that gives only a summary, read from its page as any page is (fetched, its
    // article taken out of it); its metadata stays the feed's. A page that cannot be read
    // leaves the summary, with a warning.
    void page_of(const RawEntry& r, Article& entry) {
        ReadOptions ro;
        ro.remote = options.remote;
        auto page = read_article_file(r.link, warnings, ro);
        if (!page) {
            warnings.push_back(
                {Errc::content, r.origin, r.line, 0,
                 "its page cannot be read (" + page.error().message + "): its summary is kept"});
            return;
        }
        entry.body = std::move(page->body);
        entry.format = page->format;
        entry.base_url = page->base_url;
        if (entry.meta.lang.empty()) entry.meta.lang = page->meta.lang;
    }

    // A title a reader would understand for an entry that has none: its first words, else its
    // date.
    static std::string untitled(const Article& a, const std::string& when) {
        std::string words = html_text(a.body);
        if (!words.empty()) {
            size_t cut = 0, count = 0;
            while (cut < words.size() && count < 8) {
                size_t sp = words.find(' ', cut);
                if (sp == std::string::npos) {
                    cut = words.size();
                    break;
                }
                cut = sp + 1;
                ++count;
            }
            if (cut < words.size()) {
                // A text without spaces (Japanese, Chinese): its first characters.
                if (count == 0) {
                    size_t n = 0, at = 0;
                    char32_t cp;
                    while (at < words.size() && n < 24)
                        at += utf8_sequence(words, at, cp), ++n;
                    cut = at;
                }
                return trim_space(words.substr(0, cut)) + "\xE2\x80\xA6";
            }
            return words;
        }
        if (!when.empty()) return display_date(when, a.meta.lang);
        return "Untitled";
    }

    Result<Feed> read_xml(std::string_view raw) {
        auto decoded = decode_xml(raw, source, warnings);
        if (!decoded) return decoded.error();
        std::string text = std::move(*decoded);
        if (size_t amp = bare_ampersand(text); amp != std::string::npos)
            warnings.push_back({Errc::content, source, line_at(text, amp), 0,
                                "not well-formed: an '&' that starts no character reference, "
                                "read as text"});
        pugi::xml_document doc;
        // No DTD is read (pugixml never does): an entity it declares stays a reference, as text.
        pugi::xml_parse_result res =
            doc.load_buffer(text.data(), text.size(), pugi::parse_default & ~pugi::parse_doctype,
                            pugi::encoding_utf8);
        if (!res)
            return Error{Errc::syntax, source, line_at(text, static_cast<size_t>(res.offset)), 0,
                         std::string("is not well-formed XML (") + res.description() +
                             "): it cannot be read as a feed"};
        if (text.find("<!ENTITY") != std::string::npos)
            warnings.push_back({Errc::content, source, 0, 0,
                                "declares entities in a DTD: they are not expanded, nor "
                                "external ones fetched"});
        pugi::xml_node root = doc.document_element();
        Feed feed;
        feed.source = source;
        const std::string start = options.base_url;
        std::vector<RawEntry> raw_entries;
        // Lines counted from the last node's: entries come in order, and counting each from the
        // start would be quadratic in a long feed.
        size_t counted_to = 0;
        int counted_line = 1;
        auto line = [&](pugi::xml_node n) {
            size_t at = std::min(static_cast<size_t>(std::max<ptrdiff_t>(n.offset_debug(), 0)),
                                 text.size());
            if (at < counted_to) counted_to = 0, counted_line = 1;
            counted_line +=
                static_cast<int>(std::count(text.begin() + static_cast<ptrdiff_t>(counted_to),
                                            text.begin() + static_cast<ptrdiff_t>(at), '\n'));
            counted_to = at;
            return counted_line;
        };
        std::string rns = ns_of(root);
        if (local_of(root) == "feed" && (rns == atom_ns || rns == atom03_ns)) {
            const char* ns = rns == atom_ns ? atom_ns : atom03_ns;
            feed.format = FeedFormat::atom;
            Metadata& m = feed.meta;
            if (pugi::xml_node t = child(root, ns, "title")) m.title = atom_text(t);
            pugi::xml_node sub = child(root, ns, "subtitle");
            if (!sub) sub = child(root, ns, "tagline");
            if (sub) m.subtitle = atom_text(sub);
            atom_authors(root, ns, m.authors);
            m.lang = lang_of(root);
            if (pugi::xml_node r = child(root, ns, "rights")) m.rights = atom_text(r);
            feed.link = atom_link(root, ns, start);
            std::string logo = text_of_child(root, ns, "logo");
            if (logo.empty()) logo = text_of_child(root, ns, "icon");
            m.cover_image = local_logo(logo);
            for (pugi::xml_node e : children(root, ns, "entry")) {
                if (raw_entries.size() >= max_feed_entries) break;
                raw_entries.push_back(atom_entry(e, ns, start, feed.link));
                raw_entries.back().line = line(e);
            }
        } else if (local_of(root) == "rss" || (local_of(root) == "RDF" && rns == rdf_ns)) {
            bool rdf = local_of(root) == "RDF";
            feed.format = rdf ? FeedFormat::rdf : FeedFormat::rss;
            pugi::xml_node channel;
            for (pugi::xml_node c : root.children())
                if (c.type() == pugi::node_element && local_of(c) == "channel") {
                    channel = c;
                    break;
                }
            if (!channel)
                return Error{Errc::syntax, source, line(root), 0,
                             "is an RSS feed without a <channel>: it cannot be read as a feed"};
            std::string cns = ns_of(channel);
            if (rdf && cns != rss1_ns && cns != rss090_ns)
                return Error{Errc::syntax, source, line(root), 0,
                             "is RDF, but no RSS 1.0 channel: it cannot be read as a feed"};
            const char* ns = rdf ? (cns == rss1_ns ? rss1_ns : rss090_ns) : "";
            Metadata& m = feed.meta;
            m.title = maybe_html_text(text_of_child(channel, ns, "title"));
            m.subtitle = maybe_html_text(text_of_child(channel, ns, "description"));
            m.lang = metadata_text(text_of_child(channel, ns, "language"));
            if (m.lang.empty()) m.lang = metadata_text(text_of_child(channel, dc_ns, "language"));
            if (m.lang.empty()) m.lang = lang_of(channel);
            for (pugi::xml_node a : children(channel, dc_ns, "creator"))
                add_person(m.authors, text_in(a));
            if (m.authors.empty())
                add_person(m.authors, text_of_child(channel, ns, "managingEditor"));
            m.publisher = metadata_text(text_of_child(channel, dc_ns, "publisher"));
            m.rights = metadata_text(text_of_child(channel, ns, "copyright"));
            if (m.rights.empty()) m.rights = metadata_text(text_of_child(channel, dc_ns, "rights"));
            std::string base = base_of(channel, start);
            feed.link = resolve(base, text_of_child(channel, ns, "link"));
            pugi::xml_node image = child(channel, ns, "image");
            if (rdf && !image) image = child(root, ns, "image");
            if (image) m.cover_image = local_logo(text_of_child(image, ns, "url"));
            // RSS 2.0 and 0.9x: items in the channel; RSS 1.0: beside it, in the RDF.
            pugi::xml_node holder = rdf ? root : channel;
            for (pugi::xml_node it : children(holder, ns, "item")) {
                if (raw_entries.size() >= max_feed_entries) break;
                raw_entries.push_back(rss_item(it, ns, start));
                raw_entries.back().line = line(it);
            }
            std::string feed_base = is_web_url(base) ? base : feed.link;
            for (auto& r : raw_entries)
                if (!is_web_url(r.base)) r.base = feed_base;
        } else {
            return Error{Errc::syntax, source, line(root), 0,
                         "is XML, but its root <" + std::string(root.name()) +
                             "> is no feed's (Atom's <feed>, <rss>, RSS 1.0's <rdf:RDF>)"};
        }
        if (feed.format == FeedFormat::atom)
            for (auto& r : raw_entries)
                if (!is_web_url(r.base)) r.base = is_web_url(feed.link) ? feed.link : start;
        finish_meta(feed);
        add_entries(feed, std::move(raw_entries));
        return feed;
    }

    void finish_meta(Feed& feed) {
        Metadata& m = feed.meta;
        m.title = metadata_text(m.title);
        m.subtitle = metadata_text(m.subtitle);
        if (m.subtitle == m.title) m.subtitle.clear();
        m.description = m.subtitle;
        if (m.publisher.empty()) m.publisher = m.title;
        for (const char* key : {"title", "lang", "author", "subtitle", "publisher"})
            m.origins.push_back({key, source, 0});
        if (!m.cover_image.empty()) m.origins.push_back({"cover-image", source, 0});
        if (is_blank_text(m.title)) {
            std::string name = source.substr(source.find_last_of('/') + 1);
            m.title = metadata_text(name.substr(0, name.rfind('.')));
            warnings.push_back(
                {Errc::metadata, source, 0, 0, "the feed has no title: named '" + m.title + "'"});
        }
    }

    static std::string json_string(const nlohmann::json& j, const char* key) {
        if (!j.is_object()) return {};
        auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    }

    static void json_authors(const nlohmann::json& j, std::vector<Person>& out) {
        if (!j.is_object()) return;
        if (auto it = j.find("authors"); it != j.end() && it->is_array())
            for (const auto& a : *it)
                add_person(out, json_string(a, "name"));
        if (out.empty())
            if (auto it = j.find("author"); it != j.end())
                add_person(out, json_string(*it, "name"));
    }

    Result<Feed> read_json(std::string_view raw) {
        if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
        std::string text(raw);
        if (auto invalid = find_invalid_utf8(text)) {
            warnings.push_back({Errc::content, source, line_at(text, invalid->offset), 0,
                                "bytes that are not UTF-8, replaced by U+FFFD"});
            make_xml_safe(text);
        }
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(text);
        } catch (const nlohmann::json::parse_error& e) {
            return Error{Errc::syntax, source, line_at(text, e.byte > 0 ? e.byte - 1 : 0), 0,
                         "is not valid JSON: it cannot be read as a JSON Feed"};
        }
        std::string version = json_string(j, "version");
        if (version.rfind("https://jsonfeed.org/version/", 0) != 0 &&
            version.rfind("http://jsonfeed.org/version/", 0) != 0)
            return Error{Errc::syntax, source, 1, 0,
                         "is JSON, but not a JSON Feed (no jsonfeed.org version)"};
        Feed feed;
        feed.source = source;
        feed.format = FeedFormat::json;
        Metadata& m = feed.meta;
        m.title = json_string(j, "title");
        m.subtitle = json_string(j, "description");
        m.lang = metadata_text(json_string(j, "language"));
        json_authors(j, m.authors);
        feed.link = resolve(options.base_url, json_string(j, "home_page_url"));
        std::string logo = json_string(j, "icon");
        if (logo.empty()) logo = json_string(j, "favicon");
        m.cover_image = local_logo(logo);
        std::string base = is_web_url(feed.link) ? feed.link : options.base_url;
        std::vector<RawEntry> raw_entries;
        if (auto items = j.find("items"); items != j.end() && items->is_array())
            for (const auto& it : *items) {
                if (raw_entries.size() >= max_feed_entries) break;
                RawEntry r;
                r.title = json_string(it, "title");
                r.title_is_html = false;
                json_authors(it, r.authors);
                r.published = json_string(it, "date_published");
                r.updated = json_string(it, "date_modified");
                if (it.is_object())
                    if (auto tags = it.find("tags"); tags != it.end() && tags->is_array())
                        for (const auto& t : *tags)
                            if (t.is_string()) add_subject(r.subjects, t.get<std::string>());
                r.link = resolve(base, json_string(it, "url"));
                if (r.link.empty()) r.link = resolve(base, json_string(it, "external_url"));
                if (it.is_object())
                    if (auto id = it.find("id"); id != it.end())
                        r.id = id->is_string()   ? id->get<std::string>()
                               : id->is_number() ? id->dump()
                                                 : std::string();
                r.lang = metadata_text(json_string(it, "language"));
                r.html = json_string(it, "content_html");
                if (is_blank_text(r.html)) {
                    std::string t = json_string(it, "content_text");
                    if (is_blank_text(t)) t = json_string(it, "summary"), r.summary = true;
                    r.html = text_as_html(t);
                }
                r.base = is_web_url(r.link) ? r.link : base;
                raw_entries.push_back(std::move(r));
            }
        finish_meta(feed);
        add_entries(feed, std::move(raw_entries));
        return feed;
    }
};

bool looks_like_json_feed(std::string_view s) {
    if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    size_t i = 0;
    while (i < s.size() && is_space(s[i]))
        ++i;
    if (i >= s.size() || s[i] != '{') return false;
    std::string_view head = s.substr(0, 4096);
    return head.find("jsonfeed.org/version/") != std::string_view::npos ||
           head.find("jsonfeed.org\\/version\\/") != std::string_view::npos;
}

} // namespace

bool looks_like_feed(std::string_view bytes) {
    std::string_view head = bytes.substr(0, 8192);
    if (looks_like_json_feed(head)) return true;
    std::string root = root_name(head);
    std::string_view local = local_part(root);
    return local == "feed" || local == "rss" || local == "RDF";
}

bool is_feed_file(const std::string& path) {
    for (const char* ext : {".md", ".markdown", ".txt", ".text"})
        if (ends_with_ignoring_case(path, ext)) return false;
    if (path == "-") return false;
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    char buf[8192];
    size_t n = std::fread(buf, 1, sizeof buf, f);
    std::fclose(f);
    return looks_like_feed(std::string_view(buf, n));
}

Result<Feed> read_feed(std::string_view bytes, const std::string& source,
                       const FeedOptions& options, Warnings& warnings) {
    if (bytes.size() > max_feed_bytes)
        return Error{Errc::io, source, 0, 0,
                     "is larger than " + std::to_string(max_feed_bytes >> 20) +
                         " MiB, the most octavo reads from one feed"};
    Reader reader{source, options, warnings, {}};
    if (source.find("://") == std::string::npos && source != "-")
        reader.folder = parent_folder(source, "");
    if (looks_like_json_feed(bytes.substr(0, 8192))) return reader.read_json(bytes);
    return reader.read_xml(bytes);
}

Result<Feed> read_feed_file(const std::string& path, const FeedOptions& options,
                            Warnings& warnings) {
    auto data = load_file(path, max_feed_bytes);
    if (!data) return data.error();
    return read_feed(*data, path, options, warnings);
}

void add_feed_to_volume(Volume& volume, const Feed& feed, bool section) {
    std::unordered_set<std::string> seen;
    for (const auto& item : volume.items)
        if (!item.entry_id.empty()) seen.insert(item.entry_id);
    for (const auto& e : feed.entries) {
        if (!e.id.empty() && !seen.insert(e.id).second) continue;
        VolumeItem item;
        item.path = e.article.source;
        if (!section && e.article.meta.publisher == feed.meta.title) {
            // The book is the feed: its name in every dateline would say nothing.
            Article a = e.article;
            a.meta.publisher.clear();
            item.article = std::make_shared<const Article>(std::move(a));
        } else {
            item.article = std::make_shared<const Article>(e.article);
        }
        item.entry_id = e.id;
        item.feed = feed.source;
        if (section) item.section = feed.meta.title;
        volume.items.push_back(std::move(item));
    }
}

} // namespace octavo
