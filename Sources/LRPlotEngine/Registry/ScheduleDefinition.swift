/// What a schedule's builder receives: the optimizer to attach to and the run's settings.
public struct BuildContext {
    /// The optimizer the scheduler mutates; its groups already hold the base lrs.
    public let optimizer: Adam
    /// The number of steps the simulation will take (`--epochs`).
    public let epochs: Int
    /// Receives every lr the scheduler writes, when verbose output is on (outermost scheduler only).
    public let observer: (any LRObserver)?
    /// How many `step()` calls the scheduler will receive after construction, when known: the run
    /// length for the outermost scheduler and ChainedScheduler's children; nil inside SequentialLR.
    public let stepsAfterConstruction: Int?

    /// A context for building one scheduler.
    public init(optimizer: Adam, epochs: Int, observer: (any LRObserver)? = nil, stepsAfterConstruction: Int? = nil) {
        self.optimizer = optimizer
        self.epochs = epochs
        self.observer = observer
        self.stepsAfterConstruction = stepsAfterConstruction
    }

    /// The context for a composite's child: no observer, and `steps` as its known step count.
    public func child(steps: Int?) -> BuildContext {
        BuildContext(optimizer: optimizer, epochs: epochs, observer: nil, stepsAfterConstruction: steps)
    }
}

/// An epoch worth marking on a chart: a milestone, the end of a warm-up, a restart, a switch.
public struct ScheduleMarker: Equatable, Sendable {
    /// The epoch (fractional for OneCycle's phase ends).
    public var epoch: Double
    /// A short label.
    public var label: String

    /// A marker at `epoch`.
    public init(_ epoch: Double, _ label: String) {
        self.epoch = epoch
        self.label = label
    }
}

/// Whether a schedule is a plain scheduler or a composite of child schedules.
public enum ScheduleKind: Sendable {
    /// Stands alone (StepLR, CyclicLR, …).
    case leaf
    /// Built from children given after `--` (SequentialLR, ChainedScheduler); its Python form takes
    /// them as the `schedulers` list, at `schedulersPosition` among the positional arguments.
    case composite(schedulersPosition: Int)
}

/// Everything lrplot knows about one schedule, declared once: names, parameters and builder.
/// Parsing, validation, help, listings, spec files and the Python-call form all read this.
public struct ScheduleDefinition: Sendable {
    /// The primary (kebab-case) name, e.g. `cosine`.
    public let name: String
    /// Other names accepted on the command line (e.g. `warmup` for `noam`).
    public let aliases: [String]
    /// The Python class it mirrors (`CosineAnnealingLR`), also accepted as its name; nil if none.
    public let pythonClass: String?
    /// The library it mirrors.
    public let family: ScheduleFamily
    /// One line describing the schedule.
    public let summary: String
    /// The formula, for help.
    public let formula: String
    /// The parameters in PyTorch's positional order (after `optimizer`).
    public let parameters: [ParameterSpec]
    /// An example command line (without `lrplot`).
    public let example: String
    /// Leaf or composite.
    public let kind: ScheduleKind
    /// Whether it is stepped with a metric (`plateau`), which composites cannot pass on.
    public let usesMetrics: Bool
    /// The positional index of the ignored `optimizer` argument in the Python-call form.
    public let optimizerPosition: Int
    /// The epochs worth marking on a chart of a run of the given length (the schedule describes its own).
    public let markers: @Sendable (ScheduleArguments, _ epochs: Int) -> [ScheduleMarker]
    /// Where the library runs but silently misbehaves (a milestone that can never be reached):
    /// sentences the binder turns into warnings at the parameter's origin.
    public let warnings: @Sendable (ScheduleArguments, _ epochs: Int) -> [ScheduleError]
    /// Rules across its parameters and children that the binder checks before building (e.g.
    /// SequentialLR's milestone count); most schedules have none.
    public let validate: @Sendable (ScheduleArguments) throws(ScheduleError) -> Void
    /// Builds the scheduler (running its constructor's initial step) from validated arguments.
    public let build: @Sendable (ScheduleArguments, BuildContext) throws(ScheduleError) -> LRScheduler

    /// Declares a schedule.
    public init(name: String, aliases: [String] = [], pythonClass: String?, family: ScheduleFamily = .torch, summary: String,
                formula: String, parameters: [any ParameterKey], example: String, kind: ScheduleKind = .leaf,
                usesMetrics: Bool = false, optimizerPosition: Int = 0,
                markers: @escaping @Sendable (ScheduleArguments, _ epochs: Int) -> [ScheduleMarker] = { _, _ in [] },
                warnings: @escaping @Sendable (ScheduleArguments, _ epochs: Int) -> [ScheduleError] = { _, _ in [] },
                validate: @escaping @Sendable (ScheduleArguments) throws(ScheduleError) -> Void = { _ throws(ScheduleError) in },
                build: @escaping @Sendable (ScheduleArguments, BuildContext) throws(ScheduleError) -> LRScheduler) {
        self.name = name
        self.aliases = aliases
        self.pythonClass = pythonClass
        self.family = family
        self.summary = summary
        self.formula = formula
        self.parameters = parameters.map(\.spec)
        self.example = example
        self.kind = kind
        self.usesMetrics = usesMetrics
        self.optimizerPosition = optimizerPosition
        self.markers = markers
        self.validate = validate
        self.warnings = warnings
        self.build = build
    }

    /// The parameter called `name` in either spelling.
    public func parameter(named name: String) -> ParameterSpec? {
        parameters.first { $0.name == name || $0.pythonName == name }
    }

    /// Whether children follow it (`sequential`, `chained`).
    public var isComposite: Bool {
        if case .composite = kind { return true }
        return false
    }

    /// The name shown in titles: the Python class, or the lrplot name.
    public var displayName: String { pythonClass ?? name }

    /// The full Python name it mirrors (`torch.optim.lr_scheduler.StepLR`), if any.
    public var qualifiedName: String? { pythonClass.map(family.qualifiedName) }
}
