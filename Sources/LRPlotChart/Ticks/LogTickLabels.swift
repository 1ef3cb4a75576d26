/// Text for the ticks of a logarithmic axis, after matplotlib's `LogFormatterSciNotation`: a power
/// of ten is written `10ⁿ` with superscript digits (`1` for 10⁰), any other value `m×10ⁿ`.
public struct LogTickLabels: Equatable, Sendable {
    /// One label per tick.
    public var labels: [String]

    /// Labels for positive `values`.
    public init(values: [Double]) {
        labels = values.map(LogTickLabels.label)
    }

    /// The label of one positive value.
    static func label(_ value: Double) -> String {
        guard value > 0, value.isFinite else { return TickLabels.format(value, decimals: 0) }
        var exponent = Int(log10(value).rounded())
        if pow10(exponent) == value { return exponent == 0 ? "1" : "10" + TickLabels.superscript(exponent) }
        exponent = Int(log10(value).rounded(.down))
        let mantissa = value / pow10(exponent)
        let decimals = TickLabels.decimals(for: [mantissa], step: 0.01)
        return TickLabels.format(mantissa, decimals: decimals) + "×10" + TickLabels.superscript(exponent)
    }
}
