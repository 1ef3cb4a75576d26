extension OptaxKeys {
    static let interpolateType = Parameter(required: "interpolate-type", ChoiceType(["linear", "cosine"]), doc: "How the value moves between knots.")
    static let pctFinal = Parameter("pct-final", RealType(), default: 0.85, doc: "Fraction of the cycle at whose end the fall ends.")
}

extension ScheduleDefinition {
    /// `optax.piecewise_constant` — `optax.piecewise_constant_schedule`.
    public static let optaxPiecewiseConstant = ScheduleDefinition(
        name: "optax.piecewise_constant", pythonClass: "piecewise_constant_schedule", family: .optax,
        summary: "init_value times the scales of every boundary reached (a scale applies at its boundary).",
        formula: "init * prod(scale for boundary, scale in sorted(boundaries_and_scales) if count >= boundary)",
        parameters: [OptaxKeys.initValue, OptaxKeys.boundariesAndScales],
        example: "optax.piecewise_constant --init-value 0.1 --boundaries-and-scales 30:0.1,60:0.1 --epochs 100",
        markers: { args, epochs in OptaxMarkers.at(BoundaryScale.sortedDict(args[OptaxKeys.boundariesAndScales]).map { ($0.boundary, "boundary") }, epochs: epochs) },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer, value: OptaxMath.piecewiseConstant(args[OptaxKeys.initValue], args[OptaxKeys.boundariesAndScales]),
                                 observer: context.observer)
        }
    )

    /// `optax.piecewise_interpolate` — `optax.piecewise_interpolate_schedule`.
    public static let optaxPiecewiseInterpolate = ScheduleDefinition(
        name: "optax.piecewise_interpolate", pythonClass: "piecewise_interpolate_schedule", family: .optax,
        summary: "Linear or cosine interpolation between knots at 0 and each boundary, valued by the cumulative scales; held after the last.",
        formula: "knots (0, init), (b_k, init * s_1 * … * s_k);  linear (v1 - v0) * pct + v0 or cosine v1 + (v0 - v1) / 2 * (cos(pi * pct) + 1)",
        parameters: [OptaxKeys.interpolateType, OptaxKeys.initValue, OptaxKeys.boundariesAndScales],
        example: "optax.piecewise_interpolate --interpolate-type cosine --init-value 1e-3 --boundaries-and-scales 20:10,90:0.01 --epochs 100",
        markers: { args, epochs in OptaxMarkers.at(BoundaryScale.sortedDict(args[OptaxKeys.boundariesAndScales]).map { ($0.boundary, "knot") }, epochs: epochs) },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer,
                                 value: OptaxMath.piecewiseInterpolate(cosine: args[OptaxKeys.interpolateType] == "cosine", args[OptaxKeys.initValue],
                                                                       args[OptaxKeys.boundariesAndScales]),
                                 observer: context.observer)
        }
    )

    /// `optax.linear_onecycle` — `optax.linear_onecycle_schedule`.
    public static let optaxLinearOneCycle = ScheduleDefinition(
        name: "optax.linear_onecycle", pythonClass: "linear_onecycle_schedule", family: .optax,
        summary: "One cycle, linear: peak/div up to peak at pct_start, back down at pct_final, then to peak/(div*final_div) at transition_steps.",
        formula: "linear knots 0: peak/div;  int(pct_start*T): peak;  int(pct_final*T): peak/div;  T: peak/div/final_div",
        parameters: [OptaxKeys.onecycleSteps, OptaxKeys.peakValue, OptaxKeys.pctStart, OptaxKeys.pctFinal, OptaxKeys.divFactor, OptaxKeys.finalDivFactor],
        example: "optax.linear_onecycle --transition-steps 100 --peak-value 0.1 --epochs 110",
        markers: { args, epochs in
            let t = args[OptaxKeys.onecycleSteps]
            return OptaxMarkers.at([(Int(args[OptaxKeys.pctStart] * Double(t)), "peak"), (Int(args[OptaxKeys.pctFinal] * Double(t)), "fall end")], epochs: epochs)
        },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer,
                                 value: OptaxMath.linearOneCycle(args[OptaxKeys.onecycleSteps], args[OptaxKeys.peakValue], pctStart: args[OptaxKeys.pctStart],
                                                                 pctFinal: args[OptaxKeys.pctFinal], div: args[OptaxKeys.divFactor],
                                                                 finalDiv: args[OptaxKeys.finalDivFactor]),
                                 observer: context.observer)
        }
    )

    /// `optax.cosine_onecycle` — `optax.cosine_onecycle_schedule`.
    public static let optaxCosineOneCycle = ScheduleDefinition(
        name: "optax.cosine_onecycle", pythonClass: "cosine_onecycle_schedule", family: .optax,
        summary: "One cycle, cosine: peak/div up to peak at pct_start, then down to peak/(div*final_div) at transition_steps.",
        formula: "cosine knots 0: peak/div;  int(pct_start*T): peak;  T: peak/(div*final_div)",
        parameters: [OptaxKeys.onecycleSteps, OptaxKeys.peakValue, OptaxKeys.pctStart, OptaxKeys.divFactor, OptaxKeys.finalDivFactor],
        example: "optax.cosine_onecycle --transition-steps 100 --peak-value 0.1 --epochs 110",
        markers: { args, epochs in OptaxMarkers.at([(Int(args[OptaxKeys.pctStart] * Double(args[OptaxKeys.onecycleSteps])), "peak")], epochs: epochs) },
        build: { args, context throws(ScheduleError) in
            try Float32Scheduler(optimizer: context.optimizer,
                                 value: OptaxMath.cosineOneCycle(args[OptaxKeys.onecycleSteps], args[OptaxKeys.peakValue], pctStart: args[OptaxKeys.pctStart],
                                                                 div: args[OptaxKeys.divFactor], finalDiv: args[OptaxKeys.finalDivFactor]),
                                 observer: context.observer)
        }
    )
}
