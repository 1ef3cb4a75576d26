/// The built-in functions of the subset, with CPython's behaviour for the arguments they take.
enum PyBuiltins {
    nonisolated(unsafe) static let rangeFunction = PyBuiltin("range") { a, rt throws(PyError) in
        var bounds: [Int] = []
        for x in a.positional { bounds.append(try rt.integer(x)) }
        guard (1...3).contains(bounds.count) else { throw .typeError("range expected 1 to 3 arguments, got \(bounds.count)") }
        let (start, stop, step) = try PyRange.bounds(bounds)
        return .host(PyRange(start: start, stop: stop, step: step))
    }

    private static func fn(_ name: String, _ body: @escaping (PyArguments, PyRuntime) throws(PyError) -> PyObject) -> (String, PyObject) {
        (name, .builtin(PyBuiltin(name, body)))
    }

    static func one(_ a: PyArguments, _ name: String) throws(PyError) -> PyObject {
        guard a.positional.count == 1 else { throw .typeError("\(name)() takes exactly one argument (\(a.positional.count) given)") }
        return a.positional[0]
    }

    /// `min`/`max`: over one iterable or several arguments, with `key=` and `default=`.
    private static func extreme(_ a: PyArguments, _ rt: PyRuntime, _ name: String, _ op: String) throws(PyError) -> PyObject {
        let items = a.positional.count == 1 ? try rt.iterate(a.positional[0]) : a.positional
        guard var best = items.first else {
            if let d = a.keyword("default") { return d }
            throw .valueError("\(name)() iterable argument is empty")
        }
        let key = a.keyword("key")
        var bestKey = try key.map { (k: PyObject) throws(PyError) in try rt.call(k, PyArguments([best])) } ?? best
        for item in items.dropFirst() {
            let k = try key.map { (kk: PyObject) throws(PyError) in try rt.call(kk, PyArguments([item])) } ?? item
            if try rt.compare(op, k, bestKey) { best = item; bestKey = k }
        }
        return best
    }

    static func makeTable(_ runtime: PyRuntime) -> [String: PyObject] {
        var t: [String: PyObject] = [:]
        let entries: [(String, PyObject)] = [
            ("range", .builtin(rangeFunction)),
            fn("len") { a, rt throws(PyError) in
                let x = try one(a, "len")
                switch x {
                case .str(let s): return .int(s.count)
                case .list(let l): return .int(l.items.count)
                case .tuple(let t): return .int(t.count)
                case .dict(let d): return .int(d.count)
                case .host(let h): if let n = try h.length(rt) { return .int(n) }
                case .instance(let i):
                    if let m = i.cls.lookup("__len__") { return try rt.call(rt.bind(m, to: x), PyArguments()) }
                default: break
                }
                throw .typeError("object of type '\(x.typeName)' has no len()")
            },
            fn("print") { a, rt throws(PyError) in
                var parts: [String] = []
                for x in a.positional { parts.append(try rt.str(x)) }
                let sep = try a.keyword("sep").map { (s: PyObject) throws(PyError) in s.isNone ? " " : try rt.str(s) } ?? " "
                let end = try a.keyword("end").map { (s: PyObject) throws(PyError) in s.isNone ? "\n" : try rt.str(s) } ?? "\n"
                if rt.printing {
                    rt.printed += parts.joined(separator: sep) + end
                    try rt.checkLength(rt.printed.utf8.count, "printed output")
                }
                return .none
            },
            fn("abs") { a, rt throws(PyError) in
                let x = try one(a, "abs")
                switch x {
                case .int(let i): return i == Int.min ? .float(-Double(i)) : .int(Swift.abs(i))
                case .bool(let b): return .int(b ? 1 : 0)
                case .float(let d): return .float(Swift.abs(d))
                default: throw .typeError("bad operand type for abs(): '\(x.typeName)'")
                }
            },
            fn("min") { a, rt throws(PyError) in try extreme(a, rt, "min", "<") },
            fn("max") { a, rt throws(PyError) in try extreme(a, rt, "max", ">") },
            fn("sum") { a, rt throws(PyError) in
                var total = a.positional.count > 1 ? a.positional[1] : (a.keyword("start") ?? .int(0))
                guard let first = a.positional.first else { throw .typeError("sum() takes at least 1 positional argument (0 given)") }
                for x in try rt.iterate(first) { total = try rt.binary("+", total, x) }
                return total
            },
            fn("round") { a, rt throws(PyError) in
                guard let x = a.positional.first else { throw .typeError("round() missing required argument 'number'") }
                let digits = a.argument(1, "ndigits")
                if let digits, !digits.isNone {
                    let n = try rt.integer(digits)
                    if case .float(let d) = x { return .float(PyFormat.roundToDigits(d, n)) }
                    return x
                }
                switch x {
                case .int, .bool: return .int(try rt.integer(x))
                case .float(let d):
                    guard d.isFinite else { throw .exception(d.isNaN ? "ValueError" : "OverflowError", d.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer") }
                    let r = d.rounded(.toNearestOrEven)
                    guard Swift.abs(r) < 9.2e18 else { throw .limit("round(): \(d) is larger than lrplot's 64-bit integers") }
                    return .int(Int(r))
                default: throw .typeError("type \(x.typeName) doesn't define __round__ method")
                }
            },
            fn("int") { a, rt throws(PyError) in
                guard let x = a.positional.first else { return .int(0) }
                switch x {
                case .int, .bool: return .int(try rt.integer(x))
                case .float(let d):
                    guard d.isFinite else { throw .exception(d.isNaN ? "ValueError" : "OverflowError", d.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer") }
                    let r = d.rounded(.towardZero)
                    guard Swift.abs(r) < 9.2e18 else { throw .limit("int(): \(d) is larger than lrplot's 64-bit integers") }
                    return .int(Int(r))
                case .str(let s):
                    guard let i = Int(s.trimmingCharacters(in: " \t\n").replacingOccurrences(of: "_", with: "")) else {
                        throw .valueError("invalid literal for int() with base 10: \(PyStringFormat.quoted(s))")
                    }
                    return .int(i)
                default: throw .typeError("int() argument must be a string or a real number, not '\(x.typeName)'")
                }
            },
            fn("float") { a, rt throws(PyError) in
                guard let x = a.positional.first else { return .float(0) }
                switch x {
                case .str(let s):
                    let t = s.trimmingCharacters(in: " \t\n").lowercased()
                    if let special = PythonFloatWords.special(t) { return .float(special) }
                    guard let d = Double(t.replacingOccurrences(of: "_", with: "")) else {
                        throw .valueError("could not convert string to float: \(PyStringFormat.quoted(s))")
                    }
                    return .float(d)
                default: return .float(try rt.double(x))
                }
            },
            fn("bool") { a, rt throws(PyError) in .bool(try a.positional.first.map { (x: PyObject) throws(PyError) in try rt.truth(x) } ?? false) },
            fn("str") { a, rt throws(PyError) in .str(try a.positional.first.map { (x: PyObject) throws(PyError) in try rt.str(x) } ?? "") },
            fn("repr") { a, rt throws(PyError) in .str(try rt.repr(try one(a, "repr"))) },
            fn("list") { a, rt throws(PyError) in .list(PyList(try a.positional.first.map { (x: PyObject) throws(PyError) in try rt.iterate(x) } ?? [])) },
            fn("tuple") { a, rt throws(PyError) in .tuple(try a.positional.first.map { (x: PyObject) throws(PyError) in try rt.iterate(x) } ?? []) },
            fn("set") { a, rt throws(PyError) in
                let d = PyDict()
                for x in try a.positional.first.map({ (x: PyObject) throws(PyError) in try rt.iterate(x) }) ?? [] { try d.set(x, .none) }
                return .list(PyList(d.keys))
            },
            fn("dict") { a, rt throws(PyError) in
                let d = PyDict()
                if let source = a.positional.first {
                    if case .dict(let other) = source {
                        for (k, v) in zip(other.keys, other.values) { try d.set(k, v) }
                    } else {
                        for pair in try rt.iterate(source) {
                            let kv = try rt.iterate(pair)
                            guard kv.count == 2 else { throw .valueError("dictionary update sequence element has length \(kv.count); 2 is required") }
                            try d.set(kv[0], kv[1])
                        }
                    }
                }
                for (k, v) in a.keywords { d.set(k, v) }
                return .dict(d)
            },
            fn("enumerate") { a, rt throws(PyError) in
                guard let x = a.positional.first else { throw .typeError("enumerate() missing required argument 'iterable'") }
                var i = try a.argument(1, "start").map { (s: PyObject) throws(PyError) in try rt.integer(s) } ?? 0
                var out: [PyObject] = []
                for item in try rt.iterate(x) { out.append(.tuple([.int(i), item])); i += 1 }
                return .list(PyList(out))
            },
            fn("zip") { a, rt throws(PyError) in
                var lists: [[PyObject]] = []
                for x in a.positional { lists.append(try rt.iterate(x)) }
                let n = lists.map(\.count).min() ?? 0
                if case .bool(true) = a.keyword("strict") ?? .none, lists.contains(where: { $0.count != n }) {
                    throw .valueError("zip() arguments have different lengths")
                }
                return .list(PyList((0..<n).map { i in .tuple(lists.map { $0[i] }) }))
            },
            fn("sorted") { a, rt throws(PyError) in
                guard let x = a.positional.first else { throw .typeError("sorted expected 1 argument, got 0") }
                var items = try rt.iterate(x)
                try PyBuiltinMethods.sort(&items, key: a.keyword("key"), reverse: try rt.truth(a.keyword("reverse") ?? .bool(false)), rt)
                return .list(PyList(items))
            },
            fn("reversed") { a, rt throws(PyError) in .list(PyList(try rt.iterate(try one(a, "reversed")).reversed())) },
            fn("any") { a, rt throws(PyError) in
                for x in try rt.iterate(try one(a, "any")) where try rt.truth(x) { return .bool(true) }
                return .bool(false)
            },
            fn("all") { a, rt throws(PyError) in
                for x in try rt.iterate(try one(a, "all")) where !(try rt.truth(x)) { return .bool(false) }
                return .bool(true)
            },
            fn("map") { a, rt throws(PyError) in
                guard a.positional.count >= 2 else { throw .typeError("map() must have at least two arguments.") }
                var lists: [[PyObject]] = []
                for x in a.positional.dropFirst() { lists.append(try rt.iterate(x)) }
                let n = lists.map(\.count).min() ?? 0
                var out: [PyObject] = []
                for i in 0..<n { out.append(try rt.call(a.positional[0], PyArguments(lists.map { $0[i] }))) }
                return .list(PyList(out))
            },
            fn("filter") { a, rt throws(PyError) in
                guard a.positional.count == 2 else { throw .typeError("filter expected 2 arguments") }
                var out: [PyObject] = []
                for x in try rt.iterate(a.positional[1]) {
                    let keep = a.positional[0].isNone ? try rt.truth(x) : try rt.truth(try rt.call(a.positional[0], PyArguments([x])))
                    if keep { out.append(x) }
                }
                return .list(PyList(out))
            },
            fn("pow") { a, rt throws(PyError) in
                guard a.positional.count == 2 else { throw .typeError("pow() takes 2 arguments in lrplot's sandbox") }
                return try rt.binary("**", a.positional[0], a.positional[1])
            },
            fn("divmod") { a, rt throws(PyError) in
                guard a.positional.count == 2 else { throw .typeError("divmod expected 2 arguments") }
                return .tuple([try rt.binary("//", a.positional[0], a.positional[1]), try rt.binary("%", a.positional[0], a.positional[1])])
            },
            fn("isinstance") { a, rt throws(PyError) in
                guard a.positional.count == 2 else { throw .typeError("isinstance expected 2 arguments") }
                let types = { () -> [PyObject] in if case .tuple(let t) = a.positional[1] { return t }; return [a.positional[1]] }()
                for t in types where try PyBuiltins.isInstance(a.positional[0], t, rt) { return .bool(true) }
                return .bool(false)
            },
            fn("hasattr") { a, rt throws(PyError) in
                guard a.positional.count == 2, case .str(let name) = a.positional[1] else { throw .typeError("hasattr(): attribute name must be string") }
                if PyRuntime.isForbidden(name) { return .bool(false) }
                do throws(PyError) { _ = try rt.getAttribute(a.positional[0], name); return .bool(true) } catch {
                    if error.type == "AttributeError" { return .bool(false) }
                    throw error
                }
            },
            fn("getattr") { a, rt throws(PyError) in
                guard a.positional.count >= 2, case .str(let name) = a.positional[1] else { throw .typeError("getattr(): attribute name must be string") }
                do throws(PyError) { return try rt.getAttribute(a.positional[0], name) } catch {
                    if error.type == "AttributeError", a.positional.count == 3 { return a.positional[2] }
                    throw error
                }
            },
            fn("setattr") { a, rt throws(PyError) in
                guard a.positional.count == 3, case .str(let name) = a.positional[1] else { throw .typeError("setattr(): attribute name must be string") }
                try rt.setAttribute(a.positional[0], name, a.positional[2])
                return .none
            },
            fn("callable") { a, _ throws(PyError) in
                switch a.positional.first ?? .none {
                case .function, .builtin, .method, .type: return .bool(true)
                case .instance(let i): return .bool(i.cls.lookup("__call__") != nil)
                case .host(let h): return .bool(h is PyCallableHost)
                default: return .bool(false)
                }
            },
            fn("classmethod") { a, _ throws(PyError) in .host(PyClassMethodDescriptor(try one(a, "classmethod"), isStatic: false)) },
            fn("staticmethod") { a, _ throws(PyError) in .host(PyClassMethodDescriptor(try one(a, "staticmethod"), isStatic: true)) },
            fn("property") { a, _ throws(PyError) in try one(a, "property") },
            fn("type") { a, _ throws(PyError) in
                let x = try one(a, "type")
                if case .instance(let i) = x { return .type(i.cls) }
                return .str(x.typeName)
            },
            fn("super") { a, _ throws(PyError) in
                guard a.positional.count == 2, case .type(let cls) = a.positional[0] else {
                    throw .exception("RuntimeError", "super(): lrplot supports super() inside a method and super(Class, self)")
                }
                return .host(PySuper(cls: cls, receiver: a.positional[1]))
            },
            fn("id") { _, _ throws(PyError) in throw .limit("id() is not available in lrplot's sandbox") },
            fn("hash") { _, _ throws(PyError) in throw .limit("hash() is not available in lrplot's sandbox") },
            fn("iter") { a, rt throws(PyError) in .list(PyList(try rt.iterate(try one(a, "iter")))) },
            fn("next") { a, rt throws(PyError) in
                guard case .list(let l) = a.positional.first ?? .none else { throw .typeError("next() needs an iterator") }
                guard !l.items.isEmpty else {
                    if a.positional.count > 1 { return a.positional[1] }
                    throw .exception("StopIteration", "")
                }
                return l.items.removeFirst()
            },
        ]
        for (name, value) in entries { t[name] = value }
        for forbidden in ["open", "eval", "exec", "compile", "__import__", "globals", "locals", "vars", "dir", "input", "breakpoint", "memoryview", "exit", "quit", "help", "delattr", "object.__subclasses__"] {
            t[forbidden] = .builtin(PyBuiltin(forbidden) { _, _ throws(PyError) in
                throw .limit("\(forbidden)() is not available in lrplot's sandbox (no files, no code execution, no introspection)")
            })
        }
        for (name, cls) in runtime.exceptionClasses { t[name] = .type(cls) }
        t["object"] = .type(runtime.objectClass)
        t["NotImplemented"] = PyObject.none
        t["Ellipsis"] = PyObject.none
        t["__name__"] = .str("__main__")
        return t
    }

    static func isInstance(_ x: PyObject, _ type: PyObject, _ rt: PyRuntime) throws(PyError) -> Bool {
        switch type {
        case .type(let c):
            if case .instance(let i) = x { return i.cls.isSubclass(of: c) }
            return c === rt.objectClass
        case .builtin(let b):
            switch (b.name, x) {
            case ("int", .int), ("int", .bool), ("float", .float), ("bool", .bool), ("str", .str), ("list", .list), ("tuple", .tuple), ("dict", .dict): return true
            default: return false
            }
        case .host(let h): return (h as? PyTypeTestable)?.isInstance(x) ?? false
        default: throw .typeError("isinstance() arg 2 must be a type, a tuple of types, or a union")
        }
    }
}

/// Host objects that can stand as the second argument of `isinstance`.
protocol PyTypeTestable { func isInstance(_ x: PyObject) -> Bool }
/// Host objects that can be called.
protocol PyCallableHost {}

/// `float('inf')` and friends.
enum PythonFloatWords {
    static func special(_ word: String) -> Double? {
        switch word {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan", "+nan", "-nan": return .nan
        default: return nil
        }
    }
}

/// `range(…)` as a value.
final class PyRange: PyHost {
    let start: Int, stop: Int, step: Int
    init(start: Int, stop: Int, step: Int) {
        self.start = start
        self.stop = stop
        self.step = step
    }
    override var typeName: String { "range" }

    static func bounds(_ b: [Int]) throws(PyError) -> (Int, Int, Int) {
        switch b.count {
        case 1: return (0, b[0], 1)
        case 2: return (b[0], b[1], 1)
        default:
            guard b[2] != 0 else { throw .valueError("range() arg 3 must not be zero") }
            return (b[0], b[1], b[2])
        }
    }

    var count: Int {
        if step > 0 { return start < stop ? (stop - start - 1) / step + 1 : 0 }
        return start > stop ? (start - stop - 1) / (-step) + 1 : 0
    }

    override func length(_ runtime: PyRuntime) throws(PyError) -> Int? { count }
    override func iterate(_ runtime: PyRuntime) throws(PyError) -> [PyObject]? {
        try runtime.created(count, "range")
        return (0..<count).map { .int(start + $0 * step) }
    }
    override func item(_ key: PyObject, _ runtime: PyRuntime) throws(PyError) -> PyObject {
        .int(start + step * (try runtime.normalizedIndex(key, count: count)))
    }
    override func repr(_ runtime: PyRuntime) throws(PyError) -> String { step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))" }
}
