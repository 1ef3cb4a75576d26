/// A value of the evaluator at run time, with CPython's data model for what the subset has:
/// numbers (`bool` is an `int`), strings, tuples, lists and dicts (insertion-ordered), functions,
/// classes and their instances, and host objects (modules, torch's optimizer and schedulers).
enum PyObject {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case str(String)
    case tuple([PyObject])
    case list(PyList)
    case dict(PyDict)
    case function(PyFunctionObject)
    case builtin(PyBuiltin)
    case type(PyClass)
    case instance(PyInstance)
    case method(PyBoundMethod)
    case host(PyHost)

    /// The Python type name (`int`, `list`, `WarmupLR`).
    var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .str: return "str"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case .function: return "function"
        case .builtin: return "builtin_function_or_method"
        case .type: return "type"
        case .instance(let i): return i.cls.name
        case .method: return "method"
        case .host(let h): return h.typeName
        }
    }

    /// The number as a `PyValue` (int, float, bool), or nil.
    var number: PyValue? {
        switch self {
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .bool(let b): return .bool(b)
        default: return nil
        }
    }

    init(_ value: PyValue) {
        switch value {
        case .int(let i): self = .int(i)
        case .float(let d): self = .float(d)
        case .bool(let b): self = .bool(b)
        }
    }

    var isNone: Bool { if case .none = self { return true }; return false }
}

/// A Python exception or a limit of the sandbox, raised through the evaluator.
struct PyError: Error {
    /// The Python exception class (`ZeroDivisionError`), or nil for a sandbox limit.
    var type: String?
    /// The message.
    var message: String
    /// Where it was raised (filled in by the innermost statement that sees it without one).
    var loc: PyLoc?
    /// The exception object a `raise` or a built-in made, for `except … as e` (errors never leave
    /// the thread that runs the snippet while they hold one).
    nonisolated(unsafe) var value: PyInstance?
    /// The binder's diagnostic, when a registry scheduler rejected its arguments.
    var diagnostic: Diagnostic? = nil

    /// Whether this is ``trainingLoopStarts``.
    var isStop = false

    init(type: String?, message: String, loc: PyLoc?, value: PyInstance? = nil, isStop: Bool = false) {
        self.isStop = isStop
        self.type = type
        self.message = message
        self.loc = loc
        self.value = value
    }

    static func exception(_ type: String, _ message: String) -> PyError { PyError(type: type, message: message, loc: nil) }
    static func typeError(_ message: String) -> PyError { .exception("TypeError", message) }
    static func valueError(_ message: String) -> PyError { .exception("ValueError", message) }
    /// A sandbox limit (step budget, recursion, memory, a capability it does not have).
    static func limit(_ message: String) -> PyError { PyError(type: nil, message: message, loc: nil) }
    /// The snippet's training loop began (its first `step()`): not an error; the module stops there.
    static let trainingLoopStarts = PyError(type: nil, message: "the snippet's training loop starts here", loc: nil, isStop: true)

    /// This error at `loc`, unless it already has a place (a place inside torch's LRScheduler gives
    /// way to the snippet's line that called it).
    @inline(__always)
    func at(_ loc: PyLoc) -> PyError {
        if let current = self.loc, current.line < PyLoc.libraryLine || loc.line >= PyLoc.libraryLine { return self }
        var e = self
        e.loc = loc
        return e
    }

    /// `TypeError: message`, or the limit's message.
    var described: String { type.map { "\($0): \(message)" } ?? message }
}

/// A list: a mutable, shared sequence.
final class PyList {
    var items: [PyObject]
    init(_ items: [PyObject]) { self.items = items }
}

/// A hashable dict key (CPython's hash equality: `1 == 1.0 == True`).
enum PyKey: Hashable {
    case none
    case int(Int)
    case float(UInt64)
    case str(String)
    case tuple([PyKey])

    init?(_ object: PyObject) {
        switch object {
        case .none: self = .none
        case .bool(let b): self = .int(b ? 1 : 0)
        case .int(let i): self = .int(i)
        case .float(let d):
            if d == d.rounded(), abs(d) < 9.2e18 { self = .int(Int(d)) } else { self = .float(d == 0 ? 0 : d.bitPattern) }
        case .str(let s): self = .str(s)
        case .tuple(let items):
            var keys: [PyKey] = []
            for item in items {
                guard let k = PyKey(item) else { return nil }
                keys.append(k)
            }
            self = .tuple(keys)
        default: return nil
        }
    }
}

/// A dict: insertion-ordered, as CPython's.
final class PyDict {
    private(set) var keys: [PyObject] = []
    private(set) var values: [PyObject] = []
    private var index: [PyKey: Int] = [:]

    init() {}

    var count: Int { keys.count }

    func get(_ key: PyObject) throws(PyError) -> PyObject? {
        guard let k = PyKey(key) else { throw .typeError("unhashable type: '\(key.typeName)'") }
        return index[k].map { values[$0] }
    }

    func get(_ key: String) -> PyObject? { index[.str(key)].map { values[$0] } }

    func set(_ key: PyObject, _ value: PyObject) throws(PyError) {
        guard let k = PyKey(key) else { throw .typeError("unhashable type: '\(key.typeName)'") }
        if let i = index[k] { values[i] = value; return }
        index[k] = keys.count
        keys.append(key)
        values.append(value)
    }

    func set(_ key: String, _ value: PyObject) {
        if let i = index[.str(key)] { values[i] = value; return }
        index[.str(key)] = keys.count
        keys.append(.str(key))
        values.append(value)
    }

    @discardableResult
    func remove(_ key: PyObject) throws(PyError) -> PyObject? {
        guard let k = PyKey(key) else { throw .typeError("unhashable type: '\(key.typeName)'") }
        guard let i = index[k] else { return nil }
        let value = values[i]
        keys.remove(at: i)
        values.remove(at: i)
        index = [:]
        for (j, key) in keys.enumerated() { if let kk = PyKey(key) { index[kk] = j } }
        return value
    }
}

/// A mutable cell holding a variable captured by an inner function.
final class PyCell {
    var value: PyObject?
    init(_ value: PyObject? = nil) { self.value = value }
}

/// Positional and keyword arguments of a call.
struct PyArguments {
    var positional: [PyObject]
    var keywords: [(String, PyObject)]

    init(_ positional: [PyObject] = [], keywords: [(String, PyObject)] = []) {
        self.positional = positional
        self.keywords = keywords
    }

    func keyword(_ name: String) -> PyObject? { keywords.last { $0.0 == name }?.1 }

    /// The argument at `index` or keyword `name`, else nil.
    func argument(_ index: Int, _ name: String) -> PyObject? {
        if index < positional.count { return positional[index] }
        return keyword(name)
    }
}

/// A built-in function (or a method of a host object).
final class PyBuiltin {
    let name: String
    let body: (PyArguments, PyRuntime) throws(PyError) -> PyObject
    /// The one-argument form without an argument array (`math.cos(x)`), when the function has one.
    var unary: ((PyObject) throws(PyError) -> PyObject)?
    /// What ``PyNumericKernel`` may compute in its place: a `math` function (CPython's errors) or
    /// an elementwise float function (numpy's, or math's with a domain error on a NaN result).
    var numeric: PyNumericBuiltin?
    init(_ name: String, _ body: @escaping (PyArguments, PyRuntime) throws(PyError) -> PyObject) {
        self.name = name
        self.body = body
    }
}

/// A function defined by `def` or `lambda`: its compiled code, defaults and closure cells.
final class PyFunctionObject {
    let code: PyCode
    var defaults: [PyObject?]
    let closure: [PyCell]
    let module: PyModuleState
    /// The class whose body defined it (for `super()`).
    var definingClass: PyClass?
    /// Attributes set on the function object.
    var attributes: [String: PyObject] = [:]
    /// A frame of a finished call, reused by the next (frames never outlive their call).
    var spareFrame: PyFrame?

    init(code: PyCode, defaults: [PyObject?], closure: [PyCell], module: PyModuleState) {
        self.code = code
        self.defaults = defaults
        self.closure = closure
        self.module = module
    }

    var name: String { code.name }
}

/// A class made by a `class` statement (or a built-in base such as `object`, `Exception`).
final class PyClass {
    let name: String
    let bases: [PyClass]
    let namespace: PyDict
    /// The method resolution order after this class (kept without the class itself, which would
    /// make every class a reference cycle of its own).
    private let ancestors: [PyClass]
    /// The method resolution order, this class first.
    var mro: [PyClass] { [self] + ancestors }
    /// Set by `@dataclass`: the fields in order, with their defaults.
    var dataclassFields: [(name: String, defaultValue: PyObject?, factory: PyObject?)]? = nil
    /// Whether it is `BaseException` or derives from it.
    var isException = false
    /// Whether it is torch's `LRScheduler` (or derives from it).
    var isTorchScheduler = false

    init(name: String, bases: [PyClass], namespace: PyDict) {
        self.name = name
        self.bases = bases
        self.namespace = namespace
        ancestors = PyClass.linearize(bases)
        isException = bases.contains { $0.isException }
        isTorchScheduler = bases.contains { $0.isTorchScheduler }
    }

    /// A simplified C3: each base's MRO in order, keeping the last occurrence of shared classes.
    private static func linearize(_ bases: [PyClass]) -> [PyClass] {
        var all: [PyClass] = []
        for base in bases { all.append(contentsOf: base.mro) }
        var result: [PyClass] = []
        for (i, c) in all.enumerated() where !all[(i + 1)...].contains(where: { $0 === c }) { result.append(c) }
        return result
    }

    /// The attribute `name` in the MRO starting after `after` (for `super()`).
    func lookup(_ name: String, after: PyClass? = nil) -> PyObject? {
        var started = after == nil
        if started, let v = namespace.get(name) { return v }
        if after === self { started = true }
        for c in ancestors {
            if !started { if c === after { started = true }; continue }
            if let v = c.namespace.get(name) { return v }
        }
        return nil
    }

    func isSubclass(of other: PyClass) -> Bool { self === other || ancestors.contains { $0 === other } }
}

/// An instance of a ``PyClass``.
final class PyInstance {
    let cls: PyClass
    let attributes = PyDict()
    /// Exceptions: the message arguments.
    var arguments: [PyObject] = []
    init(cls: PyClass) { self.cls = cls }
}

/// A function bound to its receiver (`obj.method`).
final class PyBoundMethod {
    let receiver: PyObject
    let function: PyObject
    init(receiver: PyObject, function: PyObject) {
        self.receiver = receiver
        self.function = function
    }
}

/// A host object: a module, torch's optimizer, a scheduler, an opaque stand-in. Subclasses
/// override what they support.
class PyHost {
    var typeName: String { "object" }
    func attribute(_ name: String, _ runtime: PyRuntime) throws(PyError) -> PyObject? { nil }
    func setAttribute(_ name: String, _ value: PyObject, _ runtime: PyRuntime) throws(PyError) -> Bool { false }
    func call(_ arguments: PyArguments, _ runtime: PyRuntime) throws(PyError) -> PyObject {
        throw .typeError("'\(typeName)' object is not callable")
    }
    func item(_ key: PyObject, _ runtime: PyRuntime) throws(PyError) -> PyObject {
        throw .typeError("'\(typeName)' object is not subscriptable")
    }
    func setItem(_ key: PyObject, _ value: PyObject, _ runtime: PyRuntime) throws(PyError) {
        throw .typeError("'\(typeName)' object does not support item assignment")
    }
    /// The items when iterated, or nil when not iterable.
    func iterate(_ runtime: PyRuntime) throws(PyError) -> [PyObject]? { nil }
    func length(_ runtime: PyRuntime) throws(PyError) -> Int? { nil }
    func repr(_ runtime: PyRuntime) throws(PyError) -> String { "<\(typeName) object>" }
    /// `with` support.
    var isContextManager: Bool { false }
}
