extension OptaxKeys {
    static let value = Parameter(required: "value", RealType(), doc: "The constant value.")
    static let power = Parameter(required: "power", NumberType(), doc: "Power of the polynomial (an int is exact repeated multiplication, as jax's integer_pow).")
    static let decaySteps = Parameter(required: "decay-steps", IntegerType(), range: .greaterThan(0), doc: "Steps of the decay.",
                                      libraryRule: "The cosine_decay_schedule requires positive decay_steps")
    static let alpha = Parameter("alpha", RealType(), default: 0.0, doc: "The floor, as a fraction of init_value.")
}

extension ScheduleDefinition {
    /// `optax.constant` — `optax.constant_schedule`.
    public static let optaxConstant = ScheduleDefinition(
        name: "optax.constant", pythonClass: "constant_schedule", family: .optax,
        summary: "The same value at every step.",
        formula: "value",
        parameters: [OptaxKeys.value],
        example: "optax.constant --value 3e-4 --epochs 100",
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer, value: OptaxMath.constant(args[OptaxKeys.value]), observer: context.observer)
        }
    )

    /// `optax.linear` — `optax.linear_schedule`.
    public static let optaxLinear = ScheduleDefinition(
        name: "optax.linear", pythonClass: "linear_schedule", family: .optax,
        summary: "Linear from init_value to end_value over transition_steps, after transition_begin; held after.",
        formula: "c = clip(count - begin, 0, T);  (init - end) * (1 - c / T) + end",
        parameters: [OptaxKeys.initValue, OptaxKeys.endValue, OptaxKeys.transitionSteps, OptaxKeys.transitionBegin],
        example: "optax.linear --init-value 1e-3 --end-value 0 --transition-steps 80 --transition-begin 10 --epochs 100",
        markers: { args, epochs in
            let b = Swift.max(args[OptaxKeys.transitionBegin], 0)
            return OptaxMarkers.at([(b, "begin"), (b + args[OptaxKeys.transitionSteps], "end")], epochs: epochs)
        },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer,
                                 value: OptaxMath.polynomial(args[OptaxKeys.initValue], args[OptaxKeys.endValue], PyNumber(1),
                                                             args[OptaxKeys.transitionSteps], args[OptaxKeys.transitionBegin]),
                                 observer: context.observer)
        }
    )

    /// `optax.polynomial` — `optax.polynomial_schedule`.
    public static let optaxPolynomial = ScheduleDefinition(
        name: "optax.polynomial", pythonClass: "polynomial_schedule", family: .optax,
        summary: "Polynomial from init_value to end_value over transition_steps, after transition_begin; held after.",
        formula: "c = clip(count - begin, 0, T);  (init - end) * (1 - c / T) ** power + end",
        parameters: [OptaxKeys.initValue, OptaxKeys.endValue, OptaxKeys.power, OptaxKeys.transitionSteps, OptaxKeys.transitionBegin],
        example: "optax.polynomial --init-value 0.1 --end-value 1e-4 --power 0.5 --transition-steps 90 --epochs 100",
        markers: { args, epochs in
            let b = Swift.max(args[OptaxKeys.transitionBegin], 0)
            return OptaxMarkers.at([(b, "begin"), (b + args[OptaxKeys.transitionSteps], "end")], epochs: epochs)
        },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer,
                                 value: OptaxMath.polynomial(args[OptaxKeys.initValue], args[OptaxKeys.endValue], args[OptaxKeys.power],
                                                             args[OptaxKeys.transitionSteps], args[OptaxKeys.transitionBegin]),
                                 observer: context.observer)
        }
    )

    /// `optax.cosine_decay` — `optax.cosine_decay_schedule`.
    public static let optaxCosineDecay = ScheduleDefinition(
        name: "optax.cosine_decay", pythonClass: "cosine_decay_schedule", family: .optax,
        summary: "Cosine decay from init_value to alpha * init_value over decay_steps; held after.",
        formula: "c = min(count, D);  init * ((1 - alpha) * (0.5 * (1 + cos(pi * c / D))) ** exponent + alpha)",
        parameters: [OptaxKeys.initValue, OptaxKeys.decaySteps, OptaxKeys.alpha, OptaxKeys.exponent],
        example: "optax.cosine_decay --init-value 1e-3 --decay-steps 90 --alpha 0.1 --epochs 100",
        markers: { args, epochs in OptaxMarkers.at([(args[OptaxKeys.decaySteps], "decay end")], epochs: epochs) },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer,
                                 value: OptaxMath.cosine(args[OptaxKeys.initValue], Double(args[OptaxKeys.decaySteps]), alpha: args[OptaxKeys.alpha],
                                                         exponent: args[OptaxKeys.exponent]),
                                 observer: context.observer)
        }
    )

    /// `optax.exponential_decay` — `optax.exponential_decay`.
    public static let optaxExponential = ScheduleDefinition(
        name: "optax.exponential_decay", pythonClass: "exponential_decay", family: .optax,
        summary: "init_value * decay_rate ** ((count - transition_begin) / transition_steps), clamped by end_value; keeps going past the steps.",
        formula: "d = count - begin;  d <= 0: init;  else init * rate ** (d / T) (floored with staircase), then clamp by end_value",
        parameters: [OptaxKeys.initValue, OptaxKeys.transitionSteps, OptaxKeys.decayRate, OptaxKeys.transitionBegin, OptaxKeys.staircase,
                     OptaxKeys.endValueClamp],
        example: "optax.exponential_decay --init-value 0.1 --transition-steps 20 --decay-rate 0.5 --staircase --end-value 0.01 --epochs 100",
        markers: { args, epochs in OptaxMarkers.at([(Swift.max(args[OptaxKeys.transitionBegin], 0), "begin")], epochs: epochs) },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer,
                                 value: OptaxMath.exponential(args[OptaxKeys.initValue], args[OptaxKeys.transitionSteps], args[OptaxKeys.decayRate],
                                                              begin: args[OptaxKeys.transitionBegin], staircase: args[OptaxKeys.staircase],
                                                              end: args[OptaxKeys.endValueClamp]),
                                 observer: context.observer)
        }
    )
}
