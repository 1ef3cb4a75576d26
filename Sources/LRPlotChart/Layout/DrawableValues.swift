/// What a chart can draw: values a Double axis cannot place (a subnormal or an overflowing value
/// on a log axis, a linear range wider than a Double can hold) become gaps with a note on the chart,
/// and control characters in text become spaces, so no input reaches a backend as an infinite or
/// NaN coordinate.
enum DrawableValues {
    /// The largest magnitude a linear axis draws: the span of two such values, plus headroom, still
    /// fits in a Double.
    static let linearLimit = 1e307
    /// The smallest positive value a log axis draws (the smallest normal Double; below it log10
    /// loses precision and 10ⁿ of the axis end underflows).
    static let logLower = Double.leastNormalMagnitude
    /// The largest value a log axis draws (its upper decade must stay finite).
    static let logUpper = 1e308

    /// `chart` with undrawable values replaced by NaN (a gap), its text made printable, and a note
    /// for each panel that lost values.
    static func drawable(_ chart: Chart) -> Chart {
        var chart = chart
        chart.title = printable(chart.title)
        chart.subtitle = printable(chart.subtitle)
        chart.xLabel = printable(chart.xLabel)
        chart.notes = chart.notes.map(printable)
        chart.markers = chart.markers.map { Marker(x: $0.x, label: printable($0.label)) }
        for p in chart.panels.indices {
            chart.panels[p].yLabel = printable(chart.panels[p].yLabel)
            let scale = chart.panels[p].yScale
            var tooSmall = false, tooLarge = false
            for s in chart.panels[p].series.indices {
                chart.panels[p].series[s].name = printable(chart.panels[p].series[s].name)
                let points = chart.panels[p].series[s].points
                guard points.contains(where: { !drawable($0.y, scale) }) else { continue }
                chart.panels[p].series[s].points = points.map { point in
                    guard !drawable(point.y, scale) else { return point }
                    if scale == .log && Swift.abs(point.y) < 1 { tooSmall = true } else { tooLarge = true }
                    return Point(point.x, .nan)
                }
            }
            let label = chart.panels[p].yLabel
            if tooSmall {
                chart.notes.append("log axis: \(label) below 2.2×10⁻³⁰⁸ (subnormal) not drawn")
            }
            if tooLarge {
                chart.notes.append(scale == .log
                    ? "log axis: \(label) above 10³⁰⁸ not drawn"
                    : "\(label) beyond ±10³⁰⁷ not drawn (range overflows)")
            }
        }
        return chart
    }

    /// Whether a finite `y` can be placed on an axis of `scale` (non-finite values are gaps anyway;
    /// values ≤ 0 on a log axis are reported by the caller that knows the run).
    static func drawable(_ y: Double, _ scale: AxisScale) -> Bool {
        guard y.isFinite else { return true }
        switch scale {
        case .linear: return Swift.abs(y) <= linearLimit
        case .log: return y <= 0 || (y >= logLower && y <= logUpper)
        }
    }

    /// `text` with every control character (newline, tab, escape, …) and line or paragraph
    /// separator shown as a space.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(isControl(scalar) ? " " : scalar) }
        return String(scalars)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}
