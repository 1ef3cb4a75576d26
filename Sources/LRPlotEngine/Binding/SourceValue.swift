/// A literal of the neutral value tree: what every front end (flags, spec files, the Python-call
/// form, and later Python sources and config files) turns the user's text into. Nothing here knows
/// a schedule; the binder gives the literals their types.
public indirect enum Literal: Sendable {
    /// A number; `integer` is set when it was written as a whole number (`30`, not `30.0`).
    case number(Double, integer: Int?)
    /// `True`/`False`, or a bare switch.
    case bool(Bool)
    /// A quoted string, or a word given to a flag.
    case string(String)
    /// Python's `None`.
    case none
    /// A name the front end could not resolve (`optimizer`, `args.epochs`).
    case name(String)
    /// A list (or tuple) of values.
    case list([SourceValue])
    /// The source text of an expression (`lambda epoch: 0.95 ** epoch`), compiled by the parameter
    /// that receives it.
    case expression(String)
    /// A function a Python source defined (a `lambda` or `def` the evaluator runs), given as an
    /// `lr_lambda` or `scale_fn`.
    case callable(PythonCallable)
    /// A call with its arguments: a schedule, or a child schedule of a composite.
    case call(CallValue)
    /// A mapping in the order written: a JSON object, a YAML mapping, a Python dict literal or a
    /// module's globals (config readers walk it; the binder never sees one).
    case mapping([CallValue.Keyword])
}

/// One value of the tree: its literal, the text it was written as, and where.
public struct SourceValue: Sendable {
    /// The value.
    public var literal: Literal
    /// The text as written (`0.9`, `[30, 60]`, `lambda e: e`).
    public var text: String
    /// Where it was written.
    public var origin: Origin

    /// A value.
    public init(_ literal: Literal, text: String, origin: Origin) {
        self.literal = literal
        self.text = text
        self.origin = origin
    }

    /// Whether it is Python's `None`.
    public var isNone: Bool {
        if case .none = literal { return true }
        return false
    }
}

/// A call of the value tree: `StepLR(optimizer, 30, gamma=0.1)`, or `step --step-size 30` read
/// from flags (then every argument is a keyword in kebab-case or Python spelling).
public struct CallValue: Sendable {
    /// How the call was written, which decides the wording of errors about it.
    public enum Form: Sendable, Equatable {
        /// Schedule name and `--flags`.
        case flags
        /// A Python call (`StepLR(optimizer, step_size=30)`).
        case python
    }

    /// One keyword argument.
    public struct Keyword: Sendable {
        /// The keyword as written (`gamma`, `step-size`, `step_size`).
        public var name: String
        /// Its value.
        public var value: SourceValue

        /// A keyword argument.
        public init(_ name: String, _ value: SourceValue) {
            self.name = name
            self.value = value
        }
    }

    /// The callee as written: `step`, `StepLR`, `torch.optim.lr_scheduler.StepLR`, `get_scheduler`.
    public var callee: String
    /// Positional arguments, in order.
    public var positional: [SourceValue]
    /// Keyword arguments, in the order written (a later one replaces an earlier one of the same
    /// parameter in the flag form).
    public var keywords: [Keyword]
    /// Flags or Python.
    public var form: Form
    /// Where the call (its callee) was written.
    public var origin: Origin
    /// The call's whole source text (for messages).
    public var text: String

    /// A call.
    public init(callee: String, positional: [SourceValue] = [], keywords: [Keyword] = [], form: Form, origin: Origin, text: String) {
        self.callee = callee
        self.positional = positional
        self.keywords = keywords
        self.form = form
        self.origin = origin
        self.text = text
    }

    /// The keyword argument `name`, if given.
    public func keyword(_ name: String) -> SourceValue? {
        keywords.last { $0.name == name }?.value
    }
}
