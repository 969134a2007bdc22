#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include "assets/cover.hpp"

using namespace octavo;

namespace {
Metadata meta() {
    Metadata m;
    m.title = "A Title Long Enough to Wrap on Two Lines";
    m.subtitle = "And a subtitle";
    m.authors = {{"Ann Author", "aut", ""}, {"Bo Writer", "aut", ""}, {"Ed Itor", "edt", ""}};
    m.lang = "en";
    m.date = "2019-05-21";
    return m;
}
// The chunk types of a PNG, in order.
std::vector<std::string> chunks(const std::string& png) {
    std::vector<std::string> out;
    for (size_t i = 8; i + 8 <= png.size();) {
        auto b = [&](size_t k) { return static_cast<unsigned char>(png[k]); };
        size_t len = (size_t(b(i)) << 24) | (size_t(b(i + 1)) << 16) | (b(i + 2) << 8) | b(i + 3);
        out.push_back(png.substr(i + 4, 4));
        i += 12 + len;
    }
    return out;
}
} // namespace

TEST_CASE("a drawn cover is a PNG of the cover size, the same bytes every time", "[cover]") {
    auto a = draw_cover(meta());
    REQUIRE(a);
    auto b = draw_cover(meta());
    REQUIRE(b);
    CHECK(*a == *b);
    REQUIRE(a->compare(0, 8, "\x89PNG\r\n\x1A\n") == 0);
    auto c = chunks(*a);
    REQUIRE(c.front() == "IHDR");
    CHECK(c.back() == "IEND");
    CHECK(std::find(c.begin(), c.end(), "tIME") == c.end());
    auto u32 = [&](size_t k) {
        return (static_cast<unsigned char>((*a)[k]) << 24) |
               (static_cast<unsigned char>((*a)[k + 1]) << 16) |
               (static_cast<unsigned char>((*a)[k + 2]) << 8) |
               static_cast<unsigned char>((*a)[k + 3]);
    };
    CHECK(u32(16) == cover_width);
    CHECK(u32(20) == cover_height);
    Metadata other = meta();
    other.title = "Another title";
    auto d = draw_cover(other);
    REQUIRE(d);
    CHECK(*d != *a);
}

TEST_CASE("the cover page shows the image with alt text and goes first in the spine", "[cover]") {
    BookPlan plan;
    plan.meta = meta();
    plan.spine = {"text/a001.xhtml"};
    std::vector<ContentDoc> docs{{"text/a001.xhtml", ""}};
    REQUIRE(add_cover(plan, docs, "t.md", true, {"css/octavo.css", "css/user.css"}));
    REQUIRE(plan.spine.size() == 2);
    CHECK(plan.spine[0] == "text/cover.xhtml");
    CHECK(plan.cover_page == "text/cover.xhtml");
    CHECK(docs[0].path == "text/cover.xhtml");
    REQUIRE(plan.resources.size() == 1);
    CHECK(plan.resources[0].properties == "cover-image");
    CHECK(plan.resources[0].media_type == "image/png");
    CHECK(plan.features.images == 1);
    pugi::xml_document doc;
    REQUIRE(doc.load_string(docs[0].data.c_str()));
    auto img = doc.select_node("//img").node();
    CHECK(std::string(img.attribute("src").value()) == "../images/cover.png");
    CHECK(std::string(img.attribute("alt").value()) == plan.meta.title);
    CHECK(doc.select_node("//link[@href='../css/user.css']"));
}

TEST_CASE("no cover when disabled, and a missing or foreign cover image is an error", "[cover]") {
    BookPlan plan;
    plan.meta = meta();
    std::vector<ContentDoc> docs;
    REQUIRE(add_cover(plan, docs, "t.md", false, {}));
    CHECK(plan.spine.empty());
    CHECK(plan.resources.empty());

    plan.meta.cover_image = "no-such-cover.jpg";
    auto st = add_cover(plan, docs, "t.md", true, {});
    REQUIRE_FALSE(st);
    CHECK(st.error.code == Errc::content);
    CHECK(st.error.message.rfind("cover image 'no-such-cover.jpg': cannot read", 0) == 0);

    // The book's own file: refused before it is read.
    const std::string cover = std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures/rich/cover.jpg";
    plan.meta.cover_image = cover;
    st = add_cover(plan, docs, "t.md", true, {}, cover);
    REQUIRE_FALSE(st);
    CHECK(st.error.message == "cover image '" + cover + "' is the output file " + cover +
                                  ": the book would overwrite its input");
    CHECK(load_cover_image(plan.meta, "t.md", "/nonexistent/book.epub"));

    plan.meta.cover_image = std::string(OCTAVO_SOURCE_DIR) + "/README.md";
    st = add_cover(plan, docs, "t.md", true, {});
    REQUIRE_FALSE(st);
    CHECK(st.error.message.find("not a JPEG or PNG") != std::string::npos);
}
