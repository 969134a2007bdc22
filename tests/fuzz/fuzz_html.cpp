// libFuzzer target: raw HTML -> the sanitizer (render/html.hpp) -> XHTML. What it writes must be
// well-formed XML once serialized, and hold no script, handler, style, form, frame, foreign
// content or link with a scheme the hooks did not allow.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include <pugixml.hpp>

#include "render/html.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 100000) return 0; // keep executions fast; size limits have their own tests
    // The first byte picks the context, so both get fuzzed.
    auto ctx =
        size > 0 && (data[0] & 1) ? octavo::HtmlContext::phrasing : octavo::HtmlContext::flow;
    std::string html(reinterpret_cast<const char*>(data), size);
    pugi::xml_document doc;
    auto root = doc.append_child("html").append_child("body");
    root = ctx == octavo::HtmlContext::flow ? root.append_child("div") : root.append_child("p");
    octavo::HtmlHooks h;
    h.link = [](pugi::xml_node a, const std::string& href) {
        if (href.rfind("https://", 0) == 0)
            a.append_attribute("href") = href.c_str();
        else
            a.set_name("span");
    };
    h.image = [](const std::string& src) { return src == "ok.png" ? std::string("ok.png") : ""; };
    h.id = [](const std::string& id) { return "f-" + id; };
    h.heading_level = [](int level) { return level; };
    h.dropped = [](const std::string&) {};
    pugi::xml_node open = octavo::append_html(html, root, ctx, h);
    if (open) octavo::finish_html_element(open);
    std::ostringstream out;
    doc.save(out, "", pugi::format_raw);
    pugi::xml_document back;
    std::string xml = out.str();
    if (!back.load_buffer(xml.data(), xml.size())) std::abort();
    if (back.select_node("//*[local-name()='script' or local-name()='iframe' or "
                         "local-name()='style' or local-name()='object' or local-name()='embed' "
                         "or local-name()='svg' or local-name()='math' or local-name()='form' or "
                         "local-name()='input' or local-name()='base' or local-name()='meta']"))
        std::abort();
    if (back.select_node("//@*[starts-with(local-name(), 'on') or local-name()='style']"))
        std::abort();
    if (back.select_node("//a[@href and not(starts-with(@href, 'https://'))]")) std::abort();
    if (back.select_node("//img[@src and @src != 'ok.png']")) std::abort();
    if (back.select_node("//a//a")) std::abort();
    return 0;
}
