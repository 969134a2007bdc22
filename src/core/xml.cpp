#include "core/xml.hpp"

namespace octavo {

std::string xml_text(const pugi::xml_document& doc, unsigned int flags, const char* indent) {
    struct StringWriter : pugi::xml_writer {
        std::string out;
        void write(const void* data, size_t size) override {
            out.append(static_cast<const char*>(data), size);
        }
    } w;
    doc.save(w, indent, flags | pugi::format_no_declaration, pugi::encoding_utf8);
    return std::move(w.out);
}

} // namespace octavo
