/// Compiled code runs in frames: a function call's locals (slots), its cells (variables shared
/// with inner functions: its own, then those captured from outside), and for a class body the
/// namespace being filled.
final class PyFrame {
    var slots: [PyObject?]
    var cells: [PyCell]
    /// Unowned: a function keeps its spare frame, and a frame lives only while its function runs.
    unowned(unsafe) let function: PyFunctionObject?
    let module: PyModuleState
    var namespace: PyDict?
    var returnValue: PyObject = .none

    init(slots: Int, cells: [PyCell], function: PyFunctionObject?, module: PyModuleState, namespace: PyDict? = nil) {
        self.slots = Array(repeating: nil, count: slots)
        self.cells = cells
        self.function = function
        self.module = module
        self.namespace = namespace
    }
}

/// The module's globals: one slot per name the code uses, resolved when it is compiled.
final class PyModuleState {
    var values: [PyObject?] = []
    var index: [String: Int] = [:]
    var names: [String] = []
    let runtime: PyRuntime
    /// The source lines, for messages.
    let lines: [String]
    let file: String?

    init(runtime: PyRuntime, lines: [String], file: String?) {
        self.runtime = runtime
        self.lines = lines
        self.file = file
    }

    /// The slot of global `name`, created on first use.
    func slot(_ name: String) -> Int {
        if let i = index[name] { return i }
        index[name] = values.count
        names.append(name)
        values.append(nil)
        return values.count - 1
    }

    subscript(name: String) -> PyObject? {
        get { index[name].flatMap { values[$0] } }
        set { values[slot(name)] = newValue }
    }
}

/// Control flow out of a statement.
enum PyFlow {
    case next, breakLoop, continueLoop, returned
}

typealias PyEval = (PyFrame) throws(PyError) -> PyObject
typealias PyExec = (PyFrame) throws(PyError) -> PyFlow

/// A compiled function body and how to bind a call's arguments into a new frame.
final class PyCode {
    struct Parameter {
        var name: String
        var kind: PyParameter.Kind
        /// Where the value goes: a slot, or an own cell.
        var slot: Int?
        var cell: Int?
    }

    let name: String
    let parameters: [Parameter]
    var slotCount = 0
    var ownCellCount = 0
    var body: PyExec = { _ throws(PyError) in .next }
    let loc: PyLoc

    /// Only plain positional-or-keyword parameters.
    let isSimple: Bool
    /// The function's syntax, for ``PyNumericKernel`` (which compiles pure numeric functions again, typed).
    var syntax: PyFunctionNode?
    /// The names the closure's cells hold, in order (cell `ownCellCount + i` is `freeNames[i]`).
    var freeNames: [String] = []

    init(name: String, parameters: [Parameter], loc: PyLoc) {
        self.name = name
        self.parameters = parameters
        self.loc = loc
        isSimple = parameters.allSatisfy { $0.kind == .normal }
    }

    func makeFrame(_ f: PyFunctionObject, _ arguments: PyArguments, _ runtime: PyRuntime) throws(PyError) -> PyFrame {
        var cells: [PyCell] = []
        if ownCellCount > 0 || !f.closure.isEmpty {
            cells.reserveCapacity(ownCellCount + f.closure.count)
            for _ in 0..<ownCellCount { cells.append(PyCell()) }
            cells.append(contentsOf: f.closure)
        }
        let frame = PyFrame(slots: slotCount, cells: cells, function: f, module: f.module)
        // The common call: positional arguments for plain parameters, exactly as many.
        if isSimple, arguments.keywords.isEmpty, arguments.positional.count == parameters.count {
            for (p, v) in zip(parameters, arguments.positional) {
                if let s = p.slot { frame.slots[s] = v } else if let c = p.cell { frame.cells[c].value = v }
            }
            return frame
        }
        func store(_ p: Parameter, _ v: PyObject) {
            if let s = p.slot { frame.slots[s] = v } else if let c = p.cell { frame.cells[c].value = v }
        }
        var bound = [Bool](repeating: false, count: parameters.count)
        var extra: [PyObject] = []
        var position = 0
        for value in arguments.positional {
            while position < parameters.count, parameters[position].kind == .normal, bound[position] { position += 1 }
            if position < parameters.count, parameters[position].kind == .normal {
                store(parameters[position], value)
                bound[position] = true
                position += 1
            } else {
                extra.append(value)
            }
        }
        let varPositional = parameters.firstIndex { $0.kind == .varPositional }
        let varKeyword = parameters.firstIndex { $0.kind == .varKeyword }
        if !extra.isEmpty {
            guard let vp = varPositional else {
                let accepted = parameters.filter { $0.kind == .normal }.count
                throw .typeError("\(name)() takes \(accepted) positional argument\(accepted == 1 ? "" : "s") but \(arguments.positional.count) were given")
            }
            store(parameters[vp], .tuple(extra))
            bound[vp] = true
        } else if let vp = varPositional {
            store(parameters[vp], .tuple([]))
            bound[vp] = true
        }
        let kwargs = varKeyword == nil ? nil : PyDict()
        for (label, value) in arguments.keywords {
            if let i = parameters.firstIndex(where: { $0.name == label && ($0.kind == .normal || $0.kind == .keywordOnly) }) {
                guard !bound[i] else { throw .typeError("\(name)() got multiple values for argument '\(label)'") }
                store(parameters[i], value)
                bound[i] = true
            } else if let kwargs {
                kwargs.set(label, value)
            } else {
                throw .typeError("\(name)() got an unexpected keyword argument '\(label)'")
            }
        }
        if let vk = varKeyword, let kwargs {
            store(parameters[vk], .dict(kwargs))
            bound[vk] = true
        }
        for i in parameters.indices where !bound[i] {
            guard let d = f.defaults[i] else {
                throw .typeError("\(name)() missing 1 required positional argument: '\(parameters[i].name)'")
            }
            store(parameters[i], d)
        }
        return frame
    }

    func run(_ frame: PyFrame) throws(PyError) -> PyObject {
        _ = try body(frame)
        return frame.returnValue
    }
}
