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
    /// A cover: the image meta.cover_image names, or one drawn from the metadata. false: none.
    bool cover = true;
    /// The user's stylesheet (--css), packed as css/user.css after the default; empty: none.
    std::string user_css;
};

/// octavo's version, "MAJOR.MINOR.PATCH".
const char* version();

/// Renders the articles and writes the book to path (through a temporary file renamed into place
/// only on success). Warnings collect what was repaired or dropped.
Status write_book(std::vector<Article> articles, const BookOptions& options,
                  const std::string& path, Warnings& warnings);

} // namespace octavo
