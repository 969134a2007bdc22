#include <catch2/catch.hpp>

#include "octavo/article.hpp"

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
    auto st = finalize_metadata(m, "n.md", w);
    REQUIRE_FALSE(st);
    CHECK(st.error.code == Errc::metadata);
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
    bad.lang = "en_GB";
    CHECK_FALSE(finalize_metadata(bad, "x", w));
    bad = m;
    bad.date = "yesterday";
    CHECK_FALSE(finalize_metadata(bad, "x", w));
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
}
