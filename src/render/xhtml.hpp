// Article -> XHTML content document(s), built with pugixml from cmark-gfm's tree.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "read/article.hpp"
#include "render/document.hpp"
#include "render/split.hpp"

namespace octavo {

struct Body;

class AssetLoader;

/// An entry of the table of contents: level 1 is the article, 2 and below its sections.
struct TocEntry {
    TocEntry(std::string title_ = {}, std::string href_ = {}, int level_ = 1,
             std::string lang_ = {}, bool rtl_ = false)
        : title(std::move(title_)), href(std::move(href_)), level(level_), lang(std::move(lang_)),
          rtl(rtl_) {}
    std::string title;
    std::string href; ///< relative to the package folder, e.g. "text/a001.xhtml#a001-intro"
    int level = 1;
    std::string lang; ///< the entry's language when it differs from the book's, else empty
    bool rtl = false; ///< written right to left (with lang)
};

/// A file to put in the book beside the content documents (an image, a stylesheet).
struct Resource {
    std::string path;       ///< inside the package folder, e.g. "images/a001-1.png"
    std::string media_type; ///< e.g. "image/png"
    std::string data;
    std::string properties; ///< manifest properties, e.g. "cover-image"
    /// An article's image: the reference as the article gave it and the folder it resolves
    /// against, so that a book can let data go and read the file again when it packs it
    /// (reference empty: data is all there is).
    std::string reference = {}, base_dir = {};
    Fingerprint fingerprint = {}; ///< of data, once a book has let it go
    std::optional<std::array<unsigned char, 32>> digest = {}; ///< data's SHA-256, then, if known
    /// Made while the rest of the book is written (a drawn cover, on another thread): data is
    /// empty and this gives it when the archive takes the entry, last.
    std::function<Result<std::string>()> produce = {};
};

/// What the content uses, for the accessibility metadata and manifest properties.
struct Features {
    int images = 0;
    int images_without_alt = 0;
    bool tables = false;
    bool notes = false;
};

struct RenderOptions {
    std::string id_prefix = "a001";            ///< prefix of every id: unique per book
    std::string doc_path = "text/a001.xhtml";  ///< where the document goes in the package
    std::string stylesheet = "css/octavo.css"; ///< package path of the stylesheet
    /// Resolves a relative link that is not a bare fragment ("other.md#part") to a package path
    /// ("text/a002.xhtml#a002-part"). Returning "" unwraps the link, with problem as the warning
    /// (none when the resolver leaves problem empty: it was reported before).
    /// Unset: every such link is unwrapped ("it points outside the book").
    std::function<std::string(const std::string& url, std::string& problem)> resolve_link;
    /// Where warnings about links given to resolve_link go; nullptr: with the others.
    Warnings* link_warnings = nullptr;
    /// Largest content document, in bytes: a bigger article is split into several documents, at
    /// headings when it has some, else between blocks (paragraphs, lists...), and a paragraph
    /// longer than a document inside its text.
    size_t max_doc_bytes = 300 * 1024;
    /// Where to split (where each document after the first starts), from an earlier rendering of
    /// the same article, so that two renderings agree. Unset: choose.
    std::optional<std::vector<SplitPoint>> split_at;
    std::string user_stylesheet; ///< package path of the user's (--css), if any
    /// The file the book is written to (empty: none): an image that is this file is refused, or
    /// the book would overwrite it.
    std::string output_file;
    /// Where images are read from; nullptr: files (a FileLoader refusing output_file).
    const AssetLoader* assets = nullptr;
    /// Folders a relative image path is also tried against, in order, after the article's own
    /// (pandoc's --resource-path).
    std::vector<std::string> resource_path;
    /// The folder site-absolute image paths ("/images/x.png") resolve against; empty: the one
    /// find_site_root finds above the article's folder, if any.
    std::string site_root;
    /// Remote images (http, https) are fetched through assets (BookOptions::fetch_images); a
    /// fetched article's (Article::base_url) always are.
    bool fetch_images = false;
};

struct RenderedArticle {
    std::vector<ContentDoc> docs;
    std::vector<TocEntry> toc; ///< the article (level 1) and its headings
    std::vector<Resource> images;
    Features features;
    std::string lang;
    bool rtl = false;
    std::vector<SplitPoint> split_at; ///< where the article was split (RenderOptions::split_at)
    /// Targets of links from other articles: heading slug -> "text/a001-2.xhtml#a001-slug".
    std::map<std::string, std::string> anchors;
};

/// Renders an article whose metadata has been finalized. Warnings collect what was repaired
/// (links unwrapped, raw HTML shown as text...).
Result<RenderedArticle> render_article(const Article& article, const RenderOptions& options,
                                       Warnings& warnings);
/// The same from a body a reader made (read/body.hpp): article gives the metadata, the source
/// and the folder references resolve against. The tree is rendered as it is (the title heading,
/// typography and the inline notes' lines are taken from it).
Result<RenderedArticle> render_body(const Article& article, Body& body,
                                    const RenderOptions& options, Warnings& warnings);

} // namespace octavo
