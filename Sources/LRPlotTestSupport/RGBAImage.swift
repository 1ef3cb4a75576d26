import CLRPlotCairo
import LRPlotCairo

// Test support only: the product never decodes PNGs, so this lives outside it (Package.swift links
// this target into test targets alone).

/// A decoded image: straight (non-premultiplied) RGBA bytes, row-major, for pixel comparisons.
public struct RGBAImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// `width * height * 4` bytes: R, G, B, A.
    public var pixels: [UInt8]

    /// An image from raw RGBA bytes.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 4, "pixel buffer size mismatch")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Decodes the PNG at `path`.
    public static func load(png path: String) throws(CairoError) -> RGBAImage {
        guard let raw = cairo_image_surface_create_from_png(path) else {
            throw CairoError(CAIRO_STATUS_NO_MEMORY, operation: "reading PNG '\(path)'")
        }
        let surface = try CairoSurface(taking: raw, operation: "reading PNG '\(path)'")
        cairo_surface_flush(surface.raw)
        let width = Int(cairo_image_surface_get_width(surface.raw))
        let height = Int(cairo_image_surface_get_height(surface.raw))
        let stride = Int(cairo_image_surface_get_stride(surface.raw))
        let format = cairo_image_surface_get_format(surface.raw)
        guard let data = cairo_image_surface_get_data(surface.raw) else {
            throw CairoError(CAIRO_STATUS_NULL_POINTER, operation: "reading PNG '\(path)'")
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            let row = data.advanced(by: y * stride).withMemoryRebound(to: UInt32.self, capacity: width) { $0 }
            for x in 0..<width {
                let v = row[x]
                var a = UInt32((v >> 24) & 0xFF)
                if format == CAIRO_FORMAT_RGB24 { a = 255 }
                var r = (v >> 16) & 0xFF, g = (v >> 8) & 0xFF, b = v & 0xFF
                if a != 0 && a != 255 { r = r * 255 / a; g = g * 255 / a; b = b * 255 / a }
                let i = (y * width + x) * 4
                pixels[i] = UInt8(r); pixels[i + 1] = UInt8(g); pixels[i + 2] = UInt8(b); pixels[i + 3] = UInt8(a)
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// Encodes the image as PNG at `path`.
    public func writePNG(to path: String) throws(CairoError) {
        let surface = try CairoSurface.image(width: width, height: height)
        cairo_surface_flush(surface.raw)
        let stride = Int(cairo_image_surface_get_stride(surface.raw))
        guard let data = cairo_image_surface_get_data(surface.raw) else {
            throw CairoError(CAIRO_STATUS_NULL_POINTER, operation: "writing PNG '\(path)'")
        }
        for y in 0..<height {
            let row = data.advanced(by: y * stride).withMemoryRebound(to: UInt32.self, capacity: width) { $0 }
            for x in 0..<width {
                let i = (y * width + x) * 4
                let a = UInt32(pixels[i + 3])
                let r = UInt32(pixels[i]) * a / 255, g = UInt32(pixels[i + 1]) * a / 255, b = UInt32(pixels[i + 2]) * a / 255
                row[x] = (a << 24) | (r << 16) | (g << 8) | b
            }
        }
        cairo_surface_mark_dirty(surface.raw)
        try surface.writePNG(to: path)
    }
}
