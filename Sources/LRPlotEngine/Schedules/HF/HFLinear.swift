extension ScheduleDefinition {
    /// `hf.linear` — transformers' `get_linear_schedule_with_warmup`.
    public static let hfLinear = ScheduleDefinition(
        name: "hf.linear", pythonClass: "get_linear_schedule_with_warmup", family: .hf,
        summary: "Linear warm-up from 0, then linear decay to 0 at num_training_steps (Trainer's default).",
        formula: "t < W: t / W;  else max(0, (T - t) / (T - W))",
        parameters: [HFKeys.warmup, HFKeys.training],
        example: "hf.linear --num-warmup-steps 10 --epochs 100",
        markers: { args, epochs in args.hfWarmup > 0 && args.hfWarmup < epochs ? [ScheduleMarker(Double(args.hfWarmup), "warm-up end")] : [] },
        build: { args, context throws(ScheduleError) in
            let w = args.hfWarmup, total = args.hfTraining(context)
            return try FactorLambdaLR(optimizer: context.optimizer, factor: { t throws(ScheduleError) in
                if t < w { return HFMath.warmup(t, w) }
                return HFMath.max(0.0, Double(total - t) / Double(max(1, total - w)))
            }, observer: context.observer)
        }
    )
}
