#include <catch2/catch.hpp>

#include "core/text.hpp"

using namespace octavo;

TEST_CASE("invalid UTF-8 is located by line and byte offset", "[text]") {
    CHECK_FALSE(find_invalid_utf8("plain ascii\nand ünïcödé"));
    auto bad = find_invalid_utf8("one\ntwo\nthr\xff"
                                 "ee");
    REQUIRE(bad);
    CHECK(bad->line == 3);
    CHECK(bad->offset == 11);
    CHECK(find_invalid_utf8("\xed\xa0\x80")); // a UTF-16 surrogate encoded in UTF-8
    CHECK(find_invalid_utf8("\xc0\xaf"));     // overlong
}

TEST_CASE("normalize_text drops the BOM, unifies line ends and removes XML-illegal characters",
          "[text]") {
    Warnings w;
    CHECK(normalize_text("\xEF\xBB\xBF"
                         "a\r\nb\rc",
                         "f", w) == "a\nb\nc");
    CHECK(w.empty());
    CHECK(normalize_text("x\x01y\nok\nz\x0B", "f", w) == "xy\nok\nz");
    REQUIRE(w.size() == 2);
    CHECK(w[0].line == 1);
    CHECK(w[1].line == 3);
}

namespace {
// text in UTF-16 or UTF-32 (ASCII only), with a BOM or not
std::string wide(std::string_view text, int bits, bool little, bool bom) {
    std::string out;
    auto unit = [&](char32_t c) {
        for (int k = 0; k < bits / 8; ++k) {
            int shift = little ? 8 * k : bits - 8 - 8 * k;
            out += static_cast<char>((c >> shift) & 0xFF);
        }
    };
    if (bom) unit(0xFEFF);
    for (char c : text)
        unit(static_cast<unsigned char>(c));
    return out;
}
} // namespace

TEST_CASE("UTF-16 and UTF-32 are recognised by their BOM or their NULs", "[text]") {
    for (int bits : {16, 32})
        for (bool little : {true, false})
            for (bool bom : {true, false}) {
                auto found =
                    find_wide_unicode(wide("---\ntitle: T\n---\n\nHello.\n", bits, little, bom));
                INFO(bits << (little ? " LE" : " BE") << (bom ? " with a BOM" : ""));
                REQUIRE(found);
                CHECK(found->bits == bits);
                CHECK(found->little_endian == little);
                CHECK(found->bom == bom);
            }
    // Beyond the first 512 bytes, and text with NUL bytes here and there, is not looked at: UTF-8
    // with control characters is cleaned with a warning, as before.
    CHECK_FALSE(find_wide_unicode(std::string(600, 'a') + wide("abc", 16, true, false)));
    CHECK_FALSE(find_wide_unicode(std::string("# Con\0trol\n\nA NUL\0 here.\n", 24)));
    CHECK_FALSE(find_wide_unicode(std::string(10, '\0')));
    CHECK_FALSE(find_wide_unicode(std::string("A\0", 2))); // one unit says nothing
    CHECK_FALSE(find_wide_unicode("plain ascii\nand \xC3\xBCn\xC3\xAF"));
    CHECK_FALSE(find_wide_unicode(""));
    // Half the units are enough: UTF-16 text with characters beyond Latin-1.
    CHECK(find_wide_unicode(std::string("\x3B\x04\x3E\x04 \0a\0\n\0", 10)));

    Error e = not_utf8("le.md", WideUnicode{16, true, true});
    CHECK(e.code == Errc::encoding);
    CHECK(e.describe() == "le.md: is UTF-16 (little-endian); convert it to UTF-8: iconv -f "
                          "UTF-16 -t UTF-8 le.md > le.utf8.md");
    CHECK(not_utf8("dir.v1/notes", WideUnicode{32, false, false}).message ==
          "is UTF-32 (big-endian, no byte order mark); convert it to UTF-8: iconv -f UTF-32BE -t "
          "UTF-8 dir.v1/notes > dir.v1/notes.utf8");
    CHECK(not_utf8("my 'week'.yaml", WideUnicode{16, true, false}).message ==
          "is UTF-16 (little-endian, no byte order mark); convert it to UTF-8: iconv -f UTF-16LE "
          "-t UTF-8 'my '\\''week'\\''.yaml' > 'my '\\''week'\\''.utf8.yaml'");
}

TEST_CASE("Latin-1 is read as Windows-1252, undefined bytes warned about once per line", "[text]") {
    Warnings w;
    CHECK(latin1_to_utf8("Caf\xe9 \x93x\x94 \x80 \x9f", "f", w) ==
          "Caf\xC3\xA9 \xE2\x80\x9Cx\xE2\x80\x9D \xE2\x82\xAC \xC5\xB8");
    CHECK(w.empty());
    // Lines end with LF, CRLF or CR, as normalize_text counts them.
    std::string out = latin1_to_utf8("a\x81\x81 b\n"
                                     "ok\r\n"
                                     "\x8d\x8f\x90\x81\r"
                                     "\x9d",
                                     "l.md", w);
    CHECK(out == "a\xEF\xBF\xBD\xEF\xBF\xBD b\nok\r\n"
                 "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\r\xEF\xBF\xBD");
    REQUIRE(w.size() == 3);
    CHECK(w[0].describe() ==
          "l.md:1: byte 0x81 has no character in Windows-1252; replaced by U+FFFD");
    CHECK(w[1].describe() == "l.md:3: bytes 0x8D, 0x8F, 0x90 and 0x81 have no character in "
                             "Windows-1252; replaced by U+FFFD");
    CHECK(w[2].describe() ==
          "l.md:4: byte 0x9D has no character in Windows-1252; replaced by U+FFFD");
    CHECK(w[2].code == Errc::encoding);
    CHECK(latin1_to_utf8("\x81") == "\xEF\xBF\xBD"); // without a file, no warning
}

TEST_CASE("BCP 47 language tags", "[text]") {
    for (const char* good :
         {"en", "en-GB", "ar", "zh-Hant-TW", "sr-Latn", "de-CH-1996", "x-private", "en-US-x-twain",
          "i-klingon", "es-419", "zh-yue-HK", "zh-min-nan", "en-GB-oed", "sgn-BE-FR",
          "de-DE-u-co-phonebk", "en-a-bbb-x-a-ccc", "EN-gb", "sl-rozaj-biske-1994"})
        CHECK(is_valid_language_tag(good));
    for (const char* bad : {"", "english!", "en_GB", "not a tag", "e", "en--GB", "toolongtagx",
                            "en-", "-en", "x", "en-x", "en-a", "de-419-DE", "en-a-x-b",
                            "zh-aaa-bbb-ccc-ddd", "en-GB-oed-x", "\xC3\xA9n"})
        CHECK_FALSE(is_valid_language_tag(bad));
}

TEST_CASE("right-to-left languages", "[text]") {
    CHECK(is_rtl_language("ar"));
    CHECK(is_rtl_language("he-IL"));
    CHECK(is_rtl_language("fa"));
    CHECK(is_rtl_language("ur"));
    CHECK(is_rtl_language("az-Arab"));
    CHECK_FALSE(is_rtl_language("en"));
    CHECK_FALSE(is_rtl_language("arn")); // Mapudungun, written left to right
}

TEST_CASE("W3CDTF dates", "[text]") {
    for (const char* good : {"2019", "2019-05", "2019-05-21", "2020-02-29", "2019-05-21T10:00Z",
                             "2019-05-21T10:00:05+03:00", "2019-05-21T23:59:59.5Z", "2000-02-29",
                             "2019-05-21T10:00-01:30"})
        CHECK(is_valid_w3cdtf(good));
    for (const char* early : {"0001", "0001-01-01", "0999-12-31"}) // both epubchecks accept them
        CHECK(is_valid_w3cdtf(early));
    for (const char* bad :
         {"21/05/2019", "2019-13-01", "2019-02-29", "2019-5-21", "May 21, 2019", "", "1900-02-29",
          "2019-00", "2019-05-00", "2019-05-21T10:00", "2019-05-21T24:00Z", "2019-05-21T10:60Z",
          "2019-05-21T10:00:05.Z", "2019-05-21T10:00+03", "2019-05-21Z", "2019-05-21T10:00Zx",
          "201a", "2019-05-21T10:00:61Z"})
        CHECK_FALSE(is_valid_w3cdtf(bad));
    for (const char* year0 : {"0000", "0000-01-01", "0000-01-01T00:00Z"}) // no year 0000
        CHECK_FALSE(is_valid_w3cdtf(year0));
    CHECK(display_date("2019-05-21", "en") == "21 May 2019");
    CHECK(display_date("2019-05", "en-GB") == "May 2019");
    CHECK(display_date("2019-05-21", "fr") == "2019-05-21");
}

TEST_CASE("UTC timestamps do not depend on the time zone", "[text]") {
    CHECK(iso_utc(1558396800) == "2019-05-21T00:00:00Z");
    setenv("TZ", "Asia/Tokyo", 1);
    tzset();
    CHECK(iso_utc(1558396800) == "2019-05-21T00:00:00Z");
    unsetenv("TZ");
    tzset();
}

TEST_CASE("slugs are ASCII and never empty", "[text]") {
    CHECK(slugify("Hello, World!") == "hello-world");
    CHECK(slugify("  Ünïcode — only  ") == "n-code-only");
    CHECK(slugify("…") == "section");
    CHECK(collapse_space("  a \n\t b  ") == "a b");
}

TEST_CASE("metadata_text collapses white space and drops what XML forbids, blank gives empty",
          "[text]") {
    CHECK(metadata_text("  A \t title\n") == "A title");
    CHECK(metadata_text("a\x01"
                        "b") == "ab");
    CHECK(metadata_text("   ").empty());
    CHECK(metadata_text("\x01\x02 \t").empty());
    CHECK(metadata_text("").empty());
}

TEST_CASE("what cmark-gfm decodes is cleaned like the input, U+FFFE and U+FFFF bytes included",
          "[text]") {
    Warnings w;
    int warned = 0;
    CHECK(remove_xml_forbidden("a\x01"
                               "b\xFE"
                               "c\xFF"
                               "d\xEF\xBF\xBE"
                               "\xC3\xA9\t",
                               "f", 7, warned, w) == "abcd\xC3\xA9\t");
    CHECK(remove_xml_forbidden("x\x1Fy\nz\x0C", "f", 7, warned, w) == "xy\nz");
    REQUIRE(w.size() == 2); // line 7 once, then line 8
    CHECK(w[0].line == 7);
    CHECK(w[1].line == 8);
    CHECK(w[1].message == "removed a character that XML does not allow");
    CHECK(remove_xml_forbidden("plain", "f", 9, warned, w) == "plain");
    CHECK(w.size() == 2);
}

TEST_CASE("blank text: Unicode white space and invisible characters", "[text]") {
    CHECK(is_blank_text(""));
    CHECK(is_blank_text(" \t\n"));
    for (const char* blank : {"\xC2\xA0", "\xE2\x80\x83", "\xE3\x80\x80", "\xE2\x80\x8B",
                              "\xEF\xBB\xBF", "\xC2\xA0 \xE2\x80\xAF\xE2\x81\x9F"})
        CHECK(is_blank_text(blank));
    for (const char* text : {"a", "\xC2\xA0x", "\xD9\x85", "-", "\xC2\xA0\xC2\xB7"})
        CHECK_FALSE(is_blank_text(text));
}

TEST_CASE("pandoc's heading attributes are taken off a heading's text", "[text]") {
    auto take = [](std::string text) {
        auto id = take_heading_attributes(text);
        return std::make_pair(text, id ? *id : std::string("(none)"));
    };
    using P = std::pair<std::string, std::string>;
    CHECK(take("Section {#sec-one}") == P{"Section", "sec-one"});
    CHECK(take("Two  {.unnumbered -}  ") == P{"Two", ""});
    CHECK(take("Three {#t.3 lang=fr title=\"a b\" .x}") == P{"Three", "t.3"});
    CHECK(take("Smart {#q key=\xE2\x80\x9C"
               "a b\xE2\x80\x9D}") == P{"Smart", "q"});
    CHECK(take("{#alone}") == P{"", "alone"});
    // Not attributes: the text stays as it is.
    for (const char* s : {"Set {a, b}", "Braces{#glued}", "Two ids {#a #b}", "Empty {}",
                          "Colon {#a:b}", "Open {#a title=\"b}", "No close {#a"})
        CHECK(take(s) == P{s, "(none)"});
}

TEST_CASE("dates in the forms pandoc reads become W3CDTF", "[text]") {
    using O = std::optional<std::string>;
    CHECK(pandoc_date("May 21, 2019") == O{"2019-05-21"});
    CHECK(pandoc_date("march 3, 2005") == O{"2005-03-03"});
    CHECK(pandoc_date("Sept. 1, 2020") == O{}); // pandoc's %b is "Sep"
    CHECK(pandoc_date("Sep. 1, 2020") == O{"2020-09-01"});
    CHECK(pandoc_date("21 May 2019") == O{"2019-05-21"});
    CHECK(pandoc_date("21 January 2019") == O{"2019-01-21"});
    CHECK(pandoc_date("05/21/2019") == O{"2019-05-21"});
    CHECK(pandoc_date("05/21/19") == O{"2019-05-21"});
    CHECK(pandoc_date("20190521") == O{"2019-05-21"});
    CHECK(pandoc_date("201905") == O{"2019-05"});
    for (const char* no : {"21/05/2019", "February 30, 2019", "May 21", "2019/05/21", "tomorrow",
                           "May 21, 2019 and more", ""})
        CHECK(pandoc_date(no) == O{});
}

TEST_CASE("read_date: RFC 3339, RFC 2822, Jekyll's and Hugo's forms as W3CDTF", "[text]") {
    using O = std::optional<std::string>;
    CHECK(read_date("2019-05-21T10:00:00Z") == O{"2019-05-21T10:00:00Z"});
    CHECK(read_date("2019-05-21t10:00:00.123z") == O{"2019-05-21T10:00:00Z"});
    CHECK(read_date("2019-05-21T10:00:00-07:00") == O{"2019-05-21T10:00:00-07:00"});
    CHECK(read_date("2018-10-17 17:00:00 +0000") == O{"2018-10-17T17:00:00Z"});
    CHECK(read_date("2018-10-17 17:00:00 -0700") == O{"2018-10-17T17:00:00-07:00"});
    CHECK(read_date("2019-05-21 10:00") == O{"2019-05-21"}); // no zone: no instant, the day
    CHECK(read_date("2019-05-21T10:00:00") == O{"2019-05-21"});
    CHECK(read_date("Tue, 21 May 2019 10:00:00 GMT") == O{"2019-05-21T10:00:00Z"});
    CHECK(read_date("21 May 2019 10:00 +0200") == O{"2019-05-21T10:00:00+02:00"});
    CHECK(read_date("Tue, 21 May 2019 10:00:00 PDT") == O{"2019-05-21T10:00:00-07:00"});
    CHECK(read_date("Tue, 21 May 2019 10:00:00 -0700 (PDT)") == O{"2019-05-21T10:00:00-07:00"});
    CHECK(read_date("May 21, 2019") == O{"2019-05-21"});
    CHECK(read_date("2019-02-30 10:00:00 +0000") == O{});
    CHECK(read_date("yesterday") == O{});
    bool only_day = false;
    CHECK(read_date("2023-01-29 18:30:22 2023 -0800", &only_day) == O{"2023-01-29"});
    CHECK(only_day);
    CHECK(w3cdtf_in_utc("2018-10-17T17:00:00+05:30") == "2018-10-17T11:30:00Z");
    CHECK(w3cdtf_in_utc("2018-10-17T23:00:00-02:00") == "2018-10-18T01:00:00Z");
    CHECK(w3cdtf_in_utc("2018-10-17T23:00Z") == "2018-10-17T23:00:00Z");
    CHECK(w3cdtf_in_utc("2018-10-17") == "2018-10-17");
    CHECK(display_date("2018-10-17T23:00:00-02:00", "en") == "17 October 2018");
}
