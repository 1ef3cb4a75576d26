/// The arguments MMEngine's schedulers share, and those of each type.
enum MMEngineKeys {
    /// `INF = int(1e9)`, the default `end`.
    static let inf = 1_000_000_000
    /// `begin`.
    static let begin = Parameter("begin", NumberType(), default: PyNumber(0), doc: "The first step (iteration or epoch) the scheduler acts on.")
    /// `end`.
    static let end = Parameter("end", NumberType(), default: PyNumber(inf),
                               doc: "The step it stops at (exclusive; default INF). A config's runner sets it to max_epochs or max_iters.")
    /// `by_epoch`.
    static let byEpoch = Parameter("by-epoch", SwitchType(), default: true,
                                   doc: "Count epochs and step after every epoch (--no-by-epoch: iterations, after every iteration).")
    /// `convert_to_iter_based` (read by `PARAM_SCHEDULERS.build`).
    static let convert = Parameter("convert-to-iter-based", SwitchType(), default: false,
                                   doc: "Give begin, end and the epoch-valued arguments in epochs but step every iteration (build_iter_from_epoch).")
    /// `epoch_length` (the runner passes `len(train_dataloader)`).
    static let epochLength = OptionalParameter("epoch-length", IntegerType(), unset: "the list's, else 1", range: .atLeast(1),
                                               doc: "Iterations per epoch, for by-epoch stepping and convert_to_iter_based.",
                                               libraryRule: "`epoch_length` must be a positive integer")
    /// The keys every scheduler takes after its own, in the library's order.
    static let window: [any ParameterKey] = [begin, end, byEpoch]
    /// The build-time keys.
    static let build: [any ParameterKey] = [convert, epochLength]

    static let stepSize = Parameter(required: "step-size", IntegerType(), range: .atLeast(1), doc: "Period of the decay, in steps (epochs when converted).")
    static let stepGamma = Parameter("gamma", RealType(), default: 0.1, doc: "Multiplicative factor of each decay.")
    static let milestones = Parameter(required: "milestones", IntegerListType(), doc: "Steps at which to decay (epochs when converted).")
    static let constantFactor = Parameter("factor", RealType(), default: 1.0 / 3, range: .between(0, 1), doc: "The factor applied until end - 1.",
                                          libraryRule: "Constant multiplicative factor should between 0 and 1.")
    static let exponentialGamma = Parameter(required: "gamma", RealType(), doc: "Multiplicative factor of every step.")
    static let tMax = OptionalParameter("t-max", python: "T_max", NumberType(), unset: "end - begin", doc: "Half period of the cosine, in steps.")
    static let cosineEtaMin = OptionalParameter("eta-min", RealType(), unset: "0", doc: "The value the cosine descends to.")
    static let etaMinRatio = OptionalParameter("eta-min-ratio", RealType(), doc: "eta_min as a fraction of each group's initial value (instead of eta_min).")
    static let startFactor = Parameter("start-factor", RealType(), default: 1.0 / 3, range: .between(0, 1), doc: "The factor at begin.",
                                       libraryRule: "Starting multiplicative factor should between 0 and 1.")
    static let endFactor = Parameter("end-factor", RealType(), default: 1.0, range: .between(0, 1), doc: "The factor reached at end - 1.",
                                     libraryRule: "Ending multiplicative factor should between 0 and 1.")
    static let polyEtaMin = Parameter("eta-min", RealType(), default: 0, doc: "The value reached at end - 1.")
    static let power = Parameter("power", RealType(), default: 1.0, doc: "The polynomial's power.")
    static let etaMax = Parameter("eta-max", PerGroupRealType(), default: [0], doc: "The peak lr, per param group.")
    static let oneCycleTotalSteps = OptionalParameter("total-steps", IntegerType(), unset: "end - begin", range: .atLeast(1),
                                                      doc: "Length of the cycle in steps.", libraryRule: "Expected positive integer total_steps")
    static let pctStart = Parameter("pct-start", RealType(), default: 0.3, range: .between(0, 1), doc: "Fraction of the cycle spent warming up.",
                                    libraryRule: "Expected float between 0 and 1 pct_start", requiresPythonFloat: true)
    static let annealStrategy = Parameter("anneal-strategy", EnumType<OneCycleLR.Anneal>(), default: .cos, doc: "Annealing curve.",
                                          libraryRule: "anneal_strategy must by one of \"cos\" or \"linear\"")
    static let divFactor = Parameter("div-factor", RealType(), default: 25, doc: "initial_lr = eta_max / div_factor.")
    static let finalDivFactor = Parameter("final-div-factor", RealType(), default: 1e4, doc: "min_lr = initial_lr / final_div_factor.")
    static let threePhase = Parameter("three-phase", SwitchType(), default: false, doc: "Anneal back to initial_lr before the final decay.")
    static let periods = Parameter(required: "periods", IntegerListType(), doc: "The length of each cosine cycle, in steps.")
    static let restartWeights = Parameter("restart-weights", PerGroupRealType(), default: [1], doc: "Each cycle's peak as a fraction of the initial value (one per period).")
    static let restartEtaMin = OptionalParameter("eta-min", RealType(), doc: "The value each cycle descends to (give it or eta_min_ratio).")

    /// The list's own keys: the runner's epoch length and loop kind.
    static let listEpochLength = Parameter("epoch-length", IntegerType(), default: 1, range: .atLeast(1),
                                           doc: "Iterations per epoch (len(train_dataloader)): by-epoch schedulers step after each epoch's last iteration.")
    static let listByEpoch = Parameter("by-epoch", SwitchType(), default: true,
                                       doc: "The train loop is epoch-based (--no-by-epoch: IterBasedTrainLoop, which ends no epoch while training).")
}
