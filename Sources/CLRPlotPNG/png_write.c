/* The PNG encoder for lrplot's charts: libpng with one fixed row filter, in C because libpng
 * reports errors by longjmp, which Swift cannot catch. */
#include "lrplot_png.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(LRPLOT_PNG_FILTER_NONE == PNG_FILTER_NONE && LRPLOT_PNG_FILTER_SUB == PNG_FILTER_SUB &&
               LRPLOT_PNG_FILTER_UP == PNG_FILTER_UP && LRPLOT_PNG_FILTER_AVG == PNG_FILTER_AVG &&
               LRPLOT_PNG_FILTER_PAETH == PNG_FILTER_PAETH, "PNG filter bits");

static void set_message(lrplot_png_failure *failure, const char *text) {
    if (failure == NULL) return;
    snprintf(failure->message, sizeof failure->message, "%s", text);
}

/* libpng's error callback: keep the message, then unwind to the setjmp in the writer. */
static void on_error(png_structp png, png_const_charp message) {
    lrplot_png_failure *failure = png_get_error_ptr(png);
    set_message(failure, message != NULL ? message : "libpng error");
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

/* Writes through stdio, reporting a short write (and its errno) as a libpng error. */
static void on_write(png_structp png, png_bytep bytes, size_t length) {
    FILE *file = png_get_io_ptr(png);
    if (fwrite(bytes, 1, length, file) != length) {
        lrplot_png_failure *failure = png_get_error_ptr(png);
        if (failure != NULL) failure->error_number = errno;
        png_error(png, "write failed");
    }
}

static void on_flush(png_structp png) { (void)png; }

/* Whether every pixel's alpha is 255 (Cairo's _cairo_image_analyze_transparency == OPAQUE). */
static int is_opaque(const unsigned char *data, int width, int height, int stride) {
    for (int y = 0; y < height; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < width; x++)
            if ((row[x] & 0xff000000u) != 0xff000000u) return 0;
    }
    return 1;
}

/* One row as Cairo's writer converts it: convert_data_to_bytes (opaque: R, G, B) or
 * unpremultiply_data (R, G, B, A with (c * 255 + a / 2) / a, and 0 where a is 0). */
static void convert_row(const uint32_t *pixels, int width, int opaque, unsigned char *out) {
    if (opaque) {
        for (int x = 0; x < width; x++) {
            uint32_t p = pixels[x];
            out[0] = (unsigned char)(p >> 16);
            out[1] = (unsigned char)(p >> 8);
            out[2] = (unsigned char)p;
            out += 3;
        }
        return;
    }
    for (int x = 0; x < width; x++) {
        uint32_t p = pixels[x];
        uint32_t alpha = p >> 24;
        if (alpha == 0) {
            out[0] = out[1] = out[2] = out[3] = 0;
        } else {
            out[0] = (unsigned char)((((p & 0xff0000u) >> 16) * 255 + alpha / 2) / alpha);
            out[1] = (unsigned char)((((p & 0x00ff00u) >> 8) * 255 + alpha / 2) / alpha);
            out[2] = (unsigned char)(((p & 0x0000ffu) * 255 + alpha / 2) / alpha);
            out[3] = (unsigned char)alpha;
        }
        out += 4;
    }
}

lrplot_png_status lrplot_png_write_argb32(const char *path, const unsigned char *data,
                                          int width, int height, int stride,
                                          int filter, int level, lrplot_png_failure *failure) {
    if (failure != NULL) {
        failure->error_number = 0;
        failure->message[0] = '\0';
    }
    if (width <= 0 || height <= 0 || stride < width * 4 || data == NULL) {
        set_message(failure, "invalid image");
        return LRPLOT_PNG_WRITE_ERROR;
    }
    const int opaque = is_opaque(data, width, height, stride);
    unsigned char *row = malloc((size_t)width * 4);
    if (row == NULL) {
        set_message(failure, "out of memory");
        return LRPLOT_PNG_NO_MEMORY;
    }
    FILE *file = fopen(path, "wb");
    if (file == NULL) {
        int saved = errno;
        free(row);
        if (failure != NULL) failure->error_number = saved;
        set_message(failure, strerror(saved));
        return saved == ENOMEM ? LRPLOT_PNG_NO_MEMORY : LRPLOT_PNG_WRITE_ERROR;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, failure, on_error, on_warning);
    png_infop info = png != NULL ? png_create_info_struct(png) : NULL;
    if (png == NULL || info == NULL) {
        png_destroy_write_struct(&png, &info);
        fclose(file);
        free(row);
        set_message(failure, "out of memory");
        return LRPLOT_PNG_NO_MEMORY;
    }
    /* Everything the error path touches is fixed before setjmp, so nothing needs volatile. */
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        fclose(file);
        free(row);
        return LRPLOT_PNG_WRITE_ERROR;
    }
    png_set_write_fn(png, file, on_write, on_flush);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filter);
    png_set_compression_level(png, level);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8,
                 opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_color_16 white = {0};
    white.gray = white.red = white.green = white.blue = 0xff;
    png_set_bKGD(png, info, &white);
    png_write_info(png, info);
    for (int y = 0; y < height; y++) {
        convert_row((const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride), width, opaque, row);
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    if (fclose(file) != 0) {
        int saved = errno;
        if (failure != NULL) failure->error_number = saved;
        set_message(failure, strerror(saved));
        return LRPLOT_PNG_WRITE_ERROR;
    }
    return LRPLOT_PNG_OK;
}
