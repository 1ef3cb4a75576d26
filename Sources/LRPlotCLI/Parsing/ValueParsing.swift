import LRPlotEngine

/// Parsing of flag values: numbers in Python's spelling, lists, with errors that name the flag.
enum ValueParsing {
    /// A finite real number written as Python would (`0.1`, `1e-3`, `-2`, `.5`, `1_000.0`).
    static func real(_ text: String, flag: String, accepted: String) throws(UsageError) -> Double {
        guard isDecimalNumber(text), let value = Double(String(text.filter { $0 != "_" })), value.isFinite else {
            throw UsageError("\(flag): '\(text)' is not a valid value; expected \(accepted)")
        }
        return value
    }

    /// A whole number (`30`, `-1`); `2.5` and `1e3` are rejected.
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

    /// Parses `text` as the value of a schedule parameter and checks its range.
    static func parameter(_ spec: ParameterSpec, text: String, flag: String) throws(UsageError) -> ParameterValue {
        let accepted = spec.acceptedDescription
        func check(_ v: Double) throws(UsageError) {
            if let constraint = spec.constraint, !constraint.admits(v) {
                throw UsageError("\(flag): \(spec.outOfRangeMessage(text))")
            }
        }
        switch spec.type {
        case .integer:
            let v = try integer(text, flag: flag, accepted: accepted)
            try check(Double(v))
            return .integer(v)
        case .real:
            let v = try real(text, flag: flag, accepted: accepted)
            try check(v)
            return .real(v)
        case .integerList:
            var values: [Int] = []
            for item in try items(text, flag: flag, accepted: accepted) {
                let v = try integer(item, flag: flag, accepted: accepted)
                if let constraint = spec.constraint, !constraint.admits(Double(v)) {
                    throw UsageError("\(flag): \(spec.outOfRangeMessage(item))")
                }
                values.append(v)
            }
            return .integers(values)
        case .realPerGroup:
            var values: [Double] = []
            for item in try items(text, flag: flag, accepted: accepted) {
                let v = try real(item, flag: flag, accepted: accepted)
                if let constraint = spec.constraint, !constraint.admits(v) {
                    throw UsageError("\(flag): \(spec.outOfRangeMessage(item))")
                }
                values.append(v)
            }
            return .reals(values)
        case .expression(let variable):
            do {
                return .expressions([try Expression(text, defaultVariable: variable)])
            } catch {
                throw UsageError("\(flag): \(error.message) at column \(error.column) of '\(text)'\n  \(text)\n  \(String(repeating: " ", count: max(0, error.column - 1)))^")
            }
        case .choice(let words):
            guard words.contains(text) else {
                throw UsageError("\(flag): '\(text)' is not one of \(words.joined(separator: ", ")).\(Suggestion.didYouMean(text, in: words))")
            }
            return .choice(text)
        case .flag:
            switch text.lowercased() {
            case "true", "1", "yes", "on": return .flag(true)
            case "false", "0", "no", "off": return .flag(false)
            default: throw UsageError("\(flag) is a switch and takes no value (got '\(text)')")
            }
        }
    }
}
