#include <catch2/catch.hpp>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <random>
#include <string>
#include <vector>

#include "read/paragraphs.hpp"

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

TEST_CASE("fenced code is not counted, however long", "[paragraphs]") {
    CHECK(long_paragraph_line("```\n" + lines(30, "") + "```\n", 1, limit) == 0);
    CHECK(long_paragraph_line("~~~~ python\n" + lines(30, "") + "~~~~\n", 1, limit) == 0);
    CHECK(long_paragraph_line(" ```\n" + lines(30, "") + "```\n", 1, limit) == 0);
    CHECK(long_paragraph_line("> ```\n" + lines(30, "> ") + "> ```\n", 1, limit) == 0);
    // Not closed by a shorter fence, the other character, or one indented four spaces.
    CHECK(long_paragraph_line("````\n```\n~~~~\n    ````\n" + lines(30, "") + "````\n", 1, limit) ==
          0);
    // After the closing fence, or the end of its block quote, text counts again.
    CHECK(long_paragraph_line("```\ncode\n```\n" + lines(12, ""), 1, limit) == 4);
    CHECK(long_paragraph_line("```\ncode\n   ```\n" + lines(12, ""), 1, limit) == 4);
    CHECK(long_paragraph_line("> ```\n> code\n" + lines(12, ""), 1, limit) == 3);
    // Fences counting cannot be sure of are text, for the rest of the article: in an HTML block,
    // indented two spaces or more (maybe in a list item), with a backtick in a backtick fence's
    // info string.
    CHECK(long_paragraph_line("<!--\n```\n-->\n" + lines(12, ""), 1, limit) == 2);
    CHECK(long_paragraph_line("<div>\n```\n</div>\n\n" + lines(12, "") + "```\n", 1, limit) == 5);
    CHECK(long_paragraph_line("- a\n\n  ```\n  code\n  ```\n\n```\n" + lines(12, ""), 1, limit) ==
          7);
    CHECK(long_paragraph_line("``` a`b\n" + lines(12, ""), 1, limit) == 1);
}

namespace {
// The first line of the longest block cmark-gfm parses for inlines (a paragraph, a heading, a
// table), and its size in bytes of source.
std::pair<int, std::size_t> longest_inline_block(const std::string& body) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < body.size(); ++i)
        if (body[i] == '\n') starts.push_back(i + 1);
    starts.push_back(body.size() + 1);
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser* parser = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS);
    for (const char* ext : {"table", "strikethrough", "autolink"})
        cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(ext));
    cmark_parser_feed(parser, body.data(), body.size());
    cmark_node* doc = cmark_parser_finish(parser);
    cmark_iter* it = cmark_iter_new(doc);
    std::pair<int, std::size_t> longest{0, 0};
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node* n = cmark_iter_get_node(it);
        auto type = cmark_node_get_type(n);
        if (ev != CMARK_EVENT_ENTER ||
            (type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_HEADING &&
             std::string(cmark_node_get_type_string(n)) != "table"))
            continue;
        int first = cmark_node_get_start_line(n), last = cmark_node_get_end_line(n);
        if (first < 1 || last < first || static_cast<std::size_t>(last) + 1 >= starts.size())
            continue;
        std::size_t bytes =
            starts[static_cast<std::size_t>(last)] - starts[static_cast<std::size_t>(first) - 1];
        if (bytes > longest.second) longest = {first, bytes};
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    cmark_parser_free(parser);
    return longest;
}
} // namespace

TEST_CASE("no block cmark-gfm parses for inlines is longer than counting finds", "[paragraphs]") {
    // Random articles of lines that start blocks, fences and HTML blocks among text, in block
    // quotes and indented: whenever cmark-gfm reads a paragraph, heading or table longer than
    // the limit, long_paragraph_line must report one (it may report more: it counts generously).
    const std::vector<std::string> pieces = {"```",
                                             "````",
                                             "~~~",
                                             "~~~~",
                                             "``` js",
                                             "``` a`b",
                                             "```~",
                                             "~~~ x`y",
                                             "",
                                             "",
                                             "",
                                             "<!--",
                                             "-->",
                                             "<!-- c -->",
                                             "<div>",
                                             "</div>",
                                             "<script>",
                                             "</script>",
                                             "<pre>",
                                             "</pre>",
                                             "<style>",
                                             "<textarea>",
                                             "</textarea>",
                                             "<?php",
                                             "?>",
                                             "<![CDATA[",
                                             "]]>",
                                             "<!DOCTYPE x>",
                                             "<span>x</span>",
                                             "- item",
                                             "1. item",
                                             "2. item",
                                             "* item",
                                             "# head",
                                             "---",
                                             "===",
                                             "| a | b |",
                                             "|---|---|",
                                             "[^1]: note",
                                             "> quoted",
                                             "- ```",
                                             "1. ```"};
    const std::string text = "lorem ipsum \"dolor\" sit 'amet' consectetur adipiscing elit sed do";
    const std::vector<std::string> quotes = {"", "", "", "> ", ">", "> > ", " > "};
    const std::size_t max = 300;
    std::mt19937 random(20261128);
    auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
    };
    int missed = 0;
    for (int doc = 0; doc < 3000; ++doc) {
        std::string body;
        for (std::size_t i = 0, n = 5 + pick(50); i < n; ++i) {
            body += quotes[pick(quotes.size())] +
                    std::string(std::vector<int>{0, 0, 0, 1, 2, 3, 4, 5}[pick(8)], ' ');
            body += (pick(100) < 45 ? text : pieces[pick(pieces.size())]) + '\n';
        }
        auto [line, bytes] = longest_inline_block(body);
        if (bytes > max + 100 && long_paragraph_line(body, 1, max) == 0) {
            ++missed;
            INFO("cmark-gfm reads " << bytes << " bytes from line " << line << " of:\n" << body);
            CHECK(false);
        }
        if (missed >= 3) break;
    }
    CHECK(missed == 0);
}
