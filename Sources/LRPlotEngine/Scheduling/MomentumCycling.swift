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

    /// `--cycle-momentum`, `--base-momentum`, `--max-momentum` with the class's defaults.
    static func parameters(base: Double, max: Double) -> [ParameterSpec] {
        [
            ParameterSpec("cycle-momentum", .flag, default: .flag(true), doc: "Cycle Adam's beta1 inversely to the lr (--no-cycle-momentum: off)."),
            ParameterSpec("base-momentum", .realPerGroup, default: .reals([base]), doc: "beta1 at the lr peak, per param group."),
            ParameterSpec("max-momentum", .realPerGroup, default: .reals([max]), doc: "beta1 at the cycle's ends, per param group."),
        ]
    }
}
