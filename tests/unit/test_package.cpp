#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include "package/package.hpp"

using namespace octavo;

namespace {
BookPlan plan() {
    BookPlan p;
    p.meta.title = "Book";
    p.meta.lang = "en";
    p.meta.identifier = make_identifier(p.meta);
    p.meta.authors.push_back({"Ali Bakeer", "aut", "Bakeer, Ali"});
    p.modified = "2019-05-21T00:00:00Z";
    p.spine = {"text/a001.xhtml"};
    p.toc = {{"Article", "text/a001.xhtml", 1},
             {"Deep", "text/a001.xhtml#d", 3},
             {"Next", "text/a001.xhtml#n", 2}};
    p.bodymatter_href = "text/a001.xhtml";
    return p;
}
pugi::xml_document parse(const std::string& s) {
    pugi::xml_document d;
    REQUIRE(d.load_string(s.c_str()));
    return d;
}
} // namespace

TEST_CASE("name-based identifiers are stable UUIDs", "[package]") {
    Metadata a;
    a.title = "T";
    std::string id = make_identifier(a);
    CHECK(id.rfind("urn:uuid:", 0) == 0);
    CHECK(id.size() == 45);
    CHECK(id[23] == '5'); // version 5
    CHECK(make_identifier(a) == id);
    a.title = "U";
    CHECK(make_identifier(a) != id);
}

TEST_CASE("the OPF has the required metadata and accessibility claims", "[package]") {
    auto d = parse(make_opf(plan()));
    auto pkg = d.child("package");
    CHECK(std::string(pkg.attribute("version").value()) == "3.0");
    CHECK(std::string(pkg.attribute("xml:lang").value()) == "en");
    CHECK(d.select_node("//dc:identifier[@id='bookid']"));
    CHECK(d.select_node("//meta[@property='dcterms:modified'][text()='2019-05-21T00:00:00Z']"));
    CHECK(d.select_node("//meta[@refines='#creator1'][@property='role'][text()='aut']"));
    CHECK(d.select_node("//meta[@refines='#creator1'][@property='file-as'][text()='Bakeer, Ali']"));
    CHECK(d.select_node("//meta[@property='schema:accessibilityHazard'][text()='none']"));
    CHECK_FALSE(d.select_node("//meta[@property='schema:accessMode'][text()='visual']"));
    CHECK(d.select_node("//item[@properties='nav']"));
    CHECK(d.select_node("//spine[@toc='toc-ncx']/itemref[@idref='text-a001-xhtml']"));
    CHECK_FALSE(d.select_node("//spine[@page-progression-direction]"));

    BookPlan p = plan();
    p.features.images = 2;
    p.rtl = true;
    auto e = parse(make_opf(p));
    CHECK(e.select_node("//meta[@property='schema:accessMode'][text()='visual']"));
    CHECK(
        e.select_node("//meta[@property='schema:accessibilityFeature'][text()='alternativeText']"));
    CHECK(e.select_node("//spine[@page-progression-direction='rtl']"));
    CHECK(e.select_node("//meta[@property='schema:accessModeSufficient'][text()='textual']"));

    p.features.images_without_alt = 1; // one image lacks alt text: claim less
    auto g = parse(make_opf(p));
    CHECK(g.select_node("//meta[@property='schema:accessMode'][text()='visual']"));
    CHECK_FALSE(
        g.select_node("//meta[@property='schema:accessibilityFeature'][text()='alternativeText']"));
    CHECK_FALSE(g.select_node("//meta[@property='schema:accessModeSufficient'][text()='textual']"));
    CHECK(
        g.select_node("//meta[@property='schema:accessModeSufficient'][text()='textual,visual']"));
}

TEST_CASE("nav and NCX nest the table of contents by level", "[package]") {
    auto nav = parse(make_nav(plan()));
    CHECK(nav.select_node("//nav[@epub:type='toc'][@role='doc-toc']"));
    CHECK(nav.select_node("//nav[@epub:type='toc']/ol/li/ol/li/a[@href='text/a001.xhtml#d']"));
    CHECK(nav.select_node("//nav[@epub:type='toc']/ol/li/ol/li/a[@href='text/a001.xhtml#n']"));
    CHECK(nav.select_node("//nav[@epub:type='landmarks']//a[@epub:type='bodymatter']"));
    auto ncx = parse(make_ncx(plan()));
    CHECK(ncx.select_nodes("//navPoint").size() == 3);
    CHECK(ncx.select_node("//meta[@name='dtb:uid']").node().attribute("content").value() ==
          plan().meta.identifier);
    CHECK(std::string(
              ncx.select_node("//navPoint/navPoint[2]").node().attribute("playOrder").value()) ==
          "3");
}

TEST_CASE("container.xml points at the package document", "[package]") {
    auto c = parse(make_container_xml());
    CHECK(std::string(c.select_node("//rootfile").node().attribute("full-path").value()) ==
          "EPUB/package.opf");
}

TEST_CASE("nav and NCX leave out an entry with no text, and the entries under it move up",
          "[package]") {
    BookPlan p = plan();
    p.toc = {
        {"Article", "text/a001.xhtml", 1}, {"First", "text/a001.xhtml#f", 2},
        {"", "text/a001.xhtml#e", 2},      {"Under", "text/a001.xhtml#u", 3},
        {" ", "text/a001.xhtml#s", 2},     {"\xC2\xA0\xE3\x80\x80", "text/a001.xhtml#nbsp", 2}};
    auto nav = parse(make_nav(p));
    CHECK(nav.select_nodes("//nav[@epub:type='toc']//a").size() == 3);
    CHECK(
        nav.select_node("//nav[@epub:type='toc']/ol/li/ol/li/ol/li/a[@href='text/a001.xhtml#u']"));
    CHECK_FALSE(nav.select_node("//a[@href='text/a001.xhtml#e']"));
    auto ncx = parse(make_ncx(p));
    CHECK(ncx.select_nodes("//navPoint").size() == 3);
    CHECK(ncx.select_node("//navPoint/navPoint/navPoint/content[@src='text/a001.xhtml#u']"));
    CHECK(std::string(
              ncx.select_node("//meta[@name='dtb:depth']").node().attribute("content").value()) ==
          "3");
}
