#include "options.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "octavo/book.hpp"

namespace octavo_cli {

namespace {

void describe(CLI::App& app) {
    app.footer(
        "Examples:\n"
        "  octavo article.md                        # writes <title>.epub in this folder\n"
        "  octavo article.md -o article.epub\n"
        "  octavo notes.txt --title Notes --author \"A. Writer\" --lang en -o notes.epub\n"
        "  octavo mon.md tue.txt wed.md --title \"A week\" -o week.epub   # a volume\n"
        "  octavo volume.yaml -o volume.epub      # a volume file: metadata and articles\n"
        "  octavo https://example.org/post -o post.epub   # a web page, its images fetched\n"
        "  octavo blog.atom --max-articles 10 -o blog.epub   # a feed: its latest entries\n"
        "  octavo a.xml b.rss --title \"Week 49\" --since 2026-11-30 -o week.epub\n"
        "  octavo article.md -o - > article.epub    # the book on standard output\n"
        "  octavo --validate article.md -o a.epub   # then run epubcheck on it\n"
        "  octavo --check book.epub                 # run epubcheck on an existing book\n"
        "  SOURCE_DATE_EPOCH=1558396800 octavo article.md -o a.epub   # same bytes every time\n"
        "\n"
        "Environment: SOURCE_DATE_EPOCH (seconds since 1970) sets every time in the book;\n"
        "EPUBCHECK names the epubcheck jar or command that --validate and --check run.\n"
        "\n"
        "Exit status: 0 success; 1 bad input, a failed write, or epubcheck found an error or a\n"
        "warning (or could not run); 2 usage error. The manual: man octavo.");
}

// An empty file name (-o "$OUT" with OUT unset) is a usage error naming the option: it was taken
// as no option at all (-o '' wrote TITLE.epub in the current folder; --css '', --cover '' and
// --metadata-file '' did nothing), and an empty input gave ": cannot read".
CLI::Validator non_empty(const char* advice) {
    return CLI::Validator(
        [advice](std::string& name) {
            return name.empty() ? std::string("empty file name") + advice : std::string();
        },
        "");
}

// The options that make a book, into c's fields; returns them in the order --check names the
// first it excludes.
std::vector<CLI::Option*> add_book_options(CLI::App& app, Command& c) {
    const CLI::Validator file_name = non_empty(": give a file, or leave the option out");
    auto* output_opt =
        app.add_option("-o,--output", c.output,
                       "The EPUB to write; - for standard output (default: named after the title)")
            ->type_name("FILE")
            ->check(file_name);
    auto* metadata_opt = app.add_option("--metadata-file", c.metadata_file,
                                        "YAML file with metadata (pandoc's keys)")
                             ->type_name("FILE")
                             ->check(file_name);
    auto* meta_opt = app.add_option("-M,--metadata", c.meta_pairs,
                                    "Metadata, as pandoc's -M: title, subtitle, author, date, "
                                    "lang, publisher, rights, description, subject, identifier; "
                                    "a key given again makes a list (overrides the article's)")
                         ->type_name("KEY=VALUE")
                         ->allow_extra_args(false);
    auto* title_opt = app.add_option("--title", c.title, "Title (overrides the article's)");
    // One value per --author: `--author "A. Writer" notes.txt` took notes.txt for a second author.
    auto* author_opt = app.add_option("--author", c.authors,
                                      "Author; repeat for several (overrides the article's)")
                           ->allow_extra_args(false);
    auto* lang_opt = app.add_option("--lang", c.lang, "Language, a BCP 47 tag such as en or ar");
    auto* date_opt = app.add_option("--date", c.date, "Date, YYYY-MM-DD");
    auto* encoding_opt =
        app.add_option("--input-encoding", c.input_encoding,
                       "Encoding of the inputs: utf-8 or latin1")
            ->check(CLI::IsMember({"utf-8", "utf8", "latin1", "iso-8859-1"}, CLI::ignore_case))
            ->type_name("ENC");
    app.add_option("--from", c.from,
                   "Format of the inputs, whatever their names say: markdown, text or html")
        ->check(CLI::IsMember({"markdown", "md", "text", "txt", "html"}, CLI::ignore_case))
        ->type_name("FORMAT");
    app.add_flag("--whole-page", c.whole_page,
                 "Of an HTML page, keep the whole <body>, not only the article found in it");
    auto* since_opt = app.add_option("--since", c.since,
                                     "Of a feed, only the entries published since DATE "
                                     "(2024-12-01, or any form a feed's dates take)")
                          ->type_name("DATE");
    auto* max_opt = app.add_option("--max-articles", c.max_articles,
                                   "Of each feed, at most N entries: the first it lists (its "
                                   "newest)")
                        ->type_name("N")
                        ->check(CLI::PositiveNumber);
    auto* oldest_opt = app.add_flag("--oldest-first", c.oldest_first,
                                    "A feed's entries oldest first (feeds list the newest first)");
    auto* entries_opt =
        app.add_flag("--fetch-entries", c.fetch_entries,
                     "Of a feed whose entries give only a summary, fetch each entry's page and "
                     "take its article from it");
    auto* cover_opt =
        app.add_option("--cover", c.cover, "Cover image, JPEG or PNG (overrides cover-image)")
            ->type_name("FILE")
            ->check(file_name);
    auto* no_cover_opt = app.add_flag("--no-cover", c.no_cover,
                                      "No cover (none is drawn when the metadata gives none)");
    auto* css_opt =
        app.add_option("--css", c.css, "A stylesheet of your own, linked after the default one")
            ->type_name("FILE")
            ->check(file_name);
    auto* fonts_opt = app.add_flag("--embed-fonts", c.embed_fonts,
                                   "Let the --css stylesheet embed fonts (@font-face)")
                          ->needs(css_opt);
    app.add_option("--base-url", c.base_url,
                   "Where the articles' site is published: links to its other pages point there")
        ->type_name("URL")
        ->check([](const std::string& v) {
            return v.rfind("https://", 0) == 0 || v.rfind("http://", 0) == 0
                       ? std::string()
                       : std::string("an http:// or https:// URL");
        });
    // A folder that bounds nothing an article may read is refused: "/" would let an article
    // name any image on the machine.
    const CLI::Validator folder = CLI::Validator(
        [](std::string& value) {
            std::string bad;
            size_t start = 0;
            while (bad.empty() && start <= value.size()) {
                size_t end = value.find(':', start);
                std::string dir = value.substr(start, end == std::string::npos ? end : end - start);
                std::error_code ec;
                if (dir.empty())
                    bad = "an empty folder name";
                else if (!std::filesystem::is_directory(dir, ec))
                    bad = "'" + dir + "' is not a folder";
                else if (std::filesystem::canonical(dir, ec) == "/")
                    bad =
                        "'" + dir + "' is the root of the file system: give the site's own folder";
                if (end == std::string::npos) break;
                start = end + 1;
            }
            return bad;
        },
        "");
    auto* resource_opt =
        app.add_option("--resource-path", c.resource_path,
                       "Folders, separated by ':', where relative image paths are also looked "
                       "for after the article's folder (as pandoc's)")
            ->type_name("DIR[:DIR...]")
            ->check(folder);
    auto* site_root_opt =
        app.add_option("--site-root", c.site_root,
                       "The folder site-absolute image paths (/images/x.png) resolve against "
                       "(default: found above each article: _config.yml, hugo.toml, .git)")
            ->type_name("DIR")
            ->check(folder);
    auto* skip_opt = app.add_flag("--skip-failed", c.skip_failed,
                                  "In a volume, leave out the articles that cannot be packaged "
                                  "(each named in a warning) and write the rest");
    auto* fetch_images_opt =
        app.add_flag("--fetch-images", c.fetch_images,
                     "Fetch the remote images (http, https) of articles read from files and pack "
                     "them (a URL's images are always fetched); otherwise they stay links");
    auto* timeout_opt =
        app.add_option("--timeout", c.timeout,
                       "Seconds each fetch may take, to connect and in all (default 30)")
            ->type_name("SECONDS")
            ->check(CLI::Validator(
                [](std::string& v) {
                    char* end = nullptr;
                    double d = std::strtod(v.c_str(), &end);
                    return !v.empty() && *end == '\0' && d >= 0.1 && d <= 3600
                               ? std::string()
                               : "'" + v + "': give a number of seconds from 0.1 to 3600";
                },
                ""));
    auto* validate_opt = app.add_flag("--validate", c.validate_book,
                                      "Run epubcheck on the book just written; fail on any error "
                                      "or warning");
    return {output_opt,   metadata_opt, meta_opt,     title_opt,     author_opt,       lang_opt,
            date_opt,     validate_opt, cover_opt,    no_cover_opt,  css_opt,          fonts_opt,
            encoding_opt, skip_opt,     resource_opt, site_root_opt, fetch_images_opt, timeout_opt,
            since_opt,    max_opt,      oldest_opt,   entries_opt};
}

} // namespace

Next parse_options(int argc, char** argv, Command& c) {
    CLI::App app{"octavo packages articles (Markdown, plain text or HTML pages) into EPUB 3 books.",
                 "octavo"};
    describe(app);
    auto* inputs_opt =
        app.add_option("inputs", c.inputs,
                       "Article files: .md (Markdown), .txt (plain text), .html (a web page) or a "
                       "feed (Atom, RSS, JSON Feed; each entry an article), http:// or https:// "
                       "URLs of pages (fetched), - for Markdown on "
                       "standard input; several make a volume, as does one volume file (.yaml, "
                       ".yml); with --check, EPUBs")
            ->type_name("INPUT")
            ->check(non_empty(""));
    const std::vector<CLI::Option*> book_opts = add_book_options(app, c);
    app.add_flag("--check", c.check,
                 "Run epubcheck on the EPUB files given instead of writing one");
    app.add_flag("-q,--quiet", c.quiet,
                 "Print no warnings, no progress line, and epubcheck's report only when it "
                 "finds something");
    app.add_flag("-v,--verbose", c.verbose, "Say what octavo reads, writes and runs");
    app.set_version_flag("-V,--version", std::string("octavo ") + octavo::version());
    try {
        app.parse(argc, argv);
        if (inputs_opt->count() == 0)
            throw CLI::RequiredError(c.check ? "an EPUB to check" : "an article to package");
        if (c.quiet && c.verbose) throw CLI::ExcludesError("--quiet", "--verbose");
        if (c.no_cover && app.get_option("--cover")->count() > 0)
            throw CLI::ExcludesError("--no-cover", "--cover");
        for (auto* o : book_opts)
            if (c.check && o->count() > 0) throw CLI::ExcludesError("--check", o->get_name());
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "octavo: " << e.what() << "\nRun 'octavo --help' for usage.\n";
        return exit_usage;
    }
    c.title_given = app.get_option("--title")->count() > 0;
    c.lang_given = app.get_option("--lang")->count() > 0;
    c.date_given = app.get_option("--date")->count() > 0;
    return std::nullopt;
}

} // namespace octavo_cli
