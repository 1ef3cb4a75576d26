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
    public init(optimizer: Adam, baseLRs: [Double], maxLRs: [Double], stepSizeUp: Double, stepSizeDown: Double?,
                scale: Scale, cycleMomentum: Bool, baseMomentums: [Double], maxMomentums: [Double],
                observer: (any LRObserver)? = nil) throws(ScheduleError) {
        let groups = optimizer.groups.count
        guard baseLRs.count == groups, maxLRs.count == groups, !cycleMomentum || (baseMomentums.count == groups && maxMomentums.count == groups) else {
            throw ScheduleError(parameter: "max-lr", message: "needs one value per param group")
        }
        for g in optimizer.groups.indices { optimizer.groups[g].lr = baseLRs[g] }
        self.maxLRs = maxLRs
        // `float(step_size_up)`, `float(step_size_down)`: ints and floats alike.
        let up = stepSizeUp
        let down = stepSizeDown ?? up
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
    /// `cycle` is `math.floor(1 + last_epoch / total_size)`, kept as a float: with a float step
    /// size it can exceed every Int (Python's int would just grow).
    private func scaleFactor(cycle: Double) throws(ScheduleError) -> Double {
        switch scale {
        case .triangular: return 1.0
        case .triangular2: return 1 / (try PyMath.pow(2.0, cycle - 1, parameter: "mode"))
        case .expRange(let gamma): return try PyMath.pow(gamma, Double(lastEpoch), parameter: "gamma")
        case .custom(let expression, let perCycle):
            guard perCycle else { return try LambdaLR.evaluate(expression, at: lastEpoch, parameter: "scale-fn") }
            guard let whole = Int(exactly: cycle) else {
                throw ScheduleError(parameter: "step-size-up", message: "the cycle number \(PyFormat.repr(cycle)) is too large to pass to scale_fn (step_size_up + step_size_down is tiny)")
            }
            return try LambdaLR.evaluate(expression, at: whole, parameter: "scale-fn")
        }
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        let position = Double(lastEpoch) / totalSize
        let cycle = (1 + position).rounded(.down)
        let x = 1.0 + position - cycle
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

extension CyclicLR {
    /// `base_lr`; unset means each group's lr as the optimizer holds it when CyclicLR is constructed.
    static let baseLR = OptionalParameter("base-lr", PerGroupRealType(), unset: "the --lr values", range: .atLeast(0),
                                          doc: "Lower lr of the cycle, per param group.")
    /// `max_lr`.
    static let maxLR = Parameter(required: "max-lr", PerGroupRealType(), range: .atLeast(0), doc: "Upper lr of the cycle, per param group.")
    /// `step_size_up`.
    static let stepSizeUp = Parameter("step-size-up", NumberType(), default: PyNumber(2000), range: .greaterThan(0), doc: "Steps in the rising half of a cycle.")
    /// `step_size_down`; unset means `step_size_up`.
    static let stepSizeDown = OptionalParameter("step-size-down", NumberType(), unset: "--step-size-up", range: .atLeast(0),
                                                doc: "Steps in the falling half of a cycle.")
    /// CyclicLR's built-in amplitude policies.
    public enum Mode: String, Sendable, CaseIterable { case triangular, triangular2, expRange = "exp_range" }
    /// What a custom `scale_fn` is a function of.
    public enum ScaleMode: String, Sendable, CaseIterable { case cycle, iterations }
    /// `mode`.
    static let mode = Parameter("mode", EnumType<Mode>(), default: .triangular,
                                doc: "Amplitude policy (ignored when --scale-fn is given).", libraryRule: "mode is invalid and scale_fn is None")
    /// `gamma`.
    static let gamma = Parameter("gamma", RealType(), default: 1.0, doc: "exp_range's per-step amplitude factor.")
    /// `scale_fn`.
    static let scaleFn = OptionalParameter("scale-fn", ExpressionType(variable: "x"), doc: "Custom amplitude as a Python expression of x (overrides --mode).")
    /// `scale_mode`.
    static let scaleMode = Parameter("scale-mode", EnumType<ScaleMode>(), default: .cycle,
                                     doc: "Whether --scale-fn's x is the cycle number or the step.")
    /// `cycle_momentum`, `base_momentum`, `max_momentum`.
    static let momentum = MomentumKeys(base: 0.8, max: 0.9)

    /// lrplot's default for `base_lr` (PyTorch requires it): the `--lr` values, i.e. each group's
    /// `initial_lr` when an earlier scheduler recorded one, whatever lr that scheduler left.
    static func defaultBaseLRs(_ optimizer: Adam) -> [Double] {
        optimizer.groups.map { $0.initialLR ?? $0.lr }
    }
}

extension ScheduleDefinition {
    /// `cyclic` — CyclicLR.
    public static let cyclic = ScheduleDefinition(
        name: "cyclic", pythonClass: "CyclicLR",
        summary: "Cycle the lr between base_lr and max_lr (and beta1 inversely), per step.",
        formula: "lr(t) = base_lr + (max_lr - base_lr) * triangle(t) * scale_fn(cycle or t)",
        parameters: [CyclicLR.baseLR, CyclicLR.maxLR, CyclicLR.stepSizeUp, CyclicLR.stepSizeDown, CyclicLR.mode, CyclicLR.gamma,
                     CyclicLR.scaleFn, CyclicLR.scaleMode] + CyclicLR.momentum.all,
        example: "cyclic --base-lr 0.001 --max-lr 0.1 --step-size-up 10 --mode triangular2",
        markers: { args, epochs in
            let up = args[CyclicLR.stepSizeUp].value
            let cycle = up + (args[CyclicLR.stepSizeDown]?.value ?? up)
            guard cycle >= 1, Double(epochs) / cycle <= 12 else { return [] }
            return stride(from: up, to: Double(epochs), by: cycle).map { ScheduleMarker($0, "peak") }
        },
        build: { args, context throws(ScheduleError) in
            let groups = context.optimizer.groups.count
            let scale: CyclicLR.Scale
            if let custom = args[CyclicLR.scaleFn] {
                guard custom.count == 1 else {
                    throw ScheduleError(parameter: "scale-fn", message: "give one scale function (it applies to every group), got \(custom.count)")
                }
                scale = .custom(custom[0], perCycle: args[CyclicLR.scaleMode] == .cycle)
            } else {
                switch args[CyclicLR.mode] {
                case .triangular: scale = .triangular
                case .triangular2: scale = .triangular2
                case .expRange: scale = .expRange(gamma: args[CyclicLR.gamma])
                }
            }
            return try CyclicLR(optimizer: context.optimizer,
                                baseLRs: try args.perGroup(CyclicLR.baseLR, groups: groups) ?? CyclicLR.defaultBaseLRs(context.optimizer),
                                maxLRs: try args.perGroup(CyclicLR.maxLR, groups: groups),
                                stepSizeUp: args[CyclicLR.stepSizeUp].value, stepSizeDown: args[CyclicLR.stepSizeDown]?.value,
                                scale: scale, cycleMomentum: args[CyclicLR.momentum.cycle],
                                baseMomentums: try args.perGroup(CyclicLR.momentum.base, groups: groups),
                                maxMomentums: try args.perGroup(CyclicLR.momentum.max, groups: groups),
                                observer: context.observer)
        }
    )
}
