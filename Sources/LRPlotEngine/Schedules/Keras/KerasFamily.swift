extension ScheduleFamily {
    /// Keras 3's `keras.optimizers.schedules`, in float32 as its numpy backend computes them.
    public static let keras = ScheduleFamily(
        id: "keras", library: "Keras", module: "keras.optimizers.schedules", version: "3.15.1",
        heading: "Keras 3.15.1 (keras.optimizers.schedules; float32 as on the numpy backend, absolute lr)",
        composesWithTorch: false,
        classPrefixes: ["tf.keras.optimizers.schedules.", "keras.optimizers.schedules.", "optimizers.schedules.", "schedules."],
        takesOptimizer: false
    )
}

/// The parameter keys the Keras schedules share.
enum KerasKeys {
    /// `initial_learning_rate`.
    static let initial = Parameter(required: "initial-learning-rate", RealType(), doc: "The lr at step 0 (Keras computes in float32).")
    /// `decay_steps`.
    static let decaySteps = Parameter(required: "decay-steps", NumberType(), range: .greaterThan(0), doc: "Steps of one decay period.",
                                      libraryRule: "Argument `decay_steps` must be > 0")
    /// `decay_rate`.
    static let decayRate = Parameter(required: "decay-rate", RealType(), doc: "The decay rate.")
    /// `staircase`.
    static let staircase = Parameter("staircase", SwitchType(), default: false, doc: "Decay at whole periods only (floor of step / decay_steps).")
    /// `alpha`.
    static let alpha = Parameter("alpha", RealType(), default: 0.0, doc: "The floor, as a fraction of the decayed-from lr.")
}

/// The float32 formulas of Keras 3.15.1's schedules (`learning_rate_schedule.py`), in its operation
/// order: `I = f32(initial_learning_rate)`, `s = f32(step)`, each operation rounded to float32, Python-level
/// constants (`1 - alpha`) computed in double first.
enum KerasMath {
    typealias F = Float
    static func f32(_ x: Double) -> Float { Float(x) }

    /// `ExponentialDecay`: `I * pow(f32(rate), s / D)` (floor with staircase).
    static func exponential(_ initial: Double, _ decaySteps: Double, _ rate: Double, staircase: Bool) -> @Sendable (Int) -> Float {
        let i = f32(initial), d = f32(decaySteps), r = f32(rate)
        return { step in
            var p = Float(step) / d
            if staircase { p = p.rounded(.down) }
            return i * NumpyFloat32.pow(r, p)
        }
    }

    /// `InverseTimeDecay`: `I / (1 + f32(rate) * (s / D))` (floor with staircase).
    static func inverseTime(_ initial: Double, _ decaySteps: Double, _ rate: Double, staircase: Bool) -> @Sendable (Int) -> Float {
        let i = f32(initial), d = f32(decaySteps), r = f32(rate)
        return { step in
            var p = Float(step) / d
            if staircase { p = p.rounded(.down) }
            let denominator = 1 + r * p
            return i / denominator
        }
    }

    /// `PolynomialDecay`: `(I - E) * pow(1 - s / D', P) + E`, `s = min(s, D)`, or with `cycle`
    /// `D' = D * ceil(s / decay_steps)` (1 at step 0).
    static func polynomial(_ initial: Double, _ decaySteps: Double, _ end: Double, _ power: Double, cycle: Bool) -> @Sendable (Int) -> Float {
        let i = f32(initial), e = f32(end), pw = f32(power), d = f32(decaySteps)
        return { step in
            var s = Float(step), ds = d
            if cycle {
                let multiplier: Float = s == 0 ? 1 : (s / d).rounded(.up)
                ds = ds * multiplier
            } else {
                s = Swift.min(s, ds)
            }
            let p = s / ds
            return (i - e) * NumpyFloat32.pow(1 - p, pw) + e
        }
    }

    /// `PiecewiseConstantDecay`: `values[k]` for `boundaries[k-1] < step <= boundaries[k]` (a sum of
    /// masks times values, exact); the new value starts one step after its boundary.
    static func piecewise(_ boundaries: [Int], _ values: [Double]) -> @Sendable (Int) -> Float {
        let v = values.map(f32)
        return { step in
            var result: Float = 0
            result += (step <= boundaries[0] ? 1 : 0) * v[0]
            result += (step > boundaries[boundaries.count - 1] ? 1 : 0) * v[v.count - 1]
            for k in 0..<(boundaries.count - 1) {
                result += (step > boundaries[k] && step <= boundaries[k + 1] ? 1 : 0) * v[k + 1]
            }
            return result
        }
    }

    /// `CosineDecay._decay_function`: `from * (f32(1 - alpha) * 0.5 * (1 + cos(f32(pi) * (s / D))) + f32(alpha))`.
    static func cosineDecay(_ s: Float, _ d: Float, from: Float, alpha: Double) -> Float {
        let fraction = s / d
        let cosine: Float = 0.5 * (1.0 + NumpyFloat32.cos(Float32Ops.pi * fraction))
        let decayed = f32(1 - alpha) * cosine + f32(alpha)
        return from * decayed
    }

    /// `CosineDecay`: without a warm-up target `s = min(s, D)`; with one, `s = min(s, D + W)`, the
    /// linear warm-up `(T - I) * (s / W) + I` while `s < W`, then the decay from the target over `D` more steps.
    static func cosine(_ initial: Double, _ decaySteps: Double, alpha: Double, warmupTarget: Double?, warmupSteps: Double) -> @Sendable (Int) -> Float {
        let i = f32(initial), d = f32(decaySteps)
        guard let warmupTarget else {
            return { step in cosineDecay(Swift.min(Float(step), d), d, from: i, alpha: alpha) }
        }
        let target = f32(warmupTarget), w = f32(warmupSteps)
        return { step in
            let s = Swift.min(Float(step), d + w)
            if s < w {
                let fraction = s / w
                let delta = target - i
                return delta * fraction + i
            }
            return cosineDecay(s - w, d, from: target, alpha: alpha)
        }
    }

    /// `CosineDecayRestarts` (SGDR): the restart index `i` from `floor(log(1 - f * (1 - t_mul)) / log(t_mul))`
    /// (or `floor(f)` when `t_mul == 1`), the fraction within the period, `m_mul ** i` scaling the cosine.
    static func restarts(_ initial: Double, _ first: Double, tMul: Double, mMul: Double, alpha: Double) -> @Sendable (Int) -> Float {
        let i = f32(initial), fd = f32(first), a = f32(alpha), tm = f32(tMul), mm = f32(mMul)
        return { step in
            var fraction = Float(step) / fd
            let restart: Float
            if tm == 1.0 {
                restart = fraction.rounded(.down)
                fraction -= restart
            } else {
                restart = (NumpyFloat32.log(1.0 - fraction * (1.0 - tm)) / NumpyFloat32.log(tm)).rounded(.down)
                let sumR = (1.0 - NumpyFloat32.pow(tm, restart)) / (1.0 - tm)
                fraction = (fraction - sumR) / NumpyFloat32.pow(tm, restart)
            }
            let mFac = NumpyFloat32.pow(mm, restart)
            let cosine = 0.5 * mFac * (1.0 + NumpyFloat32.cos(Float32Ops.pi * fraction))
            let decayed = (1 - a) * cosine + a
            return i * decayed
        }
    }
}
