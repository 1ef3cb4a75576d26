/// Methods of the built-in types (`list.append`, `dict.get`, `str.format`, …).
enum PyBuiltinMethods {
    private static func method(_ name: String, _ body: @escaping (PyArguments, PyRuntime) throws(PyError) -> PyObject) -> PyBuiltin {
        PyBuiltin(name, body)
    }

    static func sort(_ items: inout [PyObject], key: PyObject?, reverse: Bool, _ rt: PyRuntime) throws(PyError) {
        var keyed: [(PyObject, PyObject)] = []
        for item in items {
            keyed.append((try key.map { (k: PyObject) throws(PyError) in try rt.call(k, PyArguments([item])) } ?? item, item))
        }
        // A stable insertion-merge sort that can throw from comparisons.
        var failure: PyError? = nil
        let sorted = keyed.enumerated().sorted { a, b in
            guard failure == nil else { return false }
            do throws(PyError) {
                if try rt.compare("<", a.element.0, b.element.0) { return !reverse }
                if try rt.compare("<", b.element.0, a.element.0) { return reverse }
                return a.offset < b.offset
            } catch { failure = error; return false }
        }
        if let failure { throw failure }
        items = sorted.map { $0.element.1 }
    }

    static func list(_ l: PyList, _ name: String) -> PyBuiltin? {
        switch name {
        case "append": return method(name) { a, rt throws(PyError) in
            l.items.append(try PyBuiltins.one(a, "append"))
            try rt.allocate(1)
            try rt.checkLength(l.items.count, "list")
            return .none
        }
        case "extend": return method(name) { a, rt throws(PyError) in
            let more = try rt.iterate(try PyBuiltins.one(a, "extend"))
            try rt.allocate(more.count)
            l.items.append(contentsOf: more)
            try rt.checkLength(l.items.count, "list")
            return .none
        }
        case "insert": return method(name) { a, rt throws(PyError) in
            guard a.positional.count == 2 else { throw .typeError("insert expected 2 arguments") }
            var i = try rt.integer(a.positional[0])
            if i < 0 { i = max(0, i + l.items.count) }
            l.items.insert(a.positional[1], at: min(i, l.items.count))
            try rt.checkLength(l.items.count, "list")
            return .none
        }
        case "pop": return method(name) { a, rt throws(PyError) in
            guard !l.items.isEmpty else { throw .exception("IndexError", "pop from empty list") }
            let i = try a.positional.first.map { (x: PyObject) throws(PyError) in try rt.normalizedIndex(x, count: l.items.count) } ?? l.items.count - 1
            return l.items.remove(at: i)
        }
        case "index": return method(name) { a, rt throws(PyError) in
            let x = try PyBuiltins.one(a, "index")
            for (i, item) in l.items.enumerated() where try rt.equal(item, x) { return .int(i) }
            throw .valueError("\(try rt.repr(x)) is not in list")
        }
        case "count": return method(name) { a, rt throws(PyError) in
            let x = try PyBuiltins.one(a, "count")
            var n = 0
            for item in l.items where try rt.equal(item, x) { n += 1 }
            return .int(n)
        }
        case "remove": return method(name) { a, rt throws(PyError) in
            let x = try PyBuiltins.one(a, "remove")
            for (i, item) in l.items.enumerated() where try rt.equal(item, x) { l.items.remove(at: i); return .none }
            throw .valueError("list.remove(x): x not in list")
        }
        case "reverse": return method(name) { _, _ throws(PyError) in l.items.reverse(); return .none }
        case "clear": return method(name) { _, _ throws(PyError) in l.items.removeAll(); return .none }
        case "copy": return method(name) { _, _ throws(PyError) in .list(PyList(l.items)) }
        case "sort": return method(name) { a, rt throws(PyError) in
            try sort(&l.items, key: a.keyword("key"), reverse: try rt.truth(a.keyword("reverse") ?? .bool(false)), rt)
            return .none
        }
        default: return nil
        }
    }

    static func tuple(_ t: [PyObject], _ name: String) -> PyBuiltin? {
        switch name {
        case "index": return method(name) { a, rt throws(PyError) in
            let x = try PyBuiltins.one(a, "index")
            for (i, item) in t.enumerated() where try rt.equal(item, x) { return .int(i) }
            throw .valueError("tuple.index(x): x not in tuple")
        }
        case "count": return method(name) { a, rt throws(PyError) in
            let x = try PyBuiltins.one(a, "count")
            var n = 0
            for item in t where try rt.equal(item, x) { n += 1 }
            return .int(n)
        }
        default: return nil
        }
    }

    static func dict(_ d: PyDict, _ name: String) -> PyBuiltin? {
        switch name {
        case "get": return method(name) { a, _ throws(PyError) in
            guard let k = a.positional.first else { throw .typeError("get expected at least 1 argument") }
            return try d.get(k) ?? (a.positional.count > 1 ? a.positional[1] : .none)
        }
        case "setdefault": return method(name) { a, _ throws(PyError) in
            guard let k = a.positional.first else { throw .typeError("setdefault expected at least 1 argument") }
            if let v = try d.get(k) { return v }
            let v = a.positional.count > 1 ? a.positional[1] : .none
            try d.set(k, v)
            return v
        }
        case "keys": return method(name) { _, _ throws(PyError) in .list(PyList(d.keys)) }
        case "values": return method(name) { _, _ throws(PyError) in .list(PyList(d.values)) }
        case "items": return method(name) { _, _ throws(PyError) in .list(PyList(zip(d.keys, d.values).map { .tuple([$0, $1]) })) }
        case "pop": return method(name) { a, rt throws(PyError) in
            guard let k = a.positional.first else { throw .typeError("pop expected at least 1 argument") }
            if let v = try d.remove(k) { return v }
            if a.positional.count > 1 { return a.positional[1] }
            throw .exception("KeyError", try rt.repr(k))
        }
        case "update": return method(name) { a, rt throws(PyError) in
            if let other = a.positional.first {
                guard case .dict(let o) = other else { throw .typeError("update() argument must be a dict") }
                for (k, v) in zip(o.keys, o.values) { try d.set(k, v) }
            }
            for (k, v) in a.keywords { d.set(k, v) }
            try rt.checkLength(d.count, "dict")
            return .none
        }
        case "copy": return method(name) { _, _ throws(PyError) in
            let c = PyDict()
            for (k, v) in zip(d.keys, d.values) { try c.set(k, v) }
            return .dict(c)
        }
        default: return nil
        }
    }

    static func string(_ s: String, _ name: String) -> PyBuiltin? {
        switch name {
        case "format": return method(name) { a, rt throws(PyError) in .str(try formatMethod(s, a, rt)) }
        case "upper": return method(name) { _, _ throws(PyError) in .str(s.uppercased()) }
        case "lower": return method(name) { _, _ throws(PyError) in .str(s.lowercased()) }
        case "strip": return method(name) { _, _ throws(PyError) in .str(s.trimmingCharacters(in: " \t\n\r")) }
        case "startswith": return method(name) { a, _ throws(PyError) in
            guard case .str(let p) = a.positional.first ?? .none else { throw .typeError("startswith arg must be str") }
            return .bool(s.hasPrefix(p))
        }
        case "endswith": return method(name) { a, _ throws(PyError) in
            guard case .str(let p) = a.positional.first ?? .none else { throw .typeError("endswith arg must be str") }
            return .bool(s.hasSuffix(p))
        }
        case "replace": return method(name) { a, rt throws(PyError) in
            guard a.positional.count == 2, case .str(let x) = a.positional[0], case .str(let y) = a.positional[1] else { throw .typeError("replace expected 2 str arguments") }
            let r = s.replacingOccurrences(of: x, with: y)
            try rt.checkLength(r.utf8.count, "string")
            return .str(r)
        }
        case "split": return method(name) { a, _ throws(PyError) in
            if case .str(let sep) = a.positional.first ?? .none, !sep.isEmpty {
                var parts: [PyObject] = []
                var rest = s[...]
                while let r = rest.firstRange(of: sep) { parts.append(.str(String(rest[..<r.lowerBound]))); rest = rest[r.upperBound...] }
                parts.append(.str(String(rest)))
                return .list(PyList(parts))
            }
            return .list(PyList(s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map { .str(String($0)) }))
        }
        case "join": return method(name) { a, rt throws(PyError) in
            var parts: [String] = []
            for x in try rt.iterate(try PyBuiltins.one(a, "join")) {
                guard case .str(let p) = x else { throw .typeError("sequence item: expected str instance, \(x.typeName) found") }
                parts.append(p)
            }
            let r = parts.joined(separator: s)
            try rt.checkLength(r.utf8.count, "string")
            return .str(r)
        }
        default: return nil
        }
    }

    /// `str.format` with `{}`, `{0}`, `{name}`, `{:spec}` and `{{`/`}}`.
    static func formatMethod(_ s: String, _ a: PyArguments, _ rt: PyRuntime) throws(PyError) -> String {
        var out = ""
        var chars = Array(s)[...]
        var auto = 0
        while let c = chars.popFirst() {
            if c == "{" {
                if chars.first == "{" { chars.removeFirst(); out.append("{"); continue }
                var field = ""
                while let d = chars.first, d != "}" { field.append(d); chars.removeFirst() }
                guard chars.popFirst() == "}" else { throw .valueError("Single '{' encountered in format string") }
                var name = field
                var spec = ""
                var conversion: Character? = nil
                if let colon = field.firstIndex(of: ":") { name = String(field[..<colon]); spec = String(field[field.index(after: colon)...]) }
                if let bang = name.firstIndex(of: "!") { conversion = name[name.index(after: bang)...].first; name = String(name[..<bang]) }
                let value: PyObject
                if name.isEmpty {
                    guard auto < a.positional.count else { throw .exception("IndexError", "Replacement index \(auto) out of range for positional args tuple") }
                    value = a.positional[auto]
                    auto += 1
                } else if let i = Int(name) {
                    guard i < a.positional.count else { throw .exception("IndexError", "Replacement index \(i) out of range for positional args tuple") }
                    value = a.positional[i]
                } else {
                    guard let v = a.keyword(name) else { throw .exception("KeyError", PyStringFormat.quoted(name)) }
                    value = v
                }
                if conversion == "r" { out += try rt.repr(value) } else if spec.isEmpty { out += try rt.str(value) } else { out += try PyStringFormat.format(value, spec: spec, rt) }
                try rt.checkLength(out.utf8.count, "string")
                continue
            }
            if c == "}" {
                if chars.first == "}" { chars.removeFirst() }
                out.append("}")
                continue
            }
            out.append(c)
        }
        return out
    }
}
