/// Tick positions for a base-10 logarithmic axis, after matplotlib's `LogLocator`: the axis spans
/// whole decades around the positive data, with a major tick at every power of ten (every n-th
/// when there are more decades than about `m` ticks) and, when every decade has one, minor ticks
/// at 2…9 times each power (matplotlib's `subs`).
public struct LogTicks: Sendable {
    /// The minor-tick multiples of each power of ten.
    public var subs: [Double] = [2, 3, 4, 5, 6, 7, 8, 9]

    /// The default locator.
    public init() {}

    /// The chosen ticks.
    public struct Result: Equatable, Sendable {
        /// The decades the axis spans, as exponents: 10^lower … 10^upper.
        public var decades: ClosedRange<Int>
        /// Decades between major ticks.
        public var every: Int
        /// The major ticks: powers of ten, ascending.
        public var values: [Double]
        /// The unlabelled minor ticks, ascending (none when major ticks skip decades).
        public var minor: [Double]
    }

    /// About `m` major ticks for positive data from `dmin` to `dmax`; without positive data
    /// (nil) the axis spans 10⁻¹ … 10⁰.
    public func ticks(dmin: Double?, dmax: Double?, m: Int) -> Result {
        let lower = Int(dmin.map { log10($0).rounded(.down) } ?? -1)
        var upper = Int(dmax.map { log10($0).rounded(.up) } ?? 0)
        if upper <= lower { upper = lower + 1 }
        let every = Swift.max(1, (upper - lower + Swift.max(1, m) - 1) / Swift.max(1, m))
        var values: [Double] = [], minor: [Double] = []
        for k in lower...upper {
            let value = pow10(k)
            if (k - lower) % every == 0 { values.append(value) }
            if k < upper && every == 1 { for f in subs { minor.append(f * value) } }
        }
        return Result(decades: lower...upper, every: every, values: values, minor: minor)
    }
}
