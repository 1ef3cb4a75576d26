import LRPlotEngine

/// A serialized Keras learning-rate schedule, as `keras.optimizers.schedules.serialize` writes it
/// and saved optimizer configs hold it:
/// `{"module": "keras.optimizers.schedules", "class_name": "CosineDecay", "config": {…}, "registered_name": null}`
/// (also tf.keras's `{"class_name": …, "config": …}` without a module, and an optimizer config whose
/// `config.learning_rate` is such a schedule). The class becomes the call of its `keras.*` registry
/// entry with the config's values as keyword arguments, each keeping its place in the file.
public enum KerasSerializedReader: ConfigReader {
    public static var kind: String { "Keras serialized schedule" }

    /// Keras's module for its schedules.
    static let module = "keras.optimizers.schedules"

    public static func recognizes(_ document: ConfigDocument) -> Bool {
        schedule(in: document.root) != nil
    }

    public static func read(_ document: ConfigDocument, settings: ConfigSettings) throws(Diagnostic) -> ConfigRun {
        guard let found = schedule(in: document.root) else {
            throw Diagnostic("\(document.path) holds no Keras schedule ({\"class_name\": …, \"config\": …} of keras.optimizers.schedules)",
                             at: document.root.origin)
        }
        let entries = found.entries
        if let registered = entries.value("registered_name"), !registered.isNone {
            if case .string(let name) = registered.literal, name != found.className {
                throw Diagnostic("registered_name '\(name)' is a custom (registered) schedule; lrplot reads Keras's own classes only",
                                 at: registered.origin.naming("registered_name"))
            }
        }
        guard let definition = ScheduleRegistry.members(of: .keras).first(where: { $0.pythonClass == found.className }) else {
            throw Diagnostic("unreachable: \(found.className) is not a Keras schedule", at: found.origin)
        }
        guard let config = entries.value("config") else {
            throw Diagnostic("\(found.className) has no \"config\" with its arguments", at: found.origin.naming("config"))
        }
        guard case .mapping(let arguments) = config.literal else {
            throw Diagnostic("\"config\" of \(found.className) must be an object of its arguments, got '\(config.text)'", at: config.origin.naming("config"))
        }
        var call = CallValue(callee: ScheduleFamily.keras.qualifiedName(found.className), form: .python, origin: found.origin,
                             text: document.path)
        var run = ConfigRun(call: call)
        for argument in arguments {
            // `name` only names the ops in Keras; it has no effect on the values.
            if argument.name == "name" { continue }
            guard definition.parameters.contains(where: { $0.pythonName == argument.name }) else {
                run.warnings.append(Diagnostic("unknown key '\(argument.name)' of \(found.className)'s config ignored.\(Suggestion.didYouMean(argument.name, in: definition.parameters.map(\.pythonName)))",
                                               at: argument.value.origin.naming("config.\(argument.name)")))
                continue
            }
            var value = argument.value
            value.origin.subject = "config.\(argument.name)"
            call.keywords.append(CallValue.Keyword(argument.name, value))
        }
        for override in settings.overrides {
            let key = override.key.hasPrefix("config.") ? String(override.key.dropFirst("config.".count)) : override.key
            guard definition.parameters.contains(where: { $0.pythonName == key }) else {
                throw Diagnostic("--set \(override.key): \(found.className) has no argument '\(key)'.\(Suggestion.didYouMean(key, in: definition.parameters.map(\.pythonName)))",
                                 at: override.origin)
            }
            call.keywords.removeAll { $0.name == key }
            var origin = override.origin
            origin.subject = "--set \(override.key)"
            call.keywords.append(CallValue.Keyword(key, PythonLiteral.value(override.value, origin: origin)))
        }
        run.call = call
        return run
    }

    /// The serialized schedule in `root`, or in an optimizer config's `config.learning_rate`.
    static func schedule(in root: SourceValue) -> (className: String, entries: [CallValue.Keyword], origin: Origin)? {
        guard case .mapping(let entries) = root.literal else { return nil }
        if let found = direct(entries, origin: root.origin) { return found }
        if let config = entries.value("config"), case .mapping(let options) = config.literal,
           let rate = options.value("learning_rate"), case .mapping(let inner) = rate.literal {
            return direct(inner, origin: rate.origin)
        }
        return nil
    }

    private static func direct(_ entries: [CallValue.Keyword], origin: Origin) -> (className: String, entries: [CallValue.Keyword], origin: Origin)? {
        guard let classValue = entries.value("class_name"), case .string(let className) = classValue.literal,
              entries.value("config") != nil,
              ScheduleRegistry.members(of: .keras).contains(where: { $0.pythonClass == className }) else { return nil }
        if let moduleValue = entries.value("module") {
            guard case .string(let module) = moduleValue.literal, module == Self.module || module == "keras.src.optimizers.schedules.learning_rate_schedule" else {
                return nil
            }
        }
        return (className, entries, classValue.origin)
    }
}

extension Array where Element == CallValue.Keyword {
    /// The value of the last entry called `key`.
    func value(_ key: String) -> SourceValue? { last { $0.name == key }?.value }
}

/// A `--set` value read as a literal of the value tree: a number, True/False/None, a quoted string,
/// else the text as a word.
enum PythonLiteral {
    static func value(_ text: String, origin: Origin) -> SourceValue {
        let t = text.trimmingSpaces
        switch t {
        case "True", "true": return SourceValue(.bool(true), text: t, origin: origin)
        case "False", "false": return SourceValue(.bool(false), text: t, origin: origin)
        case "None", "null": return SourceValue(.none, text: t, origin: origin)
        default: break
        }
        if t.count >= 2, let first = t.first, first == "'" || first == "\"", t.last == first {
            return SourceValue(.string(String(t.dropFirst().dropLast())), text: t, origin: origin)
        }
        if t.hasPrefix("[") || t.hasPrefix("("), let call = try? PythonCall.parse("f(\(t))", origin: origin), let item = call.positional.first {
            return item
        }
        return ValueParsing.scalar(t, origin: origin)
    }
}
