/// Hot expressions compiled to a tree of final classes evaluated by virtual calls: names, numbers,
/// arithmetic, comparisons, `and`/`or`/`not`, conditionals, attributes and one-argument calls —
/// what a learning-rate function is made of — without a closure per node. Everything else is a
/// ``PyClosureNode`` around the closure compiler's code. Semantics are the closures' exactly.
class PyNode {
    func eval(_ f: PyFrame) throws(PyError) -> PyObject { .none }
}

final class PyClosureNode: PyNode {
    let body: PyEval
    init(_ body: @escaping PyEval) { self.body = body }
    override func eval(_ f: PyFrame) throws(PyError) -> PyObject { try body(f) }
}

final class PyConstantNode: PyNode {
    let value: PyObject
    init(_ value: PyObject) { self.value = value }
    override func eval(_ f: PyFrame) throws(PyError) -> PyObject { value }
}

final class PySlotNode: PyNode {
    let index: Int, name: String, loc: PyLoc
    init(_ index: Int, _ name: String, _ loc: PyLoc) {
        self.index = index
        self.name = name
        self.loc = loc
    }
    override func eval(_ f: PyFrame) throws(PyError) -> PyObject {
        guard let v = f.slots[index] else {
            throw PyError(type: "UnboundLocalError", message: "cannot access local variable '\(name)' where it is not associated with a value", loc: loc)
        }
        return v
    }
}

final class PyGlobalNode: PyNode {
    let module: PyModuleState, index: Int, builtin: PyObject?, name: String, loc: PyLoc
    init(_ module: PyModuleState, _ index: Int, _ builtin: PyObject?, _ name: String, _ loc: PyLoc) {
        self.module = module
        self.index = index
        self.builtin = builtin
        self.name = name
        self.loc = loc
    }
    override func eval(_ f: PyFrame) throws(PyError) -> PyObject {
        if let v = module.values[index] { return v }
        if let b = builtin { return b }
        throw PyError(type: "NameError", message: "name '\(name)' is not defined", loc: loc)
    }
}

/// `+ - * /` with the float and int cases inline, the rest through ``PyRuntime/binary(_:_:_:)``.
final class PyBinaryNode: PyNode {
    enum Op { case add, subtract, multiply, divide, other }
    let op: Op, symbol: String, left: PyNode, right: PyNode, loc: PyLoc
    unowned let runtime: PyRuntime
    init(_ symbol: String, _ left: PyNode, _ right: PyNode, _ loc: PyLoc, _ runtime: PyRuntime) {
        switch symbol {
        case "+": op = .add
        case "-": op = .subtract
        case "*": op = .multiply
        case "/": op = .divide
        default: op = .other
        }
        self.symbol = symbol
        self.left = left
        self.right = right
        self.loc = loc
        self.runtime = runtime
    }
    override func eval(_ f: PyFrame) throws(PyError) -> PyObject {
        let x = try left.eval(f), y = try right.eval(f)
        switch (op, x, y) {
        case (.add, .float(let p), .float(let q)): return .float(p + q)
        case (.subtract, .float(let p), .float(let q)): return .float(p - q)
        case (.multiply, .float(let p), .float(let q)): return .float(p * q)
        case (.divide, .float(let p), .float(let q)) where q != 0: return .float(p / q)
        case (.add, .float(let p), .int(let q)): return .float(p + Double(q))
        case (.add, .int(let p), .float(let q)): return .float(Double(p) + q)
        case (.subtract, .float(let p), .int(let q)): return .float(p - Double(q))
        case (.subtract, .int(let p), .float(let q)): return .float(Double(p) - q)
        case (.multiply, .float(let p), .int(let q)): return .float(p * Double(q))
        case (.multiply, .int(let p), .float(let q)): return .float(Double(p) * q)
        case (.divide, .float(let p), .int(let q)) where q != 0: return .float(p / Double(q))
        case (.divide, .int(let p), .float(let q)) where q != 0: return .float(Double(p) / q)
        case (.divide, .int(let p), .int(let q)) where q != 0 && abs(p) < 1 << 53 && abs(q) < 1 << 53: return .float(Double(p) / Double(q))
        case (.add, .int(let p), .int(let q)):
            let (r, o) = p.addingReportingOverflow(q)
            if !o { return .int(r) }
        case (.subtract, .int(let p), .int(let q)):
            let (r, o) = p.subtractingReportingOverflow(q)
            if !o { return .int(r) }
        case (.multiply, .int(let p), .int(let q)):
            let (r, o) = p.multipliedReportingOverflow(by: q)
            if !o { return .int(r) }
        default: break
        }
        if symbol == "**", case .int(let i) = x, case .int(let j) = y, j > 64, abs(i) > 1 {
            throw PyError.limit("\(i) ** \(j) is larger than lrplot's 64-bit integers").at(loc)
        }
        do throws(PyError) { return try runtime.binary(symbol, x, y) } catch { throw error.at(loc) }
    }
}

/// One comparison of numbers inline (`it < warmup`), the rest through ``PyRuntime/compare(_:_:_:)``.
final class PyComparisonNode: PyNode {
    enum Op {
        case less, lessEqual, greater, greaterEqual, equal, notEqual, other
        init(_ symbol: String) {
            switch symbol {
            case "<": self = .less
            case "<=": self = .lessEqual
            case ">": self = .greater
            case ">=": self = .greaterEqual
            case "==": self = .equal
            case "!=": self = .notEqual
            default: self = .other
            }
        }
    }
    let op: Op, symbol: String, left: PyNode, right: PyNode, loc: PyLoc
    unowned let runtime: PyRuntime
    init(_ symbol: String, _ left: PyNode, _ right: PyNode, _ loc: PyLoc, _ runtime: PyRuntime) {
        op = Op(symbol)
        self.symbol = symbol
        self.left = left
        self.right = right
        self.loc = loc
        self.runtime = runtime
    }

    @inline(__always)
    private static func holds<T: Comparable>(_ op: Op, _ a: T, _ b: T) -> Bool {
        switch op {
        case .less: return a < b
        case .lessEqual: return a <= b
        case .greater: return a > b
        case .greaterEqual: return a >= b
        case .equal: return a == b
        case .notEqual: return a != b
        case .other: return false
        }
    }

    /// `x OP y`: numbers inline (ints compared as ints, an int with a float exactly below 2^53),
    /// the rest through ``PyRuntime/compare(_:_:_:)``.
    @inline(__always)
    static func holds(_ op: Op, _ symbol: String, _ x: PyObject, _ y: PyObject, _ runtime: PyRuntime, _ loc: PyLoc) throws(PyError) -> Bool {
        if op != .other {
            switch (x, y) {
            case (.float(let p), .float(let q)): return holds(op, p, q)
            case (.int(let p), .int(let q)): return holds(op, p, q)
            case (.int(let p), .float(let q)) where abs(p) < 1 << 53: return holds(op, Double(p), q)
            case (.float(let p), .int(let q)) where abs(q) < 1 << 53: return holds(op, p, Double(q))
            default: break
            }
        }
        do throws(PyError) { return try runtime.compare(symbol, x, y) } catch { throw error.at(loc) }
    }

    override func eval(_ f: PyFrame) throws(PyError) -> PyObject {
        .bool(try PyComparisonNode.holds(op, symbol, try left.eval(f), try right.eval(f), runtime, loc))
    }
}

/// A chain of comparisons (`0 <= r <= 1`): each link by ``PyComparisonNode``'s rule.
final class PyCompareNode: PyNode {
    let first: PyNode, links: [(op: PyComparisonNode.Op, symbol: String, node: PyNode)], loc: PyLoc
    unowned let runtime: PyRuntime
    init(_ first: PyNode, _ links: [(String, PyNode)], _ loc: PyLoc, _ runtime: PyRuntime) {
        self.first = first
        self.links = links.map { (PyComparisonNode.Op($0.0), $0.0, $0.1) }
        self.loc = loc
        self.runtime = runtime
    }

    override func eval(_ f: PyFrame) throws(PyError) -> PyObject {
        var left = try first.eval(f)
        for link in links {
            let right = try link.node.eval(f)
            if !(try PyComparisonNode.holds(link.op, link.symbol, left, right, runtime, loc)) { return .bool(false) }
            left = right
        }
        return .bool(true)
    }
}

final class PyBoolNode: PyNode {
    let isAnd: Bool, left: PyNode, right: PyNode
    unowned let runtime: PyRuntime
    init(_ isAnd: Bool, _ left: PyNode, _ right: PyNode, _ runtime: PyRuntime) {
        self.isAnd = isAnd
        self.left = left
        self.right = right
        self.runtime = runtime
    }
    override func eval(_ f: PyFrame) throws(PyError) -> PyObject {
        let v = try left.eval(f)
        if isAnd { return try runtime.truth(v) ? try right.eval(f) : v }
        return try runtime.truth(v) ? v : try right.eval(f)
    }
}

final class PyConditionalNode: PyNode {
    let test: PyNode, body: PyNode, orElse: PyNode
    unowned let runtime: PyRuntime
    init(_ test: PyNode, _ body: PyNode, _ orElse: PyNode, _ runtime: PyRuntime) {
        self.test = test
        self.body = body
        self.orElse = orElse
        self.runtime = runtime
    }
    override func eval(_ f: PyFrame) throws(PyError) -> PyObject {
        try runtime.truth(try test.eval(f)) ? try body.eval(f) : try orElse.eval(f)
    }
}

final class PyUnaryNode: PyNode {
    let op: String, operand: PyNode, loc: PyLoc
    unowned let runtime: PyRuntime
    init(_ op: String, _ operand: PyNode, _ loc: PyLoc, _ runtime: PyRuntime) {
        self.op = op
        self.operand = operand
        self.loc = loc
        self.runtime = runtime
    }
    override func eval(_ f: PyFrame) throws(PyError) -> PyObject {
        let x = try operand.eval(f)
        if op == "-", case .float(let d) = x { return .float(-d) }
        if op == "not" { return .bool(!(try runtime.truth(x))) }
        do throws(PyError) { return try runtime.unary(op, x) } catch { throw error.at(loc) }
    }
}

/// `obj.name`, with modules' members cached per site.
final class PyAttributeNode: PyNode {
    let base: PyNode, name: String, loc: PyLoc
    unowned let runtime: PyRuntime
    private var cachedModule: PyModuleObject?
    private var cachedVersion = -1
    private var cachedValue: PyObject = .none
    init(_ base: PyNode, _ name: String, _ loc: PyLoc, _ runtime: PyRuntime) {
        self.base = base
        self.name = name
        self.loc = loc
        self.runtime = runtime
    }
    override func eval(_ f: PyFrame) throws(PyError) -> PyObject {
        let object = try base.eval(f)
        do throws(PyError) {
            if case .host(let h) = object, let m = h as? PyModuleObject {
                if cachedModule === m, cachedVersion == m.version { return cachedValue }
                let v = try runtime.getAttribute(object, name)
                cachedModule = m
                cachedVersion = m.version
                cachedValue = v
                return v
            }
            return try runtime.getAttribute(object, name)
        } catch { throw error.at(loc) }
    }
}

/// `f(x)`: one positional argument, no array for built-ins with a one-argument form and plain functions.
final class PyCall1Node: PyNode {
    let callee: PyNode, argument: PyNode, loc: PyLoc
    unowned let runtime: PyRuntime
    init(_ callee: PyNode, _ argument: PyNode, _ loc: PyLoc, _ runtime: PyRuntime) {
        self.callee = callee
        self.argument = argument
        self.loc = loc
        self.runtime = runtime
    }
    override func eval(_ f: PyFrame) throws(PyError) -> PyObject {
        let function = try callee.eval(f)
        runtime.callSite = loc
        let x = try argument.eval(f)
        do throws(PyError) {
            if case .builtin(let b) = function, let unary = b.unary { return try unary(x) }
            if case .function(let fn) = function { return try runtime.invoke1(fn, x) }
            return try runtime.call(function, PyArguments([x]))
        } catch { throw error.at(loc) }
    }
}
