/// The window of a scheduler after `build_iter_from_epoch` (when asked), and the factor the
/// epoch-valued arguments are scaled by (1 when not converted).
struct MMEngineWindow {
    let begin: Double
    let end: Double
    let byEpoch: Bool
    let scale: Int
}

/// One MMEngine scheduler type: its registry entry, the parameter it drives and how its
/// constructor turns arguments into its `_get_value` rule.
struct MMEngineSchedule: Sendable {
    let definition: ScheduleDefinition
    let param: MMEngineParam
    let rule: @Sendable (ScheduleArguments, MMEngineWindow, Adam) throws(ScheduleError) -> MMEngineRule
}

/// Every MMEngine scheduler type lrplot reproduces, and the construction they share.
enum MMEngineSchedules {
    /// The schedule of `name`, if it is one of MMEngine's leaves.
    static func schedule(named name: String) -> MMEngineSchedule? {
        all.first { $0.definition.name == name }
    }

    /// Builds the scheduler `args` describes, as `PARAM_SCHEDULERS.build(cfg, default_args=dict(
    /// optimizer=…, epoch_length=…))` does: `build_iter_from_epoch` when `convert_to_iter_based`,
    /// else the constructor.
    static func make(_ args: ScheduleArguments, optimizer: Adam, state: MMEngineGroupState, epochLength: Int) throws(ScheduleError) -> MMEngineParamScheduler {
        guard let schedule = schedule(named: args.definition.name) else {
            throw ScheduleError(parameter: nil, message: "\(args.definition.name) is not an MMEngine scheduler")
        }
        var begin = args[MMEngineKeys.begin].value, end = args[MMEngineKeys.end].value
        var byEpoch = args[MMEngineKeys.byEpoch]
        var scale = 1
        if args[MMEngineKeys.convert] {
            guard byEpoch else {
                throw ScheduleError(parameter: "convert-to-iter-based",
                                    message: "AssertionError: Only epoch-based parameter scheduler can be converted to iter-based, and `epoch_length` should be set")
            }
            let length = args[MMEngineKeys.epochLength] ?? epochLength
            byEpoch = false
            scale = length
            begin = (begin * Double(length)).rounded(.towardZero)
            if end != Double(MMEngineKeys.inf) { end = (end * Double(length)).rounded(.towardZero) }
        }
        let window = MMEngineWindow(begin: begin, end: end, byEpoch: byEpoch, scale: scale)
        let rule = try schedule.rule(args, window, optimizer)
        return try MMEngineParamScheduler(optimizer: optimizer, state: state, param: schedule.param, rule: rule,
                                          begin: begin, end: end, byEpoch: byEpoch)
    }

    /// `eta_min` / `eta_min_ratio`: exactly one (the cosine defaults `eta_min` to 0 when neither is given).
    static func etaMin(_ args: ScheduleArguments, _ key: OptionalParameter<RealType>, defaultZero: Bool) throws(ScheduleError) -> (Double?, Double?) {
        var etaMin = args[key]
        let ratio = args[MMEngineKeys.etaMinRatio]
        if etaMin == nil && ratio == nil && defaultZero { etaMin = 0 }
        guard (etaMin == nil) != (ratio == nil) else {
            throw ScheduleError(parameter: ratio == nil ? "eta-min" : "eta-min-ratio",
                                message: "AssertionError: Either `eta_min` or `eta_min_ratio should be specified (exactly one of them)")
        }
        return (etaMin, ratio)
    }

    /// The registry entry of one scheduler type, for `lr` (`…LR`) or `momentum` (`…Momentum`).
    static func entry(_ kind: String, _ param: MMEngineParam, summary: String, formula: String, own: [any ParameterKey],
                      trailing: [any ParameterKey] = [], example: String,
                      rule: @escaping @Sendable (ScheduleArguments, MMEngineWindow, Adam) throws(ScheduleError) -> MMEngineRule) -> MMEngineSchedule {
        let suffix = param == .lr ? "LR" : "Momentum"
        let name = "mmengine." + kind + (param == .lr ? "" : "-momentum")
        let className = MMEngineSchedules.className[kind, default: kind] + suffix
        let what = param == .lr ? "lr" : "momentum (Adam's beta1)"
        let definition = ScheduleDefinition(
            name: name, pythonClass: className, family: .mmengine,
            summary: summary.replacingOccurrences(of: "VALUE", with: what),
            formula: formula, parameters: own + MMEngineKeys.window + trailing + MMEngineKeys.build,
            example: name + " " + example,
            build: { args, context throws(ScheduleError) in
                try MMEngineSchedulerList(optimizer: context.optimizer, entries: [args],
                                          epochLength: args[MMEngineKeys.epochLength] ?? 1, epochBased: true, observer: context.observer)
            }
        )
        return MMEngineSchedule(definition: definition, param: param, rule: rule)
    }

    /// The class-name stems of the lrplot names.
    static let className = ["constant": "Constant", "linear": "Linear", "step": "Step", "multistep": "MultiStep",
                            "exponential": "Exponential", "cosine": "CosineAnnealing", "poly": "Poly", "onecycle": "OneCycle",
                            "cosine-restart": "CosineRestart"]

    /// The types shared by `…LR` and `…Momentum`, for `param`.
    static func shared(_ param: MMEngineParam) -> [MMEngineSchedule] {
        [
            entry("constant", param, summary: "Multiply the VALUE by factor from begin until end - 1, where it is restored.",
                  formula: "n == 0: v * factor; n == end - begin - 1: v * (1.0 / factor); else v", own: [MMEngineKeys.constantFactor],
                  example: "--factor 0.5 --end 5") { args, _, _ in
                .constant(factor: args[MMEngineKeys.constantFactor])
            },
            entry("linear", param, summary: "Scale the VALUE linearly from start_factor to end_factor, reached at end - 1 (one step before end).",
                  formula: "n == 0: v * sf; else v * (1 + (ef - sf) / (N * sf + (n - 1) * (ef - sf))), N = end - begin - 1",
                  own: [MMEngineKeys.startFactor, MMEngineKeys.endFactor], example: "--start-factor 0.001 --no-by-epoch --end 500") { args, _, _ in
                .linear(start: args[MMEngineKeys.startFactor], end: args[MMEngineKeys.endFactor])
            },
            entry("step", param, summary: "Multiply the VALUE by gamma every step_size steps of its window.",
                  formula: "n > 0 and n % step_size == 0: v * gamma; else v", own: [MMEngineKeys.stepSize, MMEngineKeys.stepGamma],
                  example: "--step-size 3") { args, window, _ in
                .step(size: args[MMEngineKeys.stepSize] * window.scale, gamma: args[MMEngineKeys.stepGamma])
            },
            entry("multistep", param, summary: "Multiply the VALUE by gamma at each milestone of its window (repeated milestones repeat it).",
                  formula: "n in milestones: v * gamma ** count[n]; else v", own: [MMEngineKeys.milestones, MMEngineKeys.stepGamma],
                  example: "--milestones 8,11") { args, window, _ in
                var counts: [Int: Int] = [:]
                for milestone in args[MMEngineKeys.milestones] { counts[milestone * window.scale, default: 0] += 1 }
                return .multiStep(counts: counts, gamma: args[MMEngineKeys.stepGamma])
            },
            entry("exponential", param, summary: "Multiply the VALUE by gamma at every step of its window after the first.",
                  formula: "n == 0: v; else v * gamma", own: [MMEngineKeys.exponentialGamma], example: "--gamma 0.9") { args, _, _ in
                .exponential(gamma: args[MMEngineKeys.exponentialGamma])
            },
            entry("cosine", param, summary: "Cosine-anneal the VALUE towards eta_min (or initial * eta_min_ratio) over T_max steps, chained.",
                  formula: "(1 + cos(pi * n / T)) / (1 + cos(pi * (n - 1) / T)) * (v - eta_min) + eta_min",
                  own: [MMEngineKeys.tMax, MMEngineKeys.cosineEtaMin], trailing: [MMEngineKeys.etaMinRatio],
                  example: "--eta-min-ratio 0.01 --end 10") { args, window, _ throws(ScheduleError) in
                let (etaMin, ratio) = try etaMin(args, MMEngineKeys.cosineEtaMin, defaultZero: true)
                var tMax = window.end - window.begin
                if let given = args[MMEngineKeys.tMax], given.value != 0 { tMax = given.value * Double(window.scale) }
                return .cosine(tMax: tMax, etaMin: etaMin, etaMinRatio: ratio)
            },
            entry("poly", param, summary: "Decay the VALUE polynomially to eta_min, reached at end - 1.",
                  formula: "n == 0: v; else (v - eta_min) * (1 - 1 / (N - n + 1)) ** power + eta_min, N = end - begin - 1",
                  own: [MMEngineKeys.polyEtaMin, MMEngineKeys.power], example: "--power 2 --end 10") { args, _, _ in
                .poly(etaMin: args[MMEngineKeys.polyEtaMin], power: args[MMEngineKeys.power])
            },
            entry("cosine-restart", param, summary: "Cosine cycles of the given periods, each restarting at initial * restart_weight.",
                  formula: "step == 0: base * weight; else the cosine recursion on v over the cycle's period",
                  own: [MMEngineKeys.periods, MMEngineKeys.restartWeights, MMEngineKeys.restartEtaMin, MMEngineKeys.etaMinRatio],
                  example: "--periods 5,10 --restart-weights 1,0.5 --eta-min 0") { args, window, _ throws(ScheduleError) in
                let (etaMin, ratio) = try etaMin(args, MMEngineKeys.restartEtaMin, defaultZero: false)
                let periods = args[MMEngineKeys.periods].map { $0 * window.scale }
                let weights = args[MMEngineKeys.restartWeights]
                guard periods.count == weights.count else {
                    throw ScheduleError(parameter: "restart-weights", message: "AssertionError: periods and restart_weights should have the same length.")
                }
                var cumulative: [Int] = [], sum = 0
                for period in periods { sum += period; cumulative.append(sum) }
                return .cosineRestart(periods: periods, cumulative: cumulative, weights: weights, etaMin: etaMin, etaMinRatio: ratio)
            },
        ]
    }

    /// `OneCycleLR` (lr only; it writes `initial_lr`, `max_lr` and `min_lr` into every group).
    static let oneCycle = entry(
        "onecycle", .lr, summary: "Warm the lr up from eta_max / div_factor to eta_max, then anneal it to the minimum (no momentum cycling).",
        formula: "torch's OneCycle phases over total_steps, from the group's initial_lr, max_lr and min_lr",
        own: [MMEngineKeys.etaMax, MMEngineKeys.oneCycleTotalSteps, MMEngineKeys.pctStart, MMEngineKeys.annealStrategy,
              MMEngineKeys.divFactor, MMEngineKeys.finalDivFactor, MMEngineKeys.threePhase],
        example: "--eta-max 0.1 --total-steps 20 --no-by-epoch") { args, window, optimizer throws(ScheduleError) in
        let total: Int
        if let given = args[MMEngineKeys.oneCycleTotalSteps] {
            total = given * window.scale
        } else {
            let length = window.end - window.begin
            guard length < 9.0e15 else { throw ScheduleError(parameter: "end", message: "total_steps = end - begin is too large") }
            total = Int(length)
        }
        let pct = args[MMEngineKeys.pctStart], T = Double(total)
        let phases: [(endStep: Double, start: OneCycleAnchor, end: OneCycleAnchor)] = args[MMEngineKeys.threePhase]
            ? [(pct * T - 1, .initial, .max), (2 * pct * T - 2, .max, .initial), (T - 1, .initial, .min)]
            : [(pct * T - 1, .initial, .max), (T - 1, .max, .min)]
        let groups = optimizer.groups.count
        var maxValues = args[MMEngineKeys.etaMax]
        if maxValues.count == 1 { maxValues = Array(repeating: maxValues[0], count: groups) }
        guard maxValues.count == groups else {
            throw ScheduleError(parameter: "eta-max", message: "ValueError: expected \(groups) values for max_lr, got \(maxValues.count)")
        }
        let div = args[MMEngineKeys.divFactor], finalDiv = args[MMEngineKeys.finalDivFactor]
        for g in 0..<groups {
            let initial = try PyMath.divide(maxValues[g], div, parameter: "div-factor", what: "eta_max / div_factor")
            optimizer.groups[g].initialLR = initial
            optimizer.groups[g].maxLR = maxValues[g]
            optimizer.groups[g].minLR = try PyMath.divide(initial, finalDiv, parameter: "final-div-factor", what: "initial_lr / final_div_factor")
        }
        return .oneCycle(totalSteps: total, phases: phases, cos: args[MMEngineKeys.annealStrategy] == .cos)
    }

    /// Every type, LR schedulers first, in listing order.
    static let all: [MMEngineSchedule] = {
        let lr = shared(.lr)
        return Array(lr.prefix(7)) + [oneCycle] + Array(lr.suffix(from: 7)) + shared(.momentum)
    }()

    /// Every registry entry of the family: the list first, then each type.
    static let definitions: [ScheduleDefinition] = [.mmengineParamScheduler] + all.map(\.definition)
}
