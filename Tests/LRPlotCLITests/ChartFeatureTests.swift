import Foundation
import Testing
@testable import LRPlotCLI
import LRPlotEngine
import LRPlotChart
import LRPlotTestSupport

/// Issue 5's chart features from the command line: compare, panels, log y, markers, PDF, HiDPI,
/// themes, the secondary axis, the terminal preview, JSON and statistics.
@Suite struct ChartFeatureTests {
    /// The chart a command line would draw (simulated in-process).
    func chart(_ line: String) throws -> Chart {
        guard case .run(let request) = try InvocationParser.parse(try shellWords(line)) else { throw UsageError("not a run") }
        let sink = ChartTraceSink(count: request.options.epochs, pixelWidth: request.options.width, panels: request.options.panels)
        try Simulation(arguments: request.schedule, lrs: request.options.lrs, epochs: request.options.epochs).run(into: [sink])
        return ChartBuilder.chart(for: request, sink: sink)
    }

    func png(_ arguments: [String]) throws -> RGBAImage {
        let path = temporaryFolder().appendingPathComponent("chart.png").path
        let r = lrplot(arguments + ["-o", path])
        #expect(r.code == 0, "\(r.stderr)")
        return try RGBAImage.load(png: path)
    }

    /// Pixels whose colour is exactly `color` (the middle of a 2-px line is solid).
    func count(_ color: Color, in image: RGBAImage) -> Int {
        let r = UInt8((color.red * 255).rounded()), g = UInt8((color.green * 255).rounded()), b = UInt8((color.blue * 255).rounded())
        var n = 0
        for i in stride(from: 0, to: image.pixels.count, by: 4) where image.pixels[i] == r && image.pixels[i + 1] == g && image.pixels[i + 2] == b { n += 1 }
        return n
    }

    @Test func compareDrawsThreeColoursAndALegend() throws {
        let image = try png(["compare", "step --step-size 30", "cosine --t-max 100", "OneCycleLR(optimizer, max_lr=0.1, total_steps=100)", "--panels", "lr"])
        for index in 0..<3 { #expect(count(Palette.color(index), in: image) > 200, "colour \(index)") }
        #expect(count(Palette.color(3), in: image) == 0)
        guard case .compare(let requests, _) = try InvocationParser.parse(["compare", "step --step-size 30", "cosine --t-max 100 --eta-min 0"]) else {
            Issue.record("not a compare")
            return
        }
        #expect(requests.map(\.schedule.shortDescription) == ["StepLR(step_size=30)", "CosineAnnealingLR(T_max=100)"])
    }

    @Test func compareRejectsOneSpecAndBadSpecs() {
        #expect(lrplot(["compare", "step --step-size 3", "-o", "x.png"]).stderr.contains("at least two specs"))
        // CSV and JSON are written too (CLIOutputTests checks their columns).
        let csv = lrplot(["compare", "step --step-size 3", "cosine --t-max 9", "-o", "-"])
        #expect(csv.code == 0 && csv.stdout.hasPrefix("epoch,s1_lr0,s1_beta1_0,s1_loss,s2_lr0,"))
        let bad = lrplot(["compare", "step --step-size 0", "cosine --t-max 9", "-o", "x.png"])
        #expect(bad.code == 2 && bad.stderr.contains("spec 1") && bad.stderr.contains("--step-size"))
    }

    @Test func scaleTwoGivesAHiDPIImage() throws {
        let image = try png(["step", "--step-size", "5", "--scale", "2"])
        #expect(image.width == 1600 && image.height == 1000)
    }

    @Test func darkThemeHasADarkBackground() throws {
        let image = try png(["step", "--step-size", "5", "--theme", "dark"])
        #expect(Int(image.pixels[0]) + Int(image.pixels[1]) + Int(image.pixels[2]) < 3 * 60)
        let light = try png(["step", "--step-size", "5"])
        #expect(light.pixels[0] == 255)
    }

    @Test func panelsDefaultToLrAndBeta1WhenItCycles() throws {
        #expect(try chart("step --step-size 5").panels.map(\.yLabel) == ["lr"])
        #expect(try chart("onecycle --max-lr 0.1").panels.map(\.yLabel) == ["lr", "beta1"])
        #expect(try chart("onecycle --max-lr 0.1 --no-cycle-momentum").panels.map(\.yLabel) == ["lr"])
        #expect(try chart("step --step-size 5 --panels loss,lr --ylabel rate").panels.map(\.yLabel) == ["toy loss", "rate"])
        #expect(lrplot(["step", "--step-size", "5", "--panels", "lr,lr"]).stderr.contains("listed twice"))
    }

    @Test func logAxisNotesValuesItCannotDraw() throws {
        let cosine = try chart("cosine --t-max 50 --log-y")
        #expect(cosine.panels[0].logY)
        #expect(cosine.notes.first?.contains("not drawn") == true)
        #expect(try chart("exponential --gamma 0.9 --log-y").notes.isEmpty)
        let layout = ChartLayout(chart: try chart("exponential --gamma 0.95 --log-y --epochs 100"), measurer: RecordingMeasurer())
        #expect(layout.yTicks.map(\.label).contains("10⁻³"))
        #expect(!layout.panels[0].minorYTicks.isEmpty)
    }

    /// A lambda that is NaN (inf − inf) for a tenth of the run and inf at one epoch leaves the
    /// same gaps in the lr line of a short run (every point kept) and of a long one (decimated).
    @Test(arguments: [60, 60_000])
    func nonFiniteLearningRatesLeaveGaps(epochs: Int) throws {
        let (a, b, c) = (epochs * 4 / 10, epochs * 5 / 10, epochs * 7 / 10)
        let lambda = "lambda e: inf - inf if \(a) <= e < \(b) else (inf if e == \(c) else 1 + e % 3)"
        let points = try chart("lambda --lr-lambda '\(lambda)' --epochs \(epochs)").panels[0].series[0].points
        var runs: [[Int]] = []
        var previousFinite = false
        for p in points {
            if p.y.isFinite {
                if previousFinite { runs[runs.count - 1][1] = Int(p.x) } else { runs.append([Int(p.x), Int(p.x)]) }
            }
            previousFinite = p.y.isFinite
        }
        #expect(runs == [[0, a - 1], [b, c - 1], [c + 1, epochs - 1]])
    }

    @Test func schedulesDescribeTheirMarkers() throws {
        #expect(try chart("multistep --milestones 30,60,60 --epochs 100").markers.map(\.x) == [30, 60])
        #expect(try chart("cosine-warm-restarts --t-0 10 --t-mult 2 --epochs 100").markers.map(\.x) == [10, 30, 70])
        let sequential = try chart("sequential --milestones 5 -- linear --start-factor 0.1 --total-iters 5 -- multistep --milestones 10")
        // The switch at 5 (LinearLR's warm-up ends exactly there) and MultiStepLR's milestone 10 after it.
        #expect(sequential.markers.map(\.x) == [5, 15])
        #expect(try chart("multistep --milestones 30 --no-markers").markers.isEmpty)
        #expect(try chart("noam --warmup 10").markers.map(\.label) == ["warm-up end"])
    }

    @Test func stepsPerEpochAddsASecondaryAxis() throws {
        let c = try chart("step --step-size 50 --epochs 1000 --steps-per-epoch 100")
        #expect(c.secondaryAxis == SecondaryAxis(label: "epoch", divisor: 100))
        #expect(c.xLabel == "step")
        let layout = ChartLayout(chart: c, measurer: RecordingMeasurer())
        #expect(layout.secondaryTicks.map(\.label).contains("5"))
    }

    @Test func pdfIsAPDFAndDeterministic() throws {
        let folder = temporaryFolder()
        let a = folder.appendingPathComponent("a.pdf").path, b = folder.appendingPathComponent("b.pdf").path
        #expect(lrplot(["step", "--step-size", "5", "-o", a]).code == 0)
        #expect(lrplot(["step", "--step-size", "5", "-o", b]).code == 0)
        let da = try Data(contentsOf: URL(fileURLWithPath: a)), db = try Data(contentsOf: URL(fileURLWithPath: b))
        #expect(da.prefix(5) == Data("%PDF-".utf8))
        #expect(da == db)
    }

    @Test func terminalPreviewIsABrailleChart() {
        let plain = lrplot(["step", "--step-size", "5", "--format", "term", "--cols", "60", "--rows", "16"])
        #expect(plain.code == 0)
        let lines = plain.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 17)
        #expect(lines.allSatisfy { $0.count <= 60 })
        #expect(plain.stdout.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
        #expect(plain.stdout.contains("epoch") && plain.stdout.contains("StepLR"))
        #expect(!plain.stdout.contains("\u{1B}["))
        // Without -o on a terminal: the preview, in colour unless NO_COLOR is set.
        func onTerminal(_ variables: [String: String]) -> String {
            let out = MemoryOutput(), err = MemoryOutput()
            _ = LRPlotCommand.main(["step", "--step-size", "5"],
                                   environment: CLIEnvironment(standardOutput: out, standardError: err, standardOutputIsTerminal: true,
                                                               variables: variables))
            return out.text
        }
        #expect(onTerminal(["COLUMNS": "70", "LINES": "20"]).contains("\u{1B}[38;2;"))
        #expect(!onTerminal(["COLUMNS": "70", "NO_COLOR": "1"]).contains("\u{1B}["))
        #expect(onTerminal(["COLUMNS": "70", "LINES": "20"]).split(separator: "\n").count <= 18)
    }

    @Test func jsonParsesAndMatchesTheCSV() throws {
        let json = lrplot(["onecycle", "--max-lr", "0.1,0.05", "--lr", "0.1,0.05", "--epochs", "50", "-o", "-", "--format", "json"])
        #expect(json.code == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let groups = object?["groups"] as? [[String: [Double]]]
        #expect(groups?.count == 2)
        #expect((object?["loss"] as? [Double])?.count == 50)
        let schedule = object?["schedule"] as? [String: Any]
        #expect(schedule?["class"] as? String == "OneCycleLR")
        // The numbers themselves, as text (a JSON parser's float conversion is not the point).
        let csv = lrplot(["onecycle", "--max-lr", "0.1,0.05", "--lr", "0.1,0.05", "--epochs", "50"])
        let rows = csv.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        func array(_ key: String, occurrence: Int) -> [String] {
            let parts = json.stdout.components(separatedBy: "\"\(key)\":[")
            guard parts.count > occurrence + 1 else { return [] }
            return parts[occurrence + 1].prefix { $0 != "]" }.split(separator: ",").map(String.init)
        }
        #expect(array("lr", occurrence: 1) == rows.map { $0[2] })
        #expect(array("beta1", occurrence: 0) == rows.map { $0[3] })
        #expect(array("loss", occurrence: 0) == rows.map { $0[5] })
    }

    @Test func statsReportPeakFinalMeanAndArea() {
        let r = lrplot(["step", "--step-size", "2", "--gamma", "0.5", "--epochs", "4", "--lr", "1", "--stats", "-o", "-"])
        #expect(r.code == 0)
        // lrs 1, 1, 0.5, 0.5: peak 1 at 0, final 0.5, mean 0.75, area 3.
        #expect(r.stderr == "group 0: peak lr 1.0 at epoch 0  ·  final lr 0.5  ·  mean lr 0.75  ·  area 3 lr·epochs\n")
    }
}

/// Fixed-width text metrics for layout tests without a backend.
struct RecordingMeasurer: TextMeasuring {
    func measure(_ text: String, font: FontSpec) -> TextMetrics {
        TextMetrics(width: Double(text.count) * font.size * 0.6, ascent: font.size * 0.75, descent: font.size * 0.25)
    }
}
