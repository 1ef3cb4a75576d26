extension TimmKeys {
    /// `decay_rate` of the plateau scheduler.
    static let plateauDecayRate = Parameter("decay-rate", RealType(), default: 0.1, range: Constraint(lower: nil, lowerInclusive: true, upper: 1, upperInclusive: false),
                                            doc: "Factor of each reduction.", libraryRule: "Factor should be < 1.0.")
    /// `patience_t`.
    static let patienceT = Parameter("patience-t", IntegerType(), default: 10, range: .atLeast(0), doc: "Epochs without improvement tolerated.")
    /// `threshold`.
    static let plateauThreshold = Parameter("threshold", RealType(), default: 1e-4, doc: "Relative improvement margin.")
    /// `cooldown_t`.
    static let cooldownT = Parameter("cooldown-t", IntegerType(), default: 0, range: .atLeast(0), doc: "Epochs to wait after a reduction.")
    /// `lr_min` of the plateau scheduler.
    static let plateauLRMin = Parameter("lr-min", RealType(), default: 0, range: .atLeast(0), doc: "Lower bound of the lr.")
    /// `mode` (timm's default is max).
    static let plateauMode = Parameter("mode", EnumType<ReduceLROnPlateau.Mode>(), default: .max, doc: "Whether a lower or a higher metric is better (timm: max).")
}

/// timm's `PlateauLRScheduler`: a warm-up (inclusive of `warmup_t`), then torch's
/// ReduceLROnPlateau (mode `max` by default) stepped with the metric of each epoch.
public final class TimmPlateauScheduler: TimmScheduler {
    let plateau: ReduceLROnPlateau

    init(optimizer: Adam, decayRate: Double, patienceT: Int, threshold: Double, cooldownT: Int, warmupT: Int, warmupLRInit: Double,
         lrMin: Double, mode: ReduceLROnPlateau.Mode, observer: (any LRObserver)?) throws(ScheduleError) {
        plateau = try ReduceLROnPlateau(optimizer: optimizer, mode: mode, factor: decayRate, patience: patienceT, threshold: threshold,
                                        thresholdMode: .rel, cooldown: cooldownT,
                                        minLRs: Array(repeating: lrMin, count: optimizer.groups.count), eps: 1e-8, observer: nil)
        super.init(optimizer: optimizer, warmupT: warmupT, warmupLRInit: warmupLRInit, noise: nil, observer: observer)
        // The wrapped scheduler was built before the groups were set to their base values.
        setUpWarmup(towards: baseValues)
        reportLRs()
    }

    override public var needsMetric: Bool { true }

    override public func step(metric: Double) throws(ScheduleError) {
        lastEpoch += 1
        if lastEpoch <= warmupT {
            for g in optimizer.groups.indices {
                let value = warmupLR(lastEpoch, group: g)
                optimizer.groups[g].lr = value
                observer?.adjusted(group: g, to: value)
            }
            return
        }
        let before = optimizer.groups.map(\.lr)
        try plateau.step(metric: metric)
        for g in optimizer.groups.indices where optimizer.groups[g].lr != before[g] {
            observer?.reduced(group: g, to: optimizer.groups[g].lr, epoch: plateau.lastEpoch)
        }
    }
}

extension ScheduleDefinition {
    /// `timm.plateau` — timm's `PlateauLRScheduler` (no noise in lrplot).
    public static let timmPlateau = ScheduleDefinition(
        name: "timm.plateau", pythonClass: "PlateauLRScheduler", family: .timm,
        summary: "timm's plateau: warm-up, then torch's ReduceLROnPlateau (mode max by default) on the metric.",
        formula: "epoch ≤ warmup_t: warm-up;  then lr ← max(lr * decay_rate, lr_min) after patience_t epochs without improvement",
        parameters: [TimmKeys.plateauDecayRate, TimmKeys.patienceT, TimmKeys.plateauThreshold, TimmKeys.cooldownT,
                     TimmKeys.warmupT, TimmKeys.warmupLRInit, TimmKeys.plateauLRMin, TimmKeys.plateauMode],
        example: "timm.plateau --patience-t 5 --mode min --warmup-t 3",
        usesMetrics: true,
        markers: { args, epochs in
            let w = args[TimmKeys.warmupT]
            return w > 0 && w < epochs ? [ScheduleMarker(Double(w), "warm-up end")] : []
        },
        build: { args, context throws(ScheduleError) in
            try TimmPlateauScheduler(optimizer: context.optimizer, decayRate: args[TimmKeys.plateauDecayRate], patienceT: args[TimmKeys.patienceT],
                                     threshold: args[TimmKeys.plateauThreshold], cooldownT: args[TimmKeys.cooldownT],
                                     warmupT: args[TimmKeys.warmupT], warmupLRInit: args[TimmKeys.warmupLRInit],
                                     lrMin: args[TimmKeys.plateauLRMin], mode: args[TimmKeys.plateauMode],
                                     observer: context.observer)
        }
    )
}
