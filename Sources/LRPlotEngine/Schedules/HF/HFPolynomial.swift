extension HFKeys {
    /// `lr_end`.
    static let lrEnd = Parameter("lr-end", RealType(), default: 1e-7, range: .atLeast(0), doc: "The lr reached at num_training_steps.")
    /// `power`.
    static let power = Parameter("power", RealType(), default: 1.0, doc: "Power of the decay.")
}

extension ScheduleDefinition {
    /// `hf.polynomial` — transformers' `get_polynomial_decay_schedule_with_warmup`. The factor is
    /// relative to the optimizer's default lr (lrplot's first `--lr`), as in transformers.
    public static let hfPolynomial = ScheduleDefinition(
        name: "hf.polynomial", pythonClass: "get_polynomial_decay_schedule_with_warmup", family: .hf,
        summary: "Linear warm-up from 0, then polynomial decay from the lr to lr_end at num_training_steps.",
        formula: "t < W: t / W;  t > T: lr_end / lr;  else ((lr - lr_end) * (1 - (t - W) / (T - W)) ** power + lr_end) / lr",
        parameters: [HFKeys.warmup, HFKeys.training,
                     HFKeys.lrEnd, HFKeys.power],
        example: "hf.polynomial --num-warmup-steps 10 --power 2 --epochs 100",
        markers: { args, epochs in args.hfWarmup > 0 && args.hfWarmup < epochs ? [ScheduleMarker(Double(args.hfWarmup), "warm-up end")] : [] },
        build: { args, context throws(ScheduleError) in
            let w = args.hfWarmup, total = args.hfTraining(context)
            let lrEnd = args[HFKeys.lrEnd], power = args[HFKeys.power]
            let lrInit = HFMath.defaultLR(context)
            guard lrInit > lrEnd else {
                throw ScheduleError(parameter: "lr-end", message: "lr_end (\(PyFormat.repr(lrEnd))) must be smaller than initial lr (\(PyFormat.repr(lrInit)))")
            }
            return try FactorLambdaLR(optimizer: context.optimizer, factor: { t throws(ScheduleError) in
                if t < w { return HFMath.warmup(t, w) }
                if t > total { return lrEnd / lrInit }
                let lrRange = lrInit - lrEnd
                let decaySteps = total - w
                guard decaySteps != 0 else {
                    throw ScheduleError(parameter: "num-training-steps", message: "ZeroDivisionError: num_training_steps equals num_warmup_steps, where transformers divides by zero")
                }
                let pctRemaining = 1 - Double(t - w) / Double(decaySteps)
                let decay = lrRange * (try PyMath.pow(pctRemaining, power, parameter: "power")) + lrEnd
                return decay / lrInit
            }, observer: context.observer)
        }
    )
}
