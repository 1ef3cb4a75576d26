import Foundation
import Testing
@testable import LRPlotCLI
import LRPlotEngine
import LRPlotCairo
import LRPlotChart
import LRPlotTestSupport

/// Issue 4's promises that can be tested without timing: the decimated chart is the chart of every
/// point, and peak memory does not grow with the number of steps.
@Suite struct PerformanceContractTests {
    /// Renders `line` twice, from the M4-decimated trace and from every point, and compares pixels.
    /// Step-shaped schedules must match exactly (drops stay crisp). For smooth or dense curves the
    /// two strokes differ only in antialiasing shades where Cairo joins many tiny segments instead of
    /// a few longer ones: no channel may differ by more than 24/255 and at most 1% of pixels may
    /// differ at all; a lost spike or drop would differ by far more.
    @Test(arguments: [
        ("step --step-size 700 --gamma 0.7 --epochs 20000", true),
        ("multistep --milestones 3000,7000,12000 --gamma 0.5 --epochs 15000 --lr 0.1,0.03", true),
        ("multistep --milestones 3000,7000,7001,12000 --gamma 0.5 --epochs 15000 --lr 0.1,0.03", false),
        ("cyclic --base-lr 0.001 --max-lr 0.1 --step-size-up 333 --mode triangular2 --epochs 30000 --lr 0.01,0.02", false),
        ("onecycle --max-lr 0.1 --epochs 25000", false),
        ("lambda --lr-lambda 'lambda e: 0.1 + 0.05 * (e % 7) + 0.02 * (e % 13 == 0)' --epochs 12000", false),
        ("cosine-warm-restarts --t-0 50 --t-mult 2 --epochs 40000", false),
        ("lambda --lr-lambda 'lambda e: inf - inf if 5000 <= e < 6000 else (inf if e == 9000 else 1 + e // 3000)' --epochs 12000", true),
    ])
    func decimatedChartEqualsTheFullChart(_ line: String, exact: Bool) throws {
        guard case .run(let request) = try InvocationParser.parse(try shellWords(line)) else {
            Issue.record("not a run")
            return
        }
        let options = request.options
        let folder = temporaryFolder()
        var images: [RGBAImage] = []
        var pointCounts: [Int] = []
        for decimating in [true, false] {
            let sink = ChartTraceSink(count: options.epochs, pixelWidth: options.width, decimating: decimating)
            try Simulation(arguments: request.schedule, lrs: options.lrs, epochs: options.epochs).run(into: [sink])
            let chart = ChartBuilder.chart(for: request, sink: sink)
            pointCounts.append(chart.panels[0].series.map(\.points.count).reduce(0, +))
            let path = folder.appendingPathComponent("\(decimating).png").path
            try ChartFile.write(chart, format: .png, to: path)
            images.append(try RGBAImage.load(png: path))
        }
        #expect(pointCounts[1] == options.epochs * options.lrs.count)
        #expect(pointCounts[0] <= 6 * 2 * options.width * options.lrs.count, "the decimated trace is bounded by the width: \(pointCounts)")
        let (a, b) = (images[0].pixels, images[1].pixels)
        var largest = 0, pixels = 0
        for i in stride(from: 0, to: a.count, by: 4) {
            var differs = false
            for c in i..<(i + 4) where a[c] != b[c] {
                differs = true
                largest = max(largest, abs(Int(a[c]) - Int(b[c])))
            }
            if differs { pixels += 1 }
        }
        if exact {
            #expect(pixels == 0, "\(pixels) pixels differ (largest channel difference \(largest))")
        } else {
            #expect(largest <= 24, "largest channel difference \(largest)/255")
            #expect(pixels * 100 <= a.count / 4, "\(pixels) of \(a.count / 4) pixels differ")
        }
    }

    /// Peak RSS of the real binary at 20,000 and at 2,000,000 steps (PNG, and CSV to a file):
    /// 100× the steps may not cost more than a few MiB more (it is a flat line, not a slope).
    @Test(arguments: ["png", "csv"])
    func peakMemoryDoesNotGrowWithSteps(_ format: String) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lrplot")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            Issue.record("no lrplot binary next to the test bundle at \(binary.path)")
            return
        }
        let folder = temporaryFolder()
        /// Runs the binary with posix_spawn and reads its own peak RSS from wait4.
        func peakKiB(_ epochs: Int) throws -> Int {
            let arguments = [binary.path, "exponential", "--gamma", "0.999999", "--epochs", String(epochs),
                             "-o", folder.appendingPathComponent("run-\(epochs).\(format)").path]
            let argv = arguments.map { strdup($0) } + [nil]
            defer { for p in argv { free(p) } }
            var pid = pid_t()
            #expect(posix_spawn(&pid, binary.path, nil, nil, argv, environ) == 0)
            var status: Int32 = 0
            var usage = rusage()
            wait4(pid, &status, 0, &usage)
            #expect(status == 0)
            return usage.ru_maxrss
        }
        let small = try peakKiB(20_000)
        let large = try peakKiB(2_000_000)
        #expect(large - small < 6 * 1024, "peak RSS \(small) KiB at 20k steps, \(large) KiB at 2M steps")
    }
}
