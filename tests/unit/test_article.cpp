#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <unistd.h>

#include "book/volume.hpp"
#include "core/text.hpp"
#include "read/article.hpp"

using namespace octavo;

TEST_CASE("front matter uses pandoc's keys", "[article]") {
    Warnings w;
    auto a = read_article("---\n"
                          "title: A title\n"
                          "subtitle: A subtitle\n"
                          "author:\n  - Jane Doe\n  - name: John Roe\n    role: translator\n"
                          "date: 2019-05-21\n"
                          "lang: en-GB\n"
                          "subject: [one, two]\n"
                          "publisher: P\n"
                          "unknown-key: ignored\n"
                          "---\n"
                          "Body text.\n",
                          "a.md", Format::markdown, w);
    REQUIRE(a);
    CHECK(a->meta.title == "A title");
    CHECK(a->meta.subtitle == "A subtitle");
    REQUIRE(a->meta.authors.size() == 2);
    CHECK(a->meta.authors[0].name == "Jane Doe");
    CHECK(a->meta.authors[0].role == "aut");
    CHECK(a->meta.authors[1].role == "trl");
    CHECK(a->meta.date == "2019-05-21");
    CHECK(a->meta.lang == "en-GB");
    CHECK(a->meta.subjects == std::vector<std::string>{"one", "two"});
    CHECK(a->body == "Body text.\n");
    CHECK(a->body_line == 14);
    CHECK(a->meta.origin_of("date", "a.md").line == 8);
}

TEST_CASE("a single author may be a plain string", "[article]") {
    Warnings w;
    auto m = parse_metadata("author: Ali Bakeer\n", "m.yaml", 0, w);
    REQUIRE(m);
    REQUIRE(m->authors.size() == 1);
    CHECK(m->authors[0].name == "Ali Bakeer");
}

TEST_CASE("broken front matter is an error with file, line and column", "[article]") {
    Warnings w;
    auto a = read_article("---\ntitle: x\nauthor: [a, b\n---\nx\n", "b.md", Format::markdown, w);
    REQUIRE_FALSE(a);
    CHECK(a.error().code == Errc::syntax);
    CHECK(a.error().file == "b.md");
    CHECK(a.error().line >= 3);

    auto b = read_article("---\ntitle: x\n", "c.md", Format::markdown, w);
    REQUIRE_FALSE(b);
    CHECK(b.error().message.find("no closing") != std::string::npos);

    auto c = read_article("---\ntitle: {a: 1}\n---\n", "d.md", Format::markdown, w);
    REQUIRE_FALSE(c);
    CHECK(c.error().line == 2);
}

TEST_CASE("the title comes from the first level-1 heading when metadata has none", "[article]") {
    Warnings w;
    auto a = read_article("\n# The *real* title\n\nText.\n", "h.md", Format::markdown, w);
    REQUIRE(a);
    CHECK(a->meta.title == "The real title");
    CHECK(a->body == "\nText.\n");

    auto s = read_article("Setext title\n============\n\nText.\n", "s.md", Format::markdown, w);
    REQUIRE(s);
    CHECK(s->meta.title == "Setext title");

    auto none = read_article("Just text.\n\n## Not a title\n", "n.md", Format::markdown, w);
    REQUIRE(none);
    CHECK(none->meta.title.empty());
    Metadata m = none->meta;
    auto st = finalize_metadata(m, "", w); // no file whose name would do
    REQUIRE_FALSE(st);
    CHECK(st.error.code == Errc::metadata);
}

TEST_CASE("a title of white space is no title, and a heading's references are cleaned",
          "[article]") {
    Warnings w;
    auto a = read_article("---\ntitle: \"\\u00A0\"\n---\n\n# The &#x1;real title\n\nText.\n",
                          "b.md", Format::markdown, w);
    REQUIRE(a);
    CHECK(a->meta.title == "The real title");
    REQUIRE(w.size() == 1);
    CHECK(w[0].line == 5);
    CHECK(w[0].message == "removed a character that XML does not allow");
    auto blank = read_article("# &nbsp;\xE3\x80\x80\n\nText.\n", "n.md", Format::markdown, w);
    REQUIRE(blank);
    Metadata m = blank->meta;
    auto st = finalize_metadata(m, "", w); // no file to name it
    REQUIRE_FALSE(st);
    CHECK(st.error.message.rfind("no title", 0) == 0);
    Metadata named = blank->meta;
    REQUIRE(finalize_metadata(named, "notes/2018-10-17-rendering_process.md", w));
    CHECK(named.title == "Rendering process");
    Metadata dotted = blank->meta;
    REQUIRE(finalize_metadata(dotted, "release-1.0.md", w));
    CHECK(dotted.title == "Release 1.0"); // only the last extension goes
    CHECK(std::any_of(w.begin(), w.end(), [](const Warning& x) {
        return x.message.find("no title given; 'Rendering process', from the file's name") == 0;
    }));
    auto text = read_article("\xC2\xA0\n\nThe title\n\nText.\n", "t.txt", Format::text, w);
    REQUIRE(text);
    CHECK(text->meta.title == "The title");
    CHECK(text->body == "Text.\n");
}

TEST_CASE("plain text: the first paragraph is the title", "[article]") {
    Warnings w;
    auto a = read_article("A plain\ntitle\n\nFirst paragraph\nsecond line.\n\nNext.\n", "t.txt",
                          Format::text, w);
    REQUIRE(a);
    CHECK(a->meta.title == "A plain title");
    CHECK(a->body == "First paragraph\nsecond line.\n\nNext.\n");
}

TEST_CASE("metadata checks: language, date, file-as", "[article]") {
    Warnings w;
    Metadata m;
    m.title = "T";
    m.authors.push_back({"Ali Bakeer", "aut", ""});
    REQUIRE(finalize_metadata(m, "x", w));
    CHECK(m.lang == "en");
    CHECK(m.authors[0].file_as == "Bakeer, Ali");
    REQUIRE(w.size() == 1); // "assuming en"

    Metadata bad = m;
    bad.lang = "en_GB"; // a locale's spelling: written en-GB
    REQUIRE(finalize_metadata(bad, "x", w));
    CHECK(bad.lang == "en-GB");
    bad = m;
    bad.date = "yesterday";
    CHECK_FALSE(finalize_metadata(bad, "x", w));
    bad.date = "0000-01-01";
    auto st = finalize_metadata(bad, "x", w);
    REQUIRE_FALSE(st);
    CHECK(st.error.message == "'0000-01-01': there is no year 0000 (years run from 0001)");
    Metadata us = m;
    us.date = "May 21, 2019"; // as pandoc reads it
    REQUIRE(finalize_metadata(us, "x", w));
    CHECK(us.date == "2019-05-21");
}

TEST_CASE("blank metadata set by a program is no metadata, as in front matter", "[article]") {
    Warnings w;
    Metadata m;
    m.title = "  A \t title ";
    m.authors = {{" ", "aut", ""}, {"\x01", "aut", ""}, {" Ali  Bakeer ", "aut", ""}};
    m.subjects = {"\t", " Iran "};
    m.publisher = "\x02 ";
    REQUIRE(finalize_metadata(m, "x", w));
    CHECK(m.title == "A title");
    REQUIRE(m.authors.size() == 1); // never an empty dc:creator
    CHECK(m.authors[0].name == "Ali Bakeer");
    CHECK(m.authors[0].file_as == "Bakeer, Ali");
    CHECK(m.subjects == std::vector<std::string>{"Iran"});
    CHECK(m.publisher.empty());

    for (const char* blank : {"   ", "\x01", "\t\x02\n"}) {
        Metadata b;
        b.title = blank; // never an empty dc:title
        auto st = finalize_metadata(b, "-", w);
        REQUIRE_FALSE(st);
        CHECK(st.error.message.find("no title") == 0);
    }
}

namespace {
std::string write_temp(const std::string& name, const std::string& data) {
    std::string path =
        std::string(P_tmpdir) + "/octavo-test-" + std::to_string(getpid()) + "-" + name;
    std::ofstream(path, std::ios::binary) << data;
    return path;
}
} // namespace

TEST_CASE("UTF-16 and UTF-32 are refused by every reader, saying what they are", "[article]") {
    const std::string le("\xFF\xFEt\0i\0t\0l\0e\0:\0 \0T\0\n\0", 20);
    const std::string nobom = le.substr(2);
    Warnings w;
    auto a = read_article(nobom, "a.md", Format::markdown, w);
    REQUIRE_FALSE(a);
    CHECK(a.error().describe() == "a.md: is UTF-16 (little-endian, no byte order mark); convert it "
                                  "to UTF-8: iconv -f UTF-16LE -t UTF-8 a.md > a.utf8.md");
    CHECK(w.empty()); // not one warning per line for the NULs
    for (Encoding enc : {Encoding::utf8, Encoding::latin1}) {
        std::string path = write_temp("wide.txt", le);
        auto article = read_article_file(path, w, enc);
        REQUIRE_FALSE(article);
        CHECK(article.error().code == Errc::encoding);
        CHECK(article.error().message.rfind("is UTF-16 (little-endian); convert it to UTF-8: "
                                            "iconv -f UTF-16 -t UTF-8 ",
                                            0) == 0);
        std::remove(path.c_str());
        path = write_temp("wide.yaml", le);
        auto meta = read_metadata_file(path, w, enc);
        REQUIRE_FALSE(meta);
        CHECK(meta.error().message.rfind("is UTF-16 (little-endian); ", 0) == 0);
        auto volume = read_volume_file(path, w, enc);
        REQUIRE_FALSE(volume);
        CHECK(volume.error().file == path);
        CHECK(volume.error().message.rfind("is UTF-16 (little-endian); ", 0) == 0);
        std::remove(path.c_str());
    }
    CHECK(w.empty());
}

TEST_CASE("a metadata file must be UTF-8, like front matter, or is read as Latin-1", "[article]") {
    Warnings w;
    std::string path = write_temp("meta.yaml", "lang: fr\ntitle: Caf\xe9\n");
    auto bad = read_metadata_file(path, w);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == Errc::encoding);
    CHECK(bad.error().file == path);
    CHECK(bad.error().line == 2);
    CHECK(bad.error().message.rfind("not valid UTF-8 (byte offset 19)", 0) == 0);
    auto latin1 = read_metadata_file(path, w, Encoding::latin1);
    REQUIRE(latin1);
    CHECK(latin1->title == "Caf\xC3\xA9");
    CHECK(latin1->origin_of("title", "").line == 2);
    CHECK(w.empty());
    std::remove(path.c_str());
    // A byte Windows-1252 has no character for: U+FFFD, with a warning naming the line.
    path = write_temp("undefined.yaml", "lang: fr\ntitle: A\x81\n");
    auto undefined = read_metadata_file(path, w, Encoding::latin1);
    REQUIRE(undefined);
    CHECK(undefined->title == "A\xEF\xBF\xBD");
    REQUIRE(w.size() == 1);
    CHECK(w[0].describe() ==
          path + ":2: byte 0x81 has no character in Windows-1252; replaced by U+FFFD");
    w.clear();
    std::remove(path.c_str());

    // A BOM, CRLF line ends and a control character, as in an article.
    path = write_temp("bom.yaml", "\xEF\xBB\xBFtitle: A\x07"
                                  "B\r\nlang: en\r\n");
    auto bom = read_metadata_file(path, w);
    REQUIRE(bom);
    CHECK(bom->title == "AB");
    CHECK(bom->lang == "en");
    std::remove(path.c_str());
    auto missing = read_metadata_file("/nonexistent/m.yaml", w);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == Errc::io);
}

TEST_CASE("the command line wins over the file", "[article]") {
    Metadata file, cli;
    file.title = "From file";
    file.lang = "fr";
    cli.title = "From CLI";
    file.merge(cli);
    CHECK(file.title == "From CLI");
    CHECK(file.lang == "fr");
}

TEST_CASE("reading a missing file names it", "[article]") {
    Warnings w;
    auto a = read_article_file("/nonexistent/x.md", w);
    REQUIRE_FALSE(a);
    CHECK(a.error().file == "/nonexistent/x.md");
    CHECK(a.error().code == Errc::io);
    // The errno is kept, and said once, by describe().
    CHECK(a.error().message == "cannot read");
    CHECK(a.error().sys_errno == ENOENT);
    CHECK(a.error().describe() == "/nonexistent/x.md: cannot read: No such file or directory");
}

TEST_CASE("a file that cannot be read says why", "[article]") {
    // /proc/self/mem is a regular file of size 0 whose first page cannot be read: EIO. An
    // ifstream gave "read error" and no reason.
    auto data = load_file("/proc/self/mem");
    REQUIRE_FALSE(data);
    CHECK(data.error().file == "/proc/self/mem");
    CHECK(data.error().code == Errc::io);
    CHECK(data.error().message == "cannot read");
    CHECK(data.error().sys_errno == EIO);
    CHECK(data.error().describe() == "/proc/self/mem: cannot read: Input/output error");
    Warnings w;
    auto meta = read_metadata_file("/proc/self/mem", w);
    REQUIRE_FALSE(meta);
    CHECK(meta.error().sys_errno == EIO);
    // read_file, whose message goes inside another (an image's), says the reason in it.
    auto folded = read_file("/proc/self/mem");
    REQUIRE_FALSE(folded);
    CHECK(folded.error().message == "cannot read: Input/output error");
    CHECK(folded.error().sys_errno == 0);
    CHECK(folded.error().describe() == data.error().describe());
}

TEST_CASE("the file type is told by extension in any case, as pandoc does", "[article]") {
    Warnings w;
    for (const char* name : {"notes.txt", "NOTES.TXT", "Notes.Text", "notes.md", "NOTES.MD"}) {
        std::string path = write_temp(name, "A title\n\nSome *text*.\n");
        auto a = read_article_file(path, w);
        std::remove(path.c_str());
        REQUIRE(a);
        std::string_view n(name);
        bool text = n.find(".t") != n.npos || n.find(".T") != n.npos;
        CHECK((a->format == Format::text) == text);
    }
    CHECK(ends_with_ignoring_case("a.YAML", ".yaml"));
    CHECK(ends_with_ignoring_case(".txt", ".TXT"));
    CHECK_FALSE(ends_with_ignoring_case("txt", ".txt"));
    CHECK_FALSE(ends_with_ignoring_case("a.txu", ".txt"));
    CHECK(w.empty());
}

TEST_CASE("metadata from KEY=VALUE pairs, as pandoc's -M", "[article]") {
    Warnings w;
    auto m = metadata_from_pairs({{"title", "Iran: a war? \"No\""},
                                  {"author", "A. Writer"},
                                  {"subject", "~"},
                                  {"author", "B. Writer"},
                                  {"language", "ar"},
                                  {"titel", "typo"}},
                                 w);
    REQUIRE(m);
    CHECK(m->title == "Iran: a war? \"No\""); // YAML's own characters stay text
    REQUIRE(m->authors.size() == 2);          // a key given again makes a list
    CHECK(m->authors[1].name == "B. Writer");
    CHECK(m->subjects == std::vector<std::string>{"~"}); // not YAML's null
    CHECK(m->lang == "ar");
    for (const auto& o : m->origins)
        CHECK((o.file == "command line" && o.line == 0));
    REQUIRE(w.size() == 1);
    CHECK(w[0].message.rfind("-M titel: not a key octavo uses", 0) == 0);
}
