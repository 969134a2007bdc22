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
         {"en",         "en-GB",      "en-GB",     "ar",        "he",  "no",  "sh",  "tlh",
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

    // A language no reading system knows is a warning naming its line, never a refusal: the
    // language the text reads as stands in for it, else English.
    w.clear();
    a = read_article("---\ntitle: T\nlang: zz\n---\n\nText.\n", "a.md", Format::markdown, w);
    REQUIRE(a);
    REQUIRE(finalize_metadata(a->meta, "a.md", w));
    CHECK(a->meta.lang == "en");
    REQUIRE(w.size() == 1);
    CHECK(w[0].describe().rfind("a.md:3: 'zz' is not a registered language", 0) == 0);
    CHECK(w[0].message.find("assuming 'en'") != std::string::npos);

    w.clear();
    Metadata cli;
    cli.title = "T";
    cli.lang = "x-klingon";
    cli.detected_lang = "fr";
    cli.origins.push_back({"lang", "command line", 0});
    REQUIRE(finalize_metadata(cli, "a.md", w));
    CHECK(cli.lang == "fr");
    REQUIRE(w.size() == 1);
    CHECK(w[0].describe().rfind("command line: 'x-klingon' is a private-use tag", 0) == 0);
    CHECK(w[0].message.find("the text reads as 'fr'") != std::string::npos);
}

TEST_CASE("locale spellings are written as BCP 47 spells them, without a word", "[language]") {
    for (auto [given, spelt] : {std::pair<const char*, const char*>{"zh_cn", "zh-CN"},
                                {"en_US", "en-US"},
                                {"pt-br", "pt-BR"},
                                {"EN", "en"},
                                {"en_US.UTF-8", "en-US"},
                                {"de_DE@euro", "de-DE"},
                                {"sr_latn_rs", "sr-Latn-RS"},
                                {"ZH-HANT-TW", "zh-Hant-TW"},
                                {"es-419", "es-419"},
                                {"en-ca-x-CA", "en-CA-x-ca"},
                                {"sgn-be-fr", "sgn-BE-FR"}}) {
        INFO(given);
        CHECK(bcp47_spelling(given) == spelt);
    }
    for (const char* given : {"zh_cn", "en_US", "pt-br", "EN"}) {
        Warnings w;
        Metadata m;
        m.title = "T";
        m.lang = given;
        REQUIRE(finalize_metadata(m, "a.md", w));
        CHECK(m.lang == bcp47_spelling(given));
        CHECK(w.empty());
    }
}

TEST_CASE("the language of an article that gives none is told from its text", "[language]") {
    CHECK(detect_language("Ceci est un article écrit en français, assez long pour que la langue "
                          "soit reconnue sans hésitation par le détecteur.") == "fr");
    CHECK(detect_language("Dies ist ein Artikel, der auf Deutsch geschrieben wurde, und er ist "
                          "lang genug, um erkannt zu werden.") == "de");
    CHECK(detect_language("ok") == "");
    Warnings w;
    auto a = read_article("---\ntitle: Un titre\n---\n\nCeci est un article écrit en français, "
                          "assez long pour que la langue soit reconnue sans hésitation.\n",
                          "a.md", Format::markdown, w);
    REQUIRE(a);
    CHECK(a->meta.detected_lang == "fr");
    REQUIRE(finalize_metadata(a->meta, "a.md", w));
    CHECK(a->meta.lang == "fr");
    REQUIRE(w.size() == 1);
    CHECK(w[0].describe() == "a.md: no language given; the text reads as 'fr'");
}
