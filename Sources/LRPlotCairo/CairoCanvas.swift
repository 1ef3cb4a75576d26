import CLRPlotCairo
import LRPlotChart

/// A ``Canvas`` drawing with Cairo: DejaVu Sans from its file (``DejaVuFaces``), grey antialiasing and no
/// hinting, so output is identical on every machine set up by the README.
public final class CairoCanvas: Canvas {
    private let context: CairoContext
    private let fontOptions: OpaquePointer?

    init(context: CairoContext) {
        self.context = context
        let options = cairo_font_options_create()
        if let options {
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_set_font_options(context.raw, options)
        }
        fontOptions = options
        cairo_set_line_join(context.raw, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context.raw, CAIRO_LINE_CAP_BUTT)
    }

    deinit {
        if let fontOptions { cairo_font_options_destroy(fontOptions) }
    }

    private var cr: OpaquePointer { context.raw }

    private func setColor(_ c: Color) {
        cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha)
    }

    private func setFont(_ font: FontSpec) {
        FontFallback.select(FontFallback.primary, font: font, cr: cr)
    }

    public func measure(_ text: String, font: FontSpec) -> TextMetrics {
        // Ascent and descent are DejaVu's whatever the runs, so a fallback glyph never moves the layout.
        setFont(font)
        var fontExtents = cairo_font_extents_t()
        cairo_font_extents(cr, &fontExtents)
        return TextMetrics(width: advance(FontFallback.runs(text, font: font, cr: cr), font: font), ascent: fontExtents.ascent * 0.8,
                           descent: fontExtents.descent)
    }

    /// The advance width of `runs`, each in its family.
    private func advance(_ runs: [(text: String, family: String)], font: FontSpec) -> Double {
        var width = 0.0
        for run in runs {
            FontFallback.select(run.family, font: font, cr: cr)
            var extents = cairo_text_extents_t()
            cairo_text_extents(cr, run.text, &extents)
            width += extents.x_advance
        }
        return width
    }

    public func fill(_ rect: Rect, color: Color) {
        setColor(color)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
    }

    public func stroke(_ rect: Rect, color: Color, width: Double) {
        setColor(color)
        cairo_set_line_width(cr, width)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_stroke(cr)
    }

    private func withClip(_ clip: Rect?, _ body: () -> Void) {
        cairo_save(cr)
        if let clip {
            cairo_rectangle(cr, clip.x, clip.y, clip.width, clip.height)
            cairo_clip(cr)
        }
        body()
        cairo_restore(cr)
    }

    public func strokePolyline(_ points: [Point], color: Color, width: Double, dash: [Double], clip: Rect?) {
        guard let first = points.first else { return }
        withClip(clip) {
            setColor(color)
            cairo_set_line_width(cr, width)
            dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32(dash.count), 0) }
            cairo_move_to(cr, first.x, first.y)
            for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
            cairo_stroke(cr)
        }
    }

    public func fillCircle(center: Point, radius: Double, color: Color, clip: Rect?) {
        withClip(clip) {
            setColor(color)
            cairo_new_sub_path(cr)
            cairo_arc(cr, center.x, center.y, radius, 0, 2 * Double.pi)
            cairo_fill(cr)
        }
    }

    public func drawText(_ text: String, at origin: Point, font: FontSpec, color: Color, anchor: HorizontalAnchor, rotated: Bool) {
        // A non-finite origin would make Cairo's matrix non-invertible and poison the context.
        guard origin.x.isFinite, origin.y.isFinite else { return }
        setColor(color)
        let runs = FontFallback.runs(text, font: font, cr: cr)
        let width = advance(runs, font: font)
        let shift: Double
        switch anchor {
        case .left: shift = 0
        case .center: shift = width / 2
        case .right: shift = width
        }
        cairo_save(cr)
        cairo_translate(cr, origin.x, origin.y)
        if rotated { cairo_rotate(cr, -Double.pi / 2) }
        cairo_move_to(cr, -shift, 0)
        // Each run continues from where the previous one's advance left the current point.
        for run in runs {
            FontFallback.select(run.family, font: font, cr: cr)
            cairo_show_text(cr, run.text)
        }
        cairo_restore(cr)
    }
}
