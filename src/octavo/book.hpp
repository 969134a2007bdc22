// Articles -> a whole EPUB: renders every article, plans the package and writes the container.
// This is the entry point the CLI uses; see article.hpp for reading inputs.
#pragma once

#include <string>
#include <vector>

#include "octavo/article.hpp"
#include "octavo/error.hpp"

namespace octavo {

struct BookOptions {
    /// Book metadata. For one article it overrides the article's own; for several it describes
    /// the volume (title required) while each article keeps its own byline, date and language.
    Metadata meta;
    /// Unix time for dcterms:modified and every zip entry (SOURCE_DATE_EPOCH); -1 means now.
    long long timestamp = -1;
};

/// octavo's version, "MAJOR.MINOR.PATCH".
const char* version();

/// Renders the articles and writes the book to path (through a temporary file renamed into place
/// only on success). Warnings collect what was repaired or dropped.
Status write_book(std::vector<Article> articles, const BookOptions& options,
                  const std::string& path, Warnings& warnings);

/// Same as write_book, but returns the EPUB's bytes instead of writing a file. For the same input
/// and timestamp the bytes are the same as write_book's.
Result<std::string> write_book_to_memory(std::vector<Article> articles, const BookOptions& options,
                                         Warnings& warnings);

/// A file name for a book with this title: lower-case ASCII letters and digits joined by hyphens,
/// cut at a word boundary, plus ".epub" ("How backdoor negotiations could help" ->
/// "how-backdoor-negotiations-could-help.epub"). Empty when the title has no ASCII letter or
/// digit to make a name from.
std::string book_file_name(const std::string& title);

} // namespace octavo
