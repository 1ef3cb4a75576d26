import Foundation

/// DeepSpeed's `WarmupCosineLR`: a ratio of each group's lr at construction, warmed up from
/// `warmup_min_ratio` to 1 (log by default), then a cosine down to `cos_min_ratio` at
/// `total_num_steps`, held there after. At iteration -1 the ratio is 0 (an absolute zero).
public final class DeepSpeedWarmupCosineLR: DeepSpeedScheduler {
    let originalLRs: [Double]
    let totalSteps: Int
    let warmupSteps: Int
    let warmupMinRatio: Double
    let cosMinRatio: Double
    let curve: DSWarmup
    let inverseLog: Double

    init(optimizer: Adam, totalSteps: Int, warmupMinRatio: Double, warmupNumSteps: Int, cosMinRatio: Double, warmupType: String,
         observer: (any LRObserver)?) throws(ScheduleError) {
        guard warmupNumSteps > 0 else {
            throw ScheduleError(parameter: "warmup-num-steps", message: "warmup_num_steps must be a positive integer, got \(warmupNumSteps)")
        }
        self.totalSteps = totalSteps
        self.cosMinRatio = cosMinRatio
        curve = DSWarmup(warmupType)
        self.warmupMinRatio = warmupMinRatio
        warmupSteps = Swift.max(2, warmupNumSteps)
        inverseLog = 1.0 / Foundation.log(Double(warmupSteps))
        originalLRs = optimizer.groups.map(\.lr)
        super.init(attachingTo: optimizer, observer: observer)
        try writeInitialLRs()
    }

    /// `get_lr_ratio()`, in DeepSpeed's operation order.
    private func ratio() -> Double {
        let it = iteration
        if it < warmupSteps {
            let ratio = curve.gamma(it, steps: warmupSteps, inverseLog: inverseLog)
            let delta = 1.0 - warmupMinRatio
            return warmupMinRatio + ratio * delta
        }
        let realLastStep = it - warmupSteps + 1
        let realTotalSteps = Swift.max(1, totalSteps - warmupSteps)
        let progress = DSMath.min(1.0, Double(realLastStep) / Double(realTotalSteps))
        let delta = 1.0 - cosMinRatio
        let cosine = (1 + cos(Double.pi * progress)) / 2
        return DSMath.max(0.0, cosMinRatio + delta * cosine)
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        if iteration < 0 { return 0.0 }
        return originalLRs[group] * ratio()
    }
}

extension DeepSpeedWarmupCosineLR {
    /// `warmup_min_ratio`.
    static let warmupMinRatio = Parameter("warmup-min-ratio", RealType(), default: 0.0, doc: "Warm-up start as a fraction of the group's lr.")
    /// `cos_min_ratio`.
    static let cosMinRatio = Parameter("cos-min-ratio", RealType(), default: 0.0001, doc: "Cosine end as a fraction of the group's lr.")
}

extension ScheduleDefinition {
    /// `deepspeed.warmup_cosine_lr` — DeepSpeed's `WarmupCosineLR`.
    public static let deepspeedWarmupCosineLR = ScheduleDefinition(
        name: "deepspeed.warmup_cosine_lr", pythonClass: "WarmupCosineLR", family: .deepspeed,
        summary: "DeepSpeed's warm-up (log by default) from warmup_min_ratio of the lr, then a cosine to cos_min_ratio at total_num_steps.",
        formula: "lr * (wmr + g(it) * (1 - wmr)); then lr * max(0, cmr + (1 - cmr) * (1 + cos(pi * min(1, (it - W + 1) / max(1, T - W)))) / 2)",
        parameters: [DSKeys.totalNumSteps, DeepSpeedWarmupCosineLR.warmupMinRatio, DSKeys.warmupNumSteps, DeepSpeedWarmupCosineLR.cosMinRatio,
                     DSKeys.warmupType],
        example: "deepspeed.warmup_cosine_lr --total-num-steps 300 --warmup-num-steps 30 --epochs 300",
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
            try DeepSpeedWarmupCosineLR(optimizer: context.optimizer, totalSteps: args[DSKeys.totalNumSteps],
                                        warmupMinRatio: args[DeepSpeedWarmupCosineLR.warmupMinRatio], warmupNumSteps: args[DSKeys.warmupNumSteps],
                                        cosMinRatio: args[DeepSpeedWarmupCosineLR.cosMinRatio], warmupType: args[DSKeys.warmupType],
                                        observer: context.observer)
        }
    )
}
