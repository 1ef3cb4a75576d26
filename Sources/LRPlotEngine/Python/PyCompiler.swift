/// Compiles the syntax tree to Swift closures, as CPython's `compile` turns its AST into code:
/// names resolved to slots, cells or globals once, so that running a function does no lookups
/// by name but for attributes.
final class PyCompiler {
    let module: PyModuleState
    let builtins: [String: PyObject]
    /// `--set` bindings by canonical key (`args.epochs`, `len(train_loader)`, `cfg['lr']`).
    let overrides: [String: PyObject]
    /// Module-level names bound anywhere in the module.
    var moduleBound: Set<String> = []
    /// Where a global name is read: anywhere, inside an optimizer's params, or as a scheduler's optimizer.
    enum ReadRole { case plain, optimizerParams, schedulerOptimizer }
    /// Global names read, with the canonical keys they were read through, in order of first use.
    var globalReads: [(name: String, key: String, loc: PyLoc, role: ReadRole)] = []
    private var readRole = ReadRole.plain
    private var hiddenCount = 0

    init(module: PyModuleState, builtins: [String: PyObject], overrides: [String: PyObject]) {
        self.module = module
        self.builtins = builtins
        self.overrides = overrides
    }

    // MARK: Modules

    func compileModule(_ body: [PyStatement]) throws(PySourceError) -> PyExec {
        let scope = PyScope(kind: .module, parent: nil)
        var globals: Set<String> = []
        PyBindings.bound(body, into: &scope.bound, globals: &globals)
        moduleBound = scope.bound
        return try block(body, scope)
    }

    // MARK: Canonical keys

    /// The canonical text of a name, attribute chain, constant subscript or call of those, as
    /// `--set` keys are matched: `args.lr`, `cfg['lr']`, `len(train_loader)`.
    static func canonicalKey(_ e: PySyntax) -> String? {
        switch e {
        case .name(let n, _): return n
        case .attribute(let b, let n, _): return canonicalKey(b).map { "\($0).\(n)" }
        case .subscript(let b, let i, _):
            guard let base = canonicalKey(b) else { return nil }
            switch i {
            case .constant(.string(let s), _): return "\(base)[\(PyStringFormat.quoted(s))]"
            case .constant(.int(let v), _): return "\(base)[\(v)]"
            case .unary("-", .constant(.int(let v), _), _): return "\(base)[-\(v)]"
            default: return canonicalKey(i).map { "\(base)[\($0)]" }
            }
        case .call(let f, let args, _):
            guard let callee = canonicalKey(f) else { return nil }
            var parts: [String] = []
            for a in args {
                switch a {
                case .positional(let x):
                    guard let k = canonicalKey(x) ?? constantKey(x) else { return nil }
                    parts.append(k)
                case .keyword(let label, let x):
                    guard let k = canonicalKey(x) ?? constantKey(x) else { return nil }
                    parts.append("\(label)=\(k)")
                default: return nil
                }
            }
            return "\(callee)(\(parts.joined(separator: ", ")))"
        default: return nil
        }
    }

    private static func constantKey(_ e: PySyntax) -> String? {
        switch e {
        case .constant(.int(let v), _): return String(v)
        case .constant(.string(let s), _): return PyStringFormat.quoted(s)
        default: return nil
        }
    }

    /// Where the root name of a canonical expression is written.
    static func rootLoc(_ e: PySyntax) -> PyLoc? {
        switch e {
        case .name(_, let l): return l
        case .attribute(let b, _, _), .subscript(let b, _, _): return rootLoc(b)
        case .call(let f, let args, _):
            if case .name = f, args.count == 1, case .positional(let x) = args[0] { return rootLoc(x) }
            return rootLoc(f)
        default: return nil
        }
    }

    /// The root name of a canonical expression.
    static func rootName(_ e: PySyntax) -> String? {
        switch e {
        case .name(let n, _): return n
        case .attribute(let b, _, _), .subscript(let b, _, _): return rootName(b)
        case .call(let f, let args, _):
            if case .name = f, args.count == 1, case .positional(let x) = args[0] { return rootName(x) }
            return rootName(f)
        default: return nil
        }
    }

    // MARK: Names

    private enum NameRef {
        case slot(Int, String)
        case cell(Int, String)
        case global(Int, String)
        case classBody(String, Int)
    }

    private func resolve(_ name: String, _ scope: PyScope) -> NameRef {
        for overlay in scope.overlays.reversed() {
            switch overlay[name] {
            case .slot(let i): return .slot(i, name)
            case .cell(let i): return .cell(i, name)
            case .global(let i): return .global(i, name)
            case nil: continue
            }
        }
        switch scope.kind {
        case .module: return .global(module.slot(name), name)
        case .classBody: return scope.globals.contains(name) ? .global(module.slot(name), name) : .classBody(name, module.slot(name))
        case .function:
            if scope.globals.contains(name) { return .global(module.slot(name), name) }
            if let c = scope.cells[name] { return .cell(c, name) }
            if let s = scope.slots[name] { return .slot(s, name) }
            if let c = scope.cellIndex(name) { return .cell(c, name) }
            // A module-level comprehension's variable, read by a lambda inside it.
            var p = scope.parent
            while let s = p {
                for overlay in s.overlays.reversed() { if case .global(let i) = overlay[name] { return .global(i, name) } }
                p = s.parent
            }
            return .global(module.slot(name), name)
        }
    }

    private func load(_ name: String, _ scope: PyScope, _ loc: PyLoc) -> PyEval {
        let ref = resolve(name, scope)
        let builtin = builtins[name]
        switch ref {
        case .slot(let i, let n):
            return { f throws(PyError) in
                guard let v = f.slots[i] else {
                    throw PyError(type: "UnboundLocalError", message: "cannot access local variable '\(n)' where it is not associated with a value", loc: loc)
                }
                return v
            }
        case .cell(let i, let n):
            return { f throws(PyError) in
                guard let v = f.cells[i].value else {
                    throw PyError(type: "NameError", message: "cannot access free variable '\(n)' where it is not associated with a value in enclosing scope", loc: loc)
                }
                return v
            }
        case .global(let i, let n):
            if !module.names[i].hasPrefix("<") { globalReads.append((n, n, loc, readRole)) }
            let module = self.module
            return { _ throws(PyError) in
                if let v = module.values[i] { return v }
                if let b = builtin { return b }
                throw PyError(type: "NameError", message: "name '\(n)' is not defined", loc: loc)
            }
        case .classBody(let n, let i):
            if !module.names[i].hasPrefix("<") { globalReads.append((n, n, loc, readRole)) }
            let module = self.module
            return { f throws(PyError) in
                if let v = f.namespace?.get(n) { return v }
                if let v = module.values[i] { return v }
                if let b = builtin { return b }
                throw PyError(type: "NameError", message: "name '\(n)' is not defined", loc: loc)
            }
        }
    }

    private func storeName(_ name: String, _ scope: PyScope) -> (PyFrame, PyObject) -> Void {
        switch resolve(name, scope) {
        case .slot(let i, _): return { f, v in f.slots[i] = v }
        case .cell(let i, _): return { f, v in f.cells[i].value = v }
        case .global(let i, _):
            let module = self.module
            return { _, v in module.values[i] = v }
        case .classBody(let n, _): return { f, v in f.namespace?.set(n, v) }
        }
    }

    // MARK: Expressions

    private func located(_ loc: PyLoc, _ body: @escaping PyEval) -> PyEval {
        let isLibrary = loc.line >= PyLoc.libraryLine
        return { f throws(PyError) in
            do throws(PyError) { return try body(f) } catch {
                // An error inside torch's LRScheduler (the prelude) is reported where the snippet called it.
                guard error.loc.map({ !isLibrary && $0.line >= PyLoc.libraryLine }) ?? true else { throw error }
                var e = error
                e.loc = loc
                throw e
            }
        }
    }

    /// Whether `e` compiles to a ``PyNode`` tree (the kinds a learning-rate function is made of).
    private func isHot(_ e: PySyntax) -> Bool {
        switch e {
        case .constant(.bigInt, _): return false
        case .constant, .name, .binary, .compare, .boolean, .conditional: return true
        case .unary(let op, _, _): return op == "-" || op == "+" || op == "not"
        case .attribute: return true
        case .call(let callee, let arguments, _):
            if case .name("super", _) = callee { return false }
            if arguments.count == 1, case .positional = arguments[0] { return true }
            return false
        default: return false
        }
    }

    func expression(_ e: PySyntax, _ scope: PyScope) throws(PySourceError) -> PyEval {
        if isHot(e) {
            let n = try node(e, scope)
            if let c = n as? PyClosureNode { return c.body }
            return { f throws(PyError) in try n.eval(f) }
        }
        return try closureExpression(e, scope)
    }

    /// The node tree of a hot expression (a closure node for the others).
    func node(_ e: PySyntax, _ scope: PyScope) throws(PySourceError) -> PyNode {
        if !overrides.isEmpty, let key = PyCompiler.canonicalKey(e), let value = overrides[key] { return PyConstantNode(value) }
        guard isHot(e) else { return PyClosureNode(try closureExpression(e, scope)) }
        let runtime = module.runtime
        switch e {
        case .constant(let c, _):
            switch c {
            case .none, .ellipsis: return PyConstantNode(.none)
            case .bool(let b): return PyConstantNode(.bool(b))
            case .int(let i): return PyConstantNode(.int(i))
            case .float(let d): return PyConstantNode(.float(d))
            case .string(let s): return PyConstantNode(.str(s))
            case .bigInt: return PyClosureNode(try closureExpression(e, scope))
            }
        case .name(let n, let loc):
            switch resolve(n, scope) {
            case .slot(let i, let name): return PySlotNode(i, name, loc)
            case .global(let i, let name):
                if !module.names[i].hasPrefix("<") { globalReads.append((name, name, loc, readRole)) }
                return PyGlobalNode(module, i, builtins[name], name, loc)
            default: return PyClosureNode(load(n, scope, loc))
            }
        case .binary(let op, let left, let right, let loc):
            return PyBinaryNode(op, try node(left, scope), try node(right, scope), loc, runtime)
        case .compare(let first, let rest, let loc):
            if rest.count == 1 { return PyComparisonNode(rest[0].0, try node(first, scope), try node(rest[0].1, scope), loc, runtime) }
            var links: [(String, PyNode)] = []
            for (op, x) in rest { links.append((op, try node(x, scope))) }
            return PyCompareNode(try node(first, scope), links, loc, runtime)
        case .boolean(let isAnd, let left, let right, _):
            return PyBoolNode(isAnd, try node(left, scope), try node(right, scope), runtime)
        case .conditional(let test, let body, let orElse, _):
            return PyConditionalNode(try node(test, scope), try node(body, scope), try node(orElse, scope), runtime)
        case .unary(let op, let operand, let loc):
            return PyUnaryNode(op, try node(operand, scope), loc, runtime)
        case .attribute(let base, let name, let loc):
            if let root = PyCompiler.rootName(e), let key = PyCompiler.canonicalKey(e), case .global = resolve(root, scope) {
                globalReads.append((root, key, loc, readRole))
            }
            return PyAttributeNode(try node(base, scope), name, loc, runtime)
        case .call(let callee, let arguments, let loc):
            // Free-name bookkeeping and argument roles as the closure compiler does them.
            if let root = PyCompiler.rootName(e), let key = PyCompiler.canonicalKey(e), case .global = resolve(root, scope), key != root {
                globalReads.append((root, key, PyCompiler.rootLoc(e) ?? loc, readRole))
            }
            guard case .positional(let x) = arguments[0] else { return PyClosureNode(try closureExpression(e, scope)) }
            let saved = readRole
            if let special = PyCompiler.argumentRole(of: callee), special.index == 0 { readRole = special.role }
            let argument = try node(x, scope)
            readRole = saved
            return PyCall1Node(try node(callee, scope), argument, loc, runtime)
        default:
            return PyClosureNode(try closureExpression(e, scope))
        }
    }

    private func closureExpression(_ e: PySyntax, _ scope: PyScope) throws(PySourceError) -> PyEval {
        if !overrides.isEmpty, let key = PyCompiler.canonicalKey(e), let value = overrides[key] {
            return { _ throws(PyError) in value }
        }
        let runtime = module.runtime
        switch e {
        case .constant(let c, let loc):
            let value: PyObject
            switch c {
            case .none: value = .none
            case .bool(let b): value = .bool(b)
            case .int(let i): value = .int(i)
            case .float(let d): value = .float(d)
            case .string(let s): value = .str(s)
            case .ellipsis: value = .none
            case .bigInt(let text):
                return { _ throws(PyError) in
                    throw PyError(type: nil, message: "the integer \(text.prefix(30))\(text.count > 30 ? "…" : "") is larger than lrplot's 64-bit integers", loc: loc)
                }
            }
            return { _ throws(PyError) in value }
        case .name, .attribute, .binary, .compare, .boolean, .conditional:
            // Always compiled as nodes (``node(_:_:)``); here only for completeness.
            let n = try node(e, scope)
            return { f throws(PyError) in try n.eval(f) }
        case .subscript(let base, let index, let loc):
            if let root = PyCompiler.rootName(e), let key = PyCompiler.canonicalKey(e), case .global = resolve(root, scope) {
                globalReads.append((root, key, loc, readRole))
            }
            let b = try expression(base, scope)
            let i = try expression(index, scope)
            return located(loc) { f throws(PyError) in try runtime.getItem(try b(f), try i(f)) }
        case .slice(let lower, let upper, let step, _):
            let l = try lower.map { (x: PySyntax) throws(PySourceError) in try expression(x, scope) }
            let u = try upper.map { (x: PySyntax) throws(PySourceError) in try expression(x, scope) }
            let s = try step.map { (x: PySyntax) throws(PySourceError) in try expression(x, scope) }
            return { f throws(PyError) in
                .host(PySlice(try l?(f) ?? .none, try u?(f) ?? .none, try s?(f) ?? .none))
            }
        case .call(let callee, let arguments, let loc):
            return try call(callee, arguments, loc, scope, whole: e)
        case .unary(let op, let operand, let loc):
            let x = try expression(operand, scope)
            if op == "not" { return { f throws(PyError) in .bool(!(try runtime.truth(try x(f)))) } }
            return located(loc) { f throws(PyError) in try runtime.unary(op, try x(f)) }
        case .lambda(let node, let loc):
            return try makeFunction(node, scope, loc: loc)
        case .list(let items, let loc):
            let parts = try sequence(items, scope)
            return located(loc) { f throws(PyError) in .list(PyList(try parts(f))) }
        case .tuple(let items, let loc):
            let parts = try sequence(items, scope)
            return located(loc) { f throws(PyError) in .tuple(try parts(f)) }
        case .set(let items, let loc):
            // A set of hashable items, kept in first-seen order (the subset has no set type).
            let parts = try sequence(items, scope)
            return located(loc) { f throws(PyError) in
                let d = PyDict()
                for item in try parts(f) { try d.set(item, .none) }
                return .list(PyList(d.keys))
            }
        case .dict(let entries, let loc):
            var compiled: [(PyEval?, PyEval)] = []
            for (k, v) in entries {
                // A param-group dict's 'params' feed the optimizer only (its free names are stand-ins).
                let saved = readRole
                if case .constant(.string("params"), _) = k { readRole = .optimizerParams }
                let value = try expression(v, scope)
                readRole = saved
                compiled.append((try k.map { (x: PySyntax) throws(PySourceError) in try expression(x, scope) }, value))
            }
            return located(loc) { f throws(PyError) in
                let d = PyDict()
                try runtime.allocate(compiled.count)
                for (k, v) in compiled {
                    if let k {
                        try d.set(try k(f), try v(f))
                    } else {
                        guard case .dict(let other) = try v(f) else { throw .typeError("'**' argument must be a mapping") }
                        for (kk, vv) in zip(other.keys, other.values) { try d.set(kk, vv) }
                    }
                }
                return .dict(d)
            }
        case .comprehension(let kind, let element, let value, let generators, let loc):
            return try comprehension(kind, element, value, generators, loc, scope)
        case .fstring(let parts, let loc):
            var compiled: [(String?, PyEval?, Character?, String)] = []
            for p in parts {
                switch p {
                case .text(let s): compiled.append((s, nil, nil, ""))
                case .field(let x, let conversion, let spec): compiled.append((nil, try expression(x, scope), conversion, spec))
                }
            }
            return located(loc) { f throws(PyError) in
                var s = ""
                for (text, eval, conversion, spec) in compiled {
                    if let text { s += text; continue }
                    guard let eval else { continue }
                    let v = try eval(f)
                    if conversion == "r" { s += try runtime.repr(v) } else if spec.isEmpty { s += try runtime.str(v) } else {
                        s += try PyStringFormat.format(v, spec: spec, runtime)
                    }
                }
                try runtime.checkLength(s.utf8.count, "string")
                return .str(s)
            }
        case .starred(_, let loc):
            throw PySourceError(message: "can't use starred expression here", line: loc.line, column: loc.column)
        }
    }

    /// Items of a display, with `*iterable` spread.
    private func sequence(_ items: [PySyntax], _ scope: PyScope) throws(PySourceError) -> (PyFrame) throws(PyError) -> [PyObject] {
        var compiled: [(Bool, PyEval)] = []
        for item in items {
            if case .starred(let inner, _) = item { compiled.append((true, try expression(inner, scope))) } else {
                compiled.append((false, try expression(item, scope)))
            }
        }
        let runtime = module.runtime
        return { f throws(PyError) in
            var result: [PyObject] = []
            result.reserveCapacity(compiled.count)
            for (spread, eval) in compiled {
                if spread { result.append(contentsOf: try runtime.iterate(try eval(f))) } else { result.append(try eval(f)) }
            }
            try runtime.created(result.count, "list")
            return result
        }
    }

    private func call(_ callee: PySyntax, _ arguments: [PyCallArgument], _ loc: PyLoc, _ scope: PyScope, whole: PySyntax) throws(PySourceError) -> PyEval {
        let runtime = module.runtime
        if case .name("super", _) = callee, arguments.isEmpty, scope.kind == .function, scope.isMethodScope, let first = scope.firstParameter {
            let receiver = load(first, scope, loc)
            return located(loc) { f throws(PyError) in
                guard let cls = f.function?.definingClass else { throw .exception("RuntimeError", "super(): __class__ cell not found") }
                return .host(PySuper(cls: cls, receiver: try receiver(f)))
            }
        }
        if let root = PyCompiler.rootName(whole), let key = PyCompiler.canonicalKey(whole), case .global = resolve(root, scope), key != root {
            globalReads.append((root, key, PyCompiler.rootLoc(whole) ?? loc, readRole))
        }
        let f0 = try expression(callee, scope)
        let special = PyCompiler.argumentRole(of: callee)
        func argument(_ x: PySyntax, _ index: Int?, _ label: String?) throws(PySourceError) -> PyEval {
            let saved = readRole
            defer { readRole = saved }
            if let special, (index == special.index && label == nil) || label == special.keyword { readRole = special.role }
            return try expression(x, scope)
        }
        var positional: [(Bool, PyEval)] = []
        var keywords: [(String?, PyEval)] = []
        var index = 0
        for a in arguments {
            switch a {
            case .positional(let x):
                positional.append((false, try argument(x, index, nil)))
                index += 1
            case .star(let x): positional.append((true, try expression(x, scope)))
            case .keyword(let label, let x): keywords.append((label, try argument(x, nil, label)))
            case .doubleStar(let x): keywords.append((nil, try expression(x, scope)))
            }
        }
        if keywords.isEmpty && positional.allSatisfy({ !$0.0 }) {
            let plain = positional.map(\.1)
            return located(loc) { f throws(PyError) in
                let function = try f0(f)
                runtime.callSite = loc
                var values: [PyObject] = []
                values.reserveCapacity(plain.count)
                for p in plain { values.append(try p(f)) }
                return try runtime.call(function, PyArguments(values))
            }
        }
        return located(loc) { f throws(PyError) in
            let function = try f0(f)
            runtime.callSite = loc
            var args = PyArguments()
            for (spread, p) in positional {
                if spread { args.positional.append(contentsOf: try runtime.iterate(try p(f))) } else { args.positional.append(try p(f)) }
            }
            for (label, k) in keywords {
                if let label { args.keywords.append((label, try k(f))); continue }
                guard case .dict(let d) = try k(f) else { throw .typeError("argument after ** must be a mapping") }
                for (key, value) in zip(d.keys, d.values) {
                    guard case .str(let s) = key else { throw .typeError("keywords must be strings") }
                    args.keywords.append((s, value))
                }
            }
            return try runtime.call(function, args)
        }
    }

    /// Which argument of a call is an optimizer's params or a scheduler's optimizer (free names there
    /// get stand-ins), by the callee's last name: its position and keyword.
    static func argumentRole(of callee: PySyntax) -> (index: Int, keyword: String, role: ReadRole)? {
        let name = callee.dottedName.map { String($0.split(separator: ".").last ?? "") } ?? ""
        if PyTorchBridge.optimizerNames.contains(name) { return (0, "params", .optimizerParams) }
        if ScheduleRegistry.factory(named: name) != nil { return (1, "optimizer", .schedulerOptimizer) }
        if name.first?.isUppercase == true || name.hasPrefix("get_"), ScheduleRegistry.lookup(name) != nil { return (0, "optimizer", .schedulerOptimizer) }
        return nil
    }

    private func comprehension(_ kind: PyComprehensionKind, _ element: PySyntax, _ value: PySyntax?, _ generators: [PyGenerator],
                               _ loc: PyLoc, _ scope: PyScope) throws(PySourceError) -> PyEval {
        let runtime = module.runtime
        // The first iterable is evaluated in the enclosing scope, the rest with the variables bound.
        let firstIterable = try expression(generators[0].iterable, scope)
        var overlay: [String: PyScope.Hidden] = [:]
        var names: Set<String> = []
        for g in generators { PyBindings.targetNames(g.target, &names) }
        // A lambda inside a function's comprehension that reads the comprehension's variable would
        // need a cell per comprehension; module-level comprehensions (hidden globals) have none.
        let captured = PyBindings.nestedReferences([.expression(.comprehension(kind, element: element, value: value, generators, loc), loc)])
        for n in names.sorted() {
            if scope.kind == .function {
                if captured.contains(n) {
                    throw PySourceError(message: "a lambda reading the variable '\(n)' of a comprehension inside a function is not supported by lrplot's evaluator; bind it with a default argument (lambda x, \(n)=\(n): …)", line: loc.line, column: loc.column)
                }
                overlay[n] = .slot(scope.newSlot())
            } else {
                hiddenCount += 1
                overlay[n] = .global(module.slot("<comprehension \(hiddenCount)>\(n)"))
            }
        }
        scope.overlays.append(overlay)
        defer { scope.overlays.removeLast() }
        var clauses: [(iterable: PyEval?, store: (PyFrame, PyObject) throws(PyError) -> Void, conditions: [PyEval])] = []
        for (i, g) in generators.enumerated() {
            let iterable = i == 0 ? nil : try expression(g.iterable, scope)
            let store = try storeTarget(g.target, scope)
            var conditions: [PyEval] = []
            for c in g.conditions { conditions.append(try expression(c, scope)) }
            clauses.append((iterable, store, conditions))
        }
        let elementEval = try expression(element, scope)
        let valueEval = try value.map { (x: PySyntax) throws(PySourceError) in try expression(x, scope) }
        return located(loc) { f throws(PyError) in
            var items: [PyObject] = []
            let dict = PyDict()
            func run(_ level: Int) throws(PyError) {
                let source = level == 0 ? try firstIterable(f) : try clauses[level].iterable!(f)
                for item in try runtime.iterate(source) {
                    try runtime.tick()
                    try clauses[level].store(f, item)
                    var keep = true
                    for c in clauses[level].conditions where !(try runtime.truth(try c(f))) { keep = false; break }
                    guard keep else { continue }
                    if level + 1 < clauses.count { try run(level + 1); continue }
                    if let valueEval { try dict.set(try elementEval(f), try valueEval(f)) } else { items.append(try elementEval(f)) }
                    try runtime.allocate(1)
                    try runtime.checkLength(items.count + dict.count, "list")
                }
            }
            try run(0)
            switch kind {
            case .dict: return .dict(dict)
            case .set:
                let d = PyDict()
                for item in items { try d.set(item, .none) }
                return .list(PyList(d.keys))
            case .list, .generator: return .list(PyList(items))
            }
        }
    }

    // MARK: Functions and classes

    private func makeFunction(_ node: PyFunctionNode, _ scope: PyScope, loc: PyLoc, inClass: Bool = false) throws(PySourceError) -> PyEval {
        var defaults: [PyEval?] = []
        for p in node.parameters { defaults.append(try p.defaultValue.map { (x: PySyntax) throws(PySourceError) in try expression(x, scope) }) }
        let inner = PyScope(kind: .function, parent: scope)
        inner.isMethodScope = inClass
        inner.firstParameter = node.parameters.first?.name
        var globals: Set<String> = []
        for p in node.parameters { inner.bound.insert(p.name) }
        PyBindings.bound(node.body, into: &inner.bound, globals: &globals)
        inner.globals = globals
        var nonlocals: Set<String> = []
        collectNonlocals(node.body, &nonlocals)
        inner.bound.subtract(globals)
        inner.bound.subtract(nonlocals)
        let captured = PyBindings.nestedReferences(node.body)
        for n in inner.bound.sorted() {
            if captured.contains(n) {
                inner.cells[n] = inner.ownCellNames.count
                inner.ownCellNames.append(n)
            } else {
                inner.slots[n] = inner.newSlot()
            }
        }
        for n in nonlocals.sorted() {
            guard inner.cellIndex(n) != nil else {
                throw PySourceError(message: "no binding for nonlocal '\(n)' found", line: node.loc.line, column: node.loc.column)
            }
        }
        var parameters: [PyCode.Parameter] = []
        for p in node.parameters {
            parameters.append(PyCode.Parameter(name: p.name, kind: p.kind, slot: inner.slots[p.name], cell: inner.cells[p.name]))
        }
        let code = PyCode(name: node.name, parameters: parameters, loc: node.loc)
        let body = try block(node.body, inner)
        code.body = body
        code.slotCount = inner.slotCount
        code.ownCellCount = inner.ownCellNames.count
        code.syntax = node
        code.freeNames = inner.freeNames
        // Where each captured cell comes from in the defining frame.
        var sources: [Int] = []
        for n in inner.freeNames {
            guard let c = scope.kind == .function ? scope.cellIndex(n) : nil else {
                throw PySourceError(message: "internal: cannot capture '\(n)'", line: loc.line, column: loc.column)
            }
            sources.append(c)
        }
        let module = self.module
        return { f throws(PyError) in
            var values: [PyObject?] = []
            for d in defaults { values.append(try d?(f)) }
            var closure: [PyCell] = []
            for s in sources { closure.append(f.cells[s]) }
            return .function(PyFunctionObject(code: code, defaults: values, closure: closure, module: module))
        }
    }

    private func collectNonlocals(_ body: [PyStatement], _ names: inout Set<String>) {
        for s in body {
            switch s {
            case .nonlocal(let n, _): names.formUnion(n)
            case .ifChain(let branches, let orElse, _):
                for (_, b) in branches { collectNonlocals(b, &names) }
                collectNonlocals(orElse, &names)
            case .forLoop(_, _, let b, let o, _), .whileLoop(_, let b, let o, _):
                collectNonlocals(b, &names)
                collectNonlocals(o, &names)
            default: break
            }
        }
    }

    private func classDefinition(_ node: PyClassNode, _ scope: PyScope) throws(PySourceError) -> PyExec {
        let runtime = module.runtime
        var bases: [PyEval] = []
        for b in node.bases { bases.append(try expression(b, scope)) }
        var decorators: [(PyEval, PyLoc)] = []
        for d in node.decorators { decorators.append((try expression(d, scope), d.loc)) }
        let inner = PyScope(kind: .classBody, parent: scope)
        // Methods: functions defined directly in the body, which get the class for super().
        var methodBody: [PyExec] = []
        for s in node.body {
            if case .functionDef(let fn, let decos, let loc) = s {
                methodBody.append(try functionDefinition(fn, decos, loc, inner, inClass: true))
            } else {
                methodBody.append(try statement(s, inner))
            }
        }
        let store = storeName(node.name, scope)
        let name = node.name
        let loc = node.loc
        return { f throws(PyError) in
            var baseClasses: [PyClass] = []
            for b in bases {
                let value = try b(f)
                switch value {
                case .type(let c): baseClasses.append(c)
                case .host(let h):
                    guard let c = PyHostBases.baseClass(for: h, runtime) else {
                        throw PyError(type: "TypeError", message: "lrplot cannot subclass \(try runtime.repr(value)); subclass torch's LRScheduler (or _LRScheduler) and write get_lr()", loc: loc)
                    }
                    baseClasses.append(c)
                default: throw PyError(type: "TypeError", message: "bases must be types", loc: loc)
                }
            }
            if baseClasses.isEmpty { baseClasses = [runtime.objectClass] }
            let namespace = PyDict()
            let frame = PyFrame(slots: 0, cells: f.cells, function: f.function, module: f.module, namespace: namespace)
            frame.slots = f.slots
            for s in methodBody { _ = try s(frame) }
            let cls = PyClass(name: name, bases: baseClasses, namespace: namespace)
            for v in namespace.values {
                if case .function(let fn) = v { fn.definingClass = cls }
                if case .host(let h) = v, let d = h as? PyClassMethodDescriptor, case .function(let fn) = d.function { fn.definingClass = cls }
            }
            var result = PyObject.type(cls)
            for (d, at) in decorators.reversed() {
                do throws(PyError) { result = try runtime.call(try d(f), PyArguments([result])) } catch {
                    var e = error
                    if e.loc == nil { e.loc = at }
                    throw e
                }
            }
            store(f, result)
            return .next
        }
    }

    private func functionDefinition(_ node: PyFunctionNode, _ decorators: [PySyntax], _ loc: PyLoc, _ scope: PyScope, inClass: Bool) throws(PySourceError) -> PyExec {
        let runtime = module.runtime
        var decos: [(PyEval, PyLoc)] = []
        for d in decorators { decos.append((try expression(d, scope), d.loc)) }
        let make = try makeFunction(node, scope, loc: loc, inClass: inClass)
        let store = storeName(node.name, scope)
        return { f throws(PyError) in
            var value = try make(f)
            for (d, at) in decos.reversed() {
                do throws(PyError) { value = try runtime.call(try d(f), PyArguments([value])) } catch {
                    var e = error
                    if e.loc == nil { e.loc = at }
                    throw e
                }
            }
            store(f, value)
            return .next
        }
    }

    // MARK: Statements

    func block(_ body: [PyStatement], _ scope: PyScope) throws(PySourceError) -> PyExec {
        var compiled: [PyExec] = []
        for s in body { compiled.append(try statement(s, scope)) }
        return PyCompiler.chain(compiled[...])
    }

    /// Statements run in order until one leaves the block. Short runs capture their statements one
    /// by one: calling a captured closure costs no reference counting, iterating an array of
    /// closures retains each one; longer blocks are chains of those.
    static func chain(_ compiled: ArraySlice<PyExec>) -> PyExec {
        switch compiled.count {
        case 0: return { _ throws(PyError) in .next }
        case 1: return compiled[compiled.startIndex]
        case 2:
            let a = compiled[compiled.startIndex], b = compiled[compiled.startIndex + 1]
            return { f throws(PyError) in
                let flow = try a(f)
                guard case .next = flow else { return flow }
                return try b(f)
            }
        case 3:
            let a = compiled[compiled.startIndex], b = compiled[compiled.startIndex + 1], c = compiled[compiled.startIndex + 2]
            return { f throws(PyError) in
                var flow = try a(f)
                guard case .next = flow else { return flow }
                flow = try b(f)
                guard case .next = flow else { return flow }
                return try c(f)
            }
        default:
            let a = compiled[compiled.startIndex], b = compiled[compiled.startIndex + 1], c = compiled[compiled.startIndex + 2]
            let rest = chain(compiled.dropFirst(3))
            return { f throws(PyError) in
                var flow = try a(f)
                guard case .next = flow else { return flow }
                flow = try b(f)
                guard case .next = flow else { return flow }
                flow = try c(f)
                guard case .next = flow else { return flow }
                return try rest(f)
            }
        }
    }

    private func locatedStatement(_ loc: PyLoc, _ body: @escaping PyExec) -> PyExec {
        { f throws(PyError) in
            do throws(PyError) { return try body(f) } catch {
                guard error.loc == nil else { throw error }
                var e = error
                e.loc = loc
                throw e
            }
        }
    }

    /// A store into an assignment target (a name, attribute, subscript, or an unpacked tuple/list).
    func storeTarget(_ t: PySyntax, _ scope: PyScope) throws(PySourceError) -> (PyFrame, PyObject) throws(PyError) -> Void {
        let runtime = module.runtime
        switch t {
        case .name(let n, _):
            let store = storeName(n, scope)
            return { f, v throws(PyError) in store(f, v) }
        case .attribute(let base, let name, _):
            let b = try expression(base, scope)
            return { f, v throws(PyError) in try runtime.setAttribute(try b(f), name, v) }
        case .subscript(let base, let index, _):
            let b = try expression(base, scope)
            let i = try expression(index, scope)
            return { f, v throws(PyError) in try runtime.setItem(try b(f), try i(f), v) }
        case .tuple(let items, _), .list(let items, _):
            var stores: [(PyFrame, PyObject) throws(PyError) -> Void] = []
            var starIndex: Int? = nil
            for (i, item) in items.enumerated() {
                if case .starred(let inner, _) = item {
                    starIndex = i
                    stores.append(try storeTarget(inner, scope))
                } else {
                    stores.append(try storeTarget(item, scope))
                }
            }
            let count = items.count
            return { f, v throws(PyError) in
                let values = try runtime.iterate(v)
                if let s = starIndex {
                    guard values.count >= count - 1 else {
                        throw .valueError("not enough values to unpack (expected at least \(count - 1), got \(values.count))")
                    }
                    for i in 0..<s { try stores[i](f, values[i]) }
                    let restCount = values.count - (count - 1)
                    try stores[s](f, .list(PyList(Array(values[s..<(s + restCount)]))))
                    for i in (s + 1)..<count { try stores[i](f, values[i - 1 + restCount]) }
                    return
                }
                guard values.count == count else {
                    if values.count > count { throw .valueError("too many values to unpack (expected \(count))") }
                    throw .valueError("not enough values to unpack (expected \(count), got \(values.count))")
                }
                for i in 0..<count { try stores[i](f, values[i]) }
            }
        default:
            throw PySourceError(message: "cannot assign to this expression", line: t.loc.line, column: t.loc.column)
        }
    }

    func statement(_ s: PyStatement, _ scope: PyScope) throws(PySourceError) -> PyExec {
        let runtime = module.runtime
        switch s {
        case .expression(let e, let loc):
            let x = try expression(e, scope)
            return { f throws(PyError) in
                do throws(PyError) { _ = try x(f) } catch { throw error.at(loc) }
                return .next
            }
        case .assign(let targets, let value, let loc):
            let v = try expression(value, scope)
            var stores: [(PyFrame, PyObject) throws(PyError) -> Void] = []
            for t in targets { stores.append(try storeTarget(t, scope)) }
            if stores.count == 1 {
                let store = stores[0]
                return { f throws(PyError) in
                    do throws(PyError) { try store(f, try v(f)) } catch { throw error.at(loc) }
                    return .next
                }
            }
            return locatedStatement(loc) { f throws(PyError) in
                let value = try v(f)
                for store in stores { try store(f, value) }
                return .next
            }
        case .augmentedAssign(let target, let op, let value, let loc):
            let v = try expression(value, scope)
            switch target {
            case .name(let n, let nameLoc):
                let l = load(n, scope, nameLoc)
                let store = storeName(n, scope)
                return locatedStatement(loc) { f throws(PyError) in
                    let current = try l(f)
                    let operand = try v(f)
                    if op == "+", case .list(let list) = current {
                        let more = try runtime.iterate(operand)
                        try runtime.allocate(more.count)
                        list.items.append(contentsOf: more)
                        try runtime.checkLength(list.items.count, "list")
                        return .next
                    }
                    store(f, try runtime.binary(op, current, operand))
                    return .next
                }
            case .attribute(let base, let name, _):
                let b = try expression(base, scope)
                return locatedStatement(loc) { f throws(PyError) in
                    let object = try b(f)
                    let current = try runtime.getAttribute(object, name)
                    let operand = try v(f)
                    if op == "+", case .list(let list) = current {
                        list.items.append(contentsOf: try runtime.iterate(operand))
                        return .next
                    }
                    try runtime.setAttribute(object, name, try runtime.binary(op, current, operand))
                    return .next
                }
            case .subscript(let base, let index, _):
                let b = try expression(base, scope)
                let i = try expression(index, scope)
                return locatedStatement(loc) { f throws(PyError) in
                    let object = try b(f), key = try i(f)
                    let current = try runtime.getItem(object, key)
                    try runtime.setItem(object, key, try runtime.binary(op, current, try v(f)))
                    return .next
                }
            default:
                throw PySourceError(message: "illegal expression for augmented assignment", line: loc.line, column: loc.column)
            }
        case .annotatedAssign(let target, _, let value, let loc):
            if scope.kind == .classBody, case .name(let n, _) = target {
                let v = try value.map { (x: PySyntax) throws(PySourceError) in try expression(x, scope) }
                return locatedStatement(loc) { f throws(PyError) in
                    // Field order for @dataclass; the default (if any) is the class attribute.
                    PyDataclass.recordField(n, in: f.namespace)
                    if let v { f.namespace?.set(n, try v(f)) }
                    return .next
                }
            }
            guard let value else { return { _ throws(PyError) in .next } }
            let v = try expression(value, scope)
            let store = try storeTarget(target, scope)
            return locatedStatement(loc) { f throws(PyError) in try store(f, try v(f)); return .next }
        case .ifChain(let branches, let orElse, let loc):
            var compiled: [(PyEval, PyExec)] = []
            for (test, body) in branches { compiled.append((try expression(test, scope), try block(body, scope))) }
            let otherwise = try block(orElse, scope)
            if compiled.count == 1 {
                // `if …:` (and `else:`): the test and the bodies captured one by one.
                let (test, body) = compiled[0]
                return { f throws(PyError) in
                    let holds: Bool
                    do throws(PyError) { holds = try runtime.truth(try test(f)) } catch { throw error.at(loc) }
                    return holds ? try body(f) : try otherwise(f)
                }
            }
            return locatedStatement(loc) { f throws(PyError) in
                for (test, body) in compiled where try runtime.truth(try test(f)) { return try body(f) }
                return try otherwise(f)
            }
        case .whileLoop(let test, let body, let orElse, let loc):
            let t = try expression(test, scope)
            let b = try block(body, scope)
            let o = try block(orElse, scope)
            let bodyLoc = body.first?.loc ?? loc
            return locatedStatement(loc) { f throws(PyError) in
                while try runtime.truth(try t(f)) {
                    do throws(PyError) { try runtime.tick() } catch {
                        var e = error
                        e.loc = bodyLoc
                        throw e
                    }
                    switch try b(f) {
                    case .breakLoop: return .next
                    case .returned: return .returned
                    default: continue
                    }
                }
                return try o(f)
            }
        case .forLoop(let target, let iterable, let body, let orElse, let loc):
            let store = try storeTarget(target, scope)
            let b = try block(body, scope)
            let o = try block(orElse, scope)
            // `for i in range(…)` counts without building the list, if `range` is the built-in.
            if case .call(.name("range", let rl), let args, _) = iterable, args.count <= 3,
               args.allSatisfy({ if case .positional = $0 { return true }; return false }) {
                let rangeEval = load("range", scope, rl)
                var argEvals: [PyEval] = []
                for case .positional(let x) in args { argEvals.append(try expression(x, scope)) }
                let general = try expression(iterable, scope)
                return locatedStatement(loc) { f throws(PyError) in
                    guard case .builtin(let r) = try rangeEval(f), r === PyBuiltins.rangeFunction else {
                        return try PyCompiler.loop(try runtime.iterate(try general(f)), f, store, b, o, runtime)
                    }
                    var bounds: [Int] = []
                    for a in argEvals { bounds.append(try runtime.integer(try a(f))) }
                    let (start, stop, step) = try PyRange.bounds(bounds)
                    var i = start
                    while step > 0 ? i < stop : i > stop {
                        try runtime.tick()
                        try store(f, .int(i))
                        switch try b(f) {
                        case .breakLoop: return .next
                        case .returned: return .returned
                        default: break
                        }
                        i += step
                    }
                    return try o(f)
                }
            }
            let it = try expression(iterable, scope)
            return locatedStatement(loc) { f throws(PyError) in
                try PyCompiler.loop(try runtime.iterate(try it(f)), f, store, b, o, runtime)
            }
        case .functionDef(let node, let decorators, let loc):
            return locatedStatement(loc, try functionDefinition(node, decorators, loc, scope, inClass: false))
        case .classDef(let node, let loc):
            return locatedStatement(loc, try classDefinition(node, scope))
        case .returnValue(let value, let loc):
            guard scope.kind == .function else {
                throw PySourceError(message: "'return' outside function", line: loc.line, column: loc.column)
            }
            guard let value else { return { f throws(PyError) in f.returnValue = .none; return .returned } }
            let v = try expression(value, scope)
            return { f throws(PyError) in
                do throws(PyError) { f.returnValue = try v(f) } catch { throw error.at(loc) }
                return .returned
            }
        case .pass: return { _ throws(PyError) in .next }
        case .breakLoop: return { _ throws(PyError) in .breakLoop }
        case .continueLoop: return { _ throws(PyError) in .continueLoop }
        case .importModules(let modules, let loc):
            var stores: [((PyFrame, PyObject) -> Void, String, Bool)] = []
            for m in modules {
                let bindsRoot = m.alias == nil
                let name = m.alias ?? String(m.path.split(separator: ".").first ?? "")
                stores.append((storeName(name, scope), m.path, bindsRoot))
            }
            return locatedStatement(loc) { f throws(PyError) in
                for (store, path, bindsRoot) in stores {
                    let module = try PyModules.importModule(path, runtime)
                    store(f, bindsRoot ? try PyModules.importModule(String(path.split(separator: ".").first ?? ""), runtime) : module)
                }
                return .next
            }
        case .importFrom(let path, let items, let loc):
            if items.count == 1, items[0].name == "*" {
                return locatedStatement(loc) { f throws(PyError) in
                    let module = try PyModules.importModule(path, runtime)
                    guard case .host(let h) = module, let m = h as? PyModuleObject else { return .next }
                    for (name, value) in m.exported() { f.module[name] = value }
                    return .next
                }
            }
            var stores: [((PyFrame, PyObject) -> Void, String)] = []
            for i in items { stores.append((storeName(i.alias ?? i.name, scope), i.name)) }
            return locatedStatement(loc) { f throws(PyError) in
                let module = try PyModules.importModule(path, runtime)
                for (store, name) in stores { store(f, try PyModules.member(module, name, of: path, runtime)) }
                return .next
            }
        case .global, .nonlocal: return { _ throws(PyError) in .next }
        case .assert(let test, let message, let loc):
            let t = try expression(test, scope)
            let m = try message.map { (x: PySyntax) throws(PySourceError) in try expression(x, scope) }
            return locatedStatement(loc) { f throws(PyError) in
                guard try runtime.truth(try t(f)) else {
                    throw .exception("AssertionError", try m.map { (e: PyEval) throws(PyError) in try runtime.str(try e(f)) } ?? "")
                }
                return .next
            }
        case .raise(let value, let loc):
            let v = try value.map { (x: PySyntax) throws(PySourceError) in try expression(x, scope) }
            return locatedStatement(loc) { f throws(PyError) in
                guard let v else { throw .exception("RuntimeError", "No active exception to reraise") }
                throw try PyExceptions.raising(try v(f), runtime)
            }
        case .delete(let targets, let loc):
            var deletes: [PyExec] = []
            for t in targets {
                switch t {
                case .subscript(let base, let index, _):
                    let b = try expression(base, scope), i = try expression(index, scope)
                    let d: PyExec = { f throws(PyError) in try runtime.deleteItem(try b(f), try i(f)); return .next }
                    deletes.append(d)
                case .name(let n, _):
                    switch resolve(n, scope) {
                    case .slot(let i, _):
                        let d: PyExec = { f throws(PyError) in f.slots[i] = nil; return .next }
                        deletes.append(d)
                    case .global(let i, _):
                        let module = self.module
                        let d: PyExec = { _ throws(PyError) in module.values[i] = nil; return .next }
                        deletes.append(d)
                    default:
                        let d: PyExec = { _ throws(PyError) in .next }
                        deletes.append(d)
                    }
                default:
                    throw PySourceError(message: "'del' of this expression is not supported", line: loc.line, column: loc.column)
                }
            }
            return locatedStatement(loc) { f throws(PyError) in
                for d in deletes { _ = try d(f) }
                return .next
            }
        case .tryExcept(let body, let handlers, let orElse, let finally, let loc):
            let b = try block(body, scope)
            var compiled: [(PyEval?, ((PyFrame, PyObject) -> Void)?, PyExec)] = []
            for h in handlers {
                compiled.append((try h.type.map { (x: PySyntax) throws(PySourceError) in try expression(x, scope) },
                                 h.name.map { storeName($0, scope) }, try block(h.body, scope)))
            }
            let o = try block(orElse, scope)
            let fin = try block(finally, scope)
            return locatedStatement(loc) { f throws(PyError) in
                var flow: PyFlow = .next
                do throws(PyError) {
                    flow = try b(f)
                    if case .next = flow { flow = try o(f) }
                } catch {
                    // Sandbox limits are never caught by the snippet.
                    guard error.type != nil, !error.isStop else { throw error }
                    var handled = false
                    for (type, store, handler) in compiled {
                        if let type, !(try PyExceptions.matches(error, try type(f), runtime)) { continue }
                        if let store { store(f, PyExceptions.object(error, runtime)) }
                        flow = try handler(f)
                        handled = true
                        break
                    }
                    if !handled {
                        _ = try fin(f)
                        throw error
                    }
                }
                let finalFlow = try fin(f)
                if case .next = finalFlow { return flow }
                return finalFlow
            }
        case .with(let items, let body, let loc):
            var managers: [(PyEval, ((PyFrame, PyObject) throws(PyError) -> Void)?)] = []
            for (e, t) in items { managers.append((try expression(e, scope), try t.map { (x: PySyntax) throws(PySourceError) in try storeTarget(x, scope) })) }
            let b = try block(body, scope)
            return locatedStatement(loc) { f throws(PyError) in
                for (m, store) in managers {
                    let manager = try m(f)
                    guard case .host(let h) = manager, h.isContextManager else {
                        throw .typeError("'\(manager.typeName)' object does not support the context manager protocol in lrplot's sandbox")
                    }
                    try store?(f, manager)
                }
                return try b(f)
            }
        }
    }

    static func loop(_ items: [PyObject], _ f: PyFrame, _ store: (PyFrame, PyObject) throws(PyError) -> Void, _ body: PyExec, _ orElse: PyExec,
                     _ runtime: PyRuntime) throws(PyError) -> PyFlow {
        for item in items {
            try runtime.tick()
            try store(f, item)
            switch try body(f) {
            case .breakLoop: return .next
            case .returned: return .returned
            default: continue
            }
        }
        return try orElse(f)
    }
}

/// `super()`: attribute lookup in the MRO after the defining class, bound to the receiver.
final class PySuper: PyHost {
    let cls: PyClass
    let receiver: PyObject
    init(cls: PyClass, receiver: PyObject) {
        self.cls = cls
        self.receiver = receiver
    }
    override var typeName: String { "super" }
    override func attribute(_ name: String, _ runtime: PyRuntime) throws(PyError) -> PyObject? {
        var start: PyClass = cls
        if case .instance(let i) = receiver { start = i.cls }
        guard let v = start.lookup(name, after: cls) else {
            if name == "__init__" { return .builtin(PyBuiltin("__init__") { _, _ throws(PyError) in .none }) }
            return nil
        }
        if case .host(let h) = v, let d = h as? PyClassMethodDescriptor { return d.bind(receiver) }
        return runtime.bind(v, to: receiver)
    }
}
