import CLRPlotCairo

/// The destination of a document Cairo streams out (`cairo_*_surface_create_for_stream`): Cairo
/// calls `write` with each chunk; a `false` return makes Cairo fail the surface with
/// `CAIRO_STATUS_WRITE_ERROR` and stop writing.
final class CairoStream {
    let write: (UnsafeRawBufferPointer) -> Bool

    init(write: @escaping (UnsafeRawBufferPointer) -> Bool) { self.write = write }

    /// The C callback: `closure` is an unretained `CairoStream` (the surface keeps it alive).
    static let callback: cairo_write_func_t = { closure, data, length in
        guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
        let stream = Unmanaged<CairoStream>.fromOpaque(closure).takeUnretainedValue()
        return stream.write(UnsafeRawBufferPointer(start: data, count: Int(length))) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
    }
}

extension CairoSurface {
    /// An SVG 1.1 document, sized in px, streamed into `stream` (no file is made).
    static func svg(streamingTo stream: CairoStream, width: Double, height: Double) throws(CairoError) -> CairoSurface {
        let closure = Unmanaged.passUnretained(stream).toOpaque()
        guard let raw = cairo_svg_surface_create_for_stream(CairoStream.callback, closure, width, height) else {
            throw CairoError(CAIRO_STATUS_NO_MEMORY, operation: "creating an SVG stream")
        }
        let surface = try CairoSurface(taking: raw, operation: "creating an SVG stream", keeping: stream)
        cairo_svg_surface_restrict_to_version(raw, CAIRO_SVG_VERSION_1_1)
        cairo_svg_surface_set_document_unit(raw, CAIRO_SVG_UNIT_PX)
        return surface
    }
}
