import CLRPlotCairo

/// An owned `cairo_t` drawing onto a ``CairoSurface`` (kept alive as long as the context).
final class CairoContext {
    let raw: OpaquePointer
    let surface: CairoSurface

    init(surface: CairoSurface) throws(CairoError) {
        guard let raw = cairo_create(surface.raw) else {
            throw CairoError(CAIRO_STATUS_NO_MEMORY, operation: "creating a drawing context")
        }
        let status = cairo_status(raw)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(raw)
            throw CairoError(status, operation: "creating a drawing context")
        }
        self.raw = raw
        self.surface = surface
    }

    deinit { cairo_destroy(raw) }

    /// Throws if any drawing so far failed (Cairo's status is sticky).
    func check(_ operation: String) throws(CairoError) {
        try CairoError.check(cairo_status(raw), operation)
    }
}
