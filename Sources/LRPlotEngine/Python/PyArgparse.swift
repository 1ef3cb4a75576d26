/// `argparse` as far as schedule code needs it: `add_argument(…, default=…)` records each
/// destination's default, and `parse_args()` returns a namespace of the defaults (there is no
/// command line inside the sandbox; `--set args.NAME=VALUE` overrides one).
enum PyArgparse {
    static func members() -> [String: PyObject] {
        [
            "ArgumentParser": .builtin(PyBuiltin("ArgumentParser") { _, _ throws(PyError) in .host(PyArgumentParser()) }),
            "Namespace": .builtin(PyBuiltin("Namespace") { a, _ throws(PyError) in
                let ns = PyNamespace()
                for (k, v) in a.keywords { ns.values.set(k, v) }
                return .host(ns)
            }),
            "ArgumentDefaultsHelpFormatter": .none, "RawTextHelpFormatter": .none, "RawDescriptionHelpFormatter": .none,
            "SUPPRESS": .str("==SUPPRESS=="),
        ]
    }
}

/// `argparse.ArgumentParser` (and its argument groups, which share its destinations).
final class PyArgumentParser: PyHost {
    let defaults = PyDict()
    override var typeName: String { "ArgumentParser" }

    override func attribute(_ name: String, _ runtime: PyRuntime) throws(PyError) -> PyObject? {
        switch name {
        case "add_argument":
            return .builtin(PyBuiltin(name) { [self] a, rt throws(PyError) in
                var flags: [String] = []
                for case .str(let s) in a.positional { flags.append(s) }
                guard !flags.isEmpty || a.keyword("dest") != nil else { throw .typeError("add_argument() needs a name or flags") }
                var dest: String
                if case .str(let d) = a.keyword("dest") ?? .none { dest = d } else {
                    let long = flags.first { $0.hasPrefix("--") } ?? flags.first { $0.hasPrefix("-") } ?? flags[0]
                    dest = String(long.drop { $0 == "-" }).replacingOccurrences(of: "-", with: "_")
                }
                var value: PyObject = a.keyword("default") ?? .none
                if a.keyword("default") == nil, case .str(let action) = a.keyword("action") ?? .none {
                    if action == "store_true" { value = .bool(false) }
                    if action == "store_false" { value = .bool(true) }
                }
                if case .str = value, let type = a.keyword("type"), !type.isNone { value = try rt.call(type, PyArguments([value])) }
                if defaults.get(dest) == nil || a.keyword("default") != nil { defaults.set(dest, value) }
                return .none
            })
        case "add_argument_group", "add_mutually_exclusive_group":
            return .builtin(PyBuiltin(name) { [self] _, _ throws(PyError) in .host(self) })
        case "set_defaults":
            return .builtin(PyBuiltin(name) { [self] a, _ throws(PyError) in
                for (k, v) in a.keywords { defaults.set(k, v) }
                return .none
            })
        case "parse_args":
            return .builtin(PyBuiltin(name) { [self] _, _ throws(PyError) in .host(namespace()) })
        case "parse_known_args":
            return .builtin(PyBuiltin(name) { [self] _, _ throws(PyError) in .tuple([.host(namespace()), .list(PyList([]))]) })
        case "print_help", "error", "add_subparsers", "add_help":
            return .builtin(PyBuiltin(name) { _, _ throws(PyError) in .host(PyOpaque("argparse")) })
        default: return nil
        }
    }

    private func namespace() -> PyNamespace {
        let ns = PyNamespace()
        for (k, v) in zip(defaults.keys, defaults.values) { if case .str(let s) = k { ns.values.set(s, v) } }
        return ns
    }
}

/// `argparse.Namespace`: attributes by name.
final class PyNamespace: PyHost {
    let values = PyDict()
    override var typeName: String { "Namespace" }
    override func attribute(_ name: String, _ runtime: PyRuntime) throws(PyError) -> PyObject? {
        if let v = values.get(name) { return v }
        throw .exception("AttributeError", "'Namespace' object has no attribute '\(name)' (add it with --set args.\(name)=VALUE)")
    }
    override func setAttribute(_ name: String, _ value: PyObject, _ runtime: PyRuntime) throws(PyError) -> Bool {
        values.set(name, value)
        return true
    }
    override func repr(_ runtime: PyRuntime) throws(PyError) -> String {
        var parts: [String] = []
        for (k, v) in zip(values.keys, values.values) { parts.append("\(try runtime.str(k))=\(try runtime.repr(v))") }
        return "Namespace(\(parts.joined(separator: ", ")))"
    }
}
