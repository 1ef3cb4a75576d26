/// What CyclicLR and OneCycleLR share about cycling Adam's beta1 (PyTorch's `cycle_momentum` with an
/// optimizer that has `betas`): the constructor's group setup and the three parameters.
enum MomentumCycling {
    /// The constructor's setup on a fresh run: beta1 ← `max_momentum` (beta2 kept), and the group
    /// records `max_momentum` and `base_momentum`.
    static func start(_ optimizer: Adam, base: [Double], max: [Double]) {
        for g in optimizer.groups.indices {
            optimizer.groups[g].betas.0 = max[g]
            optimizer.groups[g].maxMomentum = max[g]
            optimizer.groups[g].baseMomentum = base[g]
        }
    }
}

/// The momentum-cycling keys of CyclicLR and OneCycleLR, which differ only in their defaults.
struct MomentumKeys: Sendable {
    /// `cycle_momentum`.
    let cycle: Parameter<SwitchType>
    /// `base_momentum`.
    let base: Parameter<PerGroupRealType>
    /// `max_momentum`.
    let max: Parameter<PerGroupRealType>

    /// The keys with these defaults.
    init(base: Double, max: Double) {
        cycle = Parameter("cycle-momentum", SwitchType(), default: true, doc: "Cycle Adam's beta1 inversely to the lr (--no-cycle-momentum: off).")
        self.base = Parameter("base-momentum", PerGroupRealType(), default: [base], doc: "beta1 at the lr peak, per param group.")
        self.max = Parameter("max-momentum", PerGroupRealType(), default: [max], doc: "beta1 at the cycle's ends, per param group.")
    }

    /// The three keys, in the library's order.
    var all: [any ParameterKey] { [cycle, base, max] }
}
