#include "assets/cover.hpp"

#include <pugixml.hpp>

#include <cstring>
#include <future>
#include <string>
#include <system_error>
#include <vector>

#include "assets/cover/cover_module.h"
#include "assets/image.hpp"
#include "core/module.hpp"
#include "core/paths.hpp"

namespace octavo {
namespace {

struct CoverModule {
    const char* name = nullptr;
    octavo_draw_cover_fn draw = nullptr;
    std::string error;
    bool installed = false;
};

CoverModule cover_module(const char* name) {
    LoadedModule m = load_module(name, OCTAVO_DRAW_COVER_SYMBOL);
    return {name, reinterpret_cast<octavo_draw_cover_fn>(m.symbol), m.error, m.installed};
}

// The FreeType module first; the pango module only for the text the first leaves to it.
const CoverModule& fast_module() {
    static const CoverModule m = cover_module(OCTAVO_COVER_MODULE);
    return m;
}
const CoverModule& pango_module() {
    static const CoverModule m = cover_module(OCTAVO_COVER_PANGO_MODULE);
    return m;
}

Error module_error(const CoverModule& module) {
    return Error{Errc::io, "", 0, 0,
                 std::string("cannot draw the cover: the cover module ") + module.name +
                     (module.installed ? " cannot be loaded (" : " is not installed (") +
                     module.error + "); give a cover image or leave the cover out"};
}

void append_png(void* closure, const char* data, size_t n) {
    static_cast<std::string*>(closure)->append(data, n);
}

} // namespace

Result<Resource> load_cover_image(const Metadata& meta, const std::string& source,
                                  const std::string& output, const AssetLoader* assets) {
    auto origin = meta.origin_of("cover-image", source);
    // Relative to the file that set it; from the command line, to the working directory.
    std::string base_dir;
    if (meta.cover_image.empty() || meta.cover_image[0] != '/') {
        bool from_cli = origin.file.empty() || origin.file == "command line";
        if (!from_cli) base_dir = parent_folder(origin.file);
    }
    auto fail = [&](const std::string& msg) {
        return Error{Errc::content, origin.file, origin.line, 0,
                     "cover image '" + meta.cover_image + "'" + msg};
    };
    FileLoader files(output);
    const AssetLoader& loader = assets ? *assets : files;
    LoadedFile file = loader.load(meta.cover_image, base_dir, Reach::anywhere);
    switch (file.problem) {
    case LoadedFile::none:
    case LoadedFile::outside: // not with Reach::anywhere
        break;
    case LoadedFile::output_file:
        return fail(" is the output file " + loader.output_file() +
                    ": the book would overwrite its input");
    case LoadedFile::unreadable:
        return fail(": " + file.error);
    }
    std::string type = sniff_image(file.data);
    if (type != "image/jpeg" && type != "image/png") return fail(" is not a JPEG or PNG file");
    if (auto why = bitmap_problem(file.data, type); !why.empty()) return fail(" " + why);
    std::string name = type == "image/jpeg" ? "images/cover.jpg" : "images/cover.png";
    return Resource{name, type, std::move(file.data), "cover-image"};
}

namespace {

// What the cover shows: title, subtitle, the authors (one per line when few), the foot (the
// publisher and the year), and the language.
std::vector<std::string> cover_lines(const Metadata& meta) {
    std::string names;
    size_t count = 0;
    for (const auto& p : meta.authors)
        if (p.role == "aut") ++count;
    for (const auto& p : meta.authors) {
        if (p.role != "aut") continue;
        if (!names.empty()) names += count <= 3 ? "\n" : ", ";
        names += p.name;
    }
    std::string foot = meta.publisher;
    if (!meta.date.empty()) foot += (foot.empty() ? "" : " \xC2\xB7 ") + meta.date.substr(0, 4);
    return {meta.title, meta.subtitle, names, foot, meta.lang};
}

Result<std::string> draw_lines(const std::vector<std::string>& lines) {
    const CoverModule& fast = fast_module();
    if (!fast.draw) return module_error(fast);
    octavo_cover_text text{lines[0].c_str(), lines[1].c_str(), lines[2].c_str(), lines[3].c_str(),
                           lines[4].c_str(), cover_width,      cover_height};
    std::string png;
    char error[256] = "";
    int rc = fast.draw(&text, append_png, &png, error, sizeof error);
    if (rc == OCTAVO_COVER_UNSUPPORTED) {
        const CoverModule& pango = pango_module();
        if (!pango.draw) return module_error(pango);
        rc = pango.draw(&text, append_png, &png, error, sizeof error);
    }
    if (rc != 0) return Error{Errc::content, "", 0, 0, error};
    return png;
}

} // namespace

Result<std::string> draw_cover(const Metadata& meta) {
    return draw_lines(cover_lines(meta));
}

EarlyCover::~EarlyCover() {
    // A drawing never asked for ends first (its promise broken), then its thread is joined.
    if (started_ && !drawn_) text_ = std::promise<std::vector<std::string>>();
}

void EarlyCover::start() {
    if (started_) return;
    try {
        png_ = std::async(std::launch::async,
                          [lines = text_.get_future()]() mutable -> Result<std::string> {
                              fast_module(); // while the articles are read
                              return draw_lines(lines.get());
                          })
                   .share();
        started_ = true;
    } catch (const std::system_error&) { // no thread: add_cover draws it
    }
}

void EarlyCover::draw(const Metadata& meta) {
    if (!started_ || drawn_) return;
    given_ = cover_lines(meta);
    text_.set_value(given_);
    drawn_ = true;
}

std::shared_future<Result<std::string>> EarlyCover::drawing_for(const Metadata& meta) const {
    if (drawn_ && cover_lines(meta) == given_) return png_;
    return {};
}

ContentDoc make_cover_page(const Metadata& meta, bool rtl, const std::string& image_path,
                           const std::vector<std::string>& stylesheets) {
    pugi::xml_document doc;
    pugi::xml_node body;
    start_xhtml(doc, meta.lang, rtl, meta.title,
                stylesheets.empty() ? std::string() : "../" + stylesheets[0], &body);
    for (size_t i = 1; i < stylesheets.size(); ++i)
        add_stylesheet(doc, "../" + stylesheets[i]);
    body.append_attribute("class") = "cover";
    auto div = body.append_child("div");
    div.append_attribute("class") = "cover";
    auto img = div.append_child("img");
    img.append_attribute("src") = ("../" + image_path).c_str();
    img.append_attribute("alt") = meta.title.c_str();
    img.append_attribute("role") = "doc-cover";
    img.append_attribute("class") = "cover";
    return {"text/cover.xhtml", serialize(doc)};
}

Status add_cover(BookPlan& plan, std::vector<ContentDoc>& docs, const std::string& source,
                 bool enabled, const std::vector<std::string>& stylesheets,
                 const std::string& output, const AssetLoader* assets, const EarlyCover* early) {
    if (!enabled) return {};
    Resource image;
    if (!plan.meta.cover_image.empty()) {
        auto img = load_cover_image(plan.meta, source, output, assets);
        if (!img) return img.error();
        image = std::move(*img);
    } else {
        // Drawn on another core while the book is written, and packed last: in a volume that
        // hides it entirely (it is a few times less than writing 1,000 articles).
        image = {"images/cover.png", "image/png", {}, "cover-image"};
        auto drawing =
            early ? early->drawing_for(plan.meta) : std::shared_future<Result<std::string>>();
        if (!drawing.valid()) {
            try {
                drawing = std::async(std::launch::async, [meta = plan.meta] {
                              return draw_cover(meta);
                          }).share();
            } catch (const std::system_error&) { // no thread to be had: drawn here, now
                auto png = draw_cover(plan.meta);
                if (!png) return png.error();
                image.data = std::move(*png);
            }
        }
        if (drawing.valid())
            image.produce = [drawing]() -> Result<std::string> { return drawing.get(); };
    }
    ContentDoc page = make_cover_page(plan.meta, plan.rtl, image.path, stylesheets);
    plan.cover_page = page.path;
    plan.spine.insert(plan.spine.begin(), page.path);
    docs.insert(docs.begin(), std::move(page));
    plan.resources.push_back(std::move(image));
    ++plan.features.images; // the cover page's image, which has its alt text
    return {};
}

} // namespace octavo
