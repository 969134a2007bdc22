// The HTML page reader: a saved web page (or any HTML document) in, its article out. The bytes
// are decoded as a browser decodes them (BOM, <meta charset>, iconv), the page is parsed by
// gumbo, its metadata read (page_meta.cpp), its article taken out of the page (extract.cpp), and
// the article's blocks handed to the renderer as a cmark-gfm tree: headings as headings (ids,
// contents), every other block as raw HTML, which the renderer's allowlist sanitizer makes safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "octavo/article.hpp"
#include "read/body.hpp"

namespace octavo {

/// The page's text in UTF-8: by its byte order mark, else the charset the server or its <meta>
/// declares, else UTF-8 when it is, else the charset uchardet tells; converted with iconv. Bytes
/// with no character become U+FFFD, with one warning. A charset that says something other than
/// UTF-8 about text that is valid UTF-8 with non-ASCII characters is not believed (a page saved
/// again as UTF-8 keeps its old <meta>). http_charset, the charset the server gave (fetched pages),
/// comes before <meta>; a page that declares none and is not UTF-8 is read in the charset uchardet
/// tells, with a warning.
Result<std::string> decode_page(std::string_view raw, const std::string& source, Warnings& warnings,
                                const std::string& http_charset = {});

/// Where a fetched page came from: its final URL (what its references resolve against, unless
/// its <base href> gives another web URL) and the charset its Content-Type gave. Empty for a
/// file.
struct PageOrigin {
    std::string url, charset;
};

/// Reads an HTML page: its metadata, and in body the HTML of its article (or of its whole body),
/// cleaned of what the page shows around the article. With options.encoding latin1 the page is
/// read as Latin-1 whatever it declares.
Result<Article> read_html_article(std::string_view raw, const std::string& source,
                                  const ReadOptions& options, Warnings& warnings,
                                  const PageOrigin& origin = {});

/// The Body of an article read by read_html_article.
Result<Body> read_html_body(const Article& article, Warnings& warnings);

/// The most elements a page may nest: deeper pages are refused before they are parsed (gumbo's
/// time grows with the square of the depth).
constexpr int max_page_depth = 1024;

} // namespace octavo
