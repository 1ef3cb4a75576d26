/// A token of the Python subset lrplot reads (expressions and constructor calls).
public struct PyToken: Equatable, Sendable {
    /// What kind of token this is.
    public enum Kind: Equatable, Sendable {
        case int(Int)
        case float(Double)
        case string(String)
        case name(String)
        case keyword(String)
        case op(String)
        case end
    }

    /// The token's kind and value.
    public var kind: Kind
    /// The 1-based column of its first character.
    public var column: Int
    /// The source text it was read from.
    public var text: String
}

/// Turns source text into ``PyToken``s, recording 1-based columns for error messages.
public struct PyTokenizer {
    /// Longest accepted source, in characters.
    public static let maximumLength = 10_000

    static let keywords: Set<String> = ["and", "or", "not", "if", "else", "lambda", "True", "False", "None"]
    static let operators = ["**", "//", "<=", ">=", "==", "!=", "+", "-", "*", "/", "%", "<", ">",
                            "(", ")", "[", "]", "{", "}", ",", ":", ".", "="]

    /// Tokenizes `source`; the last token is always `.end`.
    public static func tokenize(_ source: String) throws(PySyntaxError) -> [PyToken] {
        let chars = Array(source.unicodeScalars)
        guard chars.count <= maximumLength else {
            throw PySyntaxError(column: maximumLength + 1,
                                message: "is longer than \(maximumLength) characters")
        }
        var tokens: [PyToken] = []
        var i = 0
        func text(_ from: Int, _ to: Int) -> String {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: chars[from..<to])
            return String(s)
        }
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            let start = i
            if isDigit(c) || (c == "." && i + 1 < chars.count && isDigit(chars[i + 1])) {
                var isFloat = false
                while i < chars.count, isDigit(chars[i]) || chars[i] == "_" { i += 1 }
                if i < chars.count, chars[i] == "." {
                    isFloat = true
                    i += 1
                    while i < chars.count, isDigit(chars[i]) || chars[i] == "_" { i += 1 }
                }
                if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                    var j = i + 1
                    if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
                    if j < chars.count, isDigit(chars[j]) {
                        isFloat = true
                        i = j
                        while i < chars.count, isDigit(chars[i]) || chars[i] == "_" { i += 1 }
                    } else {
                        throw PySyntaxError(column: i + 1, message: "malformed number exponent")
                    }
                }
                if i < chars.count, isIdentifierStart(chars[i]) {
                    throw PySyntaxError(column: start + 1, message: "invalid number '\(text(start, i + 1))'")
                }
                let raw = text(start, i)
                let digits = String(raw.filter { $0 != "_" })
                if raw.hasSuffix("_") || raw.contains("__") || raw.contains("_.") || raw.contains("._") {
                    throw PySyntaxError(column: start + 1, message: "invalid number '\(raw)'")
                }
                if isFloat {
                    guard let value = Double(digits) else {
                        throw PySyntaxError(column: start + 1, message: "invalid number '\(raw)'")
                    }
                    tokens.append(PyToken(kind: .float(value), column: start + 1, text: raw))
                } else {
                    if digits.count > 1, digits.hasPrefix("0"), digits.contains(where: { $0 != "0" }) {
                        throw PySyntaxError(column: start + 1,
                                            message: "leading zeros in decimal integer literals are not permitted")
                    }
                    guard let value = Int(digits) else {
                        throw PySyntaxError(column: start + 1, message: "integer literal '\(raw)' is too large")
                    }
                    tokens.append(PyToken(kind: .int(value), column: start + 1, text: raw))
                }
                continue
            }
            if isIdentifierStart(c) {
                while i < chars.count, isIdentifierStart(chars[i]) || isDigit(chars[i]) { i += 1 }
                let word = text(start, i)
                let kind: PyToken.Kind = keywords.contains(word) ? .keyword(word) : .name(word)
                tokens.append(PyToken(kind: kind, column: start + 1, text: word))
                continue
            }
            if c == "'" || c == "\"" {
                i += 1
                var value = String.UnicodeScalarView()
                var closed = false
                while i < chars.count {
                    if chars[i] == c { closed = true; i += 1; break }
                    if chars[i] == "\\", i + 1 < chars.count {
                        value.append(chars[i + 1])
                        i += 2
                        continue
                    }
                    value.append(chars[i])
                    i += 1
                }
                guard closed else { throw PySyntaxError(column: start + 1, message: "unterminated string") }
                tokens.append(PyToken(kind: .string(String(value)), column: start + 1, text: text(start, i)))
                continue
            }
            var matched = false
            for op in operators {
                let opScalars = Array(op.unicodeScalars)
                if i + opScalars.count <= chars.count, Array(chars[i..<(i + opScalars.count)]) == opScalars {
                    tokens.append(PyToken(kind: .op(op), column: start + 1, text: op))
                    i += opScalars.count
                    matched = true
                    break
                }
            }
            if !matched {
                throw PySyntaxError(column: start + 1, message: "unexpected character '\(Character(c))'")
            }
        }
        tokens.append(PyToken(kind: .end, column: chars.count + 1, text: ""))
        return tokens
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }
}

/// A syntax error in an expression or call, with the 1-based column where it was found.
public struct PySyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based column in the source.
    public var column: Int
    /// What is wrong.
    public var message: String

    /// An error at `column`.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "\(message) (column \(column))" }
}
