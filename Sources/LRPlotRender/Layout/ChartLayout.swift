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

/// Everything needed to draw a chart, in device coordinates: the result of layout, before any
/// drawing. Pure values, testable without a backend.
public struct ChartLayout: Sendable {
    public var size: (width: Double, height: Double)
    public var plot: Rect
    public var xTicks: [PlacedTick]
    public var yTicks: [PlacedTick]
    public var texts: [PlacedText]
    public var lines: [(points: [Point], color: Color)]
    public var legend: PlacedLegend?
    public var style: ChartStyle

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
        top += 14

        // Y ticks (data range with a little headroom) decide the left margin.
        let allY = chart.series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        var yMin = allY.min() ?? 0, yMax = allY.max() ?? 1
        if yMax - yMin <= Swift.abs(yMax) * 1e-12 {
            let pad = yMax == 0 ? 1 : Swift.abs(yMax) * 0.1
            yMin -= pad
            yMax += pad
        }
        let plotHeightGuess = chart.height - top - 60
        let yCount = Swift.max(3, Swift.min(9, Int(plotHeightGuess / 45)))
        let yTickSet = ExtendedTicks(onlyLoose: true).ticks(dmin: yMin, dmax: yMax, m: yCount)
        let yLabels = TickLabels(values: yTickSet.values, step: yTickSet.step)
        let yLabelWidth = yLabels.labels.map { measurer.measure($0, font: style.tickFont).width }.max() ?? 0
        let labelMetrics = measurer.measure("epoch", font: style.labelFont)
        let labelHeight = labelMetrics.ascent + labelMetrics.descent
        let tickMetrics = measurer.measure("0123456789", font: style.tickFont)

        let left = m + labelHeight + 10 + yLabelWidth + 6 + style.tickLength
        let right = chart.width - m - 14
        let bottom = chart.height - m - labelHeight - 8 - (tickMetrics.ascent + tickMetrics.descent) - 4 - style.tickLength
        if yLabels.multiplier != nil { top += tickMetrics.ascent + 4 }
        plot = Rect(x: left.rounded(), y: top.rounded(), width: (right - left).rounded(), height: Swift.max(10, (bottom - top).rounded()))
        let plot = self.plot

        // Data → device transforms.
        // The outer ticks bound the data; a little headroom keeps lines at the extremes fully visible.
        let tickLow = yTickSet.values.first ?? yMin, tickHigh = yTickSet.values.last ?? yMax
        let headroom = (tickHigh > tickLow ? tickHigh - tickLow : 1) * 0.03
        let yLow = tickLow - headroom, yHigh = tickHigh + headroom
        let ySpan = yHigh - yLow
        let xLow = chart.xDomain.lowerBound, xHigh = chart.xDomain.upperBound
        let xPad = Swift.max((xHigh - xLow) * 0.015, 0.5)
        let x0 = xLow - xPad, x1 = xHigh + xPad
        func px(_ x: Double) -> Double { plot.x + (x - x0) / (x1 - x0) * plot.width }
        func py(_ y: Double) -> Double { plot.maxY - (y - yLow) / ySpan * plot.height }

        yTicks = zip(yTickSet.values, yLabels.labels).map { PlacedTick(value: $0, position: py($0), label: $1) }
        if let multiplier = yLabels.multiplier {
            texts.append(PlacedText(text: multiplier, origin: Point(plot.x, plot.y - 6), font: style.tickFont,
                                    color: style.secondaryText, anchor: .left, rotated: false))
        }

        let xCount = Swift.max(3, Swift.min(11, Int(plot.width / 80)))
        let xTickSet = ExtendedTicks(integerSteps: xHigh - xLow >= 2).ticks(dmin: xLow, dmax: xHigh, m: xCount)
        let visibleX = xTickSet.values.filter { $0 >= x0 - 1e-9 && $0 <= x1 + 1e-9 }
        let xLabels = TickLabels(values: visibleX, step: xTickSet.step, lowerExponent: -3, upperExponent: 7)
        xTicks = zip(visibleX, xLabels.labels).map { PlacedTick(value: $0, position: px($0), label: $1) }
        if let multiplier = xLabels.multiplier {
            texts.append(PlacedText(text: multiplier, origin: Point(plot.maxX, plot.maxY + style.tickLength + 4 + tickMetrics.ascent * 2 + 6),
                                    font: style.tickFont, color: style.secondaryText, anchor: .right, rotated: false))
        }

        // Axis labels.
        texts.append(PlacedText(text: chart.xLabel, origin: Point(plot.x + plot.width / 2, chart.height - m - labelMetrics.descent),
                                font: style.labelFont, color: style.text, anchor: .center, rotated: false))
        texts.append(PlacedText(text: chart.yLabel, origin: Point(m + labelMetrics.ascent, plot.y + plot.height / 2),
                                font: style.labelFont, color: style.text, anchor: .center, rotated: true))
        self.texts = texts

        // Lines in device coordinates.
        lines = chart.series.map { series in
            (series.points.map { Point(px($0.x), $0.y.isFinite ? py($0.y) : .nan) }, Palette.color(series.colorIndex))
        }

        legend = chart.showsLegend ? ChartLayout.placeLegend(chart: chart, plot: plot, lines: lines, style: style, measurer: measurer) : nil
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
    static func placeLegend(chart: Chart, plot: Rect, lines: [(points: [Point], color: Color)], style: ChartStyle,
                            measurer: any TextMeasuring) -> PlacedLegend {
        let metrics = chart.series.map { measurer.measure($0.name, font: style.legendFont) }
        let rowHeight = (metrics.map { $0.ascent + $0.descent }.max() ?? 12) + 6
        let swatch = 22.0, pad = 8.0
        let width = pad + swatch + 6 + (metrics.map(\.width).max() ?? 0) + pad
        let height = pad * 2 - 6 + rowHeight * Double(chart.series.count)
        let inset = 10.0
        let corners = [
            Point(plot.maxX - inset - width, plot.y + inset), Point(plot.x + inset, plot.y + inset),
            Point(plot.maxX - inset - width, plot.maxY - inset - height), Point(plot.x + inset, plot.maxY - inset - height),
        ]
        let cells = CoverageGrid(plot: plot, lines: lines.map(\.points))
        func hidden(_ origin: Point) -> Int {
            cells.count(in: Rect(x: origin.x - 4, y: origin.y - 4, width: width + 8, height: height + 8))
        }
        let best = corners.min { hidden($0) < hidden($1) } ?? corners[0]
        let frame = Rect(x: best.x.rounded(), y: best.y.rounded(), width: width.rounded(), height: height.rounded())
        var entries: [(text: PlacedText, swatch: [Point], color: Color)] = []
        for (i, series) in chart.series.enumerated() {
            let midY = frame.y + pad - 3 + rowHeight * (Double(i) + 0.5)
            let baseline = midY + (metrics[i].ascent - metrics[i].descent) / 2
            let text = PlacedText(text: series.name, origin: Point(frame.x + pad + swatch + 6, baseline), font: style.legendFont,
                                  color: style.text, anchor: .left, rotated: false)
            entries.append((text, [Point(frame.x + pad, midY), Point(frame.x + pad + swatch, midY)], Palette.color(series.colorIndex)))
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
