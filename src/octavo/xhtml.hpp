// Article -> XHTML content document(s), built with pugixml from cmark-gfm's tree.
#pragma once

#include <string>
#include <vector>

#include "octavo/article.hpp"
#include "octavo/error.hpp"

namespace pugi {
class xml_document;
class xml_node;
} // namespace pugi

namespace octavo {

/// An entry of the table of contents: level 1 is the article, 2 and below its sections.
struct TocEntry {
    std::string title;
    std::string href; ///< relative to the package folder, e.g. "text/a001.xhtml#a001-intro"
    int level = 1;
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

struct RenderOptions {
    std::string id_prefix = "a001";            ///< prefix of every id: unique per book
    std::string doc_path = "text/a001.xhtml";  ///< where the document goes in the package
    std::string stylesheet = "css/octavo.css"; ///< package path of the stylesheet
    std::string user_stylesheet;               ///< package path of the user's (--css), if any
};

struct RenderedArticle {
    std::vector<ContentDoc> docs;
    std::vector<TocEntry> toc; ///< the article (level 1) and its headings
    std::vector<Resource> images;
    Features features;
    std::string lang;
    bool rtl = false;
};

/// Renders an article whose metadata has been finalized. Warnings collect what was repaired
/// (links unwrapped, raw HTML shown as text...).
Result<RenderedArticle> render_article(const Article& article, const RenderOptions& options,
                                       Warnings& warnings);

/// Serializes a document as octavo writes every XML file: UTF-8 with an XML declaration.
std::string serialize(const pugi::xml_document& doc);

/// A new XHTML document with the XML declaration, DOCTYPE, html (lang, xml:lang, dir), head with
/// a title and an optional stylesheet link. Returns the body element through body.
void start_xhtml(pugi::xml_document& doc, const std::string& lang, bool rtl,
                 const std::string& title, const std::string& stylesheet_href,
                 pugi::xml_node* body);

/// Adds a stylesheet link at the end of the head of a document made by start_xhtml.
void add_stylesheet(pugi::xml_document& doc, const std::string& href);

} // namespace octavo
