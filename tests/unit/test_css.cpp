#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

#include "assets/css.hpp"

using namespace octavo;
using css::TokenType;

namespace {
std::vector<css::Token> tokens(std::string_view text, std::vector<css::Problem>& problems) {
    auto all = css::tokenize(text, problems);
    std::vector<css::Token> out;
    for (auto& t : all)
        if (t.type != TokenType::whitespace) out.push_back(std::move(t));
    return out;
}
std::vector<css::Token> tokens(std::string_view text) {
    std::vector<css::Problem> problems;
    auto t = tokens(text, problems);
    INFO(text);
    CHECK(problems.empty());
    return t;
}
// The first problem's message, "" when there is none.
std::string problem(std::string_view text, int* line = nullptr) {
    std::vector<css::Problem> problems;
    css::tokenize(text, problems);
    if (problems.empty()) return "";
    if (line) *line = problems[0].line;
    return problems[0].message;
}

struct Folder {
    std::string path;
    Folder() {
        path = std::string(P_tmpdir) + "/octavo-css-XXXXXX";
        REQUIRE(mkdtemp(&path[0]));
    }
    ~Folder() { std::system(("rm -rf '" + path + "'").c_str()); }
    void write(const std::string& name, const std::string& data) const {
        std::ofstream(path + "/" + name, std::ios::binary) << data;
    }
};
// A real PNG: the stylesheet's images get the same checks as an article's.
const std::string png = [] {
    std::ifstream in(std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures/rich/ferries.png",
                     std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}();
const std::string ttf("\0\1\0\0\0\x0A\0\x80", 8);

Result<Stylesheet> prepare(const Folder& f, const std::string& text) {
    Warnings w;
    return prepare_stylesheet(text, f.path + "/user.css", "css/user.css", w, true);
}
std::string refusal(const Folder& f, const std::string& text, int* line = nullptr) {
    auto r = prepare(f, text);
    INFO(text);
    REQUIRE_FALSE(r);
    CHECK(r.error().file == f.path + "/user.css");
    if (line) *line = r.error().line;
    return r.error().message;
}
} // namespace

TEST_CASE("the tokenizer gives the token types of CSS Syntax Level 3", "[css]") {
    auto t = tokens("@media screen { a.b #c:hover > d[e=\"f\"] { margin: -1.5em 10% 0 +2px; } }"
                    " <!-- --> x: y(1, 2); z: U+0025");
    std::vector<TokenType> types;
    for (const auto& k : t)
        types.push_back(k.type);
    CHECK(types == std::vector<TokenType>{
                       TokenType::at_keyword,   TokenType::ident,       TokenType::open_curly,
                       TokenType::ident,        TokenType::delim,       TokenType::ident,
                       TokenType::hash,         TokenType::colon,       TokenType::ident,
                       TokenType::delim,        TokenType::ident,       TokenType::open_square,
                       TokenType::ident,        TokenType::delim,       TokenType::string,
                       TokenType::close_square, TokenType::open_curly,  TokenType::ident,
                       TokenType::colon,        TokenType::dimension,   TokenType::percentage,
                       TokenType::number,       TokenType::dimension,   TokenType::semicolon,
                       TokenType::close_curly,  TokenType::close_curly, TokenType::cdo,
                       TokenType::cdc,          TokenType::ident,       TokenType::colon,
                       TokenType::function,     TokenType::number,      TokenType::comma,
                       TokenType::number,       TokenType::close_paren, TokenType::semicolon,
                       TokenType::ident,        TokenType::colon,       TokenType::ident,
                       TokenType::number});
    CHECK(t[0].value == "media");
    CHECK(t[6].value == "c");
    CHECK(t[14].value == "f");
    CHECK(t[19].value == "-1.5em");
}

TEST_CASE("comments are skipped and lines counted", "[css]") {
    auto t = tokens("/* one\r\ntwo */a\rb\fc\n/**/d");
    REQUIRE(t.size() == 4);
    CHECK(t[0].value == "a");
    CHECK(t[0].line == 2);
    CHECK(t[1].line == 3);
    CHECK(t[2].line == 4);
    CHECK(t[3].line == 5);
    int line = 0;
    CHECK(problem("a {}\n/* never\nclosed", &line) == "comment '/*' is never closed with '*/'");
    CHECK(line == 2);
}

TEST_CASE("strings: escapes, bad strings, unclosed strings", "[css]") {
    auto t = tokens("'it\\'s' \"a\\\nb\" \"\\41 x\\00E9\\1F600\\\"\"");
    REQUIRE(t.size() == 3);
    CHECK(t[0].value == "it's");
    CHECK(t[1].value == "ab"); // an escaped newline is dropped
    CHECK(t[2].value == "Ax\xC3\xA9\xF0\x9F\x98\x80\"");
    std::vector<css::Problem> p;
    auto bad = tokens("a { content: \"x\ny\" }", p);
    CHECK(bad[4].type == TokenType::bad_string);
    REQUIRE(p.size() >= 1);
    CHECK(p[0].message.find("cut by the end of the line") != std::string::npos);
    int line = 0;
    CHECK(problem("a {}\nb { content: 'open }", &line).find("never closed") != std::string::npos);
    CHECK(line == 2);
    CHECK(tokens("\"\\0\"")[0].value == "\xEF\xBF\xBD"); // NUL escape: U+FFFD
}

TEST_CASE("url tokens, url( with a string, bad urls", "[css]") {
    auto t = tokens("url(a/b.png) URL(  c%20d.woff2  ) url( \"e f.ttf\" ) url(g\\)h)");
    REQUIRE(t.size() == 6);
    CHECK(t[0].type == TokenType::url);
    CHECK(t[0].value == "a/b.png");
    CHECK(t[1].type == TokenType::url);
    CHECK(t[1].value == "c%20d.woff2");
    CHECK(t[2].type == TokenType::function);
    CHECK(t[2].value == "url");
    CHECK(t[3].type == TokenType::string);
    CHECK(t[3].value == "e f.ttf");
    CHECK(t[5].type == TokenType::url);
    CHECK(t[5].value == "g)h");
    for (const char* bad :
         {"url(a b)", "url(a\"b)", "url(a'b)", "url(a(b)", "url(a\x01)", "url(a\\\n)"}) {
        std::vector<css::Problem> p;
        auto b = tokens(bad, p);
        INFO(bad);
        REQUIRE(b.size() == 1);
        CHECK(b[0].type == TokenType::bad_url);
        REQUIRE(p.size() == 1);
        CHECK(p[0].message.rfind("bad url(", 0) == 0);
    }
    CHECK(problem("a { b: url(x.png") == "url( is never closed with ')'");
    CHECK(problem("a { b: c } \\\n") == "a backslash before the end of the line, outside a string");
}

TEST_CASE("a well-formed stylesheet is kept as it is", "[css]") {
    Folder f;
    std::string text = "@charset \"UTF-8\";\n@namespace svg url(http://www.w3.org/2000/svg);\n"
                       "body { font-family: Georgia, serif; }\n@media (min-width: 30em) { p { "
                       "margin: 0 } }\n/* url(http://example.com/x.png) */ p::before { "
                       "content: \"url(x)\" }\nsvg|a { filter: url(#f) }\n";
    auto r = prepare(f, text);
    REQUIRE(r);
    CHECK(r->text == text);
    CHECK(r->resources.empty());
    // A leading BOM is dropped.
    auto bom = prepare(f, "\xEF\xBB\xBFp { color: red }");
    REQUIRE(bom);
    CHECK(bom->text == "p { color: red }");
}

TEST_CASE("parse errors epubcheck reports are refused with the line", "[css]") {
    Folder f;
    int line = 0;
    CHECK(refusal(f, "a {}\nbody { color: red", &line).find("never closed (a missing '}'") !=
          std::string::npos);
    CHECK(line == 2);
    CHECK(refusal(f, "a { color: red } }", &line) == "a stray '}' closes nothing");
    CHECK(refusal(f, "a { color: red; ) }") == "a stray ')' closes nothing");
    CHECK(refusal(f, "a ] { }") == "a stray ']' closes nothing");
    CHECK(refusal(f, "a { b: (c; }").find("'}' where ')' was expected") == 0);
    CHECK(refusal(f, "a { b: url(x y) }").rfind("bad url(", 0) == 0);
    CHECK(refusal(f, "a { b: \"x\ny\" }").find("cut by the end of the line") != std::string::npos);
    CHECK(refusal(f, "a { } /* x").find("never closed") != std::string::npos);
    CHECK(refusal(f, "a { } \xC3\x28 {}", &line).find("not valid UTF-8") == 0);
    CHECK(line == 1);
    CHECK(refusal(f, std::string("a {}\0", 5)).find("NUL") != std::string::npos);
    CHECK(refusal(f, "@charset \"ISO-8859-1\";\na{}").find("must be UTF-8") != std::string::npos);
    CHECK(refusal(f, "a { direction: rtl }").find("the 'direction' property") == 0);
    CHECK(refusal(f, "a { position : FIXED }").find("'position: fixed'") == 0);
    CHECK(prepare(f, "a { position: absolute } b:fixed { c: d }"));
    CHECK(refusal(f, "a { UNICODE-BIDI: embed }").find("the 'unicode-bidi' property") == 0);
}

TEST_CASE("remote resources, data: URLs and @import are refused", "[css]") {
    Folder f;
    f.write("other.css", "a {}");
    for (const char* text :
         {"@import url(https://example.com/x.css);", "@import 'http://example.com/x.css';",
          "a { background: url(https://example.com/x.png) }",
          "a { background: url('//example.com/x.png') }", "a { b: url(ftp://h/x.png) }",
          "a { b: url(file:///etc/passwd) }"})
        CHECK(refusal(f, text).find("a resource outside the book") != std::string::npos);
    CHECK(refusal(f, "a { b: url(data:image/png;base64,iVBORw0KGgo=) }").find("data: URL") !=
          std::string::npos);
    CHECK(refusal(f, "@import \"other.css\";").find("octavo packs one stylesheet") !=
          std::string::npos);
    CHECK(refusal(f, "@import url(other.css) screen;").find("octavo packs one stylesheet") !=
          std::string::npos);
    CHECK(refusal(f, "a { b: url(#\xC3\xA9) }").find("fragment is not a valid URL one") !=
          std::string::npos);
    CHECK(refusal(f, "a { b: url() }").find("empty url()") != std::string::npos);
    CHECK(refusal(f, "a { b: url(\"  \") }").find("empty url()") != std::string::npos);
}

TEST_CASE("local fonts and images are packed beside the stylesheet", "[css]") {
    Folder f;
    REQUIRE(mkdir((f.path + "/fonts").c_str(), 0755) == 0);
    f.write("fonts/body font.ttf", ttf);
    f.write("p.png", png);
    auto r = prepare(f, "@font-face { font-family: B; src: url(fonts/body%20font.ttf); }\n"
                        "p { background: url( \"./p.png\" ) } q { background: url(p.png) }\n"
                        "r { background: URL(fonts/../p.png#x) }");
    REQUIRE(r);
    CHECK(r->text ==
          "@font-face { font-family: B; src: url(\"user-1.ttf\"); }\n"
          "p { background: url( \"user-2.png\" ) } q { background: url(\"user-2.png\") }\n"
          "r { background: url(\"user-2.png#x\") }");
    REQUIRE(r->resources.size() == 2);
    CHECK(r->resources[0].path == "css/user-1.ttf");
    CHECK(r->resources[0].data == ttf);
    CHECK(r->resources[1].path == "css/user-2.png");
    CHECK(r->resources[1].media_type == "image/png");
}

TEST_CASE("a referenced file must be inside the folder and what its name says", "[css]") {
    Folder f;
    REQUIRE(mkdir((f.path + "/sub").c_str(), 0755) == 0);
    f.write("sub/fake.woff2", png);
    f.write("sub/font.txt", ttf);
    f.write("sub/evil.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>x</script></svg>");
    REQUIRE(symlink("/etc/hostname", (f.path + "/sub/link.png").c_str()) == 0);
    Warnings w;
    auto r =
        prepare_stylesheet("a { b: url(../x.png) }", f.path + "/sub/user.css", "css/user.css", w);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("outside the stylesheet's folder") != std::string::npos);
    CHECK(refusal(f, "a { b: url(sub/../../x.png) }").find("outside the stylesheet's folder") !=
          std::string::npos);
    CHECK(refusal(f, "a { b: url(/etc/x.png) }").find("an absolute path") != std::string::npos);
    CHECK(refusal(f, "a { b: url(sub/link.png) }").find("(a link)") != std::string::npos);
    CHECK(refusal(f, "@font-face { src: url(sub/fake.woff2) }").find("says a WOFF2 font") !=
          std::string::npos);
    CHECK(refusal(f, "a { b: url(sub/font.txt) }").find("not a font") != std::string::npos);
    CHECK(refusal(f, "a { b: url(sub/evil.svg) }").find("holds a <script> element") !=
          std::string::npos);
    f.write("sub/f.ttf", ttf);
    f.write("sub/p.png", png);
    CHECK(refusal(f, "@font-face { src: url(sub/p.png) }")
              .find("in @font-face, which is not a font") != std::string::npos);
    CHECK(refusal(f, "a { b: url(sub/f.ttf) }").find("a font, outside @font-face") !=
          std::string::npos);
    CHECK(refusal(f, "a {}\n@font-face { }").find("an empty @font-face rule") == 0);
    CHECK(refusal(f, "a { b: url(sub/missing.png) }").find("cannot read") != std::string::npos);
    CHECK(refusal(f, "a { b: url(sub/x%2.png) }").find("not a valid URL") != std::string::npos);
}

TEST_CASE("@font-face only when fonts may be embedded", "[css]") {
    Warnings w;
    auto r = prepare_stylesheet("p { margin: 0 }\n@font-face { font-family: B; src: url(b.ttf); }",
                                "user.css", "css/user.css", w);
    REQUIRE_FALSE(r);
    CHECK(r.error().line == 2);
    CHECK(r.error().message.find("--embed-fonts") != std::string::npos);
    CHECK(prepare_stylesheet("p { margin: 0 }", "user.css", "css/user.css", w));
}
