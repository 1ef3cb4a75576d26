/// A numeric expression of one variable (`--lr-lambda`, `--scale-fn`, `lambda epoch: …` in calls),
/// parsed once and evaluated with Python's semantics.
///
/// Accepted: numbers, the variable (bound by an optional `lambda NAME:` prefix, otherwise the
/// default name), `+ - * / // % **`, unary `-`/`+`, parentheses, chained comparisons, `and or not`,
/// `A if C else B`, `min max abs round float int` and `math.` (or bare) `cos sin tan exp log log2
/// log10 sqrt floor ceil pow pi e inf`.
public struct Expression: Sendable, CustomStringConvertible {
    /// The text as the user wrote it (trimmed).
    public let source: String
    /// The variable name the expression reads.
    public let variable: String
    private let root: Node

    /// Parses and checks `source`; `defaultVariable` is used unless a `lambda NAME:` prefix binds one.
    public init(_ source: String, defaultVariable: String = "epoch") throws(PySyntaxError) {
        let trimmed = source.trimmingSpaces
        guard !trimmed.isEmpty else { throw PySyntaxError(column: 1, message: "is empty") }
        try self.init(parsed: try PyParser.parse(trimmed), source: trimmed, defaultVariable: defaultVariable)
    }

    /// Compiles an already parsed expression (as found inside a Python call).
    public init(parsed: PyExpr, source: String, defaultVariable: String = "epoch") throws(PySyntaxError) {
        self.source = source
        if case .lambda(let parameter, let body, _) = parsed {
            variable = parameter
            root = try Node.compile(body, variable: parameter)
        } else {
            variable = defaultVariable
            root = try Node.compile(parsed, variable: defaultVariable)
        }
    }

    /// A function of a Python source, run by the evaluator at each call.
    public init(callable: PythonCallable) {
        source = callable.name
        variable = callable.parameter
        root = .callable(callable)
    }

    /// Evaluates the expression with the variable bound to the Python `int` `x`.
    public func evaluate(_ x: Int) throws(PyEvaluationError) -> PyValue {
        try root.evaluate(.int(x))
    }

    /// Evaluates the expression with the variable bound to `x`.
    public func evaluate(_ x: PyValue) throws(PyEvaluationError) -> PyValue {
        try root.evaluate(x)
    }

    public var description: String { source }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}

/// The compiled form of an ``Expression``: names resolved, functions bound.
indirect enum Node: Sendable {
    case constant(PyValue)
    case variable
    case unary(String, Node, Int)
    case binary(String, Node, Node, Int)
    case compare(Node, [(String, Node)])
    case and(Node, Node)
    case or(Node, Node)
    case not(Node)
    case conditional(Node, Node, Node)
    case call(PyFunction, [Node], Int)
    case callable(PythonCallable)

    static let constants: [String: PyValue] = ["pi": .float(Double.pi), "e": .float(M_E), "inf": .float(.infinity)]

    static func compile(_ expr: PyExpr, variable: String) throws(PySyntaxError) -> Node {
        func sub(_ e: PyExpr) throws(PySyntaxError) -> Node { try compile(e, variable: variable) }
        switch expr {
        case .int(let v, _): return .constant(.int(v))
        case .float(let v, _): return .constant(.float(v))
        case .bool(let v, _): return .constant(.bool(v))
        case .none(let c): throw PySyntaxError(column: c, message: "'None' is not a number")
        case .string(_, let c): throw PySyntaxError(column: c, message: "a string is not a number")
        case .list(_, _, let c): throw PySyntaxError(column: c, message: "a list is not a number")
        case .lambda(_, _, let c): throw PySyntaxError(column: c, message: "'lambda' is only allowed at the start")
        case .name(let n, let c):
            if n == variable { return .variable }
            if let value = constants[n] { return .constant(value) }
            if PyFunction(rawValue: n) != nil {
                throw PySyntaxError(column: c, message: "'\(n)' is a function; call it as \(n)(…)")
            }
            throw PySyntaxError(column: c, message: "unknown name '\(n)' (the variable is '\(variable)')")
        case .attribute(let base, let member, let c):
            guard base.dottedName == "math" else {
                throw PySyntaxError(column: c, message: "unknown name '\(expr.dottedName ?? member)'")
            }
            if let value = constants[member] { return .constant(value) }
            throw PySyntaxError(column: c, message: "unknown name 'math.\(member)'")
        case .call(let callee, let arguments, let c):
            guard let dotted = callee.dottedName else {
                throw PySyntaxError(column: c, message: "only named functions can be called")
            }
            let isMath = dotted.hasPrefix("math.")
            let name = isMath ? String(dotted.dropFirst(5)) : dotted
            guard let function = PyFunction(rawValue: name), !isMath || function.isMath else {
                throw PySyntaxError(column: c, message: "unknown function '\(dotted)'")
            }
            if let keyword = arguments.first(where: { $0.label != nil }) {
                throw PySyntaxError(column: keyword.column, message: "\(dotted)() takes no keyword arguments")
            }
            guard function.arity.contains(arguments.count) else {
                throw PySyntaxError(column: c, message: "\(dotted)() \(function.arityDescription), got \(arguments.count)")
            }
            var nodes: [Node] = []
            for argument in arguments { nodes.append(try sub(argument.value)) }
            return .call(function, nodes, c)
        case .unary(let op, let operand, let c): return .unary(op, try sub(operand), c)
        case .binary(let op, let l, let r, let c): return .binary(op, try sub(l), try sub(r), c)
        case .compare(let first, let rest, _):
            var compiled: [(String, Node)] = []
            for (op, e) in rest { compiled.append((op, try sub(e))) }
            return .compare(try sub(first), compiled)
        case .and(let l, let r, _): return .and(try sub(l), try sub(r))
        case .or(let l, let r, _): return .or(try sub(l), try sub(r))
        case .not(let e, _): return .not(try sub(e))
        case .conditional(let body, let test, let orElse, _):
            return .conditional(try sub(body), try sub(test), try sub(orElse))
        }
    }

    func evaluate(_ x: PyValue) throws(PyEvaluationError) -> PyValue {
        switch self {
        case .constant(let v): return v
        case .variable: return x
        case .unary(let op, let operand, _):
            let v = try operand.evaluate(x)
            if op == "+" { if case .bool(let b) = v { return .int(b ? 1 : 0) }; return v }
            switch v {
            case .int(let i): return i == Int.min ? .float(-Double(i)) : .int(-i)
            case .bool(let b): return .int(b ? -1 : 0)
            case .float(let d): return .float(-d)
            }
        case .binary(let op, let l, let r, let c):
            return try PyArithmetic.binary(op, try l.evaluate(x), try r.evaluate(x), column: c)
        case .compare(let first, let rest):
            var left = try first.evaluate(x)
            for (op, node) in rest {
                let right = try node.evaluate(x)
                if !PyArithmetic.compare(op, left, right) { return .bool(false) }
                left = right
            }
            return .bool(true)
        case .and(let l, let r):
            let v = try l.evaluate(x)
            return v.isTruthy ? try r.evaluate(x) : v
        case .or(let l, let r):
            let v = try l.evaluate(x)
            return v.isTruthy ? v : try r.evaluate(x)
        case .not(let e): return .bool(!(try e.evaluate(x)).isTruthy)
        case .conditional(let body, let test, let orElse):
            return try test.evaluate(x).isTruthy ? body.evaluate(x) : orElse.evaluate(x)
        case .callable(let function):
            return try function.call(x)
        case .call(let function, let arguments, let c):
            var values: [PyValue] = []
            values.reserveCapacity(arguments.count)
            for a in arguments { values.append(try a.evaluate(x)) }
            return try function.apply(values, column: c)
        }
    }
}

/// A function from a Python source that lrplot's schedulers call as an `lr_lambda` (the
/// evaluator's closure, run with a fresh work budget at each call).
public final class PythonCallable: @unchecked Sendable {
    /// The function's name as the snippet wrote it (`lambda1`, `get_lr`).
    public let name: String
    /// Its parameter's name.
    public let parameter: String
    private let body: (PyValue) throws(PyEvaluationError) -> PyValue

    /// A callable.
    public init(name: String, parameter: String, body: @escaping (PyValue) throws(PyEvaluationError) -> PyValue) {
        self.name = name
        self.parameter = parameter
        self.body = body
    }

    /// Calls the function with `x`.
    public func call(_ x: PyValue) throws(PyEvaluationError) -> PyValue { try body(x) }
}
