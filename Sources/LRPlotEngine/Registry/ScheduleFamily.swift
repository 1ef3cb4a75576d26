/// A library whose schedules lrplot mirrors, as a value: which library and module, which version's
/// semantics, how its schedules compose, and the factory calls it offers besides its classes.
/// Each family is declared in its own folder under `Schedules/`; nothing outside names a library.
public struct ScheduleFamily: Sendable, Equatable {
    /// The short id (`torch`, `hf`, `timm`), also the name prefix of its schedules (`hf.linear`).
    public let id: String
    /// The library's name (`PyTorch`).
    public let library: String
    /// The Python module its classes and functions live in (`torch.optim.lr_scheduler`).
    public let module: String
    /// The library version whose semantics lrplot reproduces.
    public let version: String
    /// The heading of its section in `lrplot list`.
    public let heading: String
    /// Whether its schedules are torch `LRScheduler`s that SequentialLR and ChainedScheduler can compose.
    public let composesWithTorch: Bool
    /// Module prefixes accepted in front of a class name in the Python-call form.
    public let classPrefixes: [String]
    /// Factory functions that stand for one of its schedules (`get_scheduler("cosine", …)`).
    public let factories: [FactoryForm]
    /// Whether its constructors take the optimizer first (torch, HF, timm); Keras and optax
    /// schedules are functions of the step alone.
    public let takesOptimizer: Bool

    /// Declares a family.
    public init(id: String, library: String, module: String, version: String, heading: String, composesWithTorch: Bool,
                classPrefixes: [String], factories: [FactoryForm] = [], takesOptimizer: Bool = true) {
        self.id = id
        self.library = library
        self.module = module
        self.version = version
        self.heading = heading
        self.composesWithTorch = composesWithTorch
        self.classPrefixes = classPrefixes
        self.factories = factories
        self.takesOptimizer = takesOptimizer
    }

    /// The full Python name of `pythonClass` in this library (`torch.optim.lr_scheduler.StepLR`).
    public func qualifiedName(_ pythonClass: String) -> String { module.isEmpty ? pythonClass : "\(module).\(pythonClass)" }

    public static func == (a: ScheduleFamily, b: ScheduleFamily) -> Bool { a.id == b.id }
}

/// A factory function of a family, rewritten into the call of one of its schedules before binding
/// (transformers' `get_scheduler("cosine", optimizer, …)` becomes `hf.cosine(…)`).
public struct FactoryForm: Sendable {
    /// The function's name (`get_scheduler`), matched with or without a module prefix.
    public let name: String
    /// The equivalent schedule call, or the library's own error for the arguments given.
    public let rewrite: @Sendable (CallValue) throws(Diagnostic) -> CallValue

    /// Declares a factory form.
    public init(name: String, rewrite: @escaping @Sendable (CallValue) throws(Diagnostic) -> CallValue) {
        self.name = name
        self.rewrite = rewrite
    }
}
