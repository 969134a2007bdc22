// Limits on untrusted input. Each one keeps time and memory bounded on hostile articles while
// staying far above what real articles need; an input beyond a limit is refused with an Error
// that names the limit (tests/hostile/README.md lists every case).
#pragma once

#include <cstddef>

namespace octavo {

/// Largest file octavo reads: an article, a metadata file or an image (8 MiB; a long novel is
/// about 1 MiB of text). Peak memory stays near 40 bytes per input byte, so about 330 MB.
inline constexpr std::size_t max_file_bytes = std::size_t{8} << 20;

/// Largest feed file, 32 MiB: a feed holds many articles (full-text feeds of 50 long entries run
/// to a few MiB), each entry's content then bounded by max_file_bytes. A larger feed is refused
/// before it is read.
inline constexpr std::size_t max_feed_bytes = std::size_t{32} << 20;

/// Most entries read from one feed, 10,000 (feeds list 10 to 100, archives a few thousand).
inline constexpr std::size_t max_feed_entries = 10000;

/// Largest Markdown paragraph (a run of lines without a blank line), 64 KiB. cmark-gfm 0.29's
/// inline parser is quadratic or worse on some inputs (smart quotes, "<?", table rows of many
/// cells): a 200 KB paragraph of '"' and '\'' took 48 s, a 64 KiB one takes under 4 s.
inline constexpr std::size_t max_paragraph_bytes = std::size_t{64} << 10;

/// Deepest nesting of block quotes, lists and inline markup in a content document. Deeper
/// documents are valid XML, but no reader can lay them out usefully.
inline constexpr std::size_t max_nesting = 100;

/// Most pixels an image may claim in its header (100 million, a 12,000 by 8,000 panorama): a
/// larger one is refused before it is decoded. A PNG of 8 MiB can claim gigapixels of one colour
/// (a decompression bomb); decoding is streamed, but even streamed it takes seconds per gigapixel.
inline constexpr unsigned long long max_image_pixels = 100'000'000;

/// Most pixels of an image in a book (about 4 megapixels, 2,048 by 2,048): a larger one is scaled
/// down, which no e-reader's screen shows the difference of, and a book of photos stays small.
inline constexpr unsigned long long book_image_pixels = 4'194'304;

} // namespace octavo

namespace octavo {

/// The most images fetched for one book (a fetched page's, or a local article's with
/// --fetch-images): a page of a thousand thumbnails is not an article's. Past it, an image is
/// kept as its alt text, with a warning.
inline constexpr std::size_t max_remote_images = 200;

/// The most bytes of images fetched for one book, 128 MiB: each image is also at most
/// max_file_bytes.
inline constexpr std::size_t max_remote_image_bytes = std::size_t{128} << 20;

/// The most time fetching a book's images may take, in fetch time limits (--timeout): ten, so 5
/// minutes by default, however many images a slow server holds.
inline constexpr std::size_t max_remote_image_timeouts = 10;

} // namespace octavo
