// The book's cover: an image the user gives (cover-image / --cover) or one octavo draws, and the
// XHTML cover page that shows it first in the spine.
#pragma once

#include <future>
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

/// Draws a cover as a PNG: title, subtitle and authors, large enough to read as a thumbnail. The
/// same metadata gives the same bytes (no time chunk; fonts from fonts-dejavu-core). The drawing
/// is done by the cover module, liboctavo-cover.so (liboctavo-cover-pango.so for the text it
/// leaves), loaded on the first call from beside liboctavo or the octavo binary, the library
/// folder of the binary's prefix, or the dynamic linker's path; without it, an Error.
Result<std::string> draw_cover(const Metadata& meta);

/// A cover drawn on another core from early on: start() loads the cover module there at once,
/// while the articles are read, and draw() starts the drawing as soon as the metadata is final
/// (for one article, before it is rendered). add_cover takes the drawing when the book's
/// metadata draws the same cover, and draws it anew otherwise. Without a thread to be had it
/// does nothing, and add_cover draws the cover itself.
class EarlyCover {
public:
    EarlyCover() = default;
    EarlyCover(const EarlyCover&) = delete;
    EarlyCover& operator=(const EarlyCover&) = delete;
    ~EarlyCover();

    void start();
    /// Draws the cover of meta; at most once, after start().
    void draw(const Metadata& meta);
    /// The drawing, when it was started for a cover that meta draws alike.
    std::shared_future<Result<std::string>> drawing_for(const Metadata& meta) const;

private:
    std::shared_future<Result<std::string>> png_;
    std::promise<std::vector<std::string>> text_; // the cover's lines (cover_lines)
    std::vector<std::string> given_;
    bool started_ = false, drawn_ = false;
};

/// The XHTML cover page for an image at image_path; paths are package-relative.
ContentDoc make_cover_page(const Metadata& meta, bool rtl, const std::string& image_path,
                           const std::vector<std::string>& stylesheets);

/// The book's cover: the image plan.meta.cover_image names, or a drawn one. Adds the image
/// (cover-image), the cover page (first in the spine, before docs) and the cover landmark to the
/// plan. Does nothing when enabled is false. source names the input for messages; output is the
/// book's file (empty: none), which the cover image must not be; the image is read through
/// assets (see load_cover_image).
/// early, when given, may hold the drawing already begun.
Status add_cover(BookPlan& plan, std::vector<ContentDoc>& docs, const std::string& source,
                 bool enabled, const std::vector<std::string>& stylesheets,
                 const std::string& output = {}, const AssetLoader* assets = nullptr,
                 const EarlyCover* early = nullptr);

} // namespace octavo
