#include <catch2/catch.hpp>
#include <pugixml.hpp>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

#include "book/volume.hpp"
#include "container/ocf.hpp"
#include "octavo/book.hpp"

using namespace octavo;

namespace {
Article article(const std::string& source, const std::string& title, const std::string& author,
                const std::string& lang, const std::string& body) {
    Article a;
    a.source = source;
    a.base_dir = "dir";
    a.meta.title = title;
    a.meta.lang = lang;
    if (!author.empty()) a.meta.authors.push_back({author, "aut", ""});
    a.body = body;
    return a;
}

// Renders and adds the articles in order (the planning pass); returns their renderings.
std::vector<RenderedArticle> plan_all(VolumePlanner& p, std::vector<Article>& as, Warnings& w,
                                      std::vector<bool>* deferred = nullptr) {
    std::vector<RenderedArticle> out;
    for (size_t i = 0; i < as.size(); ++i) {
        bool d = false;
        auto r = render_article(as[i], p.render_options(i, as[i].base_dir, false, &w, &d), w);
        REQUIRE(r);
        if (deferred) deferred->push_back(d);
        out.push_back(*r);
        p.add(i, as[i], *r);
    }
    return out;
}
} // namespace

TEST_CASE("a volume file gives metadata, editors, series and articles with overrides", "[volume]") {
    Warnings w;
    auto v = parse_volume("title: A Week\n"
                          "editors: [Ana Ortega]\n"
                          "lang: en\n"
                          "series: {name: Weekly, position: 3}\n"
                          "articles:\n"
                          "  - mon.md\n"
                          "  - path: sub/tue.txt\n"
                          "    title: Tuesday\n"
                          "    lang: ar\n"
                          "  - sub/../wed.md\n",
                          "v.yaml", "base", w);
    REQUIRE(v);
    CHECK(v->meta.title == "A Week");
    CHECK(v->meta.lang == "en");
    REQUIRE(v->meta.authors.size() == 1);
    CHECK(v->meta.authors[0].name == "Ana Ortega");
    CHECK(v->meta.authors[0].role == "edt");
    CHECK(v->series == "Weekly");
    CHECK(v->series_position == "3");
    REQUIRE(v->items.size() == 3);
    CHECK(v->items[0].path == "base/mon.md");
    CHECK(v->items[1].path == "base/sub/tue.txt");
    CHECK(v->items[1].overrides.title == "Tuesday");
    CHECK(v->items[1].overrides.lang == "ar");
    CHECK(v->items[2].path == "base/sub/../wed.md");
}

TEST_CASE("a volume file without articles or with a bad entry is an error with its line",
          "[volume]") {
    Warnings w;
    auto none = parse_volume("title: T\n", "v.yaml", "", w);
    REQUIRE_FALSE(none);
    CHECK(none.error().code == Errc::syntax);
    auto bad = parse_volume("title: T\narticles:\n  - title: no path\n", "v.yaml", "", w);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().line == 3);
    auto pos = parse_volume("title: T\nseries: S\nseries-position: first\narticles: [a.md]\n",
                            "v.yaml", "", w);
    CHECK_FALSE(pos);
}

TEST_CASE("a volume file names articles inside its folder only, refused with line and column",
          "[volume]") {
    Warnings w;
    const std::string advice = "; a volume file lists only files inside its own folder: put it in "
                               "a folder above its articles, or list the articles on the command "
                               "line";
    struct Case {
        const char* path;
        const char* how;
    };
    for (auto c : {Case{"/etc/passwd", "is absolute"},
                   Case{"../../../../etc/hostname", "leads out of the volume file's folder"},
                   Case{"sub/../../x.md", "leads out of the volume file's folder"},
                   Case{"./..", "leads out of the volume file's folder"}}) {
        auto v = parse_volume(std::string("title: T\narticles:\n  - ok.md\n  - path: ") + c.path +
                                  "\n    title: X\n",
                              "v.yaml", "base", w);
        REQUIRE_FALSE(v);
        CHECK(v.error().file == "v.yaml");
        CHECK(v.error().line == 4);
        CHECK(v.error().column == 11);
        CHECK(v.error().message == "article path '" + std::string(c.path) + "' " + c.how + advice);
    }
    auto flow = parse_volume("title: T\narticles: [a.md, /b.md]\n", "v.yaml", "", w);
    REQUIRE_FALSE(flow);
    CHECK(flow.error().describe() == "v.yaml:2:18: article path '/b.md' is absolute" + advice);
    // Inside on paper is fine, in the current folder too.
    auto inside =
        parse_volume("title: T\narticles: [sub/../a.md, ./b.md, c..md]\n", "v.yaml", "", w);
    REQUIRE(inside);
    CHECK(inside->items[0].path == "sub/../a.md");
    CHECK(inside->items[2].path == "c..md");
}

TEST_CASE("a volume file names no article through a symbolic link out of its folder", "[volume]") {
    namespace fs = std::filesystem;
    std::string top = std::string(P_tmpdir) + "/octavo-volume-XXXXXX";
    REQUIRE(mkdtemp(top.data()));
    const std::string dir = top + "/list";
    fs::create_directories(dir + "/real");
    std::ofstream(top + "/secret.md") << "# Secret\n\nNot for the book.\n";
    std::ofstream(dir + "/real/a.md") << "# A\n\nBody.\n";
    fs::create_symlink("../secret.md", dir + "/link.md");
    fs::create_symlink("..", dir + "/up");
    fs::create_symlink("real", dir + "/alias"); // a link that stays inside is fine
    auto volume = [&](const std::string& articles) {
        std::ofstream(dir + "/v.yaml") << "title: T\narticles: [" << articles << "]\n";
        Warnings w;
        return read_volume_file(dir + "/v.yaml", w);
    };
    for (const char* out : {"link.md", "up/secret.md", "alias/../link.md"}) {
        auto v = volume(std::string("real/a.md, ") + out);
        REQUIRE_FALSE(v);
        CHECK(v.error().file == dir + "/v.yaml");
        CHECK(v.error().line == 2);
        CHECK(v.error().column == 23);
        CHECK(v.error().message.rfind("article path '" + std::string(out) +
                                          "' leads out of the volume file's folder through a "
                                          "symbolic link; ",
                                      0) == 0);
    }
    auto ok = volume("alias/a.md, missing.md"); // a missing file is reported when read
    REQUIRE(ok);
    CHECK(ok->items[0].path == dir + "/alias/a.md");
    fs::remove_all(top);
}

TEST_CASE("a volume file lists no volume file, not another one and not itself", "[volume]") {
    CHECK(is_volume_file_name("v.yaml"));
    CHECK(is_volume_file_name("dir/part2.yml"));
    CHECK_FALSE(is_volume_file_name("a.md"));
    CHECK_FALSE(is_volume_file_name("notes.txt"));
    CHECK_FALSE(is_volume_file_name(".yml")); // nothing before the extension
    CHECK(is_volume_file_name("WEEK.YAML"));  // any case, as pandoc tells file types
    CHECK(is_volume_file_name("v.Yml"));
    CHECK_FALSE(is_volume_file_name(".YML"));
    CHECK_FALSE(is_volume_file_name("v.yaml.md"));
    CHECK_FALSE(is_volume_file_name("yaml"));
    Warnings w;
    auto nested = parse_volume("title: T\narticles:\n  - a.md\n  - part2.yml\n", "v.yaml", "", w);
    REQUIRE_FALSE(nested);
    CHECK(nested.error().code == Errc::content);
    CHECK(nested.error().describe() ==
          "v.yaml:4:5: a volume file cannot list another volume file (part2.yml)");
    auto map = parse_volume("title: T\narticles: [a.md, {path: sub/w.yaml, title: X}]\n", "v.yaml",
                            "base", w);
    REQUIRE_FALSE(map);
    CHECK(map.error().describe() ==
          "v.yaml:2:25: a volume file cannot list another volume file (sub/w.yaml)");

    namespace fs = std::filesystem;
    std::string dir = std::string(P_tmpdir) + "/octavo-volume-XXXXXX";
    REQUIRE(mkdtemp(dir.data()));
    std::ofstream(dir + "/a.md") << "# A\n\nBody.\n";
    std::ofstream(dir + "/me.yaml") << "title: Me\narticles:\n  - a.md\n  - me.yaml\n";
    auto self = read_volume_file(dir + "/me.yaml", w);
    REQUIRE_FALSE(self);
    CHECK(self.error().describe() ==
          dir + "/me.yaml:4:5: a volume file cannot list itself (me.yaml)");
    fs::remove_all(dir);
}

namespace {
// A folder for a book, removed with the test.
struct TempDir {
    std::string path = std::string(P_tmpdir) + "/octavo-volume-XXXXXX";
    TempDir() { REQUIRE(mkdtemp(path.data())); }
    ~TempDir() { std::filesystem::remove_all(path); }
};
std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
// Options that keep no document from the planning pass: every article is read twice.
BookOptions reread_everything() {
    BookOptions o;
    o.meta.title = "V";
    o.cover = false;
    o.timestamp = 1700000000;
    o.keep_bytes = 0;
    return o;
}
} // namespace

TEST_CASE("an article that changed between the two passes fails the book, which is not written",
          "[volume]") {
    TempDir dir;
    const std::string book = dir.path + "/book.epub";
    const std::vector<std::string> sources{"one.md", "two.md"};
    std::vector<int> loads(2, 0);
    bool edit = true;
    // Article two's second reading renames its heading: the same number of documents, but the
    // nav would point at an id the document no longer has.
    auto load = [&](size_t i, Warnings& w) -> Result<Article> {
        ++loads[i];
        std::string heading = edit && i == 1 && loads[i] > 1 ? "Beta" : "Alpha";
        return read_article("---\ntitle: T" + std::to_string(i) + "\nlang: en\n---\n\n## " +
                                heading + "\n\nText.\n",
                            sources[i], Format::markdown, w);
    };
    std::ofstream(book) << "an earlier book";
    Warnings w;
    auto st = write_book(sources, load, reread_everything(), book, w);
    REQUIRE_FALSE(st);
    CHECK(st.error.file == "two.md");
    CHECK(st.error.describe() == "two.md: changed while the book was written; nothing was written");
    CHECK(loads == std::vector<int>{2, 2});
    CHECK(slurp(book) == "an earlier book");

    // Read the same both times, the articles make the book.
    edit = false;
    loads.assign(2, 0);
    REQUIRE(write_book(sources, load, reread_everything(), book, w));
    CHECK(loads == std::vector<int>{2, 2});
    CHECK(slurp(book).compare(0, 2, "PK") == 0);
}

TEST_CASE("a rendering that disagrees with the plan fails the book, whatever the loader",
          "[volume]") {
    TempDir dir;
    const std::string book = dir.path + "/book.epub";
    const std::vector<std::string> sources{"one.md", "two.md"};
    // Articles made by hand have no fingerprint: the rendering is compared with the plan.
    int loads = 0;
    auto load = [&](size_t i, Warnings&) -> Result<Article> {
        Article a;
        a.source = sources[i];
        a.base_dir = dir.path;
        a.meta.title = "T";
        a.meta.lang = "en";
        a.body = i == 0 && ++loads > 1 ? "## Beta\n\nText.\n" : "## Alpha\n\nText.\n";
        return a;
    };
    Warnings w;
    auto st = write_book(sources, load, reread_everything(), book, w);
    REQUIRE_FALSE(st);
    CHECK(st.error.describe() == "one.md: changed while the book was written (the article, or an "
                                 "image it uses); nothing was written");
    CHECK_FALSE(std::filesystem::exists(book));
}

TEST_CASE("an image that changed type between the two passes fails the book, other changes do not",
          "[volume]") {
    namespace fs = std::filesystem;
    TempDir dir;
    const std::string book = dir.path + "/book.epub", png = dir.path + "/pic.png";
    const std::string ferries = std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures/rich/ferries.png";
    const std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>";
    std::ofstream(dir.path + "/a.md") << "# A\n\n![A picture](pic.png)\n";
    std::ofstream(dir.path + "/b.md") << "# B\n\nText.\n";
    const std::vector<std::string> sources{dir.path + "/b.md", dir.path + "/a.md"};
    // b comes first: its second reading starts the second pass, and replaces the image there.
    std::string replacement;
    int b_loads = 0;
    ArticleLoader load = [&](size_t i, Warnings& w) -> Result<Article> {
        if (i == 0 && ++b_loads == 2) std::ofstream(png, std::ios::trunc) << replacement;
        return read_article_file(sources[i], w);
    };
    fs::copy_file(ferries, png);
    std::ofstream(book) << "an earlier book";
    replacement = svg; // images/a002-1.png would become images/a002-1.svg
    Warnings w;
    auto st = write_book(sources, load, reread_everything(), book, w);
    REQUIRE_FALSE(st);
    CHECK(st.error.file == sources[1]);
    CHECK(st.error.message == "changed while the book was written (the article, or an image it "
                              "uses); nothing was written");
    CHECK(slurp(book) == "an earlier book");

    // Another PNG: the document is the same, and the book packs the image as first read.
    fs::remove(png);
    fs::copy_file(ferries, png);
    replacement = slurp(ferries) + "trailing bytes";
    b_loads = 0;
    REQUIRE(write_book(sources, load, reread_everything(), book, w));
    CHECK(slurp(png) == replacement);
    zip_t* z = zip_open(book.c_str(), ZIP_RDONLY, nullptr);
    REQUIRE(z);
    zip_stat_t st_png;
    REQUIRE(zip_stat(z, "EPUB/images/a002-1.png", 0, &st_png) == 0);
    CHECK(st_png.size == fs::file_size(ferries));
    zip_close(z);
}

TEST_CASE("images are read again to be packed, and one changed or led outside fails the book",
          "[volume]") {
    namespace fs = std::filesystem;
    TempDir dir, outside;
    const std::string book = dir.path + "/book.epub", png = dir.path + "/pic.png";
    const std::string ferries = std::string(OCTAVO_SOURCE_DIR) + "/tests/fixtures/rich/ferries.png";
    const std::string svg =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
        "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg "
        "xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n";
    std::ofstream(dir.path + "/a.md") << "# A\n\n![A picture](pic.png)\n";
    std::ofstream(dir.path + "/b.md") << "# B\n\n![A drawing](pic.svg)\n";
    std::ofstream(dir.path + "/pic.svg") << svg;
    const std::vector<std::string> sources{dir.path + "/a.md", dir.path + "/b.md"};
    ArticleLoader load = [&](size_t i, Warnings& w) { return read_article_file(sources[i], w); };
    // Once every article is planned, before the archive is written: what happens to the image.
    std::function<void()> change = [] {};
    BookOptions o = reread_everything();
    o.progress = [&](const char* phase, size_t done, size_t total) {
        if (std::string(phase) == "reading" && done == total) change();
    };
    auto packed = [&](const char* name) {
        zip_t* z = zip_open(book.c_str(), ZIP_RDONLY, nullptr);
        REQUIRE(z);
        zip_stat_t st;
        REQUIRE(zip_stat(z, name, 0, &st) == 0);
        std::string data(st.size, '\0');
        zip_file_t* f = zip_fopen(z, name, 0);
        REQUIRE(f);
        CHECK(zip_fread(f, data.data(), st.size) == static_cast<zip_int64_t>(st.size));
        zip_fclose(f);
        zip_close(z);
        return data;
    };
    Warnings w;

    // Written again with the same bytes: packed, and the SVG without its DOCTYPE, as checked.
    fs::copy_file(ferries, png);
    change = [&] { std::ofstream(png, std::ios::trunc) << slurp(ferries); };
    REQUIRE(write_book(sources, load, o, book, w));
    CHECK(packed("EPUB/images/a001-1.png") == slurp(ferries));
    std::string drawing = packed("EPUB/images/a002-1.svg");
    CHECK(drawing.find("DOCTYPE") == std::string::npos);
    CHECK(drawing.find("<svg") != std::string::npos);

    // Another PNG (still a valid one) in its place: the book fails and is not written.
    std::ofstream(book, std::ios::trunc) << "an earlier book";
    change = [&] { std::ofstream(png, std::ios::trunc) << slurp(ferries) << "trailing bytes"; };
    auto st = write_book(sources, load, o, book, w);
    REQUIRE_FALSE(st);
    CHECK(st.error.describe() == png + ": changed while the book was written; nothing was written");
    CHECK(slurp(book) == "an earlier book");

    // A link to the same bytes outside the article's folder: never packed.
    fs::remove(png);
    fs::copy_file(ferries, png);
    fs::copy_file(ferries, outside.path + "/pic.png");
    change = [&] {
        fs::remove(png);
        fs::create_symlink(outside.path + "/pic.png", png);
    };
    st = write_book(sources, load, o, book, w);
    REQUIRE_FALSE(st);
    CHECK(st.error.file == png);
    CHECK(slurp(book) == "an earlier book");
}

TEST_CASE("a series position is a number like 3 or 2.1, refused with its line", "[volume]") {
    Warnings w;
    for (const char* good : {"3", "0", "12", "2.1", "1.2.3"}) {
        auto v = parse_volume(std::string("title: T\nseries: {name: S, position: ") + good +
                                  "}\narticles: [a.md]\n",
                              "v.yaml", "", w);
        REQUIRE(v);
        CHECK(v->series_position == good);
    }
    for (const char* bad : {"abc", "-1", "'.'", "'1.'", "'.5'", "1..2", "'+3'", "3rd"}) {
        auto v = parse_volume(std::string("title: T\nseries: {name: S, position: ") + bad +
                                  "}\narticles: [a.md]\n",
                              "v.yaml", "", w);
        REQUIRE_FALSE(v);
        CHECK(v.error().line == 2);
        CHECK(v.error().column == 29);
        CHECK(v.error().message.find("must be a number of the form 3 or 2.1") != std::string::npos);
    }
    auto top = parse_volume("title: T\nseries: S\nseries-position: -1\narticles: [a.md]\n",
                            "v.yaml", "", w);
    REQUIRE_FALSE(top);
    CHECK(top.error().line == 3);
    CHECK(top.error().message.rfind("series position '-1' must be a number", 0) == 0);
}

TEST_CASE("the plan gives each article its ids, documents and a nested table of contents",
          "[volume]") {
    std::vector<Article> as{article("dir/a.md", "First", "Ann", "en", "x\n\n## Same\n\ny\n"),
                            article("dir/b.md", "Second", "Bob", "ar", "x\n\n## Same\n\ny\n")};
    VolumePlanner p({"dir/a.md", "dir/b.md"}, true);
    Warnings w;
    plan_all(p, as, w);
    Metadata vm;
    vm.title = "Vol";
    auto plan = p.finish(vm, "", "", w);
    REQUIRE(plan);
    CHECK(p.article(0).prefix == "a001");
    CHECK(p.article(1).docs == std::vector<std::string>{"text/a002.xhtml"});
    CHECK(plan->spine ==
          std::vector<std::string>{"text/titlepage.xhtml", "text/a001.xhtml", "text/a002.xhtml"});
    REQUIRE(plan->toc.size() == 5);
    CHECK(plan->toc[0].level == 1);
    CHECK(plan->toc[0].href == "text/titlepage.xhtml");
    CHECK(plan->toc[1].level == 2);
    CHECK(plan->toc[1].title == "First \xE2\x80\x94 Ann");
    CHECK(plan->toc[2].level == 3);
    CHECK(plan->toc[2].href == "text/a001.xhtml#a001-same");
    CHECK(plan->toc[4].href == "text/a002.xhtml#a002-same");
    CHECK(plan->toc[3].lang == "ar");
    CHECK(plan->toc[3].rtl);
    CHECK(plan->toc[1].lang.empty());
    CHECK(plan->titlepage == "text/titlepage.xhtml");
    REQUIRE(p.front_matter().size() == 1);
    pugi::xml_document tp;
    REQUIRE(tp.load_string(p.front_matter()[0].data.c_str()));
    CHECK(tp.select_nodes("//ol[@class='contents']/li").size() == 2);
}

TEST_CASE("credits: authors in order once each, and with editors, authors are contributors",
          "[volume]") {
    std::vector<Article> as{article("a.md", "A", "Ann", "fr", "x\n"),
                            article("b.md", "B", "Bob", "en", "x\n"),
                            article("c.md", "C", "Ann", "fr", "x\n")};
    Warnings w;
    {
        VolumePlanner p({"a.md", "b.md", "c.md"}, true);
        plan_all(p, as, w);
        Metadata vm;
        vm.title = "Vol";
        auto plan = p.finish(vm, "", "", w);
        REQUIRE(plan);
        REQUIRE(plan->meta.authors.size() == 2);
        CHECK(plan->meta.authors[0].name == "Ann");
        CHECK(plan->meta.authors[1].name == "Bob");
        CHECK(plan->contributors.empty());
        CHECK(plan->meta.lang == "fr"); // the most common
    }
    {
        VolumePlanner p({"a.md", "b.md", "c.md"}, true);
        plan_all(p, as, w);
        Metadata vm;
        vm.title = "Vol";
        vm.lang = "en";
        vm.authors.push_back({"Eve Editor", "edt", ""});
        auto plan = p.finish(vm, "Series", "2", w);
        REQUIRE(plan);
        REQUIRE(plan->meta.authors.size() == 1);
        CHECK(plan->meta.authors[0].role == "edt");
        REQUIRE(plan->contributors.size() == 2);
        CHECK(plan->contributors[0].name == "Ann");
        CHECK(plan->contributors[0].role == "aut");
        CHECK(plan->meta.lang == "en");
        CHECK(plan->series == "Series");
    }
    VolumePlanner p({"a.md"}, true);
    std::vector<Article> one{as[0]};
    plan_all(p, one, w);
    CHECK_FALSE(p.finish(Metadata{}, "", "", w)); // a volume needs a title
}

TEST_CASE("the most common language wins, the first seen on a tie", "[volume]") {
    CHECK(most_common_language({"en", "ar", "ar"}) == "ar");
    CHECK(most_common_language({"de", "en"}) == "de");
}

TEST_CASE("links between articles resolve, and forward heading links wait for the final pass",
          "[volume]") {
    std::vector<Article> as{
        article("dir/a.md", "A", "", "en", "[next](b.md#later) [whole](b.md) [out](c.md)\n"),
        article("dir/b.md", "B", "", "en",
                "[back](a.md#top-part) [gone](a.md#nowhere)\n\n## Later\n\nx\n\n# Top part\n"),
    };
    as[0].body += "\n## Top part\n\ny\n";
    VolumePlanner p({"dir/a.md", "dir/b.md"}, true);
    Warnings w;
    std::vector<bool> deferred;
    auto first = plan_all(p, as, w, &deferred);
    CHECK(deferred == std::vector<bool>{true, false});
    // Planning reported the link outside the book and the missing heading of an earlier article.
    REQUIRE(w.size() == 2);
    CHECK(w[0].message.find("c.md") != std::string::npos);
    CHECK(w[1].message.find("#nowhere") != std::string::npos);
    CHECK(first[1].docs[0].data.find("href=\"a001.xhtml#a001-top-part\"") != std::string::npos);

    Warnings w2;
    auto r = render_article(as[0], p.render_options(0, "dir", true, &w2), w2);
    REQUIRE(r);
    const std::string& x = r->docs[0].data;
    CHECK(x.find("href=\"a002.xhtml#a002-later\"") != std::string::npos);
    CHECK(x.find("href=\"a002.xhtml\"") != std::string::npos);
    CHECK(x.find("<span>out</span>") != std::string::npos);
    CHECK(w2.empty()); // reported once, while planning
}

TEST_CASE("a long article is split at headings, with links and contents across parts", "[volume]") {
    std::string body = "See [the end](#end).[^1]\n\n";
    for (int s = 0; s < 6; ++s) {
        body += "## Section " + std::to_string(s) + "\n\n";
        for (int p = 0; p < 20; ++p)
            body += std::string(180, 'w') + " paragraph.\n\n";
    }
    body += "## End\n\nDone.\n\n[^1]: The note.\n";
    Article a = article("a.md", "Long", "Ann", "en", body);
    RenderOptions ro;
    ro.max_doc_bytes = 8000;
    Warnings w;
    auto r = render_article(a, ro, w);
    REQUIRE(r);
    REQUIRE(r->docs.size() >= 3);
    CHECK(r->docs[1].path == "text/a001-2.xhtml");
    for (size_t k = 0; k < r->docs.size(); ++k) {
        CHECK(r->docs[k].data.size() <= 8000);
        pugi::xml_document d;
        REQUIRE(d.load_string(r->docs[k].data.c_str()));
        if (k > 0) {
            auto first = d.select_node("//section").node().first_child();
            CHECK(std::string(first.name()) == "h2");
        }
    }
    const std::string& last = r->docs.back().data;
    CHECK(last.find("epub:type=\"footnote\"") != std::string::npos);
    CHECK(r->docs[0].data.find("href=\"" + r->docs.back().path.substr(5) + "#a001-fn1\"") !=
          std::string::npos);
    CHECK(r->docs[0].data.find("href=\"" + r->docs.back().path.substr(5) + "#a001-end\"") !=
          std::string::npos);
    CHECK(r->toc.back().href == r->docs.back().path + "#a001-end");
    CHECK(r->anchors.at("end") == r->docs.back().path + "#a001-end");

    // The same split points give the same documents.
    ro.split_at = r->split_at;
    ro.max_doc_bytes = 1u << 30;
    auto again = render_article(a, ro, w);
    REQUIRE(again);
    REQUIRE(again->docs.size() == r->docs.size());
    for (size_t k = 0; k < r->docs.size(); ++k)
        CHECK(again->docs[k].data == r->docs[k].data);
}

TEST_CASE("a text without headings is split between paragraphs", "[volume]") {
    std::string body;
    for (int p = 0; p < 100; ++p)
        body += std::string(200, 'p') + "\n\n";
    Article a = article("a.txt", "Letter", "", "en", body);
    a.format = Format::text;
    RenderOptions ro;
    ro.max_doc_bytes = 5000;
    Warnings w;
    auto r = render_article(a, ro, w);
    REQUIRE(r);
    CHECK(r->docs.size() >= 4);
    size_t paragraphs = 0;
    for (const auto& d : r->docs) {
        CHECK(d.data.size() <= 5000);
        for (size_t i = d.data.find("<p>"); i != std::string::npos; i = d.data.find("<p>", i + 1))
            ++paragraphs;
    }
    CHECK(paragraphs == 100);
}

namespace {
// The text of node and of everything in it.
std::string text_of(pugi::xml_node node) {
    std::string s;
    for (auto c : node.children())
        s += c.type() == pugi::node_pcdata ? std::string(c.value()) : text_of(c);
    return s;
}

// Checks the documents of a split article (each at most max bytes and well-formed; a continued
// piece of a paragraph only first in a document after the first; ids unique; every link to an id
// of the article reaching the document that has it) and returns the text of its paragraphs, a
// continued piece joined to the paragraph it goes on from; pieces gets the text of each piece.
std::vector<std::string> paragraphs(const RenderedArticle& r, size_t max,
                                    std::vector<std::string>* pieces = nullptr) {
    std::vector<std::string> out;
    std::map<std::string, std::string> ids; // id -> its document
    std::vector<std::pair<std::string, std::string>> links;
    for (size_t k = 0; k < r.docs.size(); ++k) {
        const ContentDoc& d = r.docs[k];
        CHECK(d.data.size() <= max);
        pugi::xml_document doc;
        REQUIRE(doc.load_string(d.data.c_str()));
        std::string file = d.path.substr(d.path.rfind('/') + 1);
        for (auto x : doc.select_nodes("//*[@id]"))
            CHECK(ids.emplace(x.node().attribute("id").value(), file).second);
        for (auto x : doc.select_nodes("//*[@href]")) {
            std::string href = x.node().attribute("href").value();
            size_t hash = href.find('#');
            if (hash != std::string::npos && href.compare(0, 4, "http") != 0)
                links.emplace_back(hash == 0 ? file : href.substr(0, hash), href.substr(hash + 1));
        }
        pugi::xml_node section = doc.child("html").child("body").child("section");
        for (pugi::xml_node p : section.children("p")) {
            bool continued = std::string(p.attribute("class").value()) == "continued";
            if (continued) {
                CHECK(k > 0);
                CHECK(p == section.first_child());
                REQUIRE_FALSE(out.empty());
                out.back() += text_of(p);
            } else {
                out.push_back(text_of(p));
            }
            if (pieces) pieces->push_back(text_of(p));
        }
    }
    std::set<std::string> files;
    for (const ContentDoc& d : r.docs)
        files.insert(d.path.substr(d.path.rfind('/') + 1));
    for (const auto& [file, id] : links) {
        if (!files.count(file)) continue; // another article's
        auto it = ids.find(id);
        REQUIRE(it != ids.end());
        CHECK(it->second == file);
    }
    return out;
}

Article text_article(const std::string& body) {
    Article a = article("a.txt", "One", "Ann", "en", body);
    a.format = Format::text;
    return a;
}
} // namespace

TEST_CASE("a paragraph longer than a document is cut at sentence ends, into full documents",
          "[volume]") {
    const char* ends[] = {"? ", "!\" ", ". "};
    std::string para;
    for (int s = 0; para.size() < 40000; ++s)
        para += "Sentence " + std::to_string(s) + " weighs A&B <and> more" + ends[s % 3];
    para.pop_back();
    Article a = text_article(para);
    RenderOptions ro;
    ro.max_doc_bytes = 8000;
    Warnings w;
    auto r = render_article(a, ro, w);
    REQUIRE(r);
    CHECK(w.empty());
    CHECK(r->docs.size() >= 6);
    std::vector<std::string> pieces;
    CHECK(paragraphs(*r, 8000, &pieces) == std::vector<std::string>{para});
    REQUIRE(pieces.size() == r->docs.size());
    // The header and the first piece share the first document, and each piece fills its own.
    CHECK(r->docs[0].data.find("</header><p>Sentence 0 weighs A&amp;B &lt;and&gt; more? ") !=
          std::string::npos);
    for (size_t k = 0; k + 1 < r->docs.size(); ++k) {
        CHECK(r->docs[k].data.size() > 6000);
        const std::string& t = pieces[k];
        REQUIRE(t.size() > 2);
        CHECK(t.back() == ' ');
        CHECK(std::string(".?\"").find(t[t.size() - 2]) != std::string::npos);
    }
    CHECK(r->split_at.size() == r->docs.size() - 1);
    CHECK(r->split_at[0].block == 1); // inside the paragraph, after the header
    CHECK(r->split_at[0].offset > 0);

    // The same split points give the same documents.
    ro.split_at = r->split_at;
    ro.max_doc_bytes = 1u << 30;
    auto again = render_article(a, ro, w);
    REQUIRE(again);
    REQUIRE(again->docs.size() == r->docs.size());
    for (size_t k = 0; k < r->docs.size(); ++k)
        CHECK(again->docs[k].data == r->docs[k].data);
}

TEST_CASE("a paragraph with no sentence end is cut at a space, one without spaces at a character",
          "[volume]") {
    // Each text repeated to 30 KB, cut for documents of 8000 bytes; what the pieces start with.
    auto cut = [](const std::string& unit, std::vector<std::string>& pieces) {
        std::string para;
        while (para.size() < 30000)
            para += unit;
        if (para.back() == ' ') para.pop_back();
        RenderOptions ro;
        ro.max_doc_bytes = 8000;
        Warnings w;
        auto r = render_article(text_article(para), ro, w);
        REQUIRE(r);
        CHECK(w.empty());
        CHECK(paragraphs(*r, 8000, &pieces) == std::vector<std::string>{para});
        CHECK(pieces.size() >= 4);
        CHECK(r->docs[0].data.find("</header><p>") != std::string::npos); // not the header alone
    };
    std::vector<std::string> pieces;
    cut("word ", pieces); // no sentence end: after a space
    for (size_t k = 0; k + 1 < pieces.size(); ++k)
        CHECK(pieces[k].substr(pieces[k].size() - 5) == "word ");
    pieces.clear();
    cut("\xE3\x81\x93\xE3\x82\x8C\xE3\x81\xAF\xE6\x96\x87\xE3\x81\xA7\xE3\x81\x99\xE3\x80\x82",
        pieces); // これは文です。: after the full stop, no space needed
    for (size_t k = 0; k + 1 < pieces.size(); ++k)
        CHECK(pieces[k].substr(pieces[k].size() - 3) == "\xE3\x80\x82");
    pieces.clear();
    cut("\xE6\xBC\xA2", pieces); // 漢, no mark and no space: between characters
    for (const auto& t : pieces)
        CHECK(t.size() % 3 == 0);
    pieces.clear();
    const std::string accented = "e\xCC\x81"; // e and a combining acute: never between them
    cut(accented, pieces);
    for (size_t k = 1; k < pieces.size(); ++k)
        CHECK(pieces[k].compare(0, 4, accented + "e") == 0);
    pieces.clear();
    cut("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB", pieces); // woman, joiner, laptop
    for (size_t k = 1; k < pieces.size(); ++k)
        CHECK(pieces[k].compare(0, 4, "\xF0\x9F\x91\xA9") == 0);
    // Vowel signs that follow their letter and take space of their own (Devanagari's ि, Thai's
    // ำ), and Hangul jamo making a syllable, stay with what they follow.
    for (std::string unit :
         {"\xE0\xA4\x95\xE0\xA4\xBF", "\xE0\xB8\x81\xE0\xB8\xB3", "\xE1\x84\x80\xE1\x85\xA1"}) {
        pieces.clear();
        cut(unit, pieces);
        for (size_t k = 1; k < pieces.size(); ++k)
            CHECK(pieces[k].compare(0, unit.size(), unit) == 0);
    }
}

TEST_CASE("a long paragraph starts a new document when less than a quarter of one is left",
          "[volume]") {
    std::string body;
    for (int p = 0; p < 30; ++p)
        body += std::string(200, 'p') + "\n\n";
    std::string para;
    while (para.size() < 20000)
        para += "A sentence of the long paragraph. ";
    para.pop_back();
    body += para;
    RenderOptions ro;
    ro.max_doc_bytes = 8000;
    Warnings w;
    auto r = render_article(text_article(body), ro, w);
    REQUIRE(r);
    auto paras = paragraphs(*r, 8000);
    REQUIRE(paras.size() == 31);
    CHECK(paras.back() == para);
    // 30 short paragraphs fill 6,300 of the 6,500 or so bytes a part holds: the long one starts
    // the second document, and is cut after that.
    CHECK(r->docs[0].data.find("A sentence") == std::string::npos);
    CHECK(r->docs[1].data.find("aria-label=\"One\"><p>A sentence") != std::string::npos);
    CHECK(r->docs.size() >= 4);
}

TEST_CASE("a Markdown paragraph is cut only in its own text: markup, notes and links intact",
          "[volume]") {
    std::string body;
    for (int i = 0; i < 120; ++i)
        body += "Sentence " + std::to_string(i) + " has *emphasis*, a [link](https://example.com/" +
                std::to_string(i) + ") and a note.[^" + std::to_string(i % 4 + 1) +
                "]\nIt goes on & on, [back to the top](#).\n";
    body += "\n[^1]: One.\n\n[^2]: Two.\n\n[^3]: Three.\n\n[^4]: Four.\n";
    Article a = article("a.md", "Notes", "Ann", "en", body);
    RenderOptions ro;
    ro.max_doc_bytes = 8000;
    Warnings w;
    auto r = render_article(a, ro, w);
    REQUIRE(r);
    CHECK(w.empty());
    REQUIRE(r->docs.size() >= 5);
    std::vector<std::string> pieces;
    auto paras = paragraphs(*r, 8000, &pieces); // ids unique, notes and back links resolve
    REQUIRE(paras.size() == 1);
    size_t ems = 0, refs = 0, goes_on = 0;
    for (const auto& d : r->docs) {
        for (size_t i = d.data.find("<em>emphasis</em>"); i != std::string::npos;
             i = d.data.find("<em>emphasis</em>", i + 1))
            ++ems;
        for (size_t i = d.data.find("role=\"doc-noteref\""); i != std::string::npos;
             i = d.data.find("role=\"doc-noteref\"", i + 1))
            ++refs;
    }
    for (size_t i = paras[0].find("It goes on & on"); i != std::string::npos;
         i = paras[0].find("It goes on & on", i + 1))
        ++goes_on;
    CHECK(ems == 120);
    CHECK(refs == 120);
    CHECK(goes_on == 120);
    CHECK(r->docs.back().data.find("epub:type=\"footnote\"") != std::string::npos);
    // Every piece but the last ends where a sentence does, after a note number or not.
    for (size_t k = 0; k + 1 < pieces.size(); ++k) {
        std::string t = pieces[k];
        while (!t.empty() && t.back() == ' ')
            t.pop_back();
        REQUIRE_FALSE(t.empty());
        size_t mark = t.find_last_not_of("0123456789");
        CHECK(t[mark] == '.');
    }
}

TEST_CASE("links to ids count what they grow by when they point into another document",
          "[volume]") {
    // 2,000 note references, each some 110 bytes, and 13 more once it leads to the last part.
    std::string refs;
    for (int i = 0; i < 2000; ++i)
        refs += "x.[^1] ";
    Article a = article("a.md", "Refs", "Ann", "en", refs + "\n\n[^1]: The note.\n");
    RenderOptions ro;
    ro.max_doc_bytes = 40000;
    Warnings w;
    auto r = render_article(a, ro, w);
    REQUIRE(r);
    CHECK(w.empty());
    CHECK(r->docs.size() >= 6);
    CHECK(paragraphs(*r, 40000).size() == 1);
    CHECK(r->docs[0].data.find("href=\"" + r->docs.back().path.substr(5) + "#a001-fn1\"") !=
          std::string::npos);
}

TEST_CASE("a block octavo does not cut is left whole, with a warning naming its document",
          "[volume]") {
    std::string code;
    for (int i = 0; i < 1000; ++i)
        code += "line " + std::to_string(i) + " of the listing\n";
    Article a =
        article("a.md", "Code", "Ann", "en",
                "Before. *" + std::string(10000, 'x') + "* after.\n\n```\n" + code + "```\n");
    RenderOptions ro;
    ro.max_doc_bytes = 8000;
    Warnings w;
    auto r = render_article(a, ro, w);
    REQUIRE(r);
    // The paragraph is cut around its emphasis, too long for a document; the code block is not.
    REQUIRE(r->docs.size() == 4);
    CHECK(r->docs[0].data.find("</header><p>Before. </p>") != std::string::npos);
    CHECK(r->docs[1].data.find("<p class=\"continued\"><em>xxx") != std::string::npos);
    CHECK(r->docs[2].data.find("<p class=\"continued\"> after.</p></section>") !=
          std::string::npos);
    CHECK(r->docs[3].data.find("aria-label=\"Code\"><pre>") != std::string::npos);
    REQUIRE(w.size() == 2);
    CHECK(w[0].file == "a.md");
    CHECK(w[0].message == "text/a001-2.xhtml is 11 KB, over the 7 KB some readers (Adobe RMSDK) "
                          "can open: octavo cuts a long paragraph, but not a code block, a table, "
                          "a list, a block quote, the notes, nor emphasis or a link inside a "
                          "paragraph, and it holds one longer than that; split it in the article");
    CHECK(w[1].message.rfind("text/a001-4.xhtml is 24 KB", 0) == 0);
}

TEST_CASE("a cut paragraph with links to a later article renders the same in both passes",
          "[volume]") {
    std::string body;
    for (int i = 0; i < 400; ++i)
        body += "Sentence " + std::to_string(i) + " sees [the heading](b.md#the-heading).\n";
    std::vector<Article> as{article("dir/a.md", "A", "", "en", body),
                            article("dir/b.md", "B", "", "en", "## The heading\n\nx\n")};
    VolumePlanner p({"dir/a.md", "dir/b.md"}, true);
    p.max_doc_bytes = 8000;
    Warnings w;
    std::vector<bool> deferred;
    auto first = plan_all(p, as, w, &deferred);
    CHECK(deferred == std::vector<bool>{true, false});
    REQUIRE(first[0].docs.size() >= 3);
    auto r = render_article(as[0], p.render_options(0, "dir", true, &w), w);
    REQUIRE(r);
    CHECK(p.agrees(0, *r));
    CHECK(paragraphs(*r, 9000) == paragraphs(first[0], 8000));
    CHECK(r->docs[0].data.find("href=\"a002.xhtml#a002-the-heading\"") != std::string::npos);
}

TEST_CASE("lazy entries are produced when written, and a failure fails the commit", "[ocf]") {
    std::string path = std::string(P_tmpdir) + "/octavo-test-lazy-" + std::to_string(getpid());
    int calls = 0;
    {
        auto w = OcfWriter::create(path + ".epub", 0);
        REQUIRE(w);
        REQUIRE((*w)->add("mimetype", "application/epub+zip"));
        REQUIRE((*w)->add_lazy("EPUB/a.txt", [&]() -> Result<std::string> {
            ++calls;
            return std::string(5000, 'a');
        }));
        CHECK(calls == 0);
        REQUIRE((*w)->commit());
        CHECK(calls == 1);
    }
    int err = 0;
    zip_t* z = zip_open((path + ".epub").c_str(), ZIP_RDONLY, &err);
    REQUIRE(z);
    zip_stat_t st;
    REQUIRE(zip_stat(z, "EPUB/a.txt", 0, &st) == 0);
    CHECK(st.size == 5000);
    CHECK(st.comp_method == ZIP_CM_DEFLATE);
    zip_close(z);
    std::remove((path + ".epub").c_str());

    auto w = OcfWriter::create(path + "-bad.epub", 0);
    REQUIRE(w);
    REQUIRE((*w)->add("mimetype", "application/epub+zip"));
    REQUIRE((*w)->add_lazy("EPUB/b.txt", []() -> Result<std::string> {
        return Error{Errc::content, "b.md", 3, 0, "cannot render"};
    }));
    auto st2 = (*w)->commit();
    REQUIRE_FALSE(st2);
    CHECK(st2.error.file == "b.md");
    CHECK(st2.error.message == "cannot render");
    FILE* f = std::fopen((path + "-bad.epub").c_str(), "r");
    CHECK(f == nullptr);
    if (f) std::fclose(f);
}

TEST_CASE("deflated entries are written as given and read back intact", "[ocf]") {
    std::string path =
        std::string(P_tmpdir) + "/octavo-test-deflated-" + std::to_string(getpid()) + ".epub";
    std::string text;
    for (int i = 0; i < 500; ++i)
        text += "<p>Paragraph " + std::to_string(i) + " of a kept document.</p>";
    Deflated d = deflate(text);
    CHECK(d.size == text.size());
    CHECK(d.data.size() < text.size() / 3);
    {
        auto w = OcfWriter::create(path, 0);
        REQUIRE(w);
        REQUIRE((*w)->add("mimetype", "application/epub+zip"));
        REQUIRE((*w)->add_deflated("EPUB/kept.xhtml", d));
        REQUIRE((*w)->commit());
    }
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
    REQUIRE(z);
    zip_stat_t st;
    REQUIRE(zip_stat(z, "EPUB/kept.xhtml", 0, &st) == 0);
    CHECK(st.size == text.size());
    CHECK(st.comp_size == d.data.size());
    CHECK(st.comp_method == ZIP_CM_DEFLATE);
    zip_file_t* f = zip_fopen(z, "EPUB/kept.xhtml", 0);
    REQUIRE(f);
    std::string back(text.size(), '\0');
    CHECK(zip_fread(f, back.data(), back.size()) == static_cast<zip_int64_t>(text.size()));
    CHECK(zip_fclose(f) == 0); // 0: the CRC matched
    CHECK(back == text);
    zip_close(z);
    std::remove(path.c_str());
}
