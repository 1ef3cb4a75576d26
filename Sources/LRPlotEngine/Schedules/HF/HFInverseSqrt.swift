extension HFKeys {
    /// `timescale`; unset means `num_warmup_steps`, or 10000 without warm-up (transformers' rule).
    static let timescale = OptionalParameter("timescale", IntegerType(), unset: "num_warmup_steps, or 10000 without warm-up", range: .atLeast(1),
                                             doc: "Decay timescale in steps.")
}

extension ScheduleDefinition {
    /// `hf.inverse_sqrt` — transformers' `get_inverse_sqrt_schedule`.
    public static let hfInverseSqrt = ScheduleDefinition(
        name: "hf.inverse_sqrt", pythonClass: "get_inverse_sqrt_schedule", family: .hf,
        summary: "Linear warm-up from 0, then 1 / sqrt((t + timescale - W) / timescale).",
        formula: "t < W: t / W;  else 1 / sqrt((t + timescale - W) / timescale), timescale = W or 10000",
        parameters: [HFKeys.warmup,
                     HFKeys.timescale],
        example: "hf.inverse_sqrt --num-warmup-steps 10",
        markers: { args, epochs in args.hfWarmup > 0 && args.hfWarmup < epochs ? [ScheduleMarker(Double(args.hfWarmup), "warm-up end")] : [] },
        build: { args, context throws(ScheduleError) in
            let w = args.hfWarmup
            let timescale = args[HFKeys.timescale] ?? (w != 0 ? w : 10000)
            return try FactorLambdaLR(optimizer: context.optimizer, factor: { t throws(ScheduleError) in
                if t < w { return HFMath.warmup(t, w) }
                let shift = timescale - w
                let ratio = Double(t + shift) / Double(timescale)
                guard ratio > 0 else {
                    throw ScheduleError(parameter: "timescale", message: "(t + timescale - num_warmup_steps) / timescale is \(PyFormat.repr(ratio)) at t=\(t); transformers would raise (math domain error or division by zero)")
                }
                return 1.0 / ratio.squareRoot()
            }, observer: context.observer)
        }
    )
}
