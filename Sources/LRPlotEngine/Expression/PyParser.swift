/// A recursive-descent parser for lrplot's Python subset, with Python's precedence:
/// `lambda` < `if/else` < `or` < `and` < `not` < comparisons < `+ -` < `* / // %` < unary < `**`.
public struct PyParser {
    /// The deepest nesting accepted (parentheses, brackets, calls and operators together).
    public static let maximumDepth = 200

    private var tokens: [PyToken]
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var depth = 0

    /// Parses `source` as one complete expression.
    public static func parse(_ source: String) throws(PySyntaxError) -> PyExpr {
        var parser = PyParser(tokens: try PyTokenizer.tokenize(source), scalars: Array(source.unicodeScalars))
        let expr = try parser.expression()
        guard case .end = parser.peek.kind else {
            throw PySyntaxError(column: parser.peek.column, message: "unexpected '\(parser.peek.text)'")
        }
        return expr
    }

    private init(tokens: [PyToken], scalars: [Unicode.Scalar]) {
        self.tokens = tokens
        self.scalars = scalars
    }

    /// The source text from column `start` up to (not including) the current token.
    private func text(from start: Int) -> String {
        let lower = Swift.max(0, Swift.min(scalars.count, start - 1))
        let upper = Swift.max(lower, Swift.min(scalars.count, peek.column - 1))
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lower..<upper])
        return String(view).trimmingSpaces
    }

    private var peek: PyToken { tokens[position] }

    private mutating func advance() -> PyToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isOp(_ op: String) -> Bool { peek.kind == .op(op) }
    private func isKeyword(_ word: String) -> Bool { peek.kind == .keyword(word) }

    private mutating func expect(_ op: String) throws(PySyntaxError) {
        guard isOp(op) else {
            let found = peek.kind == .end ? "end of input" : "'\(peek.text)'"
            throw PySyntaxError(column: peek.column, message: "expected '\(op)' but found \(found)")
        }
        _ = advance()
    }

    private mutating func nested<T>(_ column: Int, _ body: (inout PyParser) throws(PySyntaxError) -> T) throws(PySyntaxError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= PyParser.maximumDepth else {
            throw PySyntaxError(column: column, message: "is nested more than \(PyParser.maximumDepth) levels deep")
        }
        return try body(&self)
    }

    mutating func expression() throws(PySyntaxError) -> PyExpr {
        try nested(peek.column) { (p: inout PyParser) throws(PySyntaxError) -> PyExpr in
            if p.isKeyword("lambda") {
                let start = p.advance()
                guard case .name(let parameter) = p.peek.kind else {
                    throw PySyntaxError(column: p.peek.column, message: "expected a parameter name after 'lambda'")
                }
                _ = p.advance()
                try p.expect(":")
                let body = try p.expression()
                return .lambda(parameter: parameter, body: body, column: start.column)
            }
            let body = try p.orTest()
            if p.isKeyword("if") {
                _ = p.advance()
                let test = try p.orTest()
                guard p.isKeyword("else") else {
                    throw PySyntaxError(column: p.peek.column, message: "expected 'else' in conditional expression")
                }
                _ = p.advance()
                let orElse = try p.expression()
                return .conditional(body: body, test: test, orElse: orElse, column: body.column)
            }
            return body
        }
    }

    private mutating func orTest() throws(PySyntaxError) -> PyExpr {
        var left = try andTest()
        while isKeyword("or") {
            _ = advance()
            left = .or(left, try andTest(), column: left.column)
        }
        return left
    }

    private mutating func andTest() throws(PySyntaxError) -> PyExpr {
        var left = try notTest()
        while isKeyword("and") {
            _ = advance()
            left = .and(left, try notTest(), column: left.column)
        }
        return left
    }

    private mutating func notTest() throws(PySyntaxError) -> PyExpr {
        if isKeyword("not") {
            let token = advance()
            return try nested(token.column) { (p: inout PyParser) throws(PySyntaxError) in
                .not(try p.notTest(), column: token.column)
            }
        }
        return try comparison()
    }

    private static let comparisonOps: Set<String> = ["<", "<=", ">", ">=", "==", "!="]

    private mutating func comparison() throws(PySyntaxError) -> PyExpr {
        let first = try arith()
        var rest: [(String, PyExpr)] = []
        while case .op(let op) = peek.kind, PyParser.comparisonOps.contains(op) {
            _ = advance()
            rest.append((op, try arith()))
        }
        return rest.isEmpty ? first : .compare(first, rest, column: first.column)
    }

    private mutating func arith() throws(PySyntaxError) -> PyExpr {
        var left = try term()
        while case .op(let op) = peek.kind, op == "+" || op == "-" {
            let token = advance()
            left = .binary(op, left, try term(), column: token.column)
        }
        return left
    }

    private mutating func term() throws(PySyntaxError) -> PyExpr {
        var left = try factor()
        while case .op(let op) = peek.kind, op == "*" || op == "/" || op == "//" || op == "%" {
            let token = advance()
            left = .binary(op, left, try factor(), column: token.column)
        }
        return left
    }

    private mutating func factor() throws(PySyntaxError) -> PyExpr {
        if case .op(let op) = peek.kind, op == "-" || op == "+" {
            let token = advance()
            return try nested(token.column) { (p: inout PyParser) throws(PySyntaxError) in
                .unary(op, try p.factor(), column: token.column)
            }
        }
        return try power()
    }

    private mutating func power() throws(PySyntaxError) -> PyExpr {
        let base = try primary()
        if isOp("**") {
            let token = advance()
            let exponent = try nested(token.column) { (p: inout PyParser) throws(PySyntaxError) in try p.factor() }
            return .binary("**", base, exponent, column: token.column)
        }
        return base
    }

    private mutating func primary() throws(PySyntaxError) -> PyExpr {
        var expr = try atom()
        while true {
            if isOp(".") {
                _ = advance()
                guard case .name(let member) = peek.kind else {
                    throw PySyntaxError(column: peek.column, message: "expected a name after '.'")
                }
                _ = advance()
                expr = .attribute(expr, member, column: expr.column)
            } else if isOp("(") {
                let open = advance()
                let arguments = try nested(open.column) { (p: inout PyParser) throws(PySyntaxError) in try p.argumentList() }
                expr = .call(expr, arguments, column: expr.column)
            } else {
                return expr
            }
        }
    }

    private mutating func argumentList() throws(PySyntaxError) -> [PyArgument] {
        var arguments: [PyArgument] = []
        var sawKeyword = false
        while !isOp(")") {
            let start = peek
            if case .name(let label) = start.kind, tokens[position + 1].kind == .op("=") {
                _ = advance()
                _ = advance()
                let valueStart = peek.column
                let value = try expression()
                arguments.append(PyArgument(label: label, value: value, column: start.column, source: text(from: valueStart)))
                sawKeyword = true
            } else {
                if sawKeyword {
                    throw PySyntaxError(column: start.column, message: "positional argument follows keyword argument")
                }
                let value = try expression()
                arguments.append(PyArgument(label: nil, value: value, column: start.column, source: text(from: start.column)))
            }
            if isOp(",") { _ = advance() } else { break }
        }
        try expect(")")
        return arguments
    }

    private mutating func atom() throws(PySyntaxError) -> PyExpr {
        let token = peek
        switch token.kind {
        case .int(let v): _ = advance(); return .int(v, column: token.column)
        case .float(let v): _ = advance(); return .float(v, column: token.column)
        case .string(let s): _ = advance(); return .string(s, column: token.column)
        case .name(let n): _ = advance(); return .name(n, column: token.column)
        case .keyword("True"): _ = advance(); return .bool(true, column: token.column)
        case .keyword("False"): _ = advance(); return .bool(false, column: token.column)
        case .keyword("None"): _ = advance(); return .none(column: token.column)
        case .op("("):
            _ = advance()
            return try nested(token.column) { (p: inout PyParser) throws(PySyntaxError) -> PyExpr in
                let inner = try p.expression()
                try p.expect(")")
                return inner
            }
        case .op("["):
            _ = advance()
            return try nested(token.column) { (p: inout PyParser) throws(PySyntaxError) -> PyExpr in
                var items: [PyExpr] = []
                var sources: [String] = []
                while !p.isOp("]") {
                    let itemStart = p.peek.column
                    items.append(try p.expression())
                    sources.append(p.text(from: itemStart))
                    if p.isOp(",") { _ = p.advance() } else { break }
                }
                try p.expect("]")
                return .list(items, sources: sources, column: token.column)
            }
        case .op("{"):
            // A dict with string (or int) keys, `{"num_cycles": 2}`, read as the call `dict(num_cycles=2)`.
            _ = advance()
            return try nested(token.column) { (p: inout PyParser) throws(PySyntaxError) -> PyExpr in
                var arguments: [PyArgument] = []
                while !p.isOp("}") {
                    let key = p.advance()
                    let label: String
                    switch key.kind {
                    case .string(let text): label = text
                    // An int key (optax's `{100: 0.1}`) becomes the keyword "100"; the receiving parameter reads it.
                    case .int(let number): label = String(number)
                    default: throw PySyntaxError(column: key.column, message: "a dict key must be a string such as \"num_cycles\" or an integer")
                    }
                    try p.expect(":")
                    let valueStart = p.peek.column
                    let value = try p.expression()
                    arguments.append(PyArgument(label: label, value: value, column: key.column, source: p.text(from: valueStart)))
                    if p.isOp(",") { _ = p.advance() } else { break }
                }
                try p.expect("}")
                return .call(.name("dict", column: token.column), arguments, column: token.column)
            }
        case .end:
            throw PySyntaxError(column: token.column, message: "unexpected end of input")
        default:
            throw PySyntaxError(column: token.column, message: "unexpected '\(token.text)'")
        }
    }
}
