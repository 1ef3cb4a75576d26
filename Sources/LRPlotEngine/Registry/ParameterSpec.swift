/// The type of a schedule parameter, which decides how its text is parsed and validated.
public enum ParameterType: Sendable, Equatable {
    /// A whole number (`--step-size 30`).
    case integer
    /// A finite real number (`--gamma 0.9`).
    case real
    /// A comma-separated list of whole numbers (`--milestones 30,60,90`).
    case integerList
    /// One real number per param group, or one for all (`--max-lr 0.1,0.01`).
    case realPerGroup
    /// A Python expression of one variable; the flag may be repeated, once per param group.
    case expression(variable: String)
    /// One of a fixed set of words (`--mode triangular`).
    case choice([String])
    /// A bare switch (`--three-phase`), turned off with `--no-NAME`.
    case flag

    /// A short name for help and error messages.
    public var placeholder: String {
        switch self {
        case .integer: return "INT"
        case .real: return "X"
        case .integerList: return "INT,INT,…"
        case .realPerGroup: return "X[,X…]"
        case .expression: return "EXPR"
        case .choice(let words): return words.joined(separator: "|")
        case .flag: return ""
        }
    }
}

/// A parsed parameter value.
public enum ParameterValue: Sendable, Equatable {
    case integer(Int)
    case real(Double)
    case integers([Int])
    case reals([Double])
    case expressions([Expression])
    case choice(String)
    case flag(Bool)

    public static func == (a: ParameterValue, b: ParameterValue) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x == y
        case (.real(let x), .real(let y)): return x == y
        case (.integers(let x), .integers(let y)): return x == y
        case (.reals(let x), .reals(let y)): return x == y
        case (.expressions(let x), .expressions(let y)): return x.map(\.source) == y.map(\.source)
        case (.choice(let x), .choice(let y)): return x == y
        case (.flag(let x), .flag(let y)): return x == y
        default: return false
        }
    }
}

/// A numeric range a parameter must lie in, stated once for validation, errors and help.
public struct Constraint: Sendable, Equatable {
    /// The lower bound, if any.
    public var lower: Double?
    /// Whether the lower bound itself is allowed.
    public var lowerInclusive: Bool
    /// The upper bound, if any.
    public var upper: Double?
    /// Whether the upper bound itself is allowed.
    public var upperInclusive: Bool

    /// `x ≥ v`.
    public static func atLeast(_ v: Double) -> Constraint { Constraint(lower: v, lowerInclusive: true, upper: nil, upperInclusive: false) }
    /// `x > v`.
    public static func greaterThan(_ v: Double) -> Constraint { Constraint(lower: v, lowerInclusive: false, upper: nil, upperInclusive: false) }
    /// `lo ≤ x ≤ hi`.
    public static func between(_ lo: Double, _ hi: Double) -> Constraint { Constraint(lower: lo, lowerInclusive: true, upper: hi, upperInclusive: true) }

    /// Whether `x` satisfies the constraint.
    public func admits(_ x: Double) -> Bool {
        if let lower, lowerInclusive ? x < lower : x <= lower { return false }
        if let upper, upperInclusive ? x > upper : x >= upper { return false }
        return true
    }

    /// Human-readable range, e.g. `an integer ≥ 1` or `a number in [0, 1]`.
    public func describe(integer: Bool) -> String {
        let noun = integer ? "an integer" : "a number"
        func f(_ v: Double) -> String { integer ? String(Int(v)) : PyFormat.repr(v) }
        switch (lower, upper) {
        case let (lo?, hi?):
            return "\(noun) in \(lowerInclusive ? "[" : "(")\(f(lo)), \(f(hi))\(upperInclusive ? "]" : ")")"
        case let (lo?, nil):
            return "\(noun) \(lowerInclusive ? "≥" : ">") \(f(lo))"
        case let (nil, hi?):
            return "\(noun) \(upperInclusive ? "≤" : "<") \(f(hi))"
        case (nil, nil):
            return integer ? "an integer" : "a finite number"
        }
    }
}

/// One parameter of a schedule: both spellings, type, default, range and documentation.
public struct ParameterSpec: Sendable {
    /// The kebab-case flag name without dashes (`step-size`).
    public let name: String
    /// PyTorch's keyword (`step_size`), also accepted as `--step_size`.
    public let pythonName: String
    /// How the value is parsed.
    public let type: ParameterType
    /// The default; nil when the parameter is required or has no value unless given.
    public let defaultValue: ParameterValue?
    /// Text shown for the default in help when it is not a plain value (e.g. "--epochs").
    public let defaultDescription: String?
    /// Whether the schedule cannot be built without it.
    public let isRequired: Bool
    /// The accepted numeric range, if any (applies to every element of a list).
    public let constraint: Constraint?
    /// One line of documentation.
    public let doc: String
    /// PyTorch's own wording of the rule the range enforces, quoted in range errors.
    public let pytorchRule: String?
    /// Only accepted in the Python-call form (e.g. OneCycleLR's `epochs`, whose flag spelling
    /// would collide with the common `--epochs`).
    public let isPythonOnly: Bool
    /// In the Python-call form, the value must be a float literal, as PyTorch checks with
    /// `isinstance(x, float)` (OneCycleLR's `pct_start`).
    public let requiresPythonFloat: Bool

    /// Declares a parameter; `python` defaults to the kebab name with `_` for `-`.
    public init(_ name: String, python: String? = nil, _ type: ParameterType, default defaultValue: ParameterValue? = nil,
                defaultDescription: String? = nil, required: Bool = false, range constraint: Constraint? = nil, doc: String,
                pytorchRule: String? = nil, pythonOnly: Bool = false, requiresPythonFloat: Bool = false) {
        self.name = name
        self.pythonName = python ?? String(name.map { $0 == "-" ? "_" : $0 })
        self.type = type
        self.defaultValue = defaultValue
        self.defaultDescription = defaultDescription
        self.isRequired = required
        self.constraint = constraint
        self.doc = doc
        self.pytorchRule = pytorchRule
        self.isPythonOnly = pythonOnly
        self.requiresPythonFloat = requiresPythonFloat
    }

    /// The sentence for a value outside ``constraint``: the accepted range, plus PyTorch's wording.
    public func outOfRangeMessage(_ text: String) -> String {
        var message = "\(text) is out of range; expected \(acceptedDescription)"
        if let pytorchRule { message += " (PyTorch: \(pytorchRule))" }
        return message
    }

    /// The accepted values, in words, for error messages and help.
    public var acceptedDescription: String {
        switch type {
        case .integer: return (constraint ?? Constraint(lower: nil, lowerInclusive: true, upper: nil, upperInclusive: true)).describe(integer: true)
        case .real: return (constraint ?? Constraint(lower: nil, lowerInclusive: true, upper: nil, upperInclusive: true)).describe(integer: false)
        case .integerList:
            let each = constraint?.describe(integer: true) ?? "an integer"
            return "a comma-separated list of integers, each \(each.replacingFirst("an integer ", with: ""))"
        case .realPerGroup:
            let each = constraint?.describe(integer: false) ?? "a finite number"
            return "one number or one per param group, comma-separated, each \(each.replacingFirst("a number ", with: ""))"
        case .expression(let variable): return "a Python expression of '\(variable)' (or 'lambda NAME: EXPR')"
        case .choice(let words): return "one of " + words.joined(separator: ", ")
        case .flag: return "no value (a switch)"
        }
    }
}

extension String {
    func replacingFirst(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
