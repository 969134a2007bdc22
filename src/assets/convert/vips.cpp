// liboctavo-image.so: images converted and scaled with libvips (see convert_module.h). libvips
// reads every format through one call, shrinks while it decodes (JPEG's DCT scaling, WebP's and
// HEIF's own) and streams the rest, so a 100-megapixel image costs a few megabytes, not 400.
#include <vips/vips.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>

#include "assets/convert/convert_module.h"

namespace {

struct Unref {
    VipsImage* image = nullptr;
    ~Unref() {
        if (image) g_object_unref(image);
    }
};

int fail(char* error, size_t size, const char* what) {
    std::snprintf(error, size, "%s", what);
    return 0;
}

int fail_vips(char* error, size_t size, const char* what) {
    std::string why = vips_error_buffer();
    vips_error_clear();
    while (!why.empty() && (why.back() == '\n' || why.back() == ' '))
        why.pop_back();
    if (size_t nl = why.find('\n'); nl != std::string::npos) why.resize(nl);
    std::snprintf(error, size, "%s%s%s", what, why.empty() ? "" : ": ", why.c_str());
    return 0;
}

// The image's header (its pixels are decoded only when asked for), read by the loader for what
// octavo sniffed: never one libvips chooses, which could be PDF's, SVG's or ImageMagick's for
// anything. BMP has no loader of its own in libvips: ImageMagick's, for a file that is a BMP.
VipsImage* header(const char* kind, const void* data, size_t size) {
    void* d = const_cast<void*>(data);
    VipsImage* out = nullptr;
    int r = -1;
    auto seq = VIPS_ACCESS_SEQUENTIAL;
    if (!std::strcmp(kind, "jpeg"))
        r = vips_jpegload_buffer(d, size, &out, "access", seq, nullptr);
    else if (!std::strcmp(kind, "png"))
        r = vips_pngload_buffer(d, size, &out, "access", seq, nullptr);
    else if (!std::strcmp(kind, "gif"))
        r = vips_gifload_buffer(d, size, &out, "access", seq, nullptr);
    else if (!std::strcmp(kind, "webp"))
        r = vips_webpload_buffer(d, size, &out, "access", seq, nullptr);
    else if (!std::strcmp(kind, "heif"))
        r = vips_heifload_buffer(d, size, &out, "access", seq, nullptr);
    else if (!std::strcmp(kind, "tiff"))
        r = vips_tiffload_buffer(d, size, &out, "access", seq, nullptr);
    else if (!std::strcmp(kind, "bmp"))
        r = vips_magickload_buffer(d, size, &out, "access", seq, nullptr);
    return r == 0 ? out : nullptr;
}

// Whether a WebP's image is its lossless kind (a VP8L chunk, not VP8), a drawing more likely.
bool lossless_webp(const void* data, size_t size) {
    auto d = static_cast<const unsigned char*>(data);
    for (size_t i = 12; i + 8 <= size;) {
        if (!std::memcmp(d + i, "VP8L", 4)) return true;
        if (!std::memcmp(d + i, "VP8 ", 4)) return false;
        size_t n = d[i + 4] | (d[i + 5] << 8) | (d[i + 6] << 16) | (size_t{d[i + 7]} << 24);
        i += 8 + n + (n & 1);
    }
    return false;
}

} // namespace

extern "C" __attribute__((visibility("default"))) int
octavo_convert_image_v1(const octavo_image_request* req, octavo_image_sink sink, void* closure,
                        unsigned* width, unsigned* height, char* error, size_t error_size) {
    static std::once_flag once;
    static bool ready = false;
    std::call_once(once, [] {
        // libvips's warnings go to the caller as errors, or nowhere: a library never prints.
        for (const char* domain : {"VIPS", "GLib-GObject", "GLib"})
            g_log_set_handler(
                domain,
                static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE |
                                            G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG),
                [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
        ready = vips_init("octavo") == 0;
        if (ready) {
            vips_concurrency_set(1); // the same work, in bounded memory, beside the deflater
            vips_cache_set_max(0);
            // Its worker threads wait for more work until the process ends: joined at exit (a
            // process that ends with _exit skips it), so that LeakSanitizer finds none running.
            std::atexit([] { vips_shutdown(); });
        }
    });
    if (!ready) return fail(error, error_size, "cannot be converted: libvips does not start");
    // The header first: what it claims is refused before a pixel is decoded.
    Unref head{header(req->kind, req->data, req->size)};
    if (!head.image) return fail_vips(error, error_size, "cannot be decoded");
    unsigned long long w = static_cast<unsigned>(vips_image_get_width(head.image));
    unsigned long long h = static_cast<unsigned>(vips_image_get_page_height(head.image));
    *width = static_cast<unsigned>(w);
    *height = static_cast<unsigned>(h);
    if (w == 0 || h == 0) return fail(error, error_size, "has no pixels");
    if (w * h > req->max_pixels) {
        char msg[160];
        std::snprintf(msg, sizeof msg,
                      "claims %llux%llu pixels, more than the %llu million octavo decodes", w, h,
                      req->max_pixels / 1000000);
        return fail(error, error_size, msg);
    }
    bool alpha = vips_image_hasalpha(head.image);
    bool png = alpha || !std::strcmp(req->kind, "png") || !std::strcmp(req->kind, "gif") ||
               !std::strcmp(req->kind, "bmp") ||
               (!std::strcmp(req->kind, "webp") && lossless_webp(req->data, req->size));
    // The longer side of the image scaled to target_pixels: thumbnail fits it in a square box
    // (after turning it as its EXIF orientation says).
    double scale = 1;
    if (w * h > req->target_pixels)
        scale = std::sqrt(static_cast<double>(req->target_pixels) / static_cast<double>(w * h));
    int side = static_cast<int>(std::floor(static_cast<double>(w > h ? w : h) * scale));
    if (side < 1) side = 1;
    Unref thumb;
    if (vips_thumbnail_buffer(const_cast<void*>(req->data), req->size, &thumb.image, side, "height",
                              side, "size", VIPS_SIZE_DOWN, nullptr) != 0)
        return fail_vips(error, error_size, "cannot be decoded");
    Unref rgb{thumb.image};
    thumb.image = nullptr;
    VipsInterpretation in = vips_image_get_interpretation(rgb.image);
    if (in != VIPS_INTERPRETATION_sRGB && in != VIPS_INTERPRETATION_B_W) {
        Unref c;
        if (vips_colourspace(rgb.image, &c.image, VIPS_INTERPRETATION_sRGB, nullptr) != 0)
            return fail_vips(error, error_size, "cannot be converted to sRGB");
        std::swap(rgb.image, c.image);
    }
    if (vips_image_get_format(rgb.image) != VIPS_FORMAT_UCHAR) {
        Unref c;
        if (vips_cast_uchar(rgb.image, &c.image, nullptr) != 0)
            return fail_vips(error, error_size, "cannot be converted to 8 bits");
        std::swap(rgb.image, c.image);
    }
    if (!png && vips_image_hasalpha(rgb.image)) png = true;
    void* buf = nullptr;
    size_t len = 0;
    int r =
        png ? vips_pngsave_buffer(rgb.image, &buf, &len, "compression", 6, "strip", TRUE, nullptr)
            : vips_jpegsave_buffer(rgb.image, &buf, &len, "Q", 85, "strip", TRUE, "optimize_coding",
                                   TRUE, nullptr);
    if (r != 0) return fail_vips(error, error_size, "cannot be encoded");
    sink(closure, static_cast<const char*>(buf), len);
    g_free(buf);
    return png ? 1 : 2;
}
