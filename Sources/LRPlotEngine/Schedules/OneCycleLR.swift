/// `torch.optim.lr_scheduler.OneCycleLR`: warm up from `max_lr / div_factor` to `max_lr`, then
/// anneal to `initial_lr / final_div_factor` (optionally in three phases), with Adam's beta1
/// annealed inversely between `max_momentum` and `base_momentum`.
public final class OneCycleLR: LRScheduler {
    /// The annealing curve between two values.
    public enum Anneal: String, Sendable {
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
    private func value(_ anchor: Anchor, _ g: Int) -> Double {
        switch anchor {
        case .initialLR: return optimizer.groups[g].initialLR ?? optimizer.groups[g].lr
        case .maxLR: return optimizer.groups[g].maxLR ?? optimizer.groups[g].lr
        case .minLR: return optimizer.groups[g].minLR ?? optimizer.groups[g].lr
        case .maxMomentum: return optimizer.groups[g].maxMomentum ?? optimizer.groups[g].betas.0
        case .baseMomentum: return optimizer.groups[g].baseMomentum ?? optimizer.groups[g].betas.0
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
        let stepNumber = lastEpoch
        if stepNumber > totalSteps {
            throw ScheduleError(parameter: "total-steps",
                                message: "Tried to step \(stepNumber) times. The specified number of total steps is \(totalSteps) (OneCycleLR cannot run past total_steps; give --total-steps at least the number of steps run)")
        }
        var startStep = 0.0
        for i in phases.indices {
            let phase = phases[i]
            let endStep = phase.endStep
            if Double(stepNumber) <= endStep || i == phases.count - 1 {
                let pct = try PyMath.divide(Double(stepNumber) - startStep, endStep - startStep, parameter: "pct-start",
                                            what: "OneCycleLR: a phase of zero length (pct_start * total_steps makes a phase empty)")
                let cosOut = anneal == .cos ? cos(Double.pi * pct) + 1 : 0
                let lr = annealed(value(phase.startLR, group), value(phase.endLR, group), pct, cosOut: cosOut)
                if cycleMomentum {
                    optimizer.groups[group].betas.0 = annealed(value(phase.startMomentum, group), value(phase.endMomentum, group), pct, cosOut: cosOut)
                }
                return lr
            }
            startStep = phase.endStep
        }
        return currentLR(group)
    }
}

extension ScheduleDefinition {
    /// `onecycle` — OneCycleLR.
    public static let onecycle = ScheduleDefinition(
        name: "onecycle", pythonClass: "OneCycleLR",
        summary: "The 1cycle policy: warm up to max_lr, then anneal far below the start (beta1 inversely).",
        formula: "lr: max_lr/div_factor → max_lr over pct_start·total_steps, then → initial_lr/final_div_factor (cos or linear)",
        parameters: [
            ParameterSpec("max-lr", .realPerGroup, required: true, range: .atLeast(0), doc: "Peak lr, per param group."),
            ParameterSpec("total-steps", .integer, defaultDescription: "--epochs", range: .atLeast(1), doc: "Length of the cycle in steps.",
                          pytorchRule: "Expected positive integer total_steps"),
            ParameterSpec("epochs", .integer, range: .atLeast(1), doc: "With steps_per_epoch, sets total_steps = epochs * steps_per_epoch.",
                          pytorchRule: "Expected positive integer epochs", pythonOnly: true),
            ParameterSpec("steps-per-epoch", .integer, range: .atLeast(1), doc: "With epochs, sets total_steps = epochs * steps_per_epoch.",
                          pytorchRule: "Expected positive integer steps_per_epoch", pythonOnly: true),
            ParameterSpec("pct-start", .real, default: .real(0.3), range: .between(0, 1), doc: "Fraction of the cycle spent warming up.",
                          pytorchRule: "Expected float between 0 and 1 pct_start", requiresPythonFloat: true),
            ParameterSpec("anneal-strategy", .choice(["cos", "linear"]), default: .choice("cos"), doc: "Annealing curve.",
                          pytorchRule: "anneal_strategy must be one of 'cos' or 'linear'"),
        ] + MomentumCycling.parameters(base: 0.85, max: 0.95) + [
            ParameterSpec("div-factor", .real, default: .real(25), range: .greaterThan(0), doc: "initial_lr = max_lr / div_factor."),
            ParameterSpec("final-div-factor", .real, default: .real(1e4), range: .greaterThan(0), doc: "min_lr = initial_lr / final_div_factor."),
            ParameterSpec("three-phase", .flag, default: .flag(false), doc: "Anneal back to initial_lr before the final decay (fastai's variant)."),
        ],
        example: "onecycle --max-lr 0.1 --epochs 1000",
        markers: { args, epochs in
            let total: Int
            if let given = args.integer("total-steps") { total = given }
            else if let e = args.integer("epochs"), let s = args.integer("steps-per-epoch") { total = e.multipliedReportingOverflow(by: s).partialValue }
            else { total = epochs }
            let pct = args.real("pct-start") ?? 0.3
            var marks = [ScheduleMarker(pct * Double(total) - 1, "peak")]
            if args.flag("three-phase") { marks.append(ScheduleMarker(2 * pct * Double(total) - 2, "back to initial")) }
            return marks.filter { $0.epoch > 0 && $0.epoch < Double(epochs) }
        },
        build: { args, context throws(ScheduleError) in
            let groups = context.optimizer.groups.count
            let totalSteps: Int
            if let given = args.integer("total-steps") {
                totalSteps = given
            } else if let epochs = args.integer("epochs"), let perEpoch = args.integer("steps-per-epoch") {
                let (product, overflow) = epochs.multipliedReportingOverflow(by: perEpoch)
                guard !overflow else { throw ScheduleError(parameter: "steps-per-epoch", message: "epochs * steps_per_epoch is too large") }
                totalSteps = product
            } else if args.given["epochs"] != nil || args.given["steps-per-epoch"] != nil {
                throw ScheduleError(parameter: args.given["epochs"] == nil ? "epochs" : "steps-per-epoch",
                                    message: "You must define either total_steps OR (epochs AND steps_per_epoch)")
            } else {
                totalSteps = context.epochs
            }
            if let steps = context.stepsAfterConstruction, steps > totalSteps {
                throw ScheduleError(parameter: "total-steps",
                                    message: "the run takes \(steps) steps but total_steps is \(totalSteps); PyTorch raises 'Tried to step \(totalSteps + 1) times. The specified number of total steps is \(totalSteps)'. Give --total-steps ≥ --epochs (or fewer --epochs)")
            }
            return try OneCycleLR(optimizer: context.optimizer, maxLRs: try args.perGroup("max-lr", groups: groups) ?? [],
                                  totalSteps: totalSteps, pctStart: args.real("pct-start") ?? 0.3,
                                  anneal: OneCycleLR.Anneal(rawValue: args.choice("anneal-strategy") ?? "cos") ?? .cos,
                                  cycleMomentum: args.flag("cycle-momentum"),
                                  baseMomentums: try args.perGroup("base-momentum", groups: groups) ?? [],
                                  maxMomentums: try args.perGroup("max-momentum", groups: groups) ?? [],
                                  divFactor: args.real("div-factor") ?? 25, finalDivFactor: args.real("final-div-factor") ?? 1e4,
                                  threePhase: args.flag("three-phase"), observer: context.observer)
        }
    )
}
