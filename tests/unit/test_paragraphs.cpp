#include <catch2/catch.hpp>

#include <string>

#include "octavo/paragraphs.hpp"

using namespace octavo;

namespace {
constexpr std::size_t limit = 1000;
// n lines made of prefix and then text up to width bytes (not blank, no Markdown).
std::string lines(int n, const std::string& prefix, std::size_t width = 100) {
    std::string out;
    for (int i = 0; i < n; ++i)
        out += prefix + std::string(width - prefix.size(), 'a') + '\n';
    return out;
}
} // namespace

TEST_CASE("a long paragraph is found where it starts, blank lines end it", "[paragraphs]") {
    CHECK(long_paragraph_line(lines(9, ""), 1, limit) == 0);
    CHECK(long_paragraph_line("Intro.\n\n" + lines(12, ""), 5, limit) == 7);
    CHECK(long_paragraph_line(lines(6, "") + "\n" + lines(6, "") + " \t\n" + lines(6, ""), 1,
                              limit) == 0);
}

TEST_CASE("footnote definitions one per line are paragraphs of their own", "[paragraphs]") {
    std::string notes;
    for (int i = 1; i <= 30; ++i)
        notes += "[^" + std::to_string(i) + "]: " + std::string(100, 'n') + '\n';
    CHECK(long_paragraph_line(notes, 1, limit) == 0);
    // Not definitions: no label, a space in it, no colon.
    CHECK(long_paragraph_line(lines(12, "[^]: "), 1, limit) == 1);
    CHECK(long_paragraph_line(lines(12, "[^a b]: "), 1, limit) == 1);
    CHECK(long_paragraph_line(lines(12, "[^a] "), 1, limit) == 1);
}

TEST_CASE("a block quote line with nothing after its marker ends the paragraph", "[paragraphs]") {
    std::string quote;
    for (int i = 0; i < 30; ++i)
        quote += "> " + std::string(100, 'q') + "\n>\n";
    CHECK(long_paragraph_line(quote, 1, limit) == 0);
    CHECK(long_paragraph_line(lines(6, "> ") + "> \n" + lines(6, ">"), 1, limit) == 0);
    CHECK(long_paragraph_line(lines(6, "> > ") + ">>\n" + lines(6, "> > "), 1, limit) == 0);
}

TEST_CASE("a long paragraph inside a block quote is still refused", "[paragraphs]") {
    CHECK(long_paragraph_line("Intro.\n\n" + lines(12, "> "), 1, limit) == 3);
    CHECK(long_paragraph_line(lines(12, "> > "), 1, limit) == 1);
    // Lazy continuation lines (no '>') and a return to the quote continue the same paragraph.
    std::string lazy;
    for (int i = 0; i < 6; ++i)
        lazy += "> " + std::string(98, 'q') + '\n' + std::string(100, 'l') + '\n';
    CHECK(long_paragraph_line(lazy, 1, limit) == 1);
    // A setext underline of '=' may be a lazy line: it does not end the count.
    CHECK(long_paragraph_line(lines(6, "> ") + "===\n" + lines(6, "> "), 1, limit) == 1);
}

TEST_CASE("block starts that interrupt a paragraph end it", "[paragraphs]") {
    for (const char* start : {"# Heading",
                              "###### h6",
                              "#",
                              "---",
                              "* * *",
                              "___",
                              "```",
                              "~~~ info`",
                              "- item",
                              "+ item",
                              "* item",
                              "1. item",
                              "1) item",
                              "01. item",
                              "> quote",
                              "<div>",
                              "</table>",
                              "<hr/>",
                              "<script>",
                              "<pre class=x>",
                              "<!-- comment",
                              "<?php",
                              "<!DOCTYPE html>",
                              "<![CDATA[x",
                              "   # indented three"}) {
        INFO(start);
        CHECK(long_paragraph_line(lines(6, "") + start + "\n" + lines(6, ""), 1, limit) == 0);
    }
    for (const char* text : {"    # four spaces", "#hashtag", "####### seven", "2. item", "1.", "-",
                             "- ", "``` info`with`backticks", "<span>", "<source>", "<divx>", "<!x",
                             "===", "\t# tab", "[link]: https://example.com"}) {
        INFO(text);
        CHECK(long_paragraph_line(lines(6, "") + text + "\n" + lines(6, ""), 1, limit) == 1);
    }
}

TEST_CASE("any number starts a new item after a list item, unless indented into it",
          "[paragraphs]") {
    std::string list;
    for (int i = 1; i <= 30; ++i)
        list += std::to_string(i) + ". " + std::string(100, 'i') + '\n';
    CHECK(long_paragraph_line(list, 1, limit) == 0);
    // "  2." inside "- " is the item's text: cmark-gfm reads one paragraph.
    std::string nested = "- " + std::string(98, 'i') + '\n';
    for (int i = 2; i <= 12; ++i)
        nested += "  " + std::to_string(i) + ". " + std::string(95, 'i') + '\n';
    CHECK(long_paragraph_line(nested, 1, limit) == 1);
}
