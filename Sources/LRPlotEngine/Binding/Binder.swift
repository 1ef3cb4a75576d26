/// What the binder needs to know about the run a schedule is bound for.
public struct BindContext: Sendable {
    /// The base lr of each param group (`--lr`).
    public var lrs: [Double]
    /// The run length (`--epochs`).
    public var epochs: Int
    /// The toy Adam's settings.
    public var adam: AdamSettings

    /// A context for a run of `epochs` steps over one group per value of `lrs`.
    public init(lrs: [Double], epochs: Int, adam: AdamSettings = AdamSettings()) {
        self.lrs = lrs
        self.epochs = epochs
        self.adam = adam
    }
}

/// A schedule bound for a run: its arguments, and whether the call asked for `verbose=True`.
public struct BoundSchedule: Sendable {
    /// The typed, checked arguments.
    public var arguments: ScheduleArguments
    /// `verbose=True` was given in a Python call.
    public var verbose: Bool
    /// What the library runs but the user probably did not mean, each at its origin.
    public var warnings: [Diagnostic]
}

/// The one binder: turns a call of the value tree (from any front end) into checked, typed
/// ``ScheduleArguments``. It resolves the schedule (and a family's factory forms), maps positional
/// and keyword arguments onto the registry's parameters, applies their types and ranges, the
/// composite rules and the library's own messages, and finally constructs the scheduler once
/// against a scratch optimizer, so that everything the constructor would reject is reported, with
/// its origin, before any simulation runs.
public enum Binder {
    /// Binds `call` for a run described by `context`.
    public static func bind(_ call: CallValue, _ context: BindContext) throws(Diagnostic) -> BoundSchedule {
        var verbose = false
        let arguments = try bindCall(call, verbose: &verbose)
        try construct(arguments, context)
        return BoundSchedule(arguments: arguments, verbose: verbose, warnings: warnings(arguments, epochs: context.epochs))
    }

    /// Binds `call` without constructing it (the arguments of a composite's child, or for tests).
    public static func bindCall(_ call: CallValue, verbose: inout Bool) throws(Diagnostic) -> ScheduleArguments {
        if call.form == .python, let factory = ScheduleRegistry.factory(named: call.callee) {
            return try bindCall(try factory.rewrite(call), verbose: &verbose)
        }
        let definition = try schedule(named: call.callee, at: call.origin)
        var arguments = ScheduleArguments(definition: definition, origin: call.origin)
        var childrenGiven = false
        func setChildren(_ value: SourceValue) throws(Diagnostic) {
            guard !childrenGiven else {
                throw Diagnostic("\(definition.displayName)() got multiple values for argument 'schedulers'", at: value.origin)
            }
            arguments.children = try children(of: value, in: definition, verbose: &verbose)
            childrenGiven = true
        }

        // Positional arguments (the Python form): the ignored optimizer, then the signature.
        var positional = call.positional
        if definition.family.takesOptimizer, positional.count > definition.optimizerPosition,
           case .name = positional[definition.optimizerPosition].literal {
            positional.remove(at: definition.optimizerPosition)
        }
        var signature: [ParameterSpec?] = definition.parameters
        if case .composite(let position) = definition.kind { signature.insert(nil, at: position) }
        guard positional.count <= signature.count else {
            throw Diagnostic("\(definition.displayName)() takes at most \(signature.count) arguments besides the optimizer, got \(positional.count)",
                             at: call.origin)
        }
        var positionallyGiven: Set<String> = []
        for (spec, value) in zip(signature, positional) {
            if let spec {
                if value.isNone && spec.isOptional { continue }
                arguments.set(spec.name, try spec.bind(named(value, spec, definition, call.form), form: call.form, library: definition.family.library))
                positionallyGiven.insert(spec.name)
            } else {
                try setChildren(value)
            }
        }

        for keyword in call.keywords {
            let label = keyword.name, value = keyword.value
            if call.form == .python {
                switch label {
                // The optimizer argument; a parameter of that name (the YOLO trainer's `optimizer='SGD'`) is bound instead.
                case "optimizer" where definition.parameter(named: "optimizer") == nil: continue
                case "schedulers" where definition.isComposite:
                    try setChildren(value)
                    continue
                case _ where label == "last_epoch" || (label == "last_batch_iteration" && definition.family == .deepspeed):
                    guard case .number(_, .some(-1)) = value.literal else {
                        throw Diagnostic("only -1 (a fresh run) can be simulated; to start later, simulate from 0", at: value.origin)
                    }
                    continue
                case "verbose":
                    guard case .bool(let on) = value.literal else { throw Diagnostic("expected True or False", at: value.origin) }
                    verbose = on
                    continue
                default: break
                }
            } else if label == "schedulers" && definition.isComposite {
                try setChildren(value)
                continue
            }
            guard let spec = try parameter(label, of: definition, form: call.form, at: value.origin) else { continue }
            if positionallyGiven.contains(spec.name) {
                throw Diagnostic("\(definition.displayName)() got multiple values for argument '\(label)'", at: value.origin)
            }
            if value.isNone && spec.isOptional { continue }
            arguments.set(spec.name, try spec.bind(named(value, spec, definition, call.form), form: call.form, library: definition.family.library))
        }

        if let missing = arguments.missingRequired.first {
            switch call.form {
            case .flags:
                throw Diagnostic("\(definition.name) needs --\(missing.name) (\(missing.acceptedDescription)); e.g. lrplot \(definition.example)",
                                 at: call.origin, usage: definition.usage)
            case .python:
                throw Diagnostic("\(definition.displayName)() missing required argument '\(missing.pythonName)' (\(missing.acceptedDescription))",
                                 at: call.origin)
            }
        }
        if definition.isComposite {
            try checkChildren(arguments, form: call.form)
        }
        do { try definition.validate(arguments) } catch { throw diagnostic(error, in: arguments) }
        return arguments
    }

    /// `value` with the parameter named as the form spells it (`--gamma`, `StepLR(gamma=…)`),
    /// unless the front end named it already.
    private static func named(_ value: SourceValue, _ spec: ParameterSpec, _ definition: ScheduleDefinition, _ form: CallValue.Form) -> SourceValue {
        guard value.origin.subject == nil else { return value }
        let subject = form == .python ? "\(definition.displayName)(\(spec.pythonName)=…)" : "--\(spec.name)"
        func rename(_ v: SourceValue) -> SourceValue {
            var copy = v
            copy.origin.subject = subject
            if case .list(let items) = v.literal { copy.literal = .list(items.map(rename)) }
            return copy
        }
        return rename(value)
    }

    /// Constructs the scheduler once against a scratch optimizer (its constructor's checks and
    /// initial step), as the simulation will.
    public static func construct(_ arguments: ScheduleArguments, _ context: BindContext) throws(Diagnostic) {
        let optimizer = Simulation(arguments: arguments, lrs: context.lrs, epochs: context.epochs, adam: context.adam).makeOptimizer()
        let build = BuildContext(optimizer: optimizer, epochs: context.epochs, stepsAfterConstruction: context.epochs)
        do { _ = try arguments.definition.build(arguments, build) } catch { throw diagnostic(error, in: arguments) }
    }

    /// The warnings of `arguments` and its children.
    static func warnings(_ arguments: ScheduleArguments, epochs: Int) -> [Diagnostic] {
        arguments.definition.warnings(arguments, epochs).map { diagnostic($0, in: arguments) }
            + arguments.children.flatMap { warnings($0, epochs: epochs) }
    }

    /// A scheduler's error as a diagnostic at the origin of the parameter it names (searched in
    /// `arguments` and its children), spelt as the user wrote the schedule.
    public static func diagnostic(_ error: ScheduleError, in arguments: ScheduleArguments) -> Diagnostic {
        if let origin = error.origin { return Diagnostic(error.message, at: origin) }
        guard let name = error.parameter else { return Diagnostic(error.message, at: arguments.origin.naming(nil)) }
        let places = origins(of: name, in: arguments)
        // Only a parameter given in exactly one schedule of the tree has a known origin.
        if places.count == 1, let origin = places.first { return Diagnostic(error.message, at: origin) }
        return Diagnostic(error.message, at: arguments.origin.naming("--\(name)"))
    }

    private static func origins(of name: String, in arguments: ScheduleArguments) -> [Origin] {
        (arguments.given[name].map { [$0.origin] } ?? []) + arguments.children.flatMap { origins(of: name, in: $0) }
    }

    /// The schedule called `name`, or an error suggesting the nearest name.
    public static func schedule(named name: String, at origin: Origin) throws(Diagnostic) -> ScheduleDefinition {
        if let definition = ScheduleRegistry.lookup(name) { return definition }
        let hint = Suggestion.didYouMean(name, in: ScheduleRegistry.allNames)
        throw Diagnostic("unknown schedule '\(name)'.\(hint) Run 'lrplot list' to see every schedule.", at: origin.naming(nil))
    }

    /// The parameter `label` of `definition` as the form spells it, or the error for an unknown one.
    public static func parameter(_ label: String, of definition: ScheduleDefinition, form: CallValue.Form, at origin: Origin,
                                 otherFlags: [String] = []) throws(Diagnostic) -> ParameterSpec? {
        switch form {
        case .python:
            guard let spec = definition.parameters.first(where: { $0.pythonName == label }) else {
                let names = definition.parameters.map(\.pythonName)
                throw Diagnostic("\(definition.displayName)() got an unexpected keyword argument '\(label)'.\(Suggestion.didYouMean(label, in: names))",
                                 at: origin.naming(nil))
            }
            return spec
        case .flags:
            let flag = "--" + label
            guard let spec = definition.parameter(named: label) else {
                throw Diagnostic("unknown option '\(flag)' for \(definition.name).\(Suggestion.didYouMean(flag, in: definition.flagNames + otherFlags))"
                                 + " Run 'lrplot help \(definition.name)' for its flags.", at: origin.naming(nil), usage: definition.usage)
            }
            if spec.isPythonOnly {
                throw Diagnostic("\(flag) is only accepted in the Python-call form of \(definition.displayName) (e.g. '\(definition.displayName)(optimizer, \(spec.pythonName)=…)')",
                                 at: origin.naming(nil), usage: definition.usage)
            }
            return spec
        }
    }

    /// The child schedules of a composite: a list (or tuple) of calls.
    private static func children(of value: SourceValue, in definition: ScheduleDefinition, verbose: inout Bool) throws(Diagnostic) -> [ScheduleArguments] {
        guard case .list(let items) = value.literal else {
            throw Diagnostic("expected a list of scheduler calls such as [LinearLR(optimizer, ...), CosineAnnealingLR(optimizer, ...)], got '\(value.text)'",
                             at: value.origin)
        }
        var result: [ScheduleArguments] = []
        for item in items {
            guard case .call(let call) = item.literal else {
                throw Diagnostic("'\(item.text)' is not a scheduler call such as StepLR(optimizer, step_size=30)", at: item.origin)
            }
            result.append(try bindCall(call, verbose: &verbose))
        }
        return result
    }

    /// The rules every composite shares: it has children, each a torch scheduler stepped without a metric.
    private static func checkChildren(_ arguments: ScheduleArguments, form: CallValue.Form) throws(Diagnostic) {
        let s = arguments.definition
        guard !arguments.children.isEmpty else {
            switch form {
            case .flags: throw Diagnostic("\(s.name) needs child schedules after '--'. Usage: lrplot \(s.example)", at: arguments.origin.naming(nil))
            case .python:
                throw Diagnostic("\(s.displayName)() missing required argument 'schedulers' (a list of scheduler calls such as [LinearLR(optimizer, ...), ...])",
                                 at: arguments.origin.naming(nil))
            }
        }
        for (index, child) in arguments.children.enumerated() {
            let c = child.definition
            // A torch composite takes torch LRSchedulers; a family's own composite (optax's join_schedules) its own schedules.
            if s.family.composesWithTorch ? !c.family.composesWithTorch : c.family != s.family {
                let kind = s.family.composesWithTorch ? "torch LRSchedulers" : "\(s.family.library) schedules"
                throw Diagnostic("\(s.name): child \(index + 1) is \(c.name); \(c.family.library) schedulers are not \(kind) and cannot be composed by \(s.displayName)",
                                 at: child.origin.naming(nil))
            }
            if c.usesMetrics {
                throw Diagnostic("\(s.name): child \(index + 1) is \(c.name); \(s.displayName) does not support `ReduceLROnPlateau` scheduler as it requires additional kwargs to be specified when calling `step`, but got one at index \(index) in the given schedulers sequence.",
                                 at: child.origin.naming(nil))
            }
        }
    }
}

extension ParameterSpec {
    /// Whether it may stay unset (neither required nor with a default), so `None` leaves it unset.
    var isOptional: Bool { !isRequired && defaultValue == nil }
}

extension ScheduleDefinition {
    /// The one-line usage of the schedule: its required flags, then its optional ones.
    public var usage: String {
        let flags = parameters.filter { !$0.isPythonOnly }.map { p -> String in
            let flag = "--\(p.name)" + (p.placeholder.isEmpty ? "" : " \(p.placeholder)")
            return p.isRequired ? flag : "[\(flag)]"
        }
        let children = isComposite ? ["-- SCHEDULE [FLAGS...] -- SCHEDULE [FLAGS...]..."] : []
        return (["lrplot", name] + flags + children).joined(separator: " ")
    }

    /// Its flags in both spellings (for suggestions).
    public var flagNames: [String] {
        parameters.filter { !$0.isPythonOnly }.flatMap { ["--" + $0.name, "--" + $0.pythonName] }
    }
}
