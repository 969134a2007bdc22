// Fetching by URL, without a network: what a Content-Type says, what a body is, the URLs refused
// before anything is sent, the charset order of a fetched page, and how a fetched article's
// images reach the loader.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "assets/loader.hpp"
#include "core/limits.hpp"
#include "octavo/fetch.hpp"
#include "read/html.hpp"
#include "read/remote.hpp"
#include "render/xhtml.hpp"

using namespace octavo;

TEST_CASE("a Content-Type gives its media type and charset", "[fetch]") {
    auto m = parse_content_type("Text/HTML; charset=\"ISO-8859-1\"");
    CHECK(m.type == "text/html");
    CHECK(m.charset == "ISO-8859-1");
    m = parse_content_type("text/html;boundary=x; CHARSET = utf-8 ");
    CHECK(m.type == "text/html");
    CHECK(m.charset == "utf-8");
    m = parse_content_type("application/pdf");
    CHECK(m.type == "application/pdf");
    CHECK(m.charset.empty());
    m = parse_content_type("");
    CHECK(m.type.empty());
    CHECK(m.charset.empty());
}

TEST_CASE("what a body is: by its media type, sniffed when that says nothing", "[fetch]") {
    CHECK(web_content("text/html", "") == WebContent::html);
    CHECK(web_content("application/xhtml+xml", "") == WebContent::html);
    CHECK(web_content("text/plain", "Just words.") == WebContent::text);
    CHECK(web_content("text/plain", "<!DOCTYPE html><html>") == WebContent::html);
    CHECK(web_content("text/markdown", "# A") == WebContent::markdown);
    CHECK(web_content("application/rss+xml", "") == WebContent::feed);
    CHECK(web_content("application/atom+xml", "") == WebContent::feed);
    CHECK(web_content("application/feed+json", "") == WebContent::feed);
    CHECK(web_content("application/xml", "<?xml version=\"1.0\"?>\n<!-- c -->\n<rss>") ==
          WebContent::feed);
    CHECK(web_content("text/xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\">") ==
          WebContent::feed);
    CHECK(web_content("application/xml", "<rdf:RDF xmlns:rdf=\"...\">") == WebContent::feed);
    CHECK(web_content("application/xml", "<svg>") == WebContent::other);
    CHECK(web_content("application/json", "{\"version\": \"https://jsonfeed.org/version/1.1\"}") ==
          WebContent::feed);
    CHECK(web_content("application/json", "{\"a\": 1}") == WebContent::other);
    CHECK(web_content("", "  <!doctype html><p>x") == WebContent::html);
    CHECK(web_content("application/octet-stream", "%PDF-1.4") == WebContent::other);
    CHECK(web_content("application/pdf", "<html>") == WebContent::other);
    CHECK(web_content("image/png", "") == WebContent::other);
}

TEST_CASE("only http and https URLs are URLs to fetch", "[fetch]") {
    CHECK(is_web_url("https://example.org/a"));
    CHECK(is_web_url("HTTP://example.org/"));
    CHECK_FALSE(is_web_url("ftp://example.org/"));
    CHECK_FALSE(is_web_url("https:/example.org"));
    CHECK_FALSE(is_web_url("article.md"));
    FetchLimits limits;
    for (const char* url : {"file:///etc/passwd", "ftp://example.org/a.html", "gopher://h/"}) {
        auto f = fetch_url(url, limits);
        REQUIRE_FALSE(f);
        CHECK(f.error().file == url);
        CHECK(f.error().message.find("octavo fetches http and https URLs only") !=
              std::string::npos);
    }
    auto creds = fetch_url("https://user:secret@example.org/a", limits);
    REQUIRE_FALSE(creds);
    CHECK(creds.error().message.find("holds a user name or password") != std::string::npos);
}

TEST_CASE("a fetched page's charset: the server's before the page's, else detected", "[fetch]") {
    Warnings w;
    // Latin-1 bytes that the page says are windows-1251: the server's ISO-8859-1 wins.
    std::string page = "<meta charset=\"windows-1251\"><p>caf\xE9 cr\xE8me</p>";
    auto by_server = decode_page(page, "http://h/p", w, "ISO-8859-1");
    REQUIRE(by_server);
    CHECK(by_server->find("café crème") != std::string::npos);
    auto by_meta = decode_page(page, "p.html", w);
    REQUIRE(by_meta);
    CHECK(by_meta->find("café") == std::string::npos);
    // Nothing declared, not UTF-8: told by uchardet, with a warning.
    w.clear();
    std::string french = "<p>";
    for (int i = 0; i < 20; ++i)
        french += "Le caf\xE9 ouvre \xE0 six heures, et l'on y reste jusqu'\xE0 la nuit; "
                  "les bateaux rentrent au port apr\xE8s la p\xEA"
                  "che. ";
    french += "</p>";
    auto detected = decode_page(french, "p.html", w);
    REQUIRE(detected);
    CHECK(detected->find("Le café ouvre à six heures") != std::string::npos);
    REQUIRE(w.size() == 1);
    CHECK(w[0].message.find("declares no charset and is not UTF-8: read as ") == 0);
}

namespace {
const std::string dot_svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\">"
                            "<circle cx=\"4\" cy=\"4\" r=\"4\"/></svg>";
Article article(const std::string& body, const std::string& base_url = {}) {
    Article a;
    a.meta.title = "Dots";
    a.meta.lang = "en";
    a.source = base_url.empty() ? "/nowhere/dots.md" : base_url;
    a.base_dir = base_url.empty() ? "/nowhere" : "";
    a.base_url = base_url;
    a.body = body;
    return a;
}
} // namespace

TEST_CASE("a fetched article's images are web URLs the loader gives; a file's only if asked",
          "[fetch]") {
    MemoryLoader assets; // by URL, as FileLoader asks RemoteFiles
    assets.files["https://h.example/posts/fig/dot.svg"] = dot_svg;
    assets.files["https://h.example/dot.svg"] = dot_svg;
    assets.files["/nowhere/fig/dot.svg"] = "not this one";
    RenderOptions o;
    o.assets = &assets;
    Warnings w;
    auto r = render_article(
        article("![A dot](fig/dot.svg) ![Root](/dot.svg)\n", "https://h.example/posts/a.html"), o,
        w);
    REQUIRE(r);
    REQUIRE(r->images.size() == 2);
    CHECK(r->images[0].reference == "https://h.example/posts/fig/dot.svg");
    CHECK(r->images[0].base_dir.empty());
    CHECK(r->images[0].data == dot_svg);
    CHECK(w.empty());

    SECTION("a file's remote images stay links, with one warning that counts them") {
        auto links = render_article(
            article("![One](https://h.example/dot.svg)\n\n![Two](http://h.example/x.png)\n"), o, w);
        REQUIRE(links);
        CHECK(links->images.empty());
        REQUIRE(w.size() == 1);
        CHECK(w[0].message == "2 remote images are not fetched, the first "
                              "'https://h.example/dot.svg': kept as links or their alt text "
                              "(--fetch-images fetches them)");
        CHECK(w[0].line == 1);
    }
    SECTION("with fetch_images they are packed") {
        o.fetch_images = true;
        auto packed = render_article(article("![One](https://h.example/dot.svg)\n"), o, w);
        REQUIRE(packed);
        REQUIRE(packed->images.size() == 1);
        CHECK(w.empty());
    }
}

namespace {
// A fetcher of made-up responses, counting its calls, as libcurl's would honour the limits.
struct FakeWeb {
    int calls = 0;
    std::size_t image_size = 100;
    int sleep_ms = 0;
    RemoteFiles::Fetcher fetcher() {
        return [this](const std::string& url, const FetchLimits& limits, bool) -> Result<Fetched> {
            ++calls;
            if (sleep_ms) std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
            if (url.find("missing") != std::string::npos)
                return Error{Errc::io, url, 0, 0,
                             "cannot be fetched: the server answered HTTP 404"};
            Fetched f;
            f.url = url + "?final";
            f.content_type = "text/html";
            f.bytes = url.find("img") != std::string::npos ? std::string(image_size, 'x')
                                                           : "<p>" + url + "</p>";
            if (f.bytes.size() > limits.max_bytes)
                return Error{Errc::io, url, 0, 0, "is larger than the limit"};
            return f;
        };
    }
};
} // namespace

TEST_CASE("what a run fetches is fetched once, failures too, and read back the same", "[fetch]") {
    FakeWeb web;
    RemoteFiles remote(FetchLimits{}, web.fetcher());
    auto first = remote.page("https://h.example/a");
    auto again = remote.page("https://h.example/a");
    REQUIRE(first);
    REQUIRE(again);
    CHECK(web.calls == 1);
    CHECK(again->bytes == "<p>https://h.example/a</p>");
    CHECK(again->url == "https://h.example/a?final");
    CHECK(again->content_type == "text/html");
    auto bad = remote.page("https://h.example/missing");
    auto bad_again = remote.page("https://h.example/missing");
    REQUIRE_FALSE(bad_again);
    CHECK(bad_again.error().message == "cannot be fetched: the server answered HTTP 404");
    CHECK(web.calls == 2);
    auto img = remote.image("https://h.example/img/1.png");
    REQUIRE(img);
    CHECK(*img == std::string(100, 'x'));
    CHECK(remote.image("https://h.example/img/1.png"));
    CHECK(web.calls == 3);
}

TEST_CASE("a book's remote images are bounded in number, bytes and time", "[fetch]") {
    SECTION("number") {
        FakeWeb web;
        RemoteFiles remote(FetchLimits{}, web.fetcher());
        for (std::size_t i = 0; i < max_remote_images; ++i)
            REQUIRE(remote.image("https://h.example/img/" + std::to_string(i)));
        auto over = remote.image("https://h.example/img/over");
        REQUIRE_FALSE(over);
        CHECK(over.error().message == "not fetched: the book has " +
                                          std::to_string(max_remote_images) +
                                          " remote images already, the most octavo fetches");
        CHECK(web.calls == static_cast<int>(max_remote_images));
    }
    SECTION("bytes") {
        FakeWeb web;
        web.image_size = max_remote_image_bytes / 4 + 1; // three fit, the fourth does not
        FetchLimits limits;
        limits.max_bytes = max_remote_image_bytes;
        RemoteFiles remote(limits, web.fetcher());
        for (int i = 0; i < 3; ++i)
            REQUIRE(remote.image("https://h.example/img/" + std::to_string(i)));
        auto over = remote.image("https://h.example/img/3");
        REQUIRE_FALSE(over);
        CHECK(over.error().message ==
              "not fetched: the book's remote images reach 128 MiB, the most octavo fetches");
    }
    SECTION("time") {
        FakeWeb web;
        web.sleep_ms = 30;
        FetchLimits limits;
        limits.timeout_ms = 10; // ten times that, 100 ms, for all the images
        RemoteFiles remote(limits, web.fetcher());
        int fetched = 0;
        for (int i = 0; i < 10; ++i)
            fetched += remote.image("https://h.example/img/" + std::to_string(i)).ok();
        CHECK(fetched <= 4);
        auto late = remote.image("https://h.example/img/late");
        REQUIRE_FALSE(late);
        CHECK(late.error().message.find("not fetched: the book's remote images took ") == 0);
    }
}
