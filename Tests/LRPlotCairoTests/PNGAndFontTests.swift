import Foundation
import Testing
@testable import LRPlotCairo
import CLRPlotCairo
import LRPlotChart
import LRPlotTestSupport

/// Fills `surface` (ARGB32) with premultiplied pixels from `pixel(x, y)`.
private func fill(_ surface: CairoSurface, _ pixel: (Int, Int) -> UInt32) throws {
    cairo_surface_flush(surface.raw)
    let data = try #require(cairo_image_surface_get_data(surface.raw))
    let width = Int(cairo_image_surface_get_width(surface.raw)), height = Int(cairo_image_surface_get_height(surface.raw))
    let stride = Int(cairo_image_surface_get_stride(surface.raw))
    for y in 0..<height {
        let row = data.advanced(by: y * stride).withMemoryRebound(to: UInt32.self, capacity: width) { $0 }
        for x in 0..<width { row[x] = pixel(x, y) }
    }
    cairo_surface_mark_dirty(surface.raw)
}

/// The image written by lrplot's encoder and by Cairo's own writer, both decoded.
private func bothEncodings(of surface: CairoSurface) throws -> (ours: RGBAImage, cairos: RGBAImage) {
    let ours = temporaryPath("ours.png"), cairos = temporaryPath("cairo.png")
    try surface.writePNG(to: ours)
    #expect(cairo_surface_write_to_png(surface.raw, cairos) == CAIRO_STATUS_SUCCESS)
    return (try RGBAImage.load(png: ours), try RGBAImage.load(png: cairos))
}

/// How many bytes of the two decoded images differ (after checking their sizes agree): a count,
/// so that a failure does not print megabytes of pixels.
private func differingBytes(_ a: RGBAImage, _ b: RGBAImage) -> Int {
    guard a.width == b.width, a.height == b.height else { return Int.max }
    return zip(a.pixels, b.pixels).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
}

/// Issue 16: PNGs go through libpng with one row filter; the decoded pixels stay Cairo's.
@Suite struct PNGEncoderTests {
    @Test func everyPremultipliedPixelDecodesAsCairosWriterWritesIt() throws {
        // Every alpha (rows) against every colour value up to it (columns), in each channel.
        let surface = try CairoSurface.image(width: 256, height: 256)
        try fill(surface) { x, y in
            let a = UInt32(y), c = UInt32(x) * a / 255
            return a << 24 | c << 16 | ((c * 7) % (a + 1)) << 8 | ((a - c) % (a + 1))
        }
        let (ours, cairos) = try bothEncodings(of: surface)
        #expect(differingBytes(ours, cairos) == 0)
        #expect(ours.pixels[(10 * 256 + 255) * 4 + 3] == 10, "a semi-transparent pixel keeps its alpha")
    }

    @Test func opaqueImagesDecodeAsCairosWriterWritesThem() throws {
        let surface = try CairoSurface.image(width: 301, height: 97)
        var state: UInt32 = 12345
        try fill(surface) { _, _ in
            state = state &* 1_103_515_245 &+ 12345
            return 0xFF00_0000 | (state >> 8)
        }
        let (ours, cairos) = try bothEncodings(of: surface)
        #expect(differingBytes(ours, cairos) == 0)
        #expect(ours.width == 301 && ours.height == 97)
    }

    @Test func aFullDeviceIsAWriteErrorNamingThePath() {
        #expect(throws: CairoError(CAIRO_STATUS_WRITE_ERROR, operation: "writing PNG '/dev/full'")) {
            try ChartFile.write(sampleChart(), format: .png, to: "/dev/full")
        }
    }

    @Test func aMissingFolderIsAWriteErrorNamingThePath() {
        let path = "/nonexistent-lrplot-folder/x.png"
        #expect(throws: CairoError(CAIRO_STATUS_WRITE_ERROR, operation: "writing PNG '\(path)'")) {
            try ChartFile.write(sampleChart(), format: .png, to: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

/// Issue 16: DejaVu is loaded from its file with FreeType; text draws exactly as through fontconfig.
@Suite struct DejaVuFacesTests {
    /// `text` drawn in DejaVu Sans `weight` at `size`, through the direct face or fontconfig, with the
    /// canvas's font options, upright and rotated; the surface's bytes.
    private func render(_ text: String, size: Double, weight: FontWeight, direct: Bool) throws -> [UInt8] {
        let surface = try CairoSurface.image(width: 420, height: 160)
        let context = try CairoContext(surface: surface)
        let cr = context.raw
        let options = try #require(cairo_font_options_create())
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(cr, options)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_set_source_rgb(cr, 0.1, 0.2, 0.3)
        if direct {
            let face: OpaquePointer = try #require(DejaVuFaces.shared.face(for: weight))
            cairo_set_font_face(cr, face)
        } else {
            cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                                   weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        }
        cairo_set_font_size(cr, size)
        cairo_move_to(cr, 3.3, 40.7)
        cairo_show_text(cr, text)
        cairo_translate(cr, 30.5, 150.25)
        cairo_rotate(cr, -Double.pi / 2)
        cairo_move_to(cr, 0, 0)
        cairo_show_text(cr, text)
        cairo_surface_flush(surface.raw)
        let data = try #require(cairo_image_surface_get_data(surface.raw))
        return Array(UnsafeBufferPointer(start: data, count: Int(cairo_image_surface_get_stride(surface.raw)) * 160))
    }

    @Test(arguments: [(11.0, FontWeight.regular), (16.0, .bold), (9.5, .regular), (23.0, .bold)])
    func directFacesDrawTheSamePixelsAsFontconfig(size: Double, weight: FontWeight) throws {
        let text = "StepLR(γ=0.9) 0.1 ×10⁻⁵ → epoch"
        let direct = try render(text, size: size, weight: weight, direct: true)
        let fontconfig = try render(text, size: size, weight: weight, direct: false)
        #expect(zip(direct, fontconfig).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) } == 0 && direct.count == fontconfig.count)
        #expect(direct.contains { $0 != 0xFF }, "the text was drawn")
    }

    @Test func regularAndBoldAreDifferentFaces() throws {
        let regular = try render("lr", size: 14, weight: .regular, direct: true)
        let bold = try render("lr", size: 14, weight: .bold, direct: true)
        #expect(regular.count == bold.count && regular != bold)
    }

    @Test func missingFilesLeaveNoFaceSoTextGoesThroughFontconfig() {
        let faces = DejaVuFaces(regularPath: "/nonexistent/DejaVuSans.ttf", boldPath: "/nonexistent/DejaVuSans-Bold.ttf")
        #expect(faces.face(for: .regular) == nil)
        #expect(faces.face(for: .bold) == nil)
        #expect(DejaVuFaces.shared.face(for: .regular) != nil, "the stack make installs has DejaVu at its Debian path")
    }
}
