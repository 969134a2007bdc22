#include <catch2/catch.hpp>

#include "core/text.hpp"
#include "read/article.hpp"
#include "read/front_matter.hpp"

using namespace octavo;

namespace {
Result<Article> read(const std::string& text, Warnings& w) {
    return read_article(text, "a.md", Format::markdown, w);
}
} // namespace

TEST_CASE("Hugo's TOML front matter means what YAML's does", "[front matter]") {
    Warnings w;
    auto a = read("+++\ntitle = \"A post\"\ndate = 2019-05-21T10:00:00+02:00\n"
                  "tags = [\"rust\", \"release\"]\ncategories = [\"news\"]\n"
                  "summary = \"Short.\"\ndraft = false\nweight = 3\nslug = \"a-post\"\n"
                  "aliases = [\"/old/\"]\n[params]\nx = 1\n+++\n\nBody.\n",
                  w);
    REQUIRE(a);
    CHECK(a->meta.title == "A post");
    CHECK(a->meta.date == "2019-05-21T10:00:00+02:00");
    CHECK(a->meta.subjects == std::vector<std::string>{"rust", "release", "news"});
    CHECK(a->meta.description == "Short.");
    CHECK(a->meta.site.slug == "a-post");
    CHECK(a->meta.site.aliases == std::vector<std::string>{"/old/"});
    CHECK(a->body == "\nBody.\n");
    CHECK(a->body_line == 14);
    CHECK(a->meta.origin_of("date", "a.md").line == 3);
    CHECK(w.empty());

    auto bad = read("+++\ntitle = \"A\"\ndate = = 3\n+++\n\nBody.\n", w);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().describe().rfind("a.md:3:", 0) == 0);
    CHECK(bad.error().message.rfind("invalid TOML: ", 0) == 0);
    CHECK_FALSE(read("+++\ntitle = \"A\"\n\nBody.\n", w));
}

TEST_CASE("Hugo's JSON front matter means what YAML's does", "[front matter]") {
    Warnings w;
    auto a = read("{\n  \"title\": \"A post\",\n  \"date\": \"2019-05-21\",\n"
                  "  \"keywords\": [\"a\", \"b\"],\n  \"author\": {\"name\": \"Ana Ortega\"},\n"
                  "  \"deep\": [[[[[[[[[[[[1]]]]]]]]]]]],\n  \"url\": \"/a/\"\n}\n\nBody.\n",
                  w);
    REQUIRE(a);
    CHECK(a->meta.title == "A post");
    CHECK(a->meta.date == "2019-05-21");
    CHECK(a->meta.origin_of("date", "a.md").line == 3);
    CHECK(a->meta.subjects == std::vector<std::string>{"a", "b"});
    REQUIRE(a->meta.authors.size() == 1);
    CHECK(a->meta.authors[0].name == "Ana Ortega");
    CHECK(a->meta.site.url == "/a/");
    CHECK(a->body == "\nBody.\n");
    CHECK(a->body_line == 9);

    auto bad = read("{\n  \"title\": \"A\",\n  \"date\": 2019-05-21\n}\n\nBody.\n", w);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().describe().rfind("a.md:3:", 0) == 0);
    CHECK(bad.error().message.rfind("invalid JSON front matter: ", 0) == 0);
    // Liquid and Hugo's templates start with "{" too: they are the body.
    auto liquid = read("---\ntitle: T\n---\n", w);
    for (const char* body :
         {"{% include x.html %}\n", "{{< figure src=\"x.png\" >}}\n", "{#id}\n"}) {
        INFO(body);
        liquid = read(body, w);
        REQUIRE(liquid);
        CHECK(liquid->body == body);
    }
}

TEST_CASE("front matter that is not valid YAML is refused with its line", "[front matter]") {
    Warnings w;
    for (const char* text : {"---\ntitle: \"unclosed\nlang: fr\n---\n\nBody.\n",
                             "---\ntitle: 'unclosed\nlang: fr\n---\n\nBody.\n",
                             "---\ntitle: A\ntags: [a, b\nlang: fr\n---\n\nBody.\n",
                             "---\ntitle: A\nauthor: {name: B\n---\n\nBody.\n"}) {
        INFO(text);
        auto a = read(text, w);
        REQUIRE_FALSE(a);
        CHECK(a.error().line >= 2);
        CHECK(a.error().message.rfind("invalid YAML", 0) == 0);
    }
    auto ok = read("---\ntitle: \"a \\\" quote\"\nsubtitle: 'it''s'\n---\n\nBody.\n", w);
    REQUIRE(ok);
    CHECK(ok->meta.title == "a \" quote");
    CHECK(ok->meta.subtitle == "it's");
}

TEST_CASE("Jekyll's and Hugo's keys", "[front matter]") {
    Warnings w;
    auto a = read("---\ntitle: T\nexcerpt: An excerpt.\ndescription: The description.\n"
                  "category: release\ntags: one two\nkeywords: a, b\ntranslator: Ana Ortega\n"
                  "layout: post\npermalink: /x/\ndraft: true\n---\n\nBody.\n",
                  w);
    REQUIRE(a);
    CHECK(a->meta.description == "The description.");
    CHECK(a->meta.subjects == std::vector<std::string>{"release", "one", "two", "a, b"});
    REQUIRE(a->meta.authors.size() == 1);
    CHECK(a->meta.authors[0].role == "trl");
    CHECK(a->meta.site.permalink == "/x/");
    CHECK(w.empty());
}

TEST_CASE("dates in every form front matter gives", "[front matter]") {
    Warnings w;
    for (auto [given, date] :
         {std::pair<const char*, const char*>{"2018-10-17 17:00:00 +0000", "2018-10-17T17:00:00Z"},
          {"2025-01-29 18:15:32 +0530", "2025-01-29T18:15:32+05:30"},
          {"2019-05-21T10:00:00Z", "2019-05-21T10:00:00Z"},
          {"2019-05-21 10:00", "2019-05-21"}}) {
        std::string text =
            std::string("---\ntitle: T\nlang: en\ndate: ") + given + "\n---\n\nBody.\n";
        auto a = read(text, w);
        REQUIRE(a);
        REQUIRE(finalize_metadata(a->meta, "a.md", w));
        CHECK(a->meta.date == date);
    }
    CHECK(w.empty());
    auto a = read("---\ntitle: T\nlang: en\ndate: 2023-01-29 18:30:22 2023 -0800\n---\n\nB.\n", w);
    REQUIRE(a);
    REQUIRE(finalize_metadata(a->meta, "a.md", w));
    CHECK(a->meta.date == "2023-01-29");
    REQUIRE(w.size() == 1);
    CHECK(w[0].describe().rfind("a.md:4: '2023-01-29 18:30:22 2023 -0800': only its day", 0) == 0);
}

TEST_CASE("organisations are not inverted, and a field may list people", "[front matter]") {
    CHECK(file_as_of("The Rust Release Team") == "The Rust Release Team");
    CHECK(file_as_of("Mozilla Foundation") == "Mozilla Foundation");
    CHECK(file_as_of("Smith, John") == "Smith, John");
    CHECK(file_as_of("Ali Bakeer") == "Bakeer, Ali");
    CHECK(file_as_of("Martin Luther King Jr.") == "King, Martin Luther, Jr.");
    using V = std::vector<std::string>;
    CHECK(split_names("Felix Klock, Mark Rousskov") == V{"Felix Klock", "Mark Rousskov"});
    CHECK(split_names("Jane Doe and John Smith") == V{"Jane Doe", "John Smith"});
    CHECK(split_names("Jane Doe & John Smith") == V{"Jane Doe", "John Smith"});
    CHECK(split_names("Ann Lee, Bo Chen, and Cy Twombly") == V{"Ann Lee", "Bo Chen", "Cy Twombly"});
    CHECK(split_names("parkr; oe") == V{"parkr", "oe"});
    CHECK(split_names("Smith, John") == V{"Smith, John"});
    CHECK(split_names("John Smith, Jr.") == V{"John Smith, Jr."});
    CHECK(split_names("Simon & Schuster") == V{"Simon & Schuster"});
    CHECK(split_names("Research and Development Team") == V{"Research and Development Team"});
    CHECK(split_names("Society for Science and the Public") ==
          V{"Society for Science and the Public"});
}
