// octavo: the command line. Parses options (CLI11), reads files, prints messages and chooses the
// exit code; everything else is the library's.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "octavo/article.hpp"
#include "octavo/book.hpp"

namespace {

constexpr int exit_ok = 0, exit_input = 1, exit_usage = 2;

void report(const octavo::Error& e, const char* kind = "") {
    std::cerr << "octavo: " << kind << e.describe() << '\n';
}

int exit_code(const octavo::Error& e) {
    return e.code == octavo::Errc::usage ? exit_usage : exit_input;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"octavo packages articles (Markdown or plain text) into EPUB 3 books.", "octavo"};
    app.footer(
        "Examples:\n"
        "  octavo article.md -o article.epub\n"
        "  octavo notes.txt --title \"Notes\" --author \"A. Writer\" --lang en -o notes.epub\n"
        "  octavo mon.md tue.txt wed.md --title \"A week\" -o week.epub   (a volume)\n"
        "  octavo volume.yaml -o volume.epub   (a volume file: metadata and a list of articles)\n"
        "  SOURCE_DATE_EPOCH=1558396800 octavo article.md -o article.epub   (reproducible)\n\n"
        "Exit status: 0 success, 1 bad input or a failed write, 2 usage error.");
    std::vector<std::string> inputs;
    std::string output, metadata_file, title, lang, date, cover, css;
    std::vector<std::string> authors;
    bool quiet = false, no_cover = false;
    app.add_option("inputs", inputs,
                   "Article files: .md (Markdown) or .txt (plain text); several make a volume; "
                   "or one volume file (.yaml, .yml)")
        ->required()
        ->type_name("INPUT");
    app.add_option("-o,--output", output, "The EPUB file to write")->required()->type_name("FILE");
    app.add_option("--metadata-file", metadata_file, "YAML file with metadata (pandoc's keys)")
        ->type_name("FILE");
    app.add_option("--title", title, "Title (overrides the article's)");
    app.add_option("--author", authors, "Author; repeat for several (overrides the article's)");
    app.add_option("--lang", lang, "Language, a BCP 47 tag such as en or ar");
    app.add_option("--date", date, "Date, YYYY-MM-DD");
    auto* cover_opt =
        app.add_option("--cover", cover, "Cover image, JPEG or PNG (overrides cover-image)")
            ->type_name("FILE");
    app.add_flag("--no-cover", no_cover, "No cover (none is drawn when the metadata gives none)")
        ->excludes(cover_opt);
    app.add_option("--css", css, "A stylesheet of your own, linked after the default one")
        ->type_name("FILE");
    app.add_flag("-q,--quiet", quiet, "Print no warnings and no progress");
    app.set_version_flag("-V,--version", std::string("octavo ") + octavo::version());

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "octavo: " << e.what() << "\nRun 'octavo --help' for usage.\n";
        return exit_usage;
    }

    octavo::Warnings warnings;
    auto flush_warnings = [&] {
        if (!quiet)
            for (const auto& w : warnings)
                report(w, "warning: ");
        warnings.clear();
    };

    octavo::BookOptions options;
    if (!metadata_file.empty()) {
        auto text = octavo::read_file(metadata_file);
        if (!text) return report(text.error()), exit_input;
        auto meta = octavo::parse_metadata(*text, metadata_file, 0, warnings);
        if (!meta) return report(meta.error()), exit_input;
        options.meta = std::move(*meta);
    }
    octavo::Metadata cli;
    cli.title = title;
    cli.lang = lang;
    cli.date = date;
    cli.cover_image = cover;
    for (const auto& a : authors)
        cli.authors.push_back({a, "aut", ""});
    for (auto [key, given] : {std::pair<const char*, bool>{"title", !title.empty()},
                              {"lang", !lang.empty()},
                              {"date", !date.empty()},
                              {"author", !authors.empty()},
                              {"cover-image", !cover.empty()}})
        if (given) cli.origins.push_back({key, "command line", 0});
    options.meta.merge(cli);
    options.cover = !no_cover;
    if (!css.empty()) {
        auto text = octavo::read_file(css);
        if (!text) return report(text.error()), exit_input;
        options.user_css = std::move(*text);
    }

    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        long long t = std::strtoll(sde, &end, 10);
        if (!*sde || *end || t < 0) {
            std::cerr << "octavo: SOURCE_DATE_EPOCH must be a number of seconds, not '" << sde
                      << "'\n";
            return exit_usage;
        }
        options.timestamp = t;
    }

    auto ends_with = [](const std::string& s, const char* end) {
        std::string e = end;
        return s.size() > e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
    };
    octavo::Volume volume;
    if (inputs.size() == 1 && (ends_with(inputs[0], ".yaml") || ends_with(inputs[0], ".yml"))) {
        auto v = octavo::read_volume_file(inputs[0], warnings);
        if (!v) {
            flush_warnings();
            report(v.error());
            return exit_code(v.error());
        }
        volume = std::move(*v);
        options.volume = true;
    } else {
        for (const auto& in : inputs)
            volume.items.push_back({in, {}});
    }

    // A progress line for long volumes, only on a terminal.
    bool show = !quiet && volume.items.size() > 50 && isatty(STDERR_FILENO);
    bool shown = false;
    if (show) {
        options.progress = [&](const char* phase, size_t done, size_t total) {
            if (done != total && done % 25 != 0) return;
            std::cerr << "\roctavo: " << phase << ' ' << done << '/' << total << " articles   "
                      << std::flush;
            shown = true;
        };
    }
    auto st = octavo::write_volume(volume, options, output, warnings);
    if (shown) std::cerr << '\n';
    flush_warnings();
    if (!st) {
        report(st.error);
        return exit_code(st.error);
    }
    return exit_ok;
}
