/* The floor lrplot's single-chart time is measured against: a C program that draws a comparable
 * 800x500 chart with Cairo (title, subtitle, axes, grid, 7 + 11 tick labels, axis labels, a
 * 100-point step curve) in DejaVu Sans and writes the PNG. Usage: cairo_floor OUT.png */
#include <cairo.h>
#include <math.h>
#include <stdio.h>

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "floor.png";
    const double W = 800, H = 500, left = 70, right = 20, top = 60, bottom = 50;
    double lr[100];
    double v = 0.1;
    for (int e = 0; e < 100; e++) { if (e > 0 && e % 5 == 0) v *= 0.9; lr[e] = v; }

    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)W, (int)H);
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 16);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_move_to(cr, 240, 28);
    cairo_show_text(cr, "StepLR(step_size=5, gamma=0.9)");
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 11);
    cairo_move_to(cr, 320, 46);
    cairo_show_text(cr, "base lr 0.1 \xc2\xb7 100 epochs");

    double pw = W - left - right, ph = H - top - bottom;
    char label[32];
    cairo_set_line_width(cr, 1);
    for (int i = 0; i <= 10; i++) {  /* x grid + labels */
        double x = left + pw * i / 10.0;
        cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
        cairo_move_to(cr, x, top); cairo_line_to(cr, x, top + ph); cairo_stroke(cr);
        snprintf(label, sizeof label, "%d", i * 10);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        cairo_move_to(cr, x - 6, top + ph + 16); cairo_show_text(cr, label);
    }
    for (int i = 0; i <= 6; i++) {  /* y grid + labels */
        double y = top + ph - ph * i / 6.0;
        cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
        cairo_move_to(cr, left, y); cairo_line_to(cr, left + pw, y); cairo_stroke(cr);
        snprintf(label, sizeof label, "%.3f", 0.1 * i / 6.0 + 0.0);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        cairo_move_to(cr, 20, y + 4); cairo_show_text(cr, label);
    }
    cairo_move_to(cr, left + pw / 2 - 15, H - 12); cairo_show_text(cr, "epoch");
    cairo_move_to(cr, 8, top + ph / 2); cairo_show_text(cr, "lr");
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_rectangle(cr, left, top, pw, ph); cairo_stroke(cr);

    cairo_set_source_rgb(cr, 0.12, 0.47, 0.71);
    cairo_set_line_width(cr, 2);
    for (int e = 0; e < 100; e++) {
        double x = left + pw * e / 99.0, y = top + ph - ph * lr[e] / 0.1;
        if (e == 0) cairo_move_to(cr, x, y); else cairo_line_to(cr, x, y);
    }
    cairo_stroke(cr);
    cairo_destroy(cr);
    cairo_status_t status = cairo_surface_write_to_png(surface, path);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) { fprintf(stderr, "cairo_floor: %s\n", cairo_status_to_string(status)); return 1; }
    return 0;
}
