#include <catch2/catch.hpp>

#include "core/language.hpp"
#include "core/text.hpp"
#include "read/article.hpp"

using namespace octavo;

TEST_CASE("ISO 639-2 and 639-3 codes with a two-letter code are written with it", "[language]") {
    for (auto [given, registered] : {std::pair<const char*, const char*>{"eng", "en"},
                                     {"ara", "ar"},
                                     {"fre", "fr"}, // ISO 639-2/B
                                     {"fra", "fr"}, // ISO 639-2/T and 639-3
                                     {"ger", "de"},
                                     {"deu", "de"},
                                     {"chi", "zh"},
                                     {"ENG", "en"},
                                     {"eng-GB", "en-GB"},
                                     {"ara-EG", "ar-EG"},
                                     {"fre-CA-x-quebec", "fr-CA-x-quebec"}}) {
        auto c = check_language(given);
        CHECK(c.problem.empty());
        CHECK(c.tag == registered);
    }
}

TEST_CASE("registered languages are kept as they are", "[language]") {
    for (const char* tag :
         {"en",         "en-GB",      "EN-gb",     "ar",        "he",  "no",  "sh",  "tlh",
          "cmn",        "yue-HK",     "und",       "mul",       "zxx", "mis", "qaa", "qtz-x-mine",
          "art-lojban", "zh-min-nan", "sgn-BE-FR", "en-GB-oed", "yes", "sgn", "aav"}) {
        auto c = check_language(tag);
        CHECK(c.problem.empty());
        CHECK(c.tag == tag);
    }
}

TEST_CASE("deprecated two-letter codes are written as IANA prefers", "[language]") {
    CHECK(check_language("iw").tag == "he");
    CHECK(check_language("iw-IL").tag == "he-IL");
    CHECK(check_language("IN").tag == "id");
    CHECK(check_language("ji").tag == "yi");
    CHECK(check_language("jw").tag == "jv");
    CHECK(check_language("mo").tag == "ro");
    CHECK(check_language("iw").problem.empty());
}

TEST_CASE("unregistered, private-use and irregular grandfathered tags are refused", "[language]") {
    for (const char* tag : {"zz", "xxx", "on", "aaaaa", "zz-GB", "x-klingon", "X-private",
                            "i-klingon", "i-default"}) {
        INFO(tag);
        REQUIRE(is_valid_language_tag(tag)); // well-formed: only the registry refuses them
        CHECK_FALSE(check_language(tag).problem.empty());
    }
    CHECK(check_language("zz").problem ==
          "'zz' is not a registered language: it is no ISO 639 language code (e.g. en, en-GB, ar; "
          "und when the language is not known)");
    CHECK(check_language("zz-GB").problem.find("'zz' is no ISO 639") != std::string::npos);
    CHECK(check_language("x-klingon").problem.find("mis-x-klingon") != std::string::npos);
    CHECK(check_language("i-klingon").problem.find("tlh") != std::string::npos);
}

TEST_CASE("finalize_metadata writes a language in its registered form, with a warning",
          "[language]") {
    Warnings w;
    auto a = read_article("---\ntitle: T\nlang: ara\n---\n\nText.\n", "a.md", Format::markdown, w);
    REQUIRE(a);
    REQUIRE(finalize_metadata(a->meta, "a.md", w));
    CHECK(a->meta.lang == "ar");
    CHECK(is_rtl_language(a->meta.lang));
    REQUIRE(w.size() == 1);
    CHECK(w[0].describe() == "a.md:3: language 'ara' written as 'ar', its registered form");

    a = read_article("---\ntitle: T\nlang: zz\n---\n\nText.\n", "a.md", Format::markdown, w);
    REQUIRE(a);
    auto st = finalize_metadata(a->meta, "a.md", w);
    REQUIRE_FALSE(st);
    CHECK(st.error.describe().rfind("a.md:3: 'zz' is not a registered language", 0) == 0);

    Metadata cli;
    cli.title = "T";
    cli.lang = "x-klingon";
    cli.origins.push_back({"lang", "command line", 0});
    st = finalize_metadata(cli, "a.md", w);
    REQUIRE_FALSE(st);
    CHECK(st.error.describe().rfind("command line: 'x-klingon' is a private-use tag", 0) == 0);
}
