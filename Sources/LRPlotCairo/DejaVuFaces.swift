import CLRPlotCairo
import LRPlotChart

/// DejaVu Sans and DejaVu Sans Bold loaded straight from their files with FreeType, so drawing a
/// chart never starts fontconfig (which parses its whole XML configuration first: an eighth of a
/// chart's time). The faces are what fontconfig resolves "DejaVu Sans" to on the stack the README
/// names, and Cairo renders them with the context's font options alone (grey antialiasing, no
/// hinting; ``CairoCanvas``), as it did with fontconfig's pattern, so the pixels are the same.
/// When a file is missing (another distribution's layout), `face(for:)` returns nil and text goes
/// through fontconfig as before.
final class DejaVuFaces: @unchecked Sendable {
    /// The Debian/Ubuntu paths (fonts-dejavu-core).
    static let regularPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    static let boldPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

    /// Loaded on first use and kept for the life of the process (Cairo shares its FreeType faces
    /// between threads under its own lock).
    static let shared = DejaVuFaces(regularPath: regularPath, boldPath: boldPath)

    private let regular: OpaquePointer?
    private let bold: OpaquePointer?

    /// Loads the two faces from these files; a face whose file is missing or unreadable is nil.
    init(regularPath: String, boldPath: String) {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else {
            regular = nil
            bold = nil
            return
        }
        regular = Self.load(regularPath, library: library)
        bold = Self.load(boldPath, library: library)
    }

    /// The Cairo face for `weight`, or nil when its file could not be loaded.
    func face(for weight: FontWeight) -> OpaquePointer? {
        weight == .bold ? bold : regular
    }

    /// A Cairo font face for the file at `path`, or nil. Both faces are kept for the life of the
    /// process, so the FreeType face is never released under Cairo.
    private static func load(_ path: String, library: FT_Library) -> OpaquePointer? {
        var face: FT_Face?
        guard FT_New_Face(library, path, 0, &face) == 0, let face else { return nil }
        guard let cairoFace = cairo_ft_font_face_create_for_ft_face(face, 0),
              cairo_font_face_status(cairoFace) == CAIRO_STATUS_SUCCESS else {
            FT_Done_Face(face)
            return nil
        }
        return cairoFace
    }
}
