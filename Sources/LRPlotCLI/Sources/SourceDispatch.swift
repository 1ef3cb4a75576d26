import LRPlotEngine

/// From a SOURCE to a ``ConfigRun``: reads the text, finds its kind (by extension, else by content:
/// a JSON object, a YAML mapping, a trainer's command line, Python), builds the document, applies
/// `--set` overrides, and asks each reader of ``ConfigReaders/all`` whether it recognizes it.
/// Python goes to ``PythonSourceFront``.
enum SourceDispatch {
    /// Reads `source` and makes its run.
    static func run(_ source: SourceArgument, reader: SourceReader, settings: ConfigSettings) throws(Diagnostic) -> ConfigRun {
        try run(source, text: try self.text(of: source, reader: reader), settings: settings)
    }

    /// The text of `source`.
    static func text(of source: SourceArgument, reader: SourceReader) throws(Diagnostic) -> String {
        switch source {
        case .file(let path): return try reader.read(path)
        case .standardInput: return try reader.read("-")
        case .text(let argument): return argument
        }
    }

    /// `run` for a source already read.
    static func run(_ source: SourceArgument, text: String, settings: ConfigSettings) throws(Diagnostic) -> ConfigRun {
        if text.trimmingSpaces.isEmpty {
            throw Diagnostic("\(source.path == "argument" ? "the source argument" : "'\(source.path)'") is empty; lrplot reads \(kindsText)",
                             at: Origin(file: source.path == "argument" ? nil : source.path))
        }
        let path = source.path
        let format = try format(of: text, path: path, source: source)
        if format == .python {
            // A Python config (MMEngine's `param_scheduler = …`), evaluated to its globals.
            let document = try PythonConfig.document(text, path: path, overrides: settings.overrides)
            return try read(document, settings: settings)
        }
        let document = try self.document(text, path: path, format: format, overrides: settings.overrides)
        return try read(document, settings: settings)
    }

    /// The readers' kinds, for messages.
    static var kindsText: String {
        let kinds = ConfigReaders.all.map { $0.kind }
        return "Python snippets (.py)" + (kinds.isEmpty ? "" : ", ") + kinds.joined(separator: ", ")
            + " (as .json, .yaml/.yml, or a command line in .txt/.sh or on standard input)"
    }

    /// The reader that recognizes `document`, and its run.
    static func read(_ document: ConfigDocument, settings: ConfigSettings) throws(Diagnostic) -> ConfigRun {
        guard case .mapping = document.root.literal else {
            throw Diagnostic("'\(document.path)' is not a mapping of keys; lrplot reads \(kindsText)", at: document.root.origin.naming(nil))
        }
        for reader in ConfigReaders.all where reader.recognizes(document) {
            return try reader.read(document, settings: settings)
        }
        let what: String
        switch document.format {
        case .json: what = "a JSON object"
        case .yaml: what = "a YAML mapping"
        case .commandLine: what = "a command line"
        case .python: what = "a Python config"
        }
        throw Diagnostic("\(document.path == "argument" ? "the argument" : "this") is \(what) of no kind lrplot knows; lrplot reads \(kindsText)",
                         at: Origin(file: document.path == "argument" ? nil : document.path))
    }

    /// The format of `text`: by the file's extension, else by its content.
    static func format(of text: String, path: String, source: SourceArgument) throws(Diagnostic) -> ConfigDocument.Format {
        if case .file = source, let ext = SourceArgument.pathExtension(path)?.lowercased() {
            switch ext {
            case "py": return .python
            case "json": return .json
            case "yaml", "yml": return .yaml
            case "txt", "sh": return .commandLine
            default: break
            }
        }
        let trimmed = text.trimmingSpaces
        if trimmed.hasPrefix("{") { return .json }
        if CommandLineSource.looksLikeCommandLine(text) { return .commandLine }
        if isYAMLMapping(text) { return .yaml }
        if case .file = source {
            throw Diagnostic("cannot tell what kind of source this is: lrplot reads sources ending in .py, .json, .yaml, .yml, .txt or .sh (or whose content is a JSON object, a YAML mapping or a command line); it reads \(kindsText)",
                             at: Origin(file: path))
        }
        return .python
    }

    /// Whether `text` is a YAML mapping whose keys are all plain names (Python such as
    /// `def f():` / `return 1` also parses as a mapping, but with such keys).
    static func isYAMLMapping(_ text: String) -> Bool {
        guard let root = try? YAMLSource.read(text, path: "-", rules: .pyyaml), case .mapping(let keywords) = root.literal, !keywords.isEmpty else {
            return false
        }
        return keywords.allSatisfy { $0.name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." } }
    }

    /// The document of `text` in `format`, with the `--set` overrides applied.
    static func document(_ text: String, path: String, format: ConfigDocument.Format, overrides: [Override]) throws(Diagnostic) -> ConfigDocument {
        let file = path == "argument" ? "argument" : path
        var root: SourceValue
        switch format {
        case .json:
            guard let value = try YAMLSource.read(text, path: file, rules: .json) else { throw Diagnostic("'\(path)' is empty", at: Origin(file: file)) }
            root = value
        case .yaml:
            guard let value = try YAMLSource.read(text, path: file, rules: .pyyaml) else { throw Diagnostic("'\(path)' is empty", at: Origin(file: file)) }
            root = value
        case .commandLine:
            root = try CommandLineSource.read(text, path: file)
        case .python:
            throw Diagnostic("a Python source is read by the Python front end", at: Origin(file: file))
        }
        guard case .mapping = root.literal else {
            let what = format == .json ? "a JSON object ({…})" : "a YAML mapping (key: value lines)"
            throw Diagnostic("'\(path)' holds \(root.text.isEmpty ? "a single value" : "'\(root.text)'"), not \(what); lrplot reads \(kindsText)",
                             at: root.origin.naming(nil))
        }
        for override in overrides { root = try ConfigOverrides.apply(override, to: root) }
        return ConfigDocument(path: path, format: format, root: root)
    }
}

/// `--set KEY=VALUE` on a config document: KEY a key, dotted for nested keys (`scheduler.params.warmup_num_steps`);
/// VALUE a Python literal (`500`, `0.03`, `True`, `None`, `[30, 60]`, `'cosine'`; a bare word is a string).
enum ConfigOverrides {
    static func apply(_ override: Override, to root: SourceValue) throws(Diagnostic) -> SourceValue {
        let path = override.key.split(separator: ".").map(String.init)
        guard !path.isEmpty, !path.contains(where: \.isEmpty) else {
            throw Diagnostic("--set \(override.key)=…: '\(override.key)' is not a key (dotted for nested keys)", at: override.origin)
        }
        let value = try literal(override)
        return try set(path[...], value, in: root, override: override)
    }

    /// VALUE read as a Python literal, with the `--set` as its origin.
    static func literal(_ override: Override) throws(Diagnostic) -> SourceValue {
        let origin = Origin(subject: "--set \(override.key)")
        let expression: PyExpr
        do { expression = try PyParser.parse(override.value) } catch {
            return SourceValue(.string(override.value), text: override.value, origin: origin)
        }
        let value = PythonValues(source: override.value, origin: origin).value(expression, text: override.value)
        return plain(value)
    }

    /// Names (`cosine`) become strings; lists keep their items plain.
    private static func plain(_ value: SourceValue) -> SourceValue {
        var copy = value
        switch value.literal {
        case .name(let name): copy.literal = .string(name)
        case .list(let items): copy.literal = .list(items.map(plain))
        case .expression(let text): copy.literal = .string(text)
        default: break
        }
        return copy
    }

    private static func set(_ path: ArraySlice<String>, _ value: SourceValue, in node: SourceValue, override: Override) throws(Diagnostic) -> SourceValue {
        guard case .mapping(var keywords) = node.literal, let key = path.first else {
            throw Diagnostic("--set \(override.key)=…: '\(node.origin.subject ?? override.key)' is not a mapping, so it has no key '\(path.first ?? "")'",
                             at: override.origin)
        }
        var copy = node
        if path.count == 1 {
            if let index = keywords.lastIndex(where: { $0.name == key }) {
                keywords[index].value = value
            } else {
                keywords.append(CallValue.Keyword(key, value))
            }
        } else {
            let child = keywords.last { $0.name == key }?.value
                ?? SourceValue(.mapping([]), text: "{}", origin: override.origin)
            let updated = try set(path.dropFirst(), value, in: child, override: override)
            if let index = keywords.lastIndex(where: { $0.name == key }) { keywords[index].value = updated } else { keywords.append(CallValue.Keyword(key, updated)) }
        }
        copy.literal = .mapping(keywords)
        return copy
    }
}
