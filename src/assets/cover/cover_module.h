/* The interface between liboctavo and its two cover modules, loaded with dlopen only when a cover
   is drawn: liboctavo-cover.so draws with FreeType and HarfBuzz from known font files, and
   liboctavo-cover-pango.so with cairo and pango (fontconfig's fallback fonts, bidi) the text the
   first leaves to it. Neither is loaded for a book that has no drawn cover. Plain C types: the
   sides agree on this struct and this function only. */
#ifndef OCTAVO_COVER_MODULE_H
#define OCTAVO_COVER_MODULE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What the cover shows; every string is UTF-8 and may be empty, never NULL. */
typedef struct octavo_cover_text {
    const char* title;
    const char* subtitle;
    const char* authors; /* one line each when few, else separated by commas */
    const char* foot;    /* publisher and year */
    const char* lang;    /* BCP 47, for pango's choice of glyphs */
    int width, height;   /* pixels */
} octavo_cover_text;

/* Appends n bytes of the PNG. */
typedef void (*octavo_cover_sink)(void* closure, const char* data, size_t n);

/* Draws the cover and writes it as a PNG through sink. Returns 0; OCTAVO_COVER_UNSUPPORTED,
   having written nothing, when this module cannot draw this text; or -1 with a message in error
   (at most error_size bytes, NUL-terminated). */
typedef int (*octavo_draw_cover_fn)(const octavo_cover_text* text, octavo_cover_sink sink,
                                    void* closure, char* error, size_t error_size);

/* The symbol the module exports, of type octavo_draw_cover_fn. */
#define OCTAVO_DRAW_COVER_SYMBOL "octavo_draw_cover_v1"
#define OCTAVO_COVER_UNSUPPORTED 1
/* The modules' file names, in the order they are tried. */
#define OCTAVO_COVER_MODULE "liboctavo-cover.so"
#define OCTAVO_COVER_PANGO_MODULE "liboctavo-cover-pango.so"

#ifdef __cplusplus
}
#endif

#endif
