/// `torch.optim.lr_scheduler.OneCycleLR`: warm up from `max_lr / div_factor` to `max_lr`, then
/// anneal to `initial_lr / final_div_factor` (optionally in three phases), with Adam's beta1
/// annealed inversely between `max_momentum` and `base_momentum`.
public final class OneCycleLR: LRScheduler {
    /// The annealing curve between two values.
    public enum Anneal: String, Sendable, CaseIterable {
        case cos, linear
    }

    /// Which param-group entry a phase starts or ends at.
    enum Anchor {
        case initialLR, maxLR, minLR, maxMomentum, baseMomentum
    }

    struct Phase {
        let endStep: Double
        let startLR: Anchor, endLR: Anchor
        let startMomentum: Anchor, endMomentum: Anchor
    }

    let totalSteps: Int
    let phases: [Phase]
    let anneal: Anneal
    let cycleMomentum: Bool

    /// Constructs the scheduler as PyTorch does (phases, validation, group entries, initial step).
    public init(optimizer: Adam, maxLRs: [Double], totalSteps: Int, pctStart: Double, anneal: Anneal,
                cycleMomentum: Bool, baseMomentums: [Double], maxMomentums: [Double], divFactor: Double,
                finalDivFactor: Double, threePhase: Bool, observer: (any LRObserver)? = nil) throws(ScheduleError) {
        guard totalSteps > 0 else {
            throw ScheduleError(parameter: "total-steps", message: "Expected positive integer total_steps, but got \(totalSteps)")
        }
        self.totalSteps = totalSteps
        let T = Double(totalSteps)
        if threePhase {
            phases = [
                Phase(endStep: pctStart * T - 1, startLR: .initialLR, endLR: .maxLR, startMomentum: .maxMomentum, endMomentum: .baseMomentum),
                Phase(endStep: 2 * pctStart * T - 2, startLR: .maxLR, endLR: .initialLR, startMomentum: .baseMomentum, endMomentum: .maxMomentum),
                Phase(endStep: T - 1, startLR: .initialLR, endLR: .minLR, startMomentum: .maxMomentum, endMomentum: .maxMomentum),
            ]
        } else {
            phases = [
                Phase(endStep: pctStart * T - 1, startLR: .initialLR, endLR: .maxLR, startMomentum: .maxMomentum, endMomentum: .baseMomentum),
                Phase(endStep: T - 1, startLR: .maxLR, endLR: .minLR, startMomentum: .baseMomentum, endMomentum: .maxMomentum),
            ]
        }
        guard pctStart >= 0 && pctStart <= 1 else {
            throw ScheduleError(parameter: "pct-start", message: "Expected float between 0 and 1 pct_start, but got \(PyFormat.repr(pctStart))")
        }
        self.anneal = anneal
        let groups = optimizer.groups.count
        guard maxLRs.count == groups, !cycleMomentum || (baseMomentums.count == groups && maxMomentums.count == groups) else {
            throw ScheduleError(parameter: "max-lr", message: "needs one value per param group")
        }
        guard divFactor != 0 else {
            throw ScheduleError(parameter: "div-factor", message: "0 makes PyTorch raise ZeroDivisionError (initial_lr = max_lr / div_factor)")
        }
        guard finalDivFactor != 0 else {
            throw ScheduleError(parameter: "final-div-factor", message: "0 makes PyTorch raise ZeroDivisionError (min_lr = initial_lr / final_div_factor)")
        }
        for g in 0..<groups {
            let initial = maxLRs[g] / divFactor
            optimizer.groups[g].initialLR = initial
            optimizer.groups[g].maxLR = maxLRs[g]
            optimizer.groups[g].minLR = initial / finalDivFactor
        }
        self.cycleMomentum = cycleMomentum
        if cycleMomentum {
            MomentumCycling.start(optimizer, base: baseMomentums, max: maxMomentums)
        }
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    @inline(__always)
    private static func value(_ anchor: Anchor, _ group: ParamGroup) -> Double {
        switch anchor {
        case .initialLR: return group.initialLR ?? group.lr
        case .maxLR: return group.maxLR ?? group.lr
        case .minLR: return group.minLR ?? group.lr
        case .maxMomentum: return group.maxMomentum ?? group.betas.0
        case .baseMomentum: return group.baseMomentum ?? group.betas.0
        }
    }

    /// `_annealing_cos` / `_annealing_linear`. `cosOut` is `cos(pi * pct) + 1`, computed once per
    /// step for both lr and beta1 (PyTorch computes the same value twice).
    @inline(__always)
    private func annealed(_ start: Double, _ end: Double, _ pct: Double, cosOut: Double) -> Double {
        switch anneal {
        case .cos: return end + (start - end) / 2.0 * cosOut
        case .linear: return (end - start) * pct + start
        }
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        let phase = try currentPhase(at: lastEpoch)
        let entries = optimizer.groups[group]
        let lr = annealed(Self.value(phase.startLR, entries), Self.value(phase.endLR, entries), annealedPct, cosOut: annealedCos)
        if cycleMomentum {
            optimizer.groups[group].betas.0 = annealed(Self.value(phase.startMomentum, entries), Self.value(phase.endMomentum, entries),
                                                       annealedPct, cosOut: annealedCos)
        }
        return lr
    }

    /// All groups in one pass over the optimizer's groups, each exactly as ``lr(forGroup:)``: its lr,
    /// then its beta1 written, group by group (OneCycleLR has no closed form).
    override public func computeLRs(closedForm: Bool, into values: UnsafeMutableBufferPointer<Double>) throws(ScheduleError) {
        let phase = try currentPhase(at: lastEpoch)
        let pct = annealedPct, cosOut = annealedCos, cycles = cycleMomentum
        optimizer.groups.withUnsafeMutableBufferPointer { groups in
            for g in 0..<min(values.count, groups.count) {
                let entries = groups[g]
                values[g] = annealed(Self.value(phase.startLR, entries), Self.value(phase.endLR, entries), pct, cosOut: cosOut)
                if cycles {
                    groups[g].betas.0 = annealed(Self.value(phase.startMomentum, entries), Self.value(phase.endMomentum, entries),
                                                 pct, cosOut: cosOut)
                }
            }
        }
    }

    /// The phase of `stepNumber` (its `pct` and cosine in ``annealedPct`` and ``annealedCos``), or
    /// PyTorch's error for a step past `total_steps`.
    @inline(__always)
    private func currentPhase(at stepNumber: Int) throws(ScheduleError) -> Phase {
        if stepNumber > totalSteps {
            throw ScheduleError(parameter: "total-steps",
                                message: "Tried to step \(stepNumber) times. The specified number of total steps is \(totalSteps) (OneCycleLR cannot run past total_steps; give --total-steps at least the number of steps run)")
        }
        if stepNumber != annealedEpoch { try locate(stepNumber) }
        return phases[annealedPhase]
    }

    /// The step whose phase, `pct` and `cos(pi * pct) + 1` are below: they depend on the step only,
    /// so every group after the first reuses them (same bits, one `cos` per step).
    private var annealedEpoch = Int.min
    private var annealedPhase = 0
    private var annealedPct = 0.0
    private var annealedCos = 0.0

    /// Finds `stepNumber`'s phase and computes its `pct` (PyTorch's loop over `_schedule_phases`).
    private func locate(_ stepNumber: Int) throws(ScheduleError) {
        var startStep = 0.0
        for i in phases.indices {
            let endStep = phases[i].endStep
            if Double(stepNumber) <= endStep || i == phases.count - 1 {
                let pct = try PyMath.divide(Double(stepNumber) - startStep, endStep - startStep, parameter: "pct-start",
                                            what: "OneCycleLR: a phase of zero length (pct_start * total_steps makes a phase empty)")
                annealedPhase = i
                annealedPct = pct
                annealedCos = anneal == .cos ? cos(Double.pi * pct) + 1 : 0
                annealedEpoch = stepNumber
                return
            }
            startStep = endStep
        }
    }
}

extension OneCycleLR {
    /// `max_lr`.
    static let maxLR = Parameter(required: "max-lr", PerGroupRealType(), range: .atLeast(0), doc: "Peak lr, per param group.")
    /// `total_steps`; unset means `epochs * steps_per_epoch`, else the run length.
    static let totalStepsKey = OptionalParameter("total-steps", IntegerType(), unset: "--epochs", range: .atLeast(1), doc: "Length of the cycle in steps.",
                                                 libraryRule: "Expected positive integer total_steps")
    /// `epochs` (Python form only: `--epochs` is the run length).
    static let epochs = OptionalParameter("epochs", IntegerType(), range: .atLeast(1), doc: "With steps_per_epoch, sets total_steps = epochs * steps_per_epoch.",
                                          libraryRule: "Expected positive integer epochs", pythonOnly: true)
    /// `steps_per_epoch` (Python form only).
    static let stepsPerEpoch = OptionalParameter("steps-per-epoch", IntegerType(), range: .atLeast(1),
                                                 doc: "With epochs, sets total_steps = epochs * steps_per_epoch.",
                                                 libraryRule: "Expected positive integer steps_per_epoch", pythonOnly: true)
    /// `pct_start`.
    static let pctStart = Parameter("pct-start", RealType(), default: 0.3, range: .between(0, 1), doc: "Fraction of the cycle spent warming up.",
                                    libraryRule: "Expected float between 0 and 1 pct_start", requiresPythonFloat: true)
    /// `anneal_strategy`.
    static let annealStrategy = Parameter("anneal-strategy", EnumType<Anneal>(), default: .cos, doc: "Annealing curve.",
                                          libraryRule: "anneal_strategy must be one of 'cos' or 'linear'")
    /// `cycle_momentum`, `base_momentum`, `max_momentum`.
    static let momentum = MomentumKeys(base: 0.85, max: 0.95)
    /// `div_factor`.
    static let divFactor = Parameter("div-factor", RealType(), default: 25, range: .greaterThan(0), doc: "initial_lr = max_lr / div_factor.")
    /// `final_div_factor`.
    static let finalDivFactor = Parameter("final-div-factor", RealType(), default: 1e4, range: .greaterThan(0), doc: "min_lr = initial_lr / final_div_factor.")
    /// `three_phase`.
    static let threePhase = Parameter("three-phase", SwitchType(), default: false, doc: "Anneal back to initial_lr before the final decay (fastai's variant).")

    /// `total_steps` as OneCycleLR's constructor derives it, or its error.
    static func totalSteps(_ args: ScheduleArguments, runLength: Int) throws(ScheduleError) -> Int {
        if let given = args[totalStepsKey] { return given }
        if let epochs = args[epochs], let perEpoch = args[stepsPerEpoch] {
            let (product, overflow) = epochs.multipliedReportingOverflow(by: perEpoch)
            guard !overflow else { throw ScheduleError(parameter: "steps-per-epoch", message: "epochs * steps_per_epoch is too large") }
            return product
        }
        if args.isGiven(epochs) || args.isGiven(stepsPerEpoch) {
            throw ScheduleError(parameter: args.isGiven(epochs) ? "steps-per-epoch" : "epochs",
                                message: "You must define either total_steps OR (epochs AND steps_per_epoch)")
        }
        return runLength
    }
}

extension ScheduleDefinition {
    /// `onecycle` — OneCycleLR.
    public static let onecycle = ScheduleDefinition(
        name: "onecycle", pythonClass: "OneCycleLR",
        summary: "The 1cycle policy: warm up to max_lr, then anneal far below the start (beta1 inversely).",
        formula: "lr: max_lr/div_factor → max_lr over pct_start·total_steps, then → initial_lr/final_div_factor (cos or linear)",
        parameters: [OneCycleLR.maxLR, OneCycleLR.totalStepsKey, OneCycleLR.epochs, OneCycleLR.stepsPerEpoch, OneCycleLR.pctStart,
                     OneCycleLR.annealStrategy] + OneCycleLR.momentum.all
            + [OneCycleLR.divFactor, OneCycleLR.finalDivFactor, OneCycleLR.threePhase],
        example: "onecycle --max-lr 0.1 --epochs 1000",
        markers: { args, epochs in
            guard let total = try? OneCycleLR.totalSteps(args, runLength: epochs) else { return [] }
            let pct = args[OneCycleLR.pctStart]
            var marks = [ScheduleMarker(pct * Double(total) - 1, "peak")]
            if args[OneCycleLR.threePhase] { marks.append(ScheduleMarker(2 * pct * Double(total) - 2, "back to initial")) }
            return marks.filter { $0.epoch > 0 && $0.epoch < Double(epochs) }
        },
        build: { args, context throws(ScheduleError) in
            let groups = context.optimizer.groups.count
            let totalSteps = try OneCycleLR.totalSteps(args, runLength: context.epochs)
            if let steps = context.stepsAfterConstruction, steps > totalSteps {
                throw ScheduleError(parameter: "total-steps",
                                    message: "the run takes \(steps) steps but total_steps is \(totalSteps); PyTorch raises 'Tried to step \(totalSteps + 1) times. The specified number of total steps is \(totalSteps)'. Give --total-steps ≥ --epochs (or fewer --epochs)")
            }
            return try OneCycleLR(optimizer: context.optimizer, maxLRs: try args.perGroup(OneCycleLR.maxLR, groups: groups),
                                  totalSteps: totalSteps, pctStart: args[OneCycleLR.pctStart], anneal: args[OneCycleLR.annealStrategy],
                                  cycleMomentum: args[OneCycleLR.momentum.cycle],
                                  baseMomentums: try args.perGroup(OneCycleLR.momentum.base, groups: groups),
                                  maxMomentums: try args.perGroup(OneCycleLR.momentum.max, groups: groups),
                                  divFactor: args[OneCycleLR.divFactor], finalDivFactor: args[OneCycleLR.finalDivFactor],
                                  threePhase: args[OneCycleLR.threePhase], observer: context.observer)
        }
    )
}
