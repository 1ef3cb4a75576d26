/// Keras 3 inside the evaluator: `keras.optimizers.Adam/SGD/…` as objects holding a float32
/// learning rate, `keras.callbacks.LearningRateScheduler(schedule)` as a drawable stepped once per
/// epoch as Keras's `fit` calls it, and stand-ins for the model pieces a snippet names.
enum PyKeras {
    /// Keras 3.15.1's optimizers and their default `learning_rate` (the first parameter of each).
    static let optimizerDefaults: [String: Double] = [
        "Adam": 0.001, "SGD": 0.01, "AdamW": 0.001, "RMSprop": 0.001, "Adagrad": 0.001, "Adadelta": 0.001, "Adamax": 0.001,
        "Nadam": 0.001, "Ftrl": 0.001, "Lion": 0.001, "Adafactor": 0.001, "Lamb": 0.001, "Muon": 0.001,
    ]

    /// Callbacks that do not change the learning rate (stand-ins).
    static let inertCallbacks = ["BackupAndRestore", "CSVLogger", "Callback", "CallbackList", "EarlyStopping", "History", "LambdaCallback",
                                 "ModelCheckpoint", "OrbaxCheckpoint", "ProgbarLogger", "RemoteMonitor", "SwapEMAWeights", "TensorBoard", "TerminateOnNaN"]

    /// Names under `keras` that are model pieces lrplot does not simulate.
    static let inertMembers = ["layers", "models", "Sequential", "Model", "Input", "losses", "metrics", "datasets", "utils", "activations",
                               "initializers", "regularizers", "random", "backend", "applications", "saving", "mixed_precision"]

    /// Adds Keras's members to the module at `path` (`keras`, `keras.optimizers`, `keras.callbacks`, `keras.ops`).
    static func addMembers(_ path: String, _ members: inout [String: PyObject], _ known: inout Bool, _ rt: PyRuntime) throws(PyError) {
        switch path {
        case "keras":
            known = true
            for name in inertMembers where members[name] == nil { members[name] = .host(PyOpaque("keras.\(name)")) }
            members["callbacks"] = try PyModules.importModule("keras.callbacks", rt)
            members["ops"] = try PyModules.importModule("keras.ops", rt)
            members["optimizers"] = try PyModules.importModule("keras.optimizers", rt)
        case "keras.optimizers":
            known = true
            for name in optimizerDefaults.keys { members[name] = .host(PyKerasOptimizerClass(name: name)) }
        case "keras.callbacks":
            known = true
            members["LearningRateScheduler"] = .builtin(PyBuiltin("LearningRateScheduler") { a, rt throws(PyError) in
                guard let schedule = a.argument(0, "schedule") else { throw .typeError("LearningRateScheduler() missing 1 required positional argument: 'schedule'") }
                let callback = PyKerasCallback(schedule: schedule, loc: rt.callSite)
                rt.drawables.append(.keras(callback))
                return .host(callback)
            })
            members["ReduceLROnPlateau"] = .builtin(PyBuiltin("ReduceLROnPlateau") { _, _ throws(PyError) in
                throw .limit("keras.callbacks.ReduceLROnPlateau is not simulated by lrplot (it needs the model's validation loss); the plateau scheduler lrplot draws is torch's ReduceLROnPlateau")
            })
            for name in inertCallbacks { members[name] = .host(PyOpaque("keras.callbacks.\(name)")) }
        case "keras.ops":
            known = true
            for name in ["exp", "log", "cos", "sin", "sqrt", "power", "multiply", "add", "divide", "cast", "convert_to_tensor", "where", "minimum", "maximum"] {
                members[name] = .builtin(PyBuiltin(name) { _, _ throws(PyError) in
                    throw .limit("keras.ops.\(name): lrplot does not compute Keras ops (float32 tensors) in a schedule function; use math.\(name == "power" ? "pow" : name) or plain Python arithmetic")
                })
            }
        default: break
        }
    }
}

/// `import tensorflow as tf`: `tf.keras` is Keras; everything else a stand-in.
final class PyTensorflowModule: PyHost {
    override var typeName: String { "module" }
    override func attribute(_ name: String, _ runtime: PyRuntime) throws(PyError) -> PyObject? {
        if name == "keras" { return try PyModules.importModule("keras", runtime) }
        return .host(PyOpaque("tensorflow.\(name)"))
    }
    override func repr(_ runtime: PyRuntime) throws(PyError) -> String { "<module 'tensorflow'>" }
}

/// A Keras optimizer class (`keras.optimizers.SGD`): calling it makes a ``PyKerasOptimizer``.
final class PyKerasOptimizerClass: PyHost, PyCallableHost {
    let name: String
    init(name: String) { self.name = name }
    override var typeName: String { "type" }
    override func repr(_ runtime: PyRuntime) throws(PyError) -> String { "<class 'keras.optimizers.\(name)'>" }
    override func call(_ arguments: PyArguments, _ runtime: PyRuntime) throws(PyError) -> PyObject {
        let lr: Double
        if let value = arguments.argument(0, "learning_rate"), !value.isNone {
            guard value.number != nil else {
                throw .typeError("keras.optimizers.\(name)(learning_rate=…): lrplot needs a number, got \(value.typeName) (a schedule object as the learning rate is not simulated with a callback)")
            }
            lr = try runtime.double(value, "a learning rate")
        } else {
            lr = PyKeras.optimizerDefaults[name] ?? 0.001
        }
        let optimizer = PyKerasOptimizer(name: name, learningRate: Float(lr))
        runtime.kerasOptimizers.append(optimizer)
        return .host(optimizer)
    }
}

/// A Keras optimizer: only its learning rate, a float32 variable as Keras keeps it.
final class PyKerasOptimizer: PyHost {
    let name: String
    /// The `learning_rate` variable (float32: every assignment is rounded to float32).
    var learningRate: Float
    init(name: String, learningRate: Float) {
        self.name = name
        self.learningRate = learningRate
    }
    override var typeName: String { name }
    override func attribute(_ attribute: String, _ runtime: PyRuntime) throws(PyError) -> PyObject? {
        switch attribute {
        case "learning_rate", "lr": return .float(Double(learningRate))
        default: return .host(PyOpaque("\(name).\(attribute)"))
        }
    }
    override func setAttribute(_ attribute: String, _ value: PyObject, _ runtime: PyRuntime) throws(PyError) -> Bool {
        guard attribute == "learning_rate" || attribute == "lr" else { return true }
        learningRate = Float(try runtime.double(value, "a learning rate"))
        return true
    }
    override func repr(_ runtime: PyRuntime) throws(PyError) -> String { "<keras.src.optimizers.\(name.lowercased()).\(name) object>" }
}

/// `keras.callbacks.LearningRateScheduler(schedule)`.
final class PyKerasCallback: PyHost {
    let schedule: PyObject
    let loc: PyLoc
    init(schedule: PyObject, loc: PyLoc) {
        self.schedule = schedule
        self.loc = loc
    }
    override var typeName: String { "LearningRateScheduler" }
    override func attribute(_ name: String, _ runtime: PyRuntime) throws(PyError) -> PyObject? {
        if name == "schedule" { return schedule }
        return .host(PyOpaque("LearningRateScheduler.\(name)"))
    }
    override func setAttribute(_ name: String, _ value: PyObject, _ runtime: PyRuntime) throws(PyError) -> Bool { true }
    override func repr(_ runtime: PyRuntime) throws(PyError) -> String { "<keras.src.callbacks.learning_rate_scheduler.LearningRateScheduler object>" }

    /// Keras 3.15.1's `_update_optimizer_lr`: `schedule(epoch, lr)` with the variable's value as a
    /// Python float, `schedule(epoch)` when that raises a TypeError, the result checked to be a
    /// float, then assigned to the float32 variable.
    static func update(_ schedule: PyObject, epoch: Int, lr: Float, _ rt: PyRuntime) throws(PyError) -> Float {
        var result: PyObject
        do throws(PyError) { result = try rt.call(schedule, PyArguments([.int(epoch), .float(Double(lr))])) } catch {
            guard error.type == "TypeError" else { throw error }
            result = try rt.call(schedule, PyArguments([.int(epoch)]))
        }
        guard case .float(let value) = result else {
            throw .valueError("The output of the `schedule` function should be a float. Got: \((try? rt.str(result)) ?? result.typeName)")
        }
        return Float(value)
    }
}
