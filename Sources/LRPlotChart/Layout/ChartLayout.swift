/// An axis's ticks, placed: data value, device coordinate and label.
public struct PlacedTick: Equatable, Sendable {
    public var value: Double
    public var position: Double
    public var label: String
}

/// A piece of text, placed.
public struct PlacedText: Equatable, Sendable {
    public var text: String
    public var origin: Point
    public var font: FontSpec
    public var color: Color
    public var anchor: HorizontalAnchor
    public var rotated: Bool
}

/// The legend box and its entries.
public struct PlacedLegend: Equatable, Sendable {
    public var frame: Rect
    public var entries: [(text: PlacedText, swatch: [Point], color: Color)]

    public static func == (a: PlacedLegend, b: PlacedLegend) -> Bool {
        a.frame == b.frame && a.entries.map(\.text) == b.entries.map(\.text)
    }
}

/// One stacked panel, placed: its plot rectangle, y axis and lines.
public struct PlacedPanel: Sendable {
    public var plot: Rect
    public var yTicks: [PlacedTick]
    /// Unlabelled minor ticks (the 2…9 of a log axis).
    public var minorYTicks: [Double]
    public var lines: [(points: [Point], color: Color)]
    public var legend: PlacedLegend?
}

/// Everything needed to draw a chart, in layout coordinates: the result of layout, before any
/// drawing. Pure values, testable without a backend.
public struct ChartLayout: Sendable {
    public var size: (width: Double, height: Double)
    public var panels: [PlacedPanel]
    public var xTicks: [PlacedTick]
    /// Ticks of the secondary x axis along the top of the first panel.
    public var secondaryTicks: [PlacedTick]
    public var texts: [PlacedText]
    /// Marker lines (x positions) spanning every panel, and their labels.
    public var markerLines: [Double]
    public var style: ChartStyle

    /// The first panel's plot (the whole plot of a one-panel chart).
    public var plot: Rect { panels.first?.plot ?? Rect(x: 0, y: 0, width: 0, height: 0) }
    /// The first panel's y ticks.
    public var yTicks: [PlacedTick] { panels.first?.yTicks ?? [] }
    /// Every panel's lines.
    public var lines: [(points: [Point], color: Color)] { panels.flatMap(\.lines) }
    /// The legend (in the first panel).
    public var legend: PlacedLegend? { panels.first?.legend }

    /// A panel's y axis before placement: its scale (the data → axis transform) and ticks.
    struct YAxis {
        var scale: AxisScale
        var ticks: AxisTicks

        func transform(_ y: Double) -> Double { scale.transform(y) }
    }

    /// Lays out `chart`, measuring text with `measurer`.
    public init(chart: Chart, style: ChartStyle = ChartStyle(), measurer: any TextMeasuring) {
        self.style = style
        size = (chart.width, chart.height)
        let m = style.margin
        var texts: [PlacedText] = []

        // Title block.
        let titleMetrics = measurer.measure(chart.title, font: style.titleFont)
        var top = m + titleMetrics.ascent
        texts.append(PlacedText(text: ChartLayout.fit(chart.title, width: chart.width - 2 * m, font: style.titleFont, measurer: measurer),
                                origin: Point(chart.width / 2, top), font: style.titleFont, color: style.text,
                                anchor: .center, rotated: false))
        top += titleMetrics.descent
        if !chart.subtitle.isEmpty {
            let sub = measurer.measure(chart.subtitle, font: style.subtitleFont)
            top += 4 + sub.ascent
            texts.append(PlacedText(text: ChartLayout.fit(chart.subtitle, width: chart.width - 2 * m, font: style.subtitleFont, measurer: measurer),
                                    origin: Point(chart.width / 2, top), font: style.subtitleFont,
                                    color: style.secondaryText, anchor: .center, rotated: false))
            top += sub.descent
        }
        top += style.s(14)

        let labelMetrics = measurer.measure("epoch", font: style.labelFont)
        let labelHeight = labelMetrics.ascent + labelMetrics.descent
        let tickMetrics = measurer.measure("0123456789", font: style.tickFont)
        let tickTextHeight = tickMetrics.ascent + tickMetrics.descent
        if chart.secondaryAxis != nil { top += labelHeight + style.s(4) + tickTextHeight + style.s(4) + style.tickLength }
        var bottom = chart.height - m - labelHeight - style.s(8) - tickTextHeight - style.s(4) - style.tickLength
        let noteMetrics = measurer.measure("0", font: style.markerFont)
        bottom -= Double(chart.notes.count) * (noteMetrics.ascent + noteMetrics.descent + style.s(4))

        // Panel heights: one panel keeps the whole plot height; stacked panels share it by weight.
        let panelCount = Swift.max(1, chart.panels.count)
        let stackHeight = bottom - top - style.panelGap * Double(panelCount - 1)
        let totalWeight = chart.panels.map(\.weight).reduce(0, +)
        let heightGuesses = chart.panels.count <= 1
            ? [chart.height - top - style.s(60)]
            : chart.panels.map { stackHeight * $0.weight / (totalWeight > 0 ? totalWeight : 1) }
        let axes = zip(chart.panels, heightGuesses).map { panel, height in
            ChartLayout.yAxis(panel: panel, tickCount: Swift.max(3, Swift.min(9, Int(height / style.s(45)))))
        }

        // The widest y label of any panel sets the left edge, so the panels line up.
        let yLabelWidth = axes.flatMap(\.ticks.labels).map { measurer.measure($0, font: style.tickFont).width }.max() ?? 0
        let left = m + labelHeight + style.s(10) + yLabelWidth + style.s(6) + style.tickLength
        let right = chart.width - m - style.s(14)
        let multiplierRoom = tickMetrics.ascent + style.s(4)

        // Place the panels top to bottom.
        let xLow = chart.xDomain.lowerBound, xHigh = chart.xDomain.upperBound
        let xPad = Swift.max((xHigh - xLow) * 0.015, 0.5)
        let x0 = xLow - xPad, x1 = xHigh + xPad
        var panels: [PlacedPanel] = []
        var y = top
        for (index, (panel, axis)) in zip(chart.panels, axes).enumerated() {
            if axis.ticks.multiplier != nil { y += multiplierRoom }
            let plotTop = y
            let plotBottom: Double
            if chart.panels.count <= 1 {
                plotBottom = bottom
            } else {
                let share = stackHeight * panel.weight / (totalWeight > 0 ? totalWeight : 1)
                plotBottom = index == chart.panels.count - 1 ? bottom : plotTop + share - (axis.ticks.multiplier != nil ? multiplierRoom : 0)
            }
            let plot = Rect(x: left.rounded(), y: plotTop.rounded(), width: (right - left).rounded(),
                            height: Swift.max(10, (plotBottom - plotTop).rounded()))
            func px(_ x: Double) -> Double { plot.x + (x - x0) / (x1 - x0) * plot.width }
            func py(_ v: Double) -> Double { plot.maxY - (axis.transform(v) - axis.ticks.low) / (axis.ticks.high - axis.ticks.low) * plot.height }
            let yTicks = zip(axis.ticks.values, axis.ticks.labels).map { PlacedTick(value: $0, position: py($0), label: $1) }
            if let multiplier = axis.ticks.multiplier {
                texts.append(PlacedText(text: multiplier, origin: Point(plot.x, plot.y - style.s(6)), font: style.tickFont,
                                        color: style.secondaryText, anchor: .left, rotated: false))
            }
            texts.append(PlacedText(text: panel.yLabel, origin: Point(m + labelMetrics.ascent, plot.y + plot.height / 2),
                                    font: style.labelFont, color: style.text, anchor: .center, rotated: true))
            let lines = panel.series.map { series in
                (series.points.map { p -> Point in
                    let v = axis.transform(p.y)
                    return Point(px(p.x), v.isFinite ? py(p.y) : .nan)
                }, style.color(series.colorIndex))
            }
            var placed = PlacedPanel(plot: plot, yTicks: yTicks, minorYTicks: axis.ticks.minor.map(py), lines: lines, legend: nil)
            if index == 0 && chart.showsLegend {
                placed.legend = ChartLayout.placeLegend(series: panel.series, plot: plot, lines: lines, style: style, measurer: measurer)
            }
            panels.append(placed)
            y = plot.maxY + style.panelGap
        }
        self.panels = panels
        let first = panels.first?.plot ?? Rect(x: left, y: top, width: right - left, height: bottom - top)
        let last = panels.last?.plot ?? first
        func px(_ x: Double) -> Double { first.x + (x - x0) / (x1 - x0) * first.width }

        // The shared x axis under the last panel.
        let xCount = Swift.max(3, Swift.min(11, Int(first.width / style.s(80))))
        let xTickSet = ExtendedTicks(integerSteps: xHigh - xLow >= 2).ticks(dmin: xLow, dmax: xHigh, m: xCount)
        let visibleX = xTickSet.values.filter { $0 >= x0 - 1e-9 && $0 <= x1 + 1e-9 }
        let xLabels = TickLabels(values: visibleX, step: xTickSet.step, lowerExponent: -3, upperExponent: 7)
        xTicks = zip(visibleX, xLabels.labels).map { PlacedTick(value: $0, position: px($0), label: $1) }
        if let multiplier = xLabels.multiplier {
            texts.append(PlacedText(text: multiplier, origin: Point(last.maxX, last.maxY + style.tickLength + style.s(4) + tickMetrics.ascent * 2 + style.s(6)),
                                    font: style.tickFont, color: style.secondaryText, anchor: .right, rotated: false))
        }
        texts.append(PlacedText(text: chart.xLabel, origin: Point(last.x + last.width / 2, chart.height - m - labelMetrics.descent
                                                                  - Double(chart.notes.count) * (noteMetrics.ascent + noteMetrics.descent + style.s(4))),
                                font: style.labelFont, color: style.text, anchor: .center, rotated: false))
        for (i, note) in chart.notes.enumerated() {
            let baseline = chart.height - m - Double(chart.notes.count - 1 - i) * (noteMetrics.ascent + noteMetrics.descent + style.s(4)) - noteMetrics.descent
            texts.append(PlacedText(text: note, origin: Point(m, baseline), font: style.markerFont, color: style.secondaryText,
                                    anchor: .left, rotated: false))
        }

        // The secondary axis along the top of the first panel.
        var secondaryTicks: [PlacedTick] = []
        if let secondary = chart.secondaryAxis, secondary.divisor > 0 {
            let lo = xLow / secondary.divisor, hi = xHigh / secondary.divisor
            let set = ExtendedTicks(integerSteps: hi - lo >= 2).ticks(dmin: lo, dmax: hi, m: xCount)
            let visible = set.values.filter { $0 * secondary.divisor >= x0 - 1e-9 && $0 * secondary.divisor <= x1 + 1e-9 }
            let labels = TickLabels(values: visible, step: set.step, lowerExponent: -3, upperExponent: 7)
            secondaryTicks = zip(visible, labels.labels).map { PlacedTick(value: $0, position: px($0 * secondary.divisor), label: $1) }
            texts.append(PlacedText(text: secondary.label,
                                    origin: Point(first.x + first.width / 2, first.y - style.tickLength - style.s(4) - tickTextHeight - style.s(4) - labelMetrics.descent),
                                    font: style.labelFont, color: style.text, anchor: .center, rotated: false))
        }
        self.secondaryTicks = secondaryTicks

        // Markers: a line through every panel, a label at the top of the first, skipping labels
        // that would overlap the previous one.
        var markerLines: [Double] = []
        var labelEnd = -Double.infinity
        let markerMetrics = measurer.measure("0", font: style.markerFont)
        for marker in chart.markers.sorted(by: { $0.x < $1.x }) where marker.x >= x0 && marker.x <= x1 {
            let x = px(marker.x)
            markerLines.append(x)
            let width = measurer.measure(marker.label, font: style.markerFont).width
            guard !marker.label.isEmpty, x + style.s(3) > labelEnd + style.s(4), x + style.s(3) + width <= first.maxX - style.s(2) else { continue }
            texts.append(PlacedText(text: marker.label, origin: Point(x + style.s(3), first.y + style.s(3) + markerMetrics.ascent), font: style.markerFont,
                                    color: style.secondaryText, anchor: .left, rotated: false))
            labelEnd = x + style.s(3) + width
        }
        self.markerLines = markerLines
        self.texts = texts
    }

    /// Ticks, labels and range of a panel's y axis, from the locator and formatter of its scale.
    static func yAxis(panel: Panel, tickCount: Int) -> YAxis {
        let values = panel.series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        return YAxis(scale: panel.yScale, ticks: panel.yScale.ticks(for: values, count: tickCount))
    }

    /// Shortens `text` with an ellipsis until it fits `width`.
    static func fit(_ text: String, width: Double, font: FontSpec, measurer: any TextMeasuring) -> String {
        if measurer.measure(text, font: font).width <= width { return text }
        var characters = Array(text)
        while characters.count > 1 {
            characters.removeLast()
            let candidate = String(characters) + "…"
            if measurer.measure(candidate, font: font).width <= width { return candidate }
        }
        return text
    }

    /// A legend box in the plot corner that covers the least of the lines. Coverage is measured in
    /// 6-pixel cells the lines pass through, not in points, so the choice is the same for a
    /// decimated trace and for every point of it.
    static func placeLegend(series: [Series], plot: Rect, lines: [(points: [Point], color: Color)], style: ChartStyle,
                            measurer: any TextMeasuring) -> PlacedLegend {
        let metrics = series.map { measurer.measure($0.name, font: style.legendFont) }
        let rowHeight = (metrics.map { $0.ascent + $0.descent }.max() ?? 12) + style.s(6)
        let swatch = style.s(22), pad = style.s(8)
        let width = pad + swatch + style.s(6) + (metrics.map(\.width).max() ?? 0) + pad
        let height = pad * 2 - style.s(6) + rowHeight * Double(series.count)
        let inset = style.s(10)
        let corners = [
            Point(plot.maxX - inset - width, plot.y + inset), Point(plot.x + inset, plot.y + inset),
            Point(plot.maxX - inset - width, plot.maxY - inset - height), Point(plot.x + inset, plot.maxY - inset - height),
        ]
        let cells = CoverageGrid(plot: plot, lines: lines.map(\.points))
        func hidden(_ origin: Point) -> Int {
            cells.count(in: Rect(x: origin.x - style.s(4), y: origin.y - style.s(4), width: width + style.s(8), height: height + style.s(8)))
        }
        let best = corners.min { hidden($0) < hidden($1) } ?? corners[0]
        let frame = Rect(x: best.x.rounded(), y: best.y.rounded(), width: width.rounded(), height: height.rounded())
        var entries: [(text: PlacedText, swatch: [Point], color: Color)] = []
        for (i, series) in series.enumerated() {
            let midY = frame.y + pad - style.s(3) + rowHeight * (Double(i) + 0.5)
            let baseline = midY + (metrics[i].ascent - metrics[i].descent) / 2
            let text = PlacedText(text: series.name, origin: Point(frame.x + pad + swatch + style.s(6), baseline), font: style.legendFont,
                                  color: style.text, anchor: .left, rotated: false)
            entries.append((text, [Point(frame.x + pad, midY), Point(frame.x + pad + swatch, midY)], style.color(series.colorIndex)))
        }
        return PlacedLegend(frame: frame, entries: entries)
    }
}

/// Which cells of a coarse grid over the plot the lines pass through.
struct CoverageGrid {
    static let cell = 6.0
    let origin: Point
    let columns: Int
    let rows: Int
    private var covered: [Bool]

    init(plot: Rect, lines: [[Point]]) {
        origin = Point(plot.x, plot.y)
        columns = Int((plot.width / CoverageGrid.cell).rounded(.up)) + 1
        rows = Int((plot.height / CoverageGrid.cell).rounded(.up)) + 1
        covered = Array(repeating: false, count: columns * rows)
        for line in lines {
            for (p, q) in zip(line, line.dropFirst()) where p.x.isFinite && p.y.isFinite && q.x.isFinite && q.y.isFinite {
                let samples = Int((max(abs(q.x - p.x), abs(q.y - p.y)) / (CoverageGrid.cell / 2)).rounded(.up)) + 1
                for i in 0...samples {
                    let t = Double(i) / Double(samples)
                    mark(Point(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t))
                }
            }
        }
    }

    private mutating func mark(_ point: Point) {
        let c = Int(((point.x - origin.x) / CoverageGrid.cell).rounded(.down))
        let r = Int(((point.y - origin.y) / CoverageGrid.cell).rounded(.down))
        guard c >= 0, c < columns, r >= 0, r < rows else { return }
        covered[r * columns + c] = true
    }

    /// The number of covered cells whose centre lies in `box`.
    func count(in box: Rect) -> Int {
        var total = 0
        for r in 0..<rows {
            for c in 0..<columns where covered[r * columns + c] {
                let centre = Point(origin.x + (Double(c) + 0.5) * CoverageGrid.cell, origin.y + (Double(r) + 0.5) * CoverageGrid.cell)
                if box.contains(centre) { total += 1 }
            }
        }
        return total
    }
}
