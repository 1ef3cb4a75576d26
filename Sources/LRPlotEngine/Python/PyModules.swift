import Glibc

/// A module as a value: its members by name.
final class PyModuleObject: PyHost {
    let name: String
    var members: [String: PyObject]
    /// Bumped whenever a member is set (attribute caches check it).
    private(set) var version = 0
    init(_ name: String, _ members: [String: PyObject] = [:]) {
        self.name = name
        self.members = members
    }
    override var typeName: String { "module" }
    override func attribute(_ name: String, _ runtime: PyRuntime) throws(PyError) -> PyObject? {
        if let v = members[name] { return v }
        let path = "\(self.name).\(name)"
        if PyModules.isKnownModule(path) { return try PyModules.importModule(path, runtime) }
        throw .exception("AttributeError", "module '\(self.name)' has no attribute '\(name)'\(PyModules.hint(self.name))")
    }
    override func setAttribute(_ name: String, _ value: PyObject, _ runtime: PyRuntime) throws(PyError) -> Bool {
        members[name] = value
        version += 1
        return true
    }
    override func repr(_ runtime: PyRuntime) throws(PyError) -> String { "<module '\(name)'>" }
    func exported() -> [(String, PyObject)] { members.sorted { $0.key < $1.key }.filter { !$0.key.hasPrefix("_") } }
}

/// A stand-in for what lrplot does not simulate but a snippet may mention: a model, its
/// parameters, tensors, a data loader's pieces, plotting. Attributes and calls give more
/// stand-ins; using one as a number is an error that names it.
final class PyOpaque: PyHost, PyCallableHost {
    let name: String
    init(_ name: String) { self.name = name }
    override var typeName: String { name }
    override func attribute(_ attribute: String, _ runtime: PyRuntime) throws(PyError) -> PyObject? { .host(PyOpaque("\(name).\(attribute)")) }
    override func setAttribute(_ name: String, _ value: PyObject, _ runtime: PyRuntime) throws(PyError) -> Bool { true }
    override func call(_ arguments: PyArguments, _ runtime: PyRuntime) throws(PyError) -> PyObject { .host(PyOpaque("\(name)(…)")) }
    override func item(_ key: PyObject, _ runtime: PyRuntime) throws(PyError) -> PyObject { .host(PyOpaque("\(name)[…]")) }
    override func setItem(_ key: PyObject, _ value: PyObject, _ runtime: PyRuntime) throws(PyError) {}
    override func iterate(_ runtime: PyRuntime) throws(PyError) -> [PyObject]? { [] }
    override func repr(_ runtime: PyRuntime) throws(PyError) -> String { "<\(name)>" }
    override var isContextManager: Bool { true }
}

/// A module the sandbox does not have (`os`, `subprocess`, `time`, `random`…): importing it is
/// allowed so that the text may stand, using it is an error.
final class PyUnavailableModule: PyHost {
    let name: String
    init(_ name: String) { self.name = name }
    override var typeName: String { "module" }
    override func attribute(_ attribute: String, _ runtime: PyRuntime) throws(PyError) -> PyObject? {
        if importing { return .host(PyUnavailableModule("\(name).\(attribute)")) }
        throw .limit("'\(name).\(attribute)': the module '\(name)' is not available in lrplot's sandbox (no files, network, environment, clock, processes or randomness)")
    }
    override func call(_ arguments: PyArguments, _ runtime: PyRuntime) throws(PyError) -> PyObject {
        throw .limit("'\(name)' is not available in lrplot's sandbox (no files, network, environment, clock, processes or randomness)")
    }
    /// Set while `from … import` reads a member (which fails where it is used, not where imported).
    var importing = false
    override func repr(_ runtime: PyRuntime) throws(PyError) -> String { "<module '\(name)' (unavailable)>" }
}

/// The modules a snippet can import.
enum PyModules {
    /// Modules that would reach outside the sandbox, or randomness.
    static let unavailable: Set<String> = [
        "os", "sys", "subprocess", "socket", "shutil", "pathlib", "time", "datetime", "random", "io", "glob", "pickle",
        "json", "yaml", "requests", "urllib", "http", "ctypes", "importlib", "builtins", "threading", "multiprocessing",
        "signal", "tempfile", "inspect", "gc", "platform", "resource", "code", "codecs", "marshal", "shelve", "sqlite3",
    ]
    /// Modules whose members are inert stand-ins (plotting, logging, progress bars, models, data).
    static let inert: Set<String> = [
        "matplotlib", "seaborn", "plotly", "tqdm", "wandb", "tensorboard", "logging", "warnings", "copy", "collections",
        "torchvision", "lightning", "pytorch_lightning", "accelerate", "datasets", "pandas", "scipy", "sklearn", "tensorflow",
        "jax", "flax", "einops", "omegaconf", "hydra", "hydra.utils", "wandb.sdk",
    ]

    static func hint(_ module: String) -> String {
        let families = ScheduleRegistry.families.map(\.module)
        if families.contains(where: { $0 == module || $0.hasPrefix(module + ".") }) {
            return " (lrplot knows the schedulers of: \(ScheduleRegistry.families.map { "\($0.library) (\($0.module))" }.joined(separator: ", ")))"
        }
        return ""
    }

    static func isKnownModule(_ path: String) -> Bool {
        if ["math", "numpy", "argparse", "dataclasses", "typing", "functools", "torch", "torch.optim", "torch.nn", "torch.nn.parameter",
            "torch.optim.lr_scheduler", "torch.utils", "torch.utils.data", "torch.nn.functional", "numpy.typing",
            "keras", "keras.callbacks", "keras.optimizers", "keras.ops", "tensorflow.keras", "tensorflow.keras.callbacks",
            "tensorflow.keras.optimizers"].contains(path) { return true }
        let modules = PyTorchBridge.familyModules().keys
        // A family's submodule (`timm.scheduler.cosine_lr`): lower-case, as module names are.
        let last = path.split(separator: ".").last.map(String.init) ?? path
        let looksLikeModule = last.first { $0 != "_" }.map(\.isLowercase) ?? false
        return modules.contains(path) || modules.contains { $0.hasPrefix(path + ".") || (looksLikeModule && path.hasPrefix($0 + ".") && $0.contains(".")) }
    }

    /// `import path`: the module value (cached per run).
    static func importModule(_ path: String, _ rt: PyRuntime) throws(PyError) -> PyObject {
        if let m = rt.modules[path] { return m }
        let root = String(path.split(separator: ".").first ?? "")
        let module: PyObject
        if root == "tensorflow", path == "tensorflow" || path.hasPrefix("tensorflow.keras") {
            // `tf.keras` and `tensorflow.keras.callbacks` are Keras 3's modules.
            module = path == "tensorflow" ? .host(PyTensorflowModule()) : try importModule(String(path.dropFirst("tensorflow.".count)), rt)
        } else if unavailable.contains(root) {
            module = .host(PyUnavailableModule(path))
        } else if inert.contains(root) || inert.contains(path) {
            module = .host(PyOpaque(path))
        } else {
            switch path {
            case "math": module = .host(PyModuleObject("math", mathMembers()))
            case "numpy": module = .host(PyModuleObject("numpy", numpyMembers(rt)))
            case "argparse": module = .host(PyModuleObject("argparse", PyArgparse.members()))
            case "dataclasses":
                module = .host(PyModuleObject("dataclasses", [
                    "dataclass": .builtin(PyBuiltin("dataclass") { a, _ throws(PyError) in
                        if let c = a.positional.first { return try PyDataclass.decorate(c) }
                        return .builtin(PyBuiltin("dataclass") { b, _ throws(PyError) in try PyDataclass.decorate(try PyBuiltins.one(b, "dataclass")) })
                    }),
                    "field": .builtin(PyBuiltin("field") { a, _ throws(PyError) in
                        .host(PyDataclassField(defaultValue: a.keyword("default"), factory: a.keyword("default_factory")))
                    }),
                ]))
            case "typing", "numpy.typing": module = .host(PyOpaque(path))
            case "functools":
                module = .host(PyModuleObject("functools", ["partial": .builtin(PyBuiltin("partial") { a, _ throws(PyError) in
                    guard let f = a.positional.first else { throw .typeError("partial() needs a callable") }
                    return .host(PyPartial(function: f, arguments: PyArguments(Array(a.positional.dropFirst()), keywords: a.keywords)))
                })]))
            default:
                if let m = try PyTorchBridge.module(path, rt) { module = m } else {
                    // Anything else may stand in the text; it is a stand-in until used as a number.
                    module = .host(PyOpaque(path))
                }
            }
        }
        rt.modules[path] = module
        return module
    }

    /// `from path import name`.
    static func member(_ module: PyObject, _ name: String, of path: String, _ rt: PyRuntime) throws(PyError) -> PyObject {
        if isKnownModule("\(path).\(name)") { return try importModule("\(path).\(name)", rt) }
        if case .host(let h) = module, let unavailable = h as? PyUnavailableModule {
            unavailable.importing = true
            defer { unavailable.importing = false }
            return try rt.getAttribute(module, name)
        }
        return try rt.getAttribute(module, name)
    }

    static func mathMembers() -> [String: PyObject] {
        var m: [String: PyObject] = [
            "pi": .float(Double.pi), "e": .float(M_E), "tau": .float(2 * Double.pi), "inf": .float(.infinity), "nan": .float(.nan),
        ]
        for f in [PyFunction.cos, .sin, .tan, .exp, .log, .log2, .log10, .sqrt, .floor, .ceil, .pow] {
            let builtin = PyBuiltin(f.rawValue) { a, _ throws(PyError) in
                var values: [PyValue] = []
                for x in a.positional {
                    guard let v = x.number else { throw .typeError("must be real number, not \(x.typeName)") }
                    values.append(v)
                }
                guard f.arity.contains(values.count) else { throw .typeError("math.\(f.rawValue)() \(f.arityDescription), got \(values.count)") }
                let result: PyObject
                do throws(PyEvaluationError) { result = PyObject(try f.apply(values, column: 0)) } catch { throw PyError(type: error.kind, message: error.message, loc: nil) }
                if f == .floor || f == .ceil, case .float(let d) = result, d.isFinite {
                    throw .limit("math.\(f.rawValue)(\(PyFormat.repr(d))) is larger than lrplot's 64-bit integers")
                }
                return result
            }
            if f.arity.contains(1) {
                builtin.unary = { x throws(PyError) in
                    guard let v = x.number else { throw .typeError("must be real number, not \(x.typeName)") }
                    let result: PyObject
                    do throws(PyEvaluationError) { result = PyObject(try f.apply([v], column: 0)) } catch { throw PyError(type: error.kind, message: error.message, loc: nil) }
                    if f == .floor || f == .ceil, case .float(let d) = result, d.isFinite {
                        throw .limit("math.\(f.rawValue)(\(PyFormat.repr(d))) is larger than lrplot's 64-bit integers")
                    }
                    return result
                }
            }
            builtin.numeric = .math(f)
            m[f.rawValue] = .builtin(builtin)
        }
        let unary: [(String, (Double) -> Double)] = [
            ("fabs", { Swift.abs($0) }), ("atan", Glibc.atan), ("asin", Glibc.asin), ("acos", Glibc.acos), ("cosh", Glibc.cosh),
            ("sinh", Glibc.sinh), ("tanh", Glibc.tanh), ("log1p", Glibc.log1p), ("expm1", Glibc.expm1), ("radians", { $0 * Double.pi / 180 }),
            ("degrees", { $0 * 180 / Double.pi }), ("exp2", Glibc.exp2),
        ]
        for (name, body) in unary {
            let builtin = PyBuiltin(name) { a, rt throws(PyError) in
                let x = try rt.double(try PyBuiltins.one(a, name))
                let r = body(x)
                if r.isNaN && !x.isNaN { throw .valueError("math domain error") }
                return .float(r)
            }
            builtin.numeric = .float1(body, nanIsDomainError: true)
            m[name] = .builtin(builtin)
        }
        m["trunc"] = .builtin(PyBuiltin("trunc") { a, rt throws(PyError) in
            let x = try PyBuiltins.one(a, "trunc")
            if let i = x.number?.asInt { return .int(i) }
            return try rt.call(PyBuiltins.makeIntFunction(), PyArguments([x]))
        })
        for (name, test) in [("isnan", { (d: Double) in d.isNaN }), ("isinf", { $0.isInfinite }), ("isfinite", { $0.isFinite })] {
            m[name] = .builtin(PyBuiltin(name) { a, rt throws(PyError) in .bool(test(try rt.double(try PyBuiltins.one(a, name)))) })
        }
        m["copysign"] = .builtin(PyBuiltin("copysign") { a, rt throws(PyError) in
            guard a.positional.count == 2 else { throw .typeError("copysign expected 2 arguments") }
            return .float(Glibc.copysign(try rt.double(a.positional[0]), try rt.double(a.positional[1])))
        })
        m["fmod"] = .builtin(PyBuiltin("fmod") { a, rt throws(PyError) in
            guard a.positional.count == 2 else { throw .typeError("fmod expected 2 arguments") }
            let y = try rt.double(a.positional[1])
            guard y != 0 else { throw .valueError("math domain error") }
            return .float(Glibc.fmod(try rt.double(a.positional[0]), y))
        })
        m["hypot"] = .builtin(PyBuiltin("hypot") { a, rt throws(PyError) in
            var values: [Double] = []
            for x in a.positional { values.append(try rt.double(x)) }
            return .float(values.count == 2 ? Glibc.hypot(values[0], values[1]) : values.reduce(0) { ($0 * $0 + $1 * $1).squareRoot() })
        })
        m["isclose"] = .builtin(PyBuiltin("isclose") { a, rt throws(PyError) in
            guard a.positional.count == 2 else { throw .typeError("isclose expected 2 arguments") }
            let x = try rt.double(a.positional[0]), y = try rt.double(a.positional[1])
            let relTol = try a.keyword("rel_tol").map { (v: PyObject) throws(PyError) in try rt.double(v) } ?? 1e-9
            let absTol = try a.keyword("abs_tol").map { (v: PyObject) throws(PyError) in try rt.double(v) } ?? 0
            if x == y { return .bool(true) }
            if x.isInfinite || y.isInfinite { return .bool(false) }
            let diff = Swift.abs(x - y)
            return .bool(diff <= Swift.abs(relTol * y) || diff <= Swift.abs(relTol * x) || diff <= absTol)
        })
        return m
    }

    /// numpy on scalars (and lists of them): constants, elementwise math, `interp`, `clip`,
    /// `minimum`, `maximum`. Results are Python floats (numpy's float64 scalars print alike).
    static func numpyMembers(_ rt: PyRuntime) -> [String: PyObject] {
        var m: [String: PyObject] = ["pi": .float(Double.pi), "e": .float(M_E), "inf": .float(.infinity), "nan": .float(.nan),
                                      "newaxis": .none, "float32": .host(PyOpaque("numpy.float32"))]
        func elementwise(_ name: String, _ body: @escaping (Double) -> Double) {
            let builtin = PyBuiltin(name) { a, rt throws(PyError) in
                try PyModules.map1(try PyBuiltins.one(a, "numpy.\(name)"), rt) { .float(body($0)) }
            }
            builtin.numeric = .float1(body, nanIsDomainError: false)
            m[name] = .builtin(builtin)
        }
        elementwise("cos", Glibc.cos); elementwise("sin", Glibc.sin); elementwise("tan", Glibc.tan); elementwise("exp", NumpyFloat64.exp)
        elementwise("log", NumpyFloat64.log); elementwise("log2", Glibc.log2); elementwise("log10", Glibc.log10)
        elementwise("sqrt", { $0.squareRoot() }); elementwise("floor", Glibc.floor); elementwise("ceil", Glibc.ceil)
        elementwise("abs", { Swift.abs($0) }); elementwise("absolute", { Swift.abs($0) }); elementwise("tanh", Glibc.tanh)
        elementwise("arctan", Glibc.atan); elementwise("exp2", Glibc.exp2); elementwise("log1p", Glibc.log1p)
        elementwise("float64", { $0 }); elementwise("round", { $0.rounded(.toNearestOrEven) }); elementwise("rint", { $0.rounded(.toNearestOrEven) })
        elementwise("sign", { $0 > 0 ? 1 : ($0 < 0 ? -1 : $0) })
        func binary(_ name: String, _ body: @escaping (Double, Double) -> Double) {
            m[name] = .builtin(PyBuiltin(name) { a, rt throws(PyError) in
                guard a.positional.count == 2 else { throw .typeError("numpy.\(name) expected 2 arguments") }
                return try PyModules.map2(a.positional[0], a.positional[1], rt) { .float(body($0, $1)) }
            })
        }
        binary("minimum", { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) })
        binary("maximum", { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) })
        binary("power", { Glibc.pow($0, $1) })
        m["clip"] = .builtin(PyBuiltin("clip") { a, rt throws(PyError) in
            guard a.positional.count == 3 else { throw .typeError("numpy.clip expected 3 arguments") }
            let lo = a.positional[1], hi = a.positional[2]
            return try PyModules.map1(a.positional[0], rt) { (x: Double) throws(PyError) in
                var v = x
                if !lo.isNone { v = Swift.max(v, try rt.double(lo)) }
                if !hi.isNone { v = Swift.min(v, try rt.double(hi)) }
                return .float(v)
            }
        })
        m["interp"] = .builtin(PyBuiltin("interp") { a, rt throws(PyError) in
            guard a.positional.count >= 3 else { throw .typeError("numpy.interp expected 3 arguments") }
            var xp: [Double] = [], fp: [Double] = []
            for v in try rt.iterate(a.positional[1]) { xp.append(try rt.double(v)) }
            for v in try rt.iterate(a.positional[2]) { fp.append(try rt.double(v)) }
            guard xp.count == fp.count, !xp.isEmpty else { throw .valueError("fp and xp are not of the same length.") }
            return try PyModules.map1(a.positional[0], rt) { .float(PyNumpy.interp($0, xp, fp)) }
        })
        if case .builtin(let b)? = m["interp"] { b.numeric = .interp }
        if case .builtin(let b)? = m["clip"] { b.numeric = .clip }
        m["linspace"] = .builtin(PyBuiltin("linspace") { a, rt throws(PyError) in
            guard a.positional.count >= 2 else { throw .typeError("numpy.linspace expected at least 2 arguments") }
            let start = try rt.double(a.positional[0]), stop = try rt.double(a.positional[1])
            let n = try a.argument(2, "num").map { (v: PyObject) throws(PyError) in try rt.integer(v) } ?? 50
            try rt.checkLength(n, "array")
            guard n > 1 else { return .list(PyList(n == 1 ? [.float(start)] : [])) }
            let step = (stop - start) / Double(n - 1)
            var out: [PyObject] = []
            for i in 0..<n { out.append(.float(i == n - 1 ? stop : start + Double(i) * step)) }
            return .list(PyList(out))
        })
        m["arange"] = .builtin(PyBuiltin("arange") { a, rt throws(PyError) in
            var bounds: [Int] = []
            for x in a.positional { bounds.append(try rt.integer(x)) }
            let (s, e, st) = try PyRange.bounds(bounds)
            let r = PyRange(start: s, stop: e, step: st)
            return .list(PyList(try r.iterate(rt) ?? []))
        })
        m["array"] = .builtin(PyBuiltin("array") { a, rt throws(PyError) in .list(PyList(try rt.iterate(try PyBuiltins.one(a, "numpy.array")))) })
        m["mean"] = .builtin(PyBuiltin("mean") { a, rt throws(PyError) in
            let items = try rt.iterate(try PyBuiltins.one(a, "numpy.mean"))
            var s = 0.0
            for x in items { s += try rt.double(x) }
            return .float(s / Double(items.count))
        })
        return m
    }

    static func map1(_ x: PyObject, _ rt: PyRuntime, _ body: (Double) throws(PyError) -> PyObject) throws(PyError) -> PyObject {
        switch x {
        case .list, .tuple:
            var out: [PyObject] = []
            for item in try rt.iterate(x) { out.append(try body(try rt.double(item))) }
            return .list(PyList(out))
        default: return try body(try rt.double(x))
        }
    }

    static func map2(_ x: PyObject, _ y: PyObject, _ rt: PyRuntime, _ body: (Double, Double) throws(PyError) -> PyObject) throws(PyError) -> PyObject {
        switch (x, y) {
        case (.list, _), (.tuple, _):
            var out: [PyObject] = []
            for item in try rt.iterate(x) { out.append(try map2(item, y, rt, body)) }
            return .list(PyList(out))
        case (_, .list), (_, .tuple):
            var out: [PyObject] = []
            for item in try rt.iterate(y) { out.append(try map2(x, item, rt, body)) }
            return .list(PyList(out))
        default: return try body(try rt.double(x), try rt.double(y))
        }
    }
}

/// numpy's scalar algorithms.
enum PyNumpy {
    /// `np.interp(x, xp, fp)` as numpy's `arr_interp` computes it for a scalar.
    static func interp(_ x: Double, _ xp: [Double], _ fp: [Double]) -> Double {
        let n = xp.count
        if x.isNaN { return x }
        if n == 1 { return fp[0] }
        if x <= xp[0] { return x == xp[0] ? fp[0] : fp[0] }
        if x >= xp[n - 1] { return fp[n - 1] }
        // numpy's binary search for the interval, then slope form.
        var lo = 0, hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if x >= xp[mid] { lo = mid } else { hi = mid }
        }
        let j = lo
        if x == xp[j] { return fp[j] }
        let slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
        var result = slope * (x - xp[j]) + fp[j]
        if result.isNaN {
            result = slope * (x - xp[j + 1]) + fp[j + 1]
            if result.isNaN && fp[j] == fp[j + 1] { result = fp[j] }
        }
        return result
    }
}

/// `functools.partial(f, *args, **kwargs)`.
final class PyPartial: PyHost, PyCallableHost {
    let function: PyObject
    let arguments: PyArguments
    init(function: PyObject, arguments: PyArguments) {
        self.function = function
        self.arguments = arguments
    }
    override var typeName: String { "functools.partial" }
    override func call(_ more: PyArguments, _ runtime: PyRuntime) throws(PyError) -> PyObject {
        try runtime.call(function, PyArguments(arguments.positional + more.positional, keywords: arguments.keywords + more.keywords))
    }
}

extension PyBuiltins {
    /// The built-in `int` (for `math.trunc`).
    static func makeIntFunction() -> PyObject {
        .builtin(PyBuiltin("int") { a, rt throws(PyError) in
            let d = try rt.double(try PyBuiltins.one(a, "int"))
            guard d.isFinite, Swift.abs(d) < 9.2e18 else { throw .exception("OverflowError", "cannot convert float to integer") }
            return .int(Int(d.rounded(.towardZero)))
        })
    }
}
