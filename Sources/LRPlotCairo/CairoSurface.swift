import CLRPlotCairo

/// An owned `cairo_surface_t`: an ARGB32 image, or an SVG or PDF document written to a path or
/// streamed out.
package final class CairoSurface {
    /// The surface (owned).
    package let raw: OpaquePointer
    /// What a streaming surface writes into; released only after the surface is destroyed (which
    /// may still write).
    private let stream: CairoStream?

    /// Takes ownership of `raw`, destroying it and throwing if it is in an error state.
    package convenience init(taking raw: OpaquePointer, operation: String) throws(CairoError) {
        try self.init(taking: raw, operation: operation, keeping: nil)
    }

    /// Takes ownership of `raw`, which writes into `stream`.
    init(taking raw: OpaquePointer, operation: String, keeping stream: CairoStream?) throws(CairoError) {
        let status = cairo_surface_status(raw)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(raw)
            throw CairoError(status, operation: operation)
        }
        self.raw = raw
        self.stream = stream
    }

    deinit { cairo_surface_destroy(raw) }

    /// An opaque-background ARGB32 image of `width`×`height` pixels.
    package static func image(width: Int, height: Int) throws(CairoError) -> CairoSurface {
        guard let raw = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw CairoError(CAIRO_STATUS_NO_MEMORY, operation: "creating a \(width)×\(height) image")
        }
        return try CairoSurface(taking: raw, operation: "creating a \(width)×\(height) image")
    }

    /// An SVG 1.1 document written to `path`, sized in px.
    static func svg(path: String, width: Double, height: Double) throws(CairoError) -> CairoSurface {
        guard let raw = cairo_svg_surface_create(path, width, height) else {
            throw CairoError(CAIRO_STATUS_NO_MEMORY, operation: "creating SVG '\(path)'")
        }
        let surface = try CairoSurface(taking: raw, operation: "creating SVG '\(path)'")
        cairo_svg_surface_restrict_to_version(raw, CAIRO_SVG_VERSION_1_1)
        cairo_svg_surface_set_document_unit(raw, CAIRO_SVG_UNIT_PX)
        return surface
    }

    /// A one-page PDF written to `path`, `width`×`height` points. The creation date is fixed so
    /// that identical inputs give identical files.
    static func pdf(path: String, width: Double, height: Double) throws(CairoError) -> CairoSurface {
        guard let raw = cairo_pdf_surface_create(path, width, height) else {
            throw CairoError(CAIRO_STATUS_NO_MEMORY, operation: "creating PDF '\(path)'")
        }
        let surface = try CairoSurface(taking: raw, operation: "creating PDF '\(path)'")
        cairo_pdf_surface_restrict_to_version(raw, CAIRO_PDF_VERSION_1_5)
        cairo_pdf_surface_set_metadata(raw, CAIRO_PDF_METADATA_CREATOR, "lrplot")
        cairo_pdf_surface_set_metadata(raw, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
        return surface
    }

    /// Writes the image as PNG to `path` through ``PNGEncoder`` (one fixed row filter; the decoded
    /// pixels are those `cairo_surface_write_to_png` writes). Fails as Cairo's writer did: a write
    /// error or out of memory, with Cairo's wording.
    package func writePNG(to path: String) throws(CairoError) {
        cairo_surface_flush(raw)
        try check("writing PNG '\(path)'")
        guard cairo_image_surface_get_format(raw) == CAIRO_FORMAT_ARGB32, let data = cairo_image_surface_get_data(raw) else {
            throw CairoError(CAIRO_STATUS_INVALID_FORMAT, operation: "writing PNG '\(path)'")
        }
        try PNGEncoder.write(argb32: data, width: Int(cairo_image_surface_get_width(raw)),
                             height: Int(cairo_image_surface_get_height(raw)),
                             stride: Int(cairo_image_surface_get_stride(raw)), to: path)
    }

    /// Finishes the surface (flushes SVG output) and checks for deferred errors.
    func finish(_ operation: String) throws(CairoError) {
        cairo_surface_finish(raw)
        try CairoError.check(cairo_surface_status(raw), operation)
    }

    /// Current status.
    func check(_ operation: String) throws(CairoError) {
        try CairoError.check(cairo_surface_status(raw), operation)
    }
}
