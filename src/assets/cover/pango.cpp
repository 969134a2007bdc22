// liboctavo-cover-pango.so: draws a book's cover with cairo and pango (see cover_module.h), for
// the text the FreeType module (fast.cpp) leaves to it: characters its fonts lack, right to left.
#include "cover_module.h"
#include "design.h"
#include "png_sink.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <png.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

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

using namespace octavo_cover;

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

Block text_block(PangoContext* ctx, const std::string& text, const Style& st, int px, int box_width,
                 int max_lines) {
    Block b;
    b.layout.reset(pango_layout_new(ctx));
    PangoLayout* l = static_cast<PangoLayout*>(b.layout.get());
    Owned<PangoFontDescription, pango_font_description_free> font(
        pango_font_description_from_string((std::string(st.family) + " " + st.style).c_str()));
    pango_font_description_set_absolute_size(font.get(), px * PANGO_SCALE);
    pango_layout_set_font_description(l, font.get());
    pango_layout_set_width(l, box_width * PANGO_SCALE);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    pango_layout_set_height(l, -max_lines);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    pango_layout_set_spacing(l, px * PANGO_SCALE / line_spacing_divisor);
    pango_layout_set_text(l, text.c_str(), static_cast<int>(text.size()));
    pango_layout_get_pixel_size(l, &b.width, &b.height);
    return b;
}

// The largest size from start down to min at which text fits in max_lines lines and height.
Block fit_block(PangoContext* ctx, const std::string& text, const Style& st, int box_width,
                int box_height) {
    const int min = st.min_px, max_lines = st.max_lines;
    for (int px = st.start_px;; px = px * 9 / 10) {
        if (px < min) px = min;
        Block b = text_block(ctx, text, st, px, box_width, max_lines + 1);
        PangoLayout* l = static_cast<PangoLayout*>(b.layout.get());
        bool fits = pango_layout_get_line_count(l) <= max_lines && b.height <= box_height &&
                    !pango_layout_is_ellipsized(l);
        if (fits) return b;
        if (px == min) return text_block(ctx, text, st, px, box_width, max_lines);
    }
}

void show(cairo_t* cr, const Block& b, Rgb c, double x, double y) {
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, static_cast<PangoLayout*>(b.layout.get()));
}

void set_error(char* error, size_t size, const char* what, cairo_status_t st) {
    std::snprintf(error, size, "%s: %s", what, cairo_status_to_string(st));
}

// The surface as an RGB PNG through libpng. cairo's own writer leaves libpng to try every filter
// on every row and zlib at its default level: three fifths of a default run. The cover is flat
// colour but for its text's edges, which unfiltered rows and zlib's level 3 keep as small
// (133 KB against 130 KB for the article's cover) in well under half the time; the other
// filters with level 1 to 3 made 140 to 170 KB in no less time (measured on the article).

bool write_png(cairo_surface_t* surface, octavo_cover_sink sink, void* closure) {
    const int w = cairo_image_surface_get_width(surface),
              h = cairo_image_surface_get_height(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* pixels = cairo_image_surface_get_data(surface);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!png) return false;
    png_infop info = png_create_info_struct(png);
    std::vector<unsigned char> row(static_cast<size_t>(w) * 3);
    PngSink s{sink, closure};
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    write_to(png, &s);
    png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_level(png, 3);
    png_write_info(png, info);
    for (int y = 0; y < h; ++y) {
        // CAIRO_FORMAT_RGB24: a native-endian 32-bit word per pixel, 0xXXRRGGBB.
        const auto* px =
            reinterpret_cast<const uint32_t*>(pixels + static_cast<size_t>(y) * stride);
        for (int x = 0; x < w; ++x) {
            row[3 * x] = static_cast<unsigned char>(px[x] >> 16);
            row[3 * x + 1] = static_cast<unsigned char>(px[x] >> 8);
            row[3 * x + 2] = static_cast<unsigned char>(px[x]);
        }
        png_write_row(png, row.data());
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return true;
}

int draw(const octavo_cover_text* text, octavo_cover_sink sink, void* closure, char* error,
         size_t error_size) {
    const int w = text->width, h = text->height;
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
    if (*text->lang) pango_context_set_language(pc, pango_language_from_string(text->lang));

    const int box = w - 2 * margin;
    fill(cr.get(), paper, 0, 0, w, h);
    fill(cr.get(), ink, 0, 0, w, band);
    fill(cr.get(), accent, 0, band, w, accent_height);

    // Title and subtitle, centred together in the band.
    Block tb = fit_block(pc, text->title, title, box, title_height);
    Block sb;
    int gap = 0;
    if (*text->subtitle) {
        sb = fit_block(pc, text->subtitle, subtitle, box, subtitle_height);
        gap = subtitle_gap;
    }
    int group = tb.height + gap + sb.height;
    double y = std::max<double>(title_top, (band - group) / 2.0);
    show(cr.get(), tb, white, margin, y);
    if (sb.layout) {
        double rule_y = std::round(y + tb.height + gap / 2.0);
        fill(cr.get(), accent, (w - rule_width) / 2, rule_y - 3, rule_width, rule_height);
        show(cr.get(), sb, pale, margin, y + tb.height + gap);
    }

    // Authors on the paper, publisher and year at the foot.
    const std::string names = text->authors, foot_text = text->foot;
    const int foot_top = h - foot_from_bottom;
    if (!names.empty()) {
        Block a = fit_block(pc, names, authors, box, foot_top - band - 120);
        double ay = band + accent_height + (foot_top - band - accent_height - a.height) / 2.0;
        show(cr.get(), a, ink, margin, ay);
    }
    if (!foot_text.empty()) {
        Block f = fit_block(pc, foot_text, foot, box, foot_box);
        show(cr.get(), f, grey, margin, foot_top + (foot_box - f.height) / 2.0);
    }

    cairo_surface_flush(surface.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
        set_error(error, error_size, "cannot draw the cover", cairo_status(cr.get()));
        return -1;
    }
    if (!write_png(surface.get(), sink, closure)) {
        std::snprintf(error, error_size, "cannot encode the cover: libpng failed");
        return -1;
    }
    return 0;
}

} // namespace

extern "C" __attribute__((visibility("default"))) int
octavo_draw_cover_v1(const octavo_cover_text* text, octavo_cover_sink sink, void* closure,
                     char* error, size_t error_size) {
    try { // no exception crosses the C interface
        return draw(text, sink, closure, error, error_size);
    } catch (const std::exception& e) {
        std::snprintf(error, error_size, "cannot draw the cover: %s", e.what());
        return -1;
    }
}
