// Writing a pugixml document to a string, as every XML file of the book is written.
#pragma once

#include <string>

#include <pugixml.hpp>

namespace octavo {

/// doc as UTF-8 text, with the flags and indent of pugi::xml_document::save but never a
/// declaration of pugixml's own: a document that needs one has it as its first node.
std::string xml_text(const pugi::xml_document& doc, unsigned int flags, const char* indent = "");

} // namespace octavo
