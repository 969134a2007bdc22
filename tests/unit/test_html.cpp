// The raw HTML sanitizer (render/html.hpp), alone: what it keeps, what it never lets through.
#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <set>
#include <sstream>
#include <string>

#include "render/html.hpp"

using namespace octavo;

namespace {
struct Run {
    pugi::xml_document doc;
    std::set<std::string> dropped;
    pugi::xml_node open;
    std::string open_tag, dropped_open;
    std::string xml() const {
        std::ostringstream s;
        for (auto c : doc.first_child().children())
            c.print(s, "", pugi::format_raw);
        return s.str();
    }
};
Run sanitize(const std::string& html, HtmlContext ctx = HtmlContext::flow) {
    Run r;
    auto root = r.doc.append_child(ctx == HtmlContext::flow ? "div" : "p");
    HtmlHooks h;
    h.link = [](pugi::xml_node a, const std::string& href) {
        if (href.rfind("https://", 0) == 0)
            a.append_attribute("href") = href.c_str();
        else
            a.set_name("span");
    };
    h.image = [](const std::string& src) { return src == "ok.png" ? "../images/ok.png" : ""; };
    h.id = [](const std::string& id) { return "x-" + id; };
    h.heading_level = [](int level) { return level < 2 ? 2 : level; };
    h.dropped = [&r](const std::string& kind) { r.dropped.insert(kind); };
    r.open = append_html(html, root, ctx, h, &r.open_tag, &r.dropped_open);
    return r;
}
} // namespace

TEST_CASE("raw HTML keeps the safe elements and attributes", "[html]") {
    CHECK(sanitize("<p lang=fr dir=rtl class=c title=t id=i>x</p>").xml() ==
          R"(<p lang="fr" dir="rtl" class="c" title="t" id="x-i">x</p>)");
    CHECK(sanitize("<table><tr><td colspan=2 rowspan=x>a</td></tr></table>").xml() ==
          R"(<table><tbody><tr><td colspan="2">a</td></tr></tbody></table>)");
    CHECK(sanitize("<img src=ok.png alt=A width=10 height=1e9 srcset=x.png>").xml() ==
          R"(<img src="../images/ok.png" alt="A" width="10"/>)");
    CHECK(sanitize("<img src=missing.png alt=Gone>").xml() == "Gone");
    CHECK(sanitize("<picture><source srcset=a.webp><img src=ok.png></picture>").xml() ==
          R"(<img src="../images/ok.png" alt=""/>)");
    CHECK(sanitize("<h1>T</h1><h4></h4>").xml() == "<h2>T</h2><p/>");
    CHECK(sanitize("<center>c</center><font color=red>f</font>").xml() ==
          "<div>c</div><span>f</span>");
    CHECK(sanitize("<ul><p>x</p><li>y</li></ul>").xml() == "<ul><li><p>x</p></li><li>y</li></ul>");
    CHECK(sanitize("<li>stray</li>").xml() == "<div>stray</div>");
}

TEST_CASE("raw HTML never brings script, handlers, styles, forms or foreign content", "[html]") {
    auto r = sanitize(
        "<script>alert(1)</script><style>p{}</style><div onclick=x() style=color:red "
        "onmouseover=y>t</div><a href=javascript:alert(1)>j</a><a href=data:text/html,x>d</a>"
        "<form action=https://x.example><input name=q><button formaction=x>b</button></form>"
        "<svg><script>alert(1)</script><a href=https://x.example>s</a></svg>"
        "<math><mi xlink:href=javascript:x>m</mi></math><base href=https://evil.example>"
        "<meta http-equiv=refresh content=0><iframe srcdoc='<script>x</script>'></iframe>"
        "<object data=javascript:x></object><noscript><img src=ok.png></noscript>"
        "<template><script>x</script></template>");
    const std::string x = r.xml();
    for (const char* bad : {"script", "alert", "style", "onclick", "onmouseover", "javascript",
                            "data:", "form", "input", "button", "svg", "math", "base", "meta",
                            "iframe", "srcdoc", "object", "template", "<img"})
        CHECK(x.find(bad) == std::string::npos);
    CHECK(x == "<div>t</div><span>j</span><span>d</span>");
    CHECK(r.dropped.count("script"));
    CHECK(r.dropped.count("styles"));
    CHECK(r.dropped.count("event handler attributes"));
    CHECK(r.dropped.count("forms"));
    CHECK(r.dropped.count("inline SVG and MathML"));
}

TEST_CASE("raw HTML follows the XHTML content models", "[html]") {
    // A block inside phrasing content is unwrapped; a link never holds another.
    CHECK(sanitize("<span><div>a</div><hr></span>", HtmlContext::phrasing).xml() ==
          "<span>a</span>");
    CHECK(sanitize("<a href=https://a.example>x<a href=https://b.example>y</a></a>").xml() ==
          R"(<a href="https://a.example">x</a><a href="https://b.example">y</a>)");
    CHECK(sanitize("<details><p>d</p></details>").xml() ==
          "<details><summary>Details</summary><p>d</p></details>");
    CHECK(sanitize("<details>\n<summary>S</summary>d</details>").xml() ==
          "<details>\n<summary>S</summary>d</details>");
    CHECK(sanitize("<a href=https://a.example></a>").xml() == "<span/>");
}

TEST_CASE("an element raw HTML leaves open is handed back", "[html]") {
    auto r = sanitize("<section class=note>");
    REQUIRE(r.open);
    CHECK(std::string(r.open.name()) == "div");
    CHECK(r.open_tag == "section");
    r = sanitize("<sup>", HtmlContext::phrasing);
    REQUIRE(r.open);
    CHECK(r.open_tag == "sup");
    CHECK(!sanitize("<p>closed</p>").open);
    CHECK(!sanitize("<br>", HtmlContext::phrasing).open);
    r = sanitize("<svg>", HtmlContext::phrasing);
    CHECK(!r.open);
    CHECK(r.dropped_open == "svg");
    CHECK(end_tag_name("</Sup >") == "sup");
    CHECK(end_tag_name("<sup>").empty());
}

TEST_CASE("deeply nested raw HTML is bounded", "[html]") {
    std::string deep;
    for (int i = 0; i < 100000; ++i)
        deep += "<div>";
    auto r = sanitize(deep + "x");
    CHECK(r.xml().empty()); // not parsed at all: gumbo's cost grows with the square of depth
    CHECK(r.dropped.count("HTML nested more than 512 elements deep"));
    std::string ok;
    for (int i = 0; i < 300; ++i)
        ok += "<span>";
    r = sanitize(ok + "x", HtmlContext::phrasing);
    // Kept, but no deeper than max_html_depth elements.
    int depth = 0;
    for (pugi::xml_node n = r.doc.first_child(); n.first_child(); n = n.first_child())
        ++depth;
    CHECK(depth <= max_html_depth + 1);
    CHECK(r.xml().find('x') != std::string::npos);
}
