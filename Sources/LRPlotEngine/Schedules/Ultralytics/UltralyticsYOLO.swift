import Foundation

/// What the YOLO trainer derives before its loop (`_build_train_pipeline`, `build_optimizer`,
/// `_setup_scheduler`, `_get_warmup_iterations`), from its arguments.
public struct YOLOPlan: Sendable, Equatable {
    /// `nb = len(train_loader)`: batches per epoch.
    public var nb: Int
    /// `epochs`.
    public var epochs: Int
    /// `nw`: the last warm-up batch (0: no warm-up).
    public var nw: Int
    /// `acc0`: the nominal gradient accumulation, `max(round(nbs / batch), 1)` capped at `nb * epochs`.
    public var acc0: Int
    /// The optimizer the trainer builds (never `auto`: what `auto` picked).
    public var optimizer: YOLOOptimizer
    /// The lr every group is built with when `auto` picked it; nil: each group's lr (`lr0`, `--lr`).
    public var lr: Double?
    /// The momentum the groups are built with (`momentum`, or 0.9 under `auto`).
    public var groupMomentum: Double
    /// `args.momentum`: the warm-up's momentum target (even under `auto`).
    public var momentumTarget: Double
    /// `warmup_bias_lr` (0.0 under `auto`).
    public var warmupBiasLR: Double
    /// `warmup_momentum`.
    public var warmupMomentum: Double
    /// `lrf`.
    public var lrf: Double
    /// `cos_lr`.
    public var cosine: Bool

    /// The epoch factor `lf(e)`: linear `max(1 - e / epochs, 0) * (1 - lrf) + lrf`, or
    /// `one_cycle(1, lrf, epochs)`: `max((1 - cos(e * pi / epochs)) / 2, 0) * (lrf - 1) + 1`.
    @inline(__always) public func factor(_ e: Int) -> Double {
        if cosine { return DSMath.max((1 - cos(Double(e) * Double.pi / Double(epochs))) / 2, 0) * (lrf - 1) + 1 }
        return DSMath.max(1 - Double(e) / Double(epochs), 0) * (1.0 - lrf) + lrf
    }

    /// `np.interp(x, [0, nw], [a, b])` for `0 <= x <= nw`: the end points exactly, else `slope * x + a`.
    @inline(__always) public func interp(_ x: Int, _ a: Double, _ b: Double) -> Double {
        if x == 0 { return a }
        if x == nw { return b }
        let slope = (b - a) / Double(nw)
        return slope * Double(x) + a
    }

    /// `accumulate` at warm-up batch `ni`: `max(1, int(np.interp(ni, [0, nw], [1, acc0]).round()))`.
    @inline(__always) public func accumulate(_ ni: Int) -> Int {
        Swift.max(1, Int(interp(ni, 1, Double(acc0)).rounded(.toNearestOrEven)))
    }

    /// The batches (`ni`) at which the optimizer steps, in order (`ni - last_opt_step >= accumulate`).
    public func optimizerSteps(limit: Int = .max) -> [Int] {
        var steps: [Int] = [], last = -1, accumulate = acc0
        var ni = 0
        let batches = nb * epochs
        while ni < batches && steps.count < limit {
            if nw > 0 && ni <= nw { accumulate = self.accumulate(ni) }
            if ni - last >= accumulate {
                steps.append(ni)
                last = ni
            }
            ni += 1
        }
        return steps
    }
}

/// The trainer's batch loop (`_do_train`), one batch at a time: at an epoch's first batch the
/// `LambdaLR` step (`initial_lr * lf(epoch)` into every group), then over the first `nw` batches
/// the `np.interp` warm-up of accumulate, lr (the bias group from `warmup_bias_lr`, the others from
/// 0, toward `initial_lr * lf(epoch)`) and, for momentum-keyed groups, momentum; then whether the
/// optimizer steps on this batch (`ni - last_opt_step >= accumulate`).
public struct YOLOBatchLoop: Sendable {
    /// The trainer's derived numbers.
    public let plan: YOLOPlan
    /// The index of the bias group (the trainer's third), or -1 for none.
    public let biasGroup: Int
    /// Each group's `initial_lr`.
    public let initialLRs: [Double]
    /// `ni` of the last batch run (-1 before the first).
    public private(set) var ni = -1
    private var lastOptimizerStep = -1
    private var accumulate: Int

    /// A loop over groups whose `initial_lr`s are `initialLRs`.
    public init(plan: YOLOPlan, biasGroup: Int, initialLRs: [Double]) {
        self.plan = plan
        self.biasGroup = biasGroup
        self.initialLRs = initialLRs
        accumulate = plan.acc0
    }

    /// Runs the next batch's schedule code on `groups` (lr, and beta1 for the momentum); returns
    /// whether the optimizer steps on it, or nil after the trainer's last batch (groups untouched).
    public mutating func next(_ groups: inout [ParamGroup]) -> Bool? {
        guard ni + 1 < plan.nb * plan.epochs else { return nil }
        ni += 1
        let epoch = ni / plan.nb
        if ni % plan.nb == 0 {
            for g in groups.indices { groups[g].lr = initialLRs[g] * plan.factor(epoch) }
        }
        if plan.nw > 0 && ni <= plan.nw {
            accumulate = plan.accumulate(ni)
            for g in groups.indices {
                groups[g].lr = plan.interp(ni, g == biasGroup ? plan.warmupBiasLR : 0.0, initialLRs[g] * plan.factor(epoch))
                if plan.optimizer.hasMomentumKey { groups[g].betas.0 = plan.interp(ni, plan.warmupMomentum, plan.momentumTarget) }
            }
        }
        guard ni - lastOptimizerStep >= accumulate else { return false }
        lastOptimizerStep = ni
        return true
    }
}

/// The YOLO trainer's lr and momentum per optimizer update: `LambdaLR` with the epoch factor
/// `lf`, stepped at the start of every epoch, and over the first `nw` batches a per-batch
/// `np.interp` warm-up from 0 (the bias group: from `warmup_bias_lr`) toward `initial_lr * lf(epoch)`,
/// a target that moves at every epoch boundary; momentum-keyed groups warm from `warmup_momentum`.
/// A row is an optimizer update, taken at the batches where accumulation fires.
public final class UltralyticsYOLO: LRScheduler {
    private var loop: YOLOBatchLoop

    init(optimizer: Adam, plan: YOLOPlan, biasGroup: Int, observer: (any LRObserver)?) throws(ScheduleError) {
        for g in optimizer.groups.indices {
            if let lr = plan.lr { optimizer.groups[g].lr = lr }
            optimizer.groups[g].betas.0 = plan.groupMomentum
        }
        loop = YOLOBatchLoop(plan: plan, biasGroup: biasGroup, initialLRs: optimizer.groups.map(\.lr))
        super.init(attachingTo: optimizer, lastEpoch: -1, observer: observer)
        advance()
        reportLRs()
    }

    override public func step() throws(ScheduleError) {
        advance()
        reportLRs()
    }

    /// Runs the trainer's batches up to the next one on which the optimizer steps. After the
    /// trainer's last batch there is no further update (the serial loop still steps once after the
    /// last row; the values stay and are never used).
    private func advance() {
        while let stepped = loop.next(&optimizer.groups) {
            lastEpoch = loop.ni / loop.plan.nb
            if stepped { return }
        }
    }
}
