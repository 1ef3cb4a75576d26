import Testing
@testable import LRPlotChart

@Suite struct TickTests {
    @Test(arguments: [(0.0, 0.1), (0.0, 1e-5), (1e-7, 3e-7), (0.001, 0.1), (-3.0, 7.0), (0.0, 10.0), (2.5e-4, 2.5e-4 + 1e-9)])
    func looseTicksCoverTheDataWithANiceStep(lo: Double, hi: Double) {
        let result = ExtendedTicks(onlyLoose: true).ticks(dmin: lo, dmax: hi, m: 6)
        #expect(result.values.first! <= lo && result.values.last! >= hi)
        #expect((3...12).contains(result.count))
        let mantissa = result.step / pow(10, (log10(result.step)).rounded(.down))
        #expect([1, 2, 2.5, 3, 4, 5].contains { abs($0 - mantissa) < 1e-9 }, "step \(result.step)")
    }

    @Test func epochTicksAreWholeNumbers() {
        let result = ExtendedTicks(integerSteps: true).ticks(dmin: 0, dmax: 9, m: 10)
        #expect(result.values.allSatisfy { $0 == $0.rounded() })
        #expect(result.step >= 1)
    }

    @Test func smallLearningRatesShareAPowerOfTen() {
        let labels = TickLabels(values: [0, 2e-5, 4e-5, 6e-5], step: 2e-5)
        #expect(labels.labels == ["0", "2", "4", "6"])
        #expect(labels.multiplier == "×10⁻⁵")
        let tiny = TickLabels(values: [1e-7, 2e-7, 3e-7], step: 1e-7)
        #expect(tiny.labels == ["1", "2", "3"])
        #expect(tiny.multiplier == "×10⁻⁷")
    }

    @Test func ordinaryLearningRatesArePlainDecimals() {
        let labels = TickLabels(values: [0, 0.02, 0.04, 0.06], step: 0.02)
        #expect(labels.labels == ["0.00", "0.02", "0.04", "0.06"])
        #expect(labels.multiplier == nil)
        #expect(TickLabels(values: [0, 2.5, 5, 7.5, 10], step: 2.5).labels == ["0.0", "2.5", "5.0", "7.5", "10.0"])
        #expect(TickLabels(values: [-1, 0, 1], step: 1).labels == ["\u{2212}1", "0", "1"])
    }
}

@Suite struct LogTickTests {
    @Test func everyDecadeOfTheDataGetsAPowerOfTenAndMinorTicks() {
        let result = LogTicks().ticks(dmin: 3e-5, dmax: 0.2, m: 6)
        #expect(result.decades == -5...0)
        #expect(result.every == 1)
        #expect(result.values == [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1])
        #expect(result.minor.count == 5 * 8)
        #expect(Array(result.minor.prefix(3)) == [2, 3, 4].map { $0 * 1e-5 } && result.minor.last == 9 * 1e-1)
    }

    @Test func manyDecadesSkipSomeAndDropTheMinorTicks() {
        let result = LogTicks().ticks(dmin: 1e-12, dmax: 1, m: 4)
        #expect(result.decades == -12...0)
        #expect(result.every == 3)
        #expect(result.values == [1e-12, 1e-9, 1e-6, 1e-3, 1])
        #expect(result.minor.isEmpty)
    }

    @Test func aSinglePowerOfTenOrNoPositiveDataStillSpansADecade() {
        #expect(LogTicks().ticks(dmin: 0.1, dmax: 0.1, m: 5).decades == -1...0)
        #expect(LogTicks().ticks(dmin: 0.2, dmax: 0.5, m: 5).values == [0.1, 1])
        #expect(LogTicks().ticks(dmin: nil, dmax: nil, m: 5).decades == -1...0)
    }

    @Test func powersOfTenAreWrittenInSuperscript() {
        #expect(LogTickLabels(values: [1e-5, 1e-3, 1, 10, 1e3]).labels == ["10⁻⁵", "10⁻³", "1", "10¹", "10³"])
        #expect(LogTickLabels(values: [2e-5, 5, 2.5e12]).labels == ["2×10⁻⁵", "5×10⁰", "2.5×10¹²"])
    }

    /// The axis scale picks the locator and formatter, and its transform.
    @Test func theScaleSelectsTheLocatorAndFormatter() {
        let values = [4e-4, 0.003, 0.02, 0.1]
        let log = AxisScale.log.ticks(for: values + [0, -1], count: 6)
        let logSet = LogTicks().ticks(dmin: 4e-4, dmax: 0.1, m: 6)
        #expect(log.values == logSet.values && log.minor == logSet.minor)
        #expect(log.labels == ["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹"])
        #expect(log.multiplier == nil)
        #expect(abs(log.low - (-4 - 0.09)) < 1e-12 && abs(log.high - (-1 + 0.09)) < 1e-12)

        let linear = AxisScale.linear.ticks(for: values, count: 6)
        let linearSet = ExtendedTicks(onlyLoose: true).ticks(dmin: 4e-4, dmax: 0.1, m: 6)
        #expect(linear.values == linearSet.values && linear.minor.isEmpty)
        #expect(linear.labels == TickLabels(values: linearSet.values, step: linearSet.step).labels)
        #expect(linear.low < linearSet.values[0] && linear.high > linearSet.values[linearSet.values.count - 1])

        #expect(AxisScale.log.transform(1e-3) == -3 && AxisScale.log.transform(0).isNaN && AxisScale.linear.transform(-2) == -2)
        #expect(Panel(yLabel: "lr", series: [], logY: true).yScale == .log)
        #expect(Panel(yLabel: "lr", series: []).yScale == .linear)
    }
}

@Suite struct DecimatorTests {
    /// Every bucket of the decimated series keeps its first, last, min and max point, in order.
    @Test func m4KeepsExtremesAndOrder() {
        let n = 100_000
        var decimator = ColumnDecimator(count: n, buckets: 500)
        var ys: [Double] = []
        for i in 0..<n {
            let y = (i / 997) % 2 == 0 ? 0.1 * Double(i % 13) : -Double(i % 7)
            ys.append(y)
            decimator.add(index: i, y: y)
        }
        let line = decimator.polyline
        #expect(line.count <= 6 * 500)
        #expect(zip(line, line.dropFirst()).allSatisfy { $0.x < $1.x })
        for b in 0..<500 {
            let range = (b * n / 500)..<((b + 1) * n / 500)
            let kept = line.filter { range.contains(Int($0.x)) }
            #expect(kept.first?.x == Double(range.lowerBound))
            #expect(kept.last?.x == Double(range.upperBound - 1))
            #expect(kept.map(\.y).min() == ys[range].min())
            #expect(kept.map(\.y).max() == ys[range].max())
        }
        #expect(decimator.yRange == ys.min()!...ys.max()!)
    }

    /// NaN and ±inf in the middle of a series break its line whether it is decimated (100,000
    /// points in 64 buckets) or kept whole (100 points): the same runs of finite points come out,
    /// for a long gap, a one-point gap inside a bucket and a gap of two.
    @Test(arguments: [100, 100_000])
    func nonFiniteValuesLeaveAGap(count: Int) {
        var decimator = ColumnDecimator(count: count, buckets: 64)
        let nanGap = (count * 3 / 10)..<(count * 4 / 10)
        let infPoint = count * 6 / 10 + 3
        let minusInfGap = (count * 8 / 10)..<(count * 8 / 10 + 2)
        for i in 0..<count {
            let y = nanGap.contains(i) ? .nan : i == infPoint ? .infinity : minusInfGap.contains(i) ? -.infinity : 1 + Double(i % 7)
            decimator.add(index: i, y: y)
        }
        let line = decimator.polyline
        let runs = ChartRenderer.finiteRuns(line).map { [Int($0[0].x), Int($0[$0.count - 1].x)] }
        #expect(runs == [[0, nanGap.lowerBound - 1], [nanGap.upperBound, infPoint - 1], [infPoint + 1, minusInfGap.lowerBound - 1],
                         [minusInfGap.upperBound, count - 1]])
        #expect(zip(line, line.dropFirst()).allSatisfy { $0.x < $1.x })
        #expect(decimator.yRange == 1...7)
    }

    /// A series that alternates between finite and non-finite values still decimates to a
    /// polyline bounded by the bucket count (constant memory), with its gaps.
    @Test func alternatingGapsStayBounded() {
        let n = 100_000
        var decimator = ColumnDecimator(count: n, buckets: 64)
        for i in 0..<n { decimator.add(index: i, y: i % 2 == 0 ? Double(i % 5) : .nan) }
        let line = decimator.polyline
        #expect(line.count <= 20 * 64)
        #expect(line.filter { !$0.y.isFinite }.count >= 64)
        #expect(zip(line, line.dropFirst()).allSatisfy { $0.x < $1.x })
    }

    @Test func shortSeriesAreKeptWhole() {
        var decimator = ColumnDecimator(count: 10, buckets: 100)
        for i in 0..<10 { decimator.add(index: i, y: Double(i)) }
        #expect(decimator.polyline.map(\.y) == (0..<10).map(Double.init))
    }
}

/// A canvas that records calls and measures text as 6 units per character.
final class RecordingCanvas: Canvas {
    var texts: [String] = []
    var polylines = 0
    func measure(_ text: String, font: FontSpec) -> TextMetrics {
        TextMetrics(width: Double(text.count) * font.size * 0.55, ascent: font.size * 0.75, descent: font.size * 0.25)
    }
    func fill(_ rect: Rect, color: Color) {}
    func stroke(_ rect: Rect, color: Color, width: Double) {}
    func strokePolyline(_ points: [Point], color: Color, width: Double, dash: [Double], clip: Rect?) { polylines += 1 }
    func fillCircle(center: Point, radius: Double, color: Color, clip: Rect?) {}
    func drawText(_ text: String, at origin: Point, font: FontSpec, color: Color, anchor: HorizontalAnchor, rotated: Bool) {
        texts.append(text)
    }
}

@Suite struct LayoutTests {
    func chart(series: Int) -> Chart {
        Chart(title: "StepLR(step_size=5)", subtitle: "base lr 0.1", xLabel: "epoch", yLabel: "lr",
              series: (0..<series).map { s in Series(name: "group \(s)", points: (0..<100).map { Point(Double($0), 0.1 / Double(s + 1) * pow(0.9, Double($0 / 5))) }, colorIndex: s) },
              xDomain: 0...99)
    }

    @Test func layoutKeepsDataInsideThePlotAndLabelsEverything() {
        let canvas = RecordingCanvas()
        let layout = ChartLayout(chart: chart(series: 2), measurer: canvas)
        #expect(layout.plot.x > 30 && layout.plot.maxX < 800 && layout.plot.y > 30 && layout.plot.maxY < 500)
        for line in layout.lines { #expect(line.points.allSatisfy { layout.plot.contains($0) }) }
        #expect(layout.yTicks.count >= 3 && layout.xTicks.count >= 3)
        #expect(layout.xTicks.first?.label == "0")
        #expect(layout.legend != nil)
        ChartRenderer.draw(layout, on: canvas)
        #expect(canvas.texts.contains("StepLR(step_size=5)"))
        #expect(canvas.texts.contains("epoch") && canvas.texts.contains("lr") && canvas.texts.contains("group 1"))
    }

    /// A log panel is labelled with powers of ten, larger values higher up, and carries the minor ticks.
    @Test func logPanelsAreLabelledWithPowersOfTen() {
        let series = Series(name: "lr", points: (0..<100).map { Point(Double($0), 0.1 * pow(0.9, Double($0))) }, colorIndex: 0)
        let chart = Chart(title: "ExponentialLR(gamma=0.9)", xLabel: "epoch", panels: [Panel(yLabel: "lr", series: [series], logY: true)],
                          xDomain: 0...99)
        let layout = ChartLayout(chart: chart, measurer: RecordingCanvas())
        let labels = layout.yTicks.map(\.label)
        #expect(labels.first == "10⁻⁶" && labels.last == "10⁻¹", "\(labels)")
        #expect(zip(layout.yTicks, layout.yTicks.dropFirst()).allSatisfy { $0.position > $1.position })
        #expect(!layout.panels[0].minorYTicks.isEmpty)
        for line in layout.lines { #expect(line.points.allSatisfy { layout.plot.contains($0) }) }
    }

    @Test func singleSeriesHasNoLegend() {
        #expect(ChartLayout(chart: chart(series: 1), measurer: RecordingCanvas()).legend == nil)
    }

    @Test func distinctColoursPerGroup() {
        let layout = ChartLayout(chart: chart(series: 3), measurer: RecordingCanvas())
        #expect(Set(layout.lines.map { "\($0.color)" }).count == 3)
    }
}
