/// The one list of every schedule and every family lrplot knows. Adding a schedule = one file
/// declaring its typed parameter keys and its ``ScheduleDefinition``, plus its entry in ``all``
/// (a test fails for a definition that is not listed here).
public enum ScheduleRegistry {
    /// Every family, in listing order.
    public static let families: [ScheduleFamily] = [.torch, .hf, .timm, .deepspeed, .ultralytics, .mmengine, .keras, .optax, .lrplot]

    /// Every schedule, in listing order: the families' lists one after another.
    public static let all: [ScheduleDefinition] = listed.flatMap { $0() }

    /// The definitions family by family, each list built when first asked for (a run naming a torch
    /// schedule builds only torch's: building every family's parameters costs a chart a millisecond).
    private static let listed: [@Sendable () -> [ScheduleDefinition]] = [
        { torch }, { hf }, { timm }, { deepspeed }, { ultralytics }, { keras }, { optax }, { MMEngineSchedules.definitions },
    ]
    private static let torch: [ScheduleDefinition] = [
        .lambda, .multiplicative, .step, .multistep, .constant, .linear, .exponential, .polynomial,
        .cosine, .cosineWarmRestarts, .cyclic, .onecycle, .plateau, .sequential, .chained, .noam,
    ]
    private static let hf: [ScheduleDefinition] = [
        .hfLinear, .hfCosine, .hfCosineWithRestarts, .hfPolynomial, .hfConstant, .hfConstantWithWarmup, .hfInverseSqrt,
        .hfCosineWithMinLR, .hfCosineWarmupWithMinLR, .hfWarmupStableDecay,
    ]
    private static let timm: [ScheduleDefinition] = [.timmCosine, .timmTanh, .timmStep, .timmMultistep, .timmPoly, .timmPlateau, .timmWSD]
    private static let deepspeed: [ScheduleDefinition] = [
        .deepspeedWarmupLR, .deepspeedWarmupDecayLR, .deepspeedWarmupCosineLR, .deepspeedOneCycle, .deepspeedLRRangeTest,
    ]
    private static let ultralytics: [ScheduleDefinition] = [.ultralyticsYOLO]
    private static let keras: [ScheduleDefinition] = [
        .kerasExponential, .kerasPiecewiseConstant, .kerasPolynomial, .kerasInverseTime, .kerasCosine, .kerasCosineRestarts,
    ]
    private static let optax: [ScheduleDefinition] = [
        .optaxConstant, .optaxLinear, .optaxCosineDecay, .optaxWarmupCosine, .optaxExponential, .optaxWarmupExponential,
        .optaxPiecewiseConstant, .optaxPiecewiseInterpolate, .optaxPolynomial, .optaxJoin, .optaxCosineOneCycle, .optaxLinearOneCycle, .optaxSGDR,
    ]

    /// The schedule called `name`: its lrplot name or alias (exactly), or its Python class name
    /// (case-insensitively, with or without a family's module prefix such as `torch.optim.lr_scheduler.`).
    public static func lookup(_ name: String) -> ScheduleDefinition? {
        // The first exact match in listing order, building the families' lists only up to it.
        for list in listed {
            if let exact = list().first(where: { $0.name == name || $0.aliases.contains(name) }) { return exact }
        }
        var bare = name
        let prefixes = families.flatMap { family in family.classPrefixes.map { (family, $0) } }.sorted { $0.1.count > $1.1.count }
        for (family, prefix) in prefixes where bare.lowercased().hasPrefix(prefix.lowercased()) {
            bare = String(bare.dropFirst(prefix.count))
            // A class named with its family's module is that family's (mmengine's LinearLR, not torch's).
            if let own = members(of: family).first(where: { $0.pythonClass?.lowercased() == bare.lowercased() }) { return own }
            break
        }
        let lowered = bare.lowercased()
        // A Python class name wins over an lrplot name spelled alike (DeepSpeed's `OneCycle` is not `onecycle`).
        return all.first { $0.pythonClass?.lowercased() == lowered } ?? all.first { $0.name == lowered || $0.aliases.contains(lowered) }
    }

    /// The factory form called `name` (`get_scheduler`, `transformers.get_scheduler`), if a family has one.
    public static func factory(named name: String) -> FactoryForm? {
        for family in families {
            for factory in family.factories where name == factory.name || name.hasSuffix("." + factory.name) { return factory }
        }
        return nil
    }

    /// Every name a user may type for a schedule (for suggestions).
    public static var allNames: [String] {
        all.flatMap { [$0.name] + $0.aliases + ($0.pythonClass.map { [$0] } ?? []) }
    }

    /// The schedules of `family`, in listing order.
    public static func members(of family: ScheduleFamily) -> [ScheduleDefinition] {
        all.filter { $0.family == family }
    }
}
