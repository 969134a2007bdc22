// Images a book may hold: their type from their content, and the checks that keep a broken
// bitmap or a scriptable or non-conforming SVG out of the book.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace octavo {

/// The image's media type from its first bytes (never from its name): "image/jpeg",
/// "image/png", "image/gif", "image/svg+xml", or "" when it is none of them.
std::string sniff_image(std::string_view data);

/// Why a JPEG, PNG or GIF (media_type, from sniff_image) cannot go into a book, or "" when it
/// can. Its header must give its dimensions the way epubcheck reads them (Java's ImageIO), and
/// more strictly: PNG, the signature then a 13-byte IHDR chunk with its CRC, a width and height
/// from 1 to 2^31-1 and a valid bit depth, colour type and methods; JPEG, SOI then well-formed
/// segments up to the first SOS, after a frame header (SOFn) with a non-zero width and height;
/// GIF, a logical screen of non-zero size, then well-formed blocks up to a first image.
/// The message reads after the image's name: "is not a valid PNG image: ...".
std::string bitmap_problem(std::string_view data, const std::string& media_type);

/// Why an SVG image cannot go into a book as it is, or "" when it can. The policy (README,
/// "Images"): well-formed XML whose root is <svg> in the SVG namespace; no entity declaration,
/// DOCTYPE (see svg_without_doctype) or processing instruction; SVG 1.1 elements and attributes
/// only (markup in other namespaces, such as Inkscape's, is left alone); no script, foreignObject,
/// link (<a>), event handler, or animation of href or of an event handler; references (href,
/// url(...)) only to fragments of the image itself; no @import or other CSS that loads something;
/// unique ids. The message reads after the image's name: "holds a <script> element; ...".
std::string svg_problem(std::string_view data);

/// The SVG image without its DOCTYPE, re-serialised by pugixml (comments, whitespace and CDATA
/// kept), when it has one without an internal subset: EPUB forbids external DTDs in SVG, and the
/// DOCTYPE older tools write (SVG 1.1's public identifier) means nothing to a reading system.
/// "" when there is no DOCTYPE to drop (none, one with an internal subset, or not well-formed).
std::string svg_without_doctype(std::string_view data);

/// bitmap_problem or svg_problem, by media_type.
std::string image_problem(std::string_view data, const std::string& media_type);

/// An image file's bytes as a book holds them, made the same way when an article is rendered and
/// when the file is read again to be packed: its type sniffed, an SVG's DOCTYPE dropped
/// (svg_without_doctype), then checked (image_problem).
/// A WebP, AVIF or HEIF, TIFF or BMP image (which not every reading system shows) is converted
/// to PNG or JPEG, and a bitmap of more than book_image_pixels is scaled down, by the image module
/// (liboctavo-image.so, libvips), loaded only then; one whose header claims more than
/// max_image_pixels is refused before it is decoded.
struct BookImage {
    std::string media_type; ///< "" when it is no JPEG, PNG, GIF or SVG, and was not converted
    std::string data;
    bool doctype_dropped = false;
    std::string problem;   ///< why it cannot go into a book ("" when it can), as image_problem's
    std::string converted; ///< what was done to it ("WebP converted to JPEG"), or ""
    unsigned width = 0, height = 0; ///< a bitmap's size in pixels, as its header gives it
};
BookImage prepare_image(std::string data);

/// The format of an image a book cannot hold as it is but octavo converts, from its first bytes:
/// "webp", "heif" (AVIF and HEIC), "tiff", "bmp", or "".
std::string sniff_convertible(std::string_view data);

/// A JPEG's, PNG's or GIF's width and height from its header (0, 0 when it gives none).
std::pair<unsigned, unsigned> bitmap_size(std::string_view data, const std::string& media_type);

/// The SHA-256 of an image's bytes (libcrypto, which libzip loads anyway; its first digest costs
/// a millisecond of initialisation), or nothing when libcrypto cannot give one. A volume that lets
/// an image go and reads it again packs the bytes read without checking them again only when
/// this is the same: a CRC-32 could be matched on purpose by whoever swaps the file in between.
using ImageDigest = std::array<unsigned char, 32>;
std::optional<ImageDigest> image_digest(std::string_view data);

} // namespace octavo
