// Article -> XHTML content document(s), built with pugixml from cmark-gfm's tree.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "read/article.hpp"

namespace pugi {
class xml_document;
class xml_node;
} // namespace pugi

namespace octavo {

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
};

/// One XHTML content document ready for the archive.
struct ContentDoc {
    std::string path; ///< inside the package folder, e.g. "text/a001.xhtml"
    std::string data;
};

/// What the content uses, for the accessibility metadata and manifest properties.
struct Features {
    int images = 0;
    int images_without_alt = 0;
    bool tables = false;
    bool notes = false;
};

/// Where a content document starts: before the article section's child block, or, when that child
/// is a paragraph too long for one document, inside it: before the paragraph's child `child`,
/// `offset` bytes into its text (child and offset 0: before the block itself).
struct SplitPoint {
    size_t block = 0;
    size_t child = 0;
    size_t offset = 0;
    bool operator==(const SplitPoint& o) const {
        return block == o.block && child == o.child && offset == o.offset;
    }
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

/// Splits an XHTML document whose content is the children of the first element in its body
/// (html > body > section) into documents of at most max_bytes where it can: a new document starts
/// at a heading when one is near, else between children; a paragraph (p) longer than a document
/// is cut inside its own text, at a sentence end, else a space, else a character, into pieces
/// that fill the documents, each piece after the first a <p class="continued">. With split_at
/// given, splits there instead. Parts go to base_path, then base_path with "-2", "-3"... before
/// ".xhtml"; links to an id in another part are rewritten to point there. Returns the parts
/// (one can still be larger than max_bytes when it holds a longer block of another kind: a code
/// block, a table, a list...); chosen gets the split points and where (if given, and the
/// document was split) maps every id to "part-path#id".
std::vector<ContentDoc> split_document(const pugi::xml_document& doc, const std::string& base_path,
                                       size_t max_bytes, const std::vector<SplitPoint>* split_at,
                                       std::vector<SplitPoint>* chosen,
                                       std::map<std::string, std::string>* where);

/// Serializes a document as octavo writes every XML file: UTF-8 with an XML declaration.
std::string serialize(const pugi::xml_document& doc);

/// A new XHTML document with the XML declaration, DOCTYPE, html (lang, xml:lang, dir), head with
/// a title and an optional stylesheet link. Returns the body element through body.
void start_xhtml(pugi::xml_document& doc, const std::string& lang, bool rtl,
                 const std::string& title, const std::string& stylesheet_href,
                 pugi::xml_node* body);

/// Adds a stylesheet link at the end of the head of a document made by start_xhtml.
void add_stylesheet(pugi::xml_document& doc, const std::string& href);

namespace detail {
/// path with every link, "." and ".." resolved, or "" when it does not exist.
std::string real_path(const std::string& path);
/// True when real (a real_path) is inside folder (or either does not exist).
bool inside_folder(const std::string& real, const std::string& folder);
/// True when a relative path ('/'-separated) climbs out of its folder through "..", on paper.
bool leaves_folder(std::string_view path);
} // namespace detail

} // namespace octavo
