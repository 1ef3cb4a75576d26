/// Tick positions by the Extended Wilkinson algorithm (Talbot, Lin & Hanrahan, InfoVis 2010),
/// ported from the reference R implementation `labeling::extended` with its weights
/// (simplicity 0.25, coverage 0.2, density 0.5, legibility 0.05) and nice numbers `Q`.
public struct ExtendedTicks: Sendable {
    /// The nice step mantissas, most preferred first.
    public var q: [Double] = [1, 5, 2, 2.5, 4, 3]
    /// Score weights: simplicity, coverage, density, legibility.
    public var weights: (Double, Double, Double, Double) = (0.25, 0.2, 0.5, 0.05)
    /// When true, the first and last ticks must enclose the data.
    public var onlyLoose = false
    /// When true, only whole-number steps are considered (epoch axes).
    public var integerSteps = false

    /// The default labeler.
    public init(onlyLoose: Bool = false, integerSteps: Bool = false) {
        self.onlyLoose = onlyLoose
        self.integerSteps = integerSteps
    }

    /// The chosen ticks: first value, step and count.
    public struct Result: Equatable, Sendable {
        public var first: Double
        public var step: Double
        public var count: Int
        /// The tick values; each is computed as `start * unit` to avoid accumulated error.
        public var values: [Double]
    }

    /// About `m` ticks for data spanning `dmin…dmax`.
    public func ticks(dmin: Double, dmax: Double, m: Int) -> Result {
        guard dmin.isFinite, dmax.isFinite, dmax > dmin, m >= 2 else {
            return Result(first: dmin, step: 0, count: 1, values: [dmin])
        }
        let (ws, wc, wd, wl) = weights
        let n = Double(q.count)
        var best: (score: Double, start: Double, unit: Double, k: Int, step: Double)? = nil
        var bestScore = -2.0
        var j = 1.0
        outer: while j < 50 {
            for (qIndex, qValue) in q.enumerated() {
                let sm = 1 - Double(qIndex) / (n - 1) - j + 1
                if ws * sm + wc + wd + wl < bestScore { break outer }
                var k = 2
                while k < 100 {
                    let dm = ExtendedTicks.densityMax(k, m)
                    if ws * sm + wc + wd * dm + wl < bestScore { break }
                    let delta = (dmax - dmin) / Double(k + 1) / j / qValue
                    var z = Int(Double.log10Ceil(delta))
                    while z < 400 {
                        let step = j * qValue * pow10(z)
                        let cm = ExtendedTicks.coverageMax(dmin, dmax, step * Double(k - 1))
                        if ws * sm + wc * cm + wd * dm + wl < bestScore { break }
                        if integerSteps && (step < 1 || step != step.rounded()) { z += 1; continue }
                        let minStart = (dmax / step).rounded(.down) * j - Double(k - 1) * j
                        let maxStart = (dmin / step).rounded(.up) * j
                        if minStart > maxStart { z += 1; continue }
                        var start = minStart
                        while start <= maxStart {
                            let unit = step / j
                            let lmin = start * unit
                            let lmax = lmin + step * Double(k - 1)
                            let s = ExtendedTicks.simplicity(qIndex: qIndex, n: n, j: j, lmin: lmin, lmax: lmax, step: step)
                            let c = ExtendedTicks.coverage(dmin, dmax, lmin, lmax)
                            let g = ExtendedTicks.density(k, m, dmin, dmax, lmin, lmax)
                            let score = ws * s + wc * c + wd * g + wl
                            if score > bestScore && (!onlyLoose || (lmin <= dmin && lmax >= dmax)) {
                                bestScore = score
                                best = (score, start, unit, k, step)
                            }
                            start += 1
                        }
                        z += 1
                    }
                    k += 1
                }
            }
            j += 1
        }
        guard let best else { return Result(first: dmin, step: dmax - dmin, count: 2, values: [dmin, dmax]) }
        let stride = best.step / best.unit
        let values = (0..<best.k).map { (best.start + Double($0) * stride) * best.unit }
        return Result(first: values[0], step: best.step, count: best.k, values: values.map(ExtendedTicks.clean))
    }

    /// Removes binary noise such as `0.30000000000000004` by rounding to 12 significant digits.
    static func clean(_ v: Double) -> Double {
        guard v != 0, v.isFinite else { return v }
        let magnitude = (Double.log10Floor(Swift.abs(v)))
        let scale = pow10(11 - Int(magnitude))
        let rounded = (v * scale).rounded() / scale
        return rounded == 0 ? 0 : rounded
    }

    static func simplicity(qIndex: Int, n: Double, j: Double, lmin: Double, lmax: Double, step: Double) -> Double {
        let eps = 2.220446049250313e-16 * 100
        let remainder = lmin.truncatingRemainder(dividingBy: step)
        let mod = remainder < 0 ? remainder + step : remainder
        let v: Double = ((mod < eps || step - mod < eps) && lmin <= 0 && lmax >= 0) ? 1 : 0
        return 1 - Double(qIndex) / (n - 1) - j + v
    }

    static func coverage(_ dmin: Double, _ dmax: Double, _ lmin: Double, _ lmax: Double) -> Double {
        let range = dmax - dmin
        return 1 - 0.5 * ((dmax - lmax) * (dmax - lmax) + (dmin - lmin) * (dmin - lmin)) / ((0.1 * range) * (0.1 * range))
    }

    static func coverageMax(_ dmin: Double, _ dmax: Double, _ span: Double) -> Double {
        let range = dmax - dmin
        if span > range {
            let half = (span - range) / 2
            return 1 - 0.5 * (2 * half * half) / ((0.1 * range) * (0.1 * range))
        }
        return 1
    }

    static func density(_ k: Int, _ m: Int, _ dmin: Double, _ dmax: Double, _ lmin: Double, _ lmax: Double) -> Double {
        let r = Double(k - 1) / (lmax - lmin)
        let rt = Double(m - 1) / (Swift.max(lmax, dmax) - Swift.min(dmin, lmin))
        return 2 - Swift.max(r / rt, rt / r)
    }

    static func densityMax(_ k: Int, _ m: Int) -> Double {
        k >= m ? 2 - Double(k - 1) / Double(m - 1) : 1
    }
}

/// `10^z` for an integer exponent, exact for the exponents ticks use.
func pow10(_ z: Int) -> Double {
    if z >= 0 && z <= 22 { return [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22][z] }
    if z < 0 && z >= -22 { return 1 / pow10(-z) }
    return Glibc.pow(10, Double(z))
}

extension Double {
    static func log10Ceil(_ x: Double) -> Double { Glibc.log10(x).rounded(.up) }
    static func log10Floor(_ x: Double) -> Double { Glibc.log10(x).rounded(.down) }
}
