#ifndef LRPLOT_PNG_H
#define LRPLOT_PNG_H
#include <stdint.h>

/// How lrplot_png_write_argb32 ended.
typedef enum {
    LRPLOT_PNG_OK = 0,
    /// Out of memory (malloc, or libpng's own allocation).
    LRPLOT_PNG_NO_MEMORY = 1,
    /// The file could not be opened, written or closed, or libpng reported an error;
    /// `message` says which (errno text or libpng's message).
    LRPLOT_PNG_WRITE_ERROR = 2,
} lrplot_png_status;

/// What went wrong, for the caller's error message.
typedef struct {
    /// errno at the failure, or 0 when libpng itself failed.
    int error_number;
    /// libpng's message or the failing step, NUL-terminated (empty on success).
    char message[200];
} lrplot_png_failure;

/// Writes a Cairo ARGB32 image (premultiplied alpha, native-endian uint32 per pixel, `stride`
/// bytes per row) to `path` as an 8-bit PNG whose decoded pixels are exactly those Cairo's own
/// writer (cairo_surface_write_to_png) produces: RGB when every pixel is opaque, otherwise RGBA
/// unpremultiplied with Cairo's rounding; a white bKGD chunk as Cairo writes. Every row uses
/// `filter` (one PNG_FILTER_* bit) and zlib compresses at `level` (0...9). libpng's errors are
/// caught here (setjmp) and returned; warnings are discarded. The file is closed on every path.
lrplot_png_status lrplot_png_write_argb32(const char *path, const unsigned char *data,
                                          int width, int height, int stride,
                                          int filter, int level, lrplot_png_failure *failure);

/// The PNG_FILTER_* bits, for Swift (the macros are not importable as constants everywhere).
enum {
    LRPLOT_PNG_FILTER_NONE = 0x08,
    LRPLOT_PNG_FILTER_SUB = 0x10,
    LRPLOT_PNG_FILTER_UP = 0x20,
    LRPLOT_PNG_FILTER_AVG = 0x40,
    LRPLOT_PNG_FILTER_PAETH = 0x80,
};
#endif
