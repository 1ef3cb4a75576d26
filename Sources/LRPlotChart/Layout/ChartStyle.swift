/// Sizes and colours of the chart's furniture, in layout units (pixels at scale 1).
public struct ChartStyle: Sendable {
    public var background = Color.white
    public var plotBackground = Color.white
    public var text = Color(hex: 0x222222)
    public var secondaryText = Color(hex: 0x666666)
    public var grid = Color(hex: 0xE6E6E6)
    public var axis = Color(hex: 0x9A9A9A)
    public var marker = Color(hex: 0x888888, alpha: 0.8)
    public var legendBackground = Color(hex: 0xFFFFFF, alpha: 0.9)
    public var legendBorder = Color(hex: 0xCCCCCC)
    public var titleFont = FontSpec(size: 16, weight: .bold)
    public var subtitleFont = FontSpec(size: 11.5)
    public var labelFont = FontSpec(size: 13)
    public var tickFont = FontSpec(size: 11.5)
    public var legendFont = FontSpec(size: 11.5)
    public var markerFont = FontSpec(size: 10)
    public var lineWidth = 2.0
    public var margin = 16.0
    public var tickLength = 5.0
    /// Vertical space between stacked panels.
    public var panelGap = 14.0
    /// The palette of the lines.
    public var palette = Palette.tab10
    /// Multiplies the layout's fixed gaps and spacing heuristics (1 for pixels; a terminal's dot
    /// grid uses a fraction).
    public var spacing = 1.0

    /// `value` layout units of gap, scaled by ``spacing``.
    public func s(_ value: Double) -> Double { value * spacing }

    /// The default light style.
    public init() {}

    /// A named theme.
    public enum Theme: String, Sendable, CaseIterable {
        case light, dark
    }

    /// The style of `theme`.
    public static func theme(_ theme: Theme) -> ChartStyle {
        var style = ChartStyle()
        if theme == .dark {
            style.background = Color(hex: 0x16181D)
            style.plotBackground = Color(hex: 0x1C1F26)
            style.text = Color(hex: 0xE6E6E6)
            style.secondaryText = Color(hex: 0xA0A4AB)
            style.grid = Color(hex: 0x2C3039)
            style.axis = Color(hex: 0x6B707A)
            style.marker = Color(hex: 0x9AA0AA, alpha: 0.8)
            style.legendBackground = Color(hex: 0x1C1F26, alpha: 0.9)
            style.legendBorder = Color(hex: 0x3A3F4A)
            // tab10, lightened where it would be dim on a dark background.
            style.palette = [0x5DA5DA, 0xFAA43A, 0x60BD68, 0xF15854, 0xB276B2, 0xC49A6C, 0xF17CB0, 0xB2B2B2, 0xDECF3F, 0x4DD0E1]
                .map { Color(hex: $0) }
        }
        return style
    }

    /// The colour of series `index` (cycling through the palette).
    public func color(_ index: Int) -> Color { palette[index % palette.count] }
}
