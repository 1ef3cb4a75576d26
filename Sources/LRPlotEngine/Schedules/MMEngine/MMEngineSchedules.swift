/// The window of a scheduler after `build_iter_from_epoch` (when asked), and the factor the
/// epoch-valued arguments are scaled by (1 when not converted).
struct MMEngineWindow {
    let begin: Double
    let end: Double
    let byEpoch: Bool
    let scale: Int
}

/// How one MMEngine scheduler type's constructor turns its arguments into its `_get_value` rule
/// (OneCycle also writes its group entries into `optimizer`).
typealias MMEngineRuleMaker = @Sendable (ScheduleArguments, MMEngineWindow, Adam) throws(ScheduleError) -> MMEngineRule

/// Every MMEngine scheduler type lrplot reproduces, and the construction they share.
enum MMEngineSchedules {
    /// Builds the scheduler `args` describes, as `PARAM_SCHEDULERS.build(cfg, default_args=dict(
    /// optimizer=…, epoch_length=…))` does: `build_iter_from_epoch` when `convert_to_iter_based`,
    /// else the constructor.
    static func make(_ args: ScheduleArguments, optimizer: Adam, state: MMEngineGroupState, epochLength: Int) throws(ScheduleError) -> MMEngineParamScheduler {
        guard let (kind, param) = MMEngineKind.of(args.definition) else {
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
        let rule = try kind.rule(args, window, optimizer)
        return try MMEngineParamScheduler(optimizer: optimizer, state: state, param: param, rule: rule,
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

    /// The rows worth marking in a run of `runLength` iterations: where a LinearLR (or
    /// LinearMomentum) reaches its end factor (at `end - 1`) and each MultiStep milestone.
    static func markers(_ entries: [ScheduleArguments], epochLength: Int, epochBased: Bool, runLength: Int) -> [ScheduleMarker] {
        var result: [ScheduleMarker] = []
        for args in entries {
            guard let (kind, param) = MMEngineKind.of(args.definition), kind == .linear || kind == .multistep else { continue }
            var begin = args[MMEngineKeys.begin].value, end = args[MMEngineKeys.end].value
            var byEpoch = args[MMEngineKeys.byEpoch], scale = 1.0
            if args[MMEngineKeys.convert] {
                guard byEpoch else { continue }
                scale = Double(args[MMEngineKeys.epochLength] ?? epochLength)
                byEpoch = false
                begin = (begin * scale).rounded(.towardZero)
                if end != Double(MMEngineKeys.inf) { end = (end * scale).rounded(.towardZero) }
            }
            if byEpoch && !epochBased { continue }
            let row = byEpoch ? Double(epochLength) : 1
            switch kind {
            case .linear:
                let rising = args[MMEngineKeys.endFactor] >= args[MMEngineKeys.startFactor]
                result.append(ScheduleMarker((end - 1) * row, param == .lr && rising ? "warm-up end" : "ramp end"))
            default:
                for milestone in Set(args[MMEngineKeys.milestones]).sorted() where Double(milestone) * scale < end - begin {
                    result.append(ScheduleMarker((begin + Double(milestone) * scale) * row, "milestone"))
                }
            }
        }
        let inside = result.filter { $0.epoch > 0 && $0.epoch < Double(runLength) }
        return inside.count <= 12 ? inside : []
    }

    /// Every registry entry of the family: the list first, then each LR type, then each Momentum type.
    static let definitions: [ScheduleDefinition] = [
        .mmengineParamScheduler,
        .mmengineConstant, .mmengineLinear, .mmengineStep, .mmengineMultistep, .mmengineExponential, .mmengineCosine, .mmenginePoly,
        .mmengineOnecycle, .mmengineCosineRestart,
        .mmengineConstantMomentum, .mmengineLinearMomentum, .mmengineStepMomentum, .mmengineMultistepMomentum,
        .mmengineExponentialMomentum, .mmengineCosineMomentum, .mmenginePolyMomentum, .mmengineCosineRestartMomentum,
    ]
}
