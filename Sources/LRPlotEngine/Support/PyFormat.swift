/// Number formatting as Python prints it, without Foundation.
public enum PyFormat {
    /// `repr(x)` of a Python float: the shortest text that parses back to `x`.
    public static func repr(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        // Swift's description is shortest round-trip too; only the switch to exponent form differs.
        let text = x.description
        let magnitude = Swift.abs(x)
        if text.contains("e"), magnitude >= 1e-4, magnitude < 1e16 {
            return cFormat("%.17g", x).shortestFixed(of: x)
        }
        return text
    }

    /// `format(x, '.4e')` / `'{:.4e}'.format(x)`, e.g. `1.0000e-02`.
    public static func scientific4(_ x: Double) -> String {
        cFormat("%.4e", x)
    }

    /// `'%.5d' % n` / `'{:05d}'.format(n)` for a non-negative epoch.
    public static func zeroPadded5(_ n: Int) -> String {
        let digits = String(Swift.abs(n))
        let padded = String(repeating: "0", count: Swift.max(0, 5 - digits.count)) + digits
        return n < 0 ? "-" + padded : padded
    }

    /// `round(x, digits)` for a float, as CPython computes it (correctly rounded, half to even).
    public static func roundToDigits(_ x: Double, _ digits: Int) -> Double {
        if !x.isFinite || x == 0 { return x }
        if digits > 323 { return x }
        if digits < -308 { return 0.0 * x }
        if digits >= 0 {
            let text = cFormat("%.\(digits)f", x)
            return Double(text) ?? x
        }
        let scale = Glibc.pow(10.0, Double(-digits))
        let result = (x / scale).rounded(.toNearestOrEven) * scale
        return result == 0 ? copysign(0.0, x) : result
    }

    /// `snprintf` with one double argument.
    public static func cFormat(_ format: String, _ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let count = withVaList([x]) { args in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 512, format, args) }
        }
        guard count >= 0 else { return "" }
        let bytes = buffer.prefix(Swift.min(Int(count), 511)).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

private extension String {
    /// From a `%.17g` rendering, the shortest fixed-point text that still parses to `x`.
    func shortestFixed(of x: Double) -> String {
        for precision in 0...17 {
            let candidate = PyFormat.cFormat("%.\(precision)f", x)
            if Double(candidate) == x {
                return candidate.contains(".") ? candidate : candidate + ".0"
            }
        }
        return self
    }
}
