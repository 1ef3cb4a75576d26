/// `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts` (SGDR): cosine annealing from the base
/// lr towards `eta_min` over `T_i` epochs, restarting with `T_i *= T_mult`. It overrides `step()`
/// completely, as PyTorch's class does, and never reaches `eta_min` at integer epochs.
public final class CosineAnnealingWarmRestarts: LRScheduler {
    let t0: Int
    let tMult: Int
    let etaMin: Double
    /// `T_i`: the length of the current cycle.
    private(set) var tI: Int
    /// `T_cur`: epochs since the last restart.
    private(set) var tCur: Int

    /// Constructs the scheduler and takes its initial step.
    public init(optimizer: Adam, t0: Int, tMult: Int, etaMin: Double, observer: (any LRObserver)? = nil) throws(ScheduleError) {
        guard t0 > 0 else { throw ScheduleError(parameter: "t-0", message: "Expected positive integer T_0, but got \(t0)") }
        guard tMult >= 1 else { throw ScheduleError(parameter: "t-mult", message: "Expected integer T_mult >= 1, but got \(tMult)") }
        self.t0 = t0
        self.tMult = tMult
        self.etaMin = etaMin
        tI = t0
        tCur = -1
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    override public func step() throws(ScheduleError) {
        if lastEpoch < 0 {
            // `epoch = 0` given explicitly: below T_0, so T_i = T_0 and T_cur = 0.
            tI = t0
            tCur = 0
            lastEpoch = 0
        } else {
            lastEpoch += 1
            tCur += 1
            if tCur >= tI {
                tCur = tCur % tI
                let (product, overflow) = tI.multipliedReportingOverflow(by: tMult)
                guard !overflow else {
                    throw ScheduleError(parameter: "t-mult", message: "the cycle length T_i * T_mult no longer fits a 64-bit integer")
                }
                tI = product
            }
        }
        try writeLRs(closedForm: false)
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        etaMin + (baseLRs[group] - etaMin) * (1 + cos(Double.pi * Double(tCur) / Double(tI))) / 2
    }
}

extension CosineAnnealingWarmRestarts {
    /// `T_0`.
    static let t0 = Parameter(required: "t-0", python: "T_0", IntegerType(), range: .atLeast(1), doc: "Length of the first cycle, in epochs.",
                              libraryRule: "Expected positive integer T_0")
    /// `T_mult`.
    static let tMult = Parameter("t-mult", python: "T_mult", IntegerType(), default: 1, range: .between(1, 1_000_000),
                                 doc: "Factor by which each cycle is longer than the one before.", libraryRule: "Expected integer T_mult >= 1")
}

extension ScheduleDefinition {
    /// `cosine-warm-restarts` — CosineAnnealingWarmRestarts.
    public static let cosineWarmRestarts = ScheduleDefinition(
        name: "cosine-warm-restarts", aliases: ["sgdr"], pythonClass: "CosineAnnealingWarmRestarts",
        summary: "Cosine annealing with warm restarts every T_i epochs (SGDR), T_i growing by T_mult.",
        formula: "lr(t) = eta_min + (base_lr - eta_min) * (1 + cos(pi * T_cur / T_i)) / 2",
        parameters: [CosineAnnealingWarmRestarts.t0, CosineAnnealingWarmRestarts.tMult, CosineAnnealingLR.etaMin],
        example: "cosine-warm-restarts --t-0 10 --t-mult 2",
        markers: { args, epochs in
            var restarts: [ScheduleMarker] = []
            var at = 0, length = args[CosineAnnealingWarmRestarts.t0]
            let mult = args[CosineAnnealingWarmRestarts.tMult]
            while length > 0 && restarts.count < 24 {
                let (next, overflow) = at.addingReportingOverflow(length)
                guard !overflow, next < epochs else { break }
                at = next
                restarts.append(ScheduleMarker(Double(at), "restart"))
                let (grown, tooLong) = length.multipliedReportingOverflow(by: mult)
                if tooLong { break }
                length = grown
            }
            return restarts.count <= 20 ? restarts : []
        },
        build: { args, context throws(ScheduleError) in
            try CosineAnnealingWarmRestarts(optimizer: context.optimizer, t0: args[CosineAnnealingWarmRestarts.t0],
                                            tMult: args[CosineAnnealingWarmRestarts.tMult], etaMin: args[CosineAnnealingLR.etaMin],
                                            observer: context.observer)
        }
    )
}
