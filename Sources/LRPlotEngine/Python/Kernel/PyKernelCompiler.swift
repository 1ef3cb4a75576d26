import Glibc

/// Why a function is not a kernel (it then runs in the evaluator, as before).
struct PyKernelIneligible: Error {
    let reason: String
}

/// The static type of a kernel expression or local.
enum PyKType: Equatable {
    case int, float, bool, value

    func joined(_ other: PyKType) -> PyKType { self == other ? self : .value }
}

/// A compiled kernel expression: a typed node, or an object known when the kernel is compiled
/// (a module, a built-in, a namespace), which only attribute access and calls may use.
enum PyKExpr {
    case int(PyKIntOperand)
    case float(PyKFloatOperand)
    case bool(PyKBool)
    case value(PyKValue)
    case object(PyObject)
}

/// Compiles a pure numeric function (``PyNumericKernel``) from its syntax: locals get a static
/// type (the join of what is assigned to them), globals, closure cells and attributes of modules
/// and namespaces are read once and folded in as constants, and every construct outside the
/// subset makes the function ineligible.
final class PyKernelCompiler {
    private let function: PyFunctionObject
    private let runtime: PyRuntime
    private let node: PyFunctionNode
    /// Every local's index in the storage (one slot of each type per local).
    private var index: [String: Int] = [:]
    /// Each local's storage type, once something is assigned to it.
    private var storage: [String: PyKType] = [:]
    private var changed = false
    /// Locals definitely assigned at the point being compiled.
    private var assigned: Set<String> = []
    private(set) var nodeCount = 0

    /// The kernel's columns and bail flags (shared with the functions it inlines).
    let memory: PyKMemory
    /// How deep this function is inlined (0: the kernel's own function).
    private let depth: Int
    /// Calls of the snippet's functions are inlined this deep at most.
    static let maximumInlining = 4
    /// A `for` over a constant sequence is unrolled up to this many items.
    static let maximumUnrolling = 64
    /// Each local's column of each type (only the one of its storage type is used).
    private var ints: [UnsafeMutablePointer<Int>] = []
    private var floats: [UnsafeMutablePointer<Double>] = []
    private var bools: [UnsafeMutablePointer<Bool>] = []
    private var values: [UnsafeMutablePointer<PyValue>] = []
    /// Each lane's return value.
    let result: UnsafeMutablePointer<PyValue>

    /// Kernels are small: a function beyond this many nodes runs in the evaluator.
    static let maximumNodes = 4_000

    init(_ function: PyFunctionObject, _ runtime: PyRuntime, memory: PyKMemory = PyKMemory(), depth: Int = 0) throws(PyKernelIneligible) {
        guard let node = function.code.syntax else { throw PyKernelIneligible(reason: "no syntax") }
        guard !PyNumericKernel.containsScopeDeclarations(node.body) else { throw PyKernelIneligible(reason: "global or nonlocal") }
        self.memory = memory
        self.depth = depth
        self.function = function
        self.runtime = runtime
        self.node = node
        var names: [String] = []
        for p in node.parameters { names.append(p.name) }
        PyKernelCompiler.collectAssigned(node.body, into: &names)
        for n in names where index[n] == nil { index[n] = index.count }
        guard index.count <= 256 else { throw PyKernelIneligible(reason: "too many locals") }
        for _ in 0..<index.count {
            ints.append(memory.column(0))
            floats.append(memory.column(0.0))
            bools.append(memory.column(false))
            values.append(memory.column(PyValue.int(0)))
        }
        result = memory.column(PyValue.int(0))
    }

    /// The step's column (int or value, as the parameter's storage type is).
    func parameterColumn(_ entry: Entry) -> (ints: UnsafeMutablePointer<Int>?, values: UnsafeMutablePointer<PyValue>?) {
        entry.parameter.type == .int ? (ints[entry.parameter.slot], nil) : (nil, values[entry.parameter.slot])
    }

    /// How the step is stored on entry, and the constant defaults of the other parameters.
    struct Entry {
        var parameter: (type: PyKType, slot: Int)
        var defaults: [PyKStatement]
    }

    /// Compiles the body until the locals' types are stable; returns its code and entry.
    func compile() throws(PyKernelIneligible) -> (PyKStatement, Entry) {
        let params = node.parameters
        guard let first = params.first, params.allSatisfy({ $0.kind == .normal }) else {
            throw PyKernelIneligible(reason: "not a function of one positional argument")
        }
        // The step is the only argument: the other parameters take their (numeric) defaults.
        var types: [PyKType] = [.int]
        var defaults: [(String, PyValue)] = []
        for i in params.indices.dropFirst() {
            guard i < function.defaults.count, let v = function.defaults[i]?.number else {
                throw PyKernelIneligible(reason: "parameter \(params[i].name) has no numeric default")
            }
            types.append(try type(of: constant(v)))
            defaults.append((params[i].name, v))
        }
        var assignments: [PyKStatement] = []
        let code = try settle(parameterTypes: types) { () throws(PyKernelIneligible) in
            assignments = []
            for (name, v) in defaults { assignments.append(try self.assign(name, constant(v))) }
        }
        guard let slot = index[first.name], let type = storage[first.name] else { throw PyKernelIneligible(reason: "parameter") }
        return (code, Entry(parameter: (type, slot), defaults: assignments))
    }

    /// Compiles the body as an inlined call whose parameters have `types`; returns its code.
    func compileInlined(parameterTypes types: [PyKType]) throws(PyKernelIneligible) -> PyKStatement {
        guard node.parameters.allSatisfy({ $0.kind == .normal }), types.count == node.parameters.count else {
            throw PyKernelIneligible(reason: "inlined call arguments")
        }
        return try settle(parameterTypes: types) { () throws(PyKernelIneligible) in }
    }

    /// Compiles the body again until no local's storage type changes (types only widen, so a few
    /// passes do), the parameters entering with `types`; `entry` compiles what runs before the body.
    private func settle(parameterTypes types: [PyKType], entry: () throws(PyKernelIneligible) -> Void) throws(PyKernelIneligible) -> PyKStatement {
        for _ in 0..<8 {
            changed = false
            nodeCount = 0
            assigned = []
            for (p, t) in zip(node.parameters, types) {
                storage[p.name] = (storage[p.name] ?? t).joined(t)
                assigned.insert(p.name)
            }
            try entry()
            let (body, terminates) = try block(node.body)
            let code = terminates ? body : PyKSequence(body, PyKFallOff(memory))
            if !changed { return code }
        }
        throw PyKernelIneligible(reason: "local types did not settle")
    }

    /// Binds parameter `name` of an inlined call to `e` (after ``compileInlined(parameterTypes:)``).
    func bindParameter(_ name: String, _ e: PyKExpr) throws(PyKernelIneligible) -> PyKStatement {
        guard let k = index[name], let t = storage[name] else { throw PyKernelIneligible(reason: "parameter \(name)") }
        return try store(e, slot: k, type: t)
    }

    // MARK: Statements

    /// A block's code and whether it always returns (or bails); statements after one that does
    /// are never run and not compiled.
    private func block(_ statements: [PyStatement]) throws(PyKernelIneligible) -> (PyKStatement, Bool) {
        var compiled: [PyKStatement] = []
        var terminates = false
        for s in statements {
            let (c, t) = try statement(s)
            compiled.append(c)
            if t {
                terminates = true
                break
            }
        }
        guard var code = compiled.popLast() else { return (PyKPass(), false) }
        while let previous = compiled.popLast() { code = PyKSequence(previous, code) }
        return (code, terminates)
    }

    private func statement(_ s: PyStatement) throws(PyKernelIneligible) -> (PyKStatement, Bool) {
        try count()
        switch s {
        case .assign(let targets, let value, _):
            guard targets.count == 1, case .name(let n, _) = targets[0] else { throw PyKernelIneligible(reason: "assignment target") }
            let e = try expression(value)
            return (try assign(n, e), false)
        case .augmentedAssign(.name(let n, let loc), let op, let value, _):
            let e = try binary(op, try expression(.name(n, loc)), try expression(value))
            return (try assign(n, e), false)
        case .annotatedAssign(.name(let n, _), _, let value, _):
            guard let value else { return (PyKPass(), false) }
            return (try assign(n, try expression(value)), false)
        case .ifChain(let branches, let orElse, _):
            let before = assigned
            var survivors: [Set<String>] = []
            var (code, allTerminate) = try block(orElse)
            if !allTerminate { survivors.append(assigned) }
            var tests: [(PyKBool, PyKStatement)] = []
            // Tests are evaluated in order; each branch starts from what the tests before it left.
            assigned = before
            for (test, body) in branches {
                let t = try truth(try expression(test))
                let saved = assigned
                let (b, terminates) = try block(body)
                if !terminates { survivors.append(assigned) }
                allTerminate = allTerminate && terminates
                assigned = saved
                tests.append((t, b))
            }
            for (t, b) in tests.reversed() { code = PyKIf(memory, t, b, code) }
            // orElse was compiled first for the nesting: its definite assignments start from `before` too.
            assigned = survivors.isEmpty ? before : survivors.dropFirst().reduce(survivors[0]) { $0.intersection($1) }
            return (code, allTerminate)
        case .returnValue(let value, _):
            guard let value else { return (PyKFallOff(memory), true) }
            switch try expression(value) {
            case .int(let x): return (PyKReturn(result, x), true)
            case .float(let x): return (PyKReturn(result, x), true)
            case .bool(let b): return (PyKReturn(result, .node(b)), true)
            case .value(let v): return (PyKReturn(result, .node(v)), true)
            case .object: throw PyKernelIneligible(reason: "returns an object")
            }
        case .forLoop(.name(let n, _), let iterable, let body, let orElse, _):
            // A loop over a constant sequence, unrolled: the loop variable is a constant in each copy.
            guard !PyKernelCompiler.containsLoopExits(body) else { throw PyKernelIneligible(reason: "break or continue") }
            let items = try constantSequence(iterable)
            guard items.count <= PyKernelCompiler.maximumUnrolling else { throw PyKernelIneligible(reason: "a loop of \(items.count) items") }
            var parts: [PyKStatement] = []
            var terminates = false
            for v in items {
                parts.append(try assign(n, type: try type(of: constant(v)), constant(v)))
                let (b, t) = try block(body)
                parts.append(b)
                if t {
                    terminates = true
                    break
                }
            }
            if !terminates {
                let (e, t) = try block(orElse)
                parts.append(e)
                terminates = t
            }
            guard var code = parts.popLast() else { return (PyKPass(), false) }
            while let previous = parts.popLast() { code = PyKSequence(previous, code) }
            return (code, terminates)
        case .pass: return (PyKPass(), false)
        case .assert(let test, _, _):
            return (PyKAssert(memory, try truth(try expression(test))), false)
        case .expression(.constant(.string, _), _):
            return (PyKPass(), false)  // a docstring
        default:
            throw PyKernelIneligible(reason: "the statement at line \(s.loc.line)")
        }
    }

    private func assign(_ n: String, _ e: PyKExpr) throws(PyKernelIneligible) -> PyKStatement {
        try assign(n, type: try type(of: e), e)
    }

    private func assign(_ n: String, type t: PyKType, _ e: PyKExpr) throws(PyKernelIneligible) -> PyKStatement {
        guard let k = index[n] else { throw PyKernelIneligible(reason: "\(n) is not a local") }
        let joined = (storage[n] ?? t).joined(t)
        if storage[n] != joined {
            storage[n] = joined
            changed = true
        }
        assigned.insert(n)
        return try store(e, slot: k, type: joined)
    }

    /// `e` copied into local slot `k` of storage type `t`.
    private func store(_ e: PyKExpr, slot k: Int, type t: PyKType) throws(PyKernelIneligible) -> PyKStatement {
        switch t {
        case .int: return PyKAssign(ints[k], try intOperand(e))
        case .float: return PyKAssign(floats[k], floatOperand(e))
        case .bool:
            guard case .bool(let b) = e else { throw PyKernelIneligible(reason: "bool") }
            return PyKAssign(bools[k], .node(b))
        case .value: return PyKAssign(values[k], .node(valueNode(e)))
        }
    }

    // MARK: Expressions

    private func count() throws(PyKernelIneligible) {
        nodeCount += 1
        if nodeCount > PyKernelCompiler.maximumNodes || memory.isExhausted { throw PyKernelIneligible(reason: "a function this large") }
    }

    private func expression(_ e: PySyntax) throws(PyKernelIneligible) -> PyKExpr {
        try count()
        switch e {
        case .constant(let c, _):
            switch c {
            case .int(let i): return .int(.constant(i))
            case .float(let d): return .float(.constant(d))
            case .bool(let b): return .bool(PyKConstant(memory, b))
            default: throw PyKernelIneligible(reason: "a constant that is not a number")
            }
        case .name(let n, _):
            if let k = index[n] {
                guard assigned.contains(n), let t = storage[n] else { throw PyKernelIneligible(reason: "\(n) may be unbound") }
                switch t {
                case .int: return .int(.node(PyKLocal(memory, column: ints[k])))
                case .float: return .float(.node(PyKLocal(memory, column: floats[k])))
                case .bool: return .bool(PyKLocal(memory, column: bools[k]))
                case .value: return .value(PyKLocal(memory, column: values[k]))
                }
            }
            return try known(try global(n))
        case .attribute(let base, let name, _):
            guard !PyRuntime.isForbidden(name), case .object(let o) = try expression(base) else {
                throw PyKernelIneligible(reason: "attribute .\(name)")
            }
            return try known(try attribute(o, name))
        case .call(let callee, let arguments, _):
            let target = try expression(callee)
            if case .object(.function(let g)) = target { return try inline(g, arguments) }
            if case .object(.builtin(let b)) = target, case .interp? = b.numeric {
                // numpy.interp(x, xp, fp) over breakpoints fixed now: the evaluator's own PyNumpy.interp.
                guard arguments.count == 3, case .positional(let x) = arguments[0], case .positional(let xs) = arguments[1],
                      case .positional(let fs) = arguments[2] else { throw PyKernelIneligible(reason: "numpy.interp arguments") }
                let xp = try constantSequence(xs).map(\.asDouble), fp = try constantSequence(fs).map(\.asDouble)
                guard xp.count == fp.count, !xp.isEmpty else { throw PyKernelIneligible(reason: "numpy.interp breakpoints") }
                return .float(.node(PyKFloat1(memory, { PyNumpy.interp($0, xp, fp) }, floatOperand(try expression(x)), checksNaN: false, checksInfinity: false)))
            }
            guard case .object(.builtin(let b)) = target else { throw PyKernelIneligible(reason: "a call of something other than a function or a math built-in") }
            var args: [PyKExpr] = []
            for a in arguments {
                guard case .positional(let x) = a else { throw PyKernelIneligible(reason: "call arguments") }
                args.append(try expression(x))
            }
            return try call(b, args)
        case .unary(let op, let x, _):
            return try unary(op, try expression(x))
        case .binary(let op, let a, let b, _):
            return try binary(op, try expression(a), try expression(b))
        case .boolean(let isAnd, let a, let b, _):
            let x = try expression(a)
            // The right operand may not run: what it assigns nothing (expressions assign nothing).
            let y = try expression(b)
            if case .bool(let p) = x, case .bool(let q) = y { return .bool(PyKLogic(memory, isAnd, p, q, false) { $0 }) }
            _ = try type(of: x)
            _ = try type(of: y)
            return .value(PyKLogic(memory, isAnd, valueNode(x), valueNode(y), .int(0)) { $0.isTruthy })
        case .compare(let first, let links, _):
            return try compare(first, links)
        case .conditional(let test, let body, let orElse, _):
            let t = try truth(try expression(test))
            let x = try expression(body), y = try expression(orElse)
            switch (try type(of: x), try type(of: y)) {
            case (.int, .int): return .int(.node(PyKConditional(memory, t, try intOperand(x), try intOperand(y), 0)))
            case (.float, .float): return .float(.node(PyKConditional(memory, t, floatOperand(x), floatOperand(y), 0)))
            case (.bool, .bool):
                guard case .bool(let p) = x, case .bool(let q) = y else { throw PyKernelIneligible(reason: "bool") }
                return .bool(PyKConditional(memory, t, .node(p), .node(q), false))
            default: return .value(PyKConditional(memory, t, .node(valueNode(x)), .node(valueNode(y)), .int(0)))
            }
        default:
            throw PyKernelIneligible(reason: "the expression at line \(e.loc.line)")
        }
    }

    /// A global, a closure cell or a built-in, as it is now.
    private func global(_ n: String) throws(PyKernelIneligible) -> PyObject {
        if let i = function.code.freeNames.firstIndex(of: n) {
            guard i < function.closure.count, let v = function.closure[i].value else { throw PyKernelIneligible(reason: "free \(n)") }
            return v
        }
        if let v = function.module[n] { return v }
        if let b = runtime.builtins[n] { return b }
        throw PyKernelIneligible(reason: "\(n) is not defined")
    }

    /// `o.name` for objects whose attributes run no code: modules, namespaces, plain instances.
    private func attribute(_ o: PyObject, _ name: String) throws(PyKernelIneligible) -> PyObject {
        switch o {
        case .host(let h) where h is PyModuleObject:
            do throws(PyError) { return try runtime.getAttribute(o, name) } catch { throw PyKernelIneligible(reason: "attribute") }
        case .host(let h):
            if let ns = h as? PyNamespace, let v = ns.values.get(name) { return v }
        case .instance(let i):
            if let v = i.attributes.get(name) { return v }
            if let v = i.cls.lookup(name), v.number != nil { return v }
        default: break
        }
        throw PyKernelIneligible(reason: "attribute .\(name)")
    }

    /// A number becomes a constant; modules, built-ins and namespaces stay objects.
    private func known(_ o: PyObject) throws(PyKernelIneligible) -> PyKExpr {
        switch o {
        case .int(let i): return .int(.constant(i))
        case .float(let d): return .float(.constant(d))
        case .bool(let b): return .bool(PyKConstant(memory, b))
        case .host, .builtin, .instance, .function: return .object(o)
        default: throw PyKernelIneligible(reason: "a \(o.typeName) value")
        }
    }

    private func constant(_ v: PyValue) -> PyKExpr {
        switch v {
        case .int(let i): return .int(.constant(i))
        case .float(let d): return .float(.constant(d))
        case .bool(let b): return .bool(PyKConstant(memory, b))
        }
    }

    /// The constant an expression is, if it is one.
    private func constantValue(_ e: PyKExpr) -> PyValue? {
        switch e {
        case .int(.constant(let i)): return .int(i)
        case .float(.constant(let d)): return .float(d)
        case .bool(let b): return (b as? PyKConstant<Bool>).map { .bool($0.c) }
        default: return nil
        }
    }

    // MARK: Conversions

    private func type(of e: PyKExpr) throws(PyKernelIneligible) -> PyKType {
        switch e {
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .value: return .value
        case .object: throw PyKernelIneligible(reason: "an object used as a number")
        }
    }

    /// An int or bool as an int operand.
    private func intOperand(_ e: PyKExpr) throws(PyKernelIneligible) -> PyKIntOperand {
        switch e {
        case .int(let x): return x
        case .bool(let b):
            if let c = b as? PyKConstant<Bool> { return .constant(c.c ? 1 : 0) }
            return .node(PyKIntOfBool(memory, b))
        default: throw PyKernelIneligible(reason: "not an int")
        }
    }

    /// Any number as a float operand, as Python converts it in mixed arithmetic.
    private func floatOperand(_ e: PyKExpr) -> PyKFloatOperand {
        switch e {
        case .float(let x): return x
        case .int(.constant(let c)): return .constant(Double(c))
        case .int(let x): return .node(PyKFloatOfInt(memory, x))
        case .bool(let b):
            if let c = b as? PyKConstant<Bool> { return .constant(c.c ? 1 : 0) }
            return .node(PyKFloatOfInt(memory, .node(PyKIntOfBool(memory, b))))
        case .value(let v): return .node(PyKFloatOfValue(memory, v))
        case .object: return .constant(.nan)  // unreachable: `type(of:)` refused objects first
        }
    }

    private func valueNode(_ e: PyKExpr) -> PyKValue {
        switch e {
        case .value(let v): return v
        case .int(.constant(let c)): return PyKConstant(memory, PyValue.int(c))
        case .int(let x): return PyKValueOf(memory, x) { .int($0) }
        case .float(.constant(let c)): return PyKConstant(memory, PyValue.float(c))
        case .float(let x): return PyKValueOf(memory, x) { .float($0) }
        case .bool(let b): return PyKValueOf(memory, .node(b)) { .bool($0) }
        case .object: return PyKBailValue(memory)  // unreachable: `type(of:)` refused objects first
        }
    }

    private func truth(_ e: PyKExpr) throws(PyKernelIneligible) -> PyKBool {
        switch e {
        case .bool(let b): return b
        case .int(.constant(let c)): return PyKConstant(memory, c != 0)
        case .int(let x): return PyKTruth(memory, x)
        case .float(.constant(let c)): return PyKConstant(memory, c != 0)
        case .float(let x): return PyKTruth(memory, x)
        case .value(let v): return PyKValueTruth(memory, v)
        case .object: throw PyKernelIneligible(reason: "the truth of an object")
        }
    }

    // MARK: Operators

    func binary(_ op: String, _ a: PyKExpr, _ b: PyKExpr) throws(PyKernelIneligible) -> PyKExpr {
        guard ["+", "-", "*", "/", "//", "%", "**"].contains(op) else { throw PyKernelIneligible(reason: "operator \(op)") }
        var ta = try type(of: a), tb = try type(of: b)
        if let x = constantValue(a), let y = constantValue(b) {
            // Folded as the evaluator computes it; a constant that raises bails where it is reached.
            if op == "**", let i = x.asInt, let j = y.asInt, j > 64, Swift.abs(i) > 1 { return .value(PyKBailValue(memory)) }
            do throws(PyEvaluationError) { return constant(try PyArithmetic.binary(op, x, y, column: 0)) } catch { return .value(PyKBailValue(memory)) }
        }
        if ta == .bool { ta = .int }
        if tb == .bool { tb = .int }
        switch (ta, tb) {
        case (.int, .int):
            let x = try intOperand(a), y = try intOperand(b)
            switch op {
            case "+": return .int(.node(PyKIntBinary(memory, .add, x, y)))
            case "-": return .int(.node(PyKIntBinary(memory, .subtract, x, y)))
            case "*": return .int(.node(PyKIntBinary(memory, .multiply, x, y)))
            case "//": return .int(.node(PyKIntBinary(memory, .floorDivide, x, y)))
            case "%": return .int(.node(PyKIntBinary(memory, .modulo, x, y)))
            case "/": return .float(.node(PyKIntTrueDivide(memory, x, y)))
            default: return .value(PyKValueBinary(memory, op, valueNode(a), valueNode(b)))
            }
        case (.float, .float), (.float, .int), (.int, .float):
            let x = floatOperand(a), y = floatOperand(b)
            let o: PyKFloatBinary.Op
            switch op {
            case "+": o = .add
            case "-": o = .subtract
            case "*": o = .multiply
            case "/": o = .divide
            case "//": o = .floorDivide
            case "%": o = .modulo
            default: o = .power
            }
            return .float(.node(PyKFloatBinary(memory, o, x, y)))
        default:
            return .value(PyKValueBinary(memory, op, valueNode(a), valueNode(b)))
        }
    }

    private func unary(_ op: String, _ x: PyKExpr) throws(PyKernelIneligible) -> PyKExpr {
        switch (op, x) {
        case ("not", _): return .bool(PyKNot(memory, try truth(x)))
        case ("-", .float(.constant(let c))): return .float(.constant(-c))
        case ("-", .float(let f)): return .float(.node(PyKFloatNegate(memory, f)))
        case ("-", .int(.constant(let c))) where c != Int.min: return .int(.constant(-c))
        case ("-", .int), ("-", .bool): return .int(.node(PyKIntNegate(memory, try intOperand(x))))
        case ("+", .float), ("+", .int): return x
        case ("+", .bool): return .int(try intOperand(x))
        case ("-", .value(let v)): return .value(PyKValueSign(memory, negates: true, v))
        case ("+", .value(let v)): return .value(PyKValueSign(memory, negates: false, v))
        default: throw PyKernelIneligible(reason: "unary \(op)")
        }
    }

    private func compare(_ first: PySyntax, _ links: [(String, PySyntax)]) throws(PyKernelIneligible) -> PyKExpr {
        var ops: [PyKCompareOp] = []
        for (symbol, _) in links {
            guard let op = PyKCompareOp(symbol) else { throw PyKernelIneligible(reason: "comparison \(symbol)") }
            ops.append(op)
        }
        let left = try expression(first)
        var operands: [PyKExpr] = []
        for (_, e) in links { operands.append(try expression(e)) }
        if ops.count == 1 {
            switch (try type(of: left), try type(of: operands[0])) {
            case (.int, .int): return .bool(PyKCompare2(memory, ops[0], try intOperand(left), try intOperand(operands[0])))
            case (.float, .float), (.float, .int), (.int, .float):
                return .bool(PyKCompare2(memory, ops[0], floatOperand(left), floatOperand(operands[0])))
            default: break
            }
        }
        // Floats, and int constants a float holds exactly: compared as floats, as the evaluator does.
        func asFloat(_ e: PyKExpr) -> PyKFloatOperand? {
            switch e {
            case .float(let x): return x
            case .int(.constant(let c)) where Swift.abs(c) < 1 << 53: return .constant(Double(c))
            default: return nil
            }
        }
        if let x = asFloat(left), case let rest = operands.compactMap(asFloat), rest.count == operands.count,
           operands.contains(where: { if case .float = $0 { return true } else { return false } }) || { if case .float = left { return true } else { return false } }() {
            return .bool(PyKFloatChain(memory, x, Array(zip(ops, rest)).map { (op: $0.0, operand: $0.1) }))
        }
        _ = try type(of: left)
        var chain: [(op: PyKCompareOp, operand: PyKValue)] = []
        for (op, e) in zip(ops, operands) {
            _ = try type(of: e)
            chain.append((op, valueNode(e)))
        }
        return .bool(PyKCompareChain(memory, valueNode(left), chain))
    }

    // MARK: Calls

    private func isBuiltin(_ b: PyBuiltin, _ name: String) -> Bool {
        if case .builtin(let t) = runtime.builtins[name], t === b { return true }
        return false
    }

    private func call(_ b: PyBuiltin, _ args: [PyKExpr]) throws(PyKernelIneligible) -> PyKExpr {
        var types: [PyKType] = []
        for a in args { types.append(try type(of: a)) }
        if isBuiltin(b, "min") || isBuiltin(b, "max"), args.count >= 2 {
            let isMin = isBuiltin(b, "min")
            if types.allSatisfy({ $0 == .int }) {
                var items: [PyKIntOperand] = []
                for a in args { items.append(try intOperand(a)) }
                return .int(.node(PyKExtreme(memory, items, 0, better: isMin ? { $0 < $1 } : { $0 > $1 })))
            }
            if types.allSatisfy({ $0 == .float }) {
                return .float(.node(PyKExtreme(memory, args.map(floatOperand), 0, better: isMin ? { $0 < $1 } : { $0 > $1 })))
            }
            let symbol = isMin ? "<" : ">"
            return .value(PyKExtreme(memory, args.map { .node(valueNode($0)) }, .int(0)) { PyArithmetic.compare(symbol, $0, $1) })
        }
        if args.count == 1 {
            let x = args[0]
            if isBuiltin(b, "float") { return .float(floatOperand(x)) }
            if isBuiltin(b, "abs") {
                switch types[0] {
                case .float: return .float(.node(PyKFloatAbs(memory, floatOperand(x))))
                case .value: return .value(PyKFunction(memory, .abs, [valueNode(x)]))
                default: return .int(.node(PyKMap1(memory, try intOperand(x), 0) { $0 == Int.min ? nil : Swift.abs($0) }))
                }
            }
            if isBuiltin(b, "int") || isBuiltin(b, "round") {
                let rule: FloatingPointRoundingRule = isBuiltin(b, "int") ? .towardZero : .toNearestOrEven
                switch types[0] {
                case .int, .bool: return .int(try intOperand(x))
                case .float: return .int(.node(PyKIntOfFloat(memory, rule, floatOperand(x))))
                case .value: return .int(.node(PyKValueToInt(memory, rule, valueNode(x))))
                }
            }
        }
        if isBuiltin(b, "round"), args.count == 2, types[1] == .int {
            switch types[0] {
            case .int, .bool: return args[0]
            case .float, .value: return .value(PyKRoundDigits(memory, valueNode(args[0]), try intOperand(args[1])))
            }
        }
        switch b.numeric {
        case .math(let f)?:
            guard f.isMath, f.arity.contains(args.count) else { throw PyKernelIneligible(reason: "math.\(f.rawValue) arguments") }
            if args.count == 1 {
                let x = floatOperand(args[0])
                switch f {
                case .cos: return .float(.node(PyKCos(memory, x)))
                case .sin: return .float(.node(PyKFloat1(memory, { Glibc.sin($0) }, x, checksNaN: true, checksInfinity: true)))
                case .tan: return .float(.node(PyKFloat1(memory, { Glibc.tan($0) }, x, checksNaN: true, checksInfinity: true)))
                case .exp: return .float(.node(PyKFloat1(memory, { Glibc.exp($0) }, x, checksNaN: true, checksInfinity: true)))
                case .sqrt: return .float(.node(PyKFloat1(memory, { $0.squareRoot() }, x, checksNaN: true, checksInfinity: true)))
                case .log, .log2, .log10:
                    // log(x) raises for x <= 0 (an infinity or NaN from a finite number: both bail).
                    let g: (Double) -> Double
                    switch f {
                    case .log: g = { Glibc.log($0) }
                    case .log2: g = { Glibc.log2($0) }
                    default: g = { Glibc.log10($0) }
                    }
                    return .float(.node(PyKFloat1(memory, g, x, checksNaN: true, checksInfinity: true)))
                case .floor, .ceil:
                    switch types[0] {
                    case .int, .bool: return .int(try intOperand(args[0]))
                    case .float: return .int(.node(PyKIntOfFloat(memory, f == .floor ? .down : .up, x)))
                    case .value: break
                    }
                default: break
                }
            }
            return .value(PyKFunction(memory, f, args.map(valueNode)))
        case .clip?:
            // numpy.clip(x, lo, hi) of a number, as the evaluator computes it (None: that side open).
            guard args.count == 3 else { throw PyKernelIneligible(reason: "numpy.clip arguments") }
            let bounds = [args[1], args[2]].map(floatOperand)
            return .float(.node(PyKClip(memory, floatOperand(args[0]), bounds[0], bounds[1])))
        case .interp?:
            throw PyKernelIneligible(reason: "numpy.interp arguments")
        case .float1(let g, let nanIsDomainError)?:
            guard args.count == 1 else { throw PyKernelIneligible(reason: "\(b.name) arguments") }
            return .float(.node(PyKFloat1(memory, g, floatOperand(args[0]), checksNaN: nanIsDomainError, checksInfinity: false)))
        case nil:
            throw PyKernelIneligible(reason: "call of \(b.name)")
        }
    }

    // MARK: Loops and inlined calls

    /// The numbers a `for` runs over: a list or tuple display of constants, a global list or
    /// tuple of numbers (as it is now), or `range` of constants.
    private func constantSequence(_ e: PySyntax) throws(PyKernelIneligible) -> [PyValue] {
        switch e {
        case .list(let items, _), .tuple(let items, _):
            var values: [PyValue] = []
            for item in items {
                guard let v = constantValue(try expression(item)) else { throw PyKernelIneligible(reason: "a loop over values") }
                values.append(v)
            }
            return values
        case .call(let callee, let arguments, _):
            guard case .object(.builtin(let b)) = try expression(callee), isBuiltin(b, "range"), (1...3).contains(arguments.count) else {
                throw PyKernelIneligible(reason: "a loop over a call")
            }
            var bounds: [Int] = []
            for a in arguments {
                guard case .positional(let x) = a, case .int(.constant(let c)) = try expression(x) else {
                    throw PyKernelIneligible(reason: "range() of values")
                }
                bounds.append(c)
            }
            let (start, stop, step) = bounds.count == 1 ? (0, bounds[0], 1) : (bounds[0], bounds[1], bounds.count == 3 ? bounds[2] : 1)
            guard step != 0 else { throw PyKernelIneligible(reason: "range() step 0") }
            var values: [PyValue] = []
            var i = start
            while step > 0 ? i < stop : i > stop {
                values.append(.int(i))
                guard values.count <= PyKernelCompiler.maximumUnrolling else { break }
                let (next, overflow) = i.addingReportingOverflow(step)
                if overflow { break }
                i = next
            }
            return values
        case .name, .attribute:
            guard let o = try? resolvedObject(e) else { throw PyKernelIneligible(reason: "a loop over a value") }
            let items: [PyObject]
            switch o {
            case .list(let l): items = l.items
            case .tuple(let t): items = t
            default: throw PyKernelIneligible(reason: "a loop over a \(o.typeName)")
            }
            guard items.count <= PyKernelCompiler.maximumUnrolling else { throw PyKernelIneligible(reason: "a loop of \(items.count) items") }
            var values: [PyValue] = []
            for item in items {
                guard let v = item.number else { throw PyKernelIneligible(reason: "a loop over a \(item.typeName)") }
                values.append(v)
            }
            return values
        default:
            throw PyKernelIneligible(reason: "a loop")
        }
    }

    /// A global name or attribute chain as the object it is now (not a local).
    private func resolvedObject(_ e: PySyntax) throws(PyKernelIneligible) -> PyObject {
        switch e {
        case .name(let n, _):
            guard index[n] == nil else { throw PyKernelIneligible(reason: "a local") }
            return try global(n)
        case .attribute(let base, let name, _):
            guard !PyRuntime.isForbidden(name) else { throw PyKernelIneligible(reason: "attribute") }
            return try attribute(try resolvedObject(base), name)
        default: throw PyKernelIneligible(reason: "an expression")
        }
    }

    /// `g(args…)` of a snippet function: its body compiled in place, on its own locals.
    private func inline(_ g: PyFunctionObject, _ arguments: [PyCallArgument]) throws(PyKernelIneligible) -> PyKExpr {
        guard depth < PyKernelCompiler.maximumInlining else { throw PyKernelIneligible(reason: "calls nested too deep") }
        guard let syntax = g.code.syntax, syntax.parameters.allSatisfy({ $0.kind == .normal }) else {
            throw PyKernelIneligible(reason: "a call of \(g.name)")
        }
        let params = syntax.parameters
        var bound = [PyKExpr?](repeating: nil, count: params.count)
        var position = 0
        for a in arguments {
            switch a {
            case .positional(let x):
                guard position < params.count else { throw PyKernelIneligible(reason: "too many arguments") }
                bound[position] = try expression(x)
                position += 1
            case .keyword(let label, let x):
                guard let i = params.firstIndex(where: { $0.name == label }), bound[i] == nil else {
                    throw PyKernelIneligible(reason: "keyword \(label)")
                }
                bound[i] = try expression(x)
            default: throw PyKernelIneligible(reason: "star arguments")
            }
        }
        for i in params.indices where bound[i] == nil {
            guard i < g.defaults.count, let d = g.defaults[i]?.number else { throw PyKernelIneligible(reason: "missing argument") }
            bound[i] = constant(d)
        }
        var args: [PyKExpr] = []
        var types: [PyKType] = []
        for b in bound {
            guard let b else { throw PyKernelIneligible(reason: "missing argument") }
            args.append(b)
            types.append(try type(of: b))
        }
        let callee = try PyKernelCompiler(g, runtime, memory: memory, depth: depth + 1)
        let body = try callee.compileInlined(parameterTypes: types)
        var binding: PyKStatement = PyKPass()
        for (p, a) in zip(params, args).reversed() { binding = PyKSequence(try callee.bindParameter(p.name, a), binding) }
        nodeCount += callee.nodeCount
        try count()
        return .value(PyKInlineCall(memory, PyKSequence(binding, body), callee.result))
    }

    /// Whether a loop body leaves its loop early (unrolling cannot follow that).
    static func containsLoopExits(_ body: [PyStatement]) -> Bool {
        body.contains { s in
            switch s {
            case .breakLoop, .continueLoop: return true
            case .ifChain(let branches, let orElse, _): return branches.contains { containsLoopExits($0.1) } || containsLoopExits(orElse)
            case .forLoop(_, _, let b, let o, _), .whileLoop(_, let b, let o, _): return containsLoopExits(b) || containsLoopExits(o)
            case .tryExcept, .with: return true
            default: return false
            }
        }
    }

    // MARK: Names

    /// Every name a body assigns (Python's rule: assigned anywhere, local everywhere).
    static func collectAssigned(_ body: [PyStatement], into names: inout [String]) {
        func targets(_ t: PySyntax) {
            switch t {
            case .name(let n, _): names.append(n)
            case .tuple(let items, _), .list(let items, _): items.forEach(targets)
            case .starred(let x, _): targets(x)
            default: break
            }
        }
        for s in body {
            switch s {
            case .assign(let ts, _, _): ts.forEach(targets)
            case .augmentedAssign(let t, _, _, _): targets(t)
            case .annotatedAssign(let t, _, let v, _): if v != nil { targets(t) }
            case .ifChain(let branches, let orElse, _):
                for (_, b) in branches { collectAssigned(b, into: &names) }
                collectAssigned(orElse, into: &names)
            case .forLoop(let t, _, let b, let o, _):
                targets(t)
                collectAssigned(b, into: &names)
                collectAssigned(o, into: &names)
            case .whileLoop(_, let b, let o, _):
                collectAssigned(b, into: &names)
                collectAssigned(o, into: &names)
            case .functionDef(let f, _, _): names.append(f.name)
            case .classDef(let c, _): names.append(c.name)
            case .importModules(let ms, _): for m in ms { names.append(m.alias ?? String(m.path.split(separator: ".")[0])) }
            case .importFrom(_, let ns, _): for n in ns { names.append(n.alias ?? n.name) }
            case .tryExcept(let b, let hs, let o, let f, _):
                collectAssigned(b, into: &names)
                for h in hs {
                    if let n = h.name { names.append(n) }
                    collectAssigned(h.body, into: &names)
                }
                collectAssigned(o, into: &names)
                collectAssigned(f, into: &names)
            case .with(let items, let b, _):
                for (_, t) in items { if let t { targets(t) } }
                collectAssigned(b, into: &names)
            case .delete(let ts, _): ts.forEach(targets)
            default: break
            }
        }
    }
}
