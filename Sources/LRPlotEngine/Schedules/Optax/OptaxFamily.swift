extension ScheduleFamily {
    /// optax's schedules (`optax.schedules`), in float32 as jax evaluates them eagerly on CPU.
    public static let optax = ScheduleFamily(
        id: "optax", library: "optax", module: "optax", version: "0.2.8",
        heading: "optax 0.2.8 (schedules of the update count; float32 as jax 0.10.2 eager on CPU, absolute lr)",
        composesWithTorch: false,
        classPrefixes: ["optax.schedules.", "optax."],
        takesOptimizer: false
    )
}

/// The parameter keys the optax schedules share.
enum OptaxKeys {
    static let initValue = Parameter(required: "init-value", RealType(), doc: "The value at count 0.")
    static let endValue = Parameter(required: "end-value", RealType(), doc: "The value after the transition.")
    static let peakValue = Parameter(required: "peak-value", RealType(), doc: "The value at the end of the warm-up (the peak).")
    static let transitionSteps = Parameter(required: "transition-steps", IntegerType(), doc: "Steps of the transition (≤ 0: the constant init_value).")
    static let transitionBegin = Parameter("transition-begin", IntegerType(), default: 0, doc: "Steps the value is held before the transition (< 0: 0).")
    static let decayRate = Parameter(required: "decay-rate", RealType(), doc: "The decay rate (0: the constant init_value).")
    static let staircase = Parameter("staircase", SwitchType(), default: false, doc: "Decay at whole transition_steps only.")
    static let endValueClamp = OptionalParameter("end-value", RealType(), unset: "None", doc: "Clamps the decay (a floor when decay_rate < 1, else a ceiling).")
    static let warmupSteps = Parameter(required: "warmup-steps", IntegerType(), doc: "Steps of the linear warm-up from init_value to peak_value.")
    static let boundariesAndScales = Parameter("boundaries-and-scales", BoundaryScalesType(), default: [],
                                               doc: "Steps and the factors applied from them ({step: scale}).")
    static let exponent = Parameter("exponent", NumberType(), default: PyNumber(float: 1.0), doc: "Power of the cosine factor.")
    static let onecycleSteps = Parameter(required: "transition-steps", IntegerType(), range: .greaterThan(0), doc: "Steps of the whole cycle.",
                                         libraryRule: "A linear onecycle schedule was set with a non-positive `transition_steps`")
    static let pctStart = Parameter("pct-start", RealType(), default: 0.3, doc: "Fraction of the cycle spent rising.")
    static let divFactor = Parameter("div-factor", RealType(), default: 25.0, doc: "The initial value is peak_value / div_factor.")
    static let finalDivFactor = Parameter("final-div-factor", RealType(), default: 1e4, doc: "The final value is the initial value / final_div_factor.")
}

/// Chart markers of the optax schedules.
enum OptaxMarkers {
    static func at(_ steps: [(Int, String)], epochs: Int) -> [ScheduleMarker] {
        steps.filter { $0.0 > 0 && $0.0 < epochs }.prefix(20).map { ScheduleMarker(Double($0.0), $0.1) }
    }
}

extension ScheduleArguments {
    /// The float32 function of a built optax (or Keras) schedule, for composites that call their children.
    func float32Function(_ context: BuildContext) throws(ScheduleError) -> @Sendable (Int) -> Float {
        let built = try definition.build(self, context.child(steps: nil))
        guard let scheduler = built as? Float32Scheduler else {
            throw ScheduleError(parameter: nil, message: "\(definition.name) is not an optax schedule")
        }
        return scheduler.value
    }
}
