// Web pages and their images by URL: one GET over http or https, within limits, by libcurl in a
// module (liboctavo-fetch.so) that only a run reading a URL loads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "octavo/error.hpp"
#include "octavo/export.hpp"

namespace octavo {

/// How far one fetch may go. Times in milliseconds.
struct FetchLimits {
    long connect_timeout_ms = 30000; ///< to reach the server (DNS and connect, TLS included)
    long timeout_ms = 30000;         ///< the whole transfer, redirects included
    std::size_t max_bytes = std::size_t{8} << 20; ///< the body, decoded (a page: max_file_bytes)
    int max_redirects = 10;
};

/// What a fetch gives.
struct Fetched {
    std::string url;          ///< the final URL, after redirects
    std::string content_type; ///< the media type in lower case, without parameters; "" if none
    std::string charset;      ///< the Content-Type's charset parameter, as given; "" if none
    std::string bytes;        ///< the body, decoded (gzip, deflate)
};

/// True when text starts with "http://" or "https://" (in any case): what the command line
/// reads as a URL rather than a file name.
OCTAVO_API bool is_web_url(std::string_view text);

/// Fetches url: GET, http and https only (also through redirects), TLS verified, no cookies, no
/// credentials (a URL with user:password@ is refused), at most limits.max_redirects redirects,
/// within the time and size limits; a User-Agent naming octavo. Every Error names the URL (its
/// file) and says what happened: another scheme, a DNS failure, no connection, an HTTP status of
/// 400 or more (with the status), too many redirects (a loop), too big, too slow, a TLS failure,
/// or the fetch module (liboctavo-fetch.so) not installed.
OCTAVO_API Result<Fetched> fetch_url(const std::string& url, const FetchLimits& limits);

/// The media type and charset parameter of a Content-Type header value:
/// "Text/HTML; charset=\"ISO-8859-1\"" gives {"text/html", "ISO-8859-1"}.
struct MediaType {
    std::string type, charset;
};
OCTAVO_API MediaType parse_content_type(std::string_view header);

/// What a fetched body is, as octavo reads it: by its media type, and by its first bytes when
/// the type is missing or generic (XML, octet-stream).
enum class WebContent {
    html,     ///< text/html, application/xhtml+xml: a page
    text,     ///< text/plain: a text article
    markdown, ///< text/markdown
    feed,     ///< RSS, Atom, RDF or JSON Feed
    other,    ///< not an article (a PDF, an image...)
};
OCTAVO_API WebContent web_content(const std::string& media_type, std::string_view bytes);

/// The pages and images one run fetches, each fetched once (a volume reads its articles twice,
/// and images again when it packs them) and kept in an unnamed temporary file that no other
/// process sees and that goes with the process (in memory where none can be made), so that
/// memory stays bounded. Failures are kept too: a URL that failed fails again without a fetch.
/// Images are bounded in number and in total size (limits.hpp). Safe to share between threads.
class RemoteFiles;
OCTAVO_API std::shared_ptr<RemoteFiles> make_remote_files(const FetchLimits& limits);

} // namespace octavo
