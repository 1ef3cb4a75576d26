/// `torch.optim.lr_scheduler.LinearLR`: the lr factor moves linearly from `start_factor` to
/// `end_factor` over `total_iters` epochs (chainable recursion), then holds.
public final class LinearLR: LRScheduler {
    let startFactor: Double
    let endFactor: Double
    let totalIters: Int

    /// Constructs the scheduler and takes its initial step.
    public init(optimizer: Adam, startFactor: Double, endFactor: Double, totalIters: Int,
                observer: (any LRObserver)? = nil) throws(ScheduleError) {
        if startFactor > 1.0 || startFactor <= 0 {
            throw ScheduleError(parameter: "start-factor",
                                message: "Starting multiplicative factor expected to be greater than 0 and less or equal to 1. (got \(PyFormat.repr(startFactor)))")
        }
        if endFactor > 1.0 || endFactor < 0 {
            throw ScheduleError(parameter: "end-factor",
                                message: "Ending multiplicative factor expected to be between 0 and 1. (got \(PyFormat.repr(endFactor)))")
        }
        self.startFactor = startFactor
        self.endFactor = endFactor
        self.totalIters = totalIters
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        if lastEpoch == 0 { return currentLR(group) * startFactor }
        if isInitial || lastEpoch > totalIters { return currentLR(group) }
        let span = endFactor - startFactor
        let denominator = Double(totalIters) * startFactor + Double(lastEpoch - 1) * span
        return currentLR(group) * (1.0 + (try PyMath.divide(span, denominator, parameter: "total-iters", what: "LinearLR's step")))
    }

    override public var hasClosedForm: Bool { true }

    override public func closedFormLR(forGroup group: Int) throws(ScheduleError) -> Double {
        let ramp = (endFactor - startFactor) * Double(min(totalIters, lastEpoch))
        let fraction = try PyMath.divide(ramp, Double(totalIters), parameter: "total-iters", what: "LinearLR's closed form (total_iters=0)")
        return baseLRs[group] * (startFactor + fraction)
    }
}

extension LinearLR {
    /// `start_factor`.
    static let startFactor = Parameter("start-factor", RealType(), default: 1.0 / 3, range: Constraint(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: true),
                                       doc: "Factor at epoch 0.",
                                       libraryRule: "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
    /// `end_factor`.
    static let endFactor = Parameter("end-factor", RealType(), default: 1.0, range: .between(0, 1), doc: "Factor from total_iters on.",
                                     libraryRule: "Ending multiplicative factor expected to be between 0 and 1.")
    /// `total_iters`.
    static let totalIters = Parameter("total-iters", IntegerType(), default: 5, doc: "Length of the ramp, in epochs (PyTorch checks no range).")
}

extension ScheduleDefinition {
    /// `linear` — LinearLR.
    public static let linear = ScheduleDefinition(
        name: "linear", pythonClass: "LinearLR",
        summary: "Ramp the lr factor linearly from start_factor to end_factor over total_iters epochs.",
        formula: "lr(t) = base_lr * (start + (end - start) * min(t, total_iters) / total_iters), applied recursively",
        parameters: [LinearLR.startFactor, LinearLR.endFactor, LinearLR.totalIters],
        example: "linear --start-factor 0.1 --total-iters 10",
        markers: { args, epochs in
            let total = args[LinearLR.totalIters]
            let rising = args[LinearLR.endFactor] >= args[LinearLR.startFactor]
            return total > 0 && total < epochs ? [ScheduleMarker(Double(total), rising ? "warm-up end" : "ramp end")] : []
        },
        build: { args, context throws(ScheduleError) in
            try LinearLR(optimizer: context.optimizer, startFactor: args[LinearLR.startFactor], endFactor: args[LinearLR.endFactor],
                         totalIters: args[LinearLR.totalIters], observer: context.observer)
        }
    )
}
