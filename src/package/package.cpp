#include "package/package.hpp"

#include <pugixml.hpp>
#include <uuid/uuid.h>

#include <map>

#include "core/text.hpp"
#include "core/words.hpp"
#include "core/xml.hpp"

namespace octavo {
namespace {

pugi::xml_node declare(pugi::xml_document& doc) {
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    return decl;
}

std::string save_indented(const pugi::xml_document& doc) {
    return xml_text_sized(doc, pugi::format_indent, "  ");
}

pugi::xml_node add_text(pugi::xml_node parent, const char* name, const std::string& value) {
    auto n = parent.append_child(name);
    n.text() = value.c_str();
    return n;
}

pugi::xml_node add_meta(pugi::xml_node md, const char* property, const std::string& value,
                        const std::string& refines = {}) {
    auto m = md.append_child("meta");
    if (!refines.empty()) m.append_attribute("refines") = ("#" + refines).c_str();
    m.append_attribute("property") = property;
    m.text() = value.c_str();
    return m;
}

// A tree of TOC entries built from their levels, so a jump from 1 to 3 still nests. An entry with
// no text (or only white space: is_blank_text) is left out (a nav link must have text): the entries
// under it go to the one before.
struct TocNode {
    const TocEntry* entry = nullptr;
    std::vector<TocNode> children;
};
TocNode toc_tree(const std::vector<TocEntry>& toc) {
    TocNode root;
    std::vector<std::pair<int, TocNode*>> stack{{0, &root}};
    for (const auto& e : toc) {
        if (is_blank_text(e.title)) continue;
        while (stack.size() > 1 && stack.back().first >= e.level)
            stack.pop_back();
        TocNode* parent = stack.back().second;
        parent->children.push_back({&e, {}});
        stack.emplace_back(e.level, &parent->children.back());
    }
    return root;
}

void nav_list(pugi::xml_node parent, const TocNode& node) {
    auto ol = parent.append_child("ol");
    for (const auto& c : node.children) {
        auto li = ol.append_child("li");
        auto a = li.append_child("a");
        a.append_attribute("href") = c.entry->href.c_str();
        a.text() = c.entry->title.c_str();
        if (!c.entry->lang.empty()) {
            a.append_attribute("lang") = c.entry->lang.c_str();
            a.append_attribute("xml:lang") = c.entry->lang.c_str();
            a.append_attribute("dir") = c.entry->rtl ? "rtl" : "ltr";
        }
        if (!c.children.empty()) nav_list(li, c);
    }
}

// Points to one target share a playOrder, as NCX requires (a section of the contents, a feed,
// points at its first article).
void ncx_points(pugi::xml_node parent, const TocNode& node, int& id,
                std::map<std::string, int>& orders) {
    for (const auto& c : node.children) {
        auto np = parent.append_child("navPoint");
        np.append_attribute("id") = ("np-" + std::to_string(id++)).c_str();
        int order = static_cast<int>(orders.size()) + 1;
        np.append_attribute("playOrder") = orders.emplace(c.entry->href, order).first->second;
        add_text(np.append_child("navLabel"), "text", c.entry->title);
        np.append_child("content").append_attribute("src") = c.entry->href.c_str();
        ncx_points(np, c, id, orders);
    }
}

int depth(const TocNode& n) {
    int d = 0;
    for (const auto& c : n.children)
        d = std::max(d, depth(c));
    return n.entry ? d + 1 : d;
}

} // namespace

std::string manifest_id(const std::string& path) {
    std::string id;
    for (char c : path)
        id += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    if (id.empty() || !std::isalpha(static_cast<unsigned char>(id[0]))) id = "i-" + id;
    return id;
}

std::string make_identifier(const Metadata& meta) {
    std::string name = "octavo\x1f" + meta.title + "\x1f";
    for (const auto& a : meta.authors)
        name += a.name + "\x1e";
    name += "\x1f" + meta.date;
    uuid_t ns, out;
    uuid_parse("6ba7b811-9dad-11d1-80b4-00c04fd430c8", ns); // RFC 4122 URL namespace
    uuid_generate_sha1(out, ns, name.data(), name.size());
    char s[37];
    uuid_unparse_lower(out, s);
    return std::string("urn:uuid:") + s;
}

std::string make_container_xml() {
    pugi::xml_document doc;
    declare(doc);
    auto c = doc.append_child("container");
    c.append_attribute("version") = "1.0";
    c.append_attribute("xmlns") = "urn:oasis:names:tc:opendocument:xmlns:container";
    auto rf = c.append_child("rootfiles").append_child("rootfile");
    rf.append_attribute("full-path") = (std::string(package_dir) + "/package.opf").c_str();
    rf.append_attribute("media-type") = "application/oebps-package+xml";
    return save_indented(doc);
}

std::string make_opf(const BookPlan& plan) {
    const Metadata& m = plan.meta;
    pugi::xml_document doc;
    declare(doc);
    auto pkg = doc.append_child("package");
    pkg.append_attribute("xmlns") = "http://www.idpf.org/2007/opf";
    pkg.append_attribute("version") = "3.0";
    pkg.append_attribute("unique-identifier") = "bookid";
    pkg.append_attribute("xml:lang") = m.lang.c_str();
    if (plan.rtl) pkg.append_attribute("dir") = "rtl";

    auto md = pkg.append_child("metadata");
    md.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
    add_text(md, "dc:identifier", m.identifier).append_attribute("id") = "bookid";
    add_text(md, "dc:title", m.title).append_attribute("id") = "title";
    add_meta(md, "title-type", "main", "title");
    if (!m.subtitle.empty()) {
        add_text(md, "dc:title", m.subtitle).append_attribute("id") = "subtitle";
        add_meta(md, "title-type", "subtitle", "subtitle");
    }
    int n = 0;
    auto person = [&](const Person& p, const char* element) {
        std::string id = "creator" + std::to_string(++n);
        add_text(md, element, p.name).append_attribute("id") = id.c_str();
        add_meta(md, "role", p.role, id).append_attribute("scheme") = "marc:relators";
        if (!p.file_as.empty()) add_meta(md, "file-as", p.file_as, id);
    };
    // A translator is credited, not the work's creator.
    for (const auto& p : m.authors)
        person(p, p.role == "trl" ? "dc:contributor" : "dc:creator");
    for (const auto& p : plan.contributors)
        person(p, "dc:contributor");
    add_text(md, "dc:language", m.lang);
    // W3CDTF in UTC, as the OPF wants it; the article keeps the zone it was written in.
    if (!m.date.empty()) add_text(md, "dc:date", w3cdtf_in_utc(m.date));
    if (!m.publisher.empty()) add_text(md, "dc:publisher", m.publisher);
    if (!m.rights.empty()) add_text(md, "dc:rights", m.rights);
    if (!m.description.empty()) add_text(md, "dc:description", m.description);
    for (const auto& s : m.subjects)
        add_text(md, "dc:subject", s);
    add_meta(md, "dcterms:modified", plan.modified);
    if (!plan.series.empty()) {
        add_meta(md, "belongs-to-collection", plan.series).append_attribute("id") = "series";
        add_meta(md, "collection-type", "series", "series");
        if (!plan.series_position.empty())
            add_meta(md, "group-position", plan.series_position, "series");
    }

    // Accessibility metadata, claimed only as far as the content bears it out.
    const Features& f = plan.features;
    add_meta(md, "schema:accessMode", "textual");
    if (f.images > 0) add_meta(md, "schema:accessMode", "visual");
    bool alt_complete = f.images > 0 && f.images_without_alt == 0;
    // With an image that has no text alternative, text alone no longer carries everything.
    add_meta(md, "schema:accessModeSufficient",
             f.images > 0 && !alt_complete ? "textual,visual" : "textual");
    for (const char* feature : {"structuralNavigation", "tableOfContents", "readingOrder"})
        add_meta(md, "schema:accessibilityFeature", feature);
    if (alt_complete) add_meta(md, "schema:accessibilityFeature", "alternativeText");
    add_meta(md, "schema:accessibilityHazard", "none");
    std::string summary = "Text with headings, a table of contents and a logical reading order";
    if (f.images > 0)
        summary += alt_complete ? "; every image has a text alternative"
                                : "; some images lack a text alternative";
    add_meta(md, "schema:accessibilitySummary", summary + ".");
    std::string cover_id;
    for (const auto& r : plan.resources)
        if (r.properties == "cover-image") cover_id = manifest_id(r.path);
    if (!cover_id.empty()) {
        auto c = md.append_child("meta");
        c.append_attribute("name") = "cover";
        c.append_attribute("content") = cover_id.c_str();
    }

    auto manifest = pkg.append_child("manifest");
    auto item = [&](const std::string& href, const char* type, const std::string& props) {
        auto it = manifest.append_child("item");
        it.append_attribute("id") = manifest_id(href).c_str();
        it.append_attribute("href") = href.c_str();
        it.append_attribute("media-type") = type;
        if (!props.empty()) it.append_attribute("properties") = props.c_str();
    };
    item("nav.xhtml", "application/xhtml+xml", "nav");
    item("toc.ncx", "application/x-dtbncx+xml", "");
    for (const auto& r : plan.resources)
        item(r.path, r.media_type.c_str(), r.properties);
    for (const auto& s : plan.spine)
        item(s, "application/xhtml+xml", "");

    auto spine = pkg.append_child("spine");
    spine.append_attribute("toc") = manifest_id("toc.ncx").c_str();
    if (plan.rtl) spine.append_attribute("page-progression-direction") = "rtl";
    for (const auto& s : plan.spine)
        spine.append_child("itemref").append_attribute("idref") = manifest_id(s).c_str();
    return save_indented(doc);
}

std::string make_nav(const BookPlan& plan) {
    pugi::xml_document doc;
    pugi::xml_node body;
    start_xhtml(doc, plan.meta.lang, plan.rtl, plan.meta.title, "", &body);
    auto nav = body.append_child("nav");
    nav.append_attribute("epub:type") = "toc";
    nav.append_attribute("role") = "doc-toc";
    nav.append_attribute("id") = "toc";
    nav.append_attribute("aria-labelledby") = "toc-title";
    auto h = nav.append_child("h1");
    h.append_attribute("id") = "toc-title";
    h.text() = plan.meta.title.c_str();
    nav_list(nav, toc_tree(plan.toc));

    auto lm = body.append_child("nav");
    lm.append_attribute("epub:type") = "landmarks";
    lm.append_attribute("id") = "landmarks";
    lm.append_attribute("aria-label") = "Landmarks";
    lm.append_attribute("hidden") = "hidden";
    auto ol = lm.append_child("ol");
    auto landmark = [&](const char* type, const std::string& href, const char* label) {
        auto a = ol.append_child("li").append_child("a");
        a.append_attribute("epub:type") = type;
        a.append_attribute("href") = href.c_str();
        a.text() = label;
    };
    // English in every language so far: the landmarks list is hidden from readers' pages.
    const Words& words = words_for(plan.meta.lang);
    if (!plan.cover_page.empty()) landmark("cover", plan.cover_page, words.cover);
    if (!plan.titlepage.empty()) landmark("titlepage", plan.titlepage, words.title_page);
    landmark("bodymatter", plan.bodymatter_href, words.start_of_content);
    return serialize(doc);
}

std::string make_ncx(const BookPlan& plan) {
    pugi::xml_document doc;
    declare(doc);
    auto ncx = doc.append_child("ncx");
    ncx.append_attribute("xmlns") = "http://www.daisy.org/z3986/2005/ncx/";
    ncx.append_attribute("version") = "2005-1";
    ncx.append_attribute("xml:lang") = plan.meta.lang.c_str();
    auto head = ncx.append_child("head");
    TocNode tree = toc_tree(plan.toc);
    auto meta = [&](const char* name, const std::string& content) {
        auto m = head.append_child("meta");
        m.append_attribute("name") = name;
        m.append_attribute("content") = content.c_str();
    };
    meta("dtb:uid", plan.meta.identifier);
    meta("dtb:depth", std::to_string(std::max(1, depth(tree))));
    meta("dtb:totalPageCount", "0");
    meta("dtb:maxPageNumber", "0");
    add_text(ncx.append_child("docTitle"), "text", plan.meta.title);
    int id = 1;
    std::map<std::string, int> orders;
    ncx_points(ncx.append_child("navMap"), tree, id, orders);
    return save_indented(doc);
}

} // namespace octavo
