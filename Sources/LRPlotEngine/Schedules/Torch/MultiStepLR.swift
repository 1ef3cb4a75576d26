/// `torch.optim.lr_scheduler.MultiStepLR`: multiply the lr by `gamma` at each milestone (a
/// milestone listed k times multiplies by `gamma ** k`).
public final class MultiStepLR: LRScheduler {
    let counts: [Int: Int]
    let sortedMilestones: [Int]
    let gamma: Double

    /// Constructs the scheduler and takes its initial step.
    public init(optimizer: Adam, milestones: [Int], gamma: Double, observer: (any LRObserver)? = nil) throws(ScheduleError) {
        var counts: [Int: Int] = [:]
        for m in milestones { counts[m, default: 0] += 1 }
        self.counts = counts
        sortedMilestones = milestones.sorted()
        self.gamma = gamma
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        guard let count = counts[lastEpoch] else { return currentLR(group) }
        return currentLR(group) * pow(gamma, Double(count))
    }

    override public var hasClosedForm: Bool { true }

    override public func closedFormLR(forGroup group: Int) throws(ScheduleError) -> Double {
        let passed = PyMath.bisectRight(sortedMilestones, lastEpoch)
        return baseLRs[group] * (try PyMath.pow(gamma, Double(passed), parameter: "gamma"))
    }
}

extension MultiStepLR {
    /// `milestones`.
    static let milestones = Parameter(required: "milestones", IntegerListType(), doc: "Epochs at which the lr decays (a negative one is never reached; 0 applies at construction).")
}

extension ScheduleDefinition {
    /// `multistep` — MultiStepLR.
    public static let multistep = ScheduleDefinition(
        name: "multistep", pythonClass: "MultiStepLR",
        summary: "Decay the lr by gamma at each milestone epoch.",
        formula: "lr(t) = lr(t-1) * gamma ** (times t is listed in milestones)",
        parameters: [MultiStepLR.milestones, StepLR.gamma],
        example: "multistep --milestones 50,60,70,100 --gamma 0.9",
        markers: { args, epochs in
            Set(args[MultiStepLR.milestones]).sorted().filter { $0 > 0 && $0 < epochs }.map { ScheduleMarker(Double($0), "milestone") }
        },
        warnings: { args, _ in
            let unreachable = args[MultiStepLR.milestones].filter { $0 < 0 }
            guard !unreachable.isEmpty else { return [] }
            return [ScheduleError(parameter: "milestones",
                                  message: "milestone\(unreachable.count == 1 ? "" : "s") \(unreachable.map(String.init).joined(separator: ", ")) can never be reached (epochs count from 0); PyTorch runs as if \(unreachable.count == 1 ? "it were" : "they were") not there")]
        },
        build: { args, context throws(ScheduleError) in
            try MultiStepLR(optimizer: context.optimizer, milestones: args[MultiStepLR.milestones], gamma: args[StepLR.gamma], observer: context.observer)
        }
    )
}
