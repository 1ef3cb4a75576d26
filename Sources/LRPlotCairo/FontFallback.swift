import CLRPlotCairo
import LRPlotChart

/// Glyph fallback for Cairo's toy text API, which draws a whole string in one face: a character
/// DejaVu Sans lacks (CJK, emoji) is drawn in the first fallback family that has it
/// (`fonts-wqy-microhei`, `fonts-noto-color-emoji`; scripts/install-deps.sh installs them). Text
/// DejaVu covers entirely (every golden) is one run in DejaVu, drawn exactly as before.
enum FontFallback {
    /// The primary family.
    static let primary = "DejaVu Sans"
    /// Families tried, in order, for a character the primary lacks.
    static let fallbacks = ["WenQuanYi Micro Hei", "Noto Color Emoji"]

    /// `text` split into runs of consecutive characters drawn in the same family.
    static func runs(_ text: String, font: FontSpec, cr: OpaquePointer) -> [(text: String, family: String)] {
        if covers(text, family: primary, font: font, cr: cr) { return [(text, primary)] }
        var runs: [(text: String, family: String)] = []
        for character in text {
            let piece = String(character)
            let family = covers(piece, family: primary, font: font, cr: cr)
                ? primary
                : fallbacks.first { covers(piece, family: $0, font: font, cr: cr) } ?? primary
            if let last = runs.last, last.family == family {
                runs[runs.count - 1].text += piece
            } else {
                runs.append((piece, family))
            }
        }
        return runs
    }

    /// Selects `family` at `font`'s size and weight on `cr`: the primary from its file
    /// (``DejaVuFaces``) when it loaded, any other family (or a missing file) through fontconfig.
    static func select(_ family: String, font: FontSpec, cr: OpaquePointer) {
        if family == primary, let face = DejaVuFaces.shared.face(for: font.weight) {
            cairo_set_font_face(cr, face)
        } else {
            cairo_select_font_face(cr, family, CAIRO_FONT_SLANT_NORMAL,
                                   font.weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        }
        cairo_set_font_size(cr, font.size)
    }

    /// Whether `family` (the primary's file, or as fontconfig resolves it: an absent family resolves to another font) has
    /// a glyph for every character of `text`; glyph 0 is the missing-glyph box.
    static func covers(_ text: String, family: String, font: FontSpec, cr: OpaquePointer) -> Bool {
        select(family, font: font, cr: cr)
        guard let scaled = cairo_get_scaled_font(cr) else { return false }
        var glyphs: UnsafeMutablePointer<cairo_glyph_t>? = nil
        var count: Int32 = 0
        let status = text.withCString { utf8 in
            cairo_scaled_font_text_to_glyphs(scaled, 0, 0, utf8, -1, &glyphs, &count, nil, nil, nil)
        }
        defer { if let glyphs { cairo_glyph_free(glyphs) } }
        guard status == CAIRO_STATUS_SUCCESS, let glyphs else { return text.isEmpty }
        for i in 0..<Int(count) where glyphs[i].index == 0 { return false }
        return true
    }
}
