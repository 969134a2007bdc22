#include <catch2/catch.hpp>
#include <pugixml.hpp>
#include <unistd.h>

#include <cstdio>

#include "core/text.hpp"
#include "read/body.hpp"
#include "render/xhtml.hpp"

using namespace octavo;

namespace {
Article md(const std::string& body, const std::string& lang = "en") {
    Article a;
    a.meta.title = "Title & <More>";
    a.meta.lang = lang;
    a.meta.authors.push_back({"Ann Author", "aut", "Author, Ann"});
    a.meta.date = "2019-05-21";
    a.source = "t.md";
    a.base_dir = ".";
    a.body = body;
    return a;
}
pugi::xml_document parse(const std::string& xhtml) {
    pugi::xml_document doc;
    REQUIRE(doc.load_string(xhtml.c_str()));
    return doc;
}
} // namespace

TEST_CASE("a content document is well-formed XHTML with language and header", "[xhtml]") {
    Warnings w;
    auto r = render_article(md("Hello *world*.\n"), {}, w);
    REQUIRE(r);
    REQUIRE(r->docs.size() == 1);
    const std::string& x = r->docs[0].data;
    CHECK(x.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
    auto doc = parse(x);
    auto html = doc.child("html");
    CHECK(std::string(html.attribute("lang").value()) == "en");
    CHECK(std::string(html.attribute("xml:lang").value()) == "en");
    CHECK_FALSE(html.attribute("dir"));
    CHECK(std::string(html.child("head").child_value("title")) == "Title & <More>");
    auto header = doc.select_node("//header").node();
    CHECK(std::string(header.child("h1").child_value()) == "Title & <More>");
    CHECK(doc.select_node("//time[@datetime='2019-05-21']"));
    CHECK(doc.select_node("//span[@class='author']"));
    CHECK(x.find("Title &amp; &lt;More&gt;") != std::string::npos);
}

TEST_CASE("right-to-left articles get dir=rtl", "[xhtml]") {
    Warnings w;
    auto r = render_article(md("نص عربي.\n", "ar"), {}, w);
    REQUIRE(r);
    CHECK(r->rtl);
    auto doc = parse(r->docs[0].data);
    CHECK(std::string(doc.child("html").attribute("dir").value()) == "rtl");
    CHECK(std::string(doc.child("html").child("body").attribute("dir").value()) == "rtl");
}

TEST_CASE("footnotes become noteref/footnote pairs with back links", "[xhtml]") {
    Warnings w;
    auto r = render_article(
        md("One[^a] and two[^b], one again[^a].\n\n[^a]: First.\n[^b]: Second.\n"), {}, w);
    REQUIRE(r);
    auto doc = parse(r->docs[0].data);
    auto refs = doc.select_nodes("//a[@epub:type='noteref']");
    REQUIRE(refs.size() == 3);
    CHECK(std::string(refs[0].node().attribute("href").value()) == "#a001-fn1");
    CHECK(std::string(refs[1].node().attribute("href").value()) == "#a001-fn2");
    CHECK(std::string(refs[2].node().attribute("id").value()) == "a001-fnref1-2");
    auto notes = doc.select_nodes("//aside[@epub:type='footnote'][@role='doc-footnote']");
    REQUIRE(notes.size() == 2);
    CHECK(std::string(notes[0].node().attribute("id").value()) == "a001-fn1");
    CHECK(
        doc.select_node("//aside[@id='a001-fn1']//a[@role='doc-backlink'][@href='#a001-fnref1']"));
    CHECK(doc.select_node("//section[@epub:type='endnotes'][@role='doc-endnotes']"));
    CHECK(r->features.notes);
}

TEST_CASE("unsafe links are unwrapped, raw HTML is made safe", "[xhtml]") {
    Warnings w;
    auto r = render_article(md("[x](javascript:alert(1)) [y](file:///etc/passwd) [z](#nowhere)\n\n"
                               "<script>alert(1)</script>\n\ntext <b onclick=\"x\">bold</b>\n"),
                            {}, w);
    REQUIRE(r);
    const std::string& x = r->docs[0].data;
    auto doc = parse(x);
    CHECK(doc.select_nodes("//a").empty());
    CHECK(doc.select_nodes("//script").empty());
    CHECK(doc.select_node("//b[not(@onclick)][text()='bold']"));
    CHECK(x.find("alert") == std::string::npos);
    CHECK(w.size() >= 4);
}

TEST_CASE("internal links resolve to heading ids, and headings start at h2", "[xhtml]") {
    Warnings w;
    auto r = render_article(md("# Part one\n\nSee [below](#part-two).\n\n# Part two\n\n### Deep\n"),
                            {}, w);
    REQUIRE(r);
    auto doc = parse(r->docs[0].data);
    CHECK(doc.select_node("//h2[@id='a001-part-one']"));
    CHECK(doc.select_node("//h3[@id='a001-deep']")); // under an h2: no level skipped
    CHECK(doc.select_node("//a[@href='#a001-part-two']"));
    REQUIRE(r->toc.size() == 4);
    CHECK(r->toc[0].level == 1);
    CHECK(r->toc[1].href == "text/a001.xhtml#a001-part-one");
    CHECK(r->toc[1].level == 2);
}

TEST_CASE("a heading's pandoc {#id} is its id, and links find it", "[xhtml]") {
    Warnings w;
    auto r =
        render_article(md("## Intro {#start .unnumbered}\n\nSee [here](#start), [also](#intro)."
                          "\n\n## Quoted {#q lang=\"fr\"}\n"),
                       {}, w);
    REQUIRE(r);
    CHECK(w.empty());
    auto doc = parse(r->docs[0].data);
    CHECK(doc.select_node("//h2[@id='a001-start' and text()='Intro']"));
    CHECK(doc.select_node("//h2[@id='a001-q' and text()='Quoted']")); // smart quotes split it
    CHECK(doc.select_nodes("//a[@href='#a001-start']").size() == 2);  // by id, and by text
    REQUIRE(r->toc.size() == 3);
    CHECK(r->toc[1].title == "Intro");
}

TEST_CASE("a heading with raw HTML has the same text in the contents as on the page", "[xhtml]") {
    Warnings w;
    auto r = render_article(md("# Title\n\n## A <span>b</span> c<!-- note -->\n\nText.\n"), {}, w);
    REQUIRE(r);
    auto doc = parse(r->docs[0].data);
    CHECK(pugi::xpath_query("string(//h3)").evaluate_string(doc) == "A b c");
    CHECK(doc.select_node("//h3/span[text()='b']"));
    REQUIRE(!r->toc.empty());
    CHECK(r->toc.back().title == "A b c");
}

TEST_CASE("pull quotes are marked for readers and screen readers", "[xhtml]") {
    Warnings w;
    auto r = render_article(md("> [!PULLQUOTE]\n> Words repeated.\n\n> A real quote.\n"), {}, w);
    REQUIRE(r);
    auto doc = parse(r->docs[0].data);
    auto pq = doc.select_node("//aside[@epub:type='pullquote'][@role='doc-pullquote']").node();
    REQUIRE(pq);
    CHECK(std::string(pq.child("p").child_value()) == "Words repeated.");
    CHECK(doc.select_node("//blockquote/p"));
}

TEST_CASE("images outside the article's folder are left out, their alt text kept", "[xhtml]") {
    Warnings w;
    auto r = render_article(md("![x](../../etc/passwd)\n"), {}, w);
    REQUIRE(r);
    REQUIRE(!w.empty());
    CHECK(w.back().code == Errc::content);
    CHECK(w.back().line == 1);
    // Out of the article's folder, or (when the tests run inside a git checkout, which is a
    // site's root) a file that the checkout does not have.
    CHECK(w.back().message.find("'../../etc/passwd'") != std::string::npos);
    CHECK(w.back().message.find("; its alt text is kept") != std::string::npos);
    CHECK(r->images.empty());
    CHECK(r->docs[0].data.find("<p>x</p>") != std::string::npos);
    auto abs = render_article(md("![x](/etc/passwd)\n"), {}, w);
    REQUIRE(abs);
    CHECK(abs->images.empty());
    CHECK(w.back().message.find("'/etc/passwd'") != std::string::npos);
}

TEST_CASE("site-absolute paths resolve against the site's root, the resource path after the "
          "article's folder",
          "[xhtml]") {
    Warnings w;
    Article a =
        md("![a](/rich/ferries.png) ![b](../rich/ferries.png) ![c](ferries.png)\n");
    a.base_dir = std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures/syntax";
    RenderOptions o;
    o.site_root = std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures";
    o.resource_path = {std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures/rich"};
    auto r = render_article(a, o, w);
    REQUIRE(r);
    CHECK(r->images.size() == 1); // one file, three spellings
    CHECK(r->features.images == 3);
    o.site_root = std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures/rich";
    o.resource_path.clear();
    auto up = render_article(md("![x](/../syntax/syntax.md)\n"), o, w);
    REQUIRE(up);
    CHECK(up->images.empty());
    CHECK(w.back().message ==
          "image path '/../syntax/syntax.md' leaves the site's root; its alt text is kept");
}

TEST_CASE("an image that is the book's output file is refused, also through a link", "[xhtml]") {
    Warnings w;
    Article a = md("Text.\n\n![A chart](rich/ferries.png)\n");
    a.base_dir = std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures";
    const std::string image = a.base_dir + "/rich/ferries.png";
    const std::string link =
        std::string(P_tmpdir) + "/octavo-test-" + std::to_string(getpid()) + "-out.epub";
    REQUIRE(symlink(image.c_str(), link.c_str()) == 0);
    for (const std::string& output : {image, link}) {
        RenderOptions o;
        o.output_file = output;
        auto r = render_article(a, o, w);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == Errc::content);
        CHECK(r.error().line == 3);
        CHECK(r.error().message == "image 'rich/ferries.png' is the output file " + output +
                                       ": the book would overwrite its input");
    }
    std::remove(link.c_str());
    RenderOptions o;
    o.output_file = link; // now a file that does not exist: it cannot be an input
    CHECK(render_article(a, o, w));
}

TEST_CASE("a titled image alone is a figure and a missing alt text warns", "[xhtml]") {
    Warnings w;
    Article a = md("![](rich/ferries.png \"Crossings\")\n\n![Chart](rich/ferries.png)\n");
    a.base_dir = std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures";
    auto r = render_article(a, {}, w);
    REQUIRE(r);
    auto doc = parse(r->docs[0].data);
    CHECK(std::string(doc.select_node("//figure/figcaption").node().child_value()) == "Crossings");
    CHECK(doc.select_node("//figure/img[@alt='']"));
    REQUIRE(r->images.size() == 1); // the same file is packed once
    CHECK(r->images[0].media_type == "image/png");
    CHECK(r->features.images == 2);
    CHECK(r->features.images_without_alt == 1);
    REQUIRE(w.size() == 1);
    CHECK(w[0].message.find("no alt text") != std::string::npos);
    CHECK(w[0].line == 1);
}

TEST_CASE("an article over 300 KB is split into documents under 300 KB", "[xhtml]") {
    Warnings w;
    std::string para(999, 'x');
    std::string body;
    for (int i = 0; i < 320; ++i)
        body += para + "\n\n";
    auto r = render_article(md(body), {}, w);
    REQUIRE(r);
    CHECK(r->docs.size() >= 2);
    for (const auto& d : r->docs)
        CHECK(d.data.size() <= 300 * 1024);
    CHECK(w.empty());
}

TEST_CASE("link URLs are checked: an IDN host in ASCII form, invalid URLs unwrapped", "[xhtml]") {
    Warnings w;
    auto r = render_article(md("[a](https://\xE4\xBE\x8B\xE3\x81\x88.jp/p?q=\xC3\xBC#f) "
                               "[b](http://example.com:99999/) [c](https://) <http://a:b> "
                               "[d](http://a..b/) [e](http://xn--zz.com/) [f](http:foo) "
                               "[g](mailto:) [h](http://[::1]:8080/) [i](http://1.2.3.4/) "
                               "[j](http://a.123/) [k](http://999.1.1.1/) [l](http://-a.com/)\n"),
                            {}, w);
    REQUIRE(r);
    auto doc = parse(r->docs[0].data);
    auto links = doc.select_nodes("//a");
    REQUIRE(links.size() == 3);
    CHECK(std::string(links[0].node().attribute("href").value()) ==
          "https://xn--r8jz45g.jp/p?q=%C3%BC#f");
    CHECK(std::string(links[1].node().attribute("href").value()) == "http://[::1]:8080/");
    CHECK(std::string(links[2].node().attribute("href").value()) == "http://1.2.3.4/");
    REQUIRE(w.size() == 10);
    CHECK(w[0].message == "link to 'http://example.com:99999/' removed: its port '99999' is not a "
                          "number from 0 to 65535");
    CHECK(w[1].message == "link to 'https://' removed: it has no host");
    CHECK(w[3].message == "link to 'http://a..b/' removed: its host is not a valid domain name or "
                          "IP address");
    CHECK(w[6].message == "link to 'mailto:' removed: nothing follows 'mailto:'");
    CHECK(w[0].line == 1);
}

TEST_CASE("a heading with no text: left out when empty, else a paragraph, never in the contents",
          "[xhtml]") {
    Warnings w;
    auto r = render_article(md("## One\n\n## \n\n### Under\n\n## [^1]\n\n## Two\n\n[^1]: Note.\n"),
                            {}, w);
    REQUIRE(r);
    auto doc = parse(r->docs[0].data);
    CHECK(doc.select_nodes("//h2").size() == 3); // One, Two, Notes
    CHECK(doc.select_nodes("//h2[not(text())]").empty());
    // The note's heading is a paragraph holding the note reference.
    CHECK(doc.select_nodes("//p[a[@role='doc-noteref']]").size() == 1);
    REQUIRE(r->toc.size() == 4);
    CHECK(r->toc[1].title == "One");
    CHECK(r->toc[2].title == "Under");
    CHECK(r->toc[3].title == "Two");
    REQUIRE(w.size() == 2);
    CHECK(w[0].message == "empty heading left out");
    CHECK(w[0].line == 3);
    CHECK(w[1].message == "heading with no text kept as a paragraph, out of the table of contents");
    CHECK(w[1].line == 7);
}

TEST_CASE("what follows a left-out heading stays where it was written", "[xhtml]") {
    Warnings w;
    auto r = render_article(md("> ##\n>\n> inside\n\nafter\n\n- ##\n- item\n\nlast\n"), {}, w);
    REQUIRE(r);
    auto doc = parse(r->docs[0].data);
    auto section = doc.child("html").child("body").child("section");
    CHECK(std::string(section.child("blockquote").child_value("p")) == "inside");
    CHECK(section.child("blockquote").select_nodes("p").size() == 1);
    CHECK(std::string(section.child("ul").last_child().child_value()) == "item");
    auto last = section.last_child();
    CHECK(std::string(last.name()) == "p");
    CHECK(std::string(last.child_value()) == "last");
    CHECK(section.select_nodes("p").size() == 2); // "after" and "last"
    REQUIRE(w.size() == 2);
    CHECK(w[0].message == "empty heading left out");
}

TEST_CASE("'#' links to the top of the article, never to a heading with no slug", "[xhtml]") {
    Warnings w;
    auto r = render_article(md("## ?\n\n[top](#) [q](#!) [s](#section)\n\n## Real\n"), {}, w);
    REQUIRE(r);
    auto doc = parse(r->docs[0].data);
    auto links = doc.select_nodes("//a");
    REQUIRE(links.size() == 1);
    CHECK(std::string(links[0].node().attribute("href").value()) == "#a001-title");
    REQUIRE(w.size() == 2);
    CHECK(w[0].message == "link to '#!' removed: no such anchor in the article");
    CHECK(w[1].message == "link to '#section' removed: no such anchor in the article");
}

TEST_CASE("a heading with no slug is found by its text", "[xhtml]") {
    Warnings w;
    auto r = render_article(md("## \xD9\x85\xD9\x82\xD8\xAF\xD9\x85\xD8\xA9\n\n## ?\n\n"
                               "[a](#\xD9\x85\xD9\x82\xD8\xAF\xD9\x85\xD8\xA9) [b](#?) [c](#!)\n",
                               "ar"),
                            {}, w);
    REQUIRE(r);
    auto doc = parse(r->docs[0].data);
    auto links = doc.select_nodes("//a");
    REQUIRE(links.size() == 2);
    CHECK(std::string(links[0].node().attribute("href").value()) == "#a001-section");
    CHECK(std::string(links[1].node().attribute("href").value()) == "#a001-section-2");
    REQUIRE(w.size() == 1);
    CHECK(w[0].message == "link to '#!' removed: no such anchor in the article");
}

namespace {
// Every heading of the documents, in order, as "h2 Text".
std::vector<std::string> headings(const RenderedArticle& r) {
    std::vector<std::string> out;
    for (const auto& d : r.docs) {
        pugi::xml_document doc;
        REQUIRE(doc.load_string(d.data.c_str()));
        for (auto x : doc.select_nodes("//section[@epub:type='chapter']/*[self::h1 or self::h2 or "
                                       "self::h3 or self::h4 or self::h5 or self::h6]"))
            out.push_back(std::string(x.node().name()) + " " + x.node().child_value());
    }
    return out;
}
// True when s has a character XML 1.0 forbids, written or as a reference, or is not UTF-8.
bool has_forbidden(const std::string& s) {
    if (find_invalid_utf8(s)) return true;
    for (char c : s)
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return true;
    return s.find("&#") != std::string::npos || s.find("\xEF\xBF\xBE") != std::string::npos ||
           s.find("\xEF\xBF\xBF") != std::string::npos;
}
} // namespace

TEST_CASE("character references to characters XML forbids are removed, with a warning per line",
          "[xhtml]") {
    Warnings w;
    Article a = md("Text &#x1; and &#x8;.\n\n"                                       // 1
                   "## Heading &#xB; here &#xFFFE;\n\n"                              // 3
                   "[a link](https://example.com/&#x1F; \"title &#xC;\")\n\n"        // 5
                   "![alt &#x1; text](rich/ferries.png \"caption &#xFFFF;\")\n\n"    // 7
                   "Non&#xFFFE;char&#xFFFF;s, a note[^1], &#xE; and &#x9; kept.\n\n" // 9
                   "[^1]: Note &#x1E; text.\n");                                     // 11
    a.base_dir = std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures";
    auto r = render_article(a, {}, w);
    REQUIRE(r);
    const std::string& x = r->docs[0].data;
    CHECK_FALSE(has_forbidden(x));
    auto doc = parse(x);
    CHECK(std::string(doc.select_node("//h2[@id='a001-heading-here']").node().child_value()) ==
          "Heading  here ");
    CHECK(doc.select_node("//a[@href='https://example.com/'][@title='title ']"));
    CHECK(doc.select_node("//figure/img[@alt='alt text']"));
    CHECK(doc.select_node("//figcaption[text()='caption ']"));
    CHECK(x.find("Nonchars, a note") != std::string::npos);
    CHECK(x.find("\t kept") != std::string::npos); // a tab is allowed
    REQUIRE(r->toc.size() == 2);
    CHECK(r->toc[1].title == "Heading here");
    std::vector<int> lines;
    for (const auto& e : w) {
        CHECK(e.message == "removed a character that XML does not allow");
        CHECK(e.code == Errc::encoding);
        lines.push_back(e.line);
    }
    CHECK(lines == std::vector<int>{1, 3, 5, 7, 9, 11});
}

TEST_CASE("a note reference in a link goes after the link: no link in a link", "[xhtml]") {
    Warnings w;
    Article a = md("See [the report[^1] and more[^2]](https://example.com/report).\n\n"
                   "[*Emphasis[^1]*](#) and ![a chart[^3]](rich/ferries.png).\n\n"
                   "[![remote[^2]](https://example.com/a.png)](https://example.com/) "
                   "<https://example.com/b>[^3]\n\n"
                   "[^1]: One.\n[^2]: Two.\n[^3]: Three.\n");
    a.base_dir = std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures";
    auto r = render_article(a, {}, w);
    REQUIRE(r);
    auto doc = parse(r->docs[0].data);
    CHECK(doc.select_nodes("//a//a").empty());
    auto link = doc.select_node("//a[@href='https://example.com/report']").node();
    REQUIRE(link);
    CHECK(std::string(link.child_value()) == "the report and more");
    auto next = link.next_sibling();
    CHECK(std::string(next.attribute("href").value()) == "#a001-fn1");
    CHECK(std::string(next.next_sibling().attribute("href").value()) == "#a001-fn2");
    CHECK(std::string(next.next_sibling().next_sibling().value()) == ".");
    // Every note reference exists, so every back link has its target (the one in the alt text
    // too), and every id is unique.
    for (auto back : doc.select_nodes("//a[@role='doc-backlink']")) {
        std::string id = back.node().attribute("href").value() + 1;
        CHECK(doc.select_nodes(("//*[@id='" + id + "']").c_str()).size() == 1);
    }
    CHECK(doc.select_node("//img[@alt='a chart']/following-sibling::a[1][@href='#a001-fn3']"));
    CHECK(doc.select_nodes("//a[@role='doc-noteref']").size() == 6);
}

TEST_CASE("a first heading that repeats the title gives its note references to the title",
          "[xhtml]") {
    Warnings w;
    Article a = md("# T[^t]^[Inline.]\n\nBody[^b].\n\n[^t]: About the title.\n[^b]: B.\n");
    a.meta.title = "T";
    auto r = render_article(a, {}, w);
    REQUIRE(r);
    auto doc = parse(r->docs[0].data);
    CHECK(doc.select_nodes("//h1").size() == 1);
    CHECK(doc.select_node("//header/h1/a[@id='a001-fnref1'][@href='#a001-fn1']"));
    CHECK(doc.select_node("//header/h1/a[@id='a001-fnref2'][@href='#a001-fn2']"));
    CHECK(doc.select_node("//p/a[@id='a001-fnref3'][@href='#a001-fn3']"));
    // Every back link has its target (it had none for the title's notes).
    CHECK(doc.select_nodes("//a[@role='doc-backlink']").size() == 3);
    for (auto back : doc.select_nodes("//a[@role='doc-backlink']")) {
        std::string id = back.node().attribute("href").value() + 1;
        CHECK(doc.select_nodes(("//*[@id='" + id + "']").c_str()).size() == 1);
    }
}

TEST_CASE("heading levels never skip one, also across split documents", "[xhtml]") {
    Warnings w;
    auto r =
        render_article(md("## Background\n\n#### A detail\n\n###### Deeper\n\n##### Less deep\n\n"
                          "### Back\n\n> #### Quoted\n\n# Top\n\n###### Six\n"),
                       {}, w);
    REQUIRE(r);
    CHECK(headings(*r) == std::vector<std::string>{"h2 Background", "h3 A detail", "h4 Deeper",
                                                   "h4 Less deep", "h3 Back", "h2 Top", "h3 Six"});
    auto doc = parse(r->docs[0].data);
    CHECK(doc.select_node("//blockquote/h4[text()='Quoted']"));
    std::vector<int> levels;
    for (const auto& e : r->toc)
        levels.push_back(e.level);
    CHECK(levels == std::vector<int>{1, 2, 3, 4, 4, 3, 4, 2, 3});

    // A split article: each part starts at a heading, and levels follow on across the parts.
    std::string para(900, 'x');
    std::string body;
    for (const char* h : {"# One", "### Two", "##### Three", "## Four"}) {
        body += std::string(h) + "\n\n";
        for (int i = 0; i < 6; ++i)
            body += para + "\n\n";
    }
    RenderOptions o;
    o.max_doc_bytes = 8 * 1024;
    auto split = render_article(md(body), o, w);
    REQUIRE(split);
    CHECK(split->docs.size() >= 3);
    CHECK(headings(*split) == std::vector<std::string>{"h2 One", "h3 Two", "h4 Three", "h3 Four"});
    levels.clear();
    for (const auto& e : split->toc)
        levels.push_back(e.level);
    CHECK(levels == std::vector<int>{1, 2, 3, 4, 3});
}

TEST_CASE("an empty table header cell is a td, with its alignment", "[xhtml]") {
    Warnings w;
    auto r = render_article(md("|        | 2019 | 2020 | <!-- t --> |  &nbsp; |\n"
                               "|:------:|-----:|-----:|------------|---------|\n"
                               "| Oman   | 12   | 15   | a          | b       |\n"),
                            {}, w);
    REQUIRE(r);
    auto doc = parse(r->docs[0].data);
    auto cells = doc.select_nodes("//thead/tr/*");
    REQUIRE(cells.size() == 5);
    CHECK(std::string(cells[0].node().name()) == "td");
    CHECK(std::string(cells[0].node().attribute("class").value()) == "center");
    CHECK_FALSE(cells[0].node().attribute("scope"));
    CHECK(std::string(cells[1].node().name()) == "th");
    CHECK(std::string(cells[1].node().attribute("scope").value()) == "col");
    CHECK(std::string(cells[1].node().attribute("class").value()) == "right");
    CHECK(std::string(cells[3].node().name()) == "td");
    CHECK(std::string(cells[4].node().name()) == "td");
    CHECK(doc.select_nodes("//th").size() == 2);
}

TEST_CASE("a heading of only white space or a comment has no text", "[xhtml]") {
    Warnings w;
    auto r = render_article(md("## One\n\n## &nbsp;\n\n## \xC2\xA0\n\n## \xE2\x80\x83\n\n"
                               "## \xE3\x80\x80 &#x200B;\n\n## <!-- to do -->\n\n### Under\n\n"
                               "## &nbsp;[^1]\n\n## Two\n\n[^1]: Note.\n"),
                            {}, w);
    REQUIRE(r);
    CHECK(headings(*r) == std::vector<std::string>{"h2 One", "h3 Under", "h2 Two"});
    auto doc = parse(r->docs[0].data);
    CHECK(doc.select_nodes("//p[a[@role='doc-noteref']]").size() == 1);
    CHECK(doc.select_nodes("//section[@epub:type='chapter']/p").size() == 1); // no empty p
    REQUIRE(r->toc.size() == 4);
    CHECK(r->toc[2].title == "Under");
    CHECK(r->toc[2].level == 3);
    REQUIRE(w.size() == 6);
    for (int i = 0; i < 5; ++i) {
        CHECK(w[i].message == "empty heading left out");
        CHECK(w[i].line == 3 + 2 * i);
    }
    CHECK(w[5].message == "heading with no text kept as a paragraph, out of the table of contents");
}

TEST_CASE("a link with no text is unwrapped with a warning", "[xhtml]") {
    Warnings w;
    Article a =
        md("## Intro\n\nSee [ ](https://example.org/), [](#intro), [&nbsp;](#), "
           "[` `](https://example.org/) and [![](rich/ferries.png)](https://example.org/).\n\n"
           "Kept: [![Logo](rich/ferries.png)](https://example.org/), [<b>](#intro), "
           "[x](#intro).\n");
    a.base_dir = std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures";
    auto r = render_article(a, {}, w);
    REQUIRE(r);
    auto doc = parse(r->docs[0].data);
    CHECK(doc.select_nodes("//a").size() == 3);
    for (auto link : doc.select_nodes("//a"))
        CHECK(link.node().first_child());
    int removed = 0;
    for (const auto& e : w)
        if (e.message.find("removed: it has no text") != std::string::npos) ++removed;
    CHECK(removed == 5);
    CHECK(w[0].message == "link to 'https://example.org/' removed: it has no text");
    CHECK(w[0].line == 3);
}

// A reader of another syntax hands over a tree it built itself (read/body.hpp): the renderer's
// rules (heading ids and the contents, the dropped title heading, links checked) apply to it as
// to Markdown's.
TEST_CASE("a body built by another reader renders as Markdown's does", "[xhtml][body]") {
    Article a = md("");
    a.meta.title = "Built";
    Body body;
    body.doc.reset(cmark_node_new(CMARK_NODE_DOCUMENT));
    auto add = [](cmark_node* parent, cmark_node_type type, const char* text = nullptr) {
        cmark_node* n = cmark_node_new(type);
        if (text) cmark_node_set_literal(n, text);
        cmark_node_append_child(parent, n);
        return n;
    };
    cmark_node* title = add(body.doc.get(), CMARK_NODE_HEADING);
    cmark_node_set_heading_level(title, 1);
    add(title, CMARK_NODE_TEXT, "Built");
    cmark_node* h = add(body.doc.get(), CMARK_NODE_HEADING);
    cmark_node_set_heading_level(h, 2);
    add(h, CMARK_NODE_TEXT, "A part");
    cmark_node* p = add(body.doc.get(), CMARK_NODE_PARAGRAPH);
    add(p, CMARK_NODE_TEXT, "See ");
    cmark_node* link = add(p, CMARK_NODE_LINK);
    cmark_node_set_url(link, "javascript:alert(1)");
    add(link, CMARK_NODE_TEXT, "this");
    body.heading_ids[h] = "given";

    Warnings w;
    auto r = render_body(a, body, {}, w);
    REQUIRE(r);
    const std::string& x = r->docs[0].data;
    CHECK(x.find("<h2 id=\"a001-given\">A part</h2>") != std::string::npos);
    CHECK(x.find(">Built</h2>") == std::string::npos); // the title heading is dropped
    CHECK(x.find("javascript:") == std::string::npos);
    CHECK(x.find("<p>See <span>this</span></p>") != std::string::npos); // as from Markdown
    REQUIRE(r->toc.size() == 2);
    CHECK(r->toc[1].title == "A part");
    CHECK(r->toc[1].href == "text/a001.xhtml#a001-given");
    REQUIRE(w.size() == 1);
    CHECK(w[0].message.find("javascript") != std::string::npos);
}
