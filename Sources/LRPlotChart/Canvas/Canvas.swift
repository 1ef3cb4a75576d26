/// The typeface weight of a piece of text.
public enum FontWeight: Sendable { case regular, bold }

/// A font request: DejaVu Sans at a size in device units.
public struct FontSpec: Equatable, Sendable {
    public var size: Double
    public var weight: FontWeight
    /// A font of `size` units and `weight`.
    public init(size: Double, weight: FontWeight = .regular) { self.size = size; self.weight = weight }
}

/// The measured size of a string.
public struct TextMetrics: Equatable, Sendable {
    /// Advance width.
    public var width: Double
    /// Height above the baseline.
    public var ascent: Double
    /// Depth below the baseline.
    public var descent: Double
    /// Metrics of a string.
    public init(width: Double, ascent: Double, descent: Double) {
        self.width = width; self.ascent = ascent; self.descent = descent
    }
}

/// Measures text; layout needs it before anything is drawn.
public protocol TextMeasuring {
    /// The metrics of `text` in `font`.
    func measure(_ text: String, font: FontSpec) -> TextMetrics
}

/// Where a text's anchor point lies relative to the text.
public enum HorizontalAnchor: Sendable { case left, center, right }

/// A drawing surface for charts. The Cairo backend draws PNG and SVG; tests use a recording one.
public protocol Canvas: TextMeasuring {
    /// Fills `rect` with `color`.
    func fill(_ rect: Rect, color: Color)
    /// Strokes the outline of `rect`.
    func stroke(_ rect: Rect, color: Color, width: Double)
    /// Strokes a polyline through `points`, clipped to `clip` if given.
    func strokePolyline(_ points: [Point], color: Color, width: Double, dash: [Double], clip: Rect?)
    /// Fills a circle.
    func fillCircle(center: Point, radius: Double, color: Color, clip: Rect?)
    /// Draws `text` with its baseline at `origin.y`, anchored horizontally at `origin.x`;
    /// `rotated` turns it 90° counter-clockwise (for a y-axis label).
    func drawText(_ text: String, at origin: Point, font: FontSpec, color: Color, anchor: HorizontalAnchor, rotated: Bool)
}
