// octavo: the command line. Parses options (CLI11), reads files, prints messages and chooses the
// exit code; everything else is the library's.
#include <CLI/CLI.hpp>

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
        "  SOURCE_DATE_EPOCH=1558396800 octavo article.md -o article.epub   (reproducible)\n\n"
        "Exit status: 0 success, 1 bad input or a failed write, 2 usage error.");
    std::vector<std::string> inputs;
    std::string output, metadata_file, title, lang, date;
    std::vector<std::string> authors;
    std::string input_encoding = "utf-8";
    bool quiet = false;
    app.add_option("inputs", inputs, "Article files: .md (Markdown) or .txt (plain text)")
        ->required()
        ->type_name("INPUT");
    app.add_option("-o,--output", output, "The EPUB file to write")->required()->type_name("FILE");
    app.add_option("--metadata-file", metadata_file, "YAML file with metadata (pandoc's keys)")
        ->type_name("FILE");
    app.add_option("--title", title, "Title (overrides the article's)");
    app.add_option("--author", authors, "Author; repeat for several (overrides the article's)");
    app.add_option("--lang", lang, "Language, a BCP 47 tag such as en or ar");
    app.add_option("--date", date, "Date, YYYY-MM-DD");
    app.add_option("--input-encoding", input_encoding, "Encoding of the inputs: utf-8 or latin1")
        ->check(CLI::IsMember({"utf-8", "utf8", "latin1", "iso-8859-1"}, CLI::ignore_case))
        ->type_name("ENC");
    app.add_flag("-q,--quiet", quiet, "Print no warnings");
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
        if (octavo::same_file(metadata_file, output)) {
            std::cerr << "octavo: " << output << ": the book would overwrite its input "
                      << metadata_file << '\n';
            return exit_input;
        }
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
    for (const auto& a : authors)
        cli.authors.push_back({a, "aut", ""});
    for (auto [key, given] : {std::pair<const char*, bool>{"title", !title.empty()},
                              {"lang", !lang.empty()},
                              {"date", !date.empty()},
                              {"author", !authors.empty()}})
        if (given) cli.origins.push_back({key, "command line", 0});
    options.meta.merge(cli);

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

    const auto encoding = input_encoding.rfind("utf", 0) == 0 || input_encoding.rfind("UTF", 0) == 0
                              ? octavo::Encoding::utf8
                              : octavo::Encoding::latin1;
    std::vector<octavo::Article> articles;
    for (const auto& in : inputs) {
        auto a = octavo::read_article_file(in, warnings, encoding);
        if (!a) {
            flush_warnings();
            report(a.error());
            return exit_code(a.error());
        }
        articles.push_back(std::move(*a));
    }
    auto st = octavo::write_book(std::move(articles), options, output, warnings);
    flush_warnings();
    if (!st) {
        report(st.error);
        return exit_code(st.error);
    }
    return exit_ok;
}
