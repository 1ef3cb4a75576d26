import LRPlotEngine

/// Reading flag text: numbers in Python's spelling and comma-separated lists, into values of the
/// tree (the parameter's type gives them meaning in the binder).
enum ValueParsing {
    /// A finite real number written as Python would (`0.1`, `1e-3`, `-2`, `.5`, `1_000.0`), for
    /// common flags.
    static func real(_ text: String, flag: String, accepted: String) throws(UsageError) -> Double {
        guard isDecimalNumber(text), let value = Double(String(text.filter { $0 != "_" })), value.isFinite else {
            throw UsageError("\(flag): '\(text)' is not a valid value; expected \(accepted)")
        }
        return value
    }

    /// A whole number (`30`, `-1`); `2.5` and `1e3` are rejected (common flags).
    static func integer(_ text: String, flag: String, accepted: String) throws(UsageError) -> Int {
        let body = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
            if Double(text) != nil {
                throw UsageError("\(flag): '\(text)' is not an integer; expected \(accepted)")
            }
            throw UsageError("\(flag): '\(text)' is not a valid value; expected \(accepted)")
        }
        return value
    }

    /// The comma-separated items of a list value, rejecting empty items.
    static func items(_ text: String, flag: String, accepted: String) throws(UsageError) -> [String] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !text.isEmpty, !parts.contains(where: \.isEmpty) else {
            throw UsageError("\(flag): '\(text)' is not a valid list; expected \(accepted) (comma-separated, no spaces)")
        }
        return parts
    }

    /// Whether `text` is a decimal number literal (no hex, no `inf`/`nan`).
    static func isDecimalNumber(_ text: String) -> Bool {
        var chars = Substring(text)
        if chars.first == "-" || chars.first == "+" { chars = chars.dropFirst() }
        var sawDigit = false, sawDot = false, sawExponent = false, previous: Character = " "
        for c in chars {
            if c.isASCII && c.isNumber { sawDigit = true } else if c == "_" {
                guard previous.isNumber else { return false }
            } else if c == "." {
                if sawDot || sawExponent { return false }
                sawDot = true
            } else if c == "e" || c == "E" {
                if sawExponent || !sawDigit { return false }
                sawExponent = true
                sawDigit = false
            } else if c == "-" || c == "+" {
                if previous != "e" && previous != "E" { return false }
            } else {
                return false
            }
            previous = c
        }
        return sawDigit
    }

    /// One word of flag text as a literal: a number when it is written as one (an integer when it
    /// has no dot or exponent), else a word.
    static func scalar(_ text: String, origin: Origin) -> SourceValue {
        if let special = PythonFloat.special(text) {
            return SourceValue(.number(special, integer: nil), text: text, origin: origin)
        }
        if isDecimalNumber(text), let x = Double(String(text.filter { $0 != "_" })) {
            let digits = String(text.filter { $0 != "_" })
            let integer = digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? nil : Int(digits)
            return SourceValue(.number(x, integer: integer), text: text, origin: origin)
        }
        return SourceValue(.string(text), text: text, origin: origin)
    }

    /// The literal a flag's text stands for, read as the parameter's shape asks.
    static func literal(_ text: String, for spec: ParameterSpec, origin: Origin) throws(UsageError) -> SourceValue {
        switch spec.shape {
        case .scalar:
            return scalar(text, origin: origin)
        case .list:
            let parts = try items(text, flag: origin.subject ?? "--\(spec.name)", accepted: spec.acceptedDescription)
            return SourceValue(.list(parts.map { scalar($0, origin: origin) }), text: text, origin: origin)
        case .expression:
            var at = origin
            at.text = text
            at.column = 1
            return SourceValue(.expression(text), text: text, origin: at)
        case .switchFlag:
            switch text.lowercased() {
            case "true", "1", "yes", "on": return SourceValue(.bool(true), text: text, origin: origin)
            case "false", "0", "no", "off": return SourceValue(.bool(false), text: text, origin: origin)
            default: throw UsageError("\(origin.subject ?? "--\(spec.name)") is a switch and takes no value (got '\(text)')")
            }
        }
    }
}
