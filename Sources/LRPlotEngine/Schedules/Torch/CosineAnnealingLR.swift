/// `torch.optim.lr_scheduler.CosineAnnealingLR` with PyTorch's chainable recursion (not the
/// closed form): it reaches `eta_min` at `T_max` and, unclamped, rises again with period `2·T_max`.
public final class CosineAnnealingLR: LRScheduler {
    let tMax: Int
    let etaMin: Double

    /// Constructs the scheduler and takes its initial step.
    public init(optimizer: Adam, tMax: Int, etaMin: Double, observer: (any LRObserver)? = nil) throws(ScheduleError) {
        self.tMax = tMax
        self.etaMin = etaMin
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        let t = Double(lastEpoch), T = Double(tMax)
        if isInitial { return currentLR(group) }
        if stepCount == 1 && lastEpoch > 0 {
            return etaMin + (baseLRs[group] - etaMin) * (1 + cos(t * Double.pi / T)) / 2
        }
        let period = 2 * tMax
        let phase = (lastEpoch - 1 - tMax) % period
        if phase == 0 {
            return currentLR(group) + (baseLRs[group] - etaMin) * (1 - cos(Double.pi / T)) / 2
        }
        return (1 + cos(Double.pi * t / T)) / (1 + cos(Double.pi * (t - 1) / T)) * (currentLR(group) - etaMin) + etaMin
    }

    override public var hasClosedForm: Bool { true }

    override public func closedFormLR(forGroup group: Int) throws(ScheduleError) -> Double {
        etaMin + (baseLRs[group] - etaMin) * (1 + cos(Double.pi * Double(lastEpoch) / Double(tMax))) / 2
    }
}

extension CosineAnnealingLR {
    /// `T_max`.
    static let tMax = Parameter(required: "t-max", python: "T_max", IntegerType(), range: .atLeast(1), doc: "Half-period of the cosine, in epochs.")
    /// `eta_min`.
    static let etaMin = Parameter("eta-min", RealType(), default: 0, doc: "Minimum learning rate.")
}

extension ScheduleDefinition {
    /// `cosine` — CosineAnnealingLR.
    public static let cosine = ScheduleDefinition(
        name: "cosine", pythonClass: "CosineAnnealingLR",
        summary: "Cosine annealing from the base lr to eta_min over T_max epochs (then back up).",
        formula: "lr(t) = eta_min + (base_lr - eta_min) * (1 + cos(pi * t / T_max)) / 2, applied recursively",
        parameters: [CosineAnnealingLR.tMax, CosineAnnealingLR.etaMin],
        example: "cosine --t-max 30 --eta-min 0.001",
        markers: { args, epochs in
            let tMax = args[CosineAnnealingLR.tMax]
            guard tMax > 0, epochs / tMax <= 12 else { return [] }
            return stride(from: tMax, to: epochs, by: tMax).enumerated().map { ScheduleMarker(Double($0.element), $0.offset % 2 == 0 ? "η_min" : "base lr") }
        },
        build: { args, context throws(ScheduleError) in
            try CosineAnnealingLR(optimizer: context.optimizer, tMax: args[CosineAnnealingLR.tMax], etaMin: args[CosineAnnealingLR.etaMin], observer: context.observer)
        }
    )
}
