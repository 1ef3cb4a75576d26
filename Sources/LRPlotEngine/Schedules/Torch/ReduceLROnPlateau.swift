/// `torch.optim.lr_scheduler.ReduceLROnPlateau`: multiply the lr by `factor` once the metric has
/// not improved for more than `patience` steps. It takes no initial step and reads one metric per
/// step (the toy loss, or the values the user gives).
public final class ReduceLROnPlateau: LRScheduler {
    /// `mode`: whether lower or higher metrics are better.
    public enum Mode: String, Sendable, CaseIterable { case min, max }
    /// `threshold_mode`: a relative or absolute improvement margin.
    public enum ThresholdMode: String, Sendable, CaseIterable { case rel, abs }

    let mode: Mode
    let factor: Double
    let patience: Int
    let threshold: Double
    let thresholdMode: ThresholdMode
    let cooldown: Int
    let minLRs: [Double]
    let eps: Double
    private(set) var best: Double
    private(set) var numBadEpochs = 0
    private(set) var cooldownCounter = 0

    /// Constructs the scheduler; like PyTorch's, it does not touch the optimizer's lrs.
    public init(optimizer: Adam, mode: Mode, factor: Double, patience: Int, threshold: Double,
                thresholdMode: ThresholdMode, cooldown: Int, minLRs: [Double], eps: Double,
                observer: (any LRObserver)? = nil) throws(ScheduleError) {
        guard factor < 1.0 else { throw ScheduleError(parameter: "factor", message: "Factor should be < 1.0. (got \(PyFormat.repr(factor)))") }
        guard minLRs.count == optimizer.groups.count else {
            throw ScheduleError(parameter: "min-lr", message: "expected \(optimizer.groups.count) min_lrs, got \(minLRs.count)")
        }
        self.mode = mode
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.thresholdMode = thresholdMode
        self.cooldown = cooldown
        self.minLRs = minLRs
        self.eps = eps
        best = mode == .min ? .infinity : -.infinity
        super.init(attachingTo: optimizer, lastEpoch: 0, observer: observer)
    }

    override public var needsMetric: Bool { true }

    override public func step() throws(ScheduleError) {
        throw ScheduleError(parameter: nil, message: "ReduceLROnPlateau.step() needs a metric")
    }

    override public func step(metric current: Double) throws(ScheduleError) {
        lastEpoch += 1
        let epoch = lastEpoch
        if isBetter(current, than: best) {
            best = current
            numBadEpochs = 0
        } else {
            numBadEpochs += 1
        }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            numBadEpochs = 0
        }
        if numBadEpochs > patience {
            reduceLRs(epoch: epoch)
            cooldownCounter = cooldown
            numBadEpochs = 0
        }
    }

    private func reduceLRs(epoch: Int) {
        for g in optimizer.groups.indices {
            let old = optimizer.groups[g].lr
            let new = PyMath.max(old * factor, minLRs[g])
            if old - new > eps {
                optimizer.groups[g].lr = new
                observer?.reduced(group: g, to: new, epoch: epoch)
            }
        }
    }

    private func isBetter(_ a: Double, than best: Double) -> Bool {
        switch (mode, thresholdMode) {
        case (.min, .rel): return a < best * (1.0 - threshold)
        case (.min, .abs): return a < best - threshold
        case (.max, .rel): return a > best * (threshold + 1.0)
        case (.max, .abs): return a > best + threshold
        }
    }
}

extension ReduceLROnPlateau {
    /// `mode`.
    static let modeKey = Parameter("mode", EnumType<Mode>(), default: .min, doc: "Whether a lower or a higher metric is better.",
                                libraryRule: "mode is unknown!")
    /// `factor`.
    static let factor = Parameter("factor", RealType(), default: 0.1, range: Constraint(lower: nil, lowerInclusive: true, upper: 1, upperInclusive: false),
                                  doc: "Factor by which the lr is reduced.", libraryRule: "Factor should be < 1.0.")
    /// `patience`.
    static let patience = Parameter("patience", IntegerType(), default: 10, range: .atLeast(0), doc: "Steps without improvement tolerated before reducing.")
    /// `threshold`.
    static let threshold = Parameter("threshold", RealType(), default: 1e-4, doc: "Margin a metric must beat the best by to count as better.")
    /// `threshold_mode`.
    static let thresholdModeKey = Parameter("threshold-mode", EnumType<ThresholdMode>(), default: .rel, doc: "Relative or absolute margin.",
                                         libraryRule: "threshold mode is unknown!")
    /// `cooldown`.
    static let cooldown = Parameter("cooldown", IntegerType(), default: 0, range: .atLeast(0), doc: "Steps to wait after a reduction before counting again.")
    /// `min_lr`.
    static let minLR = Parameter("min-lr", PerGroupRealType(), default: [0], range: .atLeast(0), doc: "Lower bound of the lr, per param group.",
                                 libraryRule: "expected one min_lr per param group")
    /// `eps`.
    static let eps = Parameter("eps", RealType(), default: 1e-8, range: .atLeast(0), doc: "Reductions smaller than eps are skipped.")
}

extension ScheduleDefinition {
    /// `plateau` — ReduceLROnPlateau.
    public static let plateau = ScheduleDefinition(
        name: "plateau", pythonClass: "ReduceLROnPlateau",
        summary: "Reduce the lr by factor when the metric stops improving (metric: --metrics, --metrics-file, or the toy loss).",
        formula: "lr ← max(lr * factor, min_lr) after more than patience steps without improvement",
        parameters: [ReduceLROnPlateau.modeKey, ReduceLROnPlateau.factor, ReduceLROnPlateau.patience, ReduceLROnPlateau.threshold,
                     ReduceLROnPlateau.thresholdModeKey, ReduceLROnPlateau.cooldown, ReduceLROnPlateau.minLR, ReduceLROnPlateau.eps],
        example: "plateau --patience 5 --factor 0.5",
        usesMetrics: true,
        build: { args, context throws(ScheduleError) in
            let groups = context.optimizer.groups.count
            let given = args[ReduceLROnPlateau.minLR]
            let minLRs: [Double]
            if given.count != 1 {
                guard given.count == groups else {
                    throw ScheduleError(parameter: "min-lr", message: "expected \(groups) min_lrs, got \(given.count)")
                }
                minLRs = given
            } else {
                minLRs = Array(repeating: given[0], count: groups)
            }
            return try ReduceLROnPlateau(optimizer: context.optimizer, mode: args[ReduceLROnPlateau.modeKey],
                                         factor: args[ReduceLROnPlateau.factor], patience: args[ReduceLROnPlateau.patience],
                                         threshold: args[ReduceLROnPlateau.threshold],
                                         thresholdMode: args[ReduceLROnPlateau.thresholdModeKey],
                                         cooldown: args[ReduceLROnPlateau.cooldown], minLRs: minLRs, eps: args[ReduceLROnPlateau.eps],
                                         observer: context.observer)
        }
    )
}
