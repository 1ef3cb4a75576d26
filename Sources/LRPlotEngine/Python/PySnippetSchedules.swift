extension ScheduleFamily {
    /// A snippet's own scheduler classes and lr functions (made at run time, not registered).
    public static let snippet = ScheduleFamily(
        id: "python", library: "the snippet", module: "", version: "", heading: "From a Python source",
        composesWithTorch: false, classPrefixes: [])
}

/// The evaluator's objects as schedules the simulation can run: a snippet's own class (rebuilt
/// on the simulation's optimizer and stepped through its `step()`), or a function of the step.
enum PySnippetSchedules {
    /// Shares the evaluator with the simulation, which uses it from one thread at a time.
    final class Shared: @unchecked Sendable {
        let runtime: PyRuntime
        let make: (Adam, (any LRObserver)?) throws(PyError) -> LRScheduler
        init(runtime: PyRuntime, make: @escaping (Adam, (any LRObserver)?) throws(PyError) -> LRScheduler) {
            self.runtime = runtime
            self.make = make
        }
    }

    static func failure(_ error: PyError, _ context: PySnippetContext, step: Int) -> ScheduleError {
        let d = PythonSnippet.diagnostic(error, context, step: step)
        var failure = ScheduleError(parameter: nil, message: d.message)
        failure.origin = d.origin
        return failure
    }

    static func definition(name: String, summary: String, _ shared: Shared, _ context: PySnippetContext) -> ScheduleDefinition {
        ScheduleDefinition(name: "python", pythonClass: name, family: .snippet, summary: summary, formula: "", parameters: [], example: "",
                           build: { _, build throws(ScheduleError) in
            shared.runtime.resetForCall()
            do throws(PyError) { return try shared.make(build.optimizer, build.observer) } catch {
                let d = PythonSnippet.diagnostic(error, context, step: 0)
                var failure = ScheduleError(parameter: nil, message: d.message)
                failure.origin = d.origin
                throw failure
            }
        })
    }

    /// `cls(*arguments)` rebuilt on the simulation's optimizer, then stepped by its `step()`.
    static func object(_ cls: PyClass, _ arguments: PyArguments, _ optimizer: PyOptimizer, _ rt: PyRuntime, _ context: PySnippetContext) -> ScheduleDefinition {
        let shared = Shared(runtime: rt) { adam, observer throws(PyError) in
            let fresh = PyObject.host(optimizer.rebound(to: adam))
            func swap(_ x: PyObject) -> PyObject {
                if case .host(let h) = x, h === optimizer { return fresh }
                return x
            }
            let args = PyArguments(arguments.positional.map(swap), keywords: arguments.keywords.map { ($0.0, swap($0.1)) })
            let instance = try rt.instantiate(cls, args)
            let step = try rt.getAttribute(instance, "step")
            // torch's LRSchedulers printed their lrs after construction and every step (torch ≤ 2.1).
            let reporter = cls.isTorchScheduler ? observer : nil
            if let reporter { for g in adam.groups.indices { reporter.adjusted(group: g, to: adam.groups[g].lr) } }
            return PyObjectScheduler(optimizer: adam, runtime: rt, context: context, reporter: reporter) { () throws(PyError) in _ = try rt.call(step, PyArguments()) }
        }
        let kind = cls.isTorchScheduler ? "an LRScheduler subclass" : "an object with step()"
        return definition(name: cls.name, summary: "\(cls.name), \(kind) defined in the snippet", shared, context)
    }

    /// A Keras `LearningRateScheduler(schedule)` as `fit` runs it: at each epoch's start,
    /// `schedule(epoch, lr)` (or `schedule(epoch)`) from the optimizer's float32 lr, assigned back
    /// rounded to float32; every group's lr is that value widened to double.
    static func kerasCallback(name: String, _ schedule: PyObject, start: Float, _ rt: PyRuntime, _ context: PySnippetContext) -> ScheduleDefinition {
        let shared = Shared(runtime: rt) { adam, _ throws(PyError) in
            var lr = start
            return try PyFunctionScheduler(optimizer: adam, runtime: rt, context: context) { (epoch: Int) throws(PyError) -> Double in
                lr = try PyKerasCallback.update(schedule, epoch: epoch, lr: lr, rt)
                return Double(lr)
            }
        }
        return definition(name: "LearningRateScheduler(\(name))", summary: "keras.callbacks.LearningRateScheduler(\(name)), stepped once per epoch", shared, context)
    }

    /// `f(step)` as every group's lr.
    static func function(name: String, _ f: PyFunctionObject, _ rt: PyRuntime, _ context: PySnippetContext) -> ScheduleDefinition {
        let shared = Shared(runtime: rt) { adam, _ throws(PyError) in
            let dispatch = PyKernelDispatch(f, rt)
            return try PyFunctionScheduler(optimizer: adam, runtime: rt, context: context) { (step: Int) throws(PyError) -> Double in
                let value = try dispatch.call(step) { () throws(PyError) in try rt.invoke1(f, .int(step)) }
                guard let v = value.number else { throw .typeError("\(name)() returned \(value.typeName), not a number") }
                return v.asDouble
            }
        }
        return definition(name: name, summary: "\(name)(step), a function defined in the snippet", shared, context)
    }
}

/// A snippet's object, stepped by its own `step()`; its lrs are whatever it writes into the groups.
final class PyObjectScheduler: LRScheduler {
    private let stepBody: () throws(PyError) -> Void
    private let runtime: PyRuntime
    private let context: PySnippetContext

    private let reporter: (any LRObserver)?

    init(optimizer: Adam, runtime: PyRuntime, context: PySnippetContext, reporter: (any LRObserver)?, step: @escaping () throws(PyError) -> Void) {
        stepBody = step
        self.reporter = reporter
        self.runtime = runtime
        self.context = context
        super.init(attachingTo: optimizer, lastEpoch: 0)
    }

    override func step() throws(ScheduleError) {
        stepCount += 1
        lastEpoch += 1
        runtime.resetForCall()
        do throws(PyError) { try stepBody() } catch {
            throw PySnippetSchedules.failure(error, context, step: lastEpoch)
        }
        if let reporter { for g in optimizer.groups.indices { reporter.adjusted(group: g, to: optimizer.groups[g].lr) } }
    }

    override func lr(forGroup group: Int) throws(ScheduleError) -> Double { optimizer.groups[group].lr }
}

/// A function of the step as every group's lr: `f(0)` at construction, `f(n)` after `n` steps.
final class PyFunctionScheduler: LRScheduler {
    private let function: (Int) throws(PyError) -> Double
    private let runtime: PyRuntime
    private let context: PySnippetContext

    init(optimizer: Adam, runtime: PyRuntime, context: PySnippetContext, function: @escaping (Int) throws(PyError) -> Double) throws(PyError) {
        self.function = function
        self.runtime = runtime
        self.context = context
        super.init(attachingTo: optimizer, lastEpoch: 0)
        let lr = try function(0)
        for g in optimizer.groups.indices { optimizer.groups[g].lr = lr }
    }

    override func step() throws(ScheduleError) {
        stepCount += 1
        lastEpoch += 1
        runtime.resetForCall()
        let lr: Double
        do throws(PyError) { lr = try function(lastEpoch) } catch {
            throw PySnippetSchedules.failure(error, context, step: lastEpoch)
        }
        for g in optimizer.groups.indices { optimizer.groups[g].lr = lr }
    }

    override func lr(forGroup group: Int) throws(ScheduleError) -> Double { optimizer.groups[group].lr }
}
