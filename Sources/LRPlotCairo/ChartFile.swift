import CLRPlotCairo
import LRPlotChart

/// The file formats the Cairo backend writes.
public enum ImageFormat: String, Sendable, CaseIterable {
    case png, svg, pdf
}

/// Renders charts to files through Cairo.
public enum ChartFile {
    /// Lays out and draws `chart`, writing it as `format` to `path` (which should be a temporary
    /// file the caller renames into place). `scale` multiplies the PNG's pixel size (HiDPI: text
    /// and lines scale with it); vector formats keep the chart's size in px/pt.
    public static func write(_ chart: Chart, format: ImageFormat, to path: String, style: ChartStyle = ChartStyle(),
                             scale: Double = 1) throws(CairoError) {
        let width = Int(chart.width.rounded()), height = Int(chart.height.rounded())
        switch format {
        case .png:
            let surface = try CairoSurface.image(width: Int((Double(width) * scale).rounded()), height: Int((Double(height) * scale).rounded()))
            try draw(chart, style: style, scale: scale, on: surface)
            try surface.writePNG(to: path)
        case .svg:
            let surface = try CairoSurface.svg(path: path, width: Double(width), height: Double(height))
            try draw(chart, style: style, scale: 1, on: surface)
            try surface.finish("writing SVG '\(path)'")
        case .pdf:
            let surface = try CairoSurface.pdf(path: path, width: Double(width), height: Double(height))
            try draw(chart, style: style, scale: 1, on: surface)
            try surface.finish("writing PDF '\(path)'")
        }
    }

    /// Lays out and draws `chart` as an SVG document that Cairo streams straight into `write`,
    /// chunk by chunk, with no file in between (`-o - --format svg`). The bytes are those
    /// ``write(_:format:to:style:scale:)`` puts in an SVG file. When `write` throws, Cairo stops
    /// writing and that error is rethrown as ``ChartStreamError/destination(_:)``.
    public static func writeSVG<Failure: Error>(_ chart: Chart, style: ChartStyle = ChartStyle(),
                                                to write: @escaping (UnsafeRawBufferPointer) throws(Failure) -> Void)
        throws(ChartStreamError<Failure>) {
        var failure: Failure?
        let stream = CairoStream { bytes in
            do throws(Failure) { try write(bytes); return true } catch {
                failure = error
                return false
            }
        }
        do throws(CairoError) {
            let surface = try CairoSurface.svg(streamingTo: stream, width: Double(Int(chart.width.rounded())),
                                               height: Double(Int(chart.height.rounded())))
            try draw(chart, style: style, scale: 1, on: surface)
            try surface.finish("writing SVG")
        } catch {
            throw failure.map { .destination($0) } ?? .cairo(error)
        }
        if let failure { throw .destination(failure) }
    }

    private static func draw(_ chart: Chart, style: ChartStyle, scale: Double, on surface: CairoSurface) throws(CairoError) {
        let context = try CairoContext(surface: surface)
        if scale != 1 { cairo_scale(context.raw, scale, scale) }
        let canvas = CairoCanvas(context: context)
        let layout = ChartLayout(chart: chart, style: style, measurer: canvas)
        ChartRenderer.draw(layout, on: canvas)
        try context.check("drawing the chart")
        try surface.check("drawing the chart")
    }
}

/// Why a streamed chart failed: Cairo itself, or the destination's write (its own error, as thrown).
public enum ChartStreamError<Failure: Error>: Error {
    case cairo(CairoError)
    case destination(Failure)
}
