extension HFKeys {
    /// `num_cycles` of the cosine schedule.
    static let cosineCycles = Parameter("num-cycles", RealType(), default: 0.5, doc: "Number of cosine waves (0.5 = down to 0 once).")
}

extension ScheduleDefinition {
    /// `hf.cosine` — transformers' `get_cosine_schedule_with_warmup` (not clamped: it rises after T).
    public static let hfCosine = ScheduleDefinition(
        name: "hf.cosine", pythonClass: "get_cosine_schedule_with_warmup", family: .hf,
        summary: "Linear warm-up from 0, then half a cosine to 0 at num_training_steps (rises again after).",
        formula: "t < W: t / W;  else max(0, 0.5 * (1 + cos(pi * num_cycles * 2 * (t - W) / (T - W))))",
        parameters: [HFKeys.warmup, HFKeys.training,
                     HFKeys.cosineCycles],
        example: "hf.cosine --num-warmup-steps 10 --epochs 100",
        markers: { args, epochs in args.hfWarmup > 0 && args.hfWarmup < epochs ? [ScheduleMarker(Double(args.hfWarmup), "warm-up end")] : [] },
        build: { args, context throws(ScheduleError) in
            let w = args.hfWarmup, total = args.hfTraining(context), cycles = args[HFKeys.cosineCycles]
            return try FactorLambdaLR(optimizer: context.optimizer, factor: { t throws(ScheduleError) in
                if t < w { return HFMath.warmup(t, w) }
                return HFMath.floorBlend(HFMath.cosine(cycles, HFMath.progress(t, w, total)), 0.0)
            }, observer: context.observer)
        }
    )
}
