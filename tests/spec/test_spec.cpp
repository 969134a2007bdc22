// Data-driven Markdown -> XHTML examples from tests/spec/*.spec, in cmark's spec format:
// a fence "```````` example", the Markdown, a line ".", the expected XHTML, a closing fence.
// The expected XHTML is what octavo writes after the article's <header>.
#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <sstream>

#include "render/xhtml.hpp"

using namespace octavo;

namespace {
struct Example {
    int line;
    std::string markdown, expected;
};

std::vector<Example> load(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in);
    std::vector<Example> out;
    std::string line;
    int n = 0, state = 0;
    Example ex;
    while (std::getline(in, line)) {
        ++n;
        if (state == 0 && line.rfind("````````", 0) == 0 &&
            line.find("example") != std::string::npos) {
            ex = Example{n, "", ""};
            state = 1;
        } else if (state == 1 && line == ".") {
            state = 2;
        } else if (state == 2 && line.rfind("````````", 0) == 0) {
            if (!ex.expected.empty()) ex.expected.pop_back();
            out.push_back(ex);
            state = 0;
        } else if (state == 1) {
            ex.markdown += line + "\n";
        } else if (state == 2) {
            ex.expected += line + "\n";
        }
    }
    return out;
}

std::string body_of(const std::string& xhtml) {
    size_t start = xhtml.find("</header>");
    size_t end = xhtml.rfind("</section></body>");
    REQUIRE(start != std::string::npos);
    REQUIRE(end != std::string::npos);
    start += 9;
    std::string s = xhtml.substr(start, end - start);
    // one element per line for readable expectations: break after block ends
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        out += s[i];
        static const char* blocks[] = {
            "</p>",      "</h2>",         "</h3>",    "</h4>",      "</ul>",    "</ol>",
            "</pre>",    "</blockquote>", "</aside>", "<hr/>",      "</table>", "</section>",
            "</figure>", "</div>",        "</dl>",    "</details>", "</tr>"};
        for (const char* b : blocks) {
            size_t len = std::strlen(b);
            if (out.size() >= len && out.compare(out.size() - len, len, b) == 0 &&
                (i + 1 >= s.size() || s.compare(i + 1, 2, "</") != 0)) {
                out += '\n';
                break;
            }
        }
    }
    while (!out.empty() && out.back() == '\n')
        out.pop_back();
    return out;
}
} // namespace

TEST_CASE("Markdown to XHTML examples", "[spec]") {
    for (const char* file : {"markdown.spec"}) {
        std::string path = std::string(OCTAVO_TEST_DATA) + "/spec/" + file;
        auto examples = load(path);
        REQUIRE(!examples.empty());
        for (const auto& ex : examples) {
            INFO(file << ":" << ex.line << "\n" << ex.markdown);
            Article a;
            a.meta.title = "T";
            a.meta.lang = "en";
            a.source = "spec.md";
            a.base_dir = std::string(OCTAVO_TEST_DATA) + "/fixtures";
            a.body = ex.markdown;
            Warnings w;
            auto r = render_article(a, {}, w);
            REQUIRE(r);
            CHECK(body_of(r->docs[0].data) == ex.expected);
        }
    }
}
