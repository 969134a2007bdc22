#include "render/document.hpp"

#include <pugixml.hpp>

#include "core/xml.hpp"

namespace octavo {

std::string serialize(const pugi::xml_document& doc) {
    return xml_text(doc, pugi::format_raw);
}

void start_xhtml(pugi::xml_document& doc, const std::string& lang, bool rtl,
                 const std::string& title, const std::string& stylesheet_href,
                 pugi::xml_node* body) {
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    doc.append_child(pugi::node_doctype).set_value("html");
    auto html = doc.append_child("html");
    html.append_attribute("xmlns") = "http://www.w3.org/1999/xhtml";
    html.append_attribute("xmlns:epub") = "http://www.idpf.org/2007/ops";
    html.append_attribute("lang") = lang.c_str();
    html.append_attribute("xml:lang") = lang.c_str();
    if (rtl) html.append_attribute("dir") = "rtl";
    auto head = html.append_child("head");
    head.append_child("meta").append_attribute("charset") = "utf-8";
    head.append_child("title").text() = title.c_str();
    if (!stylesheet_href.empty()) {
        auto link = head.append_child("link");
        link.append_attribute("rel") = "stylesheet";
        link.append_attribute("type") = "text/css";
        link.append_attribute("href") = stylesheet_href.c_str();
    }
    *body = html.append_child("body");
    if (rtl) body->append_attribute("dir") = "rtl"; // MuPDF and some others read it only here
}

void add_stylesheet(pugi::xml_document& doc, const std::string& href) {
    auto link = doc.child("html").child("head").append_child("link");
    link.append_attribute("rel") = "stylesheet";
    link.append_attribute("type") = "text/css";
    link.append_attribute("href") = href.c_str();
}

} // namespace octavo
