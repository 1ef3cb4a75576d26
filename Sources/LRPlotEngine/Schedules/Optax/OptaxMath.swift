/// optax 0.2.8's schedules (`optax/schedules/_schedule.py`, `_join.py`) as jax 0.10.2 evaluates them
/// eagerly on CPU: `count` an int32, integer arithmetic where jax keeps ints, every float operation
/// in float32 (a Python float meeting an array is rounded to float32 first; Python-level arithmetic
/// such as `init_value - end_value` or `end_value / peak_value` happens in double before that).
enum OptaxMath {
    typealias Schedule = @Sendable (Int) -> Float
    static func f32(_ x: Double) -> Float { Float(x) }

    /// `constant_schedule(value)`.
    static func constant(_ value: Double) -> Schedule {
        let v = f32(value)
        return { _ in v }
    }

    /// `polynomial_schedule`: `c = clip(count - B, 0, T)`; `f32(I - E) * (1 - c / T) ** P + E`;
    /// `T <= 0` is the constant `I`; `B < 0` counts as 0.
    static func polynomial(_ initial: Double, _ end: Double, _ power: PyNumber, _ steps: Int, _ begin: Int) -> Schedule {
        guard steps > 0 else { return constant(initial) }
        let b = Swift.max(begin, 0), range = f32(initial - end), e = f32(end), t = Float(steps)
        return { count in
            let c = Swift.min(Swift.max(count - b, 0), steps)
            let frac = 1 - Float(c) / t
            return range * XLAFloat32.power(frac, power) + e
        }
    }

    /// `cosine_decay_schedule`: `c = min(count, D)`; `init * (f32(1 - alpha) * (0.5 * (1 + cos(pi * c / D))) ** exponent + alpha)`.
    static func cosine(_ initial: Double, _ decaySteps: Double, alpha: Double, exponent: PyNumber) -> Schedule {
        let i = f32(initial), d = f32(decaySteps), oneMinus = f32(1 - alpha), a = f32(alpha)
        return { count in
            let c = Swift.min(Float(count), d)
            let angle = Float32Ops.pi * c / d
            let cosine: Float = 0.5 * (1 + XLAFloat32.cos(angle))
            let decayed = oneMinus * XLAFloat32.power(cosine, exponent) + a
            return i * decayed
        }
    }

    /// `exponential_decay`: `d = count - B`; `d <= 0` → init, else `init * rate ** (d / T)` (floored
    /// with staircase), clamped by `end_value` (below when rate < 1, above otherwise). `T <= 0` or
    /// `rate == 0` is the constant init; `B < 0` counts as 0.
    static func exponential(_ initial: Double, _ steps: Int, _ rate: Double, begin: Int, staircase: Bool, end: Double?) -> Schedule {
        guard steps > 0, rate != 0 else { return constant(initial) }
        let b = Swift.max(begin, 0), i = f32(initial), r = f32(rate), t = Float(steps)
        let clamp = end.map(f32)
        let below = rate < 1.0
        return { count in
            let decreased = count - b
            var p = Float(decreased) / t
            if staircase { p = p.rounded(.down) }
            var value = decreased <= 0 ? i : i * XLAFloat32.pow(r, p)
            if let clamp { value = below ? Swift.max(value, clamp) : Swift.min(value, clamp) }
            return value
        }
    }

    /// `piecewise_constant_schedule`: for each (threshold, scale) in sorted order,
    /// `ind = max(0, sign(threshold - count))`; `v = v * ind + (1 - ind) * scale * v` (the scale applies at the threshold).
    static func piecewiseConstant(_ initial: Double, _ pairs: [BoundaryScale]) -> Schedule {
        let sorted = BoundaryScale.sortedDict(pairs).map { ($0.boundary, f32($0.scale)) }
        let i = f32(initial)
        return { count in
            var v = i
            for (threshold, scale) in sorted {
                let indicator: Float = threshold - count > 0 ? 1 : 0
                v = v * indicator + (1 - indicator) * scale * v
            }
            return v
        }
    }

    /// `piecewise_interpolate_schedule`: knots `0, b1, …` carrying the cumulative products of
    /// `init, s1, …` (float32); in `[b_k, b_k+1)` the interpolation from knot k to k+1 by
    /// `pct = (count - b_k) / max(b_k+1 - b_k, 1)`; from the last knot on its value.
    static func piecewiseInterpolate(cosine: Bool, _ initial: Double, _ pairs: [BoundaryScale]) -> Schedule {
        let sorted = BoundaryScale.sortedDict(pairs)
        let bounds = [0] + sorted.map(\.boundary)
        var values: [Float] = [f32(initial)]
        for pair in sorted { values.append(values[values.count - 1] * f32(pair.scale)) }
        let knots = values
        return { count in
            var dot: Float = 0
            for k in 0..<(bounds.count - 1) {
                let indicator: Float = bounds[k] <= count && count < bounds[k + 1] ? 1 : 0
                let size = Swift.max(bounds[k + 1] - bounds[k], 1)
                let pct = Float(count - bounds[k]) / Float(size)
                let start = knots[k], end = knots[k + 1]
                let value: Float
                if cosine {
                    value = end + (start - end) / 2.0 * (XLAFloat32.cos(Float32Ops.pi * pct) + 1)
                } else {
                    value = (end - start) * pct + start
                }
                dot += indicator * value
            }
            return dot + (bounds[bounds.count - 1] <= count ? 1 : 0) * knots[knots.count - 1]
        }
    }

    /// `linear_onecycle_schedule`: linear knots `{int(pct_start*T): div, int(pct_final*T): 1/div, T: 1/final_div}` from `peak / div`.
    static func linearOneCycle(_ steps: Int, _ peak: Double, pctStart: Double, pctFinal: Double, div: Double, finalDiv: Double) -> Schedule {
        piecewiseInterpolate(cosine: false, peak / div, [
            BoundaryScale(boundary: Int(pctStart * Double(steps)), scale: div),
            BoundaryScale(boundary: Int(pctFinal * Double(steps)), scale: 1.0 / div),
            BoundaryScale(boundary: steps, scale: 1.0 / finalDiv),
        ])
    }

    /// `cosine_onecycle_schedule`: cosine knots `{int(pct_start*T): div, T: 1/(div*final_div)}` from `peak / div`.
    static func cosineOneCycle(_ steps: Int, _ peak: Double, pctStart: Double, div: Double, finalDiv: Double) -> Schedule {
        piecewiseInterpolate(cosine: true, peak / div, [
            BoundaryScale(boundary: Int(pctStart * Double(steps)), scale: div),
            BoundaryScale(boundary: steps, scale: 1.0 / (div * finalDiv)),
        ])
    }

    /// `join_schedules`: `schedules[0](step)`, replaced from each boundary on by the next schedule
    /// of `step - boundary` (`zip` semantics: extra schedules or boundaries are ignored).
    static func join(_ schedules: [Schedule], _ boundaries: [Int]) -> Schedule {
        let pairs = Array(zip(boundaries, schedules.dropFirst()))
        let first = schedules[0]
        return { step in
            var output = first(step)
            for (boundary, schedule) in pairs where !(step < boundary) { output = schedule(step - boundary) }
            return output
        }
    }

    /// `warmup_cosine_decay_schedule`: linear `init → peak` over W, then cosine decay from peak over
    /// `D - W` with `alpha = end / peak` (0 when peak is 0).
    static func warmupCosine(_ c: WarmupCosineArguments) -> Schedule {
        let alpha = c.peak == 0.0 ? 0.0 : c.end / c.peak
        return join([polynomial(c.initial, c.peak, PyNumber(1), c.warmupSteps, 0),
                     cosine(c.peak, Double(c.decaySteps - c.warmupSteps), alpha: alpha, exponent: c.exponent)], [c.warmupSteps])
    }

    /// `sgdr_schedule`: warm-up cosine cycles joined at the cumulative decay_steps.
    static func sgdr(_ cycles: [WarmupCosineArguments]) -> Schedule {
        var boundaries: [Int] = [], step = 0
        for cycle in cycles {
            boundaries.append(step + cycle.decaySteps)
            step += cycle.decaySteps
        }
        return join(cycles.map(warmupCosine), Array(boundaries.dropLast()))
    }
}

/// The arguments of one `warmup_cosine_decay_schedule` (and one cycle of `sgdr_schedule`).
public struct WarmupCosineArguments: Sendable, Equatable {
    public var initial: Double
    public var peak: Double
    public var warmupSteps: Int
    public var decaySteps: Int
    public var end: Double
    public var exponent: PyNumber

    /// A cycle.
    public init(initial: Double, peak: Double, warmupSteps: Int, decaySteps: Int, end: Double = 0.0, exponent: PyNumber = PyNumber(float: 1.0)) {
        self.initial = initial
        self.peak = peak
        self.warmupSteps = warmupSteps
        self.decaySteps = decaySteps
        self.end = end
        self.exponent = exponent
    }

    /// optax's `ValueError` for a cosine part without steps.
    func check(parameter: String) throws(ScheduleError) {
        guard decaySteps - warmupSteps > 0 else {
            throw ScheduleError(parameter: parameter, message: "The cosine_decay_schedule requires positive decay_steps, got decay_steps=\(decaySteps - warmupSteps). (warmup_cosine_decay_schedule decays over decay_steps - warmup_steps.)")
        }
    }
}
