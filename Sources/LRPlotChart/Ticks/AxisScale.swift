/// How an axis maps data values to positions; it selects the axis's tick locator and formatter.
public enum AxisScale: Sendable, Equatable {
    /// Linear: Extended Wilkinson ticks (``ExtendedTicks``) and ``TickLabels``.
    case linear
    /// Base-10 logarithmic: ``LogTicks`` and ``LogTickLabels``; values ≤ 0 are not drawn.
    case log

    /// `value` in axis units: itself, or its base-10 logarithm (NaN for values ≤ 0).
    public func transform(_ value: Double) -> Double {
        switch self {
        case .linear: return value
        case .log: return value > 0 ? log10(value) : .nan
        }
    }

    /// About `count` ticks and the visible range for an axis showing `values` (finite).
    public func ticks(for values: [Double], count: Int) -> AxisTicks {
        switch self {
        case .linear:
            var yMin = values.min() ?? 0, yMax = values.max() ?? 1
            if yMax - yMin <= Swift.abs(yMax) * 1e-12 {
                let pad = yMax == 0 ? 1 : Swift.abs(yMax) * 0.1
                yMin -= pad
                yMax += pad
            }
            let set = ExtendedTicks(onlyLoose: true).ticks(dmin: yMin, dmax: yMax, m: count)
            let labels = TickLabels(values: set.values, step: set.step)
            // The outer ticks bound the data; a little headroom keeps lines at the extremes fully visible.
            let tickLow = set.values.first ?? yMin, tickHigh = set.values.last ?? yMax
            let headroom = (tickHigh > tickLow ? tickHigh - tickLow : 1) * 0.03
            return AxisTicks(values: set.values, labels: labels.labels, minor: [], multiplier: labels.multiplier,
                             low: tickLow - headroom, high: tickHigh + headroom)
        case .log:
            let positive = values.filter { $0 > 0 }
            let set = LogTicks().ticks(dmin: positive.min(), dmax: positive.max(), m: count)
            let lo = Double(set.decades.lowerBound), hi = Double(set.decades.upperBound)
            let pad = (hi - lo) * 0.03
            return AxisTicks(values: set.values, labels: LogTickLabels(values: set.values).labels, minor: set.minor,
                             multiplier: nil, low: lo - pad, high: hi + pad)
        }
    }
}

/// An axis's ticks and visible range, from its scale's locator and formatter.
public struct AxisTicks: Equatable, Sendable {
    /// The labelled ticks, in data units.
    public var values: [Double]
    /// One label per tick.
    public var labels: [String]
    /// Unlabelled minor ticks, in data units (the 2…9 of a log axis).
    public var minor: [Double]
    /// A power of ten shared by every label, written once at the axis end (e.g. `×10⁻⁵`), or nil.
    public var multiplier: String?
    /// The visible range in axis units (``AxisScale/transform(_:)``), headroom included.
    public var low: Double
    public var high: Double
}
