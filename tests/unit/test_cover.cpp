#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <png.h>

#include <algorithm>
#include <cstring>

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

namespace {
// The cover decoded to RGB, and the box around the pixels in rows [top, bottom) that differ
// from the colour at (0, top).
struct Pixels {
    std::vector<unsigned char> rgb;
    int w = 0, h = 0;
    int colour_type = -1;
};
Pixels decode(const std::string& png) {
    Pixels p;
    p.colour_type = static_cast<unsigned char>(png[25]);
    png_image img{};
    img.version = PNG_IMAGE_VERSION;
    REQUIRE(png_image_begin_read_from_memory(&img, png.data(), png.size()));
    img.format = PNG_FORMAT_RGB;
    p.w = static_cast<int>(img.width);
    p.h = static_cast<int>(img.height);
    p.rgb.resize(PNG_IMAGE_SIZE(img));
    REQUIRE(png_image_finish_read(&img, nullptr, p.rgb.data(), 0, nullptr));
    return p;
}
struct Box {
    int left, right, top, bottom; // inclusive; left > right when nothing differs
};
Box ink_box(const Pixels& p, int top, int bottom) {
    Box b{p.w, -1, bottom, -1};
    auto at = [&](int x, int y) { return &p.rgb[(static_cast<size_t>(y) * p.w + x) * 3]; };
    const unsigned char* bg = at(0, top);
    for (int y = top; y < bottom; ++y)
        for (int x = 0; x < p.w; ++x)
            if (std::memcmp(at(x, y), bg, 3) != 0) {
                b.left = std::min(b.left, x);
                b.right = std::max(b.right, x);
                b.top = std::min(b.top, y);
                b.bottom = std::max(b.bottom, y);
            }
    return b;
}
std::string draw(const std::string& title, const std::string& lang = "en") {
    Metadata m = meta();
    m.title = title;
    m.subtitle.clear();
    m.lang = lang;
    auto png = draw_cover(m);
    REQUIRE(png);
    return *png;
}
} // namespace

TEST_CASE("Latin, Greek and Cyrillic covers are palette PNGs; right to left is drawn by pango",
          "[cover]") {
    // The FreeType module draws what the DejaVu fonts cover, left to right, in 256 colours.
    for (const char* title : {"Plain title", "Ελληνικά και кириллица", "Ça, c'est « drôle »"})
        CHECK(decode(draw(title)).colour_type == 3);
    // Arabic and Hebrew need bidi, CJK a fallback font: the pango module, in RGB.
    for (const char* title :
         {"\xD8\xB9\xD9\x86\xD9\x88\xD8\xA7\xD9\x86 \xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A",
          "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", "\xE4\xB8\xAD\xE6\x96\x87\xE6\xA0\x87\xE9\xA2\x98"}) {
        std::string a = draw(title, "ar");
        CHECK(decode(a).colour_type == 2);
        CHECK(a == draw(title, "ar")); // the same bytes every time, too
    }
}

TEST_CASE("a cover's title is centred and kept inside the margins, whatever its length",
          "[cover]") {
    const int band = 1180, margin = 110;
    SECTION("a short title, centred") {
        Box b = ink_box(decode(draw("Centred")), 0, band);
        REQUIRE(b.left < b.right);
        CHECK(std::abs(b.left - (cover_width - 1 - b.right)) <= 3);
    }
    SECTION("one word wider than the cover is broken between letters") {
        Box b = ink_box(decode(draw(std::string(80, 'W'))), 0, band);
        REQUIRE(b.left < b.right);
        CHECK(b.left >= margin - 8);
        CHECK(b.right <= cover_width - margin + 8);
    }
    SECTION("a title too long for the band ends with an ellipsis, inside the band") {
        std::string title;
        for (int i = 0; i < 300; ++i)
            title += "word ";
        Pixels p = decode(draw(title));
        Box b = ink_box(p, 0, band);
        REQUIRE(b.left < b.right);
        CHECK(b.bottom < band);
        CHECK(b.left >= margin - 8);
        CHECK(b.right <= cover_width - margin + 8);
    }
}

TEST_CASE("a cover drawn early is the one the book's metadata draws, or is drawn anew", "[cover]") {
    const std::string expected = *draw_cover(meta());
    auto produced = [](BookPlan& plan) {
        REQUIRE(plan.resources.size() == 1);
        REQUIRE(plan.resources[0].produce);
        auto png = plan.resources[0].produce();
        REQUIRE(png);
        return *png;
    };
    SECTION("the same metadata: the early drawing") {
        EarlyCover early;
        early.start();
        early.draw(meta());
        BookPlan plan;
        plan.meta = meta();
        plan.meta.identifier = "urn:uuid:other"; // not drawn: the same cover
        std::vector<ContentDoc> docs;
        REQUIRE(add_cover(plan, docs, "t.md", true, {}, {}, nullptr, &early));
        CHECK(produced(plan) == expected);
    }
    SECTION("the metadata changed after: drawn anew") {
        EarlyCover early;
        early.start();
        Metadata before = meta();
        before.title = "An older title";
        early.draw(before);
        BookPlan plan;
        plan.meta = meta();
        std::vector<ContentDoc> docs;
        REQUIRE(add_cover(plan, docs, "t.md", true, {}, {}, nullptr, &early));
        CHECK(produced(plan) == expected);
    }
    SECTION("started and never given metadata: let go without waiting for it") {
        EarlyCover early;
        early.start();
    }
}
