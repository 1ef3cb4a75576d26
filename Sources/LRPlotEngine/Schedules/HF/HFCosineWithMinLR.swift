/// The `min_lr` / `min_lr_rate` rule of transformers' min-lr cosine schedules: exactly one, and
/// `min_lr` is relative to the optimizer's default lr.
private func minLRRate(_ args: ScheduleArguments, _ context: BuildContext) throws(ScheduleError) -> Double {
    let minLR = args[HFKeys.minLR], rate = args[HFKeys.minLRRate]
    if minLR != nil && rate != nil { throw ScheduleError(parameter: "min-lr", message: "Only one of min_lr or min_lr_rate should be set") }
    if let minLR { return try HFMath.relativeToDefaultLR(minLR, context, parameter: "min-lr") }
    guard let rate else {
        throw ScheduleError(parameter: "min-lr-rate", message: "One of min_lr or min_lr_rate should be set through the `lr_scheduler_kwargs` (--min-lr or --min-lr-rate)")
    }
    return rate
}

extension HFKeys {
    /// `num_cycles` of the min-lr cosine schedules.
    static let minLRCycles = Parameter("num-cycles", RealType(), default: 0.5, doc: "Number of cosine waves (0.5 = down to the minimum once).")
    /// `min_lr`.
    static let minLR = OptionalParameter("min-lr", RealType(), range: .atLeast(0), doc: "The floor, in lr units (relative to the first --lr); or give --min-lr-rate.")
    /// `min_lr_rate`.
    static let minLRRate = OptionalParameter("min-lr-rate", RealType(), range: .atLeast(0), doc: "The floor as a fraction of each group's lr; or give --min-lr.")
    /// `warmup_lr_rate`; unset means the warm-up `(t + 1) / W`.
    static let warmupLRRate = OptionalParameter("warmup-lr-rate", RealType(), range: .atLeast(0), doc: "The warm-up's starting factor (default: (t + 1) / W).")
}

private let minLRParameters: [any ParameterKey] = [HFKeys.minLRCycles, HFKeys.minLR, HFKeys.minLRRate]

extension ScheduleDefinition {
    /// `hf.cosine_with_min_lr` — transformers' `get_cosine_with_min_lr_schedule_with_warmup`.
    public static let hfCosineWithMinLR = ScheduleDefinition(
        name: "hf.cosine_with_min_lr", pythonClass: "get_cosine_with_min_lr_schedule_with_warmup", family: .hf,
        summary: "Linear warm-up from 0, then a cosine down to a floor (min_lr or min_lr_rate) at num_training_steps.",
        formula: "t < W: t / W;  else max(0, c * (1 - r) + r), c = 0.5 * (1 + cos(pi * num_cycles * 2 * p))",
        parameters: [HFKeys.warmup, HFKeys.training] + minLRParameters,
        example: "hf.cosine_with_min_lr --num-warmup-steps 10 --min-lr-rate 0.1 --epochs 100",
        markers: { args, epochs in args.hfWarmup > 0 && args.hfWarmup < epochs ? [ScheduleMarker(Double(args.hfWarmup), "warm-up end")] : [] },
        build: { args, context throws(ScheduleError) in
            let w = args.hfWarmup, total = args.hfTraining(context), cycles = args[HFKeys.minLRCycles]
            let rate = try minLRRate(args, context)
            return try FactorLambdaLR(optimizer: context.optimizer, factor: { t throws(ScheduleError) in
                if t < w { return HFMath.warmup(t, w) }
                return HFMath.floorBlend(HFMath.cosine(cycles, HFMath.progress(t, w, total)), rate)
            }, observer: context.observer)
        }
    )

    /// `hf.cosine_warmup_with_min_lr` — transformers' `get_cosine_with_min_lr_schedule_with_warmup_lr_rate`
    /// (float arithmetic, progress shifted by one step).
    public static let hfCosineWarmupWithMinLR = ScheduleDefinition(
        name: "hf.cosine_warmup_with_min_lr", pythonClass: "get_cosine_with_min_lr_schedule_with_warmup_lr_rate", family: .hf,
        summary: "Warm-up starting above 0 (or at warmup_lr_rate), then a cosine to a floor; peak at W - 1, floor at T - 1.",
        formula: "t < W: (t + 1) / W or w + (1 - w) * t / (W - 1);  else max(0, c * (1 - r) + r), p = (t - W + 1) / (T - W)",
        parameters: [HFKeys.warmup, HFKeys.training] + minLRParameters
            + [HFKeys.warmupLRRate],
        example: "hf.cosine_warmup_with_min_lr --num-warmup-steps 10 --min-lr-rate 0.1 --epochs 100",
        markers: { args, epochs in args.hfWarmup > 1 && args.hfWarmup - 1 < epochs ? [ScheduleMarker(Double(args.hfWarmup - 1), "peak")] : [] },
        build: { args, context throws(ScheduleError) in
            let w = Double(args.hfWarmup), total = Double(args.hfTraining(context)), cycles = args[HFKeys.minLRCycles]
            let rate = try minLRRate(args, context)
            let warmupRate = args[HFKeys.warmupLRRate]
            return try FactorLambdaLR(optimizer: context.optimizer, factor: { step throws(ScheduleError) in
                let t = Double(step)
                if t < w {
                    guard let start = warmupRate else { return (t + 1.0) / HFMath.max(1.0, w) }
                    return start + (1.0 - start) * t / HFMath.max(1, w - 1)
                }
                let progress = (t - w + 1.0) / HFMath.max(1.0, total - w)
                return HFMath.floorBlend(0.5 * (1.0 + cos(Double.pi * cycles * 2.0 * progress)), rate)
            }, observer: context.observer)
        }
    )
}
