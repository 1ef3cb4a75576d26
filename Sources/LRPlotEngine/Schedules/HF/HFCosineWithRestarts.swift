extension HFKeys {
    /// `num_cycles` of the hard-restarts schedule.
    static let hardRestarts = Parameter("num-cycles", NumberType(), default: PyNumber(1), doc: "Number of hard restarts (transformers takes a float too: float(num_cycles)).")
}

extension ScheduleDefinition {
    /// `hf.cosine_with_restarts` — transformers' `get_cosine_with_hard_restarts_schedule_with_warmup`.
    public static let hfCosineWithRestarts = ScheduleDefinition(
        name: "hf.cosine_with_restarts", pythonClass: "get_cosine_with_hard_restarts_schedule_with_warmup", family: .hf,
        summary: "Linear warm-up from 0, then num_cycles cosine decays to 0, each restarting at the peak; 0 from T on.",
        formula: "t < W: t / W;  p >= 1: 0;  else max(0, 0.5 * (1 + cos(pi * ((num_cycles * p) % 1))))",
        parameters: [HFKeys.warmup, HFKeys.training,
                     HFKeys.hardRestarts],
        example: "hf.cosine_with_restarts --num-warmup-steps 10 --num-cycles 3 --epochs 100",
        markers: { args, epochs in
            let w = args.hfWarmup, total = args.hfTraining(epochs: epochs)
            guard let cycles = args[HFKeys.hardRestarts].integer else { return w > 0 && w < epochs ? [ScheduleMarker(Double(w), "warm-up end")] : [] }
            var marks = w > 0 && w < epochs ? [ScheduleMarker(Double(w), "warm-up end")] : []
            guard cycles > 1, cycles <= 20 else { return marks }
            for k in 1..<cycles {
                let at = Double(w) + Double(total - w) * Double(k) / Double(cycles)
                if at < Double(epochs) { marks.append(ScheduleMarker(at.rounded(.up), "restart")) }
            }
            return marks
        },
        build: { args, context throws(ScheduleError) in
            let w = args.hfWarmup, total = args.hfTraining(context), cycles = args[HFKeys.hardRestarts].value
            return try FactorLambdaLR(optimizer: context.optimizer, factor: { t throws(ScheduleError) in
                if t < w { return HFMath.warmup(t, w) }
                let progress = HFMath.progress(t, w, total)
                if progress >= 1.0 { return 0.0 }
                return HFMath.max(0.0, 0.5 * (1.0 + cos(Double.pi * PyArithmetic.floorDivMod(cycles * progress, 1.0).mod)))
            }, observer: context.observer)
        }
    )
}
