#include <catch2/catch.hpp>

#include <cmark-gfm.h>

#include <string>

#include "read/article.hpp"
#include "read/body.hpp"
#include "read/html.hpp"

using namespace octavo;

namespace {

Result<Article> page(const std::string& html, bool whole_page = false) {
    Warnings w;
    ReadOptions o;
    o.format = Format::html;
    o.format_given = true;
    o.whole_page = whole_page;
    return read_article(html, "p.html", o, w);
}

const std::string para = "<p>A paragraph of the article, long enough to be one, with commas, "
                         "words, and a full stop at its end.</p>";

} // namespace

TEST_CASE("the article is taken out of the page", "[page]") {
    auto a =
        page("<html><head><title>T</title></head><body>"
             "<nav><a href='/'>Home link</a></nav>"
             "<div id='sidebar'><p>Sidebar text that is long enough to score, surely.</p></div>"
             "<div class='post-body'>" +
             para + para + para +
             "<div class='newsletter-signup'>Subscribe to our letter</div>"
             "<p aria-hidden='true'>Invisible to readers.</p></div>"
             "<div class='comments'>" +
             para +
             "</div>"
             "<footer>Footer words</footer><script>var x = 'script words';</script>"
             "</body></html>");
    REQUIRE(a);
    CHECK(a->format == Format::html);
    CHECK(a->body.find("A paragraph of the article") != std::string::npos);
    for (const char* gone : {"Home link", "Sidebar text", "Subscribe", "Invisible", "Footer words",
                             "script words", "comments"})
        CHECK(a->body.find(gone) == std::string::npos);
}

TEST_CASE("an <article> that holds most of the text is the article", "[page]") {
    auto a = page("<body><div class='x'><p>Short teaser of another story, with a comma.</p></div>"
                  "<article><h2>Part one</h2>" +
                  para + para +
                  "<figure><img src='a.png' alt='A'><figcaption>Cap</figcaption></figure>" + para +
                  "</article></body>");
    REQUIRE(a);
    CHECK(a->body.rfind("<article>", 0) == 0);
    CHECK(a->body.find("<figcaption>Cap</figcaption>") != std::string::npos);
    CHECK(a->body.find("teaser") == std::string::npos);
}

TEST_CASE("the whole page (--whole-page) keeps the body, less what is never shown", "[page]") {
    auto a = page("<body><nav>Menu words</nav>" + para +
                      "<script>alert(1)</script><p hidden>Hidden</p></body>",
                  true);
    REQUIRE(a);
    CHECK(a->body.find("Menu words") != std::string::npos);
    CHECK(a->body.find("alert") == std::string::npos);
    CHECK(a->body.find("Hidden") == std::string::npos);
}

TEST_CASE("the body's headings are headings, its other blocks raw HTML", "[page]") {
    auto a = page("<body><article><h1>Title</h1><h2>Section</h2>" + para +
                  "Loose <em>text</em><ul><li>One</li></ul></article></body>");
    REQUIRE(a);
    CHECK(a->meta.title == "Title"); // no <title>: the first heading
    Warnings w;
    auto b = read_body(*a, w);
    REQUIRE(b);
    auto headings = nodes_of_type(b->doc.get(), CMARK_NODE_HEADING);
    REQUIRE(headings.size() == 1); // the title's heading is not said twice
    CHECK(cmark_node_get_heading_level(headings[0]) == 2);
    auto blocks = nodes_of_type(b->doc.get(), CMARK_NODE_HTML_BLOCK);
    REQUIRE(blocks.size() == 3);
    CHECK(std::string(cmark_node_get_literal(blocks[1])) == "<p>Loose <em>text</em></p>");
    CHECK(std::string(cmark_node_get_literal(blocks[2])) == "<ul><li>One</li></ul>");
}

TEST_CASE("JSON-LD comes first, @graph included", "[page]") {
    auto a = page(R"(<html lang="en-gb"><head><title>Other - Site</title>
<meta property="og:title" content="OG title">
<script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "S"},
 {"@type": ["NewsArticle"], "headline": "LD title", "datePublished": "2020-01-02T03:04:05Z",
  "author": {"@type": "Person", "name": "Ann Lee"}, "publisher": {"name": "The Paper"},
  "description": "LD description"}]}</script>
<script type="application/ld+json">{ broken json</script></head><body>)" +
                  para + "</body></html>");
    REQUIRE(a);
    CHECK(a->meta.title == "LD title");
    REQUIRE(a->meta.authors.size() == 1);
    CHECK(a->meta.authors[0].name == "Ann Lee");
    CHECK(a->meta.date == "2020-01-02T03:04:05Z");
    CHECK(a->meta.publisher == "The Paper");
    CHECK(a->meta.description == "LD description");
    CHECK(a->meta.lang == "en-GB");
}

TEST_CASE("OpenGraph, Dublin Core, <meta> names and <time>", "[page]") {
    auto a = page(R"(<head><title>Ignored | Gazette</title>
<meta property="og:site_name" content="Gazette"><meta property="og:description" content="OG d">
<meta name="DC.title" content="DC title"><meta name="author" content="By Jo Ray">
<meta name="keywords" content="one, two"></head><body><article>
<time datetime="2019-05-21" pubdate>21 May</time>)" +
                  para + "</article></body>");
    REQUIRE(a);
    CHECK(a->meta.title == "DC title");
    CHECK(a->meta.publisher == "Gazette");
    REQUIRE(a->meta.authors.size() == 1);
    CHECK(a->meta.authors[0].name == "Jo Ray");
    CHECK(a->meta.date == "2019-05-21");
    CHECK(a->meta.description == "OG d");
    CHECK(a->meta.subjects == std::vector<std::string>{"one", "two"});
}

TEST_CASE("a <title>'s site part goes when it is the site's name", "[page]") {
    auto a = page("<head><title>Big news - The Site</title>"
                  "<meta property='og:site_name' content='The Site'></head><body>" +
                  para + "</body>");
    REQUIRE(a);
    CHECK(a->meta.title == "Big news");
    auto b = page("<head><title>Designing ATF - an async task framework</title></head><body>" +
                  para + "</body>");
    REQUIRE(b);
    CHECK(b->meta.title == "Designing ATF - an async task framework"); // no site known
    auto c = page("<head><title>Paper: Big news</title></head><body><h1>Big news</h1>" + para +
                  "</body>");
    REQUIRE(c);
    CHECK(c->meta.title == "Paper: Big news"); // ': ' is no separator of sites
}

TEST_CASE("charsets: BOM, <meta charset>, http-equiv, and one that lies", "[page]") {
    Warnings w;
    auto latin = decode_page("<meta http-equiv='Content-Type' content='text/html; "
                             "charset=ISO-8859-1'><p>caf\xe9 \x93q\x94</p>",
                             "p.html", w);
    REQUIRE(latin);
    CHECK(latin->find("caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d") != std::string::npos);
    auto sjis = decode_page("<meta charset=\"shift_jis\"><p>\x93\xfa\x96\x7b</p>", "p.html", w);
    REQUIRE(sjis);
    CHECK(sjis->find("\xe6\x97\xa5\xe6\x9c\xac") != std::string::npos); // 日本
    w.clear();
    auto lying = decode_page("<meta charset='windows-1252'><p>caf\xc3\xa9</p>", "p.html", w);
    REQUIRE(lying);
    CHECK(lying->find("caf\xc3\xa9") != std::string::npos);
    CHECK(w.size() == 1);
    std::string utf16("\xFF\xFE", 2);
    for (char c : std::string("<p>hi</p>"))
        utf16 += c, utf16 += '\0';
    auto wide = decode_page(utf16, "p.html", w);
    REQUIRE(wide);
    CHECK(*wide == "<p>hi</p>");
    auto bom = decode_page("\xEF\xBB\xBF<meta charset='iso-8859-1'><p>\xc3\xa9</p>", "p.html", w);
    REQUIRE(bom);
    CHECK(bom->find("<p>\xc3\xa9</p>") != std::string::npos);
}

TEST_CASE("pages nested too deep are refused before they are parsed", "[page]") {
    std::string deep;
    for (int i = 0; i < 5000; ++i)
        deep += "<div>";
    auto a = page(deep + para);
    REQUIRE_FALSE(a);
    CHECK(a.error().message.find("more than 1024 deep") != std::string::npos);
    std::string svg; // self-closed SVG elements and comments open nothing
    for (int i = 0; i < 3000; ++i)
        svg += "<svg><path/></svg><!-- <div> --><br>";
    CHECK(page(svg + para));
}

TEST_CASE("a page with nothing to read is refused", "[page]") {
    auto a = page("<body><script>x()</script><nav>Menu</nav></body>");
    REQUIRE_FALSE(a);
    CHECK(a.error().message.find("has no article") != std::string::npos);
}

TEST_CASE("JSON-LD in CDATA is read, and its publisher comes before og:site_name", "[page]") {
    auto a = page("<head><title>A story | Wikipedia</title>"
                  "<meta property='og:site_name' content='Wikipedia'>"
                  "<script type='application/ld+json'>\n<![CDATA[\n{\"@type\": \"Article\", "
                  "\"name\": \"A story\", \"publisher\": {\"name\": \"The Foundation\"}}\n]]>"
                  "</script></head><body>" +
                  para + "</body>");
    REQUIRE(a);
    CHECK(a->meta.title == "A story");
    CHECK(a->meta.publisher == "The Foundation");
}

TEST_CASE("RDFa's property comes before <meta name> of the same field", "[page]") {
    auto a = page(R"(<head><meta name="DC.title" content="Name title">
<meta property="dc:title" content="Property title"><meta name="DC.creator" content="Name Author">
<meta property="dc:creator" content="Property Author"></head><body>)" +
                  para + "</body>");
    REQUIRE(a);
    CHECK(a->meta.title == "Property title");
    REQUIRE(a->meta.authors.size() == 1);
    CHECK(a->meta.authors[0].name == "Property Author");
}

TEST_CASE("JSON-LD's name wins over a headline the page does not show", "[page]") {
    auto a = page(R"(<head><script type="application/ld+json">{"@type": "Article",
"name": "Hermitian matrix", "headline": "matrix equal to its conjugate-transpose"}</script>
</head><body><h1>Hermitian matrix</h1>)" +
                  para + "</body>");
    REQUIRE(a);
    CHECK(a->meta.title == "Hermitian matrix");
}

TEST_CASE("a <title>'s short suffix goes when the page names no site", "[page]") {
    auto a =
        page("<head><title>A title of several words \xE2\x80\x93 My website</title></head><body>" +
             para + "</body>");
    REQUIRE(a);
    CHECK(a->meta.title == "A title of several words");
    CHECK(a->meta.publisher == "My website");
    auto b =
        page("<head><title>Short one | A suffix much too long to be a site</title></head><body>" +
             para + "</body>");
    REQUIRE(b);
    CHECK(b->meta.title == "Short one | A suffix much too long to be a site");
}

TEST_CASE("bylines: in the article, else the last before it, never a comment's", "[page]") {
    auto a = page("<body><div class='article__author'>By Ada Quay</div><article>" + para + para +
                  "</article><div class='comments'><span class='byline'>J J</span></div></body>");
    REQUIRE(a);
    REQUIRE(a->meta.authors.size() == 1);
    CHECK(a->meta.authors[0].name == "Ada Quay");
    auto b = page("<body><article>" + para + para +
                  "</article><div class='comments'><span class='byline'>J J</span>"
                  "<span class='tweet-authors'>Follow @someone</span></div></body>");
    REQUIRE(b);
    CHECK(b->meta.authors.empty());
    auto c = page("<body><div id='authorization'>Sign in</div><article>" + para + para +
                  "</article></body>");
    REQUIRE(c);
    CHECK(c->meta.authors.empty());
}

TEST_CASE("a short first sentence is the description; a short label is not", "[page]") {
    auto a = page("<body><article><p>Lorem ipsum dolor sit amet.</p>" + para + "</article></body>");
    REQUIRE(a);
    CHECK(a->meta.description == "Lorem ipsum dolor sit amet.");
    auto b = page("<body><article><p>Advertisement</p>" + para + "</article></body>");
    REQUIRE(b);
    CHECK(b->meta.description.rfind("A paragraph of the article", 0) == 0);
}

namespace {

// The src of each <img> the article of a page holding body keeps, in order.
std::vector<std::string> image_sources(const std::string& body) {
    auto a = page("<html><head><title>T</title></head><body><article>" + para + body + para +
                  "</article></body></html>");
    REQUIRE(a);
    std::vector<std::string> out;
    for (size_t at = a->body.find("<img"); at != std::string::npos;
         at = a->body.find("<img", at + 1)) {
        size_t src = a->body.find(" src=\"", at) + 6;
        out.push_back(a->body.substr(src, a->body.find('"', src) - src));
    }
    return out;
}

using Sources = std::vector<std::string>;

} // namespace

TEST_CASE("a page's image: the largest srcset candidate under the limit, local first", "[page]") {
    CHECK(image_sources("<p><img src='s.jpg' srcset='s.jpg 300w, m.jpg 1600w, l.jpg 4000w'></p>") ==
          Sources{"m.jpg"});
    // URLs with commas in them, and x descriptors against the declared width.
    CHECK(image_sources("<p><img src='a.jpg' width='600' srcset='r=1,2.jpg 1x, r=3,4.jpg 2x, "
                        "r=5,6.jpg 4x'></p>") == Sources{"r=3,4.jpg"});
    // Every candidate over the limit: the smallest.
    CHECK(image_sources("<p><img srcset='xl.jpg 5000w, l.jpg 3000w'></p>") == Sources{"l.jpg"});
    // A saved page's own file before the network, which is not fetched.
    CHECK(image_sources("<p><img src='page_files/a.jpg' "
                        "srcset='https://cdn.example/a-1600.jpg 1600w'></p>") ==
          Sources{"page_files/a.jpg"});
}

TEST_CASE("a page's picture: a format every reader shows, for every screen", "[page]") {
    CHECK(image_sources("<picture><source type='image/avif' srcset='a.avif'>"
                        "<source type='image/webp' srcset='a.webp'><img src='a.jpg'></picture>") ==
          Sources{"a.jpg"});
    CHECK(image_sources("<picture><source srcset='only.webp'><img></picture>") ==
          Sources{"only.webp"});
    CHECK(image_sources("<picture><source media='(max-width: 600px)' srcset='crop.jpg 600w'>"
                        "<source srcset='wide.jpg 1200w'><img src='small.jpg'></picture>") ==
          Sources{"wide.jpg"});
    // No <source> reaches the book.
    auto a = page("<html><body><article>" + para +
                  "<picture><source srcset='x.webp'><img src='x.png'></picture></article></body>"
                  "</html>");
    REQUIRE(a);
    CHECK(a->body.find("<source") == std::string::npos);
}

TEST_CASE("a lazy-loading page's images: the real one, once", "[page]") {
    const std::string pixel =
        "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
    CHECK(image_sources("<p><img src='" + pixel + "' data-src='real.jpg'></p>") ==
          Sources{"real.jpg"});
    CHECK(image_sources("<p><img src='" + pixel + "' data-srcset='a.jpg 400w, b.jpg 800w'></p>") ==
          Sources{"b.jpg"});
    CHECK(image_sources("<p><img data-original='orig.jpg' src='spacer.gif'></p>") ==
          Sources{"orig.jpg"});
    // The <noscript>'s image when the <img> outside has only its placeholder; once when both.
    CHECK(image_sources("<p><img class='lazy' src='" + pixel +
                        "'><noscript><img src='ns.jpg'></noscript></p>") == Sources{"ns.jpg"});
    CHECK(image_sources("<p><img data-src='a.jpg' src='" + pixel +
                        "'><noscript><img src='a.jpg'></noscript></p>") == Sources{"a.jpg"});
    CHECK(image_sources("<p><a href='x'><img data-src='b.jpg'></a><noscript><img "
                        "src='b.jpg'></noscript></p>") == Sources{"b.jpg"});
    // Nothing of a <noscript> but its images.
    auto a = page("<html><body><article>" + para +
                  "<noscript><p>Turn on JavaScript</p></noscript></article></body></html>");
    REQUIRE(a);
    CHECK(a->body.find("JavaScript") == std::string::npos);
}

TEST_CASE("a page's tracking pixels and icons are left out", "[page]") {
    CHECK(image_sources("<p><img src='t.gif' width='1' height='1'><img src='u.gif' height='0'>"
                        "<img src='keep.png' width='300'></p>") == Sources{"keep.png"});
    auto a =
        page("<html><body><article>" + para +
             "<p>Marked <img class='inline-icon' src='star.png' width='16' height='16' alt='with a "
             "star'> <img src='/favicon.ico' alt=''></p></article></body></html>");
    REQUIRE(a);
    CHECK(a->body.find("<img") == std::string::npos);
    CHECK(a->body.find("with a star") != std::string::npos); // an icon's alt text reads instead
    // A small image that is not an icon stays.
    CHECK(image_sources("<p><img src='chart.png' width='30' height='30'></p>") ==
          Sources{"chart.png"});
}
