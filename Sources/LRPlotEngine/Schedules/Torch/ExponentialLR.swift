/// `torch.optim.lr_scheduler.ExponentialLR`: multiply the lr by `gamma` every epoch.
public final class ExponentialLR: LRScheduler {
    let gamma: Double

    /// Constructs the scheduler and takes its initial step.
    public init(optimizer: Adam, gamma: Double, observer: (any LRObserver)? = nil) throws(ScheduleError) {
        self.gamma = gamma
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        isInitial ? currentLR(group) : currentLR(group) * gamma
    }

    override public var hasClosedForm: Bool { true }

    override public func closedFormLR(forGroup group: Int) throws(ScheduleError) -> Double {
        baseLRs[group] * (try PyMath.pow(gamma, Double(lastEpoch), parameter: "gamma"))
    }
}

extension ExponentialLR {
    /// `gamma` (required, unlike StepLR's).
    static let gamma = Parameter(required: "gamma", RealType(), doc: "Multiplicative factor of lr decay.")
}

extension ScheduleDefinition {
    /// `exponential` — ExponentialLR.
    public static let exponential = ScheduleDefinition(
        name: "exponential", pythonClass: "ExponentialLR",
        summary: "Decay the lr by gamma every epoch.",
        formula: "lr(t) = lr(t-1) * gamma",
        parameters: [ExponentialLR.gamma],
        example: "exponential --gamma 0.9",
        build: { args, context throws(ScheduleError) in
            try ExponentialLR(optimizer: context.optimizer, gamma: args[ExponentialLR.gamma], observer: context.observer)
        }
    )
}
