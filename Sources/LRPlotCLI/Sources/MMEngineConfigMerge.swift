import LRPlotEngine

/// MMEngine's `_base_` inheritance on evaluated config trees (`Config._file2dict` of mmengine
/// 0.10.7): the base files' globals are united (a key in two bases is an error), then the child's
/// globals are merged into them with `Config._merge_a_into_b`: a dict merges key by key into the
/// base's dict, unless it holds `_delete_=True` (then it replaces it); everything else, lists
/// included, replaces the base's value.
public enum MMEngineConfigMerge {
    /// The config whose own globals are `child` and whose `_base_` files evaluated to `bases`, in
    /// the order `_base_` lists them. Each dict may be a `.mapping` or a `dict(...)` call.
    public static func merge(_ child: SourceValue, bases: [SourceValue]) throws(Diagnostic) -> SourceValue {
        guard let own = MMEngineTree.mapping(child) else {
            throw Diagnostic("an MMEngine config must evaluate to its module's globals (a mapping)", at: child.origin)
        }
        var united: [CallValue.Keyword] = []
        for base in bases {
            guard let entries = MMEngineTree.mapping(base) else {
                throw Diagnostic("a `_base_` config must evaluate to its module's globals (a mapping)", at: base.origin)
            }
            let duplicates = entries.map(\.name).filter { name in united.contains { $0.name == name } }
            if !duplicates.isEmpty {
                throw Diagnostic("Duplicate key is not allowed among bases. Duplicate keys: \(duplicates.joined(separator: ", "))",
                                 at: entries.first { $0.name == duplicates[0] }?.value.origin ?? base.origin)
            }
            united += entries
        }
        let merged = try mergeEntries(own.filter { $0.name != "_base_" }, into: united)
        return SourceValue(.mapping(merged), text: child.text, origin: child.origin)
    }

    /// `_merge_a_into_b(a, b)`: `b` with every key of `a` merged in (new keys after `b`'s).
    static func mergeEntries(_ a: [CallValue.Keyword], into b: [CallValue.Keyword]) throws(Diagnostic) -> [CallValue.Keyword] {
        var result = b
        for entry in a {
            let index = result.lastIndex { $0.name == entry.name }
            guard var dict = MMEngineTree.mapping(entry.value) else {
                set(entry, at: index, in: &result)
                continue
            }
            guard let index else {
                // Not in the base: kept as written (a `_delete_` key stays in it, as in mmengine).
                set(CallValue.Keyword(entry.name, mappingValue(dict, like: entry.value)), at: nil, in: &result)
                continue
            }
            let delete = dict.last { $0.name == "_delete_" }.map { MMEngineTree.isTrue($0.value) } ?? false
            dict.removeAll { $0.name == "_delete_" }
            if delete {
                set(CallValue.Keyword(entry.name, mappingValue(dict, like: entry.value)), at: index, in: &result)
                continue
            }
            guard let baseDict = MMEngineTree.mapping(result[index].value) else {
                throw Diagnostic("\(entry.name)=\(entry.value.text) in child config cannot inherit from base because \(entry.name) is a dict in the child config but is of type \(MMEngineTree.typeName(result[index].value)) in base config. You may set `_delete_=True` to ignore the base config.",
                                 at: entry.value.origin.naming(entry.name))
            }
            let inner = try mergeEntries(dict, into: baseDict)
            result[index] = CallValue.Keyword(entry.name, mappingValue(inner, like: entry.value))
        }
        return result
    }

    private static func set(_ entry: CallValue.Keyword, at index: Int?, in entries: inout [CallValue.Keyword]) {
        if let index { entries[index] = entry } else { entries.append(entry) }
    }

    private static func mappingValue(_ entries: [CallValue.Keyword], like value: SourceValue) -> SourceValue {
        SourceValue(.mapping(entries), text: value.text, origin: value.origin)
    }
}

/// Reading an evaluated MMEngine config tree: dicts arrive as `.mapping` or `dict(...)` calls.
enum MMEngineTree {
    /// The entries of a dict value, or nil for anything else.
    static func mapping(_ value: SourceValue) -> [CallValue.Keyword]? {
        switch value.literal {
        case .mapping(let entries): return entries
        case .call(let call) where call.callee == "dict" && call.positional.isEmpty: return call.keywords
        default: return nil
        }
    }

    /// The value of `key` in `entries` (the last one written).
    static func value(_ key: String, in entries: [CallValue.Keyword]) -> SourceValue? {
        entries.last { $0.name == key }?.value
    }

    /// Python truthiness of a bool or number literal.
    static func isTrue(_ value: SourceValue) -> Bool {
        switch value.literal {
        case .bool(let on): return on
        case .number(let x, _): return x != 0
        case .string(let s): return !s.isEmpty
        case .list(let items): return !items.isEmpty
        default: return false
        }
    }

    /// Python's name of a value's type, for messages.
    static func typeName(_ value: SourceValue) -> String {
        switch value.literal {
        case .number(_, let integer): return integer == nil ? "<class 'float'>" : "<class 'int'>"
        case .bool: return "<class 'bool'>"
        case .string: return "<class 'str'>"
        case .none: return "<class 'NoneType'>"
        case .list: return "<class 'list'>"
        case .mapping: return "<class 'dict'>"
        default: return "'\(value.text)'"
        }
    }
}
