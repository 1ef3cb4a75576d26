extension ScheduleDefinition {
    /// `hf.warmup_stable_decay` — transformers' `get_wsd_schedule`.
    public static let hfWarmupStableDecay = ScheduleDefinition(
        name: "hf.warmup_stable_decay", pythonClass: "get_wsd_schedule", family: "hf",
        summary: "Warm-up (from min_lr_ratio), a stable phase at the lr, then a decay to min_lr_ratio (WSD).",
        formula: "warm-up f(t / W), stable 1, decay g((t - W - S) / D), each blended as f * (1 - m) + m; m after",
        parameters: [
            .hfWarmup,
            ParameterSpec("num-decay-steps", .integer, required: true, range: .atLeast(0), doc: "Length of the decay phase."),
            .hfTraining,
            ParameterSpec("num-stable-steps", .integer, defaultDescription: "num_training_steps - warm-up - decay", doc: "Length of the stable phase (wins over num_training_steps)."),
            ParameterSpec("warmup-type", .choice(["linear", "cosine", "1-sqrt"]), default: .choice("linear"), doc: "Shape of the warm-up."),
            ParameterSpec("decay-type", .choice(["linear", "cosine", "1-sqrt"]), default: .choice("cosine"), doc: "Shape of the decay."),
            ParameterSpec("min-lr-ratio", .real, default: .real(0), range: .between(0, 1), doc: "Floor as a fraction of the lr (the warm-up starts there too)."),
            ParameterSpec("num-cycles", .real, default: .real(0.5), doc: "Cosine waves of a cosine decay."),
        ],
        example: "hf.warmup_stable_decay --num-warmup-steps 10 --num-decay-steps 30 --epochs 100",
        markers: { args, epochs in
            let w = args.hfWarmup, d = args.integer("num-decay-steps") ?? 0
            let s = args.integer("num-stable-steps") ?? ((args.integer("num-training-steps") ?? epochs) - w - d)
            return [ScheduleMarker(Double(w), "warm-up end"), ScheduleMarker(Double(w + s), "decay")]
                .filter { $0.epoch > 0 && $0.epoch < Double(epochs) }
        },
        build: { args, context throws(ScheduleError) in
            let w = args.hfWarmup, d = args.integer("num-decay-steps") ?? 0
            let s = args.integer("num-stable-steps") ?? (args.hfTraining(context) - w - d)
            let warmupType = args.choice("warmup-type") ?? "linear", decayType = args.choice("decay-type") ?? "cosine"
            let m = args.real("min-lr-ratio") ?? 0, cycles = args.real("num-cycles") ?? 0.5
            return try FactorLambdaLR(optimizer: context.optimizer, factor: { t throws(ScheduleError) in
                if t < w {
                    let progress = Double(t) / Double(max(1, w))
                    let factor: Double
                    switch warmupType {
                    case "cosine": factor = 0.5 * (1.0 - cos(Double.pi * progress))
                    case "1-sqrt": factor = 1.0 - (1.0 - progress).squareRoot()
                    default: factor = progress
                    }
                    return HFMath.max(0.0, factor * (1.0 - m) + m)
                }
                if t < w + s { return 1.0 }
                if t < w + s + d {
                    let progress = Double(t - w - s) / Double(max(1, d))
                    let factor: Double
                    switch decayType {
                    case "linear": factor = 1.0 - progress
                    case "1-sqrt": factor = 1.0 - progress.squareRoot()
                    default: factor = HFMath.cosine(cycles, progress)
                    }
                    return HFMath.max(0.0, factor * (1.0 - m) + m)
                }
                return m
            }, observer: context.observer)
        }
    )
}
