/// A ``Canvas`` that draws into a terminal: lines as braille dots (each character cell holds a
/// 2×4 grid of dots, U+2800…U+28FF), text as characters, colours as 24-bit ANSI escapes when
/// asked. The chart layout is the same as for PNG; layout units are dots, so a cell is 2 units wide
/// and 4 high, and every character of text is one cell.
public final class TerminalCanvas: Canvas {
    /// Character columns and rows.
    public let columns: Int
    public let rows: Int
    private var dots: [UInt8]
    private var dotColors: [Color?]
    private var characters: [Character?]
    private var characterColors: [Color?]
    private let background: Color

    /// A blank canvas of `columns`×`rows` characters; its layout size is `2·columns`×`4·rows`.
    public init(columns: Int, rows: Int, background: Color = .white) {
        self.columns = columns
        self.rows = rows
        self.background = background
        dots = Array(repeating: 0, count: columns * rows)
        dotColors = Array(repeating: nil, count: columns * rows)
        characters = Array(repeating: nil, count: columns * rows)
        characterColors = Array(repeating: nil, count: columns * rows)
    }

    /// The layout size in dots.
    public var width: Double { Double(columns * 2) }
    public var height: Double { Double(rows * 4) }

    /// The style for a terminal: gaps scaled to the dot grid, no grid lines, thin lines.
    public static func style(base: ChartStyle) -> ChartStyle {
        var style = base
        style.spacing = 0.25
        style.tickLength = 1
        style.lineWidth = 1
        style.margin = 2
        style.panelGap = 4
        style.grid = Color(hex: 0, alpha: 0)
        style.legendBackground = Color(hex: 0, alpha: 0)
        return style
    }

    public func measure(_ text: String, font: FontSpec) -> TextMetrics {
        TextMetrics(width: Double(text.count * 2), ascent: 3, descent: 1)
    }

    public func fill(_ rect: Rect, color: Color) {}

    public func stroke(_ rect: Rect, color: Color, width: Double) {
        strokePolyline([Point(rect.x, rect.y), Point(rect.maxX, rect.y), Point(rect.maxX, rect.maxY),
                        Point(rect.x, rect.maxY), Point(rect.x, rect.y)], color: color, width: width, dash: [], clip: nil)
    }

    public func strokePolyline(_ points: [Point], color: Color, width: Double, dash: [Double], clip: Rect?) {
        guard color.alpha > 0 else { return }
        for (a, b) in zip(points, points.dropFirst()) where a.x.isFinite && a.y.isFinite && b.x.isFinite && b.y.isFinite {
            line(from: a, to: b, color: color, dashed: !dash.isEmpty, clip: clip)
        }
    }

    public func fillCircle(center: Point, radius: Double, color: Color, clip: Rect?) {
        plot(Int(center.x.rounded(.down)), Int(center.y.rounded(.down)), color: color, clip: clip)
    }

    public func drawText(_ text: String, at origin: Point, font: FontSpec, color: Color, anchor: HorizontalAnchor, rotated: Bool) {
        let row = Int(((origin.y - 0.5) / 4).rounded(.down))
        let length = Double(text.count * 2)
        if rotated {
            // One character per row, top to bottom, centred on the anchor.
            let column = Int((origin.x / 2).rounded(.down))
            let start = Int((origin.y / 4).rounded(.down)) - text.count / 2
            for (i, character) in text.enumerated() { put(character, column: column, row: start + i, color: color) }
            return
        }
        let shift: Double
        switch anchor {
        case .left: shift = 0
        case .center: shift = length / 2
        case .right: shift = length
        }
        let column = Int(((origin.x - shift) / 2).rounded())
        for (i, character) in text.enumerated() { put(character, column: column + i, row: row, color: color) }
    }

    private func put(_ character: Character, column: Int, row: Int, color: Color) {
        guard column >= 0, column < columns, row >= 0, row < rows else { return }
        characters[row * columns + column] = character
        characterColors[row * columns + column] = color
    }

    private func line(from a: Point, to b: Point, color: Color, dashed: Bool, clip: Rect?) {
        var x0 = Int(a.x.rounded(.down)), y0 = Int(a.y.rounded(.down))
        let x1 = Int(b.x.rounded(.down)), y1 = Int(b.y.rounded(.down))
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        var n = 0
        while true {
            if !dashed || n % 2 == 0 { plot(x0, y0, color: color, clip: clip) }
            n += 1
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x0 += sx }
            if e2 <= dx { error += dx; y0 += sy }
        }
    }

    /// The braille bit of dot (`dx`, `dy`) within a cell (Unicode's dot numbering).
    private static let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    private func plot(_ x: Int, _ y: Int, color: Color, clip: Rect?) {
        if let clip, !clip.contains(Point(Double(x) + 0.5, Double(y) + 0.5)) { return }
        guard x >= 0, y >= 0, x < columns * 2, y < rows * 4 else { return }
        let cell = (y / 4) * columns + x / 2
        dots[cell] |= TerminalCanvas.bits[y % 4][x % 2]
        dotColors[cell] = color
    }

    /// The picture as text lines; with `color`, each run of one colour is wrapped in 24-bit ANSI
    /// colour escapes.
    public func render(color: Bool) -> String {
        var out = ""
        for row in 0..<rows {
            var current: Color? = nil
            var line = ""
            for column in 0..<columns {
                let i = row * columns + column
                let character: Character
                let cellColor: Color?
                if let c = characters[i] {
                    character = c
                    cellColor = characterColors[i]
                } else if dots[i] != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(dots[i])) {
                    character = Character(scalar)
                    cellColor = dotColors[i]
                } else {
                    character = " "
                    cellColor = current
                }
                if color, cellColor != current, let cellColor {
                    line += TerminalCanvas.escape(cellColor)
                    current = cellColor
                }
                line.append(character)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            if color && current != nil { line += "\u{1B}[0m" }
            out += line + "\n"
        }
        return out
    }

    static func escape(_ c: Color) -> String {
        func byte(_ v: Double) -> Int { Int((max(0, min(1, v)) * 255).rounded()) }
        return "\u{1B}[38;2;\(byte(c.red));\(byte(c.green));\(byte(c.blue))m"
    }
}
