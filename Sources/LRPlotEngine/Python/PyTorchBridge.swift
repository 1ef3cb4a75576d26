/// torch (and every family's module) inside the evaluator: optimizers whose `param_groups` are
/// lrplot's param groups, every registry schedule as a callable class that builds lrplot's own
/// scheduler on them, and torch's `LRScheduler` base class (``PyTorchPrelude``) to subclass.
enum PyTorchBridge {
    /// Each family's module path with the schedules and factory functions it offers.
    static func familyModules() -> [String: [String: PyFamilyMember]] {
        PyFamilyModuleTable.table
    }

    static let optimizerNames = ["Adam", "AdamW", "SGD", "RMSprop", "Adagrad", "Adadelta", "Adamax", "NAdam", "RAdam", "ASGD", "Rprop",
                                 "SparseAdam", "LBFGS", "Adafactor", "Muon"]

    /// The module at `path`, if it is torch's or a family's.
    static func module(_ path: String, _ rt: PyRuntime) throws(PyError) -> PyObject? {
        let table = familyModules()
        var members: [String: PyObject] = [:]
        var known = false
        // A family's submodule (`timm.scheduler.cosine_lr`) offers the family module's classes.
        let entriesForPath = table[path] ?? table.first(where: { path.hasPrefix($0.key + ".") && $0.key.contains(".") })?.value
        if let entries = entriesForPath {
            known = true
            for (name, member) in entries {
                switch member {
                case .schedule(let d): members[name] = .host(PyRegistryClass(definition: d, name: name))
                case .factory(let name): members[name] = .host(PyFactoryFunction(name: name))
                }
            }
        }
        switch path {
        case "torch":
            known = true
            for name in ["randn", "rand", "zeros", "ones", "tensor", "empty", "full", "arange", "linspace", "device", "float32", "float16",
                         "bfloat16", "cuda", "manual_seed", "no_grad", "enable_grad", "Tensor", "nn", "utils", "distributed"] {
                members[name] = .host(PyOpaque("torch.\(name)"))
            }
            members["optim"] = try PyModules.importModule("torch.optim", rt)
            members["nn"] = try PyModules.importModule("torch.nn", rt)
            members["pi"] = .float(Double.pi)
        case "torch.optim":
            known = true
            for name in optimizerNames { members[name] = .host(PyOptimizerClass(name: name)) }
            members["Optimizer"] = .host(PyOptimizerClass(name: "Optimizer"))
            members["lr_scheduler"] = try PyModules.importModule("torch.optim.lr_scheduler", rt)
        case "torch.optim.lr_scheduler":
            let prelude = try PyTorchPrelude.load(rt)
            for name in ["LRScheduler", "_LRScheduler"] { members[name] = prelude[name] }
        case "torch.nn", "torch.nn.parameter", "torch.utils", "torch.utils.data", "torch.nn.functional":
            return .host(PyOpaque(path))
        default: break
        }
        // Parents of family modules (`transformers` for `transformers.optimization`) re-export
        // their children's members and name the submodules.
        for (modulePath, entries) in table where modulePath.hasPrefix(path + ".") {
            known = true
            let rest = modulePath.dropFirst(path.count + 1)
            if let first = rest.split(separator: ".").first, members[String(first)] == nil {
                members[String(first)] = try PyModules.importModule("\(path).\(first)", rt)
            }
            // transformers re-exports its schedule functions at the top level; so does timm.scheduler's parent for classes.
            for (name, member) in entries where members[name] == nil {
                switch member {
                case .schedule(let d): members[name] = .host(PyRegistryClass(definition: d, name: name))
                case .factory(let name): members[name] = .host(PyFactoryFunction(name: name))
                }
            }
        }
        try PyKeras.addMembers(path, &members, &known, rt)
        guard known else { return nil }
        return .host(PyModuleObject(path, members))
    }
}

/// What a family module offers under a name.
enum PyFamilyMember: Sendable {
    case schedule(ScheduleDefinition)
    case factory(String)
}

enum PyFamilyModuleTable {
    /// Module path → member name → member, from the registry's families.
    static let table: [String: [String: PyFamilyMember]] = {
        var t: [String: [String: PyFamilyMember]] = [:]
        for family in ScheduleRegistry.families where !family.module.isEmpty {
            var members: [String: PyFamilyMember] = t[family.module] ?? [:]
            for d in ScheduleRegistry.members(of: family) {
                guard let cls = d.pythonClass else { continue }
                members[cls] = .schedule(d)
            }
            for f in family.factories { members[f.name] = .factory(f.name) }
            t[family.module] = members
            // Module prefixes under which the classes are importable too (`transformers`, `timm.scheduler`).
            for prefix in family.classPrefixes {
                let path = String(prefix.dropLast())
                guard path.contains(".") || path == family.module.split(separator: ".").first.map(String.init) else { continue }
                guard family.module.hasPrefix(path) || path.hasPrefix(family.module) else { continue }
                t[path, default: [:]].merge(members) { a, _ in a }
            }
        }
        return t
    }()
}

/// An optimizer class (`torch.optim.Adam`): calling it makes a ``PyOptimizer``.
final class PyOptimizerClass: PyHost, PyCallableHost {
    let name: String
    init(name: String) { self.name = name }
    override var typeName: String { "type" }
    override func repr(_ runtime: PyRuntime) throws(PyError) -> String { "<class 'torch.optim.\(name)'>" }
    override func call(_ arguments: PyArguments, _ runtime: PyRuntime) throws(PyError) -> PyObject {
        .host(try PyOptimizer.make(name, arguments, runtime))
    }
}

/// A torch optimizer: its `param_groups` are views of lrplot's param groups, so that both the
/// snippet and lrplot's schedulers read and write the same lrs.
final class PyOptimizer: PyHost, PyTypeTestable {
    let className: String
    let adam: Adam
    /// Per group: the keys other than lrplot's own (`params`, `momentum`, …).
    var extras: [PyDict]
    /// The lrs the optimizer was made with (a drawing starts from them).
    let initialLRs: [Double]
    /// Its groups as made.
    let creationGroups: [ParamGroup]
    lazy var groups: PyList = PyList(adam.groups.indices.map { .host(PyParamGroup(optimizer: self, index: $0)) })

    init(className: String, adam: Adam, extras: [PyDict]) {
        self.className = className
        self.adam = adam
        self.extras = extras
        initialLRs = adam.groups.map(\.lr)
        creationGroups = adam.groups
    }

    override var typeName: String { className }
    func isInstance(_ x: PyObject) -> Bool { false }

    /// `Adam(params, lr=…, betas=…, eps=…, weight_decay=…)` with param-group dicts.
    static func make(_ name: String, _ a: PyArguments, _ rt: PyRuntime) throws(PyError) -> PyOptimizer {
        let params = a.argument(0, "params") ?? .host(PyOpaque("params"))
        let defaultLR: Double
        if let lr = a.argument(1, "lr"), !lr.isNone { defaultLR = try rt.double(lr, "a learning rate") } else {
            defaultLR = name == "SGD" && a.argument(1, "lr") == nil && false ? 0 : (rt.context.lrs.first ?? 0.001)
        }
        guard defaultLR >= 0 else { throw .valueError("Invalid learning rate: \(PyFormat.repr(defaultLR))") }
        func read(_ key: String, _ source: PyArguments?, _ dict: PyDict?) -> PyObject? {
            if let d = dict, let v = d.get(key) { return v }
            return source?.keyword(key)
        }
        var dicts: [PyDict?] = []
        if case .list(let l) = params, l.items.contains(where: { if case .dict = $0 { return true }; return false }) {
            for item in l.items {
                guard case .dict(let d) = item else { throw .typeError("optimizer parameters must be all dicts or all tensors") }
                dicts.append(d)
            }
        } else if case .tuple(let t) = params, t.contains(where: { if case .dict = $0 { return true }; return false }) {
            for item in t { if case .dict(let d) = item { dicts.append(d) } }
        } else {
            dicts = [nil]
        }
        guard dicts.count <= 64 else { throw .limit("at most 64 param groups are supported, got \(dicts.count)") }
        var groups: [ParamGroup] = []
        var extras: [PyDict] = []
        for d in dicts {
            var lr = defaultLR
            if let v = read("lr", nil, d) { lr = try rt.double(v, "a learning rate") }
            if d == nil, rt.context.lrsAreExplicit { lr = rt.context.lrs.first ?? lr }
            // Adam and AdamW are simulated with their own settings; every other optimizer is the toy Adam
            // of the flags (contract 4) with its lrs.
            let isAdam = name == "Adam" || name == "AdamW"
            var betas = rt.context.adam.betas
            var eps = rt.context.adam.eps
            var weightDecay = name == "AdamW" ? 0.01 : rt.context.adam.weightDecay
            var amsgrad = rt.context.adam.amsgrad
            if isAdam {
                if let b = read("betas", a, d) {
                    let items = try rt.iterate(b)
                    guard items.count == 2 else { throw .valueError("betas must be a pair") }
                    betas = (try rt.double(items[0]), try rt.double(items[1]))
                }
                if let e = read("eps", a, d) { eps = try rt.double(e) }
                if let w = read("weight_decay", a, d) { weightDecay = try rt.double(w) }
                if let m = read("amsgrad", a, d) { amsgrad = try rt.truth(m) }
            }
            var group = ParamGroup(parameter: Rosenbrock.start, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad)
            group.decoupledWeightDecay = name == "AdamW" && weightDecay != 0
            groups.append(group)
            let extra = PyDict()
            extra.set("params", d?.get("params") ?? params)
            for key in ["momentum", "dampening", "nesterov", "alpha", "centered", "foreach", "maximize", "capturable", "differentiable", "fused"] {
                if let v = read(key, a, d) { extra.set(key, v) } else if key == "momentum", name == "SGD" || name == "RMSprop" { extra.set(key, name == "SGD" ? .int(0) : .int(0)) }
            }
            extras.append(extra)
        }
        if rt.context.lrsAreExplicit, rt.context.lrs.count == groups.count {
            for i in groups.indices { groups[i].lr = rt.context.lrs[i] }
        }
        let optimizer = PyOptimizer(className: name, adam: Adam(groups: groups, squareRoot: rt.context.adam.squareRoot), extras: extras)
        rt.optimizers.append(optimizer)
        return optimizer
    }

    /// A fresh optimizer on `adam` (a simulation's), with this one's extras.
    func rebound(to adam: Adam) -> PyOptimizer {
        PyOptimizer(className: className, adam: adam, extras: extras)
    }

    override func attribute(_ name: String, _ runtime: PyRuntime) throws(PyError) -> PyObject? {
        switch name {
        case "param_groups": return .list(groups)
        case "defaults":
            let d = PyDict()
            d.set("lr", .float(initialLRs.first ?? 0))
            return .dict(d)
        case "state": return .dict(PyDict())
        case "zero_grad", "step":
            return .builtin(PyBuiltin(name) { _, rt throws(PyError) in
                if rt.stopsAtFirstStep { throw PyError.trainingLoopStarts }
                return .none
            })
        case "load_state_dict", "add_param_group", "register_step_pre_hook", "register_step_post_hook":
            return .builtin(PyBuiltin(name) { _, _ throws(PyError) in .none })
        case "state_dict": return .builtin(PyBuiltin(name) { _, _ throws(PyError) in .dict(PyDict()) })
        default: return nil
        }
    }

    override func repr(_ runtime: PyRuntime) throws(PyError) -> String { "\(className) (\(adam.groups.count) parameter group\(adam.groups.count == 1 ? "" : "s"))" }
}

/// `optimizer.param_groups[i]`: a dict whose `lr`, `initial_lr`, `betas`, `eps`, `weight_decay`,
/// `amsgrad` are lrplot's group, other keys kept aside.
final class PyParamGroup: PyHost {
    unowned let optimizer: PyOptimizer
    let index: Int
    init(optimizer: PyOptimizer, index: Int) {
        self.optimizer = optimizer
        self.index = index
    }
    override var typeName: String { "dict" }

    private var group: ParamGroup {
        get { optimizer.adam.groups[index] }
        set { optimizer.adam.groups[index] = newValue }
    }

    func get(_ key: String) -> PyObject? {
        switch key {
        case "lr": return .float(group.lr)
        case "initial_lr": return group.initialLR.map { .float($0) }
        case "betas": return .tuple([.float(group.betas.0), .float(group.betas.1)])
        case "eps": return .float(group.eps)
        case "weight_decay": return .float(group.weightDecay)
        case "amsgrad": return .bool(group.amsgrad)
        case "max_lr": return group.maxLR.map { .float($0) }
        case "min_lr": return group.minLR.map { .float($0) }
        case "max_momentum": return group.maxMomentum.map { .float($0) }
        case "base_momentum": return group.baseMomentum.map { .float($0) }
        default: return optimizer.extras[index].get(key)
        }
    }

    func set(_ key: String, _ value: PyObject, _ rt: PyRuntime) throws(PyError) {
        switch key {
        case "lr": group.lr = try rt.double(value, "a learning rate")
        case "initial_lr": group.initialLR = try rt.double(value)
        case "betas":
            let items = try rt.iterate(value)
            guard items.count == 2 else { throw .valueError("betas must be a pair") }
            group.betas = (try rt.double(items[0]), try rt.double(items[1]))
        case "eps": group.eps = try rt.double(value)
        case "weight_decay":
            group.weightDecay = try rt.double(value)
            group.decoupledWeightDecay = optimizer.className == "AdamW" && group.weightDecay != 0
        case "amsgrad": group.amsgrad = try rt.truth(value)
        case "max_lr": group.maxLR = try rt.double(value)
        case "min_lr": group.minLR = try rt.double(value)
        case "max_momentum": group.maxMomentum = try rt.double(value)
        case "base_momentum": group.baseMomentum = try rt.double(value)
        default: optimizer.extras[index].set(key, value)
        }
    }

    var keys: [String] {
        var k = ["params", "lr", "betas", "eps", "weight_decay", "amsgrad"]
        if group.initialLR != nil { k.append("initial_lr") }
        for case .str(let s) in optimizer.extras[index].keys where !k.contains(s) { k.append(s) }
        return k
    }

    override func item(_ key: PyObject, _ runtime: PyRuntime) throws(PyError) -> PyObject {
        guard case .str(let k) = key, let v = get(k) else { throw .exception("KeyError", try runtime.repr(key)) }
        return v
    }
    override func setItem(_ key: PyObject, _ value: PyObject, _ runtime: PyRuntime) throws(PyError) {
        guard case .str(let k) = key else { throw .typeError("param group keys are strings") }
        try set(k, value, runtime)
    }
    override func iterate(_ runtime: PyRuntime) throws(PyError) -> [PyObject]? { keys.map { .str($0) } }
    override func length(_ runtime: PyRuntime) throws(PyError) -> Int? { keys.count }
    override func attribute(_ name: String, _ runtime: PyRuntime) throws(PyError) -> PyObject? {
        switch name {
        case "get":
            return .builtin(PyBuiltin(name) { [self] a, _ throws(PyError) in
                guard case .str(let k) = a.positional.first ?? .none else { return a.positional.count > 1 ? a.positional[1] : .none }
                return get(k) ?? (a.positional.count > 1 ? a.positional[1] : .none)
            })
        case "setdefault":
            return .builtin(PyBuiltin(name) { [self] a, rt throws(PyError) in
                guard case .str(let k) = a.positional.first ?? .none else { throw .typeError("param group keys are strings") }
                if let v = get(k) { return v }
                let v = a.positional.count > 1 ? a.positional[1] : .none
                try set(k, v, rt)
                return v
            })
        case "keys": return .builtin(PyBuiltin(name) { [self] _, _ throws(PyError) in .list(PyList(keys.map { .str($0) })) })
        case "items":
            return .builtin(PyBuiltin(name) { [self] _, _ throws(PyError) in
                .list(PyList(keys.map { k in .tuple([.str(k), get(k) ?? .none]) }))
            })
        case "values": return .builtin(PyBuiltin(name) { [self] _, _ throws(PyError) in .list(PyList(keys.map { get($0) ?? .none })) })
        case "update":
            return .builtin(PyBuiltin(name) { [self] a, rt throws(PyError) in
                if case .dict(let d) = a.positional.first ?? .none {
                    for (k, v) in zip(d.keys, d.values) { if case .str(let s) = k { try set(s, v, rt) } }
                }
                for (k, v) in a.keywords { try set(k, v, rt) }
                return .none
            })
        default: return nil
        }
    }
    override func repr(_ runtime: PyRuntime) throws(PyError) -> String {
        var parts: [String] = []
        for k in keys where k != "params" { parts.append("'\(k)': \(try runtime.repr(get(k) ?? .none))") }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}

/// A factory function (`transformers.get_scheduler`): called, it is the call of the schedule it names.
final class PyFactoryFunction: PyHost, PyCallableHost {
    let name: String
    init(name: String) { self.name = name }
    override var typeName: String { "function" }
    override func call(_ arguments: PyArguments, _ runtime: PyRuntime) throws(PyError) -> PyObject {
        .host(try PyScheduler.make(callee: name, definition: nil, arguments, runtime))
    }
}

/// A registry schedule as a Python class (`StepLR`, `get_cosine_schedule_with_warmup`, `CosineLRScheduler`).
final class PyRegistryClass: PyHost, PyCallableHost, PyTypeTestable {
    let definition: ScheduleDefinition
    let name: String
    init(definition: ScheduleDefinition, name: String) {
        self.definition = definition
        self.name = name
    }
    override var typeName: String { "type" }
    override func repr(_ runtime: PyRuntime) throws(PyError) -> String { "<class '\(definition.qualifiedName ?? name)'>" }
    override func call(_ arguments: PyArguments, _ runtime: PyRuntime) throws(PyError) -> PyObject {
        .host(try PyScheduler.make(callee: definition.name, definition: definition, arguments, runtime))
    }
    func isInstance(_ x: PyObject) -> Bool {
        if case .host(let h) = x, let s = h as? PyScheduler { return s.arguments.definition.name == definition.name }
        return false
    }
}
