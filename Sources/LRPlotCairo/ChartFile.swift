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
