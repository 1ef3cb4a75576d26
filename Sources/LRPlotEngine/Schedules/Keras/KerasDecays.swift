extension KerasKeys {
    /// `PolynomialDecay.end_learning_rate`.
    static let endLR = Parameter("end-learning-rate", RealType(), default: 0.0001, doc: "The lr reached at decay_steps.")
    /// `PolynomialDecay.power`.
    static let power = Parameter("power", RealType(), default: 1.0, doc: "Power of the polynomial.")
    /// `PolynomialDecay.cycle`.
    static let cycle = Parameter("cycle", SwitchType(), default: false, doc: "Restart the decay past decay_steps (with a longer period).")
    /// `PiecewiseConstantDecay.boundaries`.
    static let boundaries = Parameter(required: "boundaries", IntegerListType(), doc: "Steps after which the next value applies (from boundary + 1).")
    /// `PiecewiseConstantDecay.values`.
    static let values = Parameter(required: "values", RealListType(), doc: "One value more than boundaries.")
}

extension ScheduleDefinition {
    /// `keras.exponential_decay` — `keras.optimizers.schedules.ExponentialDecay`.
    public static let kerasExponential = ScheduleDefinition(
        name: "keras.exponential_decay", pythonClass: "ExponentialDecay", family: .keras,
        summary: "initial_learning_rate * decay_rate ** (step / decay_steps), in float32 (floored with staircase).",
        formula: "I * decay_rate ** (step / decay_steps)   (staircase: floor(step / decay_steps))",
        parameters: [KerasKeys.initial, KerasKeys.decaySteps, KerasKeys.decayRate, KerasKeys.staircase],
        example: "keras.exponential_decay --initial-learning-rate 0.1 --decay-steps 30 --decay-rate 0.5 --staircase --epochs 100",
        markers: { args, epochs in
            guard args[KerasKeys.staircase] else { return [] }
            return KerasMarkers.every(args[KerasKeys.decaySteps].value, epochs: epochs, label: "decay")
        },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer, value: KerasMath.exponential(args[KerasKeys.initial], args[KerasKeys.decaySteps].value,
                                                                                            args[KerasKeys.decayRate], staircase: args[KerasKeys.staircase]),
                                 observer: context.observer)
        }
    )

    /// `keras.inverse_time_decay` — `keras.optimizers.schedules.InverseTimeDecay`.
    public static let kerasInverseTime = ScheduleDefinition(
        name: "keras.inverse_time_decay", pythonClass: "InverseTimeDecay", family: .keras,
        summary: "initial_learning_rate / (1 + decay_rate * step / decay_steps), in float32 (floored with staircase).",
        formula: "I / (1 + decay_rate * (step / decay_steps))   (staircase: floor(step / decay_steps))",
        parameters: [KerasKeys.initial, KerasKeys.decaySteps, KerasKeys.decayRate, KerasKeys.staircase],
        example: "keras.inverse_time_decay --initial-learning-rate 0.1 --decay-steps 10 --decay-rate 0.5 --epochs 100",
        markers: { args, epochs in
            guard args[KerasKeys.staircase] else { return [] }
            return KerasMarkers.every(args[KerasKeys.decaySteps].value, epochs: epochs, label: "decay")
        },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer, value: KerasMath.inverseTime(args[KerasKeys.initial], args[KerasKeys.decaySteps].value,
                                                                                            args[KerasKeys.decayRate], staircase: args[KerasKeys.staircase]),
                                 observer: context.observer)
        }
    )

    /// `keras.polynomial_decay` — `keras.optimizers.schedules.PolynomialDecay`.
    public static let kerasPolynomial = ScheduleDefinition(
        name: "keras.polynomial_decay", pythonClass: "PolynomialDecay", family: .keras,
        summary: "Polynomial decay from initial_learning_rate to end_learning_rate over decay_steps, in float32; held after (cycle: restarts).",
        formula: "(I - end) * (1 - min(step, D) / D) ** power + end   (cycle: D * ceil(step / D))",
        parameters: [KerasKeys.initial, KerasKeys.decaySteps, KerasKeys.endLR, KerasKeys.power, KerasKeys.cycle],
        example: "keras.polynomial_decay --initial-learning-rate 0.1 --decay-steps 40 --power 0.5 --cycle --epochs 100",
        markers: { args, epochs in
            let d = args[KerasKeys.decaySteps].value
            guard args[KerasKeys.cycle] else { return d < Double(epochs) ? [ScheduleMarker(d.rounded(.up), "decay end")] : [] }
            return KerasMarkers.every(d, epochs: epochs, label: "restart", offset: 1)
        },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer,
                                 value: KerasMath.polynomial(args[KerasKeys.initial], args[KerasKeys.decaySteps].value, args[KerasKeys.endLR],
                                                             args[KerasKeys.power], cycle: args[KerasKeys.cycle]),
                                 observer: context.observer)
        }
    )

    /// `keras.piecewise_constant_decay` — `keras.optimizers.schedules.PiecewiseConstantDecay`.
    public static let kerasPiecewiseConstant = ScheduleDefinition(
        name: "keras.piecewise_constant_decay", pythonClass: "PiecewiseConstantDecay", family: .keras,
        summary: "values[k] between boundaries (a boundary step keeps the earlier value; the next starts at boundary + 1).",
        formula: "step <= b0: v0;  b(k-1) < step <= b(k): v(k);  step > b(last): v(last)",
        parameters: [KerasKeys.boundaries, KerasKeys.values],
        example: "keras.piecewise_constant_decay --boundaries 30,60 --values 0.1,0.01,0.001 --epochs 100",
        markers: { args, epochs in
            args[KerasKeys.boundaries].filter { $0 + 1 > 0 && $0 + 1 < epochs }.map { ScheduleMarker(Double($0 + 1), "boundary") }
        },
        validate: { args throws(ScheduleError) in
            let b = args[KerasKeys.boundaries], v = args[KerasKeys.values]
            guard b.count == v.count - 1, !b.isEmpty else {
                throw ScheduleError(parameter: "values", message: "The length of boundaries should be 1 less than the length of values. Received: boundaries=\(IntegerListType().python(b)) of length \(b.count), and values=\(RealListType().python(v)) of length \(v.count).")
            }
        },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer, value: KerasMath.piecewise(args[KerasKeys.boundaries], args[KerasKeys.values]),
                                 observer: context.observer)
        }
    )
}

/// Chart markers of the Keras schedules.
enum KerasMarkers {
    /// Markers at every multiple of `period` (plus `offset`) inside the run, at most 20.
    static func every(_ period: Double, epochs: Int, label: String, offset: Double = 0) -> [ScheduleMarker] {
        guard period > 0, period.isFinite else { return [] }
        var marks: [ScheduleMarker] = []
        var k = 1.0
        while marks.count < 20 {
            let at = (k * period).rounded(.up) + offset
            guard at < Double(epochs) else { break }
            marks.append(ScheduleMarker(at, label))
            k += 1
        }
        return marks
    }
}
