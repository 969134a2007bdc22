// The command line's options (CLI11): what they ask for, and their checks.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace octavo_cli {

constexpr int exit_ok = 0, exit_input = 1, exit_usage = 2;

// What the command line asks for.
struct Command {
    std::vector<std::string> inputs;
    std::string output, metadata_file, title, lang, date, cover, css, base_url, resource_path,
        site_root;
    std::vector<std::string> authors, meta_pairs;
    std::string input_encoding = "utf-8";
    std::string from; // --from: markdown, text or html; empty: by each file's name
    bool whole_page = false;
    bool fetch_images = false; // --fetch-images: a file's remote images fetched and packed
    double timeout = 30;       // --timeout: seconds for each fetch (to connect, and in all)
    // Of feeds: entries since a date, at most so many of each feed, oldest first.
    std::string since;
    std::size_t max_articles = 0;
    bool oldest_first = false;
    bool fetch_entries = false; // --fetch-entries: a summary's page fetched for the article
    bool quiet = false, verbose = false, validate_book = false, check = false, no_cover = false,
         embed_fonts = false, skip_failed = false;
    bool title_given = false, lang_given = false, date_given = false; // even if blank
};

// What each step of run() returns: nothing to go on, or the exit status to end with.
using Next = std::optional<int>;

/// The options, each into its field of c, and the checks of their combinations: nothing to go
/// on, or the exit status to end with (--help, --version, a usage error, each said already).
Next parse_options(int argc, char** argv, Command& c);

} // namespace octavo_cli
