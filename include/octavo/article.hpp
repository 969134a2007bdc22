// The Article model and its readers: Markdown (CommonMark + GFM) or plain text, each with optional
// front matter (YAML between ---, TOML between +++, or a JSON object) that uses pandoc's metadata
// keys and those Jekyll and Hugo users write.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "octavo/error.hpp"
#include "octavo/export.hpp"

namespace octavo {

class RemoteFiles; // octavo/fetch.hpp

/// A person credited for a work. role is a MARC relator code ("aut", "edt", "trl"...).
struct Person {
    std::string name;
    std::string role = "aut";
    std::string file_as; ///< sort form ("Bakeer, Ali"); derived from name when empty
};

/// Metadata of an article or a book. Empty strings and lists mean "not given".
struct Metadata {
    std::string title;
    std::string subtitle;
    std::vector<Person> authors;
    std::string date; ///< W3CDTF
    std::string lang; ///< BCP 47
    std::string publisher;
    std::string rights;
    std::string description;
    std::vector<std::string> subjects;
    std::string identifier;
    std::string cover_image;
    /// Where the article's site publishes it, as Jekyll's and Hugo's front matter say
    /// (permalink, url, slug, aliases): not written into the book, kept for resolving links
    /// between the articles of one site.
    struct Site {
        std::string permalink, url, slug;
        std::vector<std::string> aliases;
    } site;
    /// The language the article's text reads as (cld2), when its front matter gives none or one
    /// that is not usable: what finalize_metadata falls back on before English.
    std::string detected_lang;
    /// Where each key was set (file and line), so later checks can point at it.
    struct Origin {
        std::string key;
        std::string file;
        int line = 0;
    };
    std::vector<Origin> origins;

    /// Copies every field that `over` gives into this one (the command line wins over the file).
    OCTAVO_API void merge(const Metadata& over);
    /// The file and line where key was set, or {source, 0}.
    OCTAVO_API Origin origin_of(std::string_view key, const std::string& source) const;
};

/// The syntax of an article: Markdown, plain text, or an HTML page (a saved web page or any
/// HTML document: its article is taken out of the page, read/html.hpp).
enum class Format { markdown, text, html };

/// Encoding of an input file: UTF-8 (the default), or Latin-1 converted to UTF-8 on reading.
enum class Encoding { utf8, latin1 };

/// How an article file is read, besides its encoding.
struct ReadOptions {
    /// Encoding of a Markdown or text file. An HTML page says its own (BOM, <meta charset>);
    /// Encoding::latin1 overrides what it says.
    Encoding encoding = Encoding::utf8;
    /// The format, whatever the file's name says (--from); unset: told by the extension.
    bool format_given = false;
    Format format = Format::markdown;
    /// An HTML page's whole <body>, not only the article found in it (--whole-page).
    bool whole_page = false;
    /// Where an article named by a URL (http:// or https://) is fetched from, once per run
    /// (make_remote_files); nullptr: it is fetched on each reading, with the default limits.
    RemoteFiles* remote = nullptr;
};

/// The size and CRC-32 of the text an article was read from. A book reads an article it could not
/// keep twice, to plan and then to write; equal fingerprints say the second reading got the text
/// the first did, without keeping that text in memory.
struct Fingerprint {
    std::size_t size = 0;
    std::uint32_t crc32 = 0;
    bool operator==(const Fingerprint& o) const { return size == o.size && crc32 == o.crc32; }
    bool operator!=(const Fingerprint& o) const { return !(*this == o); }
};

/// One article: its metadata and its body, not yet rendered.
struct Article {
    Metadata meta;
    Format format = Format::markdown;
    std::string source;   ///< the file name used in messages ("-" or a label for memory input)
    std::string base_dir; ///< folder that relative image paths resolve against
    /// For an article fetched from the web, the URL its relative references (images, links)
    /// resolve against: its final URL, or its page's <base href>. Empty for a file.
    std::string base_url;
    std::string body;  ///< the text after the front matter, normalized (LF, no BOM)
    int body_line = 1; ///< line of the source file where body starts
    /// Of the whole text read_article was given (for a file, its bytes, converted from Latin-1
    /// when asked); zero for an article made by hand.
    Fingerprint fingerprint;
};

/// Parses YAML metadata (a front matter block or a --metadata-file); line_offset is added to the
/// YAML's own line numbers in messages and origins.
OCTAVO_API Result<Metadata> parse_metadata(std::string_view yaml, const std::string& file,
                                           int line_offset, Warnings& warnings);

/// Metadata given as KEY=VALUE pairs (the command line's -M, as pandoc's): each value a string,
/// a key given again makes a list (two authors, three subjects), keys as in front matter. Every
/// origin is {key, "command line", 0}; a key octavo does not use gets a warning.
OCTAVO_API Result<Metadata>
metadata_from_pairs(const std::vector<std::pair<std::string, std::string>>& pairs,
                    Warnings& warnings);

/// Reads a metadata file (--metadata-file): YAML with the front matter's keys. Like an article's
/// front matter, it must be UTF-8 (an Error gives the line and byte offset), or it is converted
/// from Latin-1 first with Encoding::latin1; a BOM, CR line ends and characters XML forbids are
/// dealt with as in articles.
OCTAVO_API Result<Metadata> read_metadata_file(const std::string& path, Warnings& warnings,
                                               Encoding encoding = Encoding::utf8);

/// Reads an article from memory. format is taken as given; the text may start with front matter.
/// Refuses text over 8 MiB, Markdown paragraphs (runs of lines without a blank line) over 64 KiB,
/// and text that is not UTF-8: UTF-16 and UTF-32 are named, with the command that converts them.
OCTAVO_API Result<Article> read_article(std::string_view text, const std::string& source,
                                        Format format, Warnings& warnings);
/// The same with options: an HTML page's charset is read from it (options.encoding latin1
/// overrides it) and options.whole_page applies.
OCTAVO_API Result<Article> read_article(std::string_view text, const std::string& source,
                                        const ReadOptions& options, Warnings& warnings);

/// Reads an article from a file: ".txt" (and ".text") is plain text, ".html", ".htm" and ".xhtml"
/// an HTML page, anything else Markdown. A path that is an http:// or https:// URL is fetched
/// (through options.remote, octavo/fetch.hpp) and read as its Content-Type says (an HTML page,
/// text, Markdown; --from still wins); anything else it serves is refused, naming the URL.
/// "-" is standard input (Markdown), read to its end on the first call and kept for the next ones
/// (a volume reads an article again to write it); a terminal is refused.
/// With Encoding::latin1 the file is converted from Latin-1 (bytes 0x80-0x9F read as
/// Windows-1252, as browsers do) first, with a warning per line where a byte has no character; a
/// UTF-16 or UTF-32 file is refused either way. A file that cannot be read gives an Error with the
/// errno (sys_errno) of the system call that failed.
OCTAVO_API Result<Article> read_article_file(const std::string& path, Warnings& warnings,
                                             Encoding encoding = Encoding::utf8);
/// The same with options (a format other than the extension's, an HTML page's whole body).
OCTAVO_API Result<Article> read_article_file(const std::string& path, Warnings& warnings,
                                             const ReadOptions& options);

} // namespace octavo
