import LRPlotEngine

/// A Python config file (MMEngine's `param_scheduler = [dict(type='LinearLR', …)]`): run by the
/// evaluator to its globals, with its `_base_` files (relative to it) merged under it.
enum PythonConfig {
    /// Whether `text` is a config rather than a snippet: it assigns `param_scheduler` or `_base_`.
    static func isConfig(_ text: String) -> Bool {
        text.split(separator: "\n").contains { line in
            let t = line.trimmingSpaces
            return (t.hasPrefix("param_scheduler") || t.hasPrefix("_base_")) && t.contains("=")
        }
    }

    /// The config's document: its globals, `_base_` merged, `--set` applied.
    static func document(_ text: String, path: String, overrides: [Override]) throws(Diagnostic) -> ConfigDocument {
        var root = try tree(text, path: path, depth: 0)
        for override in overrides { root = try ConfigOverrides.apply(override, to: root) }
        return ConfigDocument(path: path, format: .python, root: root)
    }

    private static func tree(_ text: String, path: String, depth: Int) throws(Diagnostic) -> SourceValue {
        guard depth < 8 else { throw Diagnostic("_base_ files nest more than 8 deep", at: Origin(file: path)) }
        let root = try PythonSnippet.globals(of: text, file: path == "argument" ? nil : path)
        guard case .mapping(let entries) = root.literal, let base = entries.last(where: { $0.name == "_base_" })?.value else { return root }
        var names: [(String, Origin)] = []
        switch base.literal {
        case .string(let s): names = [(s, base.origin)]
        case .list(let items): for case .string(let s) in items.map(\.literal) { names.append((s, base.origin)) }
        default: throw Diagnostic("_base_ must be a file name or a list of them", at: base.origin)
        }
        let folder = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        var bases: [SourceValue] = []
        for (name, origin) in names {
            let basePath = name.hasPrefix("/") ? name : "\(folder)/\(name)"
            let baseText: String
            do { baseText = try SourceReader.disk.read(basePath) } catch {
                throw Diagnostic("cannot read the _base_ file '\(name)': \(error.message)", at: origin)
            }
            bases.append(try tree(baseText, path: basePath, depth: depth + 1))
        }
        return try MMEngineConfigMerge.merge(root, bases: bases)
    }
}
