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
        name: "timm.plateau", pythonClass: "PlateauLRScheduler", family: "timm",
        summary: "timm's plateau: warm-up, then torch's ReduceLROnPlateau (mode max by default) on the metric.",
        formula: "epoch ≤ warmup_t: warm-up;  then lr ← max(lr * decay_rate, lr_min) after patience_t epochs without improvement",
        parameters: [
            ParameterSpec("decay-rate", .real, default: .real(0.1), range: Constraint(lower: nil, lowerInclusive: true, upper: 1, upperInclusive: false),
                          doc: "Factor of each reduction.", pytorchRule: "Factor should be < 1.0."),
            ParameterSpec("patience-t", .integer, default: .integer(10), range: .atLeast(0), doc: "Epochs without improvement tolerated."),
            ParameterSpec("threshold", .real, default: .real(1e-4), doc: "Relative improvement margin."),
            ParameterSpec("cooldown-t", .integer, default: .integer(0), range: .atLeast(0), doc: "Epochs to wait after a reduction."),
            .timmWarmupT, .timmWarmupLRInit,
            ParameterSpec("lr-min", .real, default: .real(0), range: .atLeast(0), doc: "Lower bound of the lr."),
            ParameterSpec("mode", .choice(["min", "max"]), default: .choice("max"), doc: "Whether a lower or a higher metric is better (timm: max)."),
        ],
        example: "timm.plateau --patience-t 5 --mode min --warmup-t 3",
        usesMetrics: true,
        markers: { args, epochs in
            let w = args.integer("warmup-t") ?? 0
            return w > 0 && w < epochs ? [ScheduleMarker(Double(w), "warm-up end")] : []
        },
        build: { args, context throws(ScheduleError) in
            try TimmPlateauScheduler(optimizer: context.optimizer, decayRate: args.real("decay-rate") ?? 0.1, patienceT: args.integer("patience-t") ?? 10,
                                     threshold: args.real("threshold") ?? 1e-4, cooldownT: args.integer("cooldown-t") ?? 0,
                                     warmupT: args.integer("warmup-t") ?? 0, warmupLRInit: args.real("warmup-lr-init") ?? 0,
                                     lrMin: args.real("lr-min") ?? 0, mode: ReduceLROnPlateau.Mode(rawValue: args.choice("mode") ?? "max") ?? .max,
                                     observer: context.observer)
        }
    )
}
