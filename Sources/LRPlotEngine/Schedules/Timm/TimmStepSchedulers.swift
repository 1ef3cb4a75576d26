extension TimmKeys {
    /// `decay_t` of the step scheduler (a float is allowed).
    static let decayPeriod = Parameter(required: "decay-t", RealType(), range: .greaterThan(0), doc: "Period of the decay, in epochs.")
    /// `decay_t` of the multistep scheduler.
    static let decayMilestones = Parameter(required: "decay-t", IntegerListType(), doc: "Milestones, in epochs.")
    /// `decay_rate` of the step schedulers.
    static let stepDecayRate = Parameter("decay-rate", RealType(), default: 1.0, doc: "Multiplicative factor of each decay.")
}

/// timm's `StepLRScheduler` (`v * decay_rate ** (t // decay_t)`) and `MultiStepLRScheduler`
/// (`v * decay_rate ** bisect_right(decay_t, t + 1)`: one epoch before each milestone).
public final class TimmStepScheduler: TimmScheduler {
    /// `decay_t`: a period (step) or milestones (multistep).
    public enum Decay: Sendable {
        case every(Double)
        case milestones([Int])
    }

    let decay: Decay
    let decayRate: Double
    let warmupPrefix: Bool

    init(optimizer: Adam, decay: Decay, decayRate: Double, warmupT: Int, warmupLRInit: Double, warmupPrefix: Bool,
         noise: TimmNoise?, observer: (any LRObserver)?) throws(ScheduleError) {
        if case .every(let period) = decay, !(period > 0) {
            throw ScheduleError(parameter: "decay-t", message: "must be > 0 (t // decay_t divides by it)")
        }
        self.decay = decay
        self.decayRate = decayRate
        self.warmupPrefix = warmupPrefix
        super.init(optimizer: optimizer, warmupT: warmupT, warmupLRInit: warmupLRInit, noise: noise, observer: observer)
        setUpWarmup(towards: baseValues)
        reportLRs()
    }

    override func timmLR(_ time: Int, group g: Int) throws(ScheduleError) -> Double {
        if time < warmupT { return warmupLR(time, group: g) }
        let t = warmupPrefix ? time - warmupT : time
        let exponent: Double
        switch decay {
        case .every(let period): exponent = PyArithmetic.floorDivMod(Double(t), period).div
        case .milestones(let list): exponent = Double(PyMath.bisectRight(list, t + 1))
        }
        return baseValues[g] * (try PyMath.pow(decayRate, exponent, parameter: "decay-rate"))
    }
}

extension ScheduleDefinition {
    /// `timm.step` — timm's `StepLRScheduler`.
    public static let timmStep = ScheduleDefinition(
        name: "timm.step", pythonClass: "StepLRScheduler", family: .timm,
        summary: "timm's step decay: multiply by decay_rate every decay_t epochs (warm-up as a prefix).",
        formula: "lr * decay_rate ** (t // decay_t)",
        parameters: [TimmKeys.decayPeriod, TimmKeys.stepDecayRate, TimmKeys.warmupT, TimmKeys.warmupLRInit, TimmKeys.warmupPrefixOn] + TimmKeys.noise,
        example: "timm.step --decay-t 30 --decay-rate 0.1",
        markers: { args, epochs in
            let period = args[TimmKeys.decayPeriod], offset = args[TimmKeys.warmupPrefixOn] ? args[TimmKeys.warmupT] : 0
            guard period >= 1, Double(epochs) / period <= 12 else { return [] }
            return stride(from: Double(offset) + period, to: Double(epochs), by: period).map { ScheduleMarker($0.rounded(.up), "×rate") }
        },
        build: { args, context throws(ScheduleError) in
            try TimmStepScheduler(optimizer: context.optimizer, decay: .every(args[TimmKeys.decayPeriod]), decayRate: args[TimmKeys.stepDecayRate],
                                  warmupT: args[TimmKeys.warmupT], warmupLRInit: args[TimmKeys.warmupLRInit],
                                  warmupPrefix: args[TimmKeys.warmupPrefixOn], noise: try TimmNoise.from(args), observer: context.observer)
        }
    )

    /// `timm.multistep` — timm's `MultiStepLRScheduler`.
    public static let timmMultistep = ScheduleDefinition(
        name: "timm.multistep", pythonClass: "MultiStepLRScheduler", family: .timm,
        summary: "timm's multistep decay; it decays one epoch before each milestone (bisect_right(decay_t, t + 1)).",
        formula: "lr * decay_rate ** bisect_right(decay_t, t + 1)",
        parameters: [TimmKeys.decayMilestones, TimmKeys.stepDecayRate, TimmKeys.warmupT, TimmKeys.warmupLRInit, TimmKeys.warmupPrefixOn] + TimmKeys.noise,
        example: "timm.multistep --decay-t 30,60,90 --decay-rate 0.1",
        markers: { args, epochs in
            let offset = args[TimmKeys.warmupPrefixOn] ? args[TimmKeys.warmupT] : 0
            return args[TimmKeys.decayMilestones].map { $0 - 1 + offset }.filter { $0 > 0 && $0 < epochs }.map { ScheduleMarker(Double($0), "milestone") }
        },
        build: { args, context throws(ScheduleError) in
            try TimmStepScheduler(optimizer: context.optimizer, decay: .milestones(args[TimmKeys.decayMilestones]), decayRate: args[TimmKeys.stepDecayRate],
                                  warmupT: args[TimmKeys.warmupT], warmupLRInit: args[TimmKeys.warmupLRInit],
                                  warmupPrefix: args[TimmKeys.warmupPrefixOn], noise: try TimmNoise.from(args), observer: context.observer)
        }
    )
}
