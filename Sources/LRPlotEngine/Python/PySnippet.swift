/// The settings a snippet runs under: the run's base lrs, length and Adam, and where its text came from.
public struct PySnippetContext: @unchecked Sendable {
    /// `--lr` (or the default).
    public var lrs: [Double]
    /// Whether `--lr` was given (it then overrides the snippet's optimizer lrs).
    public var lrsAreExplicit: Bool
    /// `--epochs`.
    public var epochs: Int
    /// The toy Adam's settings from the flags.
    public var adam: AdamSettings
    /// The file (`train.py`, `-`), or nil for an argument.
    public var file: String?
    /// The `compare` spec, if any.
    public var spec: Int?
    var lines: [String] = []
    /// The indentation removed from every line (`dedented`), added back to columns.
    var margin = 0
    /// Whether ``PythonSnippetRun/drawn`` says whether a drawn function runs as a typed kernel
    /// (`--verbose`; finding out compiles the kernel once more).
    public var explainsEvaluation = false
    /// Work units (loop iterations and calls) the simulation's calls of the snippet's code may spend
    /// over the whole run (``PyRuntime/runBudget``; tests lower it).
    public var runWorkLimit = PyRuntime.runBudget

    /// A context.
    public init(lrs: [Double], lrsAreExplicit: Bool, epochs: Int, adam: AdamSettings, file: String?, spec: Int? = nil) {
        self.lrs = lrs
        self.lrsAreExplicit = lrsAreExplicit
        self.epochs = epochs
        self.adam = adam
        self.file = file
        self.spec = spec
    }

    func lineText(_ loc: PyLoc) -> String { loc.line >= 1 && loc.line <= lines.count ? lines[loc.line - 1] : "" }

    func origin(_ loc: PyLoc?) -> Origin {
        guard let loc, loc.line >= 1 else { return Origin(spec: spec, file: file) }
        return Origin(spec: spec, file: file ?? "<snippet>", line: loc.line, column: loc.column + margin, text: lineText(loc))
    }
}

/// What a snippet draws, bound and ready to simulate.
public struct PythonSnippetRun: Sendable {
    /// The schedule to simulate (a registry schedule the snippet called, or the snippet's own
    /// object or function).
    public var arguments: ScheduleArguments
    /// The registry call, when it is one (for warnings and titles).
    public var call: CallValue?
    /// The param groups' base lrs (from the snippet's optimizer).
    public var lrs: [Double]
    /// Adam's settings from the snippet's optimizer.
    public var adam: AdamSettings
    /// What the snippet printed (its `print`s and verbose lines), byte for byte.
    public var printed: String
    /// lrplot's warnings about the snippet.
    public var warnings: [Diagnostic]
    /// The resolved bindings (`--set` values, argparse and dataclass defaults), `name = value`.
    public var bindings: [(name: String, value: String)]
    /// What was drawn, in words (`scheduler = StepLR(…)`, `get_lr(it)`).
    public var drawn: String
    /// Whether the drawn scheduler asked for verbose messages (`verbose=True`).
    public var verbose = false
    /// The param groups as the drawn scheduler found them (lrs, `initial_lr`, betas, weight decay).
    public var startGroups: [ParamGroup] = []
}

/// Runs a Python snippet in the sandboxed evaluator and finds what it draws (contract 8.1).
public enum PythonSnippet {
    /// A `--set KEY=VALUE`.
    public typealias Binding = (key: String, value: String, origin: Origin)

    /// Runs `source`; every failure is a ``Diagnostic`` naming the line and column.
    public static func run(source original: String, context: PySnippetContext, bindings: [Binding] = [], pick: String? = nil) throws(Diagnostic) -> PythonSnippetRun {
        var context = context
        context.lines = original.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        // A paste cut from inside a function or class body is indented as a whole: dedent it.
        let (source, margin) = dedented(context.lines)
        context.margin = margin
        var overrides = Overrides()
        let compiled = try compile(source, context) { (rt) throws(Diagnostic) in
            overrides = try evaluateBindings(bindings, rt)
            return overrides.values
        }
        let (rt, module, code) = (compiled.runtime, compiled.module, compiled.code)
        try bindFreeNames(compiled.compiler, module, rt, overrides.keys, context)
        let frame = PyFrame(slots: 0, cells: [], function: nil, module: module)
        do { _ = try code(frame) } catch { if !error.isStop { throw diagnostic(error, context, step: nil) } }
        rt.printing = false
        rt.stopsAtFirstStep = false
        rt.kernelsAllowed = true
        return try drawn(rt, module, context, pick: pick, overrides: overrides.shown)
    }

    /// A module compiled for a run: the runtime it runs in, its globals and code.
    struct CompiledModule {
        let runtime: PyRuntime
        let module: PyModuleState
        let compiler: PyCompiler
        let code: PyExec
        let body: [PyStatement]
    }

    /// Parses and compiles `source` (syntax errors at their line and column); `bindings` are the
    /// `--set` values, evaluated in the module's runtime before it is compiled.
    static func compile(_ source: String, _ context: PySnippetContext,
                        bindings: (PyRuntime) throws(Diagnostic) -> [String: PyObject] = { _ in [:] }) throws(Diagnostic) -> CompiledModule {
        let body: [PyStatement]
        do { body = try PySourceParser.parseModule(source, file: context.file) } catch {
            throw Diagnostic("SyntaxError: \(error.message)", at: context.origin(PyLoc(line: error.line, column: error.column)))
        }
        let rt = PyRuntime(context: context)
        let overrides = try bindings(rt)
        let module = PyModuleState(runtime: rt, lines: context.lines, file: context.file)
        let compiler = PyCompiler(module: module, builtins: rt.builtins, overrides: overrides)
        let code: PyExec
        do { code = try compiler.compileModule(body) } catch {
            throw Diagnostic("SyntaxError: \(error.message)", at: context.origin(PyLoc(line: error.line, column: error.column)))
        }
        return CompiledModule(runtime: rt, module: module, compiler: compiler, code: code, body: body)
    }

    /// `textwrap.dedent`: the lines without the whitespace every non-blank line starts with.
    static func dedented(_ lines: [String]) -> (String, Int) {
        let indents = lines.filter { !$0.trimmingSpaces.isEmpty && !$0.trimmingSpaces.hasPrefix("#") }.map { $0.prefix { $0 == " " || $0 == "\t" } }
        guard var common = indents.first, !common.isEmpty else { return (lines.joined(separator: "\n"), 0) }
        for i in indents.dropFirst() { while !i.hasPrefix(common) { common.removeLast() } }
        guard !common.isEmpty else { return (lines.joined(separator: "\n"), 0) }
        return (lines.map { $0.hasPrefix(common) ? String($0.dropFirst(common.count)) : $0.trimmingSpaces }.joined(separator: "\n"), common.count)
    }

    static func diagnostic(_ error: PyError, _ context: PySnippetContext, step: Int?) -> Diagnostic {
        // Raised inside torch's own LRScheduler code (the prelude): said so, without a line of the snippet.
        if let loc = error.loc, loc.line >= PyLoc.libraryLine {
            var e = error
            e.loc = nil
            e.message += " (in torch's LRScheduler)"
            return diagnostic(e, context, step: step)
        }
        var origin = context.origin(error.loc)
        if let d = error.diagnostic {
            if error.loc != nil, d.origin.line == nil { origin.subject = d.origin.subject } else { origin = d.origin }
            return Diagnostic(d.message, at: origin)
        }
        let at = step.map { " (at step \($0))" } ?? ""
        return Diagnostic("\(error.described)\(at)", at: origin)
    }

    // MARK: Bindings

    struct Overrides {
        var values: [String: PyObject] = [:]
        var keys: [String] = []
        var shown: [(String, String)] = []
    }

    private static func evaluateBindings(_ bindings: [Binding], _ rt: PyRuntime) throws(Diagnostic) -> Overrides {
        var result = Overrides()
        for b in bindings {
            let keyExpr: PySyntax
            do { keyExpr = try PySourceParser.parseExpression(b.key) } catch {
                throw Diagnostic("'\(b.key)' is not a name, dotted name, subscript or call to bind (\(error.message))", at: b.origin)
            }
            guard let key = PyCompiler.canonicalKey(keyExpr) else {
                throw Diagnostic("'\(b.key)' is not a name, dotted name (args.epochs), subscript (cfg['lr']) or call (len(loader)) to bind", at: b.origin)
            }
            let scratch = PyModuleState(runtime: rt, lines: [b.value], file: nil)
            let compiler = PyCompiler(module: scratch, builtins: rt.builtins, overrides: result.values)
            let value: PyObject
            do {
                let e = try PySourceParser.parseExpression(b.value)
                let eval = try compiler.expression(e, PyScope(kind: .module, parent: nil))
                value = try eval(PyFrame(slots: 0, cells: [], function: nil, module: scratch))
            } catch let error as PySourceError {
                throw Diagnostic("the value '\(b.value)' is not a Python expression: \(error.message)", at: b.origin)
            } catch let error as PyError {
                throw Diagnostic("the value '\(b.value)' cannot be computed: \(error.described)", at: b.origin)
            } catch {
                throw Diagnostic("the value '\(b.value)' cannot be computed", at: b.origin)
            }
            result.values[key] = value
            result.keys.append(key)
            result.shown.append((key, (try? rt.repr(value)) ?? b.value))
        }
        return result
    }

    /// Names pasted code commonly uses without importing them.
    static let autoImports: [String: String] = [
        "math": "math", "np": "numpy", "numpy": "numpy", "torch": "torch", "optim": "torch.optim",
        "lr_scheduler": "torch.optim.lr_scheduler", "nn": "torch.nn", "transformers": "transformers", "timm": "timm",
        "plt": "matplotlib.pyplot", "argparse": "argparse", "functools": "functools",
    ]

    /// Names pasted code uses for torch pieces lrplot does not simulate.
    static let standInNames: Set<String> = ["Parameter", "F", "DataLoader", "Dataset", "model", "net", "device", "criterion", "loss_fn"]

    private static func bindFreeNames(_ compiler: PyCompiler, _ module: PyModuleState, _ rt: PyRuntime, _ overridden: [String],
                                      _ context: PySnippetContext) throws(Diagnostic) {
        var order: [String] = []
        var reads: [String: [(key: String, loc: PyLoc, role: PyCompiler.ReadRole)]] = [:]
        for read in compiler.globalReads where !compiler.moduleBound.contains(read.name) && rt.builtins[read.name] == nil {
            if reads[read.name] == nil { order.append(read.name) }
            reads[read.name, default: []].append((read.key, read.loc, read.role))
        }
        let overriddenSet = Set(overridden)
        var missing: [(String, PyLoc)] = []
        func standInKey(_ key: String) -> Bool {
            [".parameters(", ".named_parameters(", ".modules(", ".children(", ".to(", ".cuda(", ".train(", ".eval("].contains { key.contains($0) }
        }
        func covered(_ key: String) -> Bool {
            overriddenSet.contains(key) || overridden.contains { key.hasPrefix($0 + ".") || key.hasPrefix($0 + "[") || key.hasPrefix($0 + "(") }
        }
        for root in order {
            if overriddenSet.contains(root) { continue }
            let all = reads[root] ?? []
            // The longest key read at each place.
            var longest: [String: (key: String, loc: PyLoc, role: PyCompiler.ReadRole)] = [:]
            var places: [String] = []
            for r in all {
                let place = "\(r.loc.line):\(r.loc.column)"
                if let current = longest[place] { if r.key.count > current.key.count { longest[place] = r } } else {
                    longest[place] = r
                    places.append(place)
                }
            }
            let keys = places.compactMap { longest[$0] }.filter { !covered($0.key) }
            // Names lrplot supplies itself: modules and classes pasted without their imports.
            if let path = autoImports[root] {
                do { module[root] = try PyModules.importModule(path, rt) } catch { throw diagnostic(error, context, step: nil) }
                continue
            }
            if let member = try bareMember(root, rt, context) { module[root] = member; continue }
            // The optimizer a scheduler is given: lrplot's own (its --lr groups).
            let optimizerKeys = keys.filter { $0.role == .schedulerOptimizer }
            if root == "optimizer" || root == "opt" || !optimizerKeys.isEmpty || root == "self" {
                let optimizer = PyObject.host(try defaultOptimizer(rt, context))
                if root == "optimizer" || root == "opt" || optimizerKeys.contains(where: { $0.key == root }) {
                    module[root] = optimizer
                    continue
                }
                // `self.optimizer`, `trainer.opt`: a namespace holding it (other attributes are --set's).
                let ns = PyNamespace()
                for k in optimizerKeys {
                    let parts = k.key.split(separator: ".").dropFirst()
                    if parts.count == 1, let attribute = parts.first { ns.values.set(String(attribute), optimizer) }
                }
                if root == "self" { for name in ["optimizer", "opt"] where ns.values.get(name) == nil { ns.values.set(name, optimizer) } }
                module[root] = .host(ns)
                let others = keys.filter { $0.role != .schedulerOptimizer && $0.key != root && !standInKey($0.key) && !$0.key.hasPrefix("\(root).optimizer") && !$0.key.hasPrefix("\(root).opt") }
                missing.append(contentsOf: others.map { ($0.key, $0.loc) })
                continue
            }
            // What only feeds an optimizer's params, or names a model: a stand-in.
            let needed = keys.filter { $0.role != .optimizerParams && !standInKey($0.key) }
            if needed.isEmpty || standInNames.contains(root) {
                module[root] = .host(PyOpaque(root))
                continue
            }
            missing.append(contentsOf: needed.map { ($0.key, $0.loc) })
        }
        guard !missing.isEmpty else { return }
        var seen: Set<String> = []
        let unique = missing.filter { seen.insert($0.0).inserted }
        let list = unique.map { "\($0.0) (line \($0.1.line))" }.joined(separator: ", ")
        let line = unique.map { "--set " + shellQuoted("\($0.0)=VALUE") }.joined(separator: " ")
        throw Diagnostic("the snippet uses \(unique.count == 1 ? "a name that is" : "names that are") not defined anywhere in it (free names): \(list). Give \(unique.count == 1 ? "it a value" : "them values") with: \(line)",
                         at: context.origin(unique[0].1))
    }

    static func shellQuoted(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || "_.=-+/:,@%".contains($0) } ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A class or function name a family or torch.optim offers (`StepLR`, `Adam`), for pastes without imports.
    private static func bareMember(_ name: String, _ rt: PyRuntime, _ context: PySnippetContext) throws(Diagnostic) -> PyObject? {
        var paths: [String] = []
        if PyTorchBridge.optimizerNames.contains(name) { paths.append("torch.optim") }
        if name == "LRScheduler" || name == "_LRScheduler" { paths.append("torch.optim.lr_scheduler") }
        for (path, members) in PyTorchBridge.familyModules().sorted(by: { $0.key < $1.key }) where members[name] != nil {
            if path == "torch.optim.lr_scheduler" { paths.insert(path, at: 0) } else { paths.append(path) }
        }
        guard let path = paths.first else { return nil }
        do { return try PyModules.member(try PyModules.importModule(path, rt), name, of: path, rt) } catch { throw diagnostic(error, context, step: nil) }
    }

    private static func defaultOptimizer(_ rt: PyRuntime, _ context: PySnippetContext) throws(Diagnostic) -> PyOptimizer {
        var a = PyArguments([.host(PyOpaque("model.parameters()"))])
        if context.lrs.count > 1 {
            let groups = context.lrs.map { lr -> PyObject in
                let d = PyDict()
                d.set("params", .host(PyOpaque("params")))
                d.set("lr", .float(lr))
                return .dict(d)
            }
            a = PyArguments([.list(PyList(groups))])
        } else {
            a.keywords.append(("lr", .float(context.lrs.first ?? 0.1)))
        }
        do { return try PyOptimizer.make("Adam", a, rt) } catch { throw diagnostic(error, context, step: nil) }
    }

    // MARK: What is drawn

    private static func names(of object: PyObject, in module: PyModuleState, _ rt: PyRuntime) -> [String] {
        var result: [String] = []
        for (i, name) in module.names.enumerated() where !name.hasPrefix("<") {
            if let v = module.values[i], rt.identical(v, object) { result.append(name) }
        }
        return result
    }

    private static func object(of d: PyDrawable) -> PyObject {
        switch d {
        case .registry(let s): return .host(s)
        case .object(let o, _, _, _, _): return o
        case .keras(let c): return .host(c)
        }
    }

    private static func isStepFunction(_ f: PyFunctionObject) -> Bool {
        let ps = f.code.parameters
        guard let first = ps.first, first.kind == .normal, f.defaults.first.map({ $0 == nil }) ?? false else { return false }
        for (i, p) in ps.enumerated().dropFirst() where p.kind == .normal || p.kind == .keywordOnly {
            if f.defaults[i] == nil { return false }
        }
        return true
    }

    private static func drawn(_ rt: PyRuntime, _ module: PyModuleState, _ context: PySnippetContext, pick: String?,
                              overrides: [(String, String)]) throws(Diagnostic) -> PythonSnippetRun {
        let drawables = rt.drawables.filter {
            if case .registry(let s) = $0 { return !rt.consumed.contains(ObjectIdentifier(s)) }
            return true
        }
        var functions: [(String, PyFunctionObject)] = []
        for (i, name) in module.names.enumerated() where !name.hasPrefix("<") && !name.hasPrefix("_") {
            if case .function(let f) = module.values[i] ?? .none, isStepFunction(f) { functions.append((name, f)) }
        }
        func candidates() -> String {
            var all: [String] = []
            for d in drawables { all.append(contentsOf: names(of: object(of: d), in: module, rt)) }
            all.append(contentsOf: functions.map(\.0))
            var seen: Set<String> = []
            let unique = all.filter { seen.insert($0).inserted }
            return unique.isEmpty ? "none" : unique.joined(separator: ", ")
        }
        var chosen: PyDrawable? = nil
        var function: (String, PyFunctionObject)? = nil
        if let pick {
            guard let value = module[pick] else {
                throw Diagnostic("--pick \(pick): the snippet has no variable '\(pick)'; candidates: \(candidates())\(Suggestion.didYouMean(pick, in: module.names))")
            }
            if let d = drawables.first(where: { rt.identical(object(of: $0), value) }) ?? rt.drawables.first(where: { rt.identical(object(of: $0), value) }) {
                chosen = d
            } else if case .function(let f) = value {
                function = (pick, f)
            } else {
                throw Diagnostic("--pick \(pick): '\(pick)' is \((try? rt.repr(value)) ?? value.typeName), not a scheduler or a function of the step; candidates: \(candidates())")
            }
        } else if let last = drawables.last {
            chosen = last
        } else if functions.count == 1 {
            function = functions[0]
        } else if functions.count > 1 {
            throw Diagnostic("the snippet has several functions that could be the schedule (\(functions.map(\.0).joined(separator: ", "))); choose one with --pick NAME")
        } else {
            throw Diagnostic("the snippet constructs no scheduler and defines no function of the step (such as def get_lr(it)); lrplot draws the last scheduler it constructs, an object with step() made on its optimizer, or a function of the step")
        }
        var warnings = rt.warnings.map { Diagnostic($0) }
        let bindings = overrides + resolvedDefaults(module, rt)
        if let function {
            let (name, f) = function
            let def = PySnippetSchedules.function(name: name, f, rt, context)
            let optimizer = rt.optimizers.last
            var run = PythonSnippetRun(arguments: ScheduleArguments(definition: def, origin: context.origin(f.code.loc)), call: nil,
                                       lrs: optimizer?.initialLRs ?? context.lrs, adam: adamSettings(optimizer, context), printed: rt.printed,
                                       warnings: warnings, bindings: bindings, drawn: "\(name)(\(f.code.parameters.first?.name ?? "step"))")
            // Whether it will run as a typed kernel (made again, lazily, by the simulation).
            if context.explainsEvaluation {
                do throws(PyKernelIneligible) {
                    _ = try PyNumericKernel.compile(f, rt)
                    run.drawn += ", compiled to a typed kernel"
                } catch {
                    run.drawn += ", run by the evaluator (its kernel subset does not take \(error.reason))"
                }
            }
            run.startGroups = optimizer?.creationGroups ?? []
            return run
        }
        switch chosen {
        case .registry(let s):
            var run = PythonSnippetRun(arguments: s.arguments, call: s.call, lrs: s.startGroups.map(\.lr), adam: adamSettings(s.optimizer, context),
                                       printed: rt.printed, warnings: [], bindings: bindings, drawn: "")
            run.startGroups = s.startGroups
            let label = names(of: .host(s), in: module, rt).first.map { "\($0) = " } ?? ""
            run.drawn = "\(label)\(s.arguments.definition.displayName)(…)"
            let bound: BoundSchedule
            do { bound = try Binder.bind(s.call, BindContext(lrs: run.lrs, epochs: context.epochs, adam: run.adam)) } catch { throw error }
            run.arguments = bound.arguments
            run.verbose = bound.verbose
            warnings.append(contentsOf: bound.warnings)
            run.warnings = warnings
            return run
        case .object(let o, let cls, let arguments, let optimizer, let startGroups):
            let def = PySnippetSchedules.object(cls, arguments, optimizer, rt, context)
            let label = names(of: o, in: module, rt).first.map { "\($0) = " } ?? ""
            let args = ScheduleArguments(definition: def, origin: context.origin(rt.context.lines.isEmpty ? nil : PyLoc(line: 1, column: 1)))
            // Build it once, so that a constructor that fails on the run's optimizer fails now.
            do {
                let scratch = Adam(groups: startGroups)
                _ = try def.build(args, BuildContext(optimizer: scratch, epochs: context.epochs))
            } catch { throw Diagnostic(error.message, at: args.origin) }
            var run = PythonSnippetRun(arguments: args, call: nil, lrs: startGroups.map(\.lr), adam: adamSettings(optimizer, context), printed: rt.printed,
                                       warnings: warnings, bindings: bindings, drawn: "\(label)\(cls.name)(…)")
            run.startGroups = startGroups
            return run
        case .keras(let callback):
            // The optimizer's lr where fit starts: --lr when given, else the last Keras optimizer
            // the snippet made (as model.compile(optimizer=…) holds it), else lrplot's default lr.
            let start = context.lrsAreExplicit ? Float(context.lrs.first ?? 0.1) : (rt.kerasOptimizers.last?.learningRate ?? Float(context.lrs.first ?? 0.1))
            let name = names(of: callback.schedule, in: module, rt).first ?? "schedule"
            let def = PySnippetSchedules.kerasCallback(name: name, callback.schedule, start: start, rt, context)
            let label = names(of: .host(callback), in: module, rt).first.map { "\($0) = " } ?? ""
            let lrs = context.lrsAreExplicit ? context.lrs : [Double(start)]
            let run = PythonSnippetRun(arguments: ScheduleArguments(definition: def, origin: context.origin(callback.loc)), call: nil,
                                       lrs: lrs, adam: context.adam, printed: rt.printed, warnings: warnings, bindings: bindings,
                                       drawn: "\(label)LearningRateScheduler(\(name))")
            return run
        case nil:
            throw Diagnostic("nothing to draw")
        }
    }

    private static func adamSettings(_ optimizer: PyOptimizer?, _ context: PySnippetContext) -> AdamSettings {
        var adam = context.adam
        guard let g = optimizer?.adam.groups.first else { return adam }
        adam.betas = g.betas
        adam.eps = g.eps
        adam.weightDecay = g.weightDecay
        adam.amsgrad = g.amsgrad
        return adam
    }

    /// argparse namespaces and dataclass instances the module holds, field by field.
    private static func resolvedDefaults(_ module: PyModuleState, _ rt: PyRuntime) -> [(String, String)] {
        var result: [(String, String)] = []
        for (i, name) in module.names.enumerated() where !name.hasPrefix("<") {
            switch module.values[i] ?? .none {
            case .host(let h):
                guard let ns = h as? PyNamespace else { continue }
                for (k, v) in zip(ns.values.keys, ns.values.values) {
                    if case .str(let key) = k { result.append(("\(name).\(key)", (try? rt.repr(v)) ?? "?")) }
                }
            case .instance(let inst) where inst.cls.dataclassFields != nil:
                for (k, v) in zip(inst.attributes.keys, inst.attributes.values) {
                    if case .str(let key) = k { result.append(("\(name).\(key)", (try? rt.repr(v)) ?? "?")) }
                }
            default: continue
            }
        }
        return result
    }
}

/// Objects a snippet made that lrplot can draw.
enum PyDrawable {
    case registry(PyScheduler)
    case object(PyObject, constructor: PyClass, arguments: PyArguments, optimizer: PyOptimizer, startGroups: [ParamGroup])
    /// A Keras `LearningRateScheduler(schedule)` callback.
    case keras(PyKerasCallback)
}

extension PythonSnippet {
    /// Runs `source` as a module and returns what it printed (for tests of the language itself).
    public static func printedOutput(of source: String, file: String? = nil) throws(Diagnostic) -> String {
        var context = PySnippetContext(lrs: [0.1], lrsAreExplicit: false, epochs: 10, adam: AdamSettings(), file: file)
        context.lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let compiled = try compile(source, context)
        let (rt, module, code) = (compiled.runtime, compiled.module, compiled.code)
        rt.stopsAtFirstStep = false
        do { _ = try code(PyFrame(slots: 0, cells: [], function: nil, module: module)) } catch { throw diagnostic(error, context, step: nil) }
        return rt.printed
    }
}

extension PythonSnippet {
    /// Runs a Python config file (MMEngine's) and returns its module globals as a mapping of the
    /// value tree: numbers, strings, lists, tuples and dicts (`.mapping`), each at its line.
    public static func globals(of source: String, file: String?) throws(Diagnostic) -> SourceValue {
        var context = PySnippetContext(lrs: [0.1], lrsAreExplicit: false, epochs: 1, adam: AdamSettings(), file: file)
        context.lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let compiled = try compile(source, context)
        let (rt, module, code, body) = (compiled.runtime, compiled.module, compiled.code, compiled.body)
        rt.stopsAtFirstStep = false
        do { _ = try code(PyFrame(slots: 0, cells: [], function: nil, module: module)) } catch { throw diagnostic(error, context, step: nil) }
        // Where each global was assigned, for origins.
        var lines: [String: Int] = [:]
        for s in body {
            if case .assign(let targets, _, let loc) = s { for case .name(let n, _) in targets { lines[n] = loc.line } }
        }
        var entries: [CallValue.Keyword] = []
        for (i, name) in module.names.enumerated() where !name.hasPrefix("<") {
            guard let value = module.values[i], let converted = treeValue(value, rt, origin: context.origin(lines[name].map { PyLoc(line: $0, column: 1) }), depth: 0) else { continue }
            entries.append(CallValue.Keyword(name, converted))
        }
        return SourceValue(.mapping(entries), text: "", origin: Origin(file: file))
    }

    private static func treeValue(_ o: PyObject, _ rt: PyRuntime, origin: Origin, depth: Int) -> SourceValue? {
        guard depth < 50 else { return nil }
        let text = (try? rt.repr(o)) ?? ""
        switch o {
        case .none: return SourceValue(.none, text: "None", origin: origin)
        case .bool(let b): return SourceValue(.bool(b), text: text, origin: origin)
        case .int(let i): return SourceValue(.number(Double(i), integer: i), text: text, origin: origin)
        case .float(let d): return SourceValue(.number(d, integer: nil), text: text, origin: origin)
        case .str(let s): return SourceValue(.string(s), text: text, origin: origin)
        case .list(let l): return SourceValue(.list(l.items.compactMap { treeValue($0, rt, origin: origin, depth: depth + 1) }), text: text, origin: origin)
        case .tuple(let t): return SourceValue(.list(t.compactMap { treeValue($0, rt, origin: origin, depth: depth + 1) }), text: text, origin: origin)
        case .dict(let d):
            var entries: [CallValue.Keyword] = []
            for (k, v) in zip(d.keys, d.values) {
                guard case .str(let key) = k, let value = treeValue(v, rt, origin: origin, depth: depth + 1) else { continue }
                entries.append(CallValue.Keyword(key, value))
            }
            return SourceValue(.mapping(entries), text: text, origin: origin)
        case .type(let c): return SourceValue(.string(c.name), text: c.name, origin: origin)
        case .host(let h):
            if let r = h as? PyRegistryClass { return SourceValue(.string(r.name), text: r.name, origin: origin) }
            return nil
        default: return nil
        }
    }
}
