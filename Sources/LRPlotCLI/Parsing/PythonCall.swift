import LRPlotEngine

/// The Python-call form: `'StepLR(optimizer, step_size=5, gamma=0.9)'`, as written in a training
/// script, read with the expression parser and mapped onto the registry's parameters.
public enum PythonCall {
    /// A parsed call: the schedule's arguments and whether `verbose=True` was given.
    public struct Result {
        public var arguments: ScheduleArguments
        public var verbose: Bool
    }

    /// Parses one call such as `torch.optim.lr_scheduler.StepLR(opt, 30, gamma=0.1)`.
    public static func parse(_ text: String) throws(UsageError) -> Result {
        var source = text.trimmingSpaces
        // An optional `scheduler = ` prefix.
        if let eq = source.firstIndex(of: "="), let paren = source.firstIndex(of: "("), eq < paren {
            let lhs = source[..<eq].trimmingSpaces
            if !lhs.isEmpty, lhs.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) {
                source = String(source[source.index(after: eq)...]).trimmingSpaces
            }
        }
        let expr: PyExpr
        do { expr = try PyParser.parse(source) } catch {
            throw UsageError("cannot read the Python call: \(error.message) at column \(error.column)\n  \(source)\n  \(String(repeating: " ", count: max(0, error.column - 1)))^")
        }
        var verbose = false
        let arguments = try schedule(from: expr, source: text, verbose: &verbose)
        return Result(arguments: arguments, verbose: verbose)
    }

    /// The schedule described by one call expression (recursively for composites' children).
    static func schedule(from expr: PyExpr, source text: String, verbose: inout Bool) throws(UsageError) -> ScheduleArguments {
        guard case .call(let callee, let callArguments, let column) = expr, let calleeName = callee.dottedName else {
            throw UsageError("'\(text)' is not a scheduler constructor call such as 'StepLR(optimizer, step_size=30)'")
        }
        if calleeName == "get_scheduler" || calleeName.hasSuffix(".get_scheduler") {
            return try schedule(from: try getSchedulerCall(callArguments, column: column), source: text, verbose: &verbose)
        }
        let definition = try InvocationParser.schedule(named: calleeName)
        var arguments = ScheduleArguments(definition: definition)
        var positional = callArguments.filter { $0.label == nil }
        if positional.count > definition.optimizerPosition, case .name = positional[definition.optimizerPosition].value {
            positional.remove(at: definition.optimizerPosition)
        }
        // The positional signature after `optimizer`: a composite's `schedulers` list, then the parameters.
        var signature: [ParameterSpec?] = definition.parameters
        if case .composite(let position) = definition.kind { signature.insert(nil, at: position) }
        guard positional.count <= signature.count else {
            throw UsageError("\(definition.displayName)() takes at most \(signature.count) arguments besides the optimizer, got \(positional.count)")
        }
        var childrenGiven = false
        for (spec, argument) in zip(signature, positional) {
            if let spec {
                arguments.set(spec.name, try value(of: argument, for: spec, in: definition))
            } else {
                arguments.children = try children(of: argument, in: definition, verbose: &verbose)
                childrenGiven = true
            }
        }
        for argument in callArguments {
            guard let label = argument.label else { continue }
            switch label {
            case "optimizer": continue
            case "schedulers" where definition.isComposite:
                guard !childrenGiven else { throw UsageError("\(definition.displayName)() got multiple values for argument 'schedulers'") }
                arguments.children = try children(of: argument, in: definition, verbose: &verbose)
                childrenGiven = true
            case "last_epoch":
                guard case .unary("-", .int(1, _), _) = argument.value else {
                    throw UsageError("\(definition.displayName)(last_epoch=…): only -1 (a fresh run) can be simulated; to start later, simulate from 0")
                }
                continue
            case "verbose":
                if case .bool(let on, _) = argument.value { verbose = on; continue }
                throw UsageError("\(definition.displayName)(verbose=…): expected True or False")
            default:
                guard let spec = definition.parameters.first(where: { $0.pythonName == label }) else {
                    let names = definition.parameters.map(\.pythonName)
                    throw UsageError("\(definition.displayName)() got an unexpected keyword argument '\(label)'.\(Suggestion.didYouMean(label, in: names))")
                }
                if arguments.given[spec.name] != nil, positional.count > (definition.parameters.firstIndex { $0.name == spec.name } ?? Int.max) {
                    throw UsageError("\(definition.displayName)() got multiple values for argument '\(label)'")
                }
                arguments.set(spec.name, try value(of: argument, for: spec, in: definition))
            }
        }
        if let missing = arguments.missingRequired.first {
            throw UsageError("\(definition.displayName)() missing required argument '\(missing.pythonName)' (\(missing.acceptedDescription))")
        }
        if definition.isComposite && !childrenGiven {
            throw UsageError("\(definition.displayName)() missing required argument 'schedulers' (a list of scheduler calls such as [LinearLR(optimizer, ...), ...])")
        }
        return arguments
    }

    /// transformers' `get_scheduler(name, optimizer, num_warmup_steps=None, num_training_steps=None,
    /// scheduler_specific_kwargs=None)`, rewritten as the call of the `hf.NAME` schedule with the
    /// arguments `get_scheduler` passes on for that type (and its errors when one is missing).
    static func getSchedulerCall(_ arguments: [PyArgument], column: Int) throws(UsageError) -> PyExpr {
        let positional = arguments.filter { $0.label == nil }
        func argument(_ label: String, _ position: Int) -> PyArgument? {
            arguments.first { $0.label == label } ?? (position < positional.count ? positional[position] : nil)
        }
        guard let nameArgument = argument("name", 0), case .string(let name, _) = nameArgument.value else {
            throw UsageError("get_scheduler(name=…): expected the scheduler type as a string, e.g. get_scheduler(\"cosine\", optimizer, num_warmup_steps=10, num_training_steps=100)")
        }
        if name == "reduce_lr_on_plateau" || name == "greedy" {
            guard name == "reduce_lr_on_plateau" else {
                throw UsageError("get_scheduler(\"greedy\"): GreedyLR is not supported by lrplot")
            }
            return .call(.name("ReduceLROnPlateau", column: column), kwargs(argument("scheduler_specific_kwargs", 4)), column: column)
        }
        let types = ScheduleRegistry.all.filter { $0.family == "hf" }.map { String($0.name.dropFirst(3)) }
        guard types.contains(name) else {
            throw UsageError("get_scheduler: '\(name)' is not a valid SchedulerType, please select one of \(types + ["reduce_lr_on_plateau"]).\(Suggestion.didYouMean(name, in: types))")
        }
        let callee = PyExpr.name("hf." + name, column: column)
        if name == "constant" { return .call(callee, [], column: column) }
        guard let warmup = argument("num_warmup_steps", 2), !isNone(warmup.value) else {
            throw UsageError("get_scheduler: SchedulerType.\(name.uppercased()) requires `num_warmup_steps`, please provide that argument.")
        }
        var passed = [PyArgument(label: "num_warmup_steps", value: warmup.value, column: warmup.column, source: warmup.source)]
        if name == "constant_with_warmup" { return .call(callee, passed, column: column) }
        let training = argument("num_training_steps", 3).flatMap { isNone($0.value) ? nil : $0 }
        if name != "inverse_sqrt" {
            if let training {
                passed.append(PyArgument(label: "num_training_steps", value: training.value, column: training.column, source: training.source))
            } else if name != "warmup_stable_decay" {
                throw UsageError("get_scheduler: SchedulerType.\(name.uppercased()) requires `num_training_steps`, please provide that argument.")
            }
        }
        return .call(callee, passed + kwargs(argument("scheduler_specific_kwargs", 4)), column: column)
    }

    /// The keyword arguments of a `{"key": value}` dict or `dict(key=value)` call.
    private static func kwargs(_ argument: PyArgument?) -> [PyArgument] {
        guard let argument, case .call(let callee, let items, _) = argument.value, callee.dottedName == "dict" else { return [] }
        return items.filter { $0.label != nil }
    }

    private static func isNone(_ e: PyExpr) -> Bool {
        if case .none = e { return true }
        return false
    }

    /// The child schedules of a composite: a list (or tuple) of scheduler calls.
    static func children(of argument: PyArgument, in definition: ScheduleDefinition, verbose: inout Bool) throws(UsageError) -> [ScheduleArguments] {
        guard case .list(let items, let sources, _) = argument.value else {
            throw UsageError("\(definition.displayName)(schedulers=…): expected a list of scheduler calls such as [LinearLR(optimizer, ...), CosineAnnealingLR(optimizer, ...)], got '\(argument.source)'")
        }
        var result: [ScheduleArguments] = []
        for (item, source) in zip(items, sources) {
            guard case .call = item else {
                throw UsageError("\(definition.displayName)(schedulers=…): '\(source)' is not a scheduler call such as StepLR(optimizer, step_size=30)")
            }
            result.append(try schedule(from: item, source: source, verbose: &verbose))
        }
        return result
    }

    /// Converts one argument's Python value to the parameter's type, validating its range.
    static func value(of argument: PyArgument, for spec: ParameterSpec, in definition: ScheduleDefinition) throws(UsageError) -> ParameterValue {
        let flag = "\(definition.displayName)(\(spec.pythonName)=…)"
        func number(_ e: PyExpr) throws(UsageError) -> Double {
            switch e {
            case .int(let v, _): return Double(v)
            case .float(let v, _): return v
            case .unary(let op, let inner, _):
                let v = try number(inner)
                return op == "-" ? -v : v
            default:
                throw UsageError("\(flag): expected a number, got '\(argument.source)'")
            }
        }
        func check(_ v: Double, _ text: String) throws(UsageError) {
            if let c = spec.constraint, !c.admits(v) {
                throw UsageError("\(flag): \(spec.outOfRangeMessage(text))")
            }
        }
        func integer(_ e: PyExpr) throws(UsageError) -> Int {
            if isFloatLiteral(e) {
                throw UsageError("\(flag): expected an integer, got the float '\(argument.source)'\(spec.pytorchRule.map { " (PyTorch: \($0), but got \(argument.source))" } ?? "")")
            }
            let v = try number(e)
            guard v == v.rounded(), abs(v) < 9e15 else {
                throw UsageError("\(flag): expected an integer, got '\(argument.source)'")
            }
            return Int(v)
        }
        switch spec.type {
        case .integer:
            let v = try integer(argument.value)
            try check(Double(v), argument.source)
            return .integer(v)
        case .real:
            if spec.requiresPythonFloat && !isFloatLiteral(argument.value) {
                throw UsageError("\(flag): \(spec.pytorchRule ?? "expected a float"), but got \(argument.source) (PyTorch requires a float here: write \(argument.source).0)")
            }
            let v = try number(argument.value)
            try check(v, argument.source)
            return .real(v)
        case .integerList:
            guard case .list(let items, let sources, _) = argument.value else {
                throw UsageError("\(flag): expected a list such as [30, 60], got '\(argument.source)'")
            }
            var values: [Int] = []
            for (item, text) in zip(items, sources) {
                let v = try integer(item)
                try check(Double(v), text)
                values.append(v)
            }
            return .integers(values)
        case .realPerGroup:
            if case .list(let items, let sources, _) = argument.value {
                var values: [Double] = []
                for (item, text) in zip(items, sources) {
                    let v = try number(item)
                    try check(v, text)
                    values.append(v)
                }
                return .reals(values)
            }
            let v = try number(argument.value)
            try check(v, argument.source)
            return .reals([v])
        case .expression(let variable):
            var texts = [argument.source]
            if case .list(_, let sources, _) = argument.value { texts = sources }
            var expressions: [Expression] = []
            for text in texts {
                do {
                    expressions.append(try Expression(text, defaultVariable: variable))
                } catch {
                    throw UsageError("\(flag): \(error.message) at column \(error.column) of '\(text)'")
                }
            }
            return .expressions(expressions)
        case .choice(let words):
            guard case .string(let s, _) = argument.value else {
                throw UsageError("\(flag): expected one of \(words.map { "'\($0)'" }.joined(separator: ", ")), got '\(argument.source)'")
            }
            guard words.contains(s) else {
                throw UsageError("\(flag): '\(s)' is not one of \(words.joined(separator: ", ")).\(Suggestion.didYouMean(s, in: words))")
            }
            return .choice(s)
        case .flag:
            guard case .bool(let b, _) = argument.value else {
                throw UsageError("\(flag): expected True or False, got '\(argument.source)'")
            }
            return .flag(b)
        }
    }
}

/// Whether `e` is a float literal, possibly signed (`2.0`, `-1e-3`).
private func isFloatLiteral(_ e: PyExpr) -> Bool {
    switch e {
    case .float: return true
    case .unary(_, let inner, _): return isFloatLiteral(inner)
    default: return false
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
