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
            func number(_ value: PyObject) throws(PyError) -> Double {
                guard let v = value.number else { throw .typeError("\(name)() returned \(value.typeName), not a number") }
                return v.asDouble
            }
            let scheduler = try PyFunctionScheduler(optimizer: adam, runtime: rt, context: context) { (step: Int) throws(PyError) -> Double in
                try number(try dispatch.call(step) { () throws(PyError) in try rt.invoke1(f, .int(step)) })
            }
            scheduler.block = { (start, n, out, done) throws(PyError) in
                try dispatch.values(from: start, count: n, into: out, done: &done) { (step: Int) throws(PyError) -> Double in
                    rt.resetForCall()
                    return try number(try rt.invoke1(f, .int(step)))
                }
            }
            return scheduler
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

    /// Computes `f(first + i)` for `i < n` into `out[i]`, `done` counting those written (when it
    /// throws, the values before the failing step are written); nil: one step at a time.
    typealias Block = (_ first: Int, _ n: Int, _ out: UnsafeMutablePointer<Double>, _ done: inout Int) throws(PyError) -> Void
    /// A pure function of the step computes a whole block of rows at once (its kernel's blocks).
    var block: Block?
    /// `block`'s values for one ``record(rows:groups:lrs:beta1s:)``, reused.
    private var scratch: [Double] = []

    /// The rows' lrs are the current one, then `f(lastEpoch + 1)`, …: the steps' values come from
    /// ``block`` in one call. The same values, and the same error after the same row, as stepping
    /// row by row (``step()``); beta1 is whatever the groups hold, as the function never changes it.
    override func record(rows: Int, groups: Int, lrs: UnsafeMutablePointer<Double>, beta1s: UnsafeMutablePointer<Double>) -> (rows: Int, error: ScheduleError?) {
        guard let block, rows > 0, groups <= optimizer.groups.count else { return super.record(rows: rows, groups: groups, lrs: lrs, beta1s: beta1s) }
        if scratch.count < rows { scratch = Array(repeating: 0, count: rows) }
        let start = lastEpoch
        var done = 0
        var failure: ScheduleError? = nil
        scratch.withUnsafeMutableBufferPointer { values in
            guard let out = values.baseAddress else { return }
            do throws(PyError) { try block(start &+ 1, rows, out, &done) } catch {
                failure = PySnippetSchedules.failure(error, context, step: start &+ 1 &+ done)
            }
        }
        // Steps 1 … done succeeded and the next raised (when failure is set): rows 0 … done are
        // recorded, the last of them before the step that raised.
        let recorded = failure == nil ? rows : done + 1
        optimizer.groups.withUnsafeBufferPointer { current in
            scratch.withUnsafeBufferPointer { values in
                guard let v = values.baseAddress else { return }
                if groups == 1 {
                    // One column: the current lr, then the steps' values (recorded ≤ done + 1).
                    lrs[0] = current[0].lr
                    (lrs + 1).update(from: v, count: recorded - 1)
                    beta1s.update(repeating: current[0].betas.0, count: recorded)
                    return
                }
                for g in 0..<groups {
                    let beta1 = current[g].betas.0
                    var lr = current[g].lr
                    for row in 0..<recorded {
                        lrs[row &* groups &+ g] = lr
                        beta1s[row &* groups &+ g] = beta1
                        if row < done { lr = v[row] }
                    }
                }
            }
        }
        let stepped = failure == nil ? rows : done + 1
        stepCount += stepped
        lastEpoch += stepped
        if done > 0 {
            let lr = scratch[done - 1]
            for g in optimizer.groups.indices { optimizer.groups[g].lr = lr }
        }
        return (recorded, failure)
    }
}
