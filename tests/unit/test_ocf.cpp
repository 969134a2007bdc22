#include <catch2/catch.hpp>
#include <zip.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdlib.h>
#include <unistd.h>

#include "octavo/ocf.hpp"

using namespace octavo;

namespace {
std::string temp_path(const char* name) {
    return std::string(P_tmpdir) + "/octavo-test-" + std::to_string(getpid()) + "-" + name;
}
std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
} // namespace

TEST_CASE("the container starts with a stored mimetype and stamps fixed times", "[ocf]") {
    std::string path = temp_path("a.epub");
    {
        auto w = OcfWriter::create(path, 1558396800);
        REQUIRE(w);
        REQUIRE((*w)->add("mimetype", "application/epub+zip"));
        REQUIRE((*w)->add("EPUB/a.txt", std::string(1000, 'x')));
        REQUIRE((*w)->commit());
    }
    std::string bytes = slurp(path);
    REQUIRE(bytes.size() > 58);
    CHECK(bytes.compare(0, 4, "PK\x03\x04") == 0);
    CHECK(bytes[8] == 0);  // method: stored
    CHECK(bytes[28] == 0); // no extra field
    CHECK(bytes.compare(30, 8, "mimetype") == 0);
    CHECK(bytes.compare(38, 20, "application/epub+zip") == 0);

    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    REQUIRE(z);
    zip_stat_t st;
    REQUIRE(zip_stat_index(z, 1, 0, &st) == 0);
    CHECK(st.comp_method == ZIP_CM_DEFLATE);
    CHECK(st.size == 1000);
    zip_close(z);
    std::remove(path.c_str());
}

TEST_CASE("nothing reaches the target until commit, and a discarded book leaves the old file",
          "[ocf]") {
    std::string path = temp_path("keep.epub");
    { std::ofstream(path) << "old book"; }
    {
        auto w = OcfWriter::create(path, 0);
        REQUIRE(w);
        REQUIRE((*w)->add("mimetype", "application/epub+zip"));
        // destroyed without commit
    }
    CHECK(slurp(path) == "old book");
    std::remove(path.c_str());
}

TEST_CASE("a failed commit reports an error and writes nothing", "[ocf]") {
    char dir_template[] = "/tmp/octavo-ocf-XXXXXX";
    REQUIRE(mkdtemp(dir_template));
    const std::string dir = dir_template, path = dir + "/x.epub";
    auto w = OcfWriter::create(path, 0);
    REQUIRE(w);
    REQUIRE((*w)->add("mimetype", "application/epub+zip"));
    REQUIRE(rmdir(dir.c_str()) == 0); // the folder disappears before the commit
    auto st = (*w)->commit();
    REQUIRE_FALSE(st);
    CHECK(st.error.code == Errc::archive);
    CHECK(st.error.file == path);
}

TEST_CASE("a book cannot be started in a folder that does not exist", "[ocf]") {
    auto w = OcfWriter::create("/nonexistent-dir/x.epub", 0);
    REQUIRE_FALSE(w);
    CHECK(w.error().code == Errc::io);
    CHECK(w.error().message.find("does not exist") != std::string::npos);
}

TEST_CASE("an in-memory container holds the same bytes as a file", "[ocf]") {
    auto write = [](OcfWriter& w) {
        REQUIRE(w.add("mimetype", "application/epub+zip"));
        REQUIRE(w.add("EPUB/a.txt", std::string(5000, 'y')));
        REQUIRE(w.commit());
    };
    std::string path = temp_path("mem.epub");
    auto f = OcfWriter::create(path, 1558396800);
    REQUIRE(f);
    write(**f);
    CHECK((*f)->take_bytes().empty());
    auto m = OcfWriter::create_in_memory(1558396800);
    REQUIRE(m);
    write(**m);
    std::string bytes = (*m)->take_bytes();
    CHECK(bytes.size() > 100);
    CHECK(bytes == slurp(path));
    std::remove(path.c_str());
}
