// An XHTML content document: how octavo starts one and writes it.
#pragma once

#include <string>

namespace pugi {
class xml_document;
class xml_node;
} // namespace pugi

namespace octavo {

/// One XHTML content document ready for the archive.
struct ContentDoc {
    std::string path; ///< inside the package folder, e.g. "text/a001.xhtml"
    std::string data;
};

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
