#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "core/text.hpp"
#include "octavo/book.hpp"

using namespace octavo;

TEST_CASE("a book written to memory has the bytes of the same book written to a file", "[book]") {
    auto article = [] {
        Warnings w;
        auto a = read_article("---\ntitle: T\nlang: en\n---\nBody.\n", "t.md", Format::markdown, w);
        REQUIRE(a);
        return std::vector<Article>{*a};
    };
    BookOptions options;
    options.timestamp = 1558396800;
    Warnings warnings;
    auto bytes = write_book_to_memory(article(), options, warnings);
    REQUIRE(bytes);
    CHECK(bytes->compare(0, 4, "PK\x03\x04") == 0);
    CHECK(bytes->compare(30, 28, "mimetypeapplication/epub+zip") == 0);

    std::string path = std::string(P_tmpdir) + "/octavo-test-" + std::to_string(getpid()) + ".epub";
    REQUIRE(write_book(article(), options, path, warnings));
    std::ifstream in(path, std::ios::binary);
    std::ostringstream file;
    file << in.rdbuf();
    CHECK(file.str() == *bytes);
    std::remove(path.c_str());
}

TEST_CASE("a book that cannot be made in memory returns the error", "[book]") {
    Warnings warnings;
    auto r = write_book_to_memory({}, BookOptions{}, warnings);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::usage);
}

namespace {
std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
} // namespace

TEST_CASE("the book never overwrites an image or cover it is made from", "[book]") {
    namespace fs = std::filesystem;
    std::string dir = std::string(P_tmpdir) + "/octavo-book-XXXXXX";
    REQUIRE(mkdtemp(dir.data()));
    const std::string png = dir + "/photo.png", jpg = dir + "/cover.jpg";
    fs::copy_file(std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures/rich/ferries.png", png);
    fs::copy_file(std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures/rich/cover.jpg", jpg);
    const std::string png_bytes = slurp(png), jpg_bytes = slurp(jpg);
    Warnings w;
    auto a = read_article(
        "---\ntitle: T\nlang: en\ncover-image: cover.jpg\n---\n\n![A photo](photo.png)\n",
        dir + "/a.md", Format::markdown, w);
    REQUIRE(a);
    a->base_dir = dir;
    BookOptions options;
    options.timestamp = 0;
    auto image = write_book({*a}, options, png, w); // the article's image
    REQUIRE_FALSE(image);
    CHECK(image.error.file == dir + "/a.md");
    CHECK(image.error.line == 7);
    CHECK(image.error.message.find("the book would overwrite its input") != std::string::npos);
    auto cover = write_book({*a}, options, jpg, w); // the cover image its front matter names
    REQUIRE_FALSE(cover);
    CHECK(cover.error.message.rfind("cover image 'cover.jpg' is the output file", 0) == 0);
    fs::create_hard_link(jpg, dir + "/hard.epub");
    CHECK_FALSE(write_book({*a}, options, dir + "/hard.epub", w));
    CHECK(slurp(png) == png_bytes);
    CHECK(slurp(jpg) == jpg_bytes);
    // Nothing else was written, not even a temporary file; a new file is a book.
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 3);
    REQUIRE(write_book({*a}, options, dir + "/book.epub", w));
    fs::remove_all(dir);
}

TEST_CASE("a time past 9999 cannot stamp a book", "[book]") {
    Warnings w;
    auto a = read_article("---\ntitle: T\nlang: en\n---\nBody.\n", "t.md", Format::markdown, w);
    REQUIRE(a);
    BookOptions options;
    options.cover = false;
    options.timestamp = max_timestamp;
    CHECK(iso_utc(max_timestamp) == "9999-12-31T23:59:59Z");
    REQUIRE(write_book_to_memory({*a}, options, w));
    options.timestamp = max_timestamp + 1;
    auto past = write_book_to_memory({*a}, options, w);
    REQUIRE_FALSE(past);
    CHECK(past.error().code == Errc::usage);
}

TEST_CASE("a volume file without a title, or as the output, is refused by name", "[book]") {
    namespace fs = std::filesystem;
    std::string dir = std::string(P_tmpdir) + "/octavo-book-XXXXXX";
    REQUIRE(mkdtemp(dir.data()));
    std::ofstream(dir + "/a.md") << "# A\n\nBody.\n";
    std::ofstream(dir + "/v.yaml") << "articles: [a.md]\n";
    Warnings w;
    auto v = read_volume_file(dir + "/v.yaml", w);
    REQUIRE(v);
    CHECK(v->file == dir + "/v.yaml");
    BookOptions options;
    options.volume = true;
    options.cover = false;
    auto untitled = write_volume_to_memory(*v, options, w);
    REQUIRE_FALSE(untitled);
    CHECK(untitled.error().file == dir + "/v.yaml");
    CHECK(untitled.error().code == Errc::metadata);
    CHECK(untitled.error().message ==
          "the volume has no title: give 'title:' in the volume file, or --title");
    options.meta.title = "V";
    REQUIRE(write_volume_to_memory(*v, options, w));
    auto over = write_volume(*v, options, dir + "/v.yaml", w);
    REQUIRE_FALSE(over);
    CHECK(over.error.message == "the book would overwrite its input " + dir + "/v.yaml");
    CHECK(slurp(dir + "/v.yaml") == "articles: [a.md]\n");
    fs::remove_all(dir);
}

TEST_CASE("book file names come from the title", "[book]") {
    CHECK(book_file_name("How backdoor negotiations could help avert an Iran-US war") ==
          "how-backdoor-negotiations-could-help-avert-an-iran-us-war.epub");
    CHECK(book_file_name("Iran\xE2\x80\x99s U.S. policy: 2019!") == "irans-us-policy-2019.epub");
    CHECK(book_file_name("  ") == "");
    CHECK(book_file_name("\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9") == "");
    std::string long_title;
    for (int i = 0; i < 30; ++i)
        long_title += "word ";
    std::string name = book_file_name(long_title);
    CHECK(name.size() <= 85);
    CHECK(name.compare(name.size() - 10, 10, "-word.epub") == 0);
}
