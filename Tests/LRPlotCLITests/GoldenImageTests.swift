import Foundation
import Testing
import LRPlotCLI
import LRPlotCairo
import LRPlotTestSupport

/// Renders every `schedules/*.sched` in-process and compares the decoded pixels with the committed
/// golden PNG in `Tests/LRPlotCLITests/Goldens/`.
///
/// Tolerance: none (every channel of every pixel must match). Goldens are tied to the rendering
/// stack the README sets up (Debian 12: Cairo 1.16.0, DejaVu Sans 2.37); the Cairo version they were
/// recorded with is in `Goldens/cairo-version.txt`.
///
/// - `make golden` (`LRPLOT_RECORD_GOLDENS=1`) re-records them; a recording run still fails so that a
///   missing golden can never pass unnoticed.
/// - On a mismatch, `<name>.actual.png`, `<name>.expected.png` and `<name>.diff.png` (|Δ| × 8 on grey)
///   are written to `.build/golden-failures/`, named in the failure.
@Suite struct GoldenImageTests {
    static let goldens = testsFolder.appendingPathComponent("Goldens")
    static let artifacts = repositoryRoot.appendingPathComponent(".build/golden-failures")
    static var recording: Bool { ProcessInfo.processInfo.environment["LRPLOT_RECORD_GOLDENS"] == "1" }

    static let specs: [String] = {
        let folder = repositoryRoot.appendingPathComponent("schedules")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".sched") }.map { String($0.dropLast(6)) }.sorted()
    }()

    @Test func everySeedExampleHasASpec() {
        for name in ["step", "multistep", "exponential", "cosine", "lambda-two-groups", "noam"] {
            #expect(GoldenImageTests.specs.contains(name), "schedules/\(name).sched")
        }
    }

    @Test func goldensWereRecordedWithThisCairo() throws {
        let path = GoldenImageTests.goldens.appendingPathComponent("cairo-version.txt")
        if GoldenImageTests.recording {
            try (CairoInfo.version + "\n").write(to: path, atomically: true, encoding: .utf8)
        }
        let recorded = try String(contentsOf: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(recorded == CairoInfo.version, "goldens were recorded with Cairo \(recorded), this is \(CairoInfo.version); see the README's setup")
    }

    @Test(arguments: GoldenImageTests.specs)
    func matchesGolden(_ name: String) throws {
        let folder = temporaryFolder()
        let actualPath = folder.appendingPathComponent("\(name).png")
        let spec = repositoryRoot.appendingPathComponent("schedules/\(name).sched")
        let result = lrplot(["@" + spec.path, "-o", actualPath.path])
        try #require(result.code == 0, "\(result.stderr)")
        let actual = try RGBAImage.load(png: actualPath.path)

        // The SVG of the same spec must render too, at the same size (--scale multiplies PNG pixels only).
        let svgPath = folder.appendingPathComponent("\(name).svg")
        #expect(lrplot(["@" + spec.path, "-o", svgPath.path]).code == 0)
        let svg = try String(contentsOf: svgPath, encoding: .utf8)
        let scale = name.hasPrefix("hidpi") ? 2 : 1
        #expect(svg.contains("width=\"\(actual.width / scale)px\"") && svg.contains("<path"))

        let goldenPath = GoldenImageTests.goldens.appendingPathComponent("\(name).png")
        if GoldenImageTests.recording {
            try FileManager.default.createDirectory(at: GoldenImageTests.goldens, withIntermediateDirectories: true)
            _ = try? FileManager.default.removeItem(at: goldenPath)
            try FileManager.default.copyItem(at: actualPath, to: goldenPath)
            Issue.record("Recorded new golden \(goldenPath.path); run again without LRPLOT_RECORD_GOLDENS to verify")
            return
        }
        guard FileManager.default.fileExists(atPath: goldenPath.path) else {
            Issue.record("No golden for \(name): run 'make golden' and review \(goldenPath.path)")
            return
        }
        let expected = try RGBAImage.load(png: goldenPath.path)
        guard expected != actual else { return }

        try FileManager.default.createDirectory(at: GoldenImageTests.artifacts, withIntermediateDirectories: true)
        let base = GoldenImageTests.artifacts.appendingPathComponent(name)
        try actual.writePNG(to: base.path + ".actual.png")
        try expected.writePNG(to: base.path + ".expected.png")
        var differing = 0
        if expected.width == actual.width && expected.height == actual.height {
            var diff = [UInt8](repeating: 255, count: actual.pixels.count)
            for i in stride(from: 0, to: actual.pixels.count, by: 4) {
                var delta = 0
                for c in 0..<3 { delta = max(delta, abs(Int(actual.pixels[i + c]) - Int(expected.pixels[i + c]))) }
                if delta > 0 { differing += 1 }
                let v = UInt8(min(255, 128 + delta * 8))
                diff[i] = delta > 0 ? v : 128; diff[i + 1] = delta > 0 ? 0 : 128; diff[i + 2] = delta > 0 ? 0 : 128
            }
            try RGBAImage(width: actual.width, height: actual.height, pixels: diff).writePNG(to: base.path + ".diff.png")
        }
        Issue.record("""
            \(name): \(expected.width == actual.width && expected.height == actual.height ? "\(differing) pixels differ" : "size \(actual.width)×\(actual.height) vs golden \(expected.width)×\(expected.height)"); \
            see \(base.path).actual.png, .expected.png and .diff.png (re-record on purpose with 'make golden')
            """)
    }
}
