/// A value the binder gave a parameter: the typed value, how to write it back, and where it came from.
public struct BoundValue: Sendable {
    /// The typed value (the parameter type's `Value`).
    public let value: any Sendable
    /// As Python writes it.
    public let python: String
    /// As JSON.
    public let json: String
    /// Whether it equals the parameter's default.
    public let isDefault: Bool
    /// Where it was written.
    public let origin: Origin
}

/// One parameter of a schedule with its type erased: both spellings, type, default, range and
/// documentation. Help, listings, the man page, completions, the flag front end and the binder read
/// this; a schedule's builder reads values through the typed key (``Parameter``) that made it.
public struct ParameterSpec: Sendable {
    /// The kebab-case flag name without dashes (`step-size`).
    public let name: String
    /// The library's keyword (`step_size`), also accepted as `--step_size`.
    public let pythonName: String
    /// The usage placeholder (`INT`); empty for a switch.
    public let placeholder: String
    /// How a flag's text is read.
    public let shape: TextShape
    /// Words a shell may complete.
    public let completionWords: [String]
    /// The default as Python writes it; nil when there is none.
    public let defaultText: String?
    /// Text shown for the default in help when it is not a plain value (e.g. "--epochs").
    public let defaultDescription: String?
    /// Whether the schedule cannot be built without it.
    public let isRequired: Bool
    /// The accepted numeric range, if any (applies to every element of a list).
    public let constraint: Constraint?
    /// One line of documentation.
    public let doc: String
    /// The library's own wording of the rule the range enforces, quoted in range errors
    /// (after the family's library name).
    public let libraryRule: String?
    /// Only accepted in the Python-call form (e.g. OneCycleLR's `epochs`, whose flag spelling
    /// would collide with the common `--epochs`).
    public let isPythonOnly: Bool
    /// In the Python-call form, the value must be a float literal, as PyTorch checks with
    /// `isinstance(x, float)` (OneCycleLR's `pct_start`).
    public let requiresPythonFloat: Bool
    /// The accepted values, in words, for error messages and help.
    public let acceptedDescription: String
    let binder: @Sendable (SourceValue, BindSite) throws(Diagnostic) -> BoundValue
    let defaultBinding: BoundValue?

    /// Whether it is a bare switch.
    public var isSwitch: Bool { shape == .switchFlag }

    /// The typed value of `value` (range-checked), ready for the schedule's arguments.
    public func bind(_ value: SourceValue, form: CallValue.Form, library: String = "PyTorch") throws(Diagnostic) -> BoundValue {
        try binder(value, BindSite(parameter: self, form: form, library: library))
    }

    /// The default's bound value, if there is a default.
    public var defaultValue: BoundValue? { defaultBinding }

    /// The sentence for a value outside ``constraint``: the accepted range, plus the library's wording.
    public func outOfRangeMessage(_ text: String, library: String = "PyTorch") -> String {
        var message = "\(text) is out of range; expected \(acceptedDescription)"
        if let libraryRule { message += " (\(library): \(libraryRule))" }
        return message
    }

    /// Builds the erased description of a typed key.
    init<T: ParameterType>(name: String, python: String?, type: T, defaultValue: T.Value?, defaultDescription: String?, required: Bool,
                           constraint: Constraint?, doc: String, libraryRule: String?, pythonOnly: Bool, requiresPythonFloat: Bool) {
        self.name = name
        pythonName = python ?? String(name.map { $0 == "-" ? "_" : $0 })
        placeholder = type.placeholder
        shape = type.shape
        completionWords = type.completionWords
        defaultText = defaultValue.map(type.python)
        self.defaultDescription = defaultDescription
        isRequired = required
        self.constraint = constraint
        self.doc = doc
        self.libraryRule = libraryRule
        isPythonOnly = pythonOnly
        self.requiresPythonFloat = requiresPythonFloat
        acceptedDescription = type.accepted(constraint)
        defaultBinding = defaultValue.map { BoundValue(value: $0, python: type.python($0), json: type.json($0), isDefault: true, origin: Origin()) }
        binder = { (value: SourceValue, site: BindSite) throws(Diagnostic) -> BoundValue in
            let typed = try type.bind(value, site)
            return BoundValue(value: typed, python: type.python(typed), json: type.json(typed), isDefault: typed == defaultValue, origin: value.origin)
        }
    }
}

/// Anything that declares a parameter (``Parameter`` and ``OptionalParameter``).
public protocol ParameterKey: Sendable {
    /// The erased description.
    var spec: ParameterSpec { get }
}

/// A typed parameter key, declared once beside its schedule: the schedule's builder reads its value
/// with `arguments[key]`, which is never nil (the binder has checked that a required parameter is
/// given and every other one has a default).
public struct Parameter<T: ParameterType>: ParameterKey {
    public let spec: ParameterSpec
    /// The default, when the parameter is not required.
    public let defaultValue: T.Value?

    /// A parameter with a default; `python` defaults to the kebab name with `_` for `-`.
    public init(_ name: String, python: String? = nil, _ type: T, default defaultValue: T.Value, range constraint: Constraint? = nil,
                doc: String, libraryRule: String? = nil, pythonOnly: Bool = false, requiresPythonFloat: Bool = false) {
        self.defaultValue = defaultValue
        spec = ParameterSpec(name: name, python: python, type: type, defaultValue: defaultValue, defaultDescription: nil, required: false,
                             constraint: constraint, doc: doc, libraryRule: libraryRule, pythonOnly: pythonOnly, requiresPythonFloat: requiresPythonFloat)
    }

    /// A required parameter (no default: the schedule cannot be built without it).
    public init(required name: String, python: String? = nil, _ type: T, range constraint: Constraint? = nil, doc: String,
                libraryRule: String? = nil) {
        defaultValue = nil
        spec = ParameterSpec(name: name, python: python, type: type, defaultValue: nil, defaultDescription: nil, required: true,
                             constraint: constraint, doc: doc, libraryRule: libraryRule, pythonOnly: false, requiresPythonFloat: false)
    }
}

/// A parameter that may stay unset (its meaning then comes from elsewhere, e.g. `total_steps`
/// from `--epochs`); the builder reads `arguments[key]` as an optional.
public struct OptionalParameter<T: ParameterType>: ParameterKey {
    public let spec: ParameterSpec

    /// A parameter whose absence means `unset` (shown in help as the default).
    public init(_ name: String, python: String? = nil, _ type: T, unset: String? = nil, range constraint: Constraint? = nil, doc: String,
                libraryRule: String? = nil, pythonOnly: Bool = false) {
        spec = ParameterSpec(name: name, python: python, type: type, defaultValue: nil, defaultDescription: unset, required: false,
                             constraint: constraint, doc: doc, libraryRule: libraryRule, pythonOnly: pythonOnly, requiresPythonFloat: false)
    }
}
