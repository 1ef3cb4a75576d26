/// The one list of every schedule lrplot knows. Adding a schedule = one new file declaring its
/// ``ScheduleDefinition`` plus its entry here.
public enum ScheduleRegistry {
    /// Every schedule, in listing order.
    public static let all: [ScheduleDefinition] = [
        .lambda, .multiplicative, .step, .multistep, .constant, .linear, .exponential, .polynomial,
        .cosine, .cosineWarmRestarts, .cyclic, .onecycle, .plateau, .sequential, .chained, .noam,
        .hfLinear, .hfCosine, .hfCosineWithRestarts, .hfPolynomial, .hfConstant, .hfConstantWithWarmup, .hfInverseSqrt,
        .hfCosineWithMinLR, .hfCosineWarmupWithMinLR, .hfWarmupStableDecay,
        .timmCosine, .timmTanh, .timmStep, .timmMultistep, .timmPoly, .timmPlateau, .timmWSD,
    ]

    /// Prefixes accepted in front of a PyTorch class name.
    static let classPrefixes = ["torch.optim.lr_scheduler.", "optim.lr_scheduler.", "lr_scheduler.", "transformers.optimization.",
                                "transformers.", "timm.scheduler.", "scheduler."]

    /// The schedule called `name`: its lrplot name or alias (exactly), or its Python class name
    /// (case-insensitively, with or without `torch.optim.lr_scheduler.`).
    public static func lookup(_ name: String) -> ScheduleDefinition? {
        if let exact = all.first(where: { $0.name == name || $0.aliases.contains(name) }) { return exact }
        var bare = name
        for prefix in classPrefixes where bare.lowercased().hasPrefix(prefix.lowercased()) {
            bare = String(bare.dropFirst(prefix.count))
            break
        }
        let lowered = bare.lowercased()
        return all.first { $0.pythonClass?.lowercased() == lowered || $0.name == lowered || $0.aliases.contains(lowered) }
    }

    /// Every name a user may type for a schedule (for suggestions).
    public static var allNames: [String] {
        all.flatMap { [$0.name] + $0.aliases + ($0.pythonClass.map { [$0] } ?? []) }
    }
}
