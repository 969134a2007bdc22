#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

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
