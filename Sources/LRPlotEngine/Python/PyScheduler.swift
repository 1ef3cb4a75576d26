/// A scheduler a snippet constructed from a registry schedule: the call as a value of the tree
/// (bound by the one binder), and lrplot's scheduler built on the snippet's optimizer so that the
/// snippet can step it and read its lrs.
final class PyScheduler: PyHost, PyTypeTestable {
    let call: CallValue
    let arguments: ScheduleArguments
    let optimizer: PyOptimizer
    let engine: LRScheduler
    let verbose: Bool
    /// The optimizer's groups just before this scheduler was constructed (where a drawing starts).
    var startGroups: [ParamGroup] = []

    init(call: CallValue, arguments: ScheduleArguments, optimizer: PyOptimizer, engine: LRScheduler, verbose: Bool) {
        self.call = call
        self.arguments = arguments
        self.optimizer = optimizer
        self.engine = engine
        self.verbose = verbose
    }

    override var typeName: String { arguments.definition.displayName }
    func isInstance(_ x: PyObject) -> Bool { false }

    static func make(callee: String, definition: ScheduleDefinition?, _ a: PyArguments, _ rt: PyRuntime) throws(PyError) -> PyScheduler {
        let loc = rt.callSite
        let origin = rt.context.origin(loc)
        var optimizer: PyOptimizer? = nil
        var call = CallValue(callee: callee, form: .python, origin: origin, text: rt.context.lineText(loc))
        var converter = PyValueConverter(runtime: rt, origin: origin)
        for value in a.positional {
            if case .host(let h) = value, let o = h as? PyOptimizer {
                optimizer = optimizer ?? o
                call.positional.append(SourceValue(.name("optimizer"), text: "optimizer", origin: origin))
            } else {
                call.positional.append(try converter.value(value))
            }
        }
        for (label, value) in a.keywords {
            // timm's t_in_epochs only chooses step(epoch) or step_update(n): lrplot's rows are the unit either way.
            if label == "t_in_epochs", definition?.family == .timm || callee.hasPrefix("timm.") { continue }
            if case .host(let h) = value, let o = h as? PyOptimizer {
                optimizer = optimizer ?? o
                call.keywords.append(CallValue.Keyword(label, SourceValue(.name("optimizer"), text: "optimizer", origin: origin)))
            } else {
                call.keywords.append(CallValue.Keyword(label, try converter.value(value)))
            }
        }
        for child in converter.children {
            rt.consumed.insert(ObjectIdentifier(child))
            optimizer = optimizer ?? child.optimizer
        }
        // Keras's and optax's schedules take no optimizer: they draw over lrplot's own (one group per --lr).
        if optimizer == nil, let definition, !definition.family.takesOptimizer {
            optimizer = try PyOptimizer.make("Adam", PyArguments([.host(PyOpaque("params"))], keywords: [("lr", .float(rt.context.lrs.first ?? 0.1))]), rt)
        }
        guard let optimizer else {
            throw .typeError("\(definition?.displayName ?? callee)() needs the optimizer the snippet made (torch.optim.Adam(…)) as its first argument")
        }
        var verbose = false
        let arguments: ScheduleArguments
        do { arguments = try Binder.bindCall(call, verbose: &verbose) } catch { throw PyError(diagnostic: error) }
        let startGroups = optimizer.adam.groups
        // The snippet's own construction prints nothing: its verbose lines come from the simulation.
        let context = BuildContext(optimizer: optimizer.adam, epochs: rt.context.epochs, observer: nil, stepsAfterConstruction: nil)
        let engine: LRScheduler
        do { engine = try arguments.definition.build(arguments, context) } catch {
            throw PyError(diagnostic: Binder.diagnostic(error, in: arguments))
        }
        let scheduler = PyScheduler(call: call, arguments: arguments, optimizer: optimizer, engine: engine, verbose: verbose)
        scheduler.startGroups = startGroups
        rt.drawables.append(.registry(scheduler))
        return scheduler
    }

    override func attribute(_ name: String, _ runtime: PyRuntime) throws(PyError) -> PyObject? {
        switch name {
        case "step":
            return .builtin(PyBuiltin(name) { [self] a, rt throws(PyError) in
                if rt.stopsAtFirstStep { throw PyError.trainingLoopStarts }
                if let epoch = a.argument(0, "epoch"), !epoch.isNone, !engine.needsMetric {
                    throw PyError.limit("step(epoch) (deprecated in torch) is not supported; call step() once per epoch")
                }
                let metric = try a.argument(0, "metrics").map { (m: PyObject) throws(PyError) in try rt.double(m) }
                do throws(ScheduleError) {
                    if let metric, engine.needsMetric { try engine.step(metric: metric) } else { try engine.step() }
                } catch {
                    throw PyError(diagnostic: Binder.diagnostic(error, in: arguments))
                }
                return .none
            })
        case "get_last_lr", "_last_lr":
            let lrs: PyObject = .list(PyList(optimizer.adam.groups.map { .float($0.lr) }))
            if name == "_last_lr" { return lrs }
            return .builtin(PyBuiltin(name) { _, _ throws(PyError) in lrs })
        case "get_lr":
            return .builtin(PyBuiltin(name) { [self] _, _ throws(PyError) in
                var values: [PyObject] = []
                for g in optimizer.adam.groups.indices {
                    do throws(ScheduleError) { values.append(.float(try engine.lr(forGroup: g))) } catch { throw PyError.exception("RuntimeError", error.message) }
                }
                return .list(PyList(values))
            })
        case "last_epoch": return .int(engine.lastEpoch)
        case "base_lrs": return .list(PyList(engine.baseLRs.map { .float($0) }))
        case "optimizer": return .host(optimizer)
        case "state_dict": return .builtin(PyBuiltin(name) { _, _ throws(PyError) in .dict(PyDict()) })
        case "load_state_dict": return .builtin(PyBuiltin(name) { _, _ throws(PyError) in .none })
        default: return nil
        }
    }

    override func repr(_ runtime: PyRuntime) throws(PyError) -> String { "<\(arguments.definition.qualifiedName ?? arguments.definition.name) object>" }
}

/// Prints verbose lines of schedulers a snippet steps (PyTorch ≤ 2.1's message), into the
/// snippet's output.
final class PyVerboseObserver: LRObserver {
    unowned let runtime: PyRuntime
    init(runtime: PyRuntime) { self.runtime = runtime }
    func adjusted(group: Int, to lr: Double) {
        guard runtime.printing else { return }
        runtime.printed += "Adjusting learning rate of group \(group) to \(PyFormat.scientific4(lr)).\n"
    }
    func reduced(group: Int, to lr: Double, epoch: Int) {
        guard runtime.printing else { return }
        runtime.printed += "Epoch \(PyFormat.zeroPadded5(epoch)): reducing learning rate of group \(group) to \(PyFormat.scientific4(lr)).\n"
    }
}

/// Turns the evaluator's values into values of the tree (numbers, strings, lists, dicts as
/// `dict(…)` calls, schedulers as their calls, functions as callables).
struct PyValueConverter {
    let runtime: PyRuntime
    let origin: Origin
    /// Schedulers given as arguments (children of a composite).
    var children: [PyScheduler] = []

    init(runtime: PyRuntime, origin: Origin) {
        self.runtime = runtime
        self.origin = origin
    }

    mutating func value(_ o: PyObject) throws(PyError) -> SourceValue {
        let text = (try? runtime.repr(o)) ?? o.typeName
        switch o {
        case .none: return SourceValue(.none, text: "None", origin: origin)
        case .bool(let b): return SourceValue(.bool(b), text: text, origin: origin)
        case .int(let i): return SourceValue(.number(Double(i), integer: i), text: text, origin: origin)
        case .float(let d): return SourceValue(.number(d, integer: nil), text: text, origin: origin)
        case .str(let s): return SourceValue(.string(s), text: text, origin: origin)
        case .list(let l):
            var items: [SourceValue] = []
            for item in l.items { items.append(try value(item)) }
            return SourceValue(.list(items), text: text, origin: origin)
        case .tuple(let t):
            var items: [SourceValue] = []
            for item in t { items.append(try value(item)) }
            return SourceValue(.list(items), text: text, origin: origin)
        case .dict(let d):
            var call = CallValue(callee: "dict", form: .python, origin: origin, text: text)
            for (k, v) in zip(d.keys, d.values) {
                guard case .str(let key) = k else { throw .typeError("a dict argument needs string keys, got \(text)") }
                call.keywords.append(CallValue.Keyword(key, try value(v)))
            }
            return SourceValue(.call(call), text: text, origin: origin)
        case .host(let h):
            if let s = h as? PyScheduler {
                children.append(s)
                return SourceValue(.call(s.call), text: s.call.text, origin: s.call.origin)
            }
            if h is PyPartial { return SourceValue(.callable(callable(o, name: "partial")), text: "functools.partial(…)", origin: origin) }
            throw .typeError("lrplot cannot pass \(text) to a scheduler")
        case .function(let f):
            return SourceValue(.callable(callable(o, name: f.name, parameter: f.code.parameters.first?.name ?? "epoch")), text: f.name, origin: origin)
        case .builtin(let b): return SourceValue(.callable(callable(o, name: b.name)), text: b.name, origin: origin)
        case .method, .instance:
            if case .instance(let i) = o, i.cls.lookup("__call__") == nil {
                if runtime.drawables.contains(where: { if case .object(let x, _, _, _, _) = $0, case .instance(let y) = x { return y === i }; return false }) {
                    throw .typeError("lrplot cannot pass the snippet's own scheduler \(i.cls.name) into a registry scheduler; subclass or draw it directly")
                }
                throw .typeError("lrplot cannot pass \(text) to a scheduler")
            }
            return SourceValue(.callable(callable(o, name: text)), text: text, origin: origin)
        case .type(let c): throw .typeError("lrplot cannot pass the class \(c.name) to a scheduler")
        }
    }

    /// A callable the schedulers call with the epoch, run by the evaluator with a fresh budget.
    func callable(_ f: PyObject, name: String, parameter: String = "epoch") -> PythonCallable {
        let rt = runtime
        let dispatch: PyKernelDispatch?
        if case .function(let fn) = f { dispatch = PyKernelDispatch(fn, rt) } else { dispatch = nil }
        return PythonCallable(name: name, parameter: parameter) { x throws(PyEvaluationError) -> PyValue in
            let saved = (rt.budget, rt.allocationBudget)
            rt.resetForCall()
            defer { (rt.budget, rt.allocationBudget) = saved }
            do throws(PyError) {
                let result: PyObject
                if let dispatch, case .int(let step) = x {
                    result = try dispatch.call(step) { () throws(PyError) in try rt.call(f, PyArguments([PyObject(x)])) }
                } else {
                    result = try rt.call(f, PyArguments([PyObject(x)]))
                }
                guard let v = result.number else {
                    throw PyError.typeError("\(name) returned \(result.typeName), not a number")
                }
                return v
            } catch {
                let line = error.loc.map { "line \($0.line), " } ?? ""
                throw PyEvaluationError(kind: error.type ?? "LimitError", message: "\(error.message) (\(line)at step \(x))", column: error.loc?.column ?? 1)
            }
        }
    }
}

extension PyError {
    /// A binder diagnostic raised inside the snippet (reported as it is, at the call's line).
    init(diagnostic: Diagnostic) {
        self.init(type: nil, message: diagnostic.message, loc: nil)
        self.diagnostic = diagnostic
    }
}
