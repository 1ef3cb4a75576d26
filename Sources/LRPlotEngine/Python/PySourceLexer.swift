/// A token of a whole Python source (statements as well as expressions), with its line and column.
struct PySourceToken: Sendable {
    enum Kind: Equatable, Sendable {
        case int(Int)
        /// An integer literal too large for 64 bits (kept as text; using it is an error).
        case bigInt(String)
        case float(Double)
        case string(String)
        /// An f-string's raw body (its `{…}` fields are parsed by the parser).
        case fstring(String)
        case name(String)
        case keyword(String)
        case op(String)
        case newline
        case indent
        case dedent
        case end
    }

    var kind: Kind
    /// 1-based line and column of the first character.
    var line: Int
    var column: Int
    /// The text as written (for messages).
    var text: String
}

/// Turns a Python source into tokens as CPython's tokenizer does: `NEWLINE`, `INDENT` and `DEDENT`
/// from the layout, implicit line joining inside brackets, backslash continuations, comments,
/// single-, double- and triple-quoted strings with prefixes, and numbers with underscores.
struct PySourceLexer {
    /// The longest source accepted, in characters.
    static let maximumLength = 1_000_000
    /// The deepest bracket nesting accepted.
    static let maximumBrackets = 200
    /// The deepest indentation accepted.
    static let maximumIndents = 100

    static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]
    static let operators: [String] = [
        "**=", "//=", ">>=", "<<=", "...", "->", ":=",
        "**", "//", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "<<", ">>",
        "+", "-", "*", "/", "%", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", "=", ";", "@", "&", "|", "^", "~",
    ]

    let chars: [Unicode.Scalar]
    let file: String?

    /// Tokenizes `source`; the last token is always `.end`, preceded by a `.newline` and the dedents.
    static func tokenize(_ source: String, file: String?) throws(PySourceError) -> [PySourceToken] {
        let chars = Array(source.unicodeScalars)
        guard chars.count <= maximumLength else {
            throw PySourceError(message: "the source is longer than \(maximumLength) characters", line: 1, column: 1)
        }
        return try PySourceLexer(chars: chars, file: file).run()
    }

    private func text(_ from: Int, _ to: Int) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: chars[from..<min(to, chars.count)])
        return String(s)
    }

    private func run() throws(PySourceError) -> [PySourceToken] {
        var tokens: [PySourceToken] = []
        var indents = [0]
        var altIndents = [0]
        var brackets: [Unicode.Scalar] = []
        var bracketPlaces: [(Int, Int)] = []
        var i = 0
        var line = 1
        var lineStart = 0
        var atLineStart = true
        func column(_ at: Int) -> Int { at - lineStart + 1 }

        while i < chars.count {
            if atLineStart && brackets.isEmpty {
                // Measure the indentation of a logical line; blank and comment-only lines do not count.
                var width = 0
                var altWidth = 0
                var j = i
                while j < chars.count, chars[j] == " " || chars[j] == "\t" || chars[j] == "\u{0C}" {
                    width = chars[j] == "\t" ? (width / 8 + 1) * 8 : width + 1
                    altWidth += 1
                    j += 1
                }
                if j >= chars.count { i = j; break }
                if chars[j] == "#" || chars[j] == "\n" || chars[j] == "\r" {
                    while j < chars.count, chars[j] != "\n" { j += 1 }
                    if j < chars.count { j += 1; line += 1; lineStart = j }
                    i = j
                    continue
                }
                // CPython's TabError: the indentation must compare alike with tabs of 8 and of 1.
                let last = indents[indents.count - 1], altLast = altIndents[altIndents.count - 1]
                if (width > last) != (altWidth > altLast) || (width == last) != (altWidth == altLast) {
                    throw PySourceError(message: "TabError: inconsistent use of tabs and spaces in indentation", line: line, column: 1)
                }
                if width > indents[indents.count - 1] {
                    guard indents.count < PySourceLexer.maximumIndents else {
                        throw PySourceError(message: "too many levels of indentation (more than \(PySourceLexer.maximumIndents))", line: line, column: 1)
                    }
                    indents.append(width)
                    altIndents.append(altWidth)
                    tokens.append(PySourceToken(kind: .indent, line: line, column: 1, text: ""))
                } else {
                    while width < indents[indents.count - 1] {
                        indents.removeLast()
                        altIndents.removeLast()
                        tokens.append(PySourceToken(kind: .dedent, line: line, column: j - lineStart + 1, text: ""))
                    }
                    guard width == indents[indents.count - 1] else {
                        throw PySourceError(message: "IndentationError: unindent does not match any outer indentation level", line: line, column: j - lineStart + 1)
                    }
                }
                i = j
                atLineStart = false
            }
            let c = chars[i]
            if c == " " || c == "\t" || c == "\u{0C}" || c == "\r" { i += 1; continue }
            if c == "#" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "\\" {
                var j = i + 1
                while j < chars.count, chars[j] == " " || chars[j] == "\t" || chars[j] == "\r" { j += 1 }
                guard j < chars.count, chars[j] == "\n" else {
                    throw PySourceError(message: "unexpected character after line continuation character", line: line, column: column(i))
                }
                i = j + 1
                line += 1
                lineStart = i
                continue
            }
            if c == "\n" {
                if brackets.isEmpty {
                    if let last = tokens.last, last.kind != .newline, last.kind != .indent, last.kind != .dedent {
                        tokens.append(PySourceToken(kind: .newline, line: line, column: column(i), text: ""))
                    }
                    atLineStart = true
                }
                i += 1
                line += 1
                lineStart = i
                continue
            }
            let start = i
            let startColumn = column(i)
            if PySourceLexer.isDigit(c) || (c == "." && i + 1 < chars.count && PySourceLexer.isDigit(chars[i + 1])) {
                let (kind, end) = try number(at: i, line: line, column: startColumn)
                tokens.append(PySourceToken(kind: kind, line: line, column: startColumn, text: text(start, end)))
                i = end
                continue
            }
            if PySourceLexer.isIdentifierStart(c) {
                var j = i
                while j < chars.count, PySourceLexer.isIdentifierStart(chars[j]) || PySourceLexer.isDigit(chars[j]) { j += 1 }
                let word = text(i, j)
                // String prefixes: r, b, u, f and their combinations.
                if j < chars.count, chars[j] == "'" || chars[j] == "\"", word.count <= 2,
                   word.lowercased().allSatisfy({ "rbuf".contains($0) }) {
                    let lower = word.lowercased()
                    let (body, end, newlines, lastNewline) = try string(at: j, raw: lower.contains("r"), line: line, column: startColumn)
                    let kind: PySourceToken.Kind = lower.contains("f") ? .fstring(body) : .string(body)
                    tokens.append(PySourceToken(kind: kind, line: line, column: startColumn, text: text(start, end)))
                    if newlines > 0 { line += newlines; lineStart = lastNewline + 1 }
                    i = end
                    continue
                }
                let kind: PySourceToken.Kind = PySourceLexer.keywords.contains(word) ? .keyword(word) : .name(word)
                tokens.append(PySourceToken(kind: kind, line: line, column: startColumn, text: word))
                i = j
                continue
            }
            if c == "'" || c == "\"" {
                let (body, end, newlines, lastNewline) = try string(at: i, raw: false, line: line, column: startColumn)
                tokens.append(PySourceToken(kind: .string(body), line: line, column: startColumn, text: text(start, end)))
                if newlines > 0 { line += newlines; lineStart = lastNewline + 1 }
                i = end
                continue
            }
            var matched: String? = nil
            for op in PySourceLexer.operators {
                let scalars = Array(op.unicodeScalars)
                if i + scalars.count <= chars.count, Array(chars[i..<(i + scalars.count)]) == scalars { matched = op; break }
            }
            guard let op = matched else {
                throw PySourceError(message: "invalid character '\(Character(c))' (U+\(String(c.value, radix: 16, uppercase: true)))", line: line, column: startColumn)
            }
            if op == "(" || op == "[" || op == "{" {
                guard brackets.count < PySourceLexer.maximumBrackets else {
                    throw PySourceError(message: "too many nested parentheses (more than \(PySourceLexer.maximumBrackets))", line: line, column: startColumn)
                }
                brackets.append(op.unicodeScalars.first ?? "(")
                bracketPlaces.append((line, startColumn))
            } else if op == ")" || op == "]" || op == "}" {
                let opener: Unicode.Scalar = op == ")" ? "(" : op == "]" ? "[" : "{"
                guard let last = brackets.last else {
                    throw PySourceError(message: "unmatched '\(op)'", line: line, column: startColumn)
                }
                guard last == opener else {
                    throw PySourceError(message: "closing parenthesis '\(op)' does not match opening parenthesis '\(Character(last))'", line: line, column: startColumn)
                }
                brackets.removeLast()
                bracketPlaces.removeLast()
            }
            tokens.append(PySourceToken(kind: .op(op), line: line, column: startColumn, text: op))
            i += op.unicodeScalars.count
        }
        if let open = brackets.last {
            let place = bracketPlaces.last ?? (line, 1)
            throw PySourceError(message: "'\(Character(open))' was never closed", line: place.0, column: place.1)
        }
        if let last = tokens.last, last.kind != .newline, last.kind != .dedent {
            tokens.append(PySourceToken(kind: .newline, line: line, column: column(i), text: ""))
        }
        while indents.count > 1 {
            indents.removeLast()
            tokens.append(PySourceToken(kind: .dedent, line: line, column: 1, text: ""))
        }
        tokens.append(PySourceToken(kind: .end, line: line, column: column(i), text: ""))
        return tokens
    }

    private func number(at start: Int, line: Int, column: Int) throws(PySourceError) -> (PySourceToken.Kind, Int) {
        var i = start
        if chars[i] == "0", i + 1 < chars.count, "xXoObB".unicodeScalars.contains(chars[i + 1]) {
            let radix = "xX".unicodeScalars.contains(chars[i + 1]) ? 16 : "oO".unicodeScalars.contains(chars[i + 1]) ? 8 : 2
            i += 2
            var digits = ""
            while i < chars.count, chars[i] == "_" || Character(chars[i]).isHexDigit {
                if chars[i] != "_" { digits.unicodeScalars.append(chars[i]) }
                i += 1
            }
            guard let value = Int(digits, radix: radix) else {
                if !digits.isEmpty, digits.allSatisfy({ $0.hexDigitValue.map { $0 < radix } ?? false }) { return (.bigInt(text(start, i)), i) }
                throw PySourceError(message: "invalid number '\(text(start, i))'", line: line, column: column)
            }
            return (.int(value), i)
        }
        var isFloat = false
        while i < chars.count, PySourceLexer.isDigit(chars[i]) || chars[i] == "_" { i += 1 }
        if i < chars.count, chars[i] == "." {
            isFloat = true
            i += 1
            while i < chars.count, PySourceLexer.isDigit(chars[i]) || chars[i] == "_" { i += 1 }
        }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            var j = i + 1
            if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
            guard j < chars.count, PySourceLexer.isDigit(chars[j]) else {
                throw PySourceError(message: "invalid decimal literal '\(text(start, j))'", line: line, column: column)
            }
            isFloat = true
            i = j
            while i < chars.count, PySourceLexer.isDigit(chars[i]) || chars[i] == "_" { i += 1 }
        }
        if i < chars.count, chars[i] == "j" || chars[i] == "J" {
            throw PySourceError(message: "complex numbers are not supported", line: line, column: column)
        }
        if i < chars.count, PySourceLexer.isIdentifierStart(chars[i]) {
            throw PySourceError(message: "invalid decimal literal '\(text(start, i + 1))'", line: line, column: column)
        }
        let raw = text(start, i)
        if raw.hasSuffix("_") || raw.contains("__") || raw.contains("_.") || raw.contains("._") || raw.contains("_e") || raw.contains("e_") {
            throw PySourceError(message: "invalid decimal literal '\(raw)'", line: line, column: column)
        }
        let digits = String(raw.filter { $0 != "_" })
        if isFloat {
            guard let value = Double(digits) else { throw PySourceError(message: "invalid number '\(raw)'", line: line, column: column) }
            return (.float(value), i)
        }
        if digits.count > 1, digits.hasPrefix("0"), digits.contains(where: { $0 != "0" }) {
            throw PySourceError(message: "leading zeros in decimal integer literals are not permitted", line: line, column: column)
        }
        guard let value = Int(digits) else { return (.bigInt(raw), i) }
        return (.int(value), i)
    }

    /// Reads a string literal starting at its opening quote; returns its value, the index after
    /// it, and the newlines it spans (for triple-quoted strings).
    private func string(at start: Int, raw: Bool, line: Int, column: Int) throws(PySourceError) -> (String, Int, Int, Int) {
        let quote = chars[start]
        var i = start
        let triple = i + 2 < chars.count && chars[i + 1] == quote && chars[i + 2] == quote
        i += triple ? 3 : 1
        var value = String.UnicodeScalarView()
        var newlines = 0
        var lastNewline = 0
        while true {
            guard i < chars.count else {
                throw PySourceError(message: triple ? "unterminated triple-quoted string literal" : "unterminated string literal", line: line, column: column)
            }
            let c = chars[i]
            if c == quote {
                if !triple { return (String(value), i + 1, newlines, lastNewline) }
                if i + 2 < chars.count, chars[i + 1] == quote, chars[i + 2] == quote { return (String(value), i + 3, newlines, lastNewline) }
            }
            if c == "\n" {
                guard triple else { throw PySourceError(message: "unterminated string literal", line: line, column: column) }
                newlines += 1
                lastNewline = i
            }
            if c == "\\", i + 1 < chars.count {
                let next = chars[i + 1]
                if raw {
                    value.append(c)
                    value.append(next)
                } else {
                    switch next {
                    case "n": value.append("\n")
                    case "t": value.append("\t")
                    case "r": value.append("\r")
                    case "0": value.append("\0")
                    case "\\": value.append("\\")
                    case "'": value.append("'")
                    case "\"": value.append("\"")
                    case "\n": newlines += 1; lastNewline = i + 1
                    default: value.append(c); value.append(next)
                    }
                }
                if next == "\n" && raw { newlines += 1; lastNewline = i + 1 }
                i += 2
                continue
            }
            value.append(c)
            i += 1
        }
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || (c.value >= 0x80 && c.properties.isXIDStart)
    }
}

/// A syntax error in a Python source, at a line and column.
public struct PySourceError: Error, Sendable, Equatable {
    /// What is wrong.
    public var message: String
    /// 1-based line and column.
    public var line: Int
    public var column: Int

    /// An error at `line`:`column`.
    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }
}
