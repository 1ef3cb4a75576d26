/// `torch.optim.lr_scheduler.ConstantLR`: the lr times `factor` until `total_iters`, then the
/// base lr again (restored by multiplying with `1.0 / factor`, as PyTorch does).
public final class ConstantLR: LRScheduler {
    let factor: Double
    let totalIters: Int

    /// Constructs the scheduler and takes its initial step.
    public init(optimizer: Adam, factor: Double, totalIters: Int, observer: (any LRObserver)? = nil) throws(ScheduleError) {
        if factor > 1.0 || factor < 0 {
            throw ScheduleError(parameter: "factor", message: "Constant multiplicative factor expected to be between 0 and 1. (got \(PyFormat.repr(factor)))")
        }
        self.factor = factor
        self.totalIters = totalIters
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        if lastEpoch == 0 { return currentLR(group) * factor }
        if lastEpoch != totalIters { return currentLR(group) }
        // PyTorch's `1.0 / self.factor`: a factor of 0 runs until total_iters, then raises.
        return currentLR(group) * (try PyMath.divide(1.0, factor, parameter: "factor", what: "ConstantLR at total_iters (1.0 / factor with factor 0)"))
    }

    override public var hasClosedForm: Bool { true }

    override public func closedFormLR(forGroup group: Int) throws(ScheduleError) -> Double {
        baseLRs[group] * (factor + Double(lastEpoch >= totalIters ? 1 : 0) * (1 - factor))
    }
}

extension ConstantLR {
    /// `factor`.
    static let factor = Parameter("factor", RealType(), default: 1.0 / 3, range: .between(0, 1),
                                  doc: "The factor applied until total_iters (0 raises ZeroDivisionError when total_iters is reached, as in PyTorch).",
                                  libraryRule: "Constant multiplicative factor expected to be between 0 and 1.")
    /// `total_iters` (PyTorch checks no range: a negative value is never reached).
    static let totalIters = Parameter("total-iters", IntegerType(), default: 5, doc: "Epochs during which the factor applies.")
}

extension ScheduleDefinition {
    /// `constant` — ConstantLR.
    public static let constant = ScheduleDefinition(
        name: "constant", pythonClass: "ConstantLR",
        summary: "Scale the lr by a constant factor until total_iters, then use the base lr.",
        formula: "lr(t) = base_lr * factor for t < total_iters, base_lr from then on",
        parameters: [ConstantLR.factor, ConstantLR.totalIters],
        example: "constant --factor 0.5 --total-iters 10",
        markers: { args, epochs in
            let total = args[ConstantLR.totalIters]
            return total > 0 && total < epochs ? [ScheduleMarker(Double(total), "factor ends")] : []
        },
        build: { args, context throws(ScheduleError) in
            try ConstantLR(optimizer: context.optimizer, factor: args[ConstantLR.factor], totalIters: args[ConstantLR.totalIters], observer: context.observer)
        }
    )
}
