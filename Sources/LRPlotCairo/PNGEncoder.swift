import CLRPlotCairo
import CLRPlotPNG

/// The PNG encoder for chart images: libpng through a small C shim (libpng reports errors by
/// `longjmp`), with one fixed row filter and a fixed zlib level instead of Cairo's writer, which
/// tries all five filters on every row at zlib level 6. The decoded pixels are exactly Cairo's
/// (RGB when opaque, else unpremultiplied RGBA with Cairo's rounding); only the compressed bytes
/// differ. The filter and level were chosen by measurement (README, Performance).
enum PNGEncoder {
    /// The row filter every row uses.
    static let filter = Int32(LRPLOT_PNG_FILTER_UP)
    /// zlib's compression level.
    static let level: Int32 = 3

    /// Writes `height` rows of `width` Cairo ARGB32 pixels (`stride` bytes apart) from `data` to
    /// `path` as PNG. A failure is a `CairoError` worded as Cairo's own PNG writer's.
    static func write(argb32 data: UnsafeMutablePointer<UInt8>, width: Int, height: Int, stride: Int,
                      to path: String) throws(CairoError) {
        guard let w = Int32(exactly: width), let h = Int32(exactly: height), let s = Int32(exactly: stride) else {
            throw CairoError(CAIRO_STATUS_INVALID_SIZE, operation: "writing PNG '\(path)'")
        }
        var failure = lrplot_png_failure()
        let status = lrplot_png_write_argb32(path, data, w, h, s, filter, level, &failure)
        switch status {
        case LRPLOT_PNG_OK: return
        case LRPLOT_PNG_NO_MEMORY: throw CairoError(CAIRO_STATUS_NO_MEMORY, operation: "writing PNG '\(path)'")
        default: throw CairoError(CAIRO_STATUS_WRITE_ERROR, operation: "writing PNG '\(path)'")
        }
    }
}
