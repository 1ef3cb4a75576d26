/// One line of a chart: a legend name and its (already decimated) points in data units.
public struct Series: Sendable {
    /// The legend entry.
    public var name: String
    /// Points in data coordinates, x ascending; NaN y values break the line.
    public var points: [Point]
    /// Index into the palette.
    public var colorIndex: Int

    /// A series.
    public init(name: String, points: [Point], colorIndex: Int) {
        self.name = name
        self.points = points
        self.colorIndex = colorIndex
    }
}

/// What to draw: pure values, independent of any backend.
public struct Chart: Sendable {
    /// The title (schedule and parameters).
    public var title: String
    /// A smaller line under the title (run settings), or empty.
    public var subtitle: String
    /// The x-axis label.
    public var xLabel: String
    /// The y-axis label.
    public var yLabel: String
    /// The lines.
    public var series: [Series]
    /// The x range to show (the run's epochs).
    public var xDomain: ClosedRange<Double>
    /// Canvas width in device units.
    public var width: Double
    /// Canvas height in device units.
    public var height: Double

    /// A chart.
    public init(title: String, subtitle: String = "", xLabel: String, yLabel: String, series: [Series],
                xDomain: ClosedRange<Double>, width: Double = 800, height: Double = 500) {
        self.title = title
        self.subtitle = subtitle
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.xDomain = xDomain
        self.width = width
        self.height = height
    }

    /// Whether a legend is drawn (more than one series).
    public var showsLegend: Bool { series.count > 1 }
}
