import Foundation
import Testing
import LRPlotCairo
import LRPlotChart
import LRPlotTestSupport

/// A small two-series chart.
func sampleChart(width: Double = 320, height: Double = 200) -> Chart {
    Chart(title: "StepLR(step_size=5)", xLabel: "epoch", yLabel: "lr",
          series: (0..<2).map { s in
              Series(name: "group \(s)", points: (0..<50).map { Point(Double($0), 0.1 / Double(s + 1) * pow(0.5, Double($0 / 5))) }, colorIndex: s)
          },
          xDomain: 0...49, width: width, height: height)
}

/// A path in a fresh temporary folder.
func temporaryPath(_ name: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lrplot-cairo-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent(name).path
}

@Suite struct ChartFileTests {
    @Test func pngHasTheChartsSizeTimesTheScaleAndItsBackground() throws {
        let path = temporaryPath("chart.png")
        defer { unlink(path) }
        var style = ChartStyle()
        style.background = Color(hex: 0x102030)
        try ChartFile.write(sampleChart(), format: .png, to: path, style: style, scale: 2)
        let image = try RGBAImage.load(png: path)
        #expect(image.width == 640 && image.height == 400)
        #expect(Array(image.pixels[0..<4]) == [0x10, 0x20, 0x30, 0xFF])
    }

    @Test func decodingAMissingPNGNamesThePath() {
        #expect(throws: CairoError.self) { try RGBAImage.load(png: "/nonexistent/lrplot.png") }
        do { _ = try RGBAImage.load(png: "/nonexistent/lrplot.png") } catch {
            #expect(error.description.contains("reading PNG '/nonexistent/lrplot.png'"))
        }
    }

    @Test func rgbaImagesSurviveAPNGRoundTrip() throws {
        let path = temporaryPath("pixels.png")
        defer { unlink(path) }
        let pixels: [UInt8] = [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 255, 1, 2, 3, 255, 200, 100, 50, 255]
        let image = RGBAImage(width: 3, height: 2, pixels: pixels)
        try image.writePNG(to: path)
        #expect(try RGBAImage.load(png: path) == image)
    }
}

/// A destination's failure.
struct DestinationError: Error, Equatable {
    let message: String
}

/// The SVG text with Cairo's surface ids (`<g id="surface6">`, from a process-wide counter) blanked.
func withoutSurfaceIDs(_ svg: [UInt8]) -> String {
    String(decoding: svg, as: UTF8.self).replacingOccurrences(of: #"id="surface[0-9]+""#, with: #"id="surface""#, options: .regularExpression)
}

@Suite struct SVGStreamTests {
    /// The same document as the SVG file, but for the number Cairo gives the surface.
    @Test func streamedSVGIsTheSVGFile() throws {
        let path = temporaryPath("chart.svg")
        defer { unlink(path) }
        try ChartFile.write(sampleChart(), format: .svg, to: path)
        var streamed: [UInt8] = []
        var chunks = 0
        try ChartFile.writeSVG(sampleChart()) { (bytes: UnsafeRawBufferPointer) throws(DestinationError) in
            streamed.append(contentsOf: bytes)
            chunks += 1
        }
        let file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(withoutSurfaceIDs(streamed) == withoutSurfaceIDs(file))
        #expect(chunks > 1, "Cairo streams the document in chunks")
        #expect(String(decoding: streamed, as: UTF8.self).contains("width=\"320px\""))
    }

    @Test func aFailingDestinationStopsTheDocumentAndItsErrorComesBack() {
        var calls = 0
        do {
            try ChartFile.writeSVG(sampleChart()) { (_: UnsafeRawBufferPointer) throws(DestinationError) in
                calls += 1
                throw DestinationError(message: "disk full")
            }
            Issue.record("no error")
        } catch {
            guard case .destination(let failure) = error else {
                Issue.record("expected the destination's error, got \(error)")
                return
            }
            #expect(failure == DestinationError(message: "disk full"))
        }
        #expect(calls == 1, "Cairo writes nothing more once a write failed")
    }

    @Test func aDestinationFailingLaterIsReportedToo() {
        var calls = 0
        do {
            try ChartFile.writeSVG(sampleChart()) { (_: UnsafeRawBufferPointer) throws(DestinationError) in
                calls += 1
                if calls == 3 { throw DestinationError(message: "pipe closed") }
            }
            Issue.record("no error")
        } catch {
            guard case .destination(let failure) = error else {
                Issue.record("expected the destination's error, got \(error)")
                return
            }
            #expect(failure.message == "pipe closed")
        }
        #expect(calls == 3)
    }
}
