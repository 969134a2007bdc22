// The book's cover: an image the user gives (cover-image / --cover) or one octavo draws, and the
// XHTML cover page that shows it first in the spine.
#pragma once

#include <string>
#include <vector>

#include "assets/loader.hpp"
#include "core/error.hpp"
#include "package/package.hpp"
#include "read/article.hpp"
#include "render/xhtml.hpp"

namespace octavo {

/// Size of a generated cover in pixels (2:3, the shape of most e-reader screens and library views).
inline constexpr int cover_width = 1200;
inline constexpr int cover_height = 1800;

/// Reads the cover image meta.cover_image names. A relative path is resolved against the folder of
/// the file that set the key (front matter or --metadata-file); from the command line, against
/// the working directory. Only JPEG and PNG are accepted, recognized by their content. An image
/// that is output (the book's file, see same_file) is refused. The file is read through assets
/// (nullptr: a FileLoader refusing output).
Result<Resource> load_cover_image(const Metadata& meta, const std::string& source,
                                  const std::string& output = {},
                                  const AssetLoader* assets = nullptr);

/// Draws a cover as a PNG with cairo and pango: title, subtitle and authors, large enough to read
/// as a thumbnail. The same metadata gives the same bytes (no time chunk; fonts from
/// fonts-dejavu-core through fontconfig). The drawing is done by the cover module,
/// liboctavo-cover.so, loaded on the first call from beside liboctavo or the octavo binary, the
/// library folder of the binary's prefix, or the dynamic linker's path; without it, an Error.
Result<std::string> draw_cover(const Metadata& meta);

/// The XHTML cover page for an image at image_path; paths are package-relative.
ContentDoc make_cover_page(const Metadata& meta, bool rtl, const std::string& image_path,
                           const std::vector<std::string>& stylesheets);

/// The book's cover: the image plan.meta.cover_image names, or a drawn one. Adds the image
/// (cover-image), the cover page (first in the spine, before docs) and the cover landmark to the
/// plan. Does nothing when enabled is false. source names the input for messages; output is the
/// book's file (empty: none), which the cover image must not be; the image is read through
/// assets (see load_cover_image).
Status add_cover(BookPlan& plan, std::vector<ContentDoc>& docs, const std::string& source,
                 bool enabled, const std::vector<std::string>& stylesheets,
                 const std::string& output = {}, const AssetLoader* assets = nullptr);

} // namespace octavo
