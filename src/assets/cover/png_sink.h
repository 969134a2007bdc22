/* libpng's output through the cover module's sink (cover_module.h), for both drawers. */
#ifndef OCTAVO_COVER_PNG_SINK_H
#define OCTAVO_COVER_PNG_SINK_H

#include <png.h>

#include "cover_module.h"

namespace octavo_cover {

struct PngSink {
    octavo_cover_sink sink;
    void* closure;
};
inline void png_write(png_structp png, png_bytep data, png_size_t length) {
    auto* s = static_cast<PngSink*>(png_get_io_ptr(png));
    s->sink(s->closure, reinterpret_cast<const char*>(data), length);
}
inline void png_flush(png_structp) {}

/// Sets png to write through sink.
inline void write_to(png_structp png, PngSink* sink) {
    png_set_write_fn(png, sink, png_write, png_flush);
}

} // namespace octavo_cover

#endif
