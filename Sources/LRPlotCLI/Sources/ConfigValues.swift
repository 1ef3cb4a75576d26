import LRPlotEngine

/// A config's values as a reader consults them: by key, converted as the trainer converts them
/// (a command line's words are strings that argparse's `type=` turns into numbers), with errors
/// at the value's file, line and column.
struct ConfigValues {
    /// The document's top-level keys, in order (a later duplicate wins, as in `json.loads`).
    let keywords: [CallValue.Keyword]
    /// Whether the values are a command line's words.
    let isCommandLine: Bool
    /// Where the document is (for messages about missing values).
    let origin: Origin

    init(_ document: ConfigDocument) {
        if case .mapping(let keywords) = document.root.literal { self.keywords = keywords } else { self.keywords = [] }
        isCommandLine = document.format == .commandLine
        origin = document.root.origin.naming(nil)
    }

    /// The value of the first of `names` given (the last occurrence of it).
    func value(_ names: String...) -> SourceValue? { value(names) }

    func value(_ names: [String]) -> SourceValue? {
        for name in names { if let v = keywords.last(where: { $0.name == name })?.value { return v } }
        return nil
    }

    /// `float(value)`: a number, or (as argparse's `type=float` reads a word) a numeric string.
    /// `strings` says whether the trainer converts a string value too (argparse, `float(...)` in code).
    static func real(_ value: SourceValue, strings: Bool, what: String) throws(Diagnostic) -> Double {
        switch value.literal {
        case .number(let x, _): return x
        case .bool(let b): return b ? 1 : 0
        case .string(let s) where strings:
            guard let x = PythonConversions.float(s) else { throw Diagnostic("could not convert string to float: '\(s)' (\(what))", at: value.origin) }
            return x
        default:
            throw Diagnostic("expected a number for \(what), got \(value.text.isEmpty ? "a \(kind(value))" : "'\(value.text)'")", at: value.origin)
        }
    }

    /// `int(value)`: a whole number, or (argparse's `type=int`) a string of digits.
    static func integer(_ value: SourceValue, strings: Bool, what: String) throws(Diagnostic) -> Int {
        switch value.literal {
        case .number(_, .some(let n)): return n
        case .bool(let b): return b ? 1 : 0
        case .string(let s) where strings:
            guard let n = PythonConversions.int(s) else { throw Diagnostic("invalid literal for int() with base 10: '\(s)' (\(what))", at: value.origin) }
            return n
        default:
            throw Diagnostic("expected a whole number for \(what), got '\(value.text)'", at: value.origin)
        }
    }

    /// A string (a command line's word, a YAML/JSON string).
    static func string(_ value: SourceValue, what: String) throws(Diagnostic) -> String {
        switch value.literal {
        case .string(let s): return s
        default: throw Diagnostic("expected a string for \(what), got '\(value.text)'", at: value.origin)
        }
    }

    /// A boolean: `true`/`false`, or a word argparse's `store_true` / HF's `string_to_bool` reads.
    static func bool(_ value: SourceValue, what: String) throws(Diagnostic) -> Bool {
        switch value.literal {
        case .bool(let b): return b
        case .number(let x, _): return x != 0
        case .string(let s):
            switch s.lowercased() {
            case "yes", "true", "t", "y", "1": return true
            case "no", "false", "f", "n", "0": return false
            default: throw Diagnostic("expected true or false for \(what), got '\(s)'", at: value.origin)
            }
        default: throw Diagnostic("expected true or false for \(what), got '\(value.text)'", at: value.origin)
        }
    }

    static func kind(_ value: SourceValue) -> String {
        switch value.literal {
        case .mapping: return "mapping"
        case .list: return "list"
        case .none: return "null"
        default: return "value"
        }
    }

    /// A value for a registry call's keyword: `literal` at the config value's origin, naming the key.
    static func argument(_ literal: Literal, text: String, from origin: Origin, key: String) -> SourceValue {
        SourceValue(literal, text: text, origin: origin.naming(origin.subject ?? key))
    }

    /// The largest count a reader derives (updates, steps): beyond it a run could not be simulated anyway.
    static let largestCount = 1_000_000_000_000_000

    /// `int(x)` of a derived count, or an error naming `what` when `x` is not finite or too large.
    static func count(_ x: Double, what: String, at origin: Origin) throws(Diagnostic) -> Int {
        guard x.isFinite, abs(x) <= Double(largestCount) else {
            throw Diagnostic("\(what) comes to \(PyFormat.repr(x)), which is not a count of updates lrplot can simulate", at: origin)
        }
        return Int(x)
    }

    /// A number literal (`integer` when whole).
    static func number(_ x: Double) -> Literal {
        if x.rounded() == x, abs(x) < 9e15 { return .number(x, integer: Int(x)) }
        return .number(x, integer: nil)
    }
}
