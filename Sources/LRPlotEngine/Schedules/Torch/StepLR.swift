/// `torch.optim.lr_scheduler.StepLR`: multiply the lr by `gamma` every `step_size` epochs.
public final class StepLR: LRScheduler {
    let stepSize: Int
    let gamma: Double

    /// Constructs the scheduler and takes its initial step, as PyTorch's constructor does.
    public init(optimizer: Adam, stepSize: Int, gamma: Double, observer: (any LRObserver)? = nil) throws(ScheduleError) {
        self.stepSize = stepSize
        self.gamma = gamma
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        if lastEpoch == 0 || lastEpoch % stepSize != 0 { return currentLR(group) }
        return currentLR(group) * gamma
    }

    override public var hasClosedForm: Bool { true }

    override public func closedFormLR(forGroup group: Int) throws(ScheduleError) -> Double {
        baseLRs[group] * (try PyMath.pow(gamma, Double(PyMath.floorDivide(lastEpoch, stepSize)), parameter: "gamma"))
    }
}

extension StepLR {
    /// `step_size`.
    static let stepSize = Parameter(required: "step-size", IntegerType(), range: .atLeast(1), doc: "Period of lr decay, in epochs.")
    /// `gamma`.
    static let gamma = Parameter("gamma", RealType(), default: 0.1, doc: "Multiplicative factor of lr decay.")
}

extension ScheduleDefinition {
    /// `step` — StepLR.
    public static let step = ScheduleDefinition(
        name: "step", pythonClass: "StepLR",
        summary: "Decay the lr by gamma every step_size epochs.",
        formula: "lr(t) = lr(t-1) * gamma if t > 0 and t % step_size == 0, else lr(t-1)",
        parameters: [StepLR.stepSize, StepLR.gamma],
        example: "step --step-size 5 --gamma 0.9",
        markers: { args, epochs in
            let size = args[StepLR.stepSize]
            guard size > 0, epochs / size <= 12 else { return [] }
            return stride(from: size, to: epochs, by: size).map { ScheduleMarker(Double($0), "×γ") }
        },
        build: { args, context throws(ScheduleError) in
            try StepLR(optimizer: context.optimizer, stepSize: args[StepLR.stepSize], gamma: args[StepLR.gamma], observer: context.observer)
        }
    )
}
