/// Python's built-in exception classes (made per run, so a snippet cannot change another's) and
/// how `raise` and `except` use them.
enum PyExceptions {
    /// The hierarchy: each class and its base.
    static let hierarchy: [(String, String?)] = [
        ("BaseException", nil), ("Exception", "BaseException"), ("ArithmeticError", "Exception"),
        ("ZeroDivisionError", "ArithmeticError"), ("OverflowError", "ArithmeticError"), ("LookupError", "Exception"),
        ("KeyError", "LookupError"), ("IndexError", "LookupError"), ("ValueError", "Exception"), ("TypeError", "Exception"),
        ("AttributeError", "Exception"), ("NameError", "Exception"), ("UnboundLocalError", "NameError"),
        ("AssertionError", "Exception"), ("RuntimeError", "Exception"), ("NotImplementedError", "RuntimeError"),
        ("RecursionError", "RuntimeError"), ("StopIteration", "Exception"), ("Warning", "Exception"),
        ("UserWarning", "Warning"), ("DeprecationWarning", "Warning"), ("ImportError", "Exception"),
        ("ModuleNotFoundError", "ImportError"),
    ]

    static func makeClasses(object: PyClass) -> [String: PyClass] {
        var classes: [String: PyClass] = [:]
        for (name, base) in hierarchy {
            let c = PyClass(name: name, bases: [base.flatMap { classes[$0] } ?? object], namespace: PyDict())
            if name == "BaseException" { c.isException = true }
            classes[name] = c
        }
        return classes
    }

    /// The error `raise value` raises.
    static func raising(_ value: PyObject, _ rt: PyRuntime) throws(PyError) -> PyError {
        var object = value
        if case .type(let c) = value, c.isException { object = try rt.instantiate(c, PyArguments()) }
        guard case .instance(let i) = object, i.cls.isException else {
            return .typeError("exceptions must derive from BaseException")
        }
        var message = ""
        if i.arguments.count == 1 { message = try rt.str(i.arguments[0]) } else if !i.arguments.isEmpty { message = try rt.repr(.tuple(i.arguments)) }
        return PyError(type: i.cls.name, message: message, loc: nil, value: i)
    }

    /// Whether `except type:` catches `error`.
    static func matches(_ error: PyError, _ type: PyObject, _ rt: PyRuntime) throws(PyError) -> Bool {
        let types: [PyObject]
        if case .tuple(let t) = type { types = t } else { types = [type] }
        let cls = error.value?.cls ?? error.type.flatMap { rt.exceptionClasses[$0] }
        for t in types {
            guard case .type(let c) = t else { throw .typeError("catching classes that do not inherit from BaseException is not allowed") }
            if let cls, cls.isSubclass(of: c) { return true }
        }
        return false
    }

    /// The exception object bound by `except … as e`.
    static func object(_ error: PyError, _ rt: PyRuntime) -> PyObject {
        if let v = error.value { return .instance(v) }
        let cls = error.type.flatMap { rt.exceptionClasses[$0] } ?? rt.exceptionClasses["Exception"] ?? rt.objectClass
        let i = PyInstance(cls: cls)
        i.arguments = [.str(error.message)]
        return .instance(i)
    }
}

/// `@dataclass`: fields from the class body's annotations, in order, with their defaults.
enum PyDataclass {
    static let orderKey = "__annotations__"

    static func recordField(_ name: String, in namespace: PyDict?) {
        guard let namespace else { return }
        if case .list(let l) = namespace.get(orderKey) ?? .none {
            l.items.append(.str(name))
        } else {
            namespace.set(orderKey, .list(PyList([.str(name)])))
        }
    }

    /// Applies `@dataclass` to a class.
    static func decorate(_ value: PyObject) throws(PyError) -> PyObject {
        guard case .type(let c) = value else { throw .typeError("dataclass() should be called on a class") }
        var fields: [(name: String, defaultValue: PyObject?, factory: PyObject?)] = []
        for cls in c.mro.reversed() {
            guard case .list(let order) = cls.namespace.get(orderKey) ?? .none else { continue }
            for case .str(let name) in order.items {
                var defaultValue = cls.namespace.get(name)
                var factory: PyObject? = nil
                if case .host(let h) = defaultValue ?? .none, let field = h as? PyDataclassField {
                    defaultValue = field.defaultValue
                    factory = field.factory
                    if let d = field.defaultValue { cls.namespace.set(name, d) }
                }
                if let i = fields.firstIndex(where: { $0.name == name }) { fields[i] = (name, defaultValue, factory) } else {
                    fields.append((name, defaultValue, factory))
                }
            }
        }
        c.dataclassFields = fields
        return value
    }

    static func initialize(_ instance: PyInstance, _ fields: [(name: String, defaultValue: PyObject?, factory: PyObject?)],
                           _ arguments: PyArguments, _ rt: PyRuntime) throws(PyError) {
        guard arguments.positional.count <= fields.count else {
            throw .typeError("\(instance.cls.name).__init__() takes \(fields.count + 1) positional arguments but \(arguments.positional.count + 1) were given")
        }
        for (i, field) in fields.enumerated() {
            let value: PyObject
            if i < arguments.positional.count { value = arguments.positional[i] } else if let v = arguments.keyword(field.name) { value = v } else if let d = field.defaultValue {
                value = d
            } else if let f = field.factory { value = try rt.call(f, PyArguments()) } else {
                throw .typeError("\(instance.cls.name).__init__() missing 1 required positional argument: '\(field.name)'")
            }
            instance.attributes.set(field.name, value)
        }
        for (label, _) in arguments.keywords where !fields.contains(where: { $0.name == label }) {
            throw .typeError("\(instance.cls.name).__init__() got an unexpected keyword argument '\(label)'")
        }
        if let post = instance.cls.lookup("__post_init__") { _ = try rt.call(rt.bind(post, to: .instance(instance)), PyArguments()) }
    }
}

/// `dataclasses.field(default=…, default_factory=…)`.
final class PyDataclassField: PyHost {
    let defaultValue: PyObject?
    let factory: PyObject?
    init(defaultValue: PyObject?, factory: PyObject?) {
        self.defaultValue = defaultValue
        self.factory = factory
    }
    override var typeName: String { "Field" }
}

/// The classes host objects stand for as base classes: torch's schedulers are Python classes
/// (``PyTorchPrelude``), models and other stand-ins are `object`.
enum PyHostBases {
    /// The class a host object stands for as a base class (`nn.Module` → `object`), or nil.
    static func baseClass(for host: PyHost, _ rt: PyRuntime) -> PyClass? {
        if host is PyOpaque { return rt.objectClass }
        if let registry = host as? PyRegistryClass, registry.definition.family == .torch, let name = registry.definition.pythonClass,
           case .type(let c) = (try? PyTorchPrelude.load(rt))?[name] ?? .none {
            return c
        }
        return nil
    }
}
