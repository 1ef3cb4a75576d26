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

/// One stacked plot of a chart: its own y axis, sharing the chart's x axis.
public struct Panel: Sendable {
    /// The y-axis label (`lr`, `beta1`, `loss`).
    public var yLabel: String
    /// The lines.
    public var series: [Series]
    /// The y axis's scale, which picks its tick locator and formatter.
    public var yScale: AxisScale
    /// Whether the y axis is logarithmic (values ≤ 0 are not drawn).
    public var logY: Bool {
        get { yScale == .log }
        set { yScale = newValue ? .log : .linear }
    }
    /// Relative height among the panels.
    public var weight: Double

    /// A panel.
    public init(yLabel: String, series: [Series], logY: Bool = false, weight: Double = 1) {
        self.yLabel = yLabel
        self.series = series
        yScale = logY ? .log : .linear
        self.weight = weight
    }
}

/// A thin vertical line with a small label at an x position: a milestone, the end of a warm-up,
/// a restart, a SequentialLR switch, a OneCycle phase boundary.
public struct Marker: Equatable, Sendable {
    /// The x position in data units.
    public var x: Double
    /// The label (short).
    public var label: String

    /// A marker at `x`.
    public init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}

/// A second x axis along the top of the chart, in other units: value = x / `divisor`
/// (steps below, epochs above with `--steps-per-epoch`).
public struct SecondaryAxis: Equatable, Sendable {
    /// Its label.
    public var label: String
    /// The primary x units per secondary unit.
    public var divisor: Double

    /// A secondary axis.
    public init(label: String, divisor: Double) {
        self.label = label
        self.divisor = divisor
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
    /// The stacked panels, top to bottom; the legend goes in the first.
    public var panels: [Panel]
    /// The x range to show (the run's epochs).
    public var xDomain: ClosedRange<Double>
    /// Canvas width in layout units (pixels at scale 1).
    public var width: Double
    /// Canvas height in layout units.
    public var height: Double
    /// Vertical markers across every panel.
    public var markers: [Marker]
    /// An optional second x axis along the top.
    public var secondaryAxis: SecondaryAxis?
    /// Small notes printed under the plot (e.g. points a log axis cannot show).
    public var notes: [String]

    /// A chart of stacked panels.
    public init(title: String, subtitle: String = "", xLabel: String, panels: [Panel], xDomain: ClosedRange<Double>,
                width: Double = 800, height: Double = 500, markers: [Marker] = [], secondaryAxis: SecondaryAxis? = nil,
                notes: [String] = []) {
        self.title = title
        self.subtitle = subtitle
        self.xLabel = xLabel
        self.panels = panels
        self.xDomain = xDomain
        self.width = width
        self.height = height
        self.markers = markers
        self.secondaryAxis = secondaryAxis
        self.notes = notes
    }

    /// A one-panel chart.
    public init(title: String, subtitle: String = "", xLabel: String, yLabel: String, series: [Series],
                xDomain: ClosedRange<Double>, width: Double = 800, height: Double = 500) {
        self.init(title: title, subtitle: subtitle, xLabel: xLabel, panels: [Panel(yLabel: yLabel, series: series)],
                  xDomain: xDomain, width: width, height: height)
    }

    /// Every series of every panel.
    public var series: [Series] { panels.flatMap(\.series) }

    /// Whether a legend is drawn (more than one series in the first panel).
    public var showsLegend: Bool { (panels.first?.series.count ?? 0) > 1 }
}
