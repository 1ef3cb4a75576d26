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
