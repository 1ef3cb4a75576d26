extension KerasKeys {
    /// `CosineDecay.warmup_target`; unset (None) means no warm-up at all.
    static let warmupTarget = OptionalParameter("warmup-target", RealType(), unset: "None",
                                                doc: "The lr reached at the end of the warm-up (None: no warm-up, even with warmup_steps).")
    /// `CosineDecay.warmup_steps`.
    static let warmupSteps = Parameter("warmup-steps", NumberType(), default: PyNumber(0), doc: "Warm-up steps, before the decay_steps of the decay.")
    /// `CosineDecayRestarts.first_decay_steps`.
    static let firstDecaySteps = Parameter(required: "first-decay-steps", NumberType(), range: .greaterThan(0), doc: "Steps of the first period.",
                                           libraryRule: "Argument `first_decay_steps` must be > 0")
    /// `CosineDecayRestarts.t_mul`.
    static let tMul = Parameter("t-mul", RealType(), default: 2.0, doc: "Each period is t_mul times longer than the last.")
    /// `CosineDecayRestarts.m_mul`.
    static let mMul = Parameter("m-mul", RealType(), default: 1.0, doc: "Each restart's peak is m_mul times the last.")
}

extension ScheduleDefinition {
    /// `keras.cosine_decay` — `keras.optimizers.schedules.CosineDecay`.
    public static let kerasCosine = ScheduleDefinition(
        name: "keras.cosine_decay", pythonClass: "CosineDecay", family: .keras,
        summary: "Optional linear warm-up to warmup_target, then cosine decay over decay_steps (warm-up excluded) to alpha * peak; held after.",
        formula: "s < W: (target - I) * s / W + I;  else peak * ((1 - alpha) * 0.5 * (1 + cos(pi * min(s - W, D) / D)) + alpha)",
        parameters: [KerasKeys.initial, KerasKeys.decaySteps, KerasKeys.alpha, KerasKeys.warmupTarget, KerasKeys.warmupSteps],
        example: "keras.cosine_decay --initial-learning-rate 0 --decay-steps 90 --alpha 0.1 --warmup-target 3e-4 --warmup-steps 10 --epochs 120",
        markers: { args, epochs in
            let d = args[KerasKeys.decaySteps].value
            guard args[KerasKeys.warmupTarget] != nil else { return d < Double(epochs) ? [ScheduleMarker(d.rounded(.up), "decay end")] : [] }
            let w = args[KerasKeys.warmupSteps].value
            var marks: [ScheduleMarker] = []
            if w > 0 && w < Double(epochs) { marks.append(ScheduleMarker(w.rounded(.up), "warm-up end")) }
            if w + d < Double(epochs) { marks.append(ScheduleMarker((w + d).rounded(.up), "decay end")) }
            return marks
        },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer,
                                 value: KerasMath.cosine(args[KerasKeys.initial], args[KerasKeys.decaySteps].value, alpha: args[KerasKeys.alpha],
                                                         warmupTarget: args[KerasKeys.warmupTarget], warmupSteps: args[KerasKeys.warmupSteps].value),
                                 observer: context.observer)
        }
    )

    /// `keras.cosine_decay_restarts` — `keras.optimizers.schedules.CosineDecayRestarts` (SGDR).
    public static let kerasCosineRestarts = ScheduleDefinition(
        name: "keras.cosine_decay_restarts", pythonClass: "CosineDecayRestarts", family: .keras,
        summary: "Cosine decay with warm restarts (SGDR): periods t_mul times longer, peaks m_mul times lower; alpha not scaled.",
        formula: "I * ((1 - alpha) * 0.5 * m_mul ** i * (1 + cos(pi * f)) + alpha), i the restart and f the fraction of its period",
        parameters: [KerasKeys.initial, KerasKeys.firstDecaySteps, KerasKeys.tMul, KerasKeys.mMul, KerasKeys.alpha],
        example: "keras.cosine_decay_restarts --initial-learning-rate 1e-3 --first-decay-steps 10 --epochs 100",
        markers: { args, epochs in
            let first = args[KerasKeys.firstDecaySteps].value, tMul = args[KerasKeys.tMul]
            guard first > 0, tMul > 0 else { return [] }
            var marks: [ScheduleMarker] = [], start = 0.0, period = first
            while marks.count < 20 {
                start += period
                period *= tMul
                guard start < Double(epochs), period > 0 else { break }
                marks.append(ScheduleMarker(start.rounded(.up), "restart"))
            }
            return marks
        },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer,
                                 value: KerasMath.restarts(args[KerasKeys.initial], args[KerasKeys.firstDecaySteps].value, tMul: args[KerasKeys.tMul],
                                                           mMul: args[KerasKeys.mMul], alpha: args[KerasKeys.alpha]),
                                 observer: context.observer)
        }
    )
}
