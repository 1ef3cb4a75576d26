extension OptaxKeys {
    static let decayStepsTotal = Parameter(required: "decay-steps", IntegerType(), doc: "Total steps, warm-up included (the cosine part is decay_steps - warmup_steps).")
    static let endValueZero = Parameter("end-value", RealType(), default: 0.0, doc: "The value at decay_steps.")
    static let cosineKwargs = Parameter(required: "cosine-kwargs", CosineCyclesType(),
                                        doc: "One warmup_cosine_decay_schedule per cycle: INIT:PEAK:WARMUP:DECAY[:END[:EXPONENT]].")
}

extension ScheduleDefinition {
    /// `optax.warmup_cosine_decay` — `optax.warmup_cosine_decay_schedule`.
    public static let optaxWarmupCosine = ScheduleDefinition(
        name: "optax.warmup_cosine_decay", pythonClass: "warmup_cosine_decay_schedule", family: .optax,
        summary: "Linear warm-up from init_value to peak_value, then cosine decay to end_value at decay_steps (warm-up included); held after.",
        formula: "count < W: linear init -> peak;  else cosine_decay(peak, D - W, alpha=end/peak, exponent)(count - W)",
        parameters: [OptaxKeys.initValue, OptaxKeys.peakValue, OptaxKeys.warmupSteps, OptaxKeys.decayStepsTotal, OptaxKeys.endValueZero,
                     OptaxKeys.exponent],
        example: "optax.warmup_cosine_decay --init-value 0 --peak-value 3e-4 --warmup-steps 10 --decay-steps 100 --end-value 3e-5 --epochs 120",
        markers: { args, epochs in
            OptaxMarkers.at([(args[OptaxKeys.warmupSteps], "warm-up end"), (args[OptaxKeys.decayStepsTotal], "decay end")], epochs: epochs)
        },
        validate: { args throws(ScheduleError) in try OptaxSchedules.warmupCosine(args).check(parameter: "decay-steps") },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer, value: OptaxMath.warmupCosine(OptaxSchedules.warmupCosine(args)), observer: context.observer)
        }
    )

    /// `optax.warmup_exponential_decay` — `optax.warmup_exponential_decay_schedule`.
    public static let optaxWarmupExponential = ScheduleDefinition(
        name: "optax.warmup_exponential_decay", pythonClass: "warmup_exponential_decay_schedule", family: .optax,
        summary: "Linear warm-up from init_value to peak_value, then exponential_decay from peak_value (counted from the warm-up's end).",
        formula: "count < W: linear init -> peak;  else exponential_decay(peak, T, rate, begin, staircase, end)(count - W)",
        parameters: [OptaxKeys.initValue, OptaxKeys.peakValue, OptaxKeys.warmupSteps, OptaxKeys.transitionSteps, OptaxKeys.decayRate,
                     OptaxKeys.transitionBegin, OptaxKeys.staircase, OptaxKeys.endValueClamp],
        example: "optax.warmup_exponential_decay --init-value 0 --peak-value 1e-3 --warmup-steps 10 --transition-steps 20 --decay-rate 0.5 --epochs 100",
        markers: { args, epochs in OptaxMarkers.at([(args[OptaxKeys.warmupSteps], "warm-up end")], epochs: epochs) },
        build: { args, context throws(ScheduleError) in
            let w = args[OptaxKeys.warmupSteps]
            let value = OptaxMath.join([
                OptaxMath.polynomial(args[OptaxKeys.initValue], args[OptaxKeys.peakValue], PyNumber(1), w, 0),
                OptaxMath.exponential(args[OptaxKeys.peakValue], args[OptaxKeys.transitionSteps], args[OptaxKeys.decayRate],
                                      begin: args[OptaxKeys.transitionBegin], staircase: args[OptaxKeys.staircase], end: args[OptaxKeys.endValueClamp]),
            ], [w])
            return try Float32Scheduler(optimizer: context.optimizer, value: value, observer: context.observer)
        }
    )

    /// `optax.sgdr` — `optax.sgdr_schedule`.
    public static let optaxSGDR = ScheduleDefinition(
        name: "optax.sgdr", pythonClass: "sgdr_schedule", family: .optax,
        summary: "Warm-up cosine cycles back to back (SGDR); each restarts at its own init_value.",
        formula: "join_schedules([warmup_cosine_decay_schedule(**kw) for kw in cosine_kwargs], cumulative decay_steps)",
        parameters: [OptaxKeys.cosineKwargs],
        example: "optax.sgdr --cosine-kwargs 0:1e-3:5:40,0:5e-4:5:60 --epochs 120",
        markers: { args, epochs in
            var step = 0, marks: [(Int, String)] = []
            for cycle in args[OptaxKeys.cosineKwargs] {
                if step > 0 { marks.append((step, "restart")) }
                step += cycle.decaySteps
            }
            return OptaxMarkers.at(marks, epochs: epochs)
        },
        validate: { args throws(ScheduleError) in
            for cycle in args[OptaxKeys.cosineKwargs] { try cycle.check(parameter: "cosine-kwargs") }
        },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer, value: OptaxMath.sgdr(args[OptaxKeys.cosineKwargs]), observer: context.observer)
        }
    )

    /// `optax.join_schedules` — `optax.join_schedules(schedules, boundaries)`, of optax schedules given after `--`.
    public static let optaxJoin = ScheduleDefinition(
        name: "optax.join_schedules", pythonClass: "join_schedules", family: .optax,
        summary: "optax schedules one after another: from each boundary on, the next schedule of (count - boundary).",
        formula: "count < b1: s0(count);  b1 <= count < b2: s1(count - b1);  …",
        parameters: [OptaxKeys.boundaries],
        example: "optax.join_schedules --boundaries 10 -- optax.linear --init-value 0 --end-value 1e-3 --transition-steps 10 -- optax.cosine_decay --init-value 1e-3 --decay-steps 90 --epochs 100",
        kind: .composite(schedulersPosition: 0),
        markers: { args, epochs in OptaxMarkers.at(args[OptaxKeys.boundaries].map { ($0, "switch") }, epochs: epochs) },
        build: { args, context throws(ScheduleError) in
            var functions: [@Sendable (Int) -> Float] = []
            for child in args.children { functions.append(try child.float32Function(context)) }
            guard !functions.isEmpty else { throw ScheduleError(parameter: nil, message: "join_schedules needs at least one schedule") }
            return try Float32Scheduler(optimizer: context.optimizer, value: OptaxMath.join(functions, args[OptaxKeys.boundaries]), observer: context.observer)
        }
    )
}

extension OptaxKeys {
    static let boundaries = Parameter(required: "boundaries", IntegerListType(), doc: "The steps at which the next schedule takes over.")
}

/// Arguments of the optax definitions that several share.
enum OptaxSchedules {
    static func warmupCosine(_ args: ScheduleArguments) -> WarmupCosineArguments {
        WarmupCosineArguments(initial: args[OptaxKeys.initValue], peak: args[OptaxKeys.peakValue], warmupSteps: args[OptaxKeys.warmupSteps],
                              decaySteps: args[OptaxKeys.decayStepsTotal], end: args[OptaxKeys.endValueZero], exponent: args[OptaxKeys.exponent])
    }
}
