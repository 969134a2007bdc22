// core/url: references resolved against a base URL, as RFC 3986 section 5.4 gives them.
#include "core/url.hpp"

#include <catch2/catch.hpp>

using octavo::resolve_url;

TEST_CASE("references resolve against a base as RFC 3986 says", "[url]") {
    const std::string base = "http://a/b/c/d;p?q";
    // RFC 3986 section 5.4.1 and 5.4.2, a selection
    CHECK(resolve_url(base, "g") == "http://a/b/c/g");
    CHECK(resolve_url(base, "./g") == "http://a/b/c/g");
    CHECK(resolve_url(base, "g/") == "http://a/b/c/g/");
    CHECK(resolve_url(base, "/g") == "http://a/g");
    CHECK(resolve_url(base, "//g") == "http://g");
    CHECK(resolve_url(base, "?y") == "http://a/b/c/d;p?y");
    CHECK(resolve_url(base, "#s") == "http://a/b/c/d;p?q#s");
    CHECK(resolve_url(base, "") == "http://a/b/c/d;p?q");
    CHECK(resolve_url(base, "../..") == "http://a/");
    CHECK(resolve_url(base, "../../../g") == "http://a/g");
    CHECK(resolve_url(base, "https://other.example/x") == "https://other.example/x");
}

TEST_CASE("what a page writes is made a URI first; no base, no answer", "[url]") {
    CHECK(resolve_url("https://h.example/a/b.html", "images/a b.png") ==
          "https://h.example/a/images/a%20b.png");
    CHECK(resolve_url("https://h.example/", "café.jpg") == "https://h.example/caf%C3%A9.jpg");
    CHECK(resolve_url("relative/base.html", "x.png").empty());
    CHECK(resolve_url("", "x.png").empty());
    std::string long_ref(5000, 'a');
    CHECK(resolve_url("https://h.example/", long_ref) == "https://h.example/" + long_ref);
}

TEST_CASE("data: URLs: base64 and percent escapes decoded, the media type read", "[url]") {
    std::string type, data;
    CHECK(octavo::decode_data_url("data:image/png;base64,iVBORw0K\nGgo=", type, data) == "");
    CHECK(type == "image/png");
    CHECK(data == "\x89PNG\r\n\x1A\n");
    CHECK(octavo::decode_data_url("data:Image/SVG+XML;charset=utf-8,%3Csvg%3E%20", type, data) ==
          "");
    CHECK(type == "image/svg+xml");
    CHECK(data == "<svg> ");
    CHECK(octavo::decode_data_url("data:,hello", type, data) == "");
    CHECK(type == "text/plain");
    CHECK(octavo::decode_data_url("data:image/png;base64,%69VBORw%3D%3D", type, data) ==
          ""); // escapes first
    CHECK(data == "\x89PNG");
    CHECK(octavo::decode_data_url("data:image/png;base64", type, data) ==
          "has no comma before its data");
    CHECK(octavo::decode_data_url("data:image/png;base64,!!!", type, data) ==
          "is not valid base64");
}
