/// `torch.optim.lr_scheduler.PolynomialLR`: decay to 0 over `total_iters` epochs along
/// `(1 - t / total_iters) ** power`, by PyTorch's chainable ratio.
public final class PolynomialLR: LRScheduler {
    let totalIters: Int
    let power: Double

    /// Constructs the scheduler and takes its initial step.
    public init(optimizer: Adam, totalIters: Int, power: Double, observer: (any LRObserver)? = nil) throws(ScheduleError) {
        self.totalIters = totalIters
        self.power = power
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        if isInitial || lastEpoch > totalIters { return currentLR(group) }
        let T = Double(totalIters)
        let ratio = try PyMath.divide(1.0 - Double(lastEpoch) / T, 1.0 - Double(lastEpoch - 1) / T,
                                      parameter: "total-iters", what: "PolynomialLR's step")
        return currentLR(group) * (try PyMath.pow(ratio, power, parameter: "power"))
    }

    override public var hasClosedForm: Bool { true }

    override public func closedFormLR(forGroup group: Int) throws(ScheduleError) -> Double {
        let done = try PyMath.divide(Double(min(totalIters, lastEpoch)), Double(totalIters),
                                     parameter: "total-iters", what: "PolynomialLR's closed form (total_iters=0)")
        return baseLRs[group] * (try PyMath.pow(1.0 - done, power, parameter: "power"))
    }
}

extension PolynomialLR {
    /// `total_iters`.
    static let totalIters = Parameter("total-iters", IntegerType(), default: 5, doc: "Epochs until the lr reaches 0 (PyTorch checks no range).")
    /// `power` (a negative power raises ZeroDivisionError when the lr reaches 0, as in Python).
    static let power = Parameter("power", RealType(), default: 1.0, doc: "Power of the polynomial.")
}

extension ScheduleDefinition {
    /// `polynomial` — PolynomialLR.
    public static let polynomial = ScheduleDefinition(
        name: "polynomial", pythonClass: "PolynomialLR",
        summary: "Decay the lr to 0 over total_iters epochs along a polynomial of the given power.",
        formula: "lr(t) = base_lr * (1 - min(t, total_iters) / total_iters) ** power, applied recursively",
        parameters: [PolynomialLR.totalIters, PolynomialLR.power],
        example: "polynomial --total-iters 80 --power 2",
        markers: { args, epochs in
            let total = args[PolynomialLR.totalIters]
            return total > 0 && total < epochs ? [ScheduleMarker(Double(total), "reaches 0")] : []
        },
        build: { args, context throws(ScheduleError) in
            try PolynomialLR(optimizer: context.optimizer, totalIters: args[PolynomialLR.totalIters], power: args[PolynomialLR.power], observer: context.observer)
        }
    )
}
