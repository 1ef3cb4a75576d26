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
        guard case .call(let callee, let callArguments, _) = expr, let calleeName = callee.dottedName else {
            throw UsageError("'\(text)' is not a scheduler constructor call such as 'StepLR(optimizer, step_size=30)'")
        }
        let definition = try InvocationParser.schedule(named: calleeName)
        var arguments = ScheduleArguments(definition: definition)
        var verbose = false
        var positional = callArguments.filter { $0.label == nil }
        if let first = positional.first, case .name = first.value { positional.removeFirst() }
        guard positional.count <= definition.parameters.count else {
            throw UsageError("\(definition.displayName)() takes at most \(definition.parameters.count) arguments after the optimizer, got \(positional.count)")
        }
        for (spec, argument) in zip(definition.parameters, positional) {
            arguments.set(spec.name, try value(of: argument, for: spec, in: definition))
        }
        for argument in callArguments {
            guard let label = argument.label else { continue }
            switch label {
            case "optimizer": continue
            case "last_epoch":
                guard case .unary("-", .int(1, _), _) = argument.value else {
                    throw UsageError("\(definition.displayName)(last_epoch=…): only -1 (a fresh run) can be simulated; to start later, simulate from 0")
                }
                continue
            case "verbose":
                if case .bool(let on, _) = argument.value { verbose = on; continue }
                throw UsageError("\(definition.displayName)(verbose=…): expected True or False")
            default:
                guard let spec = definition.parameters.first(where: { $0.pythonName == label || $0.name == label }) else {
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
        return Result(arguments: arguments, verbose: verbose)
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
                throw UsageError("\(flag): \(text) is out of range; expected \(spec.acceptedDescription)")
            }
        }
        func integer(_ e: PyExpr) throws(UsageError) -> Int {
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

extension StringProtocol {
    var trimmingSpaces: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
