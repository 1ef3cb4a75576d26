extension ScheduleDefinition {
    /// `hf.constant` — transformers' `get_constant_schedule`.
    public static let hfConstant = ScheduleDefinition(
        name: "hf.constant", pythonClass: "get_constant_schedule", family: .hf,
        summary: "The lr, unchanged.",
        formula: "1",
        parameters: [],
        example: "hf.constant",
        build: { args, context throws(ScheduleError) in
            try FactorLambdaLR(optimizer: context.optimizer, factor: { _ throws(ScheduleError) in 1 }, observer: context.observer)
        }
    )

    /// `hf.constant_with_warmup` — transformers' `get_constant_schedule_with_warmup`.
    public static let hfConstantWithWarmup = ScheduleDefinition(
        name: "hf.constant_with_warmup", pythonClass: "get_constant_schedule_with_warmup", family: .hf,
        summary: "Linear warm-up from 0, then the lr.",
        formula: "t < W: t / max(1, W);  else 1",
        parameters: [HFKeys.warmup],
        example: "hf.constant_with_warmup --num-warmup-steps 10",
        markers: { args, epochs in args.hfWarmup > 0 && args.hfWarmup < epochs ? [ScheduleMarker(Double(args.hfWarmup), "warm-up end")] : [] },
        build: { args, context throws(ScheduleError) in
            let w = args.hfWarmup
            return try FactorLambdaLR(optimizer: context.optimizer, factor: { t throws(ScheduleError) in
                t < w ? Double(t) / HFMath.max(1.0, Double(w)) : 1.0
            }, observer: context.observer)
        }
    )
}
