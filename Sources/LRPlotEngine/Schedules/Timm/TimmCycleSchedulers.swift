/// timm's cosine, tanh and poly schedulers: cycles (`cycle_mul`, `cycle_decay`, `cycle_limit`),
/// a warm-up that is a prefix or counts in, and the curve of each.
public final class TimmCycleScheduler: TimmScheduler {
    /// Which curve.
    public enum Curve: Sendable {
        /// `CosineLRScheduler` (`k_decay`).
        case cosine(k: Double)
        /// `TanhLRScheduler` (`lb`, `ub`).
        case tanh(lb: Double, ub: Double)
        /// `PolyLRScheduler` (`power`, `k_decay`).
        case poly(power: Double, k: Double)
    }

    let curve: Curve
    let tInitial: PyNumber
    let lrMin: Double
    let cycleMul: Double
    let cycleDecay: Double
    let cycleLimit: Int
    let warmupPrefix: Bool

    init(optimizer: Adam, curve: Curve, tInitial: PyNumber, lrMin: Double, cycleMul: Double, cycleDecay: Double, cycleLimit: Int,
         warmupT: Int, warmupLRInit: Double, warmupPrefix: Bool, noise: TimmNoise?, observer: (any LRObserver)?) throws(ScheduleError) {
        guard tInitial.value > 0 else { throw ScheduleError(parameter: "t-initial", message: "must be > 0 (timm asserts t_initial > 0)") }
        guard lrMin >= 0 else { throw ScheduleError(parameter: "lr-min", message: "must be ≥ 0 (timm asserts lr_min >= 0)") }
        if case .tanh(let lb, let ub) = curve, !(lb < ub) {
            throw ScheduleError(parameter: "lb", message: "lb must be below ub (timm asserts lb < ub), got lb=\(PyFormat.repr(lb)), ub=\(PyFormat.repr(ub))")
        }
        self.curve = curve
        self.tInitial = tInitial
        self.lrMin = lrMin
        self.cycleMul = cycleMul
        self.cycleDecay = cycleDecay
        self.cycleLimit = cycleLimit
        self.warmupPrefix = warmupPrefix
        super.init(optimizer: optimizer, warmupT: warmupT, warmupLRInit: warmupLRInit, noise: noise, observer: observer)
        if case .tanh = curve, warmupT != 0, !warmupPrefix {
            // TanhLRScheduler ramps to the curve's value at warmup_t, not to the base lr.
            var targets: [Double] = []
            for g in baseValues.indices { targets.append(try curveLR(warmupT, group: g)) }
            setUpWarmup(towards: targets)
        } else {
            setUpWarmup(towards: baseValues)
        }
        reportLRs()
    }

    override func timmLR(_ t: Int, group g: Int) throws(ScheduleError) -> Double {
        if t < warmupT { return warmupLR(t, group: g) }
        return try curveLR(t, group: g)
    }

    /// The value after warm-up, in timm's operation order.
    private func curveLR(_ time: Int, group g: Int) throws(ScheduleError) -> Double {
        let t = warmupPrefix ? time - warmupT : time
        let (i, tI, tCurr) = try TimmMath.cycle(t, tInitial: tInitial, cycleMul: cycleMul)
        guard i < Double(cycleLimit) else { return lrMin }
        let gamma = try PyMath.pow(cycleDecay, i, parameter: "cycle-decay")
        let lrMax = baseValues[g] * gamma
        switch curve {
        case .cosine(let k):
            // `math.pi * t_curr ** k / t_i ** k` is `(pi * t_curr ** k) / t_i ** k` in Python.
            let angle = Double.pi * (try PyMath.pow(tCurr, k, parameter: "k-decay")) / (try PyMath.pow(tI, k, parameter: "k-decay"))
            return lrMin + 0.5 * (lrMax - lrMin) * (1 + cos(angle))
        case .tanh(let lb, let ub):
            let tr = tCurr / tI
            return lrMin + 0.5 * (lrMax - lrMin) * (1 - tanh(lb * (1.0 - tr) + ub * tr))
        case .poly(let power, let k):
            let ratio = try PyMath.pow(tCurr, k, parameter: "k-decay") / (try PyMath.pow(tI, k, parameter: "k-decay"))
            return lrMin + (lrMax - lrMin) * (try PyMath.pow(1 - ratio, power, parameter: "power"))
        }
    }

    static func build(_ curve: Curve, _ args: ScheduleArguments, _ context: BuildContext) throws(ScheduleError) -> LRScheduler {
        try TimmCycleScheduler(optimizer: context.optimizer, curve: curve, tInitial: args[TimmKeys.tInitial],
                               lrMin: args[TimmKeys.cycleLRMin], cycleMul: args[TimmKeys.cycleMul], cycleDecay: args[TimmKeys.cycleDecay],
                               cycleLimit: args[TimmKeys.cycleLimit], warmupT: args[TimmKeys.warmupT],
                               warmupLRInit: args[TimmKeys.warmupLRInit], warmupPrefix: args[TimmKeys.warmupPrefixOff],
                               noise: try TimmNoise.from(args), observer: context.observer)
    }

    /// Markers: warm-up end and cycle starts (for constant-length cycles).
    static func markers(_ args: ScheduleArguments, _ epochs: Int) -> [ScheduleMarker] {
        let warmup = args[TimmKeys.warmupT]
        guard let tInitial = args[TimmKeys.tInitial].integer else { return warmup > 0 && warmup < epochs ? [ScheduleMarker(Double(warmup), "warm-up end")] : [] }
        let prefix = args[TimmKeys.warmupPrefixOff]
        var marks = warmup > 0 && warmup < epochs ? [ScheduleMarker(Double(warmup), "warm-up end")] : []
        let offset = prefix ? warmup : 0
        let limit = args[TimmKeys.cycleLimit]
        if args[TimmKeys.cycleMul] == 1, tInitial > 0 {
            for k in 1...max(1, min(limit, 20)) where offset + k * tInitial < epochs {
                marks.append(ScheduleMarker(Double(offset + k * tInitial), k < limit ? "restart" : "lr_min"))
            }
        }
        return marks
    }
}

extension TimmKeys {
    /// `k_decay` of the cosine scheduler.
    static let cosineKDecay = Parameter("k-decay", RealType(), default: 1.0, range: .greaterThan(0), doc: "k of k-decay (t ** k / t_i ** k).")
    /// `k_decay` of the poly scheduler.
    static let polyKDecay = Parameter("k-decay", RealType(), default: 1.0, range: .greaterThan(0), doc: "k of k-decay.")
    /// `lb`.
    static let lb = Parameter("lb", RealType(), default: -7.0, doc: "Lower bound of the tanh argument.")
    /// `ub`.
    static let ub = Parameter("ub", RealType(), default: 3.0, doc: "Upper bound of the tanh argument.")
    /// `power` of the poly scheduler.
    static let polyPower = Parameter("power", RealType(), default: 0.5, doc: "Power of the decay.")
    /// What every cycle scheduler takes after its own first parameters.
    static let cycleTail: [any ParameterKey] = cycles + [warmupT, warmupLRInit, warmupPrefixOff] + noise
}

extension ScheduleDefinition {
    /// `timm.cosine` — timm's `CosineLRScheduler`.
    public static let timmCosine = ScheduleDefinition(
        name: "timm.cosine", pythonClass: "CosineLRScheduler", family: .timm,
        summary: "timm's cosine with warm-up, k-decay and restarts; holds lr_min after cycle_limit cycles.",
        formula: "lr_min + 0.5 * (lr_max - lr_min) * (1 + cos(pi * t_curr ** k / t_i ** k)), lr_max = lr * cycle_decay ** i",
        parameters: [TimmKeys.tInitial] + TimmKeys.cycleTail + [TimmKeys.cosineKDecay],
        example: "timm.cosine --t-initial 100 --warmup-t 5 --warmup-lr-init 1e-5",
        markers: TimmCycleScheduler.markers,
        build: { args, context throws(ScheduleError) in
            try TimmCycleScheduler.build(.cosine(k: args[TimmKeys.cosineKDecay]), args, context)
        }
    )

    /// `timm.tanh` — timm's `TanhLRScheduler`.
    public static let timmTanh = ScheduleDefinition(
        name: "timm.tanh", pythonClass: "TanhLRScheduler", family: .timm,
        summary: "timm's hyperbolic-tangent decay (Hsueh et al.) with warm-up and restarts.",
        formula: "lr_min + 0.5 * (lr_max - lr_min) * (1 - tanh(lb * (1 - tr) + ub * tr)), tr = t_curr / t_i",
        parameters: [TimmKeys.tInitial, TimmKeys.lb, TimmKeys.ub] + TimmKeys.cycleTail,
        example: "timm.tanh --t-initial 100 --warmup-t 5",
        markers: TimmCycleScheduler.markers,
        build: { args, context throws(ScheduleError) in
            try TimmCycleScheduler.build(.tanh(lb: args[TimmKeys.lb], ub: args[TimmKeys.ub]), args, context)
        }
    )

    /// `timm.poly` — timm's `PolyLRScheduler`.
    public static let timmPoly = ScheduleDefinition(
        name: "timm.poly", pythonClass: "PolyLRScheduler", family: .timm,
        summary: "timm's polynomial decay with warm-up, k-decay and restarts.",
        formula: "lr_min + (lr_max - lr_min) * (1 - t_curr ** k / t_i ** k) ** power",
        parameters: [TimmKeys.tInitial, TimmKeys.polyPower] + TimmKeys.cycleTail + [TimmKeys.polyKDecay],
        example: "timm.poly --t-initial 100 --power 2",
        markers: TimmCycleScheduler.markers,
        build: { args, context throws(ScheduleError) in
            try TimmCycleScheduler.build(.poly(power: args[TimmKeys.polyPower], k: args[TimmKeys.polyKDecay]), args, context)
        }
    )
}
