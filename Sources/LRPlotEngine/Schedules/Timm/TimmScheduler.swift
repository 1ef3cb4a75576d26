/// The base of timm 1.0.31's schedulers (`timm.scheduler.Scheduler`) as timm's `train.py` drives
/// them: construction sets every group to its base lr (then to `warmup_lr_init` when there is a
/// warm-up), and after epoch `e` the loop calls `step(e + 1)`, so the lr of epoch `e ≥ 1` is
/// `_get_lr(e)` (plus noise). Subclasses give `_get_lr` per group.
public class TimmScheduler: LRScheduler {
    /// `base_values`: each group's `initial_lr`.
    var baseValues: [Double] { baseLRs }
    let warmupT: Int
    let warmupLRInit: Double
    /// `warmup_steps`: the per-epoch warm-up increment of each group.
    var warmupSteps: [Double] = []
    let noise: TimmNoise?

    /// Registers like `Scheduler.__init__` (setdefault `initial_lr`, groups ← base values).
    init(optimizer: Adam, warmupT: Int, warmupLRInit: Double, noise: TimmNoise?, observer: (any LRObserver)?) {
        self.warmupT = warmupT
        self.warmupLRInit = warmupLRInit
        self.noise = noise
        super.init(optimizer: optimizer, observer: observer)
        lastEpoch = 0
        for g in optimizer.groups.indices { optimizer.groups[g].lr = baseLRs[g] }
    }

    /// The common warm-up setup: `warmup_steps` from `targets`, then every group at `warmup_lr_init`.
    func setUpWarmup(towards targets: [Double]) {
        if warmupT != 0 {
            warmupSteps = targets.map { ($0 - warmupLRInit) / Double(warmupT) }
            for g in optimizer.groups.indices { optimizer.groups[g].lr = warmupLRInit }
        } else {
            warmupSteps = baseValues.map { _ in 1 }
        }
    }

    /// `warmup_lr_init + t * s`.
    func warmupLR(_ t: Int, group: Int) -> Double { warmupLRInit + Double(t) * warmupSteps[group] }

    /// timm's `_get_lr(t)` for one group.
    func timmLR(_ t: Int, group: Int) throws(ScheduleError) -> Double {
        throw ScheduleError(parameter: nil, message: "\(type(of: self)) has no _get_lr")
    }

    override public func step() throws(ScheduleError) {
        stepCount += 1
        lastEpoch += 1
        try writeLRs(closedForm: false)
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        let value = try timmLR(lastEpoch, group: group)
        guard let noise, let n = noise.value(at: lastEpoch) else { return value }
        return value + value * n
    }
}

/// timm's noise (`noise_range_t`, `noise_pct`, `noise_std`, `noise_seed`): at epochs in the range,
/// the lr becomes `lr + lr * n`, n a normal draw scaled by `noise_std`, redrawn until `|n| < pct`.
/// timm draws with torch's CPU generator seeded with `seed + t`; lrplot uses its own seeded
/// generator (SplitMix64 and Box–Muller), so the noise is deterministic but not torch's numbers.
public struct TimmNoise: Sendable {
    /// `[start, end)` (`end` nil: from `start` on).
    let start: Int
    let end: Int?
    let pct: Double
    let std: Double
    let seed: Int

    /// The noise at epoch `t`, or nil outside the range.
    func value(at t: Int) -> Double? {
        guard t >= start, end.map({ t < $0 }) ?? true else { return nil }
        var state = UInt64(bitPattern: Int64(seed &+ t))
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return (Double(z >> 11) + 0.5) / 9_007_199_254_740_992.0
        }
        for _ in 0..<1000 {
            let normal = (-2 * log(next())).squareRoot() * cos(2 * Double.pi * next())
            let n = normal * std
            if abs(n) < pct { return n }
        }
        return 0
    }

    /// The noise described by a schedule's `--noise-*` arguments, if any.
    static func from(_ args: ScheduleArguments) throws(ScheduleError) -> TimmNoise? {
        guard let range = args[TimmKeys.noiseRangeT] else { return nil }
        guard range.count == 1 || range.count == 2 else {
            throw ScheduleError(parameter: "noise-range-t", message: "expected a start epoch or start,end (got \(range.count) values)")
        }
        return TimmNoise(start: range[0], end: range.count == 2 ? range[1] : nil, pct: args[TimmKeys.noisePct],
                         std: args[TimmKeys.noiseStd], seed: args[TimmKeys.noiseSeed])
    }
}

/// Python arithmetic for timm's cycle computations.
enum TimmMath {
    /// `i`, `t_i` and `t_curr` of the cycle holding `t` (`cycle_mul`, `t_initial`).
    /// `t_initial` may be an int or a float, as timm does not check it; `i` is then a float too.
    static func cycle(_ t: Int, tInitial number: PyNumber, cycleMul: Double) throws(ScheduleError) -> (i: Double, tI: Double, tCurr: Double) {
        let tInitial = number.value
        if cycleMul != 1 {
            let x = 1 - Double(t) / tInitial * (1 - cycleMul)
            guard x > 0, cycleMul > 0 else {
                throw ScheduleError(parameter: "cycle-mul", message: "math domain error computing the cycle at t=\(t) (timm would raise)")
            }
            let i = (log(x) / log(cycleMul)).rounded(.down)
            let power = try PyMath.pow(cycleMul, i, parameter: "cycle-mul")
            let tI = power * tInitial
            let tCurr = Double(t) - (1 - power) / (1 - cycleMul) * tInitial
            return (i, tI, tCurr)
        }
        if let whole = number.integer {
            let i = PyMath.floorDivide(t, whole)
            return (Double(i), tInitial, Double(t - whole * i))
        }
        // A float t_initial: `t // t_initial` and `t - t_initial * i` in float arithmetic.
        let i = PyArithmetic.floorDivMod(Double(t), tInitial).div
        return (i, tInitial, Double(t) - tInitial * i)
    }

}

/// The arguments timm's schedulers share.
enum TimmKeys {
    /// `warmup_t`.
    static let warmupT = Parameter("warmup-t", IntegerType(), default: 0, range: .atLeast(0), doc: "Warm-up length in epochs.")
    /// `warmup_lr_init`.
    static let warmupLRInit = Parameter("warmup-lr-init", RealType(), default: 0, range: .atLeast(0), doc: "The lr the warm-up starts from.")
    /// `noise_range_t`; unset means no noise.
    static let noiseRangeT = OptionalParameter("noise-range-t", IntegerListType(), doc: "Epochs with noise: START or START,END (lrplot's own generator, not torch's).")
    /// `noise_pct`.
    static let noisePct = Parameter("noise-pct", RealType(), default: 0.67, range: .greaterThan(0), doc: "Largest relative noise.")
    /// `noise_std`.
    static let noiseStd = Parameter("noise-std", RealType(), default: 1.0, range: .greaterThan(0), doc: "Standard deviation of the noise.")
    /// `noise_seed`.
    static let noiseSeed = Parameter("noise-seed", IntegerType(), default: 42, doc: "Seed of the noise (per epoch: seed + t).")
    /// The noise keys, in timm's order.
    static let noise: [any ParameterKey] = [noiseRangeT, noisePct, noiseStd, noiseSeed]
    /// `warmup_prefix` of the cycle schedulers (off by default).
    static let warmupPrefixOff = Parameter("warmup-prefix", SwitchType(), default: false, doc: "Warm-up is extra time before the schedule (default: it counts in).")
    /// `warmup_prefix` of the step schedulers as timm's `create_scheduler_v2` passes it (on).
    static let warmupPrefixOn = Parameter("warmup-prefix", SwitchType(), default: true, doc: "Warm-up is extra time; --no-warmup-prefix counts it in the schedule.")
    /// `t_initial` of the cycle schedulers.
    static let tInitial = Parameter(required: "t-initial", NumberType(), range: .greaterThan(0), doc: "Length of the first cycle, in epochs.",
                                    libraryRule: "assert t_initial > 0")
    /// `lr_min` of the cycle schedulers.
    static let cycleLRMin = Parameter("lr-min", RealType(), default: 0, range: .atLeast(0), doc: "The lr at the end of a cycle.")
    /// `cycle_mul`.
    static let cycleMul = Parameter("cycle-mul", RealType(), default: 1.0, range: .greaterThan(0), doc: "Each cycle is this many times longer.")
    /// `cycle_decay`.
    static let cycleDecay = Parameter("cycle-decay", RealType(), default: 1.0, doc: "Each cycle's peak is this fraction of the previous one.")
    /// `cycle_limit`.
    static let cycleLimit = Parameter("cycle-limit", IntegerType(), default: 1, range: .atLeast(0), doc: "Cycles before holding lr_min.")
    /// The cycle keys, in timm's order.
    static let cycles: [any ParameterKey] = [cycleLRMin, cycleMul, cycleDecay, cycleLimit]
}
