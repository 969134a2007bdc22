#include <catch2/catch.hpp>

#include <string>

#include "octavo/feed.hpp"

using namespace octavo;

namespace {

Result<Feed> feed(const std::string& text, Warnings& w, const FeedOptions& o = {}) {
    return read_feed(text, "f.xml", o, w);
}

bool warned(const Warnings& w, const std::string& part) {
    for (const auto& x : w)
        if ((x.file + ": " + x.message).find(part) != std::string::npos) return true;
    return false;
}

const std::string atom_head = "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom' "
                              "xml:lang='de'><title>Blog</title><id>f</id>"
                              "<updated>2024-01-01T00:00:00Z</updated>"
                              "<author><name>Feed Author</name></author>"
                              "<link href='https://blog.example/'/>";

} // namespace

TEST_CASE("feeds are told by their content", "[feed]") {
    CHECK(looks_like_feed("<?xml version='1.0'?>\n<!-- c --><rss version='2.0'>"));
    CHECK(looks_like_feed("\xEF\xBB\xBF<feed xmlns='http://www.w3.org/2005/Atom'>"));
    CHECK(looks_like_feed("<?xml version='1.0'?><!DOCTYPE rdf:RDF [<!ENTITY a 'b'>]><rdf:RDF>"));
    CHECK(looks_like_feed("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}"));
    CHECK(looks_like_feed("{\"version\":\"https:\\/\\/jsonfeed.org\\/version\\/1\"}"));
    CHECK_FALSE(looks_like_feed("<html><body>page</body></html>"));
    CHECK_FALSE(looks_like_feed("{\"title\": \"front matter\"}\n# Markdown"));
    CHECK_FALSE(looks_like_feed("# A Markdown article"));
}

TEST_CASE("an Atom entry: title, authors, dates, categories, link, content", "[feed]") {
    Warnings w;
    auto f =
        feed(atom_head + "<entry><title type='html'>A &amp;amp; B &lt;i&gt;x&lt;/i&gt;</title>"
                         "<id>e1</id><link rel='alternate' href='/posts/1'/>"
                         "<published>2024-05-01T10:00:00+02:00</published>"
                         "<updated>2024-05-02T10:00:00Z</updated>"
                         "<category term='t' label='Label'/><category term='two'/>"
                         "<content type='html' xml:base='https://cdn.example/a/'>"
                         "&lt;p&gt;Text &lt;a href='b.html'&gt;link&lt;/a&gt;&lt;/p&gt;</content>"
                         "</entry></feed>",
             w);
    REQUIRE(f);
    CHECK(f->format == FeedFormat::atom);
    CHECK(f->meta.title == "Blog");
    CHECK(f->meta.lang == "de");
    REQUIRE(f->entries.size() == 1);
    const auto& e = f->entries[0];
    CHECK(e.article.meta.title == "A & B x");
    REQUIRE(e.article.meta.authors.size() == 1);
    CHECK(e.article.meta.authors[0].name == "Feed Author");
    CHECK(e.published == "2024-05-01T10:00:00+02:00");
    CHECK(e.updated == "2024-05-02T10:00:00Z");
    CHECK(e.article.meta.date == "2024-05-01T10:00:00+02:00");
    CHECK(e.article.meta.subjects == std::vector<std::string>{"Label", "two"});
    CHECK(e.link == "https://blog.example/posts/1");
    CHECK(e.id == "e1");
    CHECK(e.article.meta.lang == "de");
    CHECK(e.article.body.find("href=\"https://cdn.example/a/b.html\"") != std::string::npos);
}

TEST_CASE("RSS 2.0: content:encoded, dc:creator, RFC 822 dates, guid", "[feed]") {
    Warnings w;
    auto f = feed("<rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/' "
                  "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
                  "<title>News</title><link>https://news.example/</link><language>pt-BR</language>"
                  "<item><title>One</title><guid>https://news.example/1</guid>"
                  "<dc:creator>Ana</dc:creator><dc:creator>Bia</dc:creator>"
                  "<pubDate>Wed, 01 May 2024 10:00:00 PDT</pubDate>"
                  "<description>Short</description>"
                  "<content:encoded><![CDATA[<p>Long <img src='i.png' alt='x'></p>]]>"
                  "</content:encoded></item>"
                  "<item><title>Two</title><author>x@news.example (Caio)</author>"
                  "<description>Second</description></item></channel></rss>",
                  w);
    REQUIRE(f);
    CHECK(f->format == FeedFormat::rss);
    REQUIRE(f->entries.size() == 2);
    const auto& a = f->entries[0].article;
    CHECK(a.meta.authors.size() == 2);
    CHECK(a.meta.date == "2024-05-01T10:00:00-07:00");
    CHECK(f->entries[0].link == "https://news.example/1");
    CHECK(a.body.find("Long") != std::string::npos);
    CHECK(a.body.find("Short") == std::string::npos);
    CHECK(a.body.find("src=\"https://news.example/i.png\"") != std::string::npos);
    CHECK(a.meta.lang == "pt-BR");
    CHECK(f->entries[1].article.meta.authors.at(0).name == "Caio");
}

TEST_CASE("RSS 1.0 and JSON Feed", "[feed]") {
    Warnings w;
    auto r = feed("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
                  "xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
                  "<channel rdf:about='x'><title>R</title><link>https://r.example/</link></channel>"
                  "<item rdf:about='https://r.example/1'><title>I</title>"
                  "<description>Words here.</description><dc:date>2024-01-02</dc:date></item>"
                  "</rdf:RDF>",
                  w);
    REQUIRE(r);
    CHECK(r->format == FeedFormat::rdf);
    REQUIRE(r->entries.size() == 1);
    CHECK(r->entries[0].id == "https://r.example/1");
    CHECK(r->entries[0].article.meta.date == "2024-01-02");
    auto j = read_feed(R"({"version":"https://jsonfeed.org/version/1.1","title":"J",
        "language":"fr","authors":[{"name":"Zoé"}],"items":[
        {"id":1,"title":"T","content_text":"a < b\n\nc","date_published":"2024-02-03T04:05:06Z"},
        {"id":"2","content_html":"<p>Sans titre, mais du texte.</p>"}]})",
                       "j.json", {}, w);
    REQUIRE(j);
    CHECK(j->format == FeedFormat::json);
    REQUIRE(j->entries.size() == 2);
    CHECK(j->entries[0].id == "1");
    CHECK(j->entries[0].article.body.find("<p>a &lt; b</p>") != std::string::npos);
    CHECK(j->entries[0].article.meta.authors.at(0).name == "Zoé");
    CHECK(j->entries[1].article.meta.title == "Sans titre, mais du texte.");
    CHECK(warned(w, "has no title"));
}

TEST_CASE("no DTD is read: entities stay references", "[feed]") {
    Warnings w;
    auto f = feed("<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY a 'aaaaaaaaaa'>"
                  "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
                  "<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                  "<rss version='2.0'><channel><title>T &b;</title>"
                  "<item><title>I &x;</title><description>Body &b; &x;</description></item>"
                  "</channel></rss>",
                  w);
    REQUIRE(f);
    REQUIRE(f->entries.size() == 1);
    CHECK(f->entries[0].article.body.find("aaaaaaaaaa") == std::string::npos);
    CHECK(f->entries[0].article.body.find("root:") == std::string::npos);
    CHECK(warned(w, "not expanded"));
}

TEST_CASE("small damage is repaired, a broken feed refused with its line", "[feed]") {
    Warnings w;
    auto f = feed("<rss version='2.0'><channel><title>A & B</title>\n"
                  "<item><title>T\x01</title><description>Caf\xE9 text</description></item>"
                  "</channel></rss>",
                  w);
    REQUIRE(f);
    CHECK(f->meta.title == "A & B");
    CHECK(warned(w, "an '&' that starts no character reference"));
    CHECK(warned(w, "control characters"));
    CHECK(warned(w, "not UTF-8"));
    Warnings w2;
    auto bad = feed("<rss version='2.0'><channel>\n<title>x</title>\n<item></channel></rss>", w2);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().line == 3);
    auto other = feed("<html><body/></html>", w2);
    REQUIRE_FALSE(other);
    CHECK(other.error().message.find("no feed's") != std::string::npos);
}

TEST_CASE("entries: selection, order, duplicates, the empty left out", "[feed]") {
    std::string items;
    for (int d = 9; d >= 1; --d)
        items += "<item><title>Day " + std::to_string(d) + "</title><guid>g" + std::to_string(d) +
                 "</guid><pubDate>0" + std::to_string(d) +
                 " Jan 2024 10:00:00 GMT</pubDate><description>Text.</description></item>";
    items += "<item><title>Again</title><guid>g9</guid><description>Dup.</description></item>";
    items += "<item><title>Empty</title><guid>e</guid></item>";
    const std::string text =
        "<rss version='2.0'><channel><title>T</title>" + items + "</channel></rss>";
    Warnings w;
    auto all = feed(text, w);
    REQUIRE(all);
    CHECK(all->entries.size() == 9);
    CHECK(warned(w, "entry 11 'Empty'"));
    FeedOptions o;
    o.since = "2024-01-05";
    o.max_entries = 3;
    o.oldest_first = true;
    auto some = feed(text, w, o);
    REQUIRE(some);
    REQUIRE(some->entries.size() == 3);
    CHECK(some->entries[0].article.meta.title == "Day 7");
    CHECK(some->entries[2].article.meta.title == "Day 9");

    Volume v;
    add_feed_to_volume(v, *all, true);
    add_feed_to_volume(v, *all, true); // the same entries again: each once
    CHECK(v.items.size() == 9);
    CHECK(v.items[0].section == "T");
    CHECK(v.items[0].article->meta.publisher == "T");
}

TEST_CASE("an entry that gives only a Media RSS description", "[feed]") {
    Warnings w;
    auto f = feed("<feed xmlns='http://www.w3.org/2005/Atom' "
                  "xmlns:media='http://search.yahoo.com/mrss/'><title>Videos</title>"
                  "<entry><title>A video</title><id>v1</id><updated>2024-01-01T00:00:00Z</updated>"
                  "<link href='https://video.example/v1'/><media:group><media:description>"
                  "What the video shows.\n\nA second paragraph.</media:description></media:group>"
                  "</entry></feed>",
                  w);
    REQUIRE(f);
    REQUIRE(f->entries.size() == 1);
    CHECK(f->entries[0].article.body.find("<p>What the video shows.</p>") != std::string::npos);
}
