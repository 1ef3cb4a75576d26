extension TimmKeys {
    /// `t_initial` of the WSD scheduler.
    static let wsdTInitial = Parameter(required: "t-initial", IntegerType(), range: .atLeast(1), doc: "Stable plus decay length, in epochs (excludes the warm-up).")
    /// `decay_t` of the WSD scheduler.
    static let wsdDecayT = Parameter(required: "decay-t", IntegerType(), range: .atLeast(1), doc: "Decay length, in epochs (≤ t_initial).")
    /// `lr_min` of the WSD scheduler.
    static let wsdLRMin = Parameter("lr-min", RealType(), default: 0, range: .atLeast(0), doc: "The lr the decay ends at.")
    /// `stable_fn`.
    static let stableFn = Parameter("stable-fn", ChoiceType(["constant", "rsqrt", "power"]), default: "constant", doc: "Shape of the stable phase.")
    /// `stable_timescale`; unset means `warmup_t`.
    static let stableTimescale = OptionalParameter("stable-timescale", RealType(), unset: "--warmup-t", doc: "Timescale of an rsqrt/power stable phase.")
    /// `stable_power`.
    static let stablePower = Parameter("stable-power", RealType(), default: 0.5, doc: "Power of a power stable phase.")
    /// `decay_fn`.
    static let decayFn = Parameter("decay-fn", ChoiceType(["linear", "1-sqrt", "cosine", "power", "exp"]), default: "1-sqrt", doc: "Shape of the decay.")
    /// `decay_power`.
    static let decayPower = Parameter("decay-power", RealType(), default: 0.5, doc: "Power of a power decay.")
    /// `decay_ratio`.
    static let decayRatio = Parameter("decay-ratio", RealType(), default: 0.1, doc: "Ratio of an exp decay.")
}

/// timm's `WSDLRScheduler`: warm-up (a prefix), a stable phase (constant, rsqrt or power), then a
/// decay over the last `decay_t` epochs of `t_initial` (linear, 1-sqrt, cosine, power or exp).
public final class TimmWSDScheduler: TimmScheduler {
    let tInitial: Int
    let decayT: Int
    let lrMin: Double
    let stableFn: String
    let stableTimescale: Double
    let stablePower: Double
    let decayFn: String
    let decayPower: Double
    let decayRatio: Double

    init(optimizer: Adam, tInitial: Int, decayT: Int, lrMin: Double, stableFn: String, stableTimescale: Double?, stablePower: Double,
         decayFn: String, decayPower: Double, decayRatio: Double, warmupT: Int, warmupLRInit: Double, noise: TimmNoise?,
         observer: (any LRObserver)?) throws(ScheduleError) {
        guard tInitial > 0 else { throw ScheduleError(parameter: "t-initial", message: "Invalid t_initial (\(tInitial)), must be > 0.") }
        guard 0 < decayT && decayT <= tInitial else {
            throw ScheduleError(parameter: "decay-t", message: "Invalid decay_t (\(decayT)), must be in (0, t_initial] w/ t_initial=\(tInitial).")
        }
        guard lrMin >= 0 else { throw ScheduleError(parameter: "lr-min", message: "Invalid lr_min (\(PyFormat.repr(lrMin))), must be >= 0.") }
        guard 0.0 < decayRatio && decayRatio < 1.0 else {
            throw ScheduleError(parameter: "decay-ratio", message: "Invalid decay_ratio (\(PyFormat.repr(decayRatio))), must be in (0, 1).")
        }
        guard decayPower > 0 else { throw ScheduleError(parameter: "decay-power", message: "Invalid decay_power (\(PyFormat.repr(decayPower))), must be > 0.") }
        guard stablePower > 0 else { throw ScheduleError(parameter: "stable-power", message: "Invalid stable_power (\(PyFormat.repr(stablePower))), must be > 0.") }
        var timescale = stableTimescale ?? Double(warmupT)
        if stableFn != "constant" {
            guard timescale > 0 else {
                throw ScheduleError(parameter: "stable-timescale",
                                    message: "stable_fn=\(stableFn) requires a positive stable_timescale, it defaults to warmup_t (\(warmupT)), set it explicitly when there is no warmup.")
            }
        } else {
            timescale = 1
        }
        self.tInitial = tInitial
        self.decayT = decayT
        self.lrMin = lrMin
        self.stableFn = stableFn
        self.stableTimescale = timescale
        self.stablePower = stablePower
        self.decayFn = decayFn
        self.decayPower = decayPower
        self.decayRatio = decayRatio
        super.init(optimizer: optimizer, warmupT: warmupT, warmupLRInit: warmupLRInit, noise: noise, observer: observer)
        setUpWarmup(towards: baseValues)
        reportLRs()
    }

    private func stable(_ tS: Int) throws(ScheduleError) -> Double {
        if stableFn == "constant" { return 1.0 }
        let power = stableFn == "rsqrt" ? 0.5 : stablePower
        return try PyMath.pow(1.0 + Double(tS) / stableTimescale, -power, parameter: "stable-power")
    }

    private func decay(_ frac: Double) throws(ScheduleError) -> Double {
        switch decayFn {
        case "linear": return 1.0 - frac
        case "1-sqrt": return 1.0 - frac.squareRoot()
        case "cosine": return 0.5 * (1.0 + cos(Double.pi * frac))
        case "power": return 1.0 - (try PyMath.pow(frac, decayPower, parameter: "decay-power"))
        default:
            let r = decayRatio
            return ((try PyMath.pow(r, frac, parameter: "decay-ratio")) - r) / (1.0 - r)
        }
    }

    override func timmLR(_ t: Int, group g: Int) throws(ScheduleError) -> Double {
        if t < warmupT { return warmupLR(t, group: g) }
        let tS = t - warmupT
        let stableLR = PyMath.max(baseValues[g] * (try stable(tS)), lrMin)
        let tDecay = tS - (tInitial - decayT)
        if tDecay <= 0 { return stableLR }
        let ratio = Double(tDecay) / Double(decayT)
        let d = try decay(1.0 < ratio ? 1.0 : ratio)
        return lrMin + (stableLR - lrMin) * d
    }
}

extension ScheduleDefinition {
    /// `timm.wsd` — timm's `WSDLRScheduler`.
    public static let timmWSD = ScheduleDefinition(
        name: "timm.wsd", pythonClass: "WSDLRScheduler", family: .timm,
        summary: "timm's warm-up/stable/decay: t_initial epochs after the warm-up, the last decay_t of them decaying.",
        formula: "stable: max(lr * s(t), lr_min); decay: lr_min + (stable - lr_min) * d(min((t - W - (t_initial - decay_t)) / decay_t, 1))",
        parameters: [
            TimmKeys.wsdTInitial, TimmKeys.wsdDecayT, TimmKeys.wsdLRMin, TimmKeys.stableFn, TimmKeys.stableTimescale, TimmKeys.stablePower,
            TimmKeys.decayFn, TimmKeys.decayPower, TimmKeys.decayRatio, TimmKeys.warmupT, TimmKeys.warmupLRInit,
        ] + TimmKeys.noise,
        example: "timm.wsd --t-initial 90 --decay-t 20 --warmup-t 10",
        markers: { args, epochs in
            let w = args[TimmKeys.warmupT], total = args[TimmKeys.wsdTInitial], d = args[TimmKeys.wsdDecayT]
            return [ScheduleMarker(Double(w), "warm-up end"), ScheduleMarker(Double(w + total - d), "decay")]
                .filter { $0.epoch > 0 && $0.epoch < Double(epochs) }
        },
        build: { args, context throws(ScheduleError) in
            try TimmWSDScheduler(optimizer: context.optimizer, tInitial: args[TimmKeys.wsdTInitial], decayT: args[TimmKeys.wsdDecayT],
                                 lrMin: args[TimmKeys.wsdLRMin], stableFn: args[TimmKeys.stableFn],
                                 stableTimescale: args[TimmKeys.stableTimescale], stablePower: args[TimmKeys.stablePower],
                                 decayFn: args[TimmKeys.decayFn], decayPower: args[TimmKeys.decayPower],
                                 decayRatio: args[TimmKeys.decayRatio], warmupT: args[TimmKeys.warmupT],
                                 warmupLRInit: args[TimmKeys.warmupLRInit], noise: try TimmNoise.from(args), observer: context.observer)
        }
    )
}
