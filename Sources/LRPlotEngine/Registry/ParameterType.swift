/// How a flag's text becomes a literal of the value tree (the flag front end asks the parameter).
public enum TextShape: Sendable, Equatable {
    /// One number or word (`--gamma 0.9`, `--mode triangular`).
    case scalar
    /// A comma-separated list (`--milestones 30,60`).
    case list
    /// A Python expression, kept as text; the flag may be repeated (one per param group).
    case expression
    /// A bare switch (`--three-phase`, `--no-cycle-momentum`).
    case switchFlag
}

/// What a parameter type is told while binding one value: the parameter and how the call was written.
public struct BindSite: Sendable {
    /// The parameter receiving the value.
    public let parameter: ParameterSpec
    /// Flags or Python (errors and a few rules differ, e.g. PyTorch's float-only `pct_start`).
    public let form: CallValue.Form
    /// The library whose rule a range error quotes (`PyTorch`, `timm`).
    public let library: String
}

/// The type of a schedule parameter: how a literal of the value tree becomes a typed value, how
/// the value is written back (Python, JSON) and how the type is documented. Parsing, binding, help,
/// the man page, completions and JSON all go through this protocol, so a new parameter type is one
/// conformance.
public protocol ParameterType: Sendable {
    /// The Swift value a builder receives.
    associatedtype Value: Sendable & Equatable
    /// The placeholder in usage lines (`INT`, `X`, `min|max`); empty for a switch.
    var placeholder: String { get }
    /// How a flag's text is read.
    var shape: TextShape { get }
    /// Words a shell may complete (a choice's values).
    var completionWords: [String] { get }
    /// The accepted values in words, for errors and help.
    func accepted(_ constraint: Constraint?) -> String
    /// The typed value of `value`, range-checked against the parameter's constraint.
    func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> Value
    /// The value as Python writes it (`0.9`, `[30, 60]`, `'cos'`).
    func python(_ value: Value) -> String
    /// The value as JSON.
    func json(_ value: Value) -> String
}

extension ParameterType {
    public var completionWords: [String] { [] }
}

/// Shared steps of the numeric types.
enum NumberBinding {
    /// The number in `value`, or an error naming what was given instead.
    static func number(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> (Double, Int?) {
        guard case .number(let x, let integer) = value.literal else {
            throw Diagnostic("'\(value.text)' is not a valid value; expected \(site.parameter.acceptedDescription)", at: value.origin)
        }
        return (x, integer)
    }

    /// An integer, range-checked; a float is refused with PyTorch's wording where it has one.
    static func integer(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> Int {
        let (x, integer) = try number(value, site)
        guard let integer else {
            let rule = site.parameter.libraryRule.map { " (PyTorch: \($0), but got \(value.text))" } ?? ""
            throw Diagnostic("'\(value.text)' is not an integer; expected \(site.parameter.acceptedDescription)\(rule)", at: value.origin)
        }
        try check(x, value, site)
        return integer
    }

    /// A finite real, range-checked.
    static func real(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> Double {
        let (x, integer) = try number(value, site)
        if site.parameter.requiresPythonFloat && site.form == .python && integer != nil {
            throw Diagnostic("\(site.parameter.libraryRule ?? "expected a float"), but got \(value.text) (PyTorch requires a float here: write \(value.text).0)",
                             at: value.origin)
        }
        // inf and nan are floats the libraries take as they come (`gamma=float("inf")`).
        try check(x, value, site)
        return x
    }

    /// The parameter's range, with PyTorch's wording of the rule.
    static func check(_ x: Double, _ value: SourceValue, _ site: BindSite) throws(Diagnostic) {
        if let constraint = site.parameter.constraint, !constraint.admits(x) {
            throw Diagnostic(site.parameter.outOfRangeMessage(value.text, library: site.library), at: value.origin)
        }
    }

    /// The items of a list value (a single value counts as a list of one when `scalarAllowed`).
    static func items(_ value: SourceValue, _ site: BindSite, example: String, scalarAllowed: Bool) throws(Diagnostic) -> [SourceValue] {
        switch value.literal {
        case .list(let items): return items
        case .number where scalarAllowed: return [value]
        default:
            throw Diagnostic("expected a list such as \(example), got '\(value.text)'", at: value.origin)
        }
    }
}

/// A whole number (`--step-size 30`).
public struct IntegerType: ParameterType {
    public init() {}
    public var placeholder: String { "INT" }
    public var shape: TextShape { .scalar }
    public func accepted(_ constraint: Constraint?) -> String { constraint.describe(integer: true) }
    public func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> Int { try NumberBinding.integer(value, site) }
    public func python(_ value: Int) -> String { String(value) }
    public func json(_ value: Int) -> String { String(value) }
}

/// A finite real number (`--gamma 0.9`).
public struct RealType: ParameterType {
    public init() {}
    public var placeholder: String { "X" }
    public var shape: TextShape { .scalar }
    public func accepted(_ constraint: Constraint?) -> String { constraint.describe(integer: false) }
    public func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> Double { try NumberBinding.real(value, site) }
    public func python(_ value: Double) -> String { PyFormat.repr(value) }
    public func json(_ value: Double) -> String { JSONText.number(value) }
}

/// A list of whole numbers (`--milestones 30,60,90`); the range applies to each.
public struct IntegerListType: ParameterType {
    public init() {}
    public var placeholder: String { "INT,INT,…" }
    public var shape: TextShape { .list }
    public func accepted(_ constraint: Constraint?) -> String {
        guard let constraint else { return "a comma-separated list of integers" }
        return "a comma-separated list of integers, each \(constraint.describe(integer: true).replacingFirst("an integer ", with: ""))"
    }
    public func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> [Int] {
        var result: [Int] = []
        for item in try NumberBinding.items(value, site, example: "[30, 60]", scalarAllowed: false) {
            result.append(try NumberBinding.integer(item, site))
        }
        return result
    }
    public func python(_ value: [Int]) -> String { "[" + value.map(String.init).joined(separator: ", ") + "]" }
    public func json(_ value: [Int]) -> String { "[" + value.map(String.init).joined(separator: ",") + "]" }
}

/// One real number per param group, or one for all (`--max-lr 0.1,0.01`).
public struct PerGroupRealType: ParameterType {
    public init() {}
    public var placeholder: String { "X[,X…]" }
    public var shape: TextShape { .list }
    public func accepted(_ constraint: Constraint?) -> String {
        let each = constraint?.describe(integer: false) ?? "a number"
        return "one number or one per param group, comma-separated, each \(each.replacingFirst("a number ", with: ""))"
    }
    public func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> [Double] {
        var result: [Double] = []
        for item in try NumberBinding.items(value, site, example: "[0.1, 0.01]", scalarAllowed: true) {
            result.append(try NumberBinding.real(item, site))
        }
        return result
    }
    public func python(_ value: [Double]) -> String {
        value.count == 1 ? PyFormat.repr(value[0]) : "[" + value.map(PyFormat.repr).joined(separator: ", ") + "]"
    }
    public func json(_ value: [Double]) -> String { "[" + value.map(JSONText.number).joined(separator: ",") + "]" }
}

/// Python expressions of one variable, one for all param groups or one per group (`--lr-lambda`).
public struct ExpressionType: ParameterType {
    /// The variable an expression without `lambda NAME:` reads.
    public let variable: String
    public init(variable: String) { self.variable = variable }
    public var placeholder: String { "EXPR" }
    public var shape: TextShape { .expression }
    public func accepted(_ constraint: Constraint?) -> String { "a Python expression of '\(variable)' (or 'lambda NAME: EXPR')" }
    public func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> [Expression] {
        let items: [SourceValue]
        if case .list(let list) = value.literal { items = list } else { items = [value] }
        var result: [Expression] = []
        for item in items {
            if case .callable(let function) = item.literal {
                result.append(Expression(callable: function))
                continue
            }
            let text: String
            switch item.literal {
            case .expression(let source): text = source
            case .number, .name: text = item.text
            default:
                throw Diagnostic("expected a Python expression of '\(variable)' such as 'lambda epoch: 0.95 ** epoch', got '\(item.text)'", at: item.origin)
            }
            do {
                result.append(try Expression(text, defaultVariable: variable))
            } catch {
                var origin = item.origin
                origin.column = (origin.column ?? 1) - 1 + error.column
                if origin.text == nil { origin.text = text; origin.column = error.column }
                throw Diagnostic("\(error.message) at column \(error.column) of '\(text)'", at: origin)
            }
        }
        return result
    }
    public func python(_ value: [Expression]) -> String {
        let texts = value.map { $0.source.hasPrefix("lambda") ? $0.source : "lambda \($0.variable): \($0.source)" }
        return texts.count == 1 ? texts[0] : "[" + texts.joined(separator: ", ") + "]"
    }
    public func json(_ value: [Expression]) -> String { "[" + value.map { JSONText.string($0.source) }.joined(separator: ",") + "]" }
}

/// One of a fixed set of words (`--mode triangular`).
public struct ChoiceType: ParameterType {
    /// The accepted words.
    public let words: [String]
    public init(_ words: [String]) { self.words = words }
    public var placeholder: String { words.joined(separator: "|") }
    public var shape: TextShape { .scalar }
    public var completionWords: [String] { words }
    public func accepted(_ constraint: Constraint?) -> String { "one of " + words.joined(separator: ", ") }
    public func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> String {
        let word: String
        switch value.literal {
        case .string(let s): word = s
        default:
            guard site.form == .flags else {
                throw Diagnostic("expected one of \(words.map { "'\($0)'" }.joined(separator: ", ")), got '\(value.text)'", at: value.origin)
            }
            word = value.text
        }
        guard words.contains(word) else {
            throw Diagnostic("'\(word)' is not one of \(words.joined(separator: ", ")).\(Suggestion.didYouMean(word, in: words))", at: value.origin)
        }
        return word
    }
    public func python(_ value: String) -> String { "'\(value)'" }
    public func json(_ value: String) -> String { JSONText.string(value) }
}

/// A bare switch (`--three-phase`), turned off with `--no-NAME`.
public struct SwitchType: ParameterType {
    public init() {}
    public var placeholder: String { "" }
    public var shape: TextShape { .switchFlag }
    public func accepted(_ constraint: Constraint?) -> String { "no value (a switch)" }
    public func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> Bool {
        guard case .bool(let on) = value.literal else {
            throw Diagnostic(site.form == .flags ? "is a switch and takes no value (got '\(value.text)')" : "expected True or False, got '\(value.text)'",
                             at: value.origin)
        }
        return on
    }
    public func python(_ value: Bool) -> String { value ? "True" : "False" }
    public func json(_ value: Bool) -> String { value ? "true" : "false" }
}

extension Expression: Equatable {
    public static func == (a: Expression, b: Expression) -> Bool { a.source == b.source && a.variable == b.variable }
}

/// One of a Swift enum's cases, written as its raw value (`--mode min`, `anneal_strategy='cos'`):
/// a choice whose builder receives the enum itself.
public struct EnumType<E: RawRepresentable & CaseIterable & Sendable & Equatable>: ParameterType where E.RawValue == String {
    private let choice = ChoiceType(E.allCases.map(\.rawValue))
    public init() {}
    public var placeholder: String { choice.placeholder }
    public var shape: TextShape { .scalar }
    public var completionWords: [String] { choice.words }
    public func accepted(_ constraint: Constraint?) -> String { choice.accepted(constraint) }
    public func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> E {
        let word = try choice.bind(value, site)
        guard let typed = E(rawValue: word) else {
            throw Diagnostic("'\(word)' is not one of \(choice.words.joined(separator: ", "))", at: value.origin)
        }
        return typed
    }
    public func python(_ value: E) -> String { choice.python(value.rawValue) }
    public func json(_ value: E) -> String { choice.json(value.rawValue) }
}

/// A Python number as written: an `int` or a `float` (PyTorch and timm do not check the type of
/// several "integer" parameters, and pasted code passes floats such as `T_max=10.5`).
public struct PyNumber: Sendable, Equatable {
    /// The value as a float (exact for the ints lrplot accepts).
    public let value: Double
    /// The value when it was written as an int.
    public let integer: Int?

    /// An int.
    public init(_ integer: Int) {
        value = Double(integer)
        self.integer = integer
    }

    /// A float.
    public init(float value: Double) {
        self.value = value
        integer = nil
    }
}

/// An int or a float, kept as written (`--t-max 30`, `T_max=10.5`); range-checked as a number.
public struct NumberType: ParameterType {
    public init() {}
    public var placeholder: String { "N" }
    public var shape: TextShape { .scalar }
    public func accepted(_ constraint: Constraint?) -> String {
        constraint.describe(integer: false).replacingFirst("a number", with: "a number (int or float)")

    }
    public func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> PyNumber {
        let (x, integer) = try NumberBinding.number(value, site)
        guard x.isFinite else {
            throw Diagnostic("'\(value.text)' is not a valid value; expected \(site.parameter.acceptedDescription)", at: value.origin)
        }
        try NumberBinding.check(x, value, site)
        return integer.map { PyNumber($0) } ?? PyNumber(float: x)
    }
    public func python(_ value: PyNumber) -> String { value.integer.map(String.init) ?? PyFormat.repr(value.value) }
    public func json(_ value: PyNumber) -> String { value.integer.map(String.init) ?? JSONText.number(value.value) }
}
