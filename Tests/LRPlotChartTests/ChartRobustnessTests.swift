import Testing
@testable import LRPlotChart

/// Issue 12: numbers the chart cannot draw, text it must cut, legends and markers that must not
/// hide data, whole-number epoch ticks, a tick at a constant lr, and steps.
@Suite struct ChartRobustnessTests {
    func line(_ values: [Double]) -> Series {
        Series(name: "lr", points: values.enumerated().map { Point(Double($0.offset), $0.element) }, colorIndex: 0)
    }

    func layout(_ chart: Chart) -> ChartLayout { ChartLayout(chart: chart, measurer: RecordingCanvas()) }

    @Test func subnormalValuesOnALogAxisAreGapsWithANote() {
        let values = (0..<1071).map { 0.1 * pow(0.5, Double($0)) }
        var chart = Chart(title: "t", xLabel: "epoch", yLabel: "lr", series: [line(values)], xDomain: 0...1070)
        chart.panels[0].logY = true
        let placed = layout(chart)
        #expect(placed.lines.flatMap(\.points).allSatisfy { $0.y.isNaN || ($0.y.isFinite && $0.x.isFinite) })
        #expect(placed.yTicks.allSatisfy { $0.position.isFinite && $0.value.isFinite && $0.value > 0 })
        #expect(placed.texts.contains { $0.text.contains("subnormal") })
        // Drawing it does not trap.
        ChartRenderer.draw(placed, on: RecordingCanvas())
    }

    @Test func aRangeThatOverflowsIsANoteNotATrap() {
        let chart = Chart(title: "t", xLabel: "epoch", yLabel: "lr", series: [line([1.7e308, -1.7e308, 5.1e308 / 3, 0.5])], xDomain: 0...3)
        let placed = layout(chart)
        #expect(placed.yTicks.allSatisfy { $0.position.isFinite })
        #expect(placed.texts.contains { $0.text.contains("overflows") })
        ChartRenderer.draw(placed, on: RecordingCanvas())
    }

    @Test func tinyLinearRangesHaveFiniteTicks() {
        for values in [[5e-324, 5e-324], [1e-310, 3e-310], [0, 1e-300]] {
            let ticks = AxisScale.linear.ticks(for: values, count: 5)
            #expect(ticks.values.allSatisfy(\.isFinite) && ticks.low < ticks.high, "\(values)")
        }
    }

    @Test func aConstantLearningRateGetsATickAtItsValue() {
        for value in [0.03, 0.0317, 0.07, 3e-4, 0.1, 1.7] {
            let ticks = AxisScale.linear.ticks(for: [value, value, value], count: 5)
            #expect(ticks.values.contains(value), "\(value): \(ticks.values)")
        }
    }

    @Test func aConstantLearningRateGetsATickOnALogAxisToo() {
        let ticks = AxisScale.log.ticks(for: [0.03, 0.03], count: 5)
        #expect(ticks.values.contains(0.03))
        #expect(ticks.labels.contains("3×10⁻²"))
        #expect(AxisScale.log.ticks(for: [0.01, 0.01], count: 5).values == [0.01, 0.1])
    }

    @Test func shortRunsGetWholeNumberTicks() {
        for high in [0.0, 1.0, 2.0] {
            let placed = layout(Chart(title: "t", xLabel: "epoch", yLabel: "lr", series: [line([0.1, 0.1, 0.1])], xDomain: 0...high))
            #expect(!placed.xTicks.isEmpty)
            #expect(placed.xTicks.allSatisfy { $0.value == $0.value.rounded() }, "\(placed.xTicks.map(\.value))")
        }
    }

    @Test func longTitlesAndLabelsAreCutToTheChart() {
        let long = String(repeating: "abcdefghij", count: 10_000)
        let chart = Chart(title: long, subtitle: long, xLabel: long, yLabel: long, series: [line([0.1, 0.2])], xDomain: 0...1)
        let placed = layout(chart)
        let canvas = RecordingCanvas()
        for text in placed.texts where text.text.hasPrefix("abc") {
            #expect(text.text.hasSuffix("…"))
            let extent = canvas.measure(text.text, font: text.font).width
            #expect(extent <= (text.rotated ? placed.plot.height + 2 * placed.style.panelGap : 800 - 2 * placed.style.margin))
        }
        #expect(placed.texts.filter { $0.text.hasPrefix("abc") }.count == 4)
    }

    @Test func controlCharactersAreShownAsSpaces() {
        let chart = Chart(title: "a\nb\tc\u{1B}d", xLabel: "x\ry", yLabel: "l\u{2028}r", series: [line([0.1, 0.2])], xDomain: 0...1)
        let texts = layout(chart).texts.map(\.text)
        #expect(texts.contains("a b c d") && texts.contains("x y") && texts.contains("l r"))
    }

    /// A legend for many lines fits the plot, ends with "+N more", and never covers an axis.
    @Test func aLegendTallerThanThePlotSaysHowManyMore() {
        let series = (0..<40).map { Series(name: "group \($0)", points: [Point(0, Double($0)), Point(9, Double($0))], colorIndex: $0) }
        let chart = Chart(title: "t", xLabel: "epoch", yLabel: "lr", series: series, xDomain: 0...9, width: 600, height: 300)
        let placed = layout(chart)
        let legend = try! #require(placed.legend)
        #expect(legend.frame.maxY <= placed.plot.maxY && legend.frame.y >= placed.plot.y)
        #expect(legend.entries.last?.text.text.hasPrefix("+") == true && legend.entries.last?.text.text.hasSuffix(" more") == true)
        let shown = legend.entries.count - 1
        #expect(legend.entries.last?.text.text == "+\(40 - shown) more")
    }

    /// Six lines that cross the whole plot: the legend goes where it hides none of them, outside
    /// the plot if need be, and never over the x axis.
    @Test func aLegendThatWouldHideDataMovesOutOfThePlot() {
        let series = (0..<6).map { s in
            Series(name: "spec \(s)", points: (0..<100).map { Point(Double($0), Double(($0 * (s + 1)) % 100)) }, colorIndex: s)
        }
        let placed = layout(Chart(title: "t", xLabel: "epoch", yLabel: "lr", series: series, xDomain: 0...99))
        let legend = try! #require(placed.legend)
        #expect(legend.hiddenCells == 0)
        #expect(legend.frame.x >= placed.plot.maxX, "the lines fill the plot, so the legend is beside it")
        #expect(legend.frame.maxX <= 800 && legend.frame.maxY <= placed.plot.maxY)
    }

    /// A legend that cannot fit a tiny plot (a 20×8 terminal) is left out rather than drawn over it.
    @Test func aTinyPlotGetsNoLegendOverIt() {
        let canvas = TerminalCanvas(columns: 20, rows: 8)
        let series = (0..<3).map { s in Series(name: "schedule \(s)", points: (0..<50).map { Point(Double($0), Double(($0 * (s + 1)) % 50)) }, colorIndex: s) }
        let chart = Chart(title: "t", xLabel: "epoch", yLabel: "lr", series: series, xDomain: 0...49, width: canvas.width, height: canvas.height)
        let placed = ChartLayout(chart: chart, style: TerminalCanvas.style(base: ChartStyle()), measurer: canvas)
        if let legend = placed.legend {
            #expect(legend.frame.x >= placed.plot.maxX || legend.hiddenCells == 0)
        }
    }

    @Test func markerLabelsStayOffTheCurve() {
        // The line runs along the top of the plot: the label goes to the bottom.
        var chart = Chart(title: "t", xLabel: "epoch", yLabel: "lr", series: [line(Array(repeating: 1, count: 99) + [0])], xDomain: 0...99)
        chart.markers = [Marker(x: 30, label: "restart")]
        let placed = layout(chart)
        let label = try! #require(placed.texts.first { $0.text == "restart" })
        #expect(label.origin.y > placed.plot.y + placed.plot.height / 2)
        // Along the bottom: it stays at the top.
        chart.panels[0].series = [line([1] + Array(repeating: 0, count: 99))]
        let top = try! #require(layout(chart).texts.first { $0.text == "restart" })
        #expect(top.origin.y < placed.plot.y + placed.plot.height / 2)
    }

    @Test func crowdedMarkersAreTicksNotABand() {
        var chart = Chart(title: "t", xLabel: "epoch", yLabel: "lr", series: [line((0..<100).map { pow(0.9, Double($0)) })], xDomain: 0...99)
        chart.markers = (1...49).map { Marker(x: Double($0), label: "m") }
        let placed = layout(chart)
        #expect(placed.markerTicksOnly)
        #expect(placed.markerLines.count == 49)
        // Labels are thinned: none overlaps the next.
        #expect(placed.texts.filter { $0.text == "m" }.count < 49)
        chart.markers = [Marker(x: 30, label: "a"), Marker(x: 60, label: "b")]
        #expect(!layout(chart).markerTicksOnly)
    }

    @Test func piecewiseConstantLinesAreDrawnAsSteps() {
        let values = (0..<20).map { 0.1 * pow(0.5, Double($0 / 5)) }
        var chart = Chart(title: "t", xLabel: "epoch", yLabel: "lr", series: [line(values)], xDomain: 0...19)
        func verticalEdges(_ layout: ChartLayout) -> Int {
            let points = layout.lines[0].points
            return zip(points, points.dropFirst()).filter { $0.x == $1.x && $0.y != $1.y }.count
        }
        #expect(verticalEdges(layout(chart)) == 3, "auto: steps for a piecewise-constant line")
        chart.lineDrawing = .lines
        #expect(verticalEdges(layout(chart)) == 0)
        // A smooth line keeps its segments under auto, and becomes a staircase when asked.
        chart.panels[0].series = [line((0..<20).map { pow(0.9, Double($0)) })]
        chart.lineDrawing = .auto
        #expect(verticalEdges(layout(chart)) == 0)
        chart.lineDrawing = .steps
        #expect(verticalEdges(layout(chart)) == 19)
    }

    @Test func theDecimatorCountsNonFiniteValues() {
        var kept = ColumnDecimator(count: 10, buckets: 64)
        var decimated = ColumnDecimator(count: 10_000, buckets: 64)
        for i in 0..<10 { kept.add(index: i, y: i == 3 ? .nan : i == 5 ? .infinity : 1) }
        for i in 0..<10_000 { decimated.add(index: i, y: i == 7_000 ? .nan : 1) }
        #expect(kept.nonFiniteCount == 2 && kept.firstNonFinite == 3 && kept.nonFiniteKinds == ["nan", "inf"])
        #expect(decimated.nonFiniteCount == 1 && decimated.firstNonFinite == 7_000 && decimated.nonFiniteKinds == ["nan"])
    }

    @Test func theTerminalKeepsAColumnBetweenTheYLabelAndTheTicks() {
        let canvas = TerminalCanvas(columns: 60, rows: 20)
        let chart = Chart(title: "t", xLabel: "epoch", yLabel: "beta1", series: [line((0..<50).map { 0.8 + 0.1 * Double($0 % 10) / 10 })],
                          xDomain: 0...49, width: canvas.width, height: canvas.height)
        ChartRenderer.draw(ChartLayout(chart: chart, style: TerminalCanvas.style(base: ChartStyle()), measurer: canvas), on: canvas)
        let rows = canvas.render(color: false).split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        let labelRows = rows.filter { $0.count > 3 && "beta1".contains($0[2]) && $0[2] != " " }
        #expect(labelRows.count == 5)
        #expect(labelRows.allSatisfy { $0[3] == " " }, "\(labelRows.map { String($0) })")
    }

    /// Each y tick label is printed in the character row of its tick mark, whatever the rounding.
    @Test func terminalTickLabelsShareTheirTicksRow() {
        for rows in [16, 19, 22, 25] {
            let canvas = TerminalCanvas(columns: 60, rows: rows)
            let chart = Chart(title: "t", xLabel: "epoch", yLabel: "lr", series: [line((0..<50).map { 0.1 * pow(0.93, Double($0)) })],
                              xDomain: 0...49, width: canvas.width, height: canvas.height)
            let placed = ChartLayout(chart: chart, style: TerminalCanvas.style(base: ChartStyle()), measurer: canvas)
            ChartRenderer.draw(placed, on: canvas)
            let lines = canvas.render(color: false).split(separator: "\n", omittingEmptySubsequences: false)
            for tick in placed.yTicks {
                let row = Int(tick.position.rounded(.down)) / 4
                #expect(lines[row].contains(" \(tick.label) "), "rows \(rows): '\(tick.label)' belongs in row \(row)")
            }
        }
    }

    @Test func terminalTextCanUseTheTerminalsOwnForeground() {
        let style = TerminalCanvas.style(base: ChartStyle())
        func render(_ foreground: [Color]) -> String {
            let canvas = TerminalCanvas(columns: 40, rows: 12, foreground: foreground)
            let chart = Chart(title: "title", xLabel: "epoch", yLabel: "lr", series: [line([0.1, 0.05, 0.02])], xDomain: 0...2,
                              width: canvas.width, height: canvas.height)
            ChartRenderer.draw(ChartLayout(chart: chart, style: style, measurer: canvas), on: canvas)
            return canvas.render(color: true)
        }
        let plain = render([style.text, style.secondaryText])
        #expect(plain.contains("\u{1B}[39m") && !plain.contains("\u{1B}[38;2;34;34;34m"))
        #expect(!render([]).contains("\u{1B}[39m") && render([]).contains("\u{1B}[38;2;34;34;34m"))
    }
}
