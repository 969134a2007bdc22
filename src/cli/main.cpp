// octavo: the command line. Reads files, prints messages and chooses the exit code (the options
// are options.cpp's); everything else is the library's.
#include <fcntl.h>
#include <malloc.h>
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
#include <functional>
#include <iostream>
#include <new>
#include <optional>
#include <sstream>
#include <tuple>

#include "container/output.hpp"
#include "core/text.hpp"
#include "epubcheck.hpp"
#include "octavo/book.hpp"
#include "octavo/feed.hpp"
#include "options.hpp"
#include "read/article.hpp"

namespace {
using namespace octavo_cli;

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

// --check: epubcheck on each book given.
int check_books(const Command& c) {
    auto checker = octavo_cli::find_epubcheck();
    if (checker.argv.empty()) return say(checker.problem), exit_input;
    bool all = true;
    for (const auto& book : c.inputs) {
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
        all = validate(checker, book, book, std::cout, c.quiet, c.verbose) && all;
    }
    return all ? exit_ok : exit_input;
}

// A volume file is a book's whole list of articles, and the book goes to a terminal only if
// asked for by name: usage errors found before anything is read.
Next check_inputs(const Command& c) {
    // Among other inputs a volume file would be read as a Markdown article, its YAML source a
    // chapter.
    if (c.inputs.size() > 1)
        for (const auto& in : c.inputs)
            if (octavo::is_volume_file_name(in)) {
                say(in + ": a volume file must be the only input: give one volume file "
                         "alone, or article files (.md, .txt; several with --title)");
                return exit_usage;
            }
    if (c.output == "-" && isatty(STDOUT_FILENO)) {
        say("standard output is a terminal: redirect it to a file, or give -o FILE");
        return exit_usage;
    }
    return std::nullopt;
}

// Text given on the command line goes into the book: it must be UTF-8, as files must.
Next check_utf8(const Command& c) {
    std::vector<std::pair<const char*, const std::string*>> texts{
        {"--title", &c.title}, {"--lang", &c.lang}, {"--date", &c.date}};
    for (const auto& a : c.authors)
        texts.push_back({"--author", &a});
    for (const auto& m : c.meta_pairs)
        texts.push_back({"-M", &m});
    for (auto [name, value] : texts)
        if (auto bad = octavo::find_invalid_utf8(*value)) {
            say(std::string(name) + ": not valid UTF-8 (byte offset " +
                std::to_string(bad->offset) + "); give the text in UTF-8");
            return exit_input;
        }
    return std::nullopt;
}

// -M KEY=VALUE, as pandoc's: over the metadata file, under --title, --author, --lang, --date.
Next read_meta_pairs(const Command& c, octavo::Metadata& meta, octavo::Warnings& warnings) {
    if (c.meta_pairs.empty()) return std::nullopt;
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& m : c.meta_pairs) {
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
    auto given = octavo::metadata_from_pairs(pairs, warnings);
    if (!given) return report(given.error()), exit_input;
    meta.merge(*given);
    return std::nullopt;
}

// --title, --lang, --date, --author and --cover, with the same values as front matter would keep
// (octavo::metadata_text): white space collapsed and trimmed, characters XML forbids removed. A
// blank title, language or date is a usage error naming the option (a book needs a title, and an
// empty value would fall back to the article's without a word); a blank author is left out with
// a warning.
Next read_metadata_options(const Command& c, octavo::Metadata& meta, octavo::Warnings& warnings) {
    octavo::Metadata cli;
    for (auto [name, given, value, field] :
         {std::tuple<const char*, bool, const std::string*, std::string*>{"--title", c.title_given,
                                                                          &c.title, &cli.title},
          {"--lang", c.lang_given, &c.lang, &cli.lang},
          {"--date", c.date_given, &c.date, &cli.date}}) {
        *field = octavo::metadata_text(*value);
        if (given && field->empty()) {
            say(std::string(name) + ": the value is blank (only white space or control " +
                "characters): give " + (field == &cli.title ? "a title" : "a value") +
                ", or leave the option out");
            return exit_usage;
        }
    }
    cli.cover_image = c.cover;
    for (const auto& a : c.authors) {
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
                              {"cover-image", !c.cover.empty()}})
        if (given) cli.origins.push_back({key, "command line", 0});
    meta.merge(cli);
    return std::nullopt;
}

// SOURCE_DATE_EPOCH, if set, as the book's time.
Next read_source_date_epoch(octavo::BookOptions& options) {
    const char* sde = std::getenv("SOURCE_DATE_EPOCH");
    if (!sde) return std::nullopt;
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
    return std::nullopt;
}

// The book's options from the command line, the metadata file, the stylesheet and the
// environment.
Next make_options(const Command& c, octavo::BookOptions& options, octavo::Warnings& warnings) {
    options.encoding =
        c.input_encoding.rfind("utf", 0) == 0 || c.input_encoding.rfind("UTF", 0) == 0
            ? octavo::Encoding::utf8
            : octavo::Encoding::latin1;
    if (!c.from.empty()) {
        std::string f = c.from;
        for (auto& ch : f)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        options.format_given = true;
        options.format = f == "html"                 ? octavo::Format::html
                         : f == "text" || f == "txt" ? octavo::Format::text
                                                     : octavo::Format::markdown;
    }
    options.whole_page = c.whole_page;
    options.fetch_images = c.fetch_images;
    options.fetch.timeout_ms = options.fetch.connect_timeout_ms =
        static_cast<long>(c.timeout * 1000 + 0.5);
    // Every URL is fetched once for the whole run: the title read for the book's name, both
    // passes over a volume and the attempts of --skip-failed share it.
    options.remote = octavo::make_remote_files(options.fetch);
    if (!c.metadata_file.empty()) {
        auto meta = octavo::read_metadata_file(c.metadata_file, warnings, options.encoding);
        if (!meta) return report(meta.error()), exit_input;
        options.meta = std::move(*meta);
    }
    if (auto rc = read_meta_pairs(c, options.meta, warnings)) return rc;
    if (auto rc = read_metadata_options(c, options.meta, warnings)) return rc;
    options.cover = !c.no_cover;
    options.embed_fonts = c.embed_fonts;
    options.base_url = c.base_url;
    for (size_t start = 0; !c.resource_path.empty();) {
        size_t end = c.resource_path.find(':', start);
        options.resource_path.push_back(c.resource_path.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    options.site_root = c.site_root;
    if (!c.css.empty()) {
        auto text = octavo::load_file(c.css);
        if (!text) return report(text.error()), exit_input;
        options.user_css = std::move(*text);
        options.user_css_file = c.css;
    }
    return read_source_date_epoch(options);
}

// A feed's entries into the volume. alone: the feed is the book's only input, and its metadata
// the book's (under the options). Fetched feeds come here too: read_feed over the bytes, the
// final URL as FeedOptions::base_url.
Next add_feed(const Command& c, const octavo::Feed& feed, bool alone, octavo::BookOptions& options,
              octavo::Volume& volume, octavo::Warnings& warnings) {
    if (feed.entries.empty())
        warnings.push_back(
            {octavo::Errc::content, feed.source, 0, 0, "no entry of the feed is left to package"});
    if (c.verbose)
        say("read " + feed.source + ": " + std::to_string(feed.entries.size()) + " entries");
    if (alone) {
        volume.meta = feed.meta;
        options.volume = true;
    }
    octavo::add_feed_to_volume(volume, feed, !alone);
    return std::nullopt;
}

// The articles: those of the volume file, or the inputs.
Next read_inputs(const Command& c, octavo::BookOptions& options, octavo::Volume& volume,
                 octavo::Warnings& warnings, const std::function<void()>& flush_warnings) {
    if (c.inputs.size() == 1 && octavo::is_volume_file_name(c.inputs[0])) {
        auto v = octavo::read_volume_file(c.inputs[0], warnings, options.encoding);
        if (!v) {
            flush_warnings();
            report(v.error());
            return exit_code(v.error());
        }
        volume = std::move(*v);
        options.volume = true;
        if (c.verbose)
            say("read " + c.inputs[0] + ": " + std::to_string(volume.items.size()) + " articles");
    } else {
        if (std::count(c.inputs.begin(), c.inputs.end(), "-") > 1) {
            say("-: standard input can be given once");
            return exit_usage;
        }
        octavo::FeedOptions fo;
        if (!c.since.empty()) {
            auto since = octavo::is_valid_w3cdtf(c.since) ? std::optional<std::string>(c.since)
                                                          : octavo::read_date(c.since);
            if (!since) {
                say("--since " + c.since + ": not a date: give one such as 2024-12-01");
                return exit_usage;
            }
            fo.since = *since;
        }
        fo.max_entries = c.max_articles;
        fo.oldest_first = c.oldest_first;
        fo.fetch_summarized = c.fetch_entries;
        fo.remote = options.remote.get();
        // A feed is told by its content: its entries are the volume's articles, under a section
        // of their own when the book holds anything else.
        // A URL is fetched here to tell a feed from a page (once: the page's reader gets the
        // same spool); one that fails is left to the reader, whose error names it.
        std::vector<bool> is_feed;
        std::vector<octavo::Fetched> fetched(c.inputs.size());
        for (size_t i = 0; i < c.inputs.size(); ++i) {
            const std::string& in = c.inputs[i];
            if (!c.from.empty()) {
                is_feed.push_back(false);
            } else if (octavo::is_web_url(in)) {
                auto f = octavo::fetch_page(*options.remote, in);
                is_feed.push_back(f && octavo::web_content(f->content_type, f->bytes) ==
                                           octavo::WebContent::feed);
                if (is_feed.back()) fetched[i] = std::move(*f);
            } else {
                is_feed.push_back(octavo::is_feed_file(in));
            }
        }
        const bool feed_alone = c.inputs.size() == 1 && is_feed[0];
        for (size_t i = 0; i < c.inputs.size(); ++i) {
            const std::string& in = c.inputs[i];
            if (!is_feed[i]) {
                octavo::VolumeItem item;
                item.path = in;
                volume.items.push_back(std::move(item));
                continue;
            }
            octavo::FeedOptions this_fo = fo;
            this_fo.base_url = fetched[i].url;
            auto feed = fetched[i].url.empty()
                            ? octavo::read_feed_file(in, fo, warnings)
                            : octavo::read_feed(fetched[i].bytes, in, this_fo, warnings);
            if (!feed) {
                flush_warnings();
                report(feed.error());
                return exit_code(feed.error());
            }
            // A fetched feed's entries are web pages: their images are fetched as a page's are.
            if (!fetched[i].url.empty())
                for (auto& e : feed->entries)
                    e.article.base_url = e.link.empty() ? fetched[i].url : e.link;
            if (auto rc = add_feed(c, *feed, feed_alone, options, volume, warnings)) return rc;
        }
        if (volume.items.empty()) {
            flush_warnings();
            say("no entry of the feeds given is left to package: no book written");
            return exit_input;
        }
    }
    if (c.verbose)
        for (const auto& item : volume.items)
            say("reading " + item.path);
    return std::nullopt;
}

// The book's file when -o gives none: named after the title (the command line's, the volume's,
// or the single article's), else after the first input.
std::string derived_output(const Command& c, const octavo::BookOptions& options,
                           const octavo::Volume& volume) {
    const bool volume_file = c.inputs.size() == 1 && octavo::is_volume_file_name(c.inputs[0]);
    std::string t = !options.meta.title.empty() ? options.meta.title : volume.meta.title;
    if (t.empty() && volume_file) t = std::filesystem::path(c.inputs[0]).stem().string();
    if (t.empty() && volume.items.size() == 1) {
        octavo::Warnings ignored;
        auto a =
            octavo::read_article_file(volume.items[0].path, ignored, octavo::read_options(options));
        if (a) t = a->meta.title;
    }
    std::string output = octavo::book_file_name(t);
    if (output.empty()) { // no usable title: the first input's name
        std::string stem = c.inputs[0] == "-" || octavo::is_web_url(c.inputs[0])
                               ? std::string()
                               : std::filesystem::path(c.inputs[0]).stem().string();
        output = (stem.empty() ? std::string("article") : stem) + ".epub";
    }
    return output;
}

// Where the book goes: standard output (-o -); a file, replaced through a temporary file beside
// it (through a symbolic link, the file the link points to); or a device, a pipe or /dev/stdout,
// which are never replaced: the book is made in memory and written into them, as into standard
// output. Sets to_stream for those.
Next check_output(const Command& c, const std::string& output, bool& to_stream) {
    const bool to_stdout = output == "-";
    to_stream = false;
    if (!to_stdout) {
        auto target = octavo::resolve_output(output);
        if (!target) return report(target.error()), exit_input;
        to_stream = target->kind == octavo::OutputTarget::Kind::stream;
    }
    // The files read here; the library checks the articles, the volume file and the images.
    for (const auto* in : {&c.metadata_file, &c.css})
        if (!to_stdout && octavo::same_file(*in, output)) {
            say(output + ": the book would overwrite its input " + *in);
            return exit_input;
        }
    return std::nullopt;
}

// A progress line for long volumes, only on a terminal; end() ends it.
struct Progress {
    bool shown = false;
    void install(const Command& c, const octavo::Volume& volume, octavo::BookOptions& options) {
        if (c.quiet || volume.items.size() <= 50 || !isatty(STDERR_FILENO)) return;
        options.progress = [this](const char* phase, size_t done, size_t total) {
            if (done != total && done % 25 != 0) return;
            std::cerr << "\roctavo: " << phase << ' ' << done << '/' << total << " articles   "
                      << std::flush;
            shown = true;
        };
    }
    void end() {
        if (shown) std::cerr << '\n';
        shown = false;
    }
};

// The article of the volume an error is about, if it is about one.
std::optional<size_t> article_of(const octavo::Volume& volume, const octavo::Error& e) {
    for (size_t i = 0; i < volume.items.size(); ++i)
        if (volume.items[i].path == e.file) return i;
    return std::nullopt;
}

// The book of a volume failed at an article (first): every article's error is found. Without
// --skip-failed they are all reported, and the run ends; with it, the articles that fail are
// left out of current, each named in a warning (left_out), and the book is made again from the
// rest. warnings is cut back to its first `kept`: what the failed attempt warned about comes
// again with the next. Nothing left to write ends the run.
Next leave_out_failed(const Command& c, octavo::Volume& current, octavo::BookOptions& options,
                      const octavo::Error& first, octavo::Warnings& warnings, size_t kept,
                      octavo::Warnings& left_out, const std::function<void()>& flush_warnings) {
    octavo::Warnings scratch;
    auto failures = octavo::find_failed_articles(current, options, scratch);
    // The book's own error stands for its article: it may be one that only the whole book shows.
    size_t at = *article_of(current, first);
    auto it = std::find_if(failures.begin(), failures.end(),
                           [&](const octavo::ArticleFailure& f) { return f.index >= at; });
    if (it == failures.end() || it->index != at)
        failures.insert(it, {at, first});
    else
        it->error = first;
    const size_t total = current.items.size();
    if (!c.skip_failed) {
        flush_warnings();
        for (const auto& f : failures)
            report(f.error);
        say(std::to_string(failures.size()) + " of " + std::to_string(total) +
            " articles cannot be packaged; --skip-failed leaves them out and writes the rest");
        return exit_input;
    }
    warnings.resize(kept);
    for (const auto& f : failures) {
        octavo::Error w = f.error;
        w.message = "left out of the book (--skip-failed): " + octavo::message_with_reason(w);
        w.sys_errno = 0;
        left_out.push_back(std::move(w));
    }
    for (auto f = failures.rbegin(); f != failures.rend(); ++f)
        current.items.erase(current.items.begin() + static_cast<std::ptrdiff_t>(f->index));
    warnings.insert(warnings.end(), left_out.begin(), left_out.end());
    if (current.items.empty()) {
        flush_warnings();
        say("no article of the volume could be packaged: no book written");
        return exit_input;
    }
    options.volume = true; // what is left of a volume is still one, even of one article
    return std::nullopt;
}

// Makes the book in memory and writes it to standard output or into the stream output.
Next write_in_memory(const Command& c, const octavo::Volume& volume,
                     const octavo::BookOptions& options, const std::string& output,
                     octavo::Warnings& warnings, Progress& progress,
                     const std::function<void()>& flush_warnings, std::string& bytes,
                     std::optional<octavo::Error>* failed_article) {
    const bool to_stdout = output == "-";
    auto r = octavo::write_volume_to_memory(volume, options, warnings);
    progress.end();
    if (!r && failed_article && article_of(volume, r.error())) {
        *failed_article = r.error();
        return exit_input;
    }
    flush_warnings();
    if (!r) return report(r.error()), exit_code(r.error());
    bytes = std::move(*r);
    if (to_stdout && !write_all(STDOUT_FILENO, bytes)) {
        say(std::string("cannot write to standard output: ") + std::strerror(errno));
        return exit_input;
    }
    if (!to_stdout)
        if (int rc = write_to_stream(output, bytes); rc != exit_ok) return rc;
    if (c.verbose)
        say("wrote the book to " + (to_stdout ? std::string("standard output") : output) + " (" +
            std::to_string(bytes.size()) + " bytes)");
    return std::nullopt;
}

// Writes the book to the file output (derived: named by octavo).
Next write_file(const Command& c, const octavo::Volume& volume, const octavo::BookOptions& options,
                const std::string& output, bool derived, octavo::Warnings& warnings,
                Progress& progress, const std::function<void()>& flush_warnings,
                std::optional<octavo::Error>* failed_article) {
    auto st = octavo::write_volume(volume, options, output, warnings);
    progress.end();
    if (!st && failed_article && article_of(volume, st.error)) {
        *failed_article = st.error;
        return exit_input;
    }
    flush_warnings();
    if (!st) return report(st.error), exit_code(st.error);
    std::error_code ec;
    auto size = std::filesystem::file_size(output, ec);
    if (c.verbose)
        say("wrote " + output + " (" + std::to_string(size) + " bytes)");
    else if (derived && !c.quiet)
        say("wrote " + output);
    return std::nullopt;
}

// --validate: epubcheck on the book written, or (when it went to standard output or a device)
// on a temporary copy of bytes, removed when `copy` goes, reporting on stderr.
int validate_written(const Command& c, const octavo_cli::Epubcheck& checker,
                     const std::string& output, bool in_memory, const std::string& bytes) {
    if (!in_memory)
        return validate(checker, output, output, std::cout, c.quiet, c.verbose) ? exit_ok
                                                                                : exit_input;
    octavo::TemporaryFile copy = save_temporary(bytes);
    if (copy.path().empty()) {
        say(std::string("cannot save a copy of the book for epubcheck: ") + std::strerror(errno));
        return exit_input;
    }
    bool ok = validate(checker, copy.path(), output == "-" ? "standard output" : output, std::cerr,
                       c.quiet, c.verbose);
    return ok ? exit_ok : exit_input;
}

int run(int argc, char** argv) {
    Command c;
    if (auto rc = parse_options(argc, argv, c)) return *rc;
    if (c.check) return check_books(c);
    if (auto rc = check_inputs(c)) return *rc;
    octavo_cli::Epubcheck checker;
    if (c.validate_book) {
        checker = octavo_cli::find_epubcheck();
        if (checker.argv.empty()) return say(checker.problem), exit_input;
    }
    octavo::Warnings warnings;
    const std::function<void()> flush_warnings = [&] {
        if (!c.quiet)
            for (const auto& w : warnings)
                report(w, "warning: ");
        warnings.clear();
    };
    if (auto rc = check_utf8(c)) return *rc;
    octavo::BookOptions options;
    if (auto rc = make_options(c, options, warnings)) return *rc;
    octavo::Volume volume;
    if (auto rc = read_inputs(c, options, volume, warnings, flush_warnings)) return *rc;

    const bool derived = c.output.empty();
    const std::string output = derived ? derived_output(c, options, volume) : c.output;
    bool to_stream = false;
    if (auto rc = check_output(c, output, to_stream)) return *rc;
    const bool in_memory = output == "-" || to_stream;
    Progress progress;
    progress.install(c, volume, options);
    std::string bytes;
    // A volume is written again without the articles that fail, with --skip-failed; without it,
    // every article's error is reported (leave_out_failed).
    const bool is_volume = options.volume || volume.items.size() > 1;
    // One article: one malloc arena for every thread, so that the cover's thread reuses what the
    // main thread freed, where an arena of its own starts on fresh pages (a page fault each; 791
    // to 718 in the README command, 7% of its time). Not for a volume: its deflating thread and
    // the main thread allocate at the same time, and waking each other on one arena's lock was
    // 0.9% of a 100-article run.
    if (!is_volume) mallopt(M_ARENA_MAX, 1);
    const size_t kept = warnings.size();
    octavo::Warnings left_out;
    for (;;) {
        std::optional<octavo::Error> failed;
        auto* failed_article = is_volume ? &failed : nullptr;
        Next rc = in_memory ? write_in_memory(c, volume, options, output, warnings, progress,
                                              flush_warnings, bytes, failed_article)
                            : write_file(c, volume, options, output, derived, warnings, progress,
                                         flush_warnings, failed_article);
        if (failed) {
            if (Next stop = leave_out_failed(c, volume, options, *failed, warnings, kept, left_out,
                                             flush_warnings))
                return *stop;
            continue;
        }
        if (rc) return *rc;
        break;
    }
    if (!c.validate_book) return exit_ok;
    return validate_written(c, checker, output, in_memory, bytes);
}

} // namespace
