/// A recursive-descent parser for the evaluator's Python subset, following CPython's grammar
/// (`Grammar/python.gram`) for what it accepts, and naming the construct for what it does not.
struct PySourceParser {
    /// The deepest nesting of expressions and blocks accepted.
    static let maximumDepth = 200

    private var tokens: [PySourceToken]
    private var position = 0
    private var depth = 0

    /// Parses a whole module.
    static func parseModule(_ source: String, file: String?, firstLine: Int = 1) throws(PySourceError) -> [PyStatement] {
        var tokens = try PySourceLexer.tokenize(source, file: file)
        if firstLine != 1 { for i in tokens.indices { tokens[i].line += firstLine - 1 } }
        var parser = PySourceParser(tokens: tokens)
        var statements: [PyStatement] = []
        while parser.peek.kind != .end {
            if parser.peek.kind == .newline { parser.advance(); continue }
            if parser.peek.kind == .indent {
                throw PySourceError(message: "IndentationError: unexpected indent", line: parser.peek.line, column: parser.peek.column)
            }
            statements.append(contentsOf: try parser.statement())
        }
        return statements
    }

    /// Parses one expression (a `--set` value, say); the whole text must be the expression.
    static func parseExpression(_ source: String, at base: PyLoc? = nil) throws(PySourceError) -> PySyntax {
        var tokens = try PySourceLexer.tokenize(source, file: nil)
        // An f-string's field: positions in the file, not in the field's text.
        if let base {
            for i in tokens.indices {
                if tokens[i].line == 1 { tokens[i].column += base.column - 1 }
                tokens[i].line += base.line - 1
            }
        }
        var parser = PySourceParser(tokens: tokens)
        let e = try parser.starExpressions()
        while parser.peek.kind == .newline { parser.advance() }
        guard parser.peek.kind == .end else { throw parser.unexpected() }
        return e
    }

    private init(tokens: [PySourceToken]) { self.tokens = tokens }

    private var peek: PySourceToken { tokens[position] }
    private var peekNext: PySourceToken { tokens[min(position + 1, tokens.count - 1)] }
    private var loc: PyLoc { PyLoc(line: peek.line, column: peek.column) }

    @discardableResult
    private mutating func advance() -> PySourceToken {
        let t = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    private func isOp(_ op: String) -> Bool { peek.kind == .op(op) }
    private func isKeyword(_ k: String) -> Bool { peek.kind == .keyword(k) }

    private mutating func accept(_ op: String) -> Bool {
        if isOp(op) { advance(); return true }
        return false
    }

    private func describe(_ t: PySourceToken) -> String {
        switch t.kind {
        case .newline: return "end of line"
        case .end: return "end of input"
        case .indent: return "an indent"
        case .dedent: return "a dedent"
        default: return "'\(t.text)'"
        }
    }

    private func unexpected() -> PySourceError {
        PySourceError(message: "invalid syntax: unexpected \(describe(peek))", line: peek.line, column: peek.column)
    }

    private mutating func expect(_ op: String) throws(PySourceError) {
        guard isOp(op) else {
            throw PySourceError(message: "invalid syntax: expected '\(op)', found \(describe(peek))", line: peek.line, column: peek.column)
        }
        advance()
    }

    private mutating func expectName() throws(PySourceError) -> String {
        guard case .name(let n) = peek.kind else {
            throw PySourceError(message: "invalid syntax: expected a name, found \(describe(peek))", line: peek.line, column: peek.column)
        }
        advance()
        return n
    }

    private mutating func nest() throws(PySourceError) {
        depth += 1
        guard depth <= PySourceParser.maximumDepth else {
            throw PySourceError(message: "too deeply nested (more than \(PySourceParser.maximumDepth) levels)", line: peek.line, column: peek.column)
        }
    }

    private func unsupported(_ what: String, _ at: PyLoc) -> PySourceError {
        PySourceError(message: "\(what) is not supported by lrplot's Python evaluator", line: at.line, column: at.column)
    }

    // MARK: Statements

    private mutating func statement() throws(PySourceError) -> [PyStatement] {
        try nest()
        defer { depth -= 1 }
        let start = loc
        if case .keyword(let k) = peek.kind {
            switch k {
            case "if": return [try ifStatement()]
            case "while":
                advance()
                let test = try namedExpression()
                let body = try block()
                var orElse: [PyStatement] = []
                if isKeyword("else") { advance(); orElse = try block() }
                return [.whileLoop(test, body: body, orElse: orElse, start)]
            case "for":
                advance()
                let target = try targetList()
                guard isKeyword("in") else { throw PySourceError(message: "invalid syntax: expected 'in'", line: peek.line, column: peek.column) }
                advance()
                let iterable = try starExpressions()
                let body = try block()
                var orElse: [PyStatement] = []
                if isKeyword("else") { advance(); orElse = try block() }
                return [.forLoop(target: target, iterable: iterable, body: body, orElse: orElse, start)]
            case "def": return [try functionDef(decorators: [])]
            case "class": return [try classDef(decorators: [])]
            case "try": return [try tryStatement()]
            case "with":
                advance()
                var items: [(PySyntax, PySyntax?)] = []
                repeat {
                    let e = try expression()
                    var name: PySyntax? = nil
                    if isKeyword("as") { advance(); name = try target() }
                    items.append((e, name))
                } while accept(",")
                return [.with(items, body: try block(), start)]
            case "async": throw unsupported("'async'", start)
            default: break
            }
        }
        if isOp("@") {
            var decorators: [PySyntax] = []
            while accept("@") {
                decorators.append(try namedExpression())
                guard peek.kind == .newline else { throw unexpected() }
                advance()
            }
            if isKeyword("def") { return [try functionDef(decorators: decorators)] }
            if isKeyword("class") { return [try classDef(decorators: decorators)] }
            throw PySourceError(message: "invalid syntax: a decorator must be followed by 'def' or 'class'", line: peek.line, column: peek.column)
        }
        return try simpleStatements()
    }

    private mutating func simpleStatements() throws(PySourceError) -> [PyStatement] {
        var result: [PyStatement] = [try simpleStatement()]
        while accept(";") {
            if peek.kind == .newline || peek.kind == .end { break }
            result.append(try simpleStatement())
        }
        guard peek.kind == .newline || peek.kind == .end else { throw unexpected() }
        if peek.kind == .newline { advance() }
        return result
    }

    private mutating func simpleStatement() throws(PySourceError) -> PyStatement {
        let start = loc
        if case .keyword(let k) = peek.kind {
            switch k {
            case "pass": advance(); return .pass(start)
            case "break": advance(); return .breakLoop(start)
            case "continue": advance(); return .continueLoop(start)
            case "return":
                advance()
                if peek.kind == .newline || peek.kind == .end || isOp(";") { return .returnValue(nil, start) }
                return .returnValue(try starExpressions(), start)
            case "raise":
                advance()
                if peek.kind == .newline || peek.kind == .end || isOp(";") { return .raise(nil, start) }
                let e = try expression()
                if isKeyword("from") { advance(); _ = try expression() }
                return .raise(e, start)
            case "global", "nonlocal":
                advance()
                var names = [try expectName()]
                while accept(",") { names.append(try expectName()) }
                return k == "global" ? .global(names, start) : .nonlocal(names, start)
            case "assert":
                advance()
                let test = try expression()
                var message: PySyntax? = nil
                if accept(",") { message = try expression() }
                return .assert(test, message: message, start)
            case "del":
                advance()
                var targets = [try target()]
                while accept(",") {
                    if peek.kind == .newline { break }
                    targets.append(try target())
                }
                return .delete(targets, start)
            case "import":
                advance()
                var modules: [(path: String, alias: String?)] = []
                repeat {
                    let path = try dottedModule()
                    var alias: String? = nil
                    if isKeyword("as") { advance(); alias = try expectName() }
                    modules.append((path, alias))
                } while accept(",")
                return .importModules(modules, start)
            case "from":
                advance()
                var dots = ""
                while isOp(".") || isOp("...") { dots += advance().text }
                let module = isKeyword("import") ? "" : try dottedModule()
                guard isKeyword("import") else { throw PySourceError(message: "invalid syntax: expected 'import'", line: peek.line, column: peek.column) }
                advance()
                if accept("*") { return .importFrom(dots + module, [("*", nil)], start) }
                let parenthesized = accept("(")
                var names: [(name: String, alias: String?)] = []
                repeat {
                    if parenthesized && isOp(")") { break }
                    let name = try expectName()
                    var alias: String? = nil
                    if isKeyword("as") { advance(); alias = try expectName() }
                    names.append((name, alias))
                } while accept(",")
                if parenthesized { try expect(")") }
                return .importFrom(dots + module, names, start)
            case "yield": throw unsupported("'yield' (generators)", start)
            case "await": throw unsupported("'await'", start)
            default: break
            }
        }
        let first = try starExpressions()
        if isOp("=") {
            var targets = [first]
            var value = first
            while accept("=") {
                value = try starExpressions()
                targets.append(value)
            }
            targets.removeLast()
            for t in targets { try checkTarget(t) }
            return .assign(targets: targets, value: value, start)
        }
        if case .op(let op) = peek.kind, op.count >= 2, op.hasSuffix("="), !["==", "<=", ">=", "!="].contains(op) {
            let opLoc = loc
            advance()
            guard op != "@=" else { throw unsupported("the '@=' operator", opLoc) }
            try checkTarget(first, augmented: true)
            let value = try starExpressions()
            return .augmentedAssign(first, String(op.dropLast()), value, opLoc)
        }
        if isOp(":") {
            advance()
            let annotation = try expression()
            var value: PySyntax? = nil
            if accept("=") { value = try starExpressions() }
            try checkTarget(first)
            return .annotatedAssign(first, annotation: annotation, value: value, start)
        }
        if isOp(":=") { throw unsupported("the walrus operator ':='", loc) }
        return .expression(first, start)
    }

    private mutating func dottedModule() throws(PySourceError) -> String {
        var path = try expectName()
        while accept(".") { path += "." + (try expectName()) }
        return path
    }

    private func checkTarget(_ t: PySyntax, augmented: Bool = false) throws(PySourceError) {
        switch t {
        case .name, .attribute, .subscript: return
        case .tuple(let items, _), .list(let items, _):
            guard !augmented else { throw PySourceError(message: "'tuple' is an illegal expression for augmented assignment", line: t.loc.line, column: t.loc.column) }
            for item in items { try checkTarget(item) }
        case .starred(let inner, _) where !augmented: try checkTarget(inner)
        case .call: throw PySourceError(message: "cannot assign to function call", line: t.loc.line, column: t.loc.column)
        case .constant: throw PySourceError(message: "cannot assign to literal", line: t.loc.line, column: t.loc.column)
        default: throw PySourceError(message: "cannot assign to expression", line: t.loc.line, column: t.loc.column)
        }
    }

    private mutating func block() throws(PySourceError) -> [PyStatement] {
        try expect(":")
        guard peek.kind == .newline else { return try simpleStatements() }
        advance()
        guard peek.kind == .indent else {
            throw PySourceError(message: "IndentationError: expected an indented block", line: peek.line, column: peek.column)
        }
        advance()
        var body: [PyStatement] = []
        while peek.kind != .dedent && peek.kind != .end {
            if peek.kind == .newline { advance(); continue }
            body.append(contentsOf: try statement())
        }
        if peek.kind == .dedent { advance() }
        return body
    }

    private mutating func ifStatement() throws(PySourceError) -> PyStatement {
        let start = loc
        advance()
        var branches: [(PySyntax, [PyStatement])] = []
        branches.append((try namedExpression(), try block()))
        var orElse: [PyStatement] = []
        while true {
            if isKeyword("elif") {
                advance()
                branches.append((try namedExpression(), try block()))
            } else if isKeyword("else") {
                advance()
                orElse = try block()
                break
            } else { break }
        }
        return .ifChain(branches, orElse: orElse, start)
    }

    private mutating func tryStatement() throws(PySourceError) -> PyStatement {
        let start = loc
        advance()
        let body = try block()
        var handlers: [(type: PySyntax?, name: String?, body: [PyStatement])] = []
        while isKeyword("except") {
            advance()
            if isOp("*") { throw unsupported("'except*'", loc) }
            var type: PySyntax? = nil
            var name: String? = nil
            if !isOp(":") {
                type = try expression()
                if isKeyword("as") { advance(); name = try expectName() }
            }
            handlers.append((type, name, try block()))
        }
        var orElse: [PyStatement] = []
        if isKeyword("else") { advance(); orElse = try block() }
        var finally: [PyStatement] = []
        if isKeyword("finally") { advance(); finally = try block() }
        guard !handlers.isEmpty || !finally.isEmpty else {
            throw PySourceError(message: "invalid syntax: expected 'except' or 'finally' block", line: peek.line, column: peek.column)
        }
        return .tryExcept(body: body, handlers: handlers, orElse: orElse, finally: finally, start)
    }

    private mutating func functionDef(decorators: [PySyntax]) throws(PySourceError) -> PyStatement {
        let start = loc
        advance()
        let name = try expectName()
        try expect("(")
        let parameters = try parameterList(closing: ")")
        try expect(")")
        if accept("->") { _ = try expression() }
        let body = try block()
        return .functionDef(PyFunctionNode(name: name, parameters: parameters, body: body, loc: start, isLambda: false), decorators: decorators, start)
    }

    private mutating func parameterList(closing: String) throws(PySourceError) -> [PyParameter] {
        var parameters: [PyParameter] = []
        var keywordOnly = false
        var sawDefault = false
        while !isOp(closing) {
            let at = loc
            if accept("**") {
                let name = try expectName()
                if closing == ")" && accept(":") { _ = try expression() }
                parameters.append(PyParameter(name: name, defaultValue: nil, kind: .varKeyword, loc: at))
                _ = accept(",")
                break
            }
            if accept("*") {
                keywordOnly = true
                if case .name(let name) = peek.kind {
                    advance()
                    if closing == ")" && accept(":") { _ = try expression() }
                    parameters.append(PyParameter(name: name, defaultValue: nil, kind: .varPositional, loc: at))
                }
                if !accept(",") { break }
                continue
            }
            if accept("/") {
                if !accept(",") { break }
                continue
            }
            let name = try expectName()
            if closing == ")" && accept(":") { _ = try expression() }
            var defaultValue: PySyntax? = nil
            if accept("=") { defaultValue = try expression(); sawDefault = true } else if sawDefault && !keywordOnly {
                throw PySourceError(message: "parameter without a default follows parameter with a default", line: at.line, column: at.column)
            }
            if parameters.contains(where: { $0.name == name }) {
                throw PySourceError(message: "duplicate argument '\(name)' in function definition", line: at.line, column: at.column)
            }
            parameters.append(PyParameter(name: name, defaultValue: defaultValue, kind: keywordOnly ? .keywordOnly : .normal, loc: at))
            if !accept(",") { break }
        }
        return parameters
    }

    private mutating func classDef(decorators: [PySyntax]) throws(PySourceError) -> PyStatement {
        let start = loc
        advance()
        let name = try expectName()
        var bases: [PySyntax] = []
        if accept("(") {
            while !isOp(")") {
                if case .name = peek.kind, peekNext.kind == .op("=") {
                    // metaclass=… and other class keywords are ignored.
                    advance(); advance()
                    _ = try expression()
                } else {
                    bases.append(try expression())
                }
                if !accept(",") { break }
            }
            try expect(")")
        }
        let body = try block()
        return .classDef(PyClassNode(name: name, bases: bases, body: body, decorators: decorators, loc: start), start)
    }

    // MARK: Expressions

    /// `a, b = …` targets in `for`: a list of `star_targets` without `in`.
    private mutating func targetList() throws(PySourceError) -> PySyntax {
        let start = loc
        var items = [try target()]
        var comma = false
        while isOp(",") {
            advance()
            comma = true
            if isKeyword("in") { break }
            items.append(try target())
        }
        let t: PySyntax = comma ? .tuple(items, start) : items[0]
        try checkTarget(t)
        return t
    }

    private mutating func target() throws(PySourceError) -> PySyntax {
        if accept("*") { let at = loc; return .starred(try bitwiseOr(), at) }
        return try bitwiseOr()
    }

    /// `star_expressions`: one expression, or a tuple when there are commas.
    mutating func starExpressions() throws(PySourceError) -> PySyntax {
        let start = loc
        let first = try starExpression()
        guard isOp(",") else { return first }
        var items = [first]
        while accept(",") {
            if atExpressionEnd { break }
            items.append(try starExpression())
        }
        return .tuple(items, start)
    }

    private var atExpressionEnd: Bool {
        switch peek.kind {
        case .newline, .end, .dedent, .indent: return true
        case .op(let op): return [")", "]", "}", "=", ":", ";"].contains(op) || (op.hasSuffix("=") && op.count >= 2 && !["==", "<=", ">=", "!="].contains(op))
        case .keyword(let k): return k == "in" || k == "for"
        default: return false
        }
    }

    private mutating func starExpression() throws(PySourceError) -> PySyntax {
        if isOp("*") {
            let at = loc
            advance()
            return .starred(try bitwiseOr(), at)
        }
        return try namedExpression()
    }

    private mutating func namedExpression() throws(PySourceError) -> PySyntax {
        let e = try expression()
        if isOp(":=") { throw unsupported("the walrus operator ':='", loc) }
        return e
    }

    mutating func expression() throws(PySourceError) -> PySyntax {
        try nest()
        defer { depth -= 1 }
        if isKeyword("lambda") {
            let start = loc
            advance()
            let parameters = try parameterList(closing: ":")
            try expect(":")
            let body = try expression()
            let node = PyFunctionNode(name: "<lambda>", parameters: parameters, body: [.returnValue(body, body.loc)], loc: start, isLambda: true)
            return .lambda(node, start)
        }
        let body = try disjunction()
        if isKeyword("if") {
            advance()
            let test = try disjunction()
            guard isKeyword("else") else {
                throw PySourceError(message: "invalid syntax: expected 'else' after 'if' expression", line: peek.line, column: peek.column)
            }
            advance()
            let orElse = try expression()
            return .conditional(test: test, body: body, orElse: orElse, body.loc)
        }
        return body
    }

    private mutating func disjunction() throws(PySourceError) -> PySyntax {
        var left = try conjunction()
        while isKeyword("or") {
            let at = loc
            advance()
            left = .boolean(isAnd: false, left, try conjunction(), at)
        }
        return left
    }

    private mutating func conjunction() throws(PySourceError) -> PySyntax {
        var left = try inversion()
        while isKeyword("and") {
            let at = loc
            advance()
            left = .boolean(isAnd: true, left, try inversion(), at)
        }
        return left
    }

    private mutating func inversion() throws(PySourceError) -> PySyntax {
        if isKeyword("not") {
            let at = loc
            advance()
            try nest()
            defer { depth -= 1 }
            return .unary("not", try inversion(), at)
        }
        return try comparison()
    }

    private mutating func comparison() throws(PySourceError) -> PySyntax {
        let first = try bitwiseOr()
        var rest: [(String, PySyntax)] = []
        while true {
            var op: String? = nil
            switch peek.kind {
            case .op(let o) where ["<", "<=", ">", ">=", "==", "!="].contains(o): op = o; advance()
            case .keyword("in"): op = "in"; advance()
            case .keyword("not") where peekNext.kind == .keyword("in"): op = "not in"; advance(); advance()
            case .keyword("is"):
                advance()
                if isKeyword("not") { advance(); op = "is not" } else { op = "is" }
            default: break
            }
            guard let found = op else { break }
            rest.append((found, try bitwiseOr()))
        }
        return rest.isEmpty ? first : .compare(first, rest, first.loc)
    }

    /// The longest chain of operators or trailers (`a + b + …`, `a.b.c…`) in one expression: each
    /// link nests the tree one level, which the compiler and evaluator walk recursively.
    static let maximumChain = 1000

    private mutating func binaryLevel(_ ops: [String], _ next: (inout PySourceParser) throws(PySourceError) -> PySyntax) throws(PySourceError) -> PySyntax {
        var left = try next(&self)
        var links = 0
        while case .op(let op) = peek.kind, ops.contains(op) {
            let at = loc
            links += 1
            guard links <= PySourceParser.maximumChain else {
                throw PySourceError(message: "the expression is too long (more than \(PySourceParser.maximumChain) '\(op)' in a chain)", line: at.line, column: at.column)
            }
            advance()
            if op == "@" { throw unsupported("the matrix multiplication operator '@'", at) }
            left = .binary(op, left, try next(&self), at)
        }
        return left
    }

    private mutating func bitwiseOr() throws(PySourceError) -> PySyntax {
        try binaryLevel(["|"]) { (p: inout PySourceParser) throws(PySourceError) in
            try p.binaryLevel(["^"]) { (p: inout PySourceParser) throws(PySourceError) in
                try p.binaryLevel(["&"]) { (p: inout PySourceParser) throws(PySourceError) in
                    try p.binaryLevel(["<<", ">>"]) { (p: inout PySourceParser) throws(PySourceError) in
                        try p.binaryLevel(["+", "-"]) { (p: inout PySourceParser) throws(PySourceError) in
                            try p.binaryLevel(["*", "/", "//", "%", "@"]) { (p: inout PySourceParser) throws(PySourceError) in try p.factor() }
                        }
                    }
                }
            }
        }
    }

    private mutating func factor() throws(PySourceError) -> PySyntax {
        if case .op(let op) = peek.kind, op == "-" || op == "+" || op == "~" {
            let at = loc
            advance()
            try nest()
            defer { depth -= 1 }
            return .unary(op, try factor(), at)
        }
        return try power()
    }

    private mutating func power() throws(PySourceError) -> PySyntax {
        if isKeyword("await") { throw unsupported("'await'", loc) }
        let base = try primary()
        if isOp("**") {
            let at = loc
            advance()
            try nest()
            defer { depth -= 1 }
            return .binary("**", base, try factor(), at)
        }
        return base
    }

    private mutating func primary() throws(PySourceError) -> PySyntax {
        var e = try atom()
        var links = 0
        while true {
            if isOp(".") || isOp("(") || isOp("[") {
                links += 1
                guard links <= PySourceParser.maximumChain else {
                    throw PySourceError(message: "the expression is too long (more than \(PySourceParser.maximumChain) attributes, calls or subscripts in a chain)", line: peek.line, column: peek.column)
                }
            }
            if isOp(".") {
                advance()
                let name = try expectName()
                e = .attribute(e, name, e.loc)
            } else if isOp("(") {
                advance()
                try nest()
                let arguments = try callArguments()
                depth -= 1
                try expect(")")
                e = .call(e, arguments, e.loc)
            } else if isOp("[") {
                advance()
                try nest()
                let index = try subscriptList()
                depth -= 1
                try expect("]")
                e = .subscript(e, index, e.loc)
            } else {
                return e
            }
        }
    }

    private mutating func callArguments() throws(PySourceError) -> [PyCallArgument] {
        var arguments: [PyCallArgument] = []
        var sawKeyword = false
        while !isOp(")") {
            let at = loc
            if accept("**") {
                arguments.append(.doubleStar(try expression()))
                sawKeyword = true
            } else if accept("*") {
                arguments.append(.star(try expression()))
            } else if case .name(let label) = peek.kind, peekNext.kind == .op("=") {
                advance(); advance()
                if arguments.contains(where: { if case .keyword(label, _) = $0 { return true }; return false }) {
                    throw PySourceError(message: "keyword argument repeated: \(label)", line: at.line, column: at.column)
                }
                arguments.append(.keyword(label, try expression()))
                sawKeyword = true
            } else {
                let value = try namedExpression()
                if isKeyword("for") {
                    let generators = try comprehensionClauses()
                    arguments.append(.positional(.comprehension(.generator, element: value, value: nil, generators, value.loc)))
                    break
                }
                if sawKeyword {
                    throw PySourceError(message: "positional argument follows keyword argument", line: at.line, column: at.column)
                }
                arguments.append(.positional(value))
            }
            if !accept(",") { break }
        }
        return arguments
    }

    private mutating func subscriptList() throws(PySourceError) -> PySyntax {
        let start = loc
        let first = try sliceItem()
        guard isOp(",") else { return first }
        var items = [first]
        while accept(",") {
            if isOp("]") { break }
            items.append(try sliceItem())
        }
        return .tuple(items, start)
    }

    private mutating func sliceItem() throws(PySourceError) -> PySyntax {
        let start = loc
        var lower: PySyntax? = nil
        if !isOp(":") { lower = try namedExpression() }
        guard isOp(":") else { return lower ?? .constant(.none, start) }
        advance()
        var upper: PySyntax? = nil
        if !isOp(":") && !isOp("]") && !isOp(",") { upper = try expression() }
        var step: PySyntax? = nil
        if accept(":") {
            if !isOp("]") && !isOp(",") { step = try expression() }
        }
        return .slice(lower, upper, step, start)
    }

    private mutating func comprehensionClauses() throws(PySourceError) -> [PyGenerator] {
        var generators: [PyGenerator] = []
        while isKeyword("for") {
            advance()
            let target = try targetList()
            guard isKeyword("in") else { throw PySourceError(message: "invalid syntax: expected 'in'", line: peek.line, column: peek.column) }
            advance()
            let iterable = try disjunction()
            var conditions: [PySyntax] = []
            while isKeyword("if") {
                advance()
                conditions.append(try disjunction())
            }
            generators.append(PyGenerator(target: target, iterable: iterable, conditions: conditions))
        }
        return generators
    }

    private mutating func atom() throws(PySourceError) -> PySyntax {
        let t = peek
        let at = loc
        switch t.kind {
        case .int(let v): advance(); return .constant(.int(v), at)
        case .bigInt(let s): advance(); return .constant(.bigInt(s), at)
        case .float(let v): advance(); return .constant(.float(v), at)
        case .string, .fstring:
            // Adjacent literals concatenate.
            var parts: [PyFStringPart] = []
            var isF = false
            while true {
                if case .string(let s) = peek.kind { parts.append(.text(s)); advance() } else if case .fstring(let body) = peek.kind {
                    isF = true
                    let fAt = loc
                    advance()
                    parts.append(contentsOf: try PySourceParser.fstringParts(body, at: fAt))
                } else { break }
            }
            if !isF {
                var s = ""
                for case .text(let piece) in parts { s += piece }
                return .constant(.string(s), at)
            }
            return .fstring(parts, at)
        case .name(let n): advance(); return .name(n, at)
        case .keyword("True"): advance(); return .constant(.bool(true), at)
        case .keyword("False"): advance(); return .constant(.bool(false), at)
        case .keyword("None"): advance(); return .constant(.none, at)
        case .op("..."): advance(); return .constant(.ellipsis, at)
        case .op("("):
            advance()
            try nest()
            defer { depth -= 1 }
            if accept(")") { return .tuple([], at) }
            let first = try starExpression()
            if isKeyword("for") {
                let generators = try comprehensionClauses()
                try expect(")")
                return .comprehension(.generator, element: first, value: nil, generators, at)
            }
            if accept(")") {
                if case .starred = first { throw PySourceError(message: "cannot use starred expression here", line: at.line, column: at.column) }
                return first
            }
            var items = [first]
            while accept(",") {
                if isOp(")") { break }
                items.append(try starExpression())
            }
            try expect(")")
            return .tuple(items, at)
        case .op("["):
            advance()
            try nest()
            defer { depth -= 1 }
            if accept("]") { return .list([], at) }
            let first = try starExpression()
            if isKeyword("for") {
                let generators = try comprehensionClauses()
                try expect("]")
                return .comprehension(.list, element: first, value: nil, generators, at)
            }
            var items = [first]
            while accept(",") {
                if isOp("]") { break }
                items.append(try starExpression())
            }
            try expect("]")
            return .list(items, at)
        case .op("{"):
            advance()
            try nest()
            defer { depth -= 1 }
            if accept("}") { return .dict([], at) }
            if accept("**") {
                var entries: [(PySyntax?, PySyntax)] = [(nil, try bitwiseOr())]
                try dictRest(&entries)
                return .dict(entries, at)
            }
            let first = try starExpression()
            if accept(":") {
                let value = try expression()
                if isKeyword("for") {
                    let generators = try comprehensionClauses()
                    try expect("}")
                    return .comprehension(.dict, element: first, value: value, generators, at)
                }
                var entries: [(PySyntax?, PySyntax)] = [(first, value)]
                try dictRest(&entries)
                return .dict(entries, at)
            }
            if isKeyword("for") {
                let generators = try comprehensionClauses()
                try expect("}")
                return .comprehension(.set, element: first, value: nil, generators, at)
            }
            var items = [first]
            while accept(",") {
                if isOp("}") { break }
                items.append(try starExpression())
            }
            try expect("}")
            return .set(items, at)
        case .keyword("yield"): throw unsupported("'yield' (generators)", at)
        case .keyword("await"): throw unsupported("'await'", at)
        default:
            throw unexpected()
        }
    }

    private mutating func dictRest(_ entries: inout [(PySyntax?, PySyntax)]) throws(PySourceError) {
        while accept(",") {
            if isOp("}") { break }
            if accept("**") { entries.append((nil, try bitwiseOr())); continue }
            let key = try expression()
            try expect(":")
            entries.append((key, try expression()))
        }
        try expect("}")
    }

    /// Splits an f-string body into text and `{expr!conv:spec}` fields.
    static func fstringParts(_ body: String, at: PyLoc) throws(PySourceError) -> [PyFStringPart] {
        var parts: [PyFStringPart] = []
        let chars = Array(body)
        var i = 0
        var text = ""
        while i < chars.count {
            let c = chars[i]
            if c == "{" {
                if i + 1 < chars.count, chars[i + 1] == "{" { text.append("{"); i += 2; continue }
                if !text.isEmpty { parts.append(.text(text)); text = "" }
                var j = i + 1
                var level = 0
                var inner = ""
                while j < chars.count {
                    let d = chars[j]
                    if d == "{" || d == "[" || d == "(" { level += 1 }
                    if d == "}" || d == "]" || d == ")" {
                        if level == 0 { break }
                        level -= 1
                    }
                    if level == 0 && (d == "!" || d == ":") && !(d == "!" && j + 1 < chars.count && chars[j + 1] == "=") { break }
                    inner.append(d)
                    j += 1
                }
                var conversion: Character? = nil
                var spec = ""
                if j < chars.count, chars[j] == "!" {
                    guard j + 1 < chars.count else { break }
                    conversion = chars[j + 1]
                    j += 2
                }
                if j < chars.count, chars[j] == ":" {
                    j += 1
                    while j < chars.count, chars[j] != "}" { spec.append(chars[j]); j += 1 }
                }
                guard j < chars.count, chars[j] == "}" else {
                    throw PySourceError(message: "f-string: expecting '}'", line: at.line, column: at.column)
                }
                var expressionText = inner
                var selfDocumenting = false
                if expressionText.hasSuffix("=") && !expressionText.hasSuffix("==") {
                    selfDocumenting = true
                    expressionText.removeLast()
                }
                let expr: PySyntax
                do { expr = try PySourceParser.parseExpression(expressionText, at: at) } catch {
                    throw PySourceError(message: "f-string: \(error.message)", line: at.line, column: at.column)
                }
                if selfDocumenting {
                    parts.append(.text(inner))
                    if conversion == nil && spec.isEmpty { conversion = "r" }
                }
                parts.append(.field(expr, conversion: conversion, spec: spec))
                i = j + 1
                continue
            }
            if c == "}" {
                if i + 1 < chars.count, chars[i + 1] == "}" { text.append("}"); i += 2; continue }
                throw PySourceError(message: "f-string: single '}' is not allowed", line: at.line, column: at.column)
            }
            text.append(c)
            i += 1
        }
        if !text.isEmpty { parts.append(.text(text)) }
        return parts
    }
}
