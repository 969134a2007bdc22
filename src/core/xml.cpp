#include "core/xml.hpp"

namespace octavo {

namespace {
struct StringWriter : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override {
        out.append(static_cast<const char*>(data), size);
    }
};
} // namespace

std::string xml_text(const pugi::xml_document& doc, unsigned int flags, const char* indent) {
    StringWriter w;
    doc.save(w, indent, flags | pugi::format_no_declaration, pugi::encoding_utf8);
    return std::move(w.out);
}

std::string xml_text_sized(const pugi::xml_document& doc, unsigned int flags, const char* indent) {
    struct Counter : pugi::xml_writer {
        size_t bytes = 0;
        void write(const void*, size_t size) override { bytes += size; }
    } count;
    doc.save(count, indent, flags | pugi::format_no_declaration, pugi::encoding_utf8);
    StringWriter w;
    w.out.reserve(count.bytes);
    doc.save(w, indent, flags | pugi::format_no_declaration, pugi::encoding_utf8);
    return std::move(w.out);
}

} // namespace octavo
