/// One of MMEngine's scheduler types (`…ParamScheduler`), each registered as an `…LR` and, all but
/// OneCycle, as a `…Momentum` scheduler: its parameters, description and `_get_value` rule.
enum MMEngineKind: String, CaseIterable, Sendable {
    case constant, linear, step, multistep, exponential, cosine, poly, onecycle
    case cosineRestart = "cosine-restart"

    /// The kind and parameter of a registry entry of the family (nil for the list or another family).
    static func of(_ definition: ScheduleDefinition) -> (MMEngineKind, MMEngineParam)? {
        guard definition.family == .mmengine, definition.name.hasPrefix("mmengine.") else { return nil }
        var stem = String(definition.name.dropFirst("mmengine.".count))
        var param = MMEngineParam.lr
        if stem.hasSuffix("-momentum") {
            stem.removeLast("-momentum".count)
            param = .momentum
        }
        return MMEngineKind(rawValue: stem).map { ($0, param) }
    }

    /// The Python class name's stem (`CosineAnnealing` of `CosineAnnealingLR`).
    var classStem: String {
        switch self {
        case .constant: return "Constant"
        case .linear: return "Linear"
        case .step: return "Step"
        case .multistep: return "MultiStep"
        case .exponential: return "Exponential"
        case .cosine: return "CosineAnnealing"
        case .poly: return "Poly"
        case .onecycle: return "OneCycle"
        case .cosineRestart: return "CosineRestart"
        }
    }

    /// Its own parameters (before `begin`, `end`, `by_epoch`), and those after them.
    var parameters: (own: [any ParameterKey], trailing: [any ParameterKey]) {
        typealias K = MMEngineKeys
        switch self {
        case .constant: return ([K.constantFactor], [])
        case .linear: return ([K.startFactor, K.endFactor], [])
        case .step: return ([K.stepSize, K.stepGamma], [])
        case .multistep: return ([K.milestones, K.stepGamma], [])
        case .exponential: return ([K.exponentialGamma], [])
        case .cosine: return ([K.tMax, K.cosineEtaMin], [K.etaMinRatio])
        case .poly: return ([K.polyEtaMin, K.power], [])
        case .onecycle: return ([K.etaMax, K.oneCycleTotalSteps, K.pctStart, K.annealStrategy, K.divFactor, K.finalDivFactor, K.threePhase], [])
        case .cosineRestart: return ([K.periods, K.restartWeights, K.restartEtaMin, K.etaMinRatio], [])
        }
    }

    /// One line for `lrplot list` (VALUE: the parameter it drives).
    var summary: String {
        switch self {
        case .constant: return "Multiply the VALUE by factor from begin until end - 1, where it is restored."
        case .linear: return "Scale the VALUE linearly from start_factor to end_factor, reached at end - 1 (one step before end)."
        case .step: return "Multiply the VALUE by gamma every step_size steps of its window."
        case .multistep: return "Multiply the VALUE by gamma at each milestone of its window (repeated milestones repeat it)."
        case .exponential: return "Multiply the VALUE by gamma at every step of its window after the first."
        case .cosine: return "Cosine-anneal the VALUE towards eta_min (or initial * eta_min_ratio) over T_max steps, chained."
        case .poly: return "Decay the VALUE polynomially to eta_min, reached at end - 1."
        case .onecycle: return "Warm the lr up from eta_max / div_factor to eta_max, then anneal it to the minimum (no momentum cycling)."
        case .cosineRestart: return "Cosine cycles of the given periods, each restarting at initial * restart_weight."
        }
    }

    /// The formula, for help (`v` the group's current value, `n` the scheduler's `last_step`).
    var formula: String {
        switch self {
        case .constant: return "n == 0: v * factor; n == end - begin - 1: v * (1.0 / factor); else v"
        case .linear: return "n == 0: v * sf; else v * (1 + (ef - sf) / (N * sf + (n - 1) * (ef - sf))), N = end - begin - 1"
        case .step: return "n > 0 and n % step_size == 0: v * gamma; else v"
        case .multistep: return "n in milestones: v * gamma ** count[n]; else v"
        case .exponential: return "n == 0: v; else v * gamma"
        case .cosine: return "(1 + cos(pi * n / T)) / (1 + cos(pi * (n - 1) / T)) * (v - eta_min) + eta_min"
        case .poly: return "n == 0: v; else (v - eta_min) * (1 - 1 / (N - n + 1)) ** power + eta_min, N = end - begin - 1"
        case .onecycle: return "torch's OneCycle phases over total_steps, from the group's initial_lr, max_lr and min_lr"
        case .cosineRestart: return "step == 0: base * weight; else the cosine recursion on v over the cycle's period"
        }
    }

    /// The example's flags.
    var exampleFlags: String {
        switch self {
        case .constant: return "--factor 0.5 --end 5"
        case .linear: return "--start-factor 0.001 --no-by-epoch --end 500"
        case .step: return "--step-size 3"
        case .multistep: return "--milestones 8,11"
        case .exponential: return "--gamma 0.9"
        case .cosine: return "--eta-min-ratio 0.01 --end 10"
        case .poly: return "--power 2 --end 10"
        case .onecycle: return "--eta-max 0.1 --total-steps 20 --no-by-epoch --end 20"
        case .cosineRestart: return "--periods 5,10 --restart-weights 1,0.5 --eta-min 0"
        }
    }

    /// `value * epoch_length` (`build_iter_from_epoch`), or an error where it leaves Int's range.
    static func scaled(_ value: Int, _ window: MMEngineWindow, _ parameter: String) throws(ScheduleError) -> Int {
        let (product, overflow) = value.multipliedReportingOverflow(by: window.scale)
        guard !overflow else { throw ScheduleError(parameter: parameter, message: "\(value) × epoch_length \(window.scale) is too large") }
        return product
    }

    /// The constructor: the rule, after `build_iter_from_epoch` scaled its epoch-valued arguments.
    var rule: MMEngineRuleMaker {
        typealias K = MMEngineKeys
        switch self {
        case .constant: return { args, _, _ in .constant(factor: args[K.constantFactor]) }
        case .linear: return { args, _, _ in .linear(start: args[K.startFactor], end: args[K.endFactor]) }
        case .step:
            return { args, window, _ throws(ScheduleError) in
                .step(size: try MMEngineKind.scaled(args[K.stepSize], window, "step-size"), gamma: args[K.stepGamma])
            }
        case .multistep:
            return { args, window, _ throws(ScheduleError) in
                var counts: [Int: Int] = [:]
                for milestone in args[K.milestones] { counts[try MMEngineKind.scaled(milestone, window, "milestones"), default: 0] += 1 }
                return .multiStep(counts: counts, gamma: args[K.stepGamma])
            }
        case .exponential: return { args, _, _ in .exponential(gamma: args[K.exponentialGamma]) }
        case .cosine:
            return { args, window, _ throws(ScheduleError) in
                let (etaMin, ratio) = try MMEngineSchedules.etaMin(args, K.cosineEtaMin, defaultZero: true)
                // `T_max or (end - begin)`: 0 counts as not given.
                var tMax = window.end - window.begin
                if let given = args[K.tMax], given.value != 0 { tMax = given.value * Double(window.scale) }
                return .cosine(tMax: tMax, etaMin: etaMin, etaMinRatio: ratio)
            }
        case .poly: return { args, _, _ in .poly(etaMin: args[K.polyEtaMin], power: args[K.power]) }
        case .onecycle: return MMEngineOneCycle.rule
        case .cosineRestart:
            return { args, window, _ throws(ScheduleError) in
                let (etaMin, ratio) = try MMEngineSchedules.etaMin(args, K.restartEtaMin, defaultZero: false)
                var periods: [Int] = []
                for period in args[K.periods] { periods.append(try MMEngineKind.scaled(period, window, "periods")) }
                let weights = args[K.restartWeights]
                guard periods.count == weights.count else {
                    throw ScheduleError(parameter: "restart-weights", message: "AssertionError: periods and restart_weights should have the same length.")
                }
                var cumulative: [Int] = [], sum = 0
                for period in periods {
                    let (next, overflow) = sum.addingReportingOverflow(period)
                    guard !overflow else { throw ScheduleError(parameter: "periods", message: "the periods' sum is too large") }
                    sum = next
                    cumulative.append(sum)
                }
                return .cosineRestart(periods: periods, cumulative: cumulative, weights: weights, etaMin: etaMin, etaMinRatio: ratio)
            }
        }
    }
}

/// `OneCycleParamScheduler.__init__`: the phases, and `initial_lr`, `max_lr`, `min_lr` written into
/// every group (overwriting earlier values, as the library does).
enum MMEngineOneCycle {
    static let rule: MMEngineRuleMaker = { args, window, optimizer throws(ScheduleError) in
        typealias K = MMEngineKeys
        let total: Int
        if let given = args[K.oneCycleTotalSteps] {
            total = try MMEngineKind.scaled(given, window, "total-steps")
        } else {
            let length = window.end - window.begin
            guard length < 9.0e15 else { throw ScheduleError(parameter: "end", message: "total_steps = end - begin is too large") }
            total = Int(length)
        }
        let pct = args[K.pctStart], T = Double(total)
        let phases: [(endStep: Double, start: OneCycleAnchor, end: OneCycleAnchor)] = args[K.threePhase]
            ? [(pct * T - 1, .initial, .max), (2 * pct * T - 2, .max, .initial), (T - 1, .initial, .min)]
            : [(pct * T - 1, .initial, .max), (T - 1, .max, .min)]
        let groups = optimizer.groups.count
        var maxValues = args[K.etaMax]
        if maxValues.count == 1 { maxValues = Array(repeating: maxValues[0], count: groups) }
        guard maxValues.count == groups else {
            throw ScheduleError(parameter: "eta-max", message: "ValueError: expected \(groups) values for max_lr, got \(maxValues.count)")
        }
        let div = args[K.divFactor], finalDiv = args[K.finalDivFactor]
        for g in 0..<groups {
            let initial = try MMEngineMath.divide(maxValues[g], div, parameter: "div-factor", what: "eta_max / div_factor")
            optimizer.groups[g].initialLR = initial
            optimizer.groups[g].maxLR = maxValues[g]
            optimizer.groups[g].minLR = try MMEngineMath.divide(initial, finalDiv, parameter: "final-div-factor", what: "initial_lr / final_div_factor")
        }
        return .oneCycle(totalSteps: total, phases: phases, cos: args[K.annealStrategy] == .cos)
    }
}

extension ScheduleDefinition {
    /// The registry entry of an MMEngine scheduler type for `param` (`mmengine.linear` is `LinearLR`,
    /// `mmengine.linear-momentum` is `LinearMomentum`); standing alone it is a list of one.
    init(name: String, mmengine kind: MMEngineKind, _ param: MMEngineParam) {
        let (own, trailing) = kind.parameters
        self.init(
            name: name, pythonClass: kind.classStem + (param == .lr ? "LR" : "Momentum"), family: .mmengine,
            summary: kind.summary.replacingOccurrences(of: "VALUE", with: param == .lr ? "lr" : "momentum (Adam's beta1)"),
            formula: kind.formula, parameters: own + MMEngineKeys.window + trailing + MMEngineKeys.build,
            example: name + " " + kind.exampleFlags,
            markers: { args, epochs in
                MMEngineSchedules.markers([args], epochLength: args[MMEngineKeys.epochLength] ?? 1, epochBased: true, runLength: epochs)
            },
            build: { args, context throws(ScheduleError) in
                try MMEngineSchedulerList(optimizer: context.optimizer, entries: [args],
                                          epochLength: args[MMEngineKeys.epochLength] ?? 1, epochBased: true, observer: context.observer)
            }
        )
    }

    /// `mmengine.constant` — MMEngine's `ConstantLR`.
    public static let mmengineConstant = ScheduleDefinition(name: "mmengine.constant", mmengine: .constant, .lr)
    /// `mmengine.linear` — MMEngine's `LinearLR`.
    public static let mmengineLinear = ScheduleDefinition(name: "mmengine.linear", mmengine: .linear, .lr)
    /// `mmengine.step` — MMEngine's `StepLR`.
    public static let mmengineStep = ScheduleDefinition(name: "mmengine.step", mmengine: .step, .lr)
    /// `mmengine.multistep` — MMEngine's `MultiStepLR`.
    public static let mmengineMultistep = ScheduleDefinition(name: "mmengine.multistep", mmengine: .multistep, .lr)
    /// `mmengine.exponential` — MMEngine's `ExponentialLR`.
    public static let mmengineExponential = ScheduleDefinition(name: "mmengine.exponential", mmengine: .exponential, .lr)
    /// `mmengine.cosine` — MMEngine's `CosineAnnealingLR`.
    public static let mmengineCosine = ScheduleDefinition(name: "mmengine.cosine", mmengine: .cosine, .lr)
    /// `mmengine.poly` — MMEngine's `PolyLR`.
    public static let mmenginePoly = ScheduleDefinition(name: "mmengine.poly", mmengine: .poly, .lr)
    /// `mmengine.onecycle` — MMEngine's `OneCycleLR`.
    public static let mmengineOnecycle = ScheduleDefinition(name: "mmengine.onecycle", mmengine: .onecycle, .lr)
    /// `mmengine.cosine-restart` — MMEngine's `CosineRestartLR`.
    public static let mmengineCosineRestart = ScheduleDefinition(name: "mmengine.cosine-restart", mmengine: .cosineRestart, .lr)
    /// `mmengine.constant-momentum` — MMEngine's `ConstantMomentum`.
    public static let mmengineConstantMomentum = ScheduleDefinition(name: "mmengine.constant-momentum", mmengine: .constant, .momentum)
    /// `mmengine.linear-momentum` — MMEngine's `LinearMomentum`.
    public static let mmengineLinearMomentum = ScheduleDefinition(name: "mmengine.linear-momentum", mmengine: .linear, .momentum)
    /// `mmengine.step-momentum` — MMEngine's `StepMomentum`.
    public static let mmengineStepMomentum = ScheduleDefinition(name: "mmengine.step-momentum", mmengine: .step, .momentum)
    /// `mmengine.multistep-momentum` — MMEngine's `MultiStepMomentum`.
    public static let mmengineMultistepMomentum = ScheduleDefinition(name: "mmengine.multistep-momentum", mmengine: .multistep, .momentum)
    /// `mmengine.exponential-momentum` — MMEngine's `ExponentialMomentum`.
    public static let mmengineExponentialMomentum = ScheduleDefinition(name: "mmengine.exponential-momentum", mmengine: .exponential, .momentum)
    /// `mmengine.cosine-momentum` — MMEngine's `CosineAnnealingMomentum`.
    public static let mmengineCosineMomentum = ScheduleDefinition(name: "mmengine.cosine-momentum", mmengine: .cosine, .momentum)
    /// `mmengine.poly-momentum` — MMEngine's `PolyMomentum`.
    public static let mmenginePolyMomentum = ScheduleDefinition(name: "mmengine.poly-momentum", mmengine: .poly, .momentum)
    /// `mmengine.cosine-restart-momentum` — MMEngine's `CosineRestartMomentum`.
    public static let mmengineCosineRestartMomentum = ScheduleDefinition(name: "mmengine.cosine-restart-momentum", mmengine: .cosineRestart, .momentum)
}
