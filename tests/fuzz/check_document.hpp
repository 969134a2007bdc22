// What every fuzz target that renders checks of each document it made: well-formed XML, and
// nothing active in it (no script, frame, style, object, embed or form element, no on*
// attribute). A failure aborts, which libFuzzer reports as a crash.
#pragma once

#include <cstdlib>
#include <string_view>

#include <pugixml.hpp>

inline void check_document(std::string_view xml) {
    pugi::xml_document doc;
    if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_declaration,
                         pugi::encoding_utf8))
        std::abort();
    if (doc.select_node("//*[local-name()='script' or local-name()='iframe' or "
                        "local-name()='style' or local-name()='object' or "
                        "local-name()='embed' or local-name()='form']"))
        std::abort();
    if (doc.select_node("//@*[starts-with(local-name(), 'on')]")) std::abort();
}
