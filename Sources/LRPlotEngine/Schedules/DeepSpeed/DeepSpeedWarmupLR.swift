import Foundation

/// DeepSpeed's `WarmupLR` and `WarmupDecayLR`: from `warmup_min_lr` to `warmup_max_lr` over
/// `warmup_num_steps` (log or linear), then constant (WarmupLR) or linearly down to 0 at
/// `total_num_steps` (WarmupDecayLR). At iteration -1 (the constructor) the lr is `warmup_min_lr`,
/// and the log curve is 0 at iteration 0 too: the first two updates use `warmup_min_lr`.
public final class DeepSpeedWarmupLR: DeepSpeedScheduler {
    let minLRs: [Double]
    let deltaLRs: [Double]
    let warmupSteps: Int
    let curve: DSWarmup
    let inverseLog: Double
    /// `total_num_steps` of WarmupDecayLR; nil for WarmupLR.
    let totalSteps: Int?

    init(optimizer: Adam, minLRs: [Double], maxLRs: [Double], warmupNumSteps: Int, warmupType: String, totalSteps: Int?,
         observer: (any LRObserver)?) throws(ScheduleError) {
        guard warmupNumSteps > 0 else {
            throw ScheduleError(parameter: "warmup-num-steps", message: "warmup_num_steps must be a positive integer, got \(warmupNumSteps)")
        }
        self.minLRs = minLRs
        deltaLRs = zip(maxLRs, minLRs).map { $0 - $1 }
        warmupSteps = Swift.max(2, warmupNumSteps)
        curve = DSWarmup(warmupType)
        inverseLog = 1.0 / Foundation.log(Double(warmupSteps))
        self.totalSteps = totalSteps
        super.init(attachingTo: optimizer, observer: observer)
        try writeInitialLRs()
    }

    /// `_get_gamma()` of WarmupLR / WarmupDecayLR.
    @inline(__always) private func gamma() -> Double {
        let it = iteration
        if it < warmupSteps { return curve.gamma(it, steps: warmupSteps, inverseLog: inverseLog) }
        guard let T = totalSteps else { return 1.0 }
        return DSMath.max(0.0, Double(T - it) / DSMath.max(1.0, Double(T - warmupSteps)))
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        if iteration < 0 { return minLRs[group] }
        return minLRs[group] + deltaLRs[group] * gamma()
    }
}

extension DeepSpeedWarmupLR {
    /// `warmup_max_lr` of WarmupLR: unset means each group's lr.
    static let maxLROptional = OptionalParameter("warmup-max-lr", PerGroupRealType(), unset: "each group's lr (--lr)",
                                                 doc: "lr at the end of the warm-up, per param group.")
    /// `warmup_max_lr` of WarmupDecayLR (0.001 by default, not the group's lr).
    static let maxLR = Parameter("warmup-max-lr", PerGroupRealType(), default: [0.001], doc: "lr at the end of the warm-up, per param group (not --lr).")

    static func build(_ args: ScheduleArguments, _ context: BuildContext, maxLRs given: [Double]?, total: Int?) throws(ScheduleError) -> LRScheduler {
        let groups = context.optimizer.groups.count
        let minLRs = try DSMath.perGroup(args, DSKeys.warmupMinLR, name: "min_lr", groups: groups)
        let maxLRs = try given.map { (values) throws(ScheduleError) in
            try DSMath.perGroup(values, scalar: values.count == 1, name: "max_lr", parameter: "warmup-max-lr", groups: groups)
        } ?? context.optimizer.groups.map(\.lr)
        return try DeepSpeedWarmupLR(optimizer: context.optimizer, minLRs: minLRs, maxLRs: maxLRs, warmupNumSteps: args[DSKeys.warmupNumSteps],
                                     warmupType: args[DSKeys.warmupType], totalSteps: total, observer: context.observer)
    }

    static func markers(_ args: ScheduleArguments, _ epochs: Int) -> [ScheduleMarker] {
        // Iteration W is the first at the peak; update u runs with iteration u - 1.
        [ScheduleMarker(Double(DSKeys.steps(args) + 1), "warm-up end")].filter { $0.epoch < Double(epochs) }
    }
}

extension ScheduleDefinition {
    /// `deepspeed.warmup_lr` — DeepSpeed's `WarmupLR`.
    public static let deepspeedWarmupLR = ScheduleDefinition(
        name: "deepspeed.warmup_lr", pythonClass: "WarmupLR", family: .deepspeed,
        summary: "DeepSpeed's warm-up from warmup_min_lr to warmup_max_lr (log by default), then constant.",
        formula: "min + (max - min) * (log(it + 1) / log(W)  or  it / W), it = update - 1; max after W",
        parameters: [DSKeys.warmupMinLR, DeepSpeedWarmupLR.maxLROptional, DSKeys.warmupNumSteps, DSKeys.warmupType],
        example: "deepspeed.warmup_lr --warmup-num-steps 100 --warmup-type linear --epochs 300",
        markers: DeepSpeedWarmupLR.markers,
        warnings: { args, _ in DSKeys.warmupTypeWarnings(args) },
        build: { args, context throws(ScheduleError) in
            try DeepSpeedWarmupLR.build(args, context, maxLRs: args[DeepSpeedWarmupLR.maxLROptional], total: nil)
        }
    )

    /// `deepspeed.warmup_decay_lr` — DeepSpeed's `WarmupDecayLR`.
    public static let deepspeedWarmupDecayLR = ScheduleDefinition(
        name: "deepspeed.warmup_decay_lr", pythonClass: "WarmupDecayLR", family: .deepspeed,
        summary: "DeepSpeed's warm-up (log by default) to warmup_max_lr, then a linear decay to 0 at total_num_steps.",
        formula: "warm-up as WarmupLR; then min + (max - min) * max(0, (T - it) / max(1, T - W))",
        parameters: [DSKeys.totalNumSteps, DSKeys.warmupMinLR, DeepSpeedWarmupLR.maxLR, DSKeys.warmupNumSteps, DSKeys.warmupType],
        example: "deepspeed.warmup_decay_lr --total-num-steps 300 --warmup-num-steps 30 --epochs 300",
        markers: DeepSpeedWarmupLR.markers,
        warnings: { args, _ in
            var warnings = DSKeys.warmupTypeWarnings(args)
            let total = args[DSKeys.totalNumSteps]
            if total < DSKeys.steps(args) {
                warnings.append(ScheduleError(parameter: DSKeys.totalNumSteps.spec.name,
                                              message: "total_num_steps \(total) is less than warmup_num_steps \(args[DSKeys.warmupNumSteps]) (DeepSpeed's warning)"))
            }
            return warnings
        },
        build: { args, context throws(ScheduleError) in
            try DeepSpeedWarmupLR.build(args, context, maxLRs: args[DeepSpeedWarmupLR.maxLR], total: args[DSKeys.totalNumSteps])
        }
    )
}
