/* The interface between liboctavo and its image module, liboctavo-image.so (libvips), loaded with
   dlopen only when an image must be converted (WebP, AVIF, TIFF, BMP: formats not every reading
   system shows) or scaled (over about 4 megapixels). Plain C types: the sides agree on this
   struct and this function only. */
#ifndef OCTAVO_CONVERT_MODULE_H
#define OCTAVO_CONVERT_MODULE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct octavo_image_request {
    const void* data; /* the image file's bytes */
    size_t size;
    const char* kind; /* what octavo sniffed: "jpeg", "png", "gif", "webp", "heif", "tiff", "bmp" */
    unsigned long long max_pixels;    /* refused, before decoding, when its header says more */
    unsigned long long target_pixels; /* scaled down to at most this many */
} octavo_image_request;

/* Appends n bytes of the converted image. */
typedef void (*octavo_image_sink)(void* closure, const char* data, size_t n);

/* Decodes the image, scales it down to target_pixels if it has more, and writes it through sink
   as a PNG (it has alpha, or it was PNG, GIF, BMP or lossless WebP: drawings and screenshots) or else a JPEG,
   without metadata, the same bytes every run. Returns 1 for a PNG, 2 for a JPEG, or 0 with a
   message in error (at most error_size bytes, NUL-terminated) that reads after the image's name.
   *width and *height get the image's size in its header. */
typedef int (*octavo_convert_image_fn)(const octavo_image_request* request, octavo_image_sink sink,
                                       void* closure, unsigned* width, unsigned* height,
                                       char* error, size_t error_size);

#define OCTAVO_CONVERT_IMAGE_SYMBOL "octavo_convert_image_v1"
#define OCTAVO_IMAGE_MODULE "liboctavo-image.so"

#ifdef __cplusplus
}
#endif

#endif
