/// The shapes of the WSD schedule's warm-up and decay.
public enum WSDShape: String, Sendable, CaseIterable {
    case linear, cosine
    case oneMinusSqrt = "1-sqrt"
}

extension HFKeys {
    /// `num_decay_steps`.
    static let decaySteps = Parameter(required: "num-decay-steps", IntegerType(), range: .atLeast(0), doc: "Length of the decay phase.")
    /// `num_stable_steps`; unset means what is left of `num_training_steps`.
    static let stableSteps = OptionalParameter("num-stable-steps", IntegerType(), unset: "num_training_steps - warm-up - decay",
                                               doc: "Length of the stable phase (wins over num_training_steps).")
    /// `warmup_type`.
    static let warmupType = Parameter("warmup-type", EnumType<WSDShape>(), default: .linear, doc: "Shape of the warm-up.")
    /// `decay_type`.
    static let decayType = Parameter("decay-type", EnumType<WSDShape>(), default: .cosine, doc: "Shape of the decay.")
    /// `min_lr_ratio`.
    static let minLRRatio = Parameter("min-lr-ratio", RealType(), default: 0, range: .between(0, 1), doc: "Floor as a fraction of the lr (the warm-up starts there too).")
    /// `num_cycles` of a cosine decay.
    static let wsdCycles = Parameter("num-cycles", RealType(), default: 0.5, doc: "Cosine waves of a cosine decay.")
}

extension ScheduleDefinition {
    /// `hf.warmup_stable_decay` — transformers' `get_wsd_schedule`.
    public static let hfWarmupStableDecay = ScheduleDefinition(
        name: "hf.warmup_stable_decay", pythonClass: "get_wsd_schedule", family: .hf,
        summary: "Warm-up (from min_lr_ratio), a stable phase at the lr, then a decay to min_lr_ratio (WSD).",
        formula: "warm-up f(t / W), stable 1, decay g((t - W - S) / D), each blended as f * (1 - m) + m; m after",
        parameters: [
            HFKeys.warmup,
            HFKeys.decaySteps,
            HFKeys.training,
            HFKeys.stableSteps, HFKeys.warmupType, HFKeys.decayType, HFKeys.minLRRatio, HFKeys.wsdCycles,
        ],
        example: "hf.warmup_stable_decay --num-warmup-steps 10 --num-decay-steps 30 --epochs 100",
        markers: { args, epochs in
            let w = args.hfWarmup, d = args[HFKeys.decaySteps]
            let s = args[HFKeys.stableSteps] ?? (args.hfTraining(epochs: epochs) - w - d)
            return [ScheduleMarker(Double(w), "warm-up end"), ScheduleMarker(Double(w + s), "decay")]
                .filter { $0.epoch > 0 && $0.epoch < Double(epochs) }
        },
        build: { args, context throws(ScheduleError) in
            let w = args.hfWarmup, d = args[HFKeys.decaySteps]
            let s = args[HFKeys.stableSteps] ?? (args.hfTraining(context) - w - d)
            let warmupType = args[HFKeys.warmupType], decayType = args[HFKeys.decayType]
            let m = args[HFKeys.minLRRatio], cycles = args[HFKeys.wsdCycles]
            return try FactorLambdaLR(optimizer: context.optimizer, factor: { t throws(ScheduleError) in
                if t < w {
                    let progress = Double(t) / Double(max(1, w))
                    let factor: Double
                    switch warmupType {
                    case .cosine: factor = 0.5 * (1.0 - cos(Double.pi * progress))
                    case .oneMinusSqrt: factor = 1.0 - (1.0 - progress).squareRoot()
                    case .linear: factor = progress
                    }
                    return HFMath.max(0.0, factor * (1.0 - m) + m)
                }
                if t < w + s { return 1.0 }
                if t < w + s + d {
                    let progress = Double(t - w - s) / Double(max(1, d))
                    let factor: Double
                    switch decayType {
                    case .linear: factor = 1.0 - progress
                    case .oneMinusSqrt: factor = 1.0 - progress.squareRoot()
                    case .cosine: factor = HFMath.cosine(cycles, progress)
                    }
                    return HFMath.max(0.0, factor * (1.0 - m) + m)
                }
                return m
            }, observer: context.observer)
        }
    )
}
