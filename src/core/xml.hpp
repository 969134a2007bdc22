// Writing a pugixml document to a string, as every XML file of the book is written.
#pragma once

#include <string>

#include <pugixml.hpp>

namespace octavo {

/// doc as UTF-8 text, with the flags and indent of pugi::xml_document::save but never a
/// declaration of pugixml's own: a document that needs one has it as its first node.
std::string xml_text(const pugi::xml_document& doc, unsigned int flags, const char* indent = "");

/// The same, written twice: first only counted, so that the string is made at its size once.
/// For a document of megabytes (a large volume's NCX, nav and OPF), which a string growing as it
/// is written holds up to three times over while it moves to a larger buffer.
std::string xml_text_sized(const pugi::xml_document& doc, unsigned int flags,
                           const char* indent = "");

} // namespace octavo
