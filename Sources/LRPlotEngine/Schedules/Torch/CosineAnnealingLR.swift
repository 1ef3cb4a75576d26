/// `torch.optim.lr_scheduler.CosineAnnealingLR` with PyTorch's chainable recursion (not the
/// closed form): it reaches `eta_min` at `T_max` and, unclamped, rises again with period `2·T_max`.
public final class CosineAnnealingLR: LRScheduler {
    let tMax: Double
    let etaMin: Double

    /// Constructs the scheduler and takes its initial step. `tMax` may be a float, as in PyTorch
    /// (an int's value is exact as a Double, so the arithmetic is the same for both).
    public init(optimizer: Adam, tMax: Double, etaMin: Double, observer: (any LRObserver)? = nil) throws(ScheduleError) {
        self.tMax = tMax
        self.etaMin = etaMin
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        let t = Double(lastEpoch), T = tMax
        if isInitial { return currentLR(group) }
        if stepCount == 1 && lastEpoch > 0 {
            return etaMin + (baseLRs[group] - etaMin) * (1 + cos(t * Double.pi / T)) / 2
        }
        // `(last_epoch - 1 - T_max) % (2 * T_max) == 0`: Python's `%` is zero exactly when fmod is.
        if fmod(t - 1 - T, 2 * T) == 0 {
            return currentLR(group) + (baseLRs[group] - etaMin) * (1 - cos(Double.pi / T)) / 2
        }
        return (1 + cos(Double.pi * t / T)) / (1 + cos(Double.pi * (t - 1) / T)) * (currentLR(group) - etaMin) + etaMin
    }

    override public var hasClosedForm: Bool { true }

    override public func closedFormLR(forGroup group: Int) throws(ScheduleError) -> Double {
        etaMin + (baseLRs[group] - etaMin) * (1 + cos(Double.pi * Double(lastEpoch) / tMax)) / 2
    }
}

extension CosineAnnealingLR {
    /// `T_max`.
    static let tMax = Parameter(required: "t-max", python: "T_max", NumberType(), range: .greaterThan(0), doc: "Half-period of the cosine, in epochs (an int or a float).")
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
            let tMax = args[CosineAnnealingLR.tMax].value
            guard tMax >= 1, Double(epochs) / tMax <= 12 else { return [] }
            return stride(from: tMax, to: Double(epochs), by: tMax).enumerated().map { ScheduleMarker($0.element, $0.offset % 2 == 0 ? "η_min" : "base lr") }
        },
        build: { args, context throws(ScheduleError) in
            try CosineAnnealingLR(optimizer: context.optimizer, tMax: args[CosineAnnealingLR.tMax].value, etaMin: args[CosineAnnealingLR.etaMin], observer: context.observer)
        }
    )
}
