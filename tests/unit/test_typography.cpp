#include <catch2/catch.hpp>

#include "render/typography.hpp"
#include "render/xhtml.hpp"

using namespace octavo;

namespace {
std::string fr(std::string_view s) {
    QuoteState st;
    return localize_quotes(s, QuoteStyle::french, st);
}
std::string de(std::string_view s) {
    QuoteState st;
    return localize_quotes(s, QuoteStyle::german, st);
}
} // namespace

TEST_CASE("languages map to their quote styles", "[typography]") {
    CHECK(quote_style("fr") == QuoteStyle::french);
    CHECK(quote_style("fr-CA") == QuoteStyle::french);
    CHECK(quote_style("FR") == QuoteStyle::french);
    CHECK(quote_style("de-AT") == QuoteStyle::german);
    CHECK(quote_style("en") == QuoteStyle::english);
    CHECK(quote_style("fry") == QuoteStyle::english);
    CHECK(quote_style("ar") == QuoteStyle::english);
}

TEST_CASE("French quotes are guillemets with no-break spaces", "[typography]") {
    CHECK(fr("“oui”") == "«\u00A0oui\u00A0»");
    CHECK(fr("« oui »") == "«\u00A0oui\u00A0»");
    CHECK(fr("Quoi ? Non ! Ah ; bon : oui") == "Quoi\u202F? Non\u202F! Ah\u202F; bon\u00A0: oui");
    // Only a space the writer typed becomes a no-break space: times and URLs are left alone.
    CHECK(fr("à 12:30, voir http://x.org?a=1") == "à 12:30, voir http://x.org?a=1");
    CHECK(fr("C’est l’été") == "C’est l’été");
}

TEST_CASE("German quotes are low-high, apostrophes stay", "[typography]") {
    CHECK(de("“Ja”, sagte er.") == "„Ja“, sagte er.");
    CHECK(de("“Er sagt ‘geht’s’ und ‘nein’.”") == "„Er sagt ‚geht’s‘ und ‚nein‘.“");
    CHECK(de("Wie geht’s?") == "Wie geht’s?");
    QuoteState st; // a quote opened in one text run closes in the next
    CHECK(localize_quotes("‘ab ", QuoteStyle::german, st) == "‚ab ");
    CHECK(localize_quotes("cd’ ef", QuoteStyle::german, st) == "cd‘ ef");
}

TEST_CASE("English text is left as cmark's smart punctuation writes it", "[typography]") {
    QuoteState st;
    CHECK(localize_quotes("“It’s” – ‘so’…", QuoteStyle::english, st) == "“It’s” – ‘so’…");
}

TEST_CASE("articles get their language's quotes, code keeps straight ones", "[typography]") {
    Article a;
    a.meta.title = "T";
    a.meta.lang = "fr";
    a.source = "t.md";
    a.base_dir = ".";
    a.body = "Il dit \"oui\" ! `\"code\"`\n";
    Warnings w;
    auto r = render_article(a, {}, w);
    REQUIRE(r);
    const std::string& x = r->docs[0].data;
    CHECK(x.find("Il dit «\u00A0oui\u00A0»\u202F! <code>\"code\"</code>") != std::string::npos);
    a.meta.lang = "de";
    r = render_article(a, {}, w);
    REQUIRE(r);
    CHECK(r->docs[0].data.find("Il dit „oui“ !") != std::string::npos);
}
