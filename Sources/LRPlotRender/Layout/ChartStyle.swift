/// Sizes and colours of the chart's furniture, in device units at scale 1.
public struct ChartStyle: Sendable {
    public var background = Color.white
    public var plotBackground = Color.white
    public var text = Color(hex: 0x222222)
    public var secondaryText = Color(hex: 0x666666)
    public var grid = Color(hex: 0xE6E6E6)
    public var axis = Color(hex: 0x9A9A9A)
    public var titleFont = FontSpec(size: 16, weight: .bold)
    public var subtitleFont = FontSpec(size: 11.5)
    public var labelFont = FontSpec(size: 13)
    public var tickFont = FontSpec(size: 11.5)
    public var legendFont = FontSpec(size: 11.5)
    public var lineWidth = 2.0
    public var margin = 16.0
    public var tickLength = 5.0

    /// The default light style.
    public init() {}
}
