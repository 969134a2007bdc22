#include "octavo/cover.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <pugixml.hpp>

#include <algorithm>
#include <memory>

namespace octavo {
namespace {

template <class T, void (*F)(T*)> struct Deleter {
    void operator()(T* p) const {
        if (p) F(p);
    }
};
template <class T, void (*F)(T*)> using Owned = std::unique_ptr<T, Deleter<T, F>>;
void unref_object(void* p) {
    g_object_unref(p);
}
template <class T> using GOwned = std::unique_ptr<T, Deleter<void, unref_object>>;

std::string sniff_cover(const std::string& d) {
    if (d.compare(0, 3, "\xFF\xD8\xFF") == 0) return "image/jpeg";
    if (d.compare(0, 8, "\x89PNG\r\n\x1A\n") == 0) return "image/png";
    return {};
}

std::string dirname_of(const std::string& file) {
    size_t slash = file.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : file.substr(0, slash);
}

struct Rgb {
    double r, g, b;
};
constexpr Rgb ink{0.12, 0.16, 0.22};   // the band and the authors
constexpr Rgb paper{0.96, 0.94, 0.90}; // the lower part
constexpr Rgb accent{0.78, 0.33, 0.24};
constexpr Rgb pale{0.82, 0.85, 0.88}; // the subtitle on the band
constexpr Rgb grey{0.33, 0.33, 0.33};

void fill(cairo_t* cr, Rgb c, double x, double y, double w, double h) {
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
}

// A centred, wrapped paragraph of text in the given font, at most max_lines lines.
struct Block {
    GOwned<PangoLayout> layout;
    int width = 0, height = 0;
};

Block text_block(PangoContext* ctx, const std::string& text, const std::string& family,
                 const char* style, int px, int box_width, int max_lines) {
    Block b;
    b.layout.reset(pango_layout_new(ctx));
    PangoLayout* l = static_cast<PangoLayout*>(b.layout.get());
    Owned<PangoFontDescription, pango_font_description_free> font(
        pango_font_description_from_string((family + " " + style).c_str()));
    pango_font_description_set_absolute_size(font.get(), px * PANGO_SCALE);
    pango_layout_set_font_description(l, font.get());
    pango_layout_set_width(l, box_width * PANGO_SCALE);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    pango_layout_set_height(l, -max_lines);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    pango_layout_set_spacing(l, px * PANGO_SCALE / 8);
    pango_layout_set_text(l, text.c_str(), static_cast<int>(text.size()));
    pango_layout_get_pixel_size(l, &b.width, &b.height);
    return b;
}

// The largest size from start down to min at which text fits in max_lines lines and height.
Block fit_block(PangoContext* ctx, const std::string& text, const std::string& family,
                const char* style, int start, int min, int box_width, int box_height,
                int max_lines) {
    for (int px = start;; px = px * 9 / 10) {
        if (px < min) px = min;
        Block b = text_block(ctx, text, family, style, px, box_width, max_lines + 1);
        PangoLayout* l = static_cast<PangoLayout*>(b.layout.get());
        bool fits = pango_layout_get_line_count(l) <= max_lines && b.height <= box_height &&
                    !pango_layout_is_ellipsized(l);
        if (fits) return b;
        if (px == min) return text_block(ctx, text, family, style, px, box_width, max_lines);
    }
}

void show(cairo_t* cr, const Block& b, Rgb c, double x, double y) {
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, static_cast<PangoLayout*>(b.layout.get()));
}

cairo_status_t append_png(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

} // namespace

Result<Resource> load_cover_image(const Metadata& meta, const std::string& source) {
    auto origin = meta.origin_of("cover-image", source);
    std::string path = meta.cover_image;
    if (path.empty() || path[0] != '/') {
        bool from_cli = origin.file.empty() || origin.file == "command line";
        if (!from_cli) path = dirname_of(origin.file) + "/" + path;
    }
    auto fail = [&](const std::string& msg) {
        return Error{Errc::content, origin.file, origin.line, 0,
                     "cover image '" + meta.cover_image + "'" + msg};
    };
    auto data = read_file(path);
    if (!data) return fail(": " + data.error().message);
    std::string type = sniff_cover(*data);
    if (type.empty()) return fail(" is not a JPEG or PNG file");
    std::string name = type == "image/jpeg" ? "images/cover.jpg" : "images/cover.png";
    return Resource{name, type, std::move(*data), "cover-image"};
}

Result<std::string> draw_cover(const Metadata& meta) {
    const int w = cover_width, h = cover_height;
    Owned<cairo_surface_t, cairo_surface_destroy> surface(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
    Owned<cairo_t, cairo_destroy> cr(cairo_create(surface.get()));

    // A font map of our own rather than the process-wide default: nothing shared, nothing cached
    // between books. Grey antialiasing without hinting gives the same pixels on any screen setup.
    GOwned<PangoFontMap> font_map(pango_cairo_font_map_new());
    GOwned<PangoContext> ctx(
        pango_font_map_create_context(static_cast<PangoFontMap*>(font_map.get())));
    PangoContext* pc = static_cast<PangoContext*>(ctx.get());
    Owned<cairo_font_options_t, cairo_font_options_destroy> fo(cairo_font_options_create());
    cairo_font_options_set_antialias(fo.get(), CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(fo.get(), CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo.get(), CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(pc, fo.get());
    pango_cairo_context_set_resolution(pc, 72.0);
    if (!meta.lang.empty()) {
        pango_context_set_language(pc, pango_language_from_string(meta.lang.c_str()));
    }

    const int band = 1180, margin = 110, box = w - 2 * margin;
    fill(cr.get(), paper, 0, 0, w, h);
    fill(cr.get(), ink, 0, 0, w, band);
    fill(cr.get(), accent, 0, band, w, 18);

    // Title and subtitle, centred together in the band.
    Block title = fit_block(pc, meta.title, "DejaVu Serif", "Bold", 150, 64, box, 760, 5);
    Block sub;
    int gap = 0;
    if (!meta.subtitle.empty()) {
        sub = fit_block(pc, meta.subtitle, "DejaVu Serif", "Italic", 56, 40, box, 260, 4);
        gap = 70;
    }
    int group = title.height + gap + sub.height;
    double y = std::max(100.0, (band - group) / 2.0);
    show(cr.get(), title, {1, 1, 1}, margin, y);
    if (sub.layout) {
        double rule_y = y + title.height + gap / 2.0;
        fill(cr.get(), accent, (w - 160) / 2.0, rule_y - 3, 160, 6);
        show(cr.get(), sub, pale, margin, y + title.height + gap);
    }

    // Authors on the paper, one per line when few.
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
    const int foot_top = h - 150;
    if (!names.empty()) {
        Block a = fit_block(pc, names, "DejaVu Serif", "", 72, 40, box, foot_top - band - 120, 4);
        double ay = band + 18 + (foot_top - band - 18 - a.height) / 2.0;
        show(cr.get(), a, ink, margin, ay);
    }
    if (!foot.empty()) {
        Block f = fit_block(pc, foot, "DejaVu Sans", "", 40, 28, box, 100, 1);
        show(cr.get(), f, grey, margin, foot_top + (100 - f.height) / 2.0);
    }

    cairo_surface_flush(surface.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
        return Error{Errc::content, "", 0, 0,
                     std::string("cannot draw the cover: ") +
                         cairo_status_to_string(cairo_status(cr.get()))};
    std::string png;
    cairo_status_t st = cairo_surface_write_to_png_stream(surface.get(), append_png, &png);
    if (st != CAIRO_STATUS_SUCCESS)
        return Error{Errc::content, "", 0, 0,
                     std::string("cannot encode the cover: ") + cairo_status_to_string(st)};
    return png;
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
                 bool enabled, const std::vector<std::string>& stylesheets) {
    if (!enabled) return {};
    Resource image;
    if (!plan.meta.cover_image.empty()) {
        auto img = load_cover_image(plan.meta, source);
        if (!img) return img.error();
        image = std::move(*img);
    } else {
        auto png = draw_cover(plan.meta);
        if (!png) return png.error();
        image = {"images/cover.png", "image/png", std::move(*png), "cover-image"};
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
