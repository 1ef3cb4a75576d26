/// The evaluator's state for one snippet: its limits (work, recursion, memory), what it printed,
/// and CPython's operations on ``PyObject`` (truth, arithmetic, comparison, attributes, items,
/// calls, iteration, `repr`/`str`). The sandbox is the absence of capabilities: nothing here can
/// reach a file, the network, the environment, the clock, a process or randomness.
final class PyRuntime {
    /// Work units (loop iterations and calls) the module may spend.
    static let moduleBudget = 10_000_000
    /// Work units one call from the simulation (a step) may spend.
    static let callBudget = 2_000_000
    /// The deepest Python call nesting.
    static let maximumDepth = 150
    /// The longest list, tuple, dict or string the sandbox builds.
    static let maximumLength = 10_000_000

    var budget = PyRuntime.moduleBudget
    /// Container items (and string bytes / 8) the module may create in all, and one call from the simulation.
    static let moduleAllocation = 20_000_000
    static let callAllocation = 2_000_000
    var allocationBudget = PyRuntime.moduleAllocation

    /// Spends `n` units of memory (items created).
    @inline(__always)
    func allocate(_ n: Int) throws(PyError) {
        allocationBudget &-= n
        if allocationBudget < 0 {
            throw .limit("the snippet built more than lrplot's sandbox allows (\(PyRuntime.moduleAllocation) list, dict and string items in all) — memory is bounded")
        }
    }

    /// Work units all the simulation's calls may spend together: each step is bounded by
    /// ``callBudget``, and this bounds the run (a function looping over every earlier step costs
    /// the square of the steps). About a minute of the evaluator's work; kernels spend none.
    static let runBudget = 500_000_000
    /// What is left of the run's budget (``PySnippetContext/runWorkLimit`` at the start).
    private(set) lazy var runRemaining = context.runWorkLimit
    /// The budget the current call from the simulation started with (nil before the first).
    private var callStart: Int?

    /// A fresh budget for one call from the simulation, less what the earlier calls spent of the run's.
    func resetForCall() {
        if let start = callStart { runRemaining &-= start &- Swift.max(budget, 0) }
        let start = Swift.max(0, Swift.min(PyRuntime.callBudget, runRemaining))
        callStart = start
        budget = start
        allocationBudget = PyRuntime.callAllocation
    }
    var depth = 0
    /// What `print` wrote.
    var printed = ""
    /// While the module runs: its first `step()`/`zero_grad()` on an optimizer or scheduler is
    /// where its training loop starts and lrplot's simulation takes over (contract 8.1).
    var stopsAtFirstStep = true
    /// Whether `print` output is kept (it is muted when the simulation re-runs code).
    var printing = true
    /// The call being made (for host objects that report where they were called).
    var callSite = PyLoc(line: 0, column: 0)
    /// `object` and the built-in exception classes of this run.
    let objectClass: PyClass
    let exceptionClasses: [String: PyClass]
    /// Imported modules by dotted path.
    var modules: [String: PyObject] = [:]
    /// The settings of the run the snippet is drawn in (base lrs, steps, Adam) and how it is bound.
    let context: PySnippetContext
    /// Objects the snippet constructed that lrplot can draw, in order.
    var drawables: [PyDrawable] = []
    /// Schedulers given to a composite (not drawn on their own).
    var consumed: Set<ObjectIdentifier> = []
    /// The optimizers the snippet made, in order.
    var optimizers: [PyOptimizer] = []
    /// The Keras optimizers the snippet made, in order (``PyKeras``).
    var kerasOptimizers: [PyKerasOptimizer] = []
    /// What lrplot warns about (AdamW's weight decay, …).
    var warnings: [String] = []
    /// The built-in names.
    lazy var builtins: [String: PyObject] = PyBuiltins.makeTable(self)
    /// Calls of the snippet's own functions so far: a ``PyNumericKernel`` stays valid while only
    /// it runs (any other code could change the globals it folded in).
    var userCalls = 0
    /// Set once the snippet's module code has finished: from then on only schedulers run, and
    /// pure numeric functions may run as ``PyNumericKernel``s.
    var kernelsAllowed = false
    /// Column memory the run's kernels hold (bounded: beyond it, functions stay in the evaluator).
    var kernelBytes = 0
    /// torch's `LRScheduler` classes, once compiled.
    var preludeClasses: [String: PyObject]?

    init(context: PySnippetContext) {
        self.context = context
        objectClass = PyClass(name: "object", bases: [], namespace: PyDict())
        exceptionClasses = PyExceptions.makeClasses(object: objectClass)
    }

    /// Spends one unit of work.
    @inline(__always)
    func tick() throws(PyError) {
        budget &-= 1
        if budget < 0 {
            if let start = callStart, start < PyRuntime.callBudget {
                throw .limit("the snippet's code ran past lrplot's work limit for a whole run (\(context.runWorkLimit) loop iterations and calls over all its steps) — does each step loop over the steps before it? Draw fewer --epochs")
            }
            throw .limit("the snippet ran past lrplot's work limit (\(PyRuntime.moduleBudget) loop iterations and calls) — an endless loop?")
        }
    }

    func checkLength(_ n: Int, _ what: String) throws(PyError) {
        guard n >= 0, n <= PyRuntime.maximumLength else {
            throw .limit("a \(what) of \(n) items is larger than lrplot's sandbox allows (\(PyRuntime.maximumLength))")
        }
    }

    /// ``checkLength(_:_:)`` for a new container of `n` items, spending them from the budget.
    func created(_ n: Int, _ what: String) throws(PyError) {
        try checkLength(n, what)
        try allocate(n)
    }

    // MARK: Truth and conversion

    func truth(_ o: PyObject) throws(PyError) -> Bool {
        switch o {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .str(let s): return !s.isEmpty
        case .tuple(let t): return !t.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .dict(let d): return d.count > 0
        case .host(let h): return try h.length(self).map { $0 > 0 } ?? true
        default: return true
        }
    }

    /// The number as a float (for math functions and lrs); a TypeError otherwise.
    func double(_ o: PyObject, _ what: @autoclosure () -> String = "a number") throws(PyError) -> Double {
        switch o {
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: throw .typeError("must be real number, not \(o.typeName) (expected \(what()))")
        }
    }

    func integer(_ o: PyObject) throws(PyError) -> Int {
        switch o {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: throw .typeError("'\(o.typeName)' object cannot be interpreted as an integer")
        }
    }

    // MARK: Arithmetic

    func binary(_ op: String, _ a: PyObject, _ b: PyObject) throws(PyError) -> PyObject {
        if let x = a.number, let y = b.number {
            switch op {
            case "&", "|", "^", "<<", ">>":
                guard let i = x.asInt, let j = y.asInt else { break }
                switch op {
                case "&": return .int(i & j)
                case "|": return .int(i | j)
                case "^": return .int(i ^ j)
                case "<<":
                    guard j >= 0 else { throw .valueError("negative shift count") }
                    guard j < 63, i == 0 || (i.magnitude.leadingZeroBitCount > j + 1) else { throw .limit("the integer \(i) << \(j) is too large for lrplot's 64-bit integers") }
                    return .int(i << j)
                default:
                    guard j >= 0 else { throw .valueError("negative shift count") }
                    return .int(j >= 64 ? (i < 0 ? -1 : 0) : i >> j)
                }
            default:
                do { return PyObject(try PyArithmetic.binary(op, x, y, column: 0)) } catch {
                    throw PyError(type: error.kind, message: error.message, loc: nil)
                }
            }
        }
        switch (op, a, b) {
        case ("+", .str(let x), .str(let y)):
            try checkLength(x.utf8.count + y.utf8.count, "string")
            try allocate((x.utf8.count + y.utf8.count) / 8 + 1)
            return .str(x + y)
        case ("+", .list(let x), .list(let y)):
            try created(x.items.count + y.items.count, "list")
            return .list(PyList(x.items + y.items))
        case ("+", .tuple(let x), .tuple(let y)):
            try created(x.count + y.count, "tuple")
            return .tuple(x + y)
        case ("*", .str, _), ("*", .list, _), ("*", .tuple, _):
            return try repeatSequence(a, b)
        case ("*", _, .str), ("*", _, .list), ("*", _, .tuple):
            return try repeatSequence(b, a)
        case ("%", .str(let format), _):
            return .str(try PyStringFormat.percent(format, b, self))
        default:
            throw .typeError("unsupported operand type(s) for \(op): '\(a.typeName)' and '\(b.typeName)'")
        }
    }

    private func repeatSequence(_ sequence: PyObject, _ count: PyObject) throws(PyError) -> PyObject {
        guard case .int = count.number.map(PyObject.init) ?? .none, let n0 = count.number?.asInt else {
            throw .typeError("can't multiply sequence by non-int of type '\(count.typeName)'")
        }
        let n = max(0, n0)
        switch sequence {
        case .str(let s):
            let (total, overflow) = s.utf8.count.multipliedReportingOverflow(by: n)
            try checkLength(overflow ? Int.max : total, "string")
            try allocate(total / 8 + 1)
            return .str(String(repeating: s, count: n))
        case .list(let l):
            let (total, overflow) = l.items.count.multipliedReportingOverflow(by: n)
            try created(overflow ? Int.max : total, "list")
            var items: [PyObject] = []
            items.reserveCapacity(total)
            for _ in 0..<n { items.append(contentsOf: l.items) }
            return .list(PyList(items))
        case .tuple(let t):
            let (total, overflow) = t.count.multipliedReportingOverflow(by: n)
            try created(overflow ? Int.max : total, "tuple")
            var items: [PyObject] = []
            for _ in 0..<n { items.append(contentsOf: t) }
            return .tuple(items)
        default: return sequence
        }
    }

    func unary(_ op: String, _ a: PyObject) throws(PyError) -> PyObject {
        if op == "not" { return .bool(!(try truth(a))) }
        guard let v = a.number else { throw .typeError("bad operand type for unary \(op): '\(a.typeName)'") }
        switch (op, v) {
        case ("-", .int(let i)): return i == Int.min ? .float(-Double(i)) : .int(-i)
        case ("-", .bool(let b)): return .int(b ? -1 : 0)
        case ("-", .float(let d)): return .float(-d)
        case ("+", .bool(let b)): return .int(b ? 1 : 0)
        case ("+", _): return a
        case ("~", .int(let i)): return .int(~i)
        case ("~", .bool(let b)): return .int(b ? -2 : -1)
        default: throw .typeError("bad operand type for unary \(op): '\(a.typeName)'")
        }
    }

    // MARK: Comparison

    /// Nesting of comparisons and reprs of containers (a list that holds itself).
    var containerDepth = 0
    /// Containers being printed (`[[...]]` for a list inside itself, as CPython prints it).
    var reprInProgress: Set<ObjectIdentifier> = []

    func nestContainers() throws(PyError) {
        containerDepth += 1
        guard containerDepth <= PyRuntime.maximumDepth else {
            containerDepth = 0
            throw .limit("RecursionError: maximum recursion depth exceeded in comparison (lrplot allows \(PyRuntime.maximumDepth) nested containers)")
        }
    }

    func equal(_ a: PyObject, _ b: PyObject) throws(PyError) -> Bool {
        if let x = a.number, let y = b.number { return PyArithmetic.compare("==", x, y) }
        try nestContainers()
        defer { containerDepth -= 1 }
        switch (a, b) {
        case (.none, .none): return true
        case (.str(let x), .str(let y)): return x == y
        case (.tuple(let x), .tuple(let y)): return try sequencesEqual(x, y)
        case (.list(let x), .list(let y)):
            if x === y { return true }
            return try sequencesEqual(x.items, y.items)
        case (.dict(let x), .dict(let y)):
            if x === y { return true }
            guard x.count == y.count else { return false }
            for (k, v) in zip(x.keys, x.values) {
                guard let w = try y.get(k), try equal(v, w) else { return false }
            }
            return true
        default: return identical(a, b)
        }
    }

    private func sequencesEqual(_ x: [PyObject], _ y: [PyObject]) throws(PyError) -> Bool {
        guard x.count == y.count else { return false }
        for (p, q) in zip(x, y) where !(try equal(p, q)) { return false }
        return true
    }

    func identical(_ a: PyObject, _ b: PyObject) -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
        case (.str(let x), .str(let y)): return x == y
        case (.list(let x), .list(let y)): return x === y
        case (.dict(let x), .dict(let y)): return x === y
        case (.function(let x), .function(let y)): return x === y
        case (.builtin(let x), .builtin(let y)): return x === y
        case (.type(let x), .type(let y)): return x === y
        case (.instance(let x), .instance(let y)): return x === y
        case (.host(let x), .host(let y)): return x === y
        default: return false
        }
    }

    func compare(_ op: String, _ a: PyObject, _ b: PyObject) throws(PyError) -> Bool {
        switch op {
        case "==": return try equal(a, b)
        case "!=": return !(try equal(a, b))
        case "is": return identical(a, b)
        case "is not": return !identical(a, b)
        case "in": return try contains(b, a)
        case "not in": return !(try contains(b, a))
        default: break
        }
        if let x = a.number, let y = b.number { return PyArithmetic.compare(op, x, y) }
        try nestContainers()
        defer { containerDepth -= 1 }
        switch (a, b) {
        case (.str(let x), .str(let y)):
            let xs = Array(x.unicodeScalars).map(\.value), ys = Array(y.unicodeScalars).map(\.value)
            return ordered(op, xs.lexicographicallyPrecedes(ys) ? -1 : (xs == ys ? 0 : 1))
        case (.tuple(let x), .tuple(let y)): return try compareSequences(op, x, y)
        case (.list(let x), .list(let y)): return try compareSequences(op, x.items, y.items)
        default:
            throw .typeError("'\(op)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
        }
    }

    private func ordered(_ op: String, _ c: Int) -> Bool {
        switch op {
        case "<": return c < 0
        case "<=": return c <= 0
        case ">": return c > 0
        default: return c >= 0
        }
    }

    private func compareSequences(_ op: String, _ x: [PyObject], _ y: [PyObject]) throws(PyError) -> Bool {
        for (p, q) in zip(x, y) where !(try equal(p, q)) { return try compare(op, p, q) }
        return ordered(op, x.count < y.count ? -1 : (x.count == y.count ? 0 : 1))
    }

    func contains(_ container: PyObject, _ item: PyObject) throws(PyError) -> Bool {
        switch container {
        case .str(let s):
            guard case .str(let sub) = item else { throw .typeError("'in <string>' requires string as left operand, not \(item.typeName)") }
            return sub.isEmpty || s.contains(sub)
        case .dict(let d): return try d.get(item) != nil
        case .list, .tuple, .host:
            for element in try iterate(container) where try equal(element, item) { return true }
            return false
        default: throw .typeError("argument of type '\(container.typeName)' is not iterable")
        }
    }

    // MARK: Iteration

    /// The items of an iterable, materialized (every iterable of the subset is finite and bounded).
    func iterate(_ o: PyObject) throws(PyError) -> [PyObject] {
        switch o {
        case .list(let l): return l.items
        case .tuple(let t): return t
        case .str(let s): return s.map { .str(String($0)) }
        case .dict(let d): return d.keys
        case .host(let h):
            if let items = try h.iterate(self) { return items }
        case .instance(let i):
            if let method = i.cls.lookup("__iter__") {
                return try iterate(try call(bind(method, to: o), PyArguments()))
            }
        default: break
        }
        throw .typeError("'\(o.typeName)' object is not iterable")
    }

    // MARK: Attributes

    /// Attribute names the sandbox never gives out (object internals).
    static func isForbidden(_ name: String) -> Bool {
        name.hasPrefix("__") && name.hasSuffix("__") && name != "__init__" && name != "__call__" && name != "__name__"
    }

    func bind(_ attribute: PyObject, to receiver: PyObject) -> PyObject {
        switch attribute {
        case .function: return .method(PyBoundMethod(receiver: receiver, function: attribute))
        default: return attribute
        }
    }

    func getAttribute(_ o: PyObject, _ name: String) throws(PyError) -> PyObject {
        if PyRuntime.isForbidden(name) {
            throw .limit("'\(name)': object internals (dunder attributes) are not available in lrplot's sandbox")
        }
        switch o {
        case .instance(let i):
            if let v = i.attributes.get(name) { return v }
            if let v = i.cls.lookup(name) {
                if case .host(let h) = v, let descriptor = h as? PyClassMethodDescriptor { return descriptor.bind(o) }
                return bind(v, to: o)
            }
            if i.cls.isException, name == "args" { return .tuple(i.arguments) }
        case .type(let c):
            if let v = c.lookup(name) {
                if case .host(let h) = v, let descriptor = h as? PyClassMethodDescriptor { return descriptor.bind(o) }
                return v
            }
            if name == "__name__" { return .str(c.name) }
        case .host(let h):
            if let v = try h.attribute(name, self) { return v }
        case .function(let f):
            if name == "__name__" { return .str(f.name) }
            if let v = f.attributes[name] { return v }
        case .builtin(let b):
            if name == "__name__" { return .str(b.name) }
        case .list(let l):
            if let m = PyBuiltinMethods.list(l, name) { return .builtin(m) }
        case .dict(let d):
            if let m = PyBuiltinMethods.dict(d, name) { return .builtin(m) }
        case .str(let s):
            if let m = PyBuiltinMethods.string(s, name) { return .builtin(m) }
        case .tuple(let t):
            if let m = PyBuiltinMethods.tuple(t, name) { return .builtin(m) }
        case .float(let d):
            if name == "real" { return .float(d) }
            if name == "is_integer" { return .builtin(PyBuiltin("is_integer") { _, _ throws(PyError) in .bool(d.isFinite && d == d.rounded(.towardZero)) }) }
        case .int(let i):
            if name == "real" || name == "numerator" { return .int(i) }
            if name == "denominator" { return .int(1) }
        default: break
        }
        throw .exception("AttributeError", "'\(o.typeName)' object has no attribute '\(name)'")
    }

    func setAttribute(_ o: PyObject, _ name: String, _ value: PyObject) throws(PyError) {
        if PyRuntime.isForbidden(name) {
            throw .limit("'\(name)': object internals (dunder attributes) are not available in lrplot's sandbox")
        }
        switch o {
        case .instance(let i):
            i.attributes.set(name, value)
            return
        case .type(let c):
            c.namespace.set(name, value)
            return
        case .function(let f):
            f.attributes[name] = value
            return
        case .host(let h):
            if try h.setAttribute(name, value, self) { return }
        default: break
        }
        throw .exception("AttributeError", "'\(o.typeName)' object attribute '\(name)' is read-only")
    }

    // MARK: Items

    func normalizedIndex(_ index: PyObject, count: Int) throws(PyError) -> Int {
        guard let i = index.number?.asInt else { throw .typeError("indices must be integers or slices, not \(index.typeName)") }
        let j = i < 0 ? i + count : i
        guard j >= 0 && j < count else { throw .exception("IndexError", "index out of range") }
        return j
    }

    func getItem(_ o: PyObject, _ key: PyObject) throws(PyError) -> PyObject {
        if case .host(let slice) = key, let s = slice as? PySlice {
            switch o {
            case .list(let l): return .list(PyList(try s.select(l.items, self)))
            case .tuple(let t): return .tuple(try s.select(t, self))
            case .str(let str):
                let parts = try s.select(str.map { PyObject.str(String($0)) }, self)
                var r = ""
                for case .str(let c) in parts { r += c }
                return .str(r)
            default: break
            }
        }
        switch o {
        case .list(let l): return l.items[try normalizedIndex(key, count: l.items.count)]
        case .tuple(let t): return t[try normalizedIndex(key, count: t.count)]
        case .str(let s):
            let chars = Array(s)
            return .str(String(chars[try normalizedIndex(key, count: chars.count)]))
        case .dict(let d):
            guard let v = try d.get(key) else { throw .exception("KeyError", try repr(key)) }
            return v
        case .host(let h): return try h.item(key, self)
        case .instance(let i):
            if let m = i.cls.lookup("__getitem__") { return try call(bind(m, to: o), PyArguments([key])) }
        case .type:
            return o  // `list[int]` style annotations
        default: break
        }
        throw .typeError("'\(o.typeName)' object is not subscriptable")
    }

    func setItem(_ o: PyObject, _ key: PyObject, _ value: PyObject) throws(PyError) {
        switch o {
        case .list(let l):
            if case .host(let h) = key, let s = h as? PySlice {
                try s.assign(l, try iterate(value), self)
                return
            }
            l.items[try normalizedIndex(key, count: l.items.count)] = value
        case .dict(let d):
            try d.set(key, value)
            try allocate(1)
            try checkLength(d.count, "dict")
        case .host(let h): try h.setItem(key, value, self)
        case .instance(let i):
            guard let m = i.cls.lookup("__setitem__") else { fallthrough }
            _ = try call(bind(m, to: o), PyArguments([key, value]))
        default: throw .typeError("'\(o.typeName)' object does not support item assignment")
        }
    }

    func deleteItem(_ o: PyObject, _ key: PyObject) throws(PyError) {
        switch o {
        case .list(let l): l.items.remove(at: try normalizedIndex(key, count: l.items.count))
        case .dict(let d):
            guard try d.remove(key) != nil else { throw .exception("KeyError", try repr(key)) }
        default: throw .typeError("'\(o.typeName)' object does not support item deletion")
        }
    }

    // MARK: Calls

    func call(_ callee: PyObject, _ arguments: PyArguments) throws(PyError) -> PyObject {
        switch callee {
        case .function(let f): return try invoke(f, arguments)
        case .builtin(let b): return try b.body(arguments, self)
        case .method(let m):
            if stopsAtFirstStep, case .function(let f) = m.function, f.name == "step" || f.name == "step_update",
               case .instance(let receiver) = m.receiver,
               drawables.contains(where: { if case .object(.instance(let i), _, _, _, _) = $0 { return i === receiver }; return false }) {
                throw PyError.trainingLoopStarts
            }
            var args = arguments
            args.positional.insert(m.receiver, at: 0)
            return try call(m.function, args)
        case .type(let c): return try instantiate(c, arguments)
        case .host(let h): return try h.call(arguments, self)
        case .instance(let i):
            if let m = i.cls.lookup("__call__") { return try call(bind(m, to: callee), arguments) }
        default: break
        }
        throw .typeError("'\(callee.typeName)' object is not callable")
    }

    func invoke(_ f: PyFunctionObject, _ arguments: PyArguments) throws(PyError) -> PyObject {
        try tick()
        userCalls &+= 1
        depth += 1
        defer { depth -= 1 }
        guard depth <= PyRuntime.maximumDepth else {
            throw .limit("RecursionError: maximum recursion depth exceeded (lrplot allows \(PyRuntime.maximumDepth) nested calls)")
        }
        let frame = try f.code.makeFrame(f, arguments, self)
        return try f.code.run(frame)
    }

    /// `f(x)` for a function of one plain parameter, without an argument array.
    func invoke1(_ f: PyFunctionObject, _ x: PyObject) throws(PyError) -> PyObject {
        let code = f.code
        guard code.isSimple, code.parameters.count == 1, f.closure.isEmpty, code.ownCellCount == 0, let slot = code.parameters[0].slot else {
            return try invoke(f, PyArguments([x]))
        }
        try tick()
        userCalls &+= 1
        depth += 1
        defer { depth -= 1 }
        guard depth <= PyRuntime.maximumDepth else {
            throw .limit("RecursionError: maximum recursion depth exceeded (lrplot allows \(PyRuntime.maximumDepth) nested calls)")
        }
        let frame: PyFrame
        if let spare = f.spareFrame {
            f.spareFrame = nil
            frame = spare
        } else {
            frame = PyFrame(slots: code.slotCount, cells: [], function: f, module: f.module)
        }
        frame.slots[slot] = x
        defer {
            for i in frame.slots.indices { frame.slots[i] = nil }
            frame.returnValue = .none
            f.spareFrame = frame
        }
        return try code.run(frame)
    }

    func instantiate(_ c: PyClass, _ arguments: PyArguments) throws(PyError) -> PyObject {
        let instance = PyInstance(cls: c)
        let object = PyObject.instance(instance)
        let startOptimizer = (arguments.positional + arguments.keywords.map(\.1)).lazy.compactMap { (x: PyObject) -> PyOptimizer? in
            if case .host(let h) = x { return h as? PyOptimizer }
            return nil
        }.first
        let startGroups = startOptimizer?.adam.groups ?? []
        if c.isException { instance.arguments = arguments.positional }
        if let initializer = c.lookup("__init__") {
            let result = try call(bind(initializer, to: object), arguments)
            guard result.isNone else { throw .typeError("__init__() should return None, not '\(result.typeName)'") }
        } else if let fields = c.dataclassFields {
            try PyDataclass.initialize(instance, fields, arguments, self)
        } else if !c.isException && (!arguments.positional.isEmpty || !arguments.keywords.isEmpty) {
            throw .typeError("\(c.name)() takes no arguments")
        }
        // An object with step() made on one of the snippet's optimizers can be drawn.
        if !c.isException, c.lookup("step") != nil {
            let optimizer = (arguments.positional + arguments.keywords.map(\.1)).lazy.compactMap { (x: PyObject) -> PyOptimizer? in
                if case .host(let h) = x { return h as? PyOptimizer }
                return nil
            }.first
            if let optimizer { drawables.append(.object(object, constructor: c, arguments: arguments, optimizer: optimizer, startGroups: startGroups)) }
        }
        return object
    }

    // MARK: Text

    func repr(_ o: PyObject) throws(PyError) -> String {
        switch o {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return PyFormat.repr(d)
        case .str(let s): return PyStringFormat.quoted(s)
        case .tuple(let t):
            try nestContainers()
            defer { containerDepth -= 1 }
            var parts: [String] = []
            for item in t { parts.append(try repr(item)) }
            return t.count == 1 ? "(\(parts[0]),)" : "(" + parts.joined(separator: ", ") + ")"
        case .list(let l):
            try tick()
            guard reprInProgress.insert(ObjectIdentifier(l)).inserted else { return "[...]" }
            defer { reprInProgress.remove(ObjectIdentifier(l)) }
            try nestContainers()
            defer { containerDepth -= 1 }
            var parts: [String] = []
            var length = 0
            for item in l.items {
                let text = try repr(item)
                length += text.utf8.count + 2
                try checkLength(length, "printed list")
                parts.append(text)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .dict(let d):
            try tick()
            guard reprInProgress.insert(ObjectIdentifier(d)).inserted else { return "{...}" }
            defer { reprInProgress.remove(ObjectIdentifier(d)) }
            try nestContainers()
            defer { containerDepth -= 1 }
            var parts: [String] = []
            for (k, v) in zip(d.keys, d.values) { parts.append("\(try repr(k)): \(try repr(v))") }
            return "{" + parts.joined(separator: ", ") + "}"
        case .function(let f): return "<function \(f.name)>"
        case .builtin(let b): return "<built-in function \(b.name)>"
        case .type(let c): return "<class '\(c.name)'>"
        case .instance(let i):
            if let m = i.cls.lookup("__repr__"), case .str(let s) = try call(bind(m, to: o), PyArguments()) { return s }
            if i.cls.isException {
                var parts: [String] = []
                for a in i.arguments { parts.append(try repr(a)) }
                return "\(i.cls.name)(\(parts.joined(separator: ", ")))"
            }
            return "<\(i.cls.name) object>"
        case .method(let m): return "<bound method of \(try repr(m.receiver))>"
        case .host(let h): return try h.repr(self)
        }
    }

    func str(_ o: PyObject) throws(PyError) -> String {
        switch o {
        case .str(let s): return s
        case .instance(let i):
            if let m = i.cls.lookup("__str__"), case .str(let s) = try call(bind(m, to: o), PyArguments()) { return s }
            if i.cls.isException {
                if i.arguments.count == 1 { return try str(i.arguments[0]) }
                if i.arguments.isEmpty { return "" }
            }
            return try repr(o)
        default: return try repr(o)
        }
    }
}

/// A `slice` object (`a[1:3]`, `a[::-1]`).
final class PySlice: PyHost {
    let lower: PyObject, upper: PyObject, stride: PyObject
    init(_ lower: PyObject, _ upper: PyObject, _ stride: PyObject) {
        self.lower = lower
        self.upper = upper
        self.stride = stride
    }
    override var typeName: String { "slice" }

    /// CPython's `PySlice_AdjustIndices`.
    func indices(count: Int, _ runtime: PyRuntime) throws(PyError) -> (start: Int, stop: Int, step: Int) {
        let step = stride.isNone ? 1 : try runtime.integer(stride)
        guard step != 0 else { throw .valueError("slice step cannot be zero") }
        func adjust(_ o: PyObject, _ defaultValue: Int) throws(PyError) -> Int {
            if o.isNone { return defaultValue }
            var i = try runtime.integer(o)
            if i < 0 { i += count; if i < 0 { i = step < 0 ? -1 : 0 } } else if i >= count { i = step < 0 ? count - 1 : count }
            return i
        }
        let start = try adjust(lower, step < 0 ? count - 1 : 0)
        let stop = try adjust(upper, step < 0 ? -1 : count)
        return (start, stop, step)
    }

    func select(_ items: [PyObject], _ runtime: PyRuntime) throws(PyError) -> [PyObject] {
        let (start, stop, step) = try indices(count: items.count, runtime)
        var result: [PyObject] = []
        var i = start
        while step > 0 ? i < stop : i > stop {
            result.append(items[i])
            i += step
        }
        return result
    }

    func assign(_ list: PyList, _ values: [PyObject], _ runtime: PyRuntime) throws(PyError) {
        let (start, stop, step) = try indices(count: list.items.count, runtime)
        guard step == 1 else { throw .valueError("extended slice assignment is not supported") }
        list.items.replaceSubrange(start..<max(start, stop), with: values)
        try runtime.checkLength(list.items.count, "list")
    }
}

/// `classmethod`/`staticmethod` wrappers in a class body.
final class PyClassMethodDescriptor: PyHost {
    let function: PyObject
    let isStatic: Bool
    init(_ function: PyObject, isStatic: Bool) {
        self.function = function
        self.isStatic = isStatic
    }
    override var typeName: String { isStatic ? "staticmethod" : "classmethod" }
    func bind(_ receiver: PyObject) -> PyObject {
        if isStatic { return function }
        if case .instance(let i) = receiver { return .method(PyBoundMethod(receiver: .type(i.cls), function: function)) }
        return .method(PyBoundMethod(receiver: receiver, function: function))
    }
}
