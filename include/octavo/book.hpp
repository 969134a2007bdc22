// Articles -> a whole EPUB: renders every article, plans the package and writes the container.
// This is the entry point the CLI uses; see article.hpp for reading inputs.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "octavo/article.hpp"
#include "octavo/error.hpp"
#include "octavo/export.hpp"
#include "octavo/fetch.hpp"
#include "octavo/volume.hpp"

namespace octavo {

/// The last time a book can be stamped with, 9999-12-31T23:59:59Z: dcterms:modified has a
/// four-digit year.
inline constexpr long long max_timestamp = 253402300799;

struct BookOptions;
/// How a book's options read its article files.
OCTAVO_API ReadOptions read_options(const BookOptions& options);

struct BookOptions {
    /// Book metadata. For one article it overrides the article's own; for several it describes
    /// the volume (title required) while each article keeps its own byline, date and language.
    Metadata meta;
    /// Unix time for dcterms:modified and every zip entry (SOURCE_DATE_EPOCH); -1 means now. At
    /// most max_timestamp.
    long long timestamp = -1;
    /// Encoding of the article files a volume reads (read_article_file's encoding).
    Encoding encoding = Encoding::utf8;
    /// The format of the article files a volume reads, whatever their names say (--from), and
    /// whether an HTML page gives its whole body (--whole-page): read_article_file's options.
    bool format_given = false;
    Format format = Format::markdown;
    bool whole_page = false;
    /// The series the book belongs to (belongs-to-collection) and its position in it.
    std::string series, series_position;
    /// Make a volume (title page, nested contents) even of a single article.
    bool volume = false;
    /// Largest content document in bytes; longer articles are split into several.
    size_t max_doc_bytes = 300 * 1024;
    /// Rendered documents kept (deflated) from the planning pass for the writing pass, in
    /// compressed bytes at most; articles beyond it are rendered again when written. A volume
    /// written to a file keeps them in an unnamed temporary file in the book's folder (in memory
    /// where its file system cannot make one), so this bounds that file, or memory.
    size_t keep_bytes = 16 * 1024 * 1024;
    /// Told how far the work is: phase ("reading" then "writing"), articles done, total.
    std::function<void(const char* phase, size_t done, size_t total)> progress;
    /// A cover: the image meta.cover_image names, or one drawn from the metadata. false: none.
    bool cover = true;
    /// The user's stylesheet (--css), packed as css/user.css after the default; empty: none.
    /// It is checked (UTF-8, CSS syntax, no remote resource) and the fonts and images it refers
    /// to are packed beside it.
    std::string user_css;
    /// The stylesheet's path: messages name it, and its relative references are read from its
    /// folder (empty: the current folder).
    std::string user_css_file;
    /// Whether the stylesheet may embed fonts (@font-face; --embed-fonts). Off by default:
    /// epubcheck 5 -u reports every embedded font as a usage (CSS-028).
    bool embed_fonts = false;
    /// Where the articles' site is published ("https://example.org/blog"): a link to a page of
    /// the site that is not in the book ("/docs/install/") becomes a link to it there. Empty: such
    /// links are left as text.
    std::string base_url;
    /// Folders relative image paths are also tried against, in order, after the article's own
    /// (--resource-path, as pandoc's).
    std::vector<std::string> resource_path;
    /// The folder site-absolute image paths ("/images/x.png") resolve against (--site-root);
    /// empty: for each article, the root of the site it is in, if one is found (a folder with a
    /// Jekyll or Hugo configuration, or .git, above it).
    std::string site_root;
    /// The limits of every fetch (--timeout): articles given by URL and their images.
    FetchLimits fetch;
    /// Remote images (http, https) of articles read from files are fetched and packed
    /// (--fetch-images); otherwise they stay links, with one warning per article. A fetched
    /// page's images are always fetched.
    bool fetch_images = false;
    /// What this run fetched, shared by every pass over the articles (and by the attempts of
    /// --skip-failed); nullptr: the book makes its own, with `fetch`.
    std::shared_ptr<RemoteFiles> remote;
};

/// Gives article `index` (0-based) on demand. It is called twice per article (to plan, then to
/// write), so that a volume never holds more than one article; it must give the same article.
/// When it does not (the file was edited in between: another Article::fingerprint, or a rendering
/// that no longer fits the plan), the book fails and nothing is written.
using ArticleLoader = std::function<Result<Article>(size_t index, Warnings& warnings)>;

/// octavo's version, "MAJOR.MINOR.PATCH".
OCTAVO_API const char* version();

/// Renders the articles and writes the book to path (through a temporary file renamed into place
/// only on success). Warnings collect what was repaired or dropped.
OCTAVO_API Status write_book(std::vector<Article> articles, const BookOptions& options,
                             const std::string& path, Warnings& warnings);

/// The same from articles loaded on demand. sources are their file names (as read_article_file
/// sets Article::source), used to turn links between them into links inside the book.
OCTAVO_API Status write_book(const std::vector<std::string>& sources, const ArticleLoader& load,
                             const BookOptions& options, const std::string& path,
                             Warnings& warnings);

/// Reads the volume's articles (each with its overrides) and writes the book. options.meta wins
/// over the volume's metadata; more than one article, or options.volume, makes a volume.
OCTAVO_API Status write_volume(const Volume& volume, const BookOptions& options,
                               const std::string& path, Warnings& warnings);
/// Same as write_volume, but returns the EPUB's bytes (for `-o -`).
OCTAVO_API Result<std::string>
write_volume_to_memory(const Volume& volume, const BookOptions& options, Warnings& warnings);
/// Same as write_book, but returns the EPUB's bytes instead of writing a file. For the same input
/// and timestamp the bytes are the same as write_book's.
OCTAVO_API Result<std::string> write_book_to_memory(std::vector<Article> articles,
                                                    const BookOptions& options, Warnings& warnings);

/// A file name for a book with this title: lower-case ASCII letters and digits joined by hyphens,
/// cut at a word boundary, plus ".epub" ("How backdoor negotiations could help" ->
/// "how-backdoor-negotiations-could-help.epub"). Empty when the title has no ASCII letter or
/// digit to make a name from.
OCTAVO_API std::string book_file_name(const std::string& title);

} // namespace octavo
