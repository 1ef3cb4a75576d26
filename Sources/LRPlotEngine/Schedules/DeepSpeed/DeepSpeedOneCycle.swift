import Foundation

/// DeepSpeed's `OneCycle`: lr up from `cycle_min_lr` to `cycle_max_lr` over
/// `cycle_first_step_size` iterations and back over `cycle_second_step_size` (optionally in
/// stairs), then a decay; Adam's beta1 cycles inversely between `cycle_max_mom` and
/// `cycle_min_mom`, and its beta2 is overwritten with 0.99 (DeepSpeed writes `betas = (mom, 0.99)`).
public final class DeepSpeedOneCycle: DeepSpeedScheduler {
    let minLRs: [Double], maxLRs: [Double]
    let decayLRRate: Double
    let firstStepSize: Double, secondStepSize: Double, totalSize: Double, stepRatio: Double
    let firstStairCount: Int, secondStairCount: Int
    let decayStepSize: Double
    let cycleMomentum: Bool
    let minMoms: [Double], maxMoms: [Double]
    let decayMomRate: Double
    let skipLRDecay: Bool, skipMomDecay: Bool

    /// DeepSpeed's beta2 in every `betas` tuple it writes.
    static let beta2 = 0.99

    init(optimizer: Adam, minLRs: [Double], maxLRs: [Double], decayLRRate: Double, firstStepSize: Double, secondStepSize: Double?,
         firstStairCount: Int, secondStairCount: Int?, decayStepSize: Double, cycleMomentum: Bool, minMoms: [Double], maxMoms: [Double],
         decayMomRate: Double, observer: (any LRObserver)?) throws(ScheduleError) {
        // _initialize_cycle
        let second = secondStepSize ?? firstStepSize
        guard firstStepSize > 0 else {
            throw ScheduleError(parameter: "cycle-first-step-size", message: "cycle_first_step_size must be positive, got \(PyFormat.repr(firstStepSize))")
        }
        guard !(second < 0) else {
            throw ScheduleError(parameter: "cycle-second-step-size", message: "cycle_second_step_size must be non-negative, got \(PyFormat.repr(second))")
        }
        self.firstStepSize = firstStepSize
        self.secondStepSize = second
        totalSize = firstStepSize + second
        stepRatio = firstStepSize / totalSize
        self.firstStairCount = firstStairCount
        self.secondStairCount = secondStairCount ?? firstStairCount
        self.decayStepSize = decayStepSize
        var skipLR = DSMath.isCloseToZero(decayStepSize), skipMom = skipLR
        // _initialize_lr
        self.minLRs = minLRs
        self.maxLRs = maxLRs
        for g in optimizer.groups.indices { optimizer.groups[g].lr = minLRs[g] }
        self.decayLRRate = decayLRRate
        if DSMath.isCloseToZero(decayLRRate) { skipLR = true }
        // _initialize_momentum (torch's Adam has `betas` in its defaults)
        self.cycleMomentum = cycleMomentum
        self.minMoms = minMoms
        self.maxMoms = maxMoms
        self.decayMomRate = decayMomRate
        if cycleMomentum {
            for g in optimizer.groups.indices { optimizer.groups[g].betas = (minMoms[g], DeepSpeedOneCycle.beta2) }
            if DSMath.isCloseToZero(decayMomRate) { skipMom = true }
        }
        skipLRDecay = skipLR
        skipMomDecay = skipMom
        super.init(attachingTo: optimizer, observer: observer)
        reportLRs()
    }

    /// `_get_scale_factor()`.
    private func scaleFactor() -> Double {
        let batchIteration = iteration + 1
        let cycle = (1 + Double(batchIteration) / totalSize).rounded(.down)
        let x = 1.0 + Double(batchIteration) / totalSize - cycle
        var scale: Double
        let stairs: Int
        if x <= stepRatio {
            scale = x / stepRatio
            stairs = firstStairCount
        } else {
            scale = (x - 1) / (stepRatio - 1)
            stairs = secondStairCount
        }
        if stairs > 0 {
            let cycleIteration = PyArithmetic.floorDivMod(Double(batchIteration), totalSize).mod
            let position: Double
            if cycleIteration <= firstStepSize {
                position = cycleIteration * Double(stairs) / firstStepSize
            } else {
                position = (totalSize - cycleIteration) * Double(stairs) / secondStepSize
            }
            scale = position.rounded(.down) / Double(stairs)
        }
        return scale
    }

    /// The value of the step being computed, shared by lr and momentum (both read the same iteration).
    private var scaleEpoch = Int.min
    private var scale = 0.0

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        let it = iteration
        if Double(it) < totalSize {
            if scaleEpoch != it { scale = scaleFactor(); scaleEpoch = it }
            if cycleMomentum {
                let momentum = maxMoms[group] - (maxMoms[group] - minMoms[group]) * scale
                optimizer.groups[group].betas = (momentum, DeepSpeedOneCycle.beta2)
            }
            return minLRs[group] + (maxLRs[group] - minLRs[group]) * scale
        }
        let decayIteration = Double(it) - totalSize + 1
        if cycleMomentum {
            let momentum: Double
            if skipMomDecay {
                momentum = maxMoms[group]
            } else {
                momentum = maxMoms[group] * (1 + decayMomRate * (decayIteration / decayStepSize))
            }
            optimizer.groups[group].betas = (momentum, DeepSpeedOneCycle.beta2)
        }
        if skipLRDecay { return minLRs[group] }
        return minLRs[group] / (1 + decayLRRate * (decayIteration / decayStepSize))
    }
}

extension DeepSpeedOneCycle {
    static let cycleMinLR = Parameter(required: "cycle-min-lr", PerGroupRealType(), doc: "lr at the cycle's ends, per param group.")
    static let cycleMaxLR = Parameter(required: "cycle-max-lr", PerGroupRealType(), doc: "lr at the cycle's peak, per param group.")
    static let decayLRRate = Parameter("decay-lr-rate", RealType(), default: 0.0, doc: "After the cycle: lr = cycle_min_lr / (1 + rate * d / decay_step_size).")
    static let firstStepSize = Parameter("cycle-first-step-size", RealType(), default: 2000, range: .greaterThan(0),
                                         doc: "Iterations of the rising half.", libraryRule: "cycle_first_step_size must be positive")
    static let secondStepSize = OptionalParameter("cycle-second-step-size", RealType(), unset: "cycle_first_step_size", range: .atLeast(0),
                                                  doc: "Iterations of the falling half.", libraryRule: "cycle_second_step_size must be non-negative")
    static let firstStairCount = Parameter("cycle-first-stair-count", IntegerType(), default: 0, doc: "Stairs in the rising half (0: continuous).")
    static let secondStairCount = OptionalParameter("cycle-second-stair-count", IntegerType(), unset: "cycle_first_stair_count",
                                                    doc: "Stairs in the falling half.")
    static let decayStepSize = Parameter("decay-step-size", RealType(), default: 0, doc: "Iterations per decay interval after the cycle (0: no decay).")
    static let cycleMomentum = Parameter("cycle-momentum", SwitchType(), default: true,
                                         doc: "Cycle Adam's beta1 inversely to the lr, and set beta2 to 0.99 (--no-cycle-momentum: off).")
    static let cycleMinMom = Parameter("cycle-min-mom", PerGroupRealType(), default: [0.8], doc: "beta1 at the lr peak, per param group.")
    static let cycleMaxMom = Parameter("cycle-max-mom", PerGroupRealType(), default: [0.9], doc: "beta1 at the cycle's ends, per param group.")
    static let decayMomRate = Parameter("decay-mom-rate", RealType(), default: 0.0, doc: "After the cycle: beta1 = cycle_max_mom * (1 + rate * d / decay_step_size).")
}

extension ScheduleDefinition {
    /// `deepspeed.one_cycle` — DeepSpeed's `OneCycle`.
    public static let deepspeedOneCycle = ScheduleDefinition(
        name: "deepspeed.one_cycle", pythonClass: "OneCycle", family: .deepspeed,
        summary: "DeepSpeed's 1cycle: linear up and down between cycle_min_lr and cycle_max_lr (beta1 inversely, beta2 set to 0.99), then decay.",
        formula: "min + (max - min) * s, s the triangle (or stairs) of (it + 1) over first + second steps; then min / (1 + rate * d / decay_step_size)",
        parameters: [DeepSpeedOneCycle.cycleMinLR, DeepSpeedOneCycle.cycleMaxLR, DeepSpeedOneCycle.decayLRRate, DeepSpeedOneCycle.firstStepSize,
                     DeepSpeedOneCycle.secondStepSize, DeepSpeedOneCycle.firstStairCount, DeepSpeedOneCycle.secondStairCount,
                     DeepSpeedOneCycle.decayStepSize, DeepSpeedOneCycle.cycleMomentum, DeepSpeedOneCycle.cycleMinMom, DeepSpeedOneCycle.cycleMaxMom,
                     DeepSpeedOneCycle.decayMomRate],
        example: "deepspeed.one_cycle --cycle-min-lr 0.001 --cycle-max-lr 0.01 --cycle-first-step-size 100 --epochs 300",
        markers: { args, epochs in
            let first = args[DeepSpeedOneCycle.firstStepSize], second = args[DeepSpeedOneCycle.secondStepSize] ?? first
            // Update u uses iteration u - 1, whose scale reads (u - 1) + 1 = u.
            return [ScheduleMarker(first, "peak"), ScheduleMarker(first + second, "decay")]
                .filter { $0.epoch > 0 && $0.epoch < Double(epochs) }
        },
        warnings: { args, _ in
            guard args[DeepSpeedOneCycle.cycleMomentum] else { return [] }
            return [ScheduleError(parameter: DeepSpeedOneCycle.cycleMomentum.spec.name,
                                  message: "DeepSpeed's OneCycle writes betas = (momentum, 0.99): Adam's beta2 becomes 0.99 whatever --betas says (--no-cycle-momentum keeps it)")]
        },
        build: { args, context throws(ScheduleError) in
            let groups = context.optimizer.groups.count
            typealias K = DeepSpeedOneCycle
            return try DeepSpeedOneCycle(
                optimizer: context.optimizer,
                minLRs: try DSMath.perGroup(args, K.cycleMinLR, name: "cycle_min_lr", groups: groups),
                maxLRs: try DSMath.perGroup(args, K.cycleMaxLR, name: "cycle_max_lr", groups: groups),
                decayLRRate: args[K.decayLRRate], firstStepSize: args[K.firstStepSize], secondStepSize: args[K.secondStepSize],
                firstStairCount: args[K.firstStairCount], secondStairCount: args[K.secondStairCount], decayStepSize: args[K.decayStepSize],
                cycleMomentum: args[K.cycleMomentum],
                minMoms: try DSMath.perGroup(args, K.cycleMinMom, name: "cycle_min_mom", groups: groups),
                maxMoms: try DSMath.perGroup(args, K.cycleMaxMom, name: "cycle_max_mom", groups: groups),
                decayMomRate: args[K.decayMomRate], observer: context.observer)
        }
    )
}
