/// Text for a set of ticks: plain decimals when they read well, otherwise a shared power of ten
/// (`0 1 2 3` with `×10⁻⁵` at the axis end), so learning rates from 1e-7 to 10 stay legible.
public struct TickLabels: Equatable, Sendable {
    /// One label per tick.
    public var labels: [String]
    /// The shared multiplier written once at the axis end (e.g. `×10⁻⁵`), or nil.
    public var multiplier: String?

    /// Labels for `values` spaced `step` apart.
    /// - Parameters:
    ///   - lowerExponent: a largest tick below `10^lowerExponent` switches to a shared multiplier.
    ///   - upperExponent: a largest tick at or above `10^upperExponent` does too.
    public init(values: [Double], step: Double, lowerExponent: Int = -3, upperExponent: Int = 6) {
        let largest = values.map { Swift.abs($0) }.max() ?? 0
        var exponent = 0
        if largest > 0 {
            let oom = Int(Double.log10Floor(largest))
            if oom < lowerExponent || oom >= upperExponent { exponent = oom }
        }
        let scale = pow10(exponent)
        let scaled = values.map { $0 / scale }
        let scaledStep = step / scale
        let decimals = TickLabels.decimals(for: scaled, step: scaledStep)
        labels = scaled.map { TickLabels.format($0, decimals: decimals) }
        multiplier = exponent == 0 ? nil : "×10" + TickLabels.superscript(exponent)
    }

    /// The fewest decimals that print every tick distinctly and exactly enough.
    static func decimals(for values: [Double], step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        for d in 0...12 {
            let tolerance = step * 1e-6
            let ok = values.allSatisfy { v in
                let text = format(v, decimals: d).replacingMinus()
                guard let parsed = Double(text) else { return false }
                return Swift.abs(parsed - v) <= tolerance
            }
            if ok { return d }
        }
        return 12
    }

    /// `v` with `decimals` decimals, a true minus sign, and no negative zero.
    static func format(_ v: Double, decimals: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let value = v == 0 ? 0 : v
        let count = withVaList([value]) { args in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 64, "%.\(decimals)f", args) }
        }
        var text = String(decoding: buffer.prefix(Swift.max(0, Swift.min(Int(count), 63))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix("-") {
            let digits = text.dropFirst()
            if digits.allSatisfy({ $0 == "0" || $0 == "." }) { text = String(digits) } else { text = "\u{2212}" + digits }
        }
        return text
    }

    /// `n` in Unicode superscript digits, e.g. `⁻⁵`.
    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(String(Swift.abs(n)).map { digits[Int(String($0)) ?? 0] })
        return n < 0 ? "⁻" + body : body
    }
}

private extension String {
    func replacingMinus() -> String { String(map { $0 == "\u{2212}" ? "-" : $0 }) }
}
