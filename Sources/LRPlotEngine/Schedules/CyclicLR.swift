/// `torch.optim.lr_scheduler.CyclicLR`: the lr cycles between `base_lr` and `max_lr` (triangular,
/// triangular2, exp_range, or a custom `scale_fn`), and Adam's beta1 cycles inversely between
/// `max_momentum` and `base_momentum` (beta2 untouched), as PyTorch does for optimizers with betas.
public final class CyclicLR: LRScheduler {
    /// How the amplitude of each cycle is scaled.
    public enum Scale: Sendable {
        /// `mode='triangular'`: 1 for every cycle.
        case triangular
        /// `mode='triangular2'`: halved every cycle.
        case triangular2
        /// `mode='exp_range'`: `gamma ** iteration`.
        case expRange(gamma: Double)
        /// `scale_fn` with `scale_mode` `'cycle'` (`perCycle`) or `'iterations'`.
        case custom(Expression, perCycle: Bool)
    }

    let maxLRs: [Double]
    let totalSize: Double
    let stepRatio: Double
    let scale: Scale
    /// `(base_momentums, max_momentums)` when `cycle_momentum` is on.
    let momentums: (base: [Double], max: [Double])?

    /// Constructs the scheduler as PyTorch does: overwrites each group's lr with `base_lr`, sets
    /// beta1 to `max_momentum`, takes the initial step, then replaces `base_lrs` with `base_lr`.
    public init(optimizer: Adam, baseLRs: [Double], maxLRs: [Double], stepSizeUp: Int, stepSizeDown: Int?,
                scale: Scale, cycleMomentum: Bool, baseMomentums: [Double], maxMomentums: [Double],
                observer: (any LRObserver)? = nil) throws(ScheduleError) {
        let groups = optimizer.groups.count
        guard baseLRs.count == groups, maxLRs.count == groups, !cycleMomentum || (baseMomentums.count == groups && maxMomentums.count == groups) else {
            throw ScheduleError(parameter: "max-lr", message: "needs one value per param group")
        }
        for g in optimizer.groups.indices { optimizer.groups[g].lr = baseLRs[g] }
        self.maxLRs = maxLRs
        let up = Double(stepSizeUp)
        let down = stepSizeDown.map(Double.init) ?? up
        totalSize = up + down
        guard totalSize != 0 else {
            throw ScheduleError(parameter: "step-size-up", message: "ZeroDivisionError: step_size_up + step_size_down is 0")
        }
        stepRatio = up / totalSize
        self.scale = scale
        if cycleMomentum {
            momentums = (baseMomentums, maxMomentums)
            MomentumCycling.start(optimizer, base: baseMomentums, max: maxMomentums)
        } else {
            momentums = nil
        }
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
        self.baseLRs = baseLRs
    }

    /// The scale function's value for this step (`scale_fn(cycle)` or `scale_fn(last_epoch)`).
    private func scaleFactor(cycle: Int) throws(ScheduleError) -> Double {
        switch scale {
        case .triangular: return 1.0
        case .triangular2: return 1 / (try PyMath.pow(2.0, Double(cycle - 1), parameter: "mode"))
        case .expRange(let gamma): return try PyMath.pow(gamma, Double(lastEpoch), parameter: "gamma")
        case .custom(let expression, let perCycle):
            return try LambdaLR.evaluate(expression, at: perCycle ? cycle : lastEpoch, parameter: "scale-fn")
        }
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        let position = Double(lastEpoch) / totalSize
        let cycle = Int((1 + position).rounded(.down))
        let x = 1.0 + position - Double(cycle)
        let scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1)
        let f = try self.scaleFactor(cycle: cycle)
        let baseHeight = (maxLRs[group] - baseLRs[group]) * scaleFactor
        let lr = baseLRs[group] + baseHeight * f
        if let momentums {
            let height = (momentums.max[group] - momentums.base[group]) * scaleFactor
            optimizer.groups[group].betas.0 = momentums.max[group] - height * f
        }
        return lr
    }
}

extension ScheduleDefinition {
    /// `cyclic` — CyclicLR.
    public static let cyclic = ScheduleDefinition(
        name: "cyclic", pythonClass: "CyclicLR",
        summary: "Cycle the lr between base_lr and max_lr (and beta1 inversely), per step.",
        formula: "lr(t) = base_lr + (max_lr - base_lr) * triangle(t) * scale_fn(cycle or t)",
        parameters: [
            ParameterSpec("base-lr", .realPerGroup, defaultDescription: "the --lr values", range: .atLeast(0),
                          doc: "Lower lr of the cycle, per param group."),
            ParameterSpec("max-lr", .realPerGroup, required: true, range: .atLeast(0), doc: "Upper lr of the cycle, per param group."),
            ParameterSpec("step-size-up", .integer, default: .integer(2000), range: .atLeast(1), doc: "Steps in the rising half of a cycle."),
            ParameterSpec("step-size-down", .integer, defaultDescription: "--step-size-up", range: .atLeast(0),
                          doc: "Steps in the falling half of a cycle."),
            ParameterSpec("mode", .choice(["triangular", "triangular2", "exp_range"]), default: .choice("triangular"),
                          doc: "Amplitude policy (ignored when --scale-fn is given).", pytorchRule: "mode is invalid and scale_fn is None"),
            ParameterSpec("gamma", .real, default: .real(1.0), doc: "exp_range's per-step amplitude factor."),
            ParameterSpec("scale-fn", .expression(variable: "x"), doc: "Custom amplitude as a Python expression of x (overrides --mode)."),
            ParameterSpec("scale-mode", .choice(["cycle", "iterations"]), default: .choice("cycle"),
                          doc: "Whether --scale-fn's x is the cycle number or the step."),
        ] + MomentumCycling.parameters(base: 0.8, max: 0.9),
        example: "cyclic --base-lr 0.001 --max-lr 0.1 --step-size-up 10 --mode triangular2",
        markers: { args, epochs in
            let up = args.integer("step-size-up") ?? 2000
            let cycle = up + (args.integer("step-size-down") ?? up)
            guard cycle > 0, epochs / cycle <= 12 else { return [] }
            return stride(from: up, to: epochs, by: cycle).map { ScheduleMarker(Double($0), "peak") }
        },
        build: { args, context throws(ScheduleError) in
            let groups = context.optimizer.groups.count
            let scale: CyclicLR.Scale
            if let custom = args.expressions("scale-fn") {
                guard custom.count == 1 else {
                    throw ScheduleError(parameter: "scale-fn", message: "give one scale function (it applies to every group), got \(custom.count)")
                }
                scale = .custom(custom[0], perCycle: args.choice("scale-mode") != "iterations")
            } else {
                switch args.choice("mode") {
                case "triangular2": scale = .triangular2
                case "exp_range": scale = .expRange(gamma: args.real("gamma") ?? 1)
                default: scale = .triangular
                }
            }
            return try CyclicLR(optimizer: context.optimizer,
                                baseLRs: try args.perGroup("base-lr", groups: groups) ?? context.optimizer.groups.map(\.lr),
                                maxLRs: try args.perGroup("max-lr", groups: groups) ?? [],
                                stepSizeUp: args.integer("step-size-up") ?? 2000, stepSizeDown: args.integer("step-size-down"),
                                scale: scale, cycleMomentum: args.flag("cycle-momentum"),
                                baseMomentums: try args.perGroup("base-momentum", groups: groups) ?? [],
                                maxMomentums: try args.perGroup("max-momentum", groups: groups) ?? [],
                                observer: context.observer)
        }
    )
}
