#include <catch2/catch.hpp>

#include "assets/css.hpp"
#include "assets/loader.hpp"
#include "render/xhtml.hpp"

using namespace octavo;

namespace {
const std::string dot_svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\">"
                            "<circle cx=\"4\" cy=\"4\" r=\"4\"/></svg>";

Article article(const std::string& body) {
    Article a;
    a.meta.title = "Dots";
    a.meta.lang = "en";
    a.source = "/nowhere/dots.md"; // no such folder: every file comes from the loader
    a.base_dir = "/nowhere";
    a.body = body;
    return a;
}
} // namespace

TEST_CASE("an article's images come through its loader, with no file on disk", "[loader]") {
    MemoryLoader assets;
    assets.files["/nowhere/fig/dot.svg"] = dot_svg;
    RenderOptions o;
    o.assets = &assets;
    Warnings w;
    auto r = render_article(article("![A dot](fig/dot.svg)\n\nAgain: ![](fig/dot.svg)\n"), o, w);
    REQUIRE(r);
    REQUIRE(r->images.size() == 1); // the same file is packed once
    CHECK(r->images[0].path == "images/a001-1.svg");
    CHECK(r->images[0].media_type == "image/svg+xml");
    CHECK(r->images[0].data == dot_svg);
    CHECK(r->features.images == 2);
    CHECK(r->docs[0].data.find("<img src=\"../images/a001-1.svg\" alt=\"A dot\"/>") !=
          std::string::npos);
    REQUIRE(w.size() == 1);
    CHECK(w[0].message == "image 'fig/dot.svg' has no alt text");

    SECTION("a file the loader does not have is missing, as on disk: a warning, the alt text") {
        w.clear();
        auto e = render_article(article("![x](fig/none.png)\n"), o, w);
        REQUIRE(e);
        REQUIRE(w.size() == 1);
        CHECK(w[0].message ==
              "image 'fig/none.png': cannot read: No such file or directory; its alt text is kept");
        CHECK(w[0].line == 1);
        CHECK(e->images.empty());
    }
    SECTION("the path policy comes before the loader") {
        assets.files["/nowhere/../dot.svg"] = dot_svg;
        w.clear();
        auto e = render_article(article("![x](../dot.svg)\n"), o, w);
        REQUIRE(e);
        CHECK(e->images.empty());
        REQUIRE(w.size() == 1);
        CHECK(w[0].message ==
              "image path '../dot.svg' leaves the article's folder; its alt text is kept");
    }
    SECTION("content that is no image is left out") {
        assets.files["/nowhere/fig/dot.svg"] = "GIF87a";
        w.clear();
        auto e = render_article(article("![x](fig/dot.svg)\n"), o, w);
        REQUIRE(e);
        CHECK(e->images.empty());
        REQUIRE(w.size() == 1);
        CHECK(w[0].message.rfind("image 'fig/dot.svg' ", 0) == 0);
    }
}

TEST_CASE("a stylesheet's images come through its loader", "[loader]") {
    MemoryLoader assets;
    assets.files["/nowhere/dot.svg"] = dot_svg;
    Warnings w;
    auto sheet = prepare_stylesheet("p { background: url(dot.svg) }", "/nowhere/user.css",
                                    "css/user.css", w, false, &assets);
    REQUIRE(sheet);
    CHECK(sheet->text == "p { background: url(\"user-1.svg\") }");
    REQUIRE(sheet->resources.size() == 1);
    CHECK(sheet->resources[0].path == "css/user-1.svg");
    CHECK(sheet->resources[0].data == dot_svg);
    auto missing = prepare_stylesheet("p { background: url(no.png) }", "/nowhere/user.css",
                                      "css/user.css", w, false, &assets);
    REQUIRE(!missing);
    CHECK(missing.error().message == "refers to 'no.png': cannot read: No such file or directory");
}
