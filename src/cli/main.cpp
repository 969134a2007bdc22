// octavo: the command line. Parses options (CLI11), reads files, prints messages and chooses the
// exit code; everything else is the library's.
#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <new>
#include <sstream>
#include <tuple>

#include "container/output.hpp"
#include "core/text.hpp"
#include "epubcheck.hpp"
#include "octavo/book.hpp"
#include "read/article.hpp"

namespace {

constexpr int exit_ok = 0, exit_input = 1, exit_usage = 2;

void report(const octavo::Error& e, const char* kind = "") {
    std::cerr << "octavo: " << kind << e.describe() << '\n';
}

int exit_code(const octavo::Error& e) {
    return e.code == octavo::Errc::usage ? exit_usage : exit_input;
}

void say(const std::string& what) {
    std::cerr << "octavo: " << what << '\n';
}

// Writes all of bytes to fd; false, with errno set, when a write fails.
bool write_all(int fd, const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) return errno = ENOSPC, false;
        done += static_cast<size_t>(n);
    }
    return true;
}

// Runs epubcheck on book; its output goes to out (and only when it finds something if quiet).
// name is how messages call the book. Returns true when epubcheck found nothing.
bool validate(const octavo_cli::Epubcheck& checker, const std::string& book,
              const std::string& name, std::ostream& out, bool quiet, bool verbose) {
    if (verbose) say("running " + octavo_cli::command_line(checker.argv) + " " + book);
    std::ostringstream held;
    auto v = octavo_cli::run_epubcheck(checker, book, quiet ? held : out);
    if (!v.passed() && quiet) out << held.str() << std::flush;
    if (!v.problem.empty()) {
        say(name + ": " + v.problem);
        return false;
    }
    if (!v.passed())
        say(name + ": epubcheck reported " + v.summary() +
            (v.fatals + v.errors + v.warnings == 0
                 ? " but exited with status " + std::to_string(v.status)
                 : ""));
    else if (!quiet)
        say(name + ": epubcheck reported no errors or warnings");
    return v.passed();
}

// Writes the book into output, which resolve_output found to be a stream: a device, a pipe, or
// the file behind a descriptor (/dev/stdout). It is opened, never created, nor replaced: the
// book, made in memory, is written into it as -o - writes standard output (a regular file behind
// /dev/stdout is emptied first). Returns the exit status.
int write_to_stream(const std::string& output, const std::string& bytes) {
    int fd = ::open(output.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        say(output + ": cannot write the book: " + std::strerror(errno));
        return exit_input;
    }
    if (isatty(fd)) {
        ::close(fd);
        say(output + ": is a terminal: redirect it to a file, or give -o FILE");
        return exit_usage;
    }
    struct stat st {};
    bool ok = (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? ::ftruncate(fd, 0) == 0 : true) &&
              write_all(fd, bytes);
    int e = errno;
    if (::close(fd) != 0 && ok) ok = false, e = errno;
    if (!ok) {
        say(output + ": cannot write the book: " + std::strerror(e));
        return exit_input;
    }
    return exit_ok;
}

// A temporary copy of a book for epubcheck when the book went to standard output or a device;
// removed when the TemporaryFile goes (or by the signal handler). No file when it cannot be made:
// errno says why.
octavo::TemporaryFile save_temporary(const std::string& bytes) {
    const char* dir = std::getenv("TMPDIR");
    octavo::TemporaryFile copy;
    if (!copy.create(std::string(dir && *dir ? dir : "/tmp") + "/octavo-", ".epub")) return copy;
    if (!write_all(copy.fd(), bytes) || !copy.close()) {
        int e = errno;
        copy.remove();
        errno = e;
    }
    return copy;
}

// Signals that end the program: the temporary files (the book being written, epubcheck's copy)
// are removed, then the signal is raised again with its default action, so that the exit status
// is still 128+N (and SIGQUIT still dumps core). SA_RESETHAND restores the default on entry.
extern "C" void remove_temporary_files_and_die(int sig) {
    octavo::remove_temporary_files(); // async-signal-safe: only unlink()
    std::raise(sig);                  // blocked until the handler returns, then fatal
}

void install_signal_handlers() {
    // Past `ulimit -f`, a write fails with EFBIG and the book's clean-up runs, instead of the
    // process being killed with its temporary file left behind.
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGXFSZ, &ignore, nullptr);

    const int fatal[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    struct sigaction on_fatal {};
    on_fatal.sa_handler = remove_temporary_files_and_die;
    sigemptyset(&on_fatal.sa_mask);
    for (int sig : fatal)
        sigaddset(&on_fatal.sa_mask, sig);
    on_fatal.sa_flags = SA_RESETHAND;
    for (int sig : fatal) {
        struct sigaction old {};
        // A signal ignored when octavo started (nohup, a background job) stays ignored.
        if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        sigaction(sig, &on_fatal, nullptr);
    }
}

int run(int argc, char** argv);

// Ends the process once run() has cleaned up after itself (its temporary files are gone). What
// is left, static and thread-local objects such as the deflate compressor's 650 KB mapping, is
// not destroyed piece by piece: the kernel takes the whole process back at once, and destroying
// them was 4% of a one-article run. Under AddressSanitizer main returns, so that LeakSanitizer
// still checks what was left.
int leave(int rc) {
#if defined(__SANITIZE_ADDRESS__)
    return rc;
#else
    std::cout.flush();
    std::fflush(nullptr);
    _exit(rc);
#endif
}

} // namespace

// Out of memory (or anything else thrown) ends with a message and exit 1, after the destructors
// have run: the temporary file of a book being written is removed by its owner.
int main(int argc, char** argv) {
    // libzip 1.7 stores an entry's time by converting it through the local time zone, and a time
    // in that zone's daylight-saving gap moves by an hour: SOURCE_DATE_EPOCH=1552185000 (02:30 UTC)
    // gave other bytes under TZ=America/New_York. octavo shows no local time, so it runs in UTC,
    // which has no gap: the same bytes in every zone (and no reading of /etc/localtime).
    setenv("TZ", "UTC0", 1);
    install_signal_handlers();
    int rc = exit_input;
    try {
        rc = run(argc, argv);
    } catch (const std::bad_alloc&) {
        std::fputs("octavo: out of memory\n", stderr); // no allocation: there may be none left
    } catch (const std::exception& e) {
        say(e.what());
    }
    return leave(rc);
}

namespace {

int run(int argc, char** argv) {
    CLI::App app{"octavo packages articles (Markdown or plain text) into EPUB 3 books.", "octavo"};
    app.footer(
        "Examples:\n"
        "  octavo article.md                        # writes <title>.epub in this folder\n"
        "  octavo article.md -o article.epub\n"
        "  octavo notes.txt --title Notes --author \"A. Writer\" --lang en -o notes.epub\n"
        "  octavo mon.md tue.txt wed.md --title \"A week\" -o week.epub   # a volume\n"
        "  octavo volume.yaml -o volume.epub      # a volume file: metadata and articles\n"
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
    std::vector<std::string> inputs;
    std::string output, metadata_file, title, lang, date, cover, css;
    std::vector<std::string> authors;
    std::string input_encoding = "utf-8";
    // An empty file name (-o "$OUT" with OUT unset) is a usage error naming the option: it was
    // taken as no option at all (-o '' wrote TITLE.epub in the current folder; --css '',
    // --cover '' and --metadata-file '' did nothing), and an empty input gave ": cannot read".
    auto non_empty = [](const char* advice) {
        return CLI::Validator(
            [advice](std::string& name) {
                return name.empty() ? std::string("empty file name") + advice : std::string();
            },
            "");
    };
    const CLI::Validator file_name = non_empty(": give a file, or leave the option out");
    bool quiet = false, verbose = false, validate_book = false, check = false, no_cover = false,
         embed_fonts = false;
    auto* inputs_opt =
        app.add_option("inputs", inputs,
                       "Article files: .md (Markdown) or .txt (plain text), - for Markdown on "
                       "standard input; several make a volume, as does one volume file (.yaml, "
                       ".yml); with --check, EPUBs")
            ->type_name("INPUT")
            ->check(non_empty(""));
    auto* output_opt =
        app.add_option("-o,--output", output,
                       "The EPUB to write; - for standard output (default: named after the title)")
            ->type_name("FILE")
            ->check(file_name);
    auto* metadata_opt =
        app.add_option("--metadata-file", metadata_file, "YAML file with metadata (pandoc's keys)")
            ->type_name("FILE")
            ->check(file_name);
    std::vector<std::string> meta_pairs;
    auto* meta_opt = app.add_option("-M,--metadata", meta_pairs,
                                    "Metadata, as pandoc's -M: title, subtitle, author, date, "
                                    "lang, publisher, rights, description, subject, identifier; "
                                    "a key given again makes a list (overrides the article's)")
                         ->type_name("KEY=VALUE")
                         ->allow_extra_args(false);
    auto* title_opt = app.add_option("--title", title, "Title (overrides the article's)");
    // One value per --author: `--author "A. Writer" notes.txt` took notes.txt for a second author.
    auto* author_opt =
        app.add_option("--author", authors, "Author; repeat for several (overrides the article's)")
            ->allow_extra_args(false);
    auto* lang_opt = app.add_option("--lang", lang, "Language, a BCP 47 tag such as en or ar");
    auto* date_opt = app.add_option("--date", date, "Date, YYYY-MM-DD");
    auto* encoding_opt =
        app.add_option("--input-encoding", input_encoding,
                       "Encoding of the inputs: utf-8 or latin1")
            ->check(CLI::IsMember({"utf-8", "utf8", "latin1", "iso-8859-1"}, CLI::ignore_case))
            ->type_name("ENC");
    auto* cover_opt =
        app.add_option("--cover", cover, "Cover image, JPEG or PNG (overrides cover-image)")
            ->type_name("FILE")
            ->check(file_name);
    auto* no_cover_opt = app.add_flag("--no-cover", no_cover,
                                      "No cover (none is drawn when the metadata gives none)");
    auto* css_opt =
        app.add_option("--css", css, "A stylesheet of your own, linked after the default one")
            ->type_name("FILE")
            ->check(file_name);
    auto* fonts_opt = app.add_flag("--embed-fonts", embed_fonts,
                                   "Let the --css stylesheet embed fonts (@font-face)")
                          ->needs(css_opt);
    auto* validate_opt = app.add_flag("--validate", validate_book,
                                      "Run epubcheck on the book just written; fail on any error "
                                      "or warning");
    app.add_flag("--check", check, "Run epubcheck on the EPUB files given instead of writing one");
    app.add_flag("-q,--quiet", quiet,
                 "Print no warnings, no progress line, and epubcheck's report only when it "
                 "finds something");
    app.add_flag("-v,--verbose", verbose, "Say what octavo reads, writes and runs");
    app.set_version_flag("-V,--version", std::string("octavo ") + octavo::version());

    try {
        app.parse(argc, argv);
        if (inputs_opt->count() == 0)
            throw CLI::RequiredError(check ? "an EPUB to check" : "an article to package");
        if (quiet && verbose) throw CLI::ExcludesError("--quiet", "--verbose");
        if (no_cover && cover_opt->count() > 0) throw CLI::ExcludesError("--no-cover", "--cover");
        for (auto* o :
             {output_opt, metadata_opt, meta_opt, title_opt, author_opt, lang_opt, date_opt,
              validate_opt, cover_opt, no_cover_opt, css_opt, fonts_opt, encoding_opt})
            if (check && o->count() > 0) throw CLI::ExcludesError("--check", o->get_name());
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "octavo: " << e.what() << "\nRun 'octavo --help' for usage.\n";
        return exit_usage;
    }

    if (check) {
        auto checker = octavo_cli::find_epubcheck();
        if (checker.argv.empty()) return say(checker.problem), exit_input;
        bool all = true;
        for (const auto& book : inputs) {
            if (access(book.c_str(), R_OK) != 0) {
                say(book + ": cannot read: " + std::strerror(errno));
                all = false;
                continue;
            }
            // epubcheck would wait for ever on a FIFO and give no verdict on a directory or a
            // device: an EPUB is a file.
            struct stat st {};
            if (stat(book.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
                say(book + (S_ISDIR(st.st_mode) ? ": is a directory, not an EPUB"
                                                : ": is not a regular file, not an EPUB"));
                all = false;
                continue;
            }
            all = validate(checker, book, book, std::cout, quiet, verbose) && all;
        }
        return all ? exit_ok : exit_input;
    }

    // A volume file is a book's whole list of articles: among other inputs it would be read as a
    // Markdown article, its YAML source a chapter.
    if (inputs.size() > 1)
        for (const auto& in : inputs)
            if (octavo::is_volume_file_name(in)) {
                say(in + ": a volume file must be the only input: give one volume file "
                         "alone, or article files (.md, .txt; several with --title)");
                return exit_usage;
            }

    const bool to_stdout = output == "-";
    if (to_stdout && isatty(STDOUT_FILENO)) {
        say("standard output is a terminal: redirect it to a file, or give -o FILE");
        return exit_usage;
    }
    octavo_cli::Epubcheck checker;
    if (validate_book) {
        checker = octavo_cli::find_epubcheck();
        if (checker.argv.empty()) return say(checker.problem), exit_input;
    }

    octavo::Warnings warnings;
    auto flush_warnings = [&] {
        if (!quiet)
            for (const auto& w : warnings)
                report(w, "warning: ");
        warnings.clear();
    };

    // Text given on the command line goes into the book: it must be UTF-8, as files must.
    std::vector<std::pair<const char*, const std::string*>> texts{
        {"--title", &title}, {"--lang", &lang}, {"--date", &date}};
    for (const auto& a : authors)
        texts.push_back({"--author", &a});
    for (const auto& m : meta_pairs)
        texts.push_back({"-M", &m});
    for (auto [name, value] : texts)
        if (auto bad = octavo::find_invalid_utf8(*value)) {
            say(std::string(name) + ": not valid UTF-8 (byte offset " +
                std::to_string(bad->offset) + "); give the text in UTF-8");
            return exit_input;
        }

    octavo::BookOptions options;
    options.encoding = input_encoding.rfind("utf", 0) == 0 || input_encoding.rfind("UTF", 0) == 0
                           ? octavo::Encoding::utf8
                           : octavo::Encoding::latin1;
    if (!metadata_file.empty()) {
        auto meta = octavo::read_metadata_file(metadata_file, warnings, options.encoding);
        if (!meta) return report(meta.error()), exit_input;
        options.meta = std::move(*meta);
    }
    // -M KEY=VALUE, as pandoc's: over the metadata file, under --title, --author, --lang, --date.
    if (!meta_pairs.empty()) {
        std::vector<std::pair<std::string, std::string>> pairs;
        for (const auto& m : meta_pairs) {
            size_t eq = m.find('=');
            if (eq == 0 || eq == std::string::npos) {
                say("-M " + m + ": give KEY=VALUE, such as -M publisher='The New Arab'");
                return exit_usage;
            }
            if (octavo::metadata_text(std::string_view(m).substr(eq + 1)).empty()) {
                say("-M " + m + ": the value is blank (only white space or control characters): " +
                    "give a value, or leave the option out");
                return exit_usage;
            }
            pairs.emplace_back(m.substr(0, eq), m.substr(eq + 1));
        }
        auto meta = octavo::metadata_from_pairs(pairs, warnings);
        if (!meta) return report(meta.error()), exit_input;
        options.meta.merge(*meta);
    }
    // The same values as front matter would keep (octavo::metadata_text): white space collapsed
    // and trimmed, characters XML forbids removed. A blank title, language or date is a usage
    // error naming the option (a book needs a title, and an empty value would fall back to the
    // article's without a word); a blank author is left out with a warning.
    octavo::Metadata cli;
    for (auto [name, opt, value, field] :
         {std::tuple<const char*, CLI::Option*, const std::string*, std::string*>{
              "--title", title_opt, &title, &cli.title},
          {"--lang", lang_opt, &lang, &cli.lang},
          {"--date", date_opt, &date, &cli.date}}) {
        *field = octavo::metadata_text(*value);
        if (opt->count() > 0 && field->empty()) {
            say(std::string(name) + ": the value is blank (only white space or control " +
                "characters): give " + (opt == title_opt ? "a title" : "a value") +
                ", or leave the option out");
            return exit_usage;
        }
    }
    cli.cover_image = cover;
    for (const auto& a : authors) {
        std::string name = octavo::metadata_text(a);
        if (!name.empty())
            cli.authors.push_back({name, "aut", ""});
        else
            warnings.push_back({octavo::Errc::metadata, "--author", 0, 0,
                                "a blank name (only white space or control characters) is "
                                "left out"});
    }
    for (auto [key, given] : {std::pair<const char*, bool>{"title", !cli.title.empty()},
                              {"lang", !cli.lang.empty()},
                              {"date", !cli.date.empty()},
                              {"author", !cli.authors.empty()},
                              {"cover-image", !cover.empty()}})
        if (given) cli.origins.push_back({key, "command line", 0});
    options.meta.merge(cli);
    options.cover = !no_cover;
    options.embed_fonts = embed_fonts;
    if (!css.empty()) {
        auto text = octavo::load_file(css);
        if (!text) return report(text.error()), exit_input;
        options.user_css = std::move(*text);
        options.user_css_file = css;
    }

    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        errno = 0;
        long long t = std::strtoll(sde, &end, 10);
        if (!*sde || *end || !(std::isdigit(static_cast<unsigned char>(*sde)) || *sde == '-')) {
            std::cerr << "octavo: SOURCE_DATE_EPOCH must be a number of seconds since 1970, not '"
                      << sde << "'\n";
            return exit_usage;
        }
        // Negative times are not SOURCE_DATE_EPOCH's; past 9999, dcterms:modified cannot say.
        if (errno == ERANGE || t < 0 || t > octavo::max_timestamp) {
            std::cerr << "octavo: SOURCE_DATE_EPOCH '" << sde
                      << "' is out of range: give seconds from 0 (1970-01-01T00:00:00Z) to "
                      << octavo::max_timestamp << " (9999-12-31T23:59:59Z)\n";
            return exit_usage;
        }
        options.timestamp = t;
    }

    octavo::Volume volume;
    const bool volume_file = inputs.size() == 1 && octavo::is_volume_file_name(inputs[0]);
    if (volume_file) {
        auto v = octavo::read_volume_file(inputs[0], warnings, options.encoding);
        if (!v) {
            flush_warnings();
            report(v.error());
            return exit_code(v.error());
        }
        volume = std::move(*v);
        options.volume = true;
        if (verbose)
            say("read " + inputs[0] + ": " + std::to_string(volume.items.size()) + " articles");
    } else {
        if (std::count(inputs.begin(), inputs.end(), "-") > 1) {
            say("-: standard input can be given once");
            return exit_usage;
        }
        for (const auto& in : inputs)
            volume.items.push_back({in, {}});
    }
    if (verbose)
        for (const auto& item : volume.items)
            say("reading " + item.path);

    const bool derived = output.empty();
    if (derived) {
        // Named after the title: the command line's, the volume's, or the single article's.
        std::string t = !options.meta.title.empty() ? options.meta.title : volume.meta.title;
        if (t.empty() && volume_file) t = std::filesystem::path(inputs[0]).stem().string();
        if (t.empty() && volume.items.size() == 1) {
            octavo::Warnings ignored;
            auto a = octavo::read_article_file(volume.items[0].path, ignored, options.encoding);
            if (a) t = a->meta.title;
        }
        output = octavo::book_file_name(t);
        if (output.empty()) // no usable title: the first input's name
            output = (inputs[0] == "-" ? std::string("article")
                                       : std::filesystem::path(inputs[0]).stem().string()) +
                     ".epub";
    }
    // Where the book goes: standard output (-o -); a file, replaced through a temporary file
    // beside it (through a symbolic link, the file the link points to); or a device, a pipe or
    // /dev/stdout, which are never replaced: the book is made in memory and written into them,
    // as into standard output.
    bool to_stream = false;
    if (!to_stdout) {
        auto target = octavo::resolve_output(output);
        if (!target) return report(target.error()), exit_input;
        to_stream = target->kind == octavo::OutputTarget::Kind::stream;
    }
    const bool in_memory = to_stdout || to_stream;
    // The files read here; the library checks the articles, the volume file and the images.
    for (const auto* in : {&metadata_file, &css})
        if (!to_stdout && octavo::same_file(*in, output)) {
            say(output + ": the book would overwrite its input " + *in);
            return exit_input;
        }

    // A progress line for long volumes, only on a terminal.
    bool shown = false;
    if (!quiet && volume.items.size() > 50 && isatty(STDERR_FILENO)) {
        options.progress = [&](const char* phase, size_t done, size_t total) {
            if (done != total && done % 25 != 0) return;
            std::cerr << "\roctavo: " << phase << ' ' << done << '/' << total << " articles   "
                      << std::flush;
            shown = true;
        };
    }
    auto end_progress = [&] {
        if (shown) std::cerr << '\n';
        shown = false;
    };

    std::string bytes;
    if (in_memory) {
        auto r = octavo::write_volume_to_memory(volume, options, warnings);
        end_progress();
        flush_warnings();
        if (!r) return report(r.error()), exit_code(r.error());
        bytes = std::move(*r);
        if (to_stdout && !write_all(STDOUT_FILENO, bytes)) {
            say(std::string("cannot write to standard output: ") + std::strerror(errno));
            return exit_input;
        }
        if (to_stream)
            if (int rc = write_to_stream(output, bytes); rc != exit_ok) return rc;
        if (verbose)
            say("wrote the book to " + (to_stdout ? std::string("standard output") : output) +
                " (" + std::to_string(bytes.size()) + " bytes)");
    } else {
        auto st = octavo::write_volume(volume, options, output, warnings);
        end_progress();
        flush_warnings();
        if (!st) return report(st.error), exit_code(st.error);
        std::error_code ec;
        auto size = std::filesystem::file_size(output, ec);
        if (verbose)
            say("wrote " + output + " (" + std::to_string(size) + " bytes)");
        else if (derived && !quiet)
            say("wrote " + output);
    }

    if (!validate_book) return exit_ok;
    if (!in_memory)
        return validate(checker, output, output, std::cout, quiet, verbose) ? exit_ok : exit_input;
    // The book went to standard output or a device: epubcheck reads a temporary copy (removed
    // when `copy` goes) and reports on stderr.
    octavo::TemporaryFile copy = save_temporary(bytes);
    if (copy.path().empty()) {
        say(std::string("cannot save a copy of the book for epubcheck: ") + std::strerror(errno));
        return exit_input;
    }
    bool ok = validate(checker, copy.path(), to_stdout ? "standard output" : output, std::cerr,
                       quiet, verbose);
    return ok ? exit_ok : exit_input;
}

} // namespace
