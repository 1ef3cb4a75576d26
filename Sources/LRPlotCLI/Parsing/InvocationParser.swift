import LRPlotEngine

/// Turns (already `@FILE`-expanded) arguments into an ``Invocation``, reading every schedule's
/// flags from the registry.
///
/// Conventions: `--name value` or `--name=value`; schedule flags in kebab-case or PyTorch's
/// spelling; common flags anywhere; booleans bare, `--no-NAME` to turn one off; a repeated flag
/// replaces the earlier value, except `--lr-lambda`-style expressions, which collect one per group.
public enum InvocationParser {
    /// Parses `arguments` (without the program name).
    public static func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
        guard let first = arguments.first else {
            throw UsageError("no schedule given. Usage: lrplot SCHEDULE [FLAGS...]  (try 'lrplot list' or 'lrplot --help')")
        }
        if first == "list" {
            guard arguments.count == 1 else { throw UsageError("'list' takes no arguments (got '\(arguments[1])')") }
            return .list
        }
        if first == "help" {
            guard arguments.count <= 2 else { throw UsageError("'help' takes at most one schedule name") }
            guard arguments.count == 2 else { return .help(nil) }
            return .help(try schedule(named: arguments[1]))
        }
        if first == "--version" { return .version }

        var options = CommonOptions()
        var arguments = ArraySlice(arguments)
        var scheduleArguments: ScheduleArguments? = nil
        var wantsHelp = false
        var expressionFlagsSeen: Set<String> = []

        while let token = arguments.popFirst() {
            if token == "-h" || token == "--help" { wantsHelp = true; continue }
            if token == "--version" { return .version }
            if token == "--" {
                throw UsageError("unexpected '--': composite schedules (sequential, chained) are not available yet")
            }
            if token.hasPrefix("-") && token.count > 1 && !ValueParsing.isDecimalNumber(token) {
                let (name, inline) = splitFlag(token)
                if let common = CommonFlag.named(name) {
                    let value = try takeValue(flag: name, takes: common.takesValue, inline: inline, from: &arguments)
                    try common.apply(&options, value, name)
                    continue
                }
                guard var current = scheduleArguments else {
                    throw UsageError("unknown option '\(name)' before the schedule name.\(Suggestion.didYouMean(name, in: commonFlagNames))")
                }
                try applyScheduleFlag(name, inline: inline, to: &current, from: &arguments, expressionFlagsSeen: &expressionFlagsSeen)
                scheduleArguments = current
                continue
            }
            guard scheduleArguments == nil else {
                throw UsageError("unexpected argument '\(token)' (flags start with '--'; the schedule is '\(scheduleArguments?.definition.name ?? "")')")
            }
            if token.contains("(") {
                let call = try PythonCall.parse(token)
                scheduleArguments = call.arguments
                if call.verbose { options.verbose = true }
            } else {
                scheduleArguments = ScheduleArguments(definition: try schedule(named: token))
            }
        }
        if wantsHelp { return .help(scheduleArguments?.definition) }
        guard let schedule = scheduleArguments else {
            throw UsageError("no schedule given. Usage: lrplot SCHEDULE [FLAGS...]  (try 'lrplot list')")
        }
        if let missing = schedule.missingRequired.first {
            let s = schedule.definition
            throw UsageError("\(s.name) needs --\(missing.name) (\(missing.acceptedDescription)). Usage: lrplot \(s.example)")
        }
        return .run(RunRequest(schedule: schedule, options: options))
    }

    /// The schedule called `name`, or an error suggesting the nearest name.
    static func schedule(named name: String) throws(UsageError) -> ScheduleDefinition {
        if let definition = ScheduleRegistry.lookup(name) { return definition }
        let hint = Suggestion.didYouMean(name, in: ScheduleRegistry.allNames)
        throw UsageError("unknown schedule '\(name)'.\(hint) Run 'lrplot list' to see every schedule.")
    }

    static var commonFlagNames: [String] { CommonFlag.all.flatMap(\.names).filter { $0.hasPrefix("--") } + ["--help", "--version"] }

    /// `--name=value` → (`--name`, `value`); `--name` → (`--name`, nil).
    static func splitFlag(_ token: String) -> (String, String?) {
        guard token.hasPrefix("--"), let eq = token.firstIndex(of: "=") else { return (token, nil) }
        return (String(token[..<eq]), String(token[token.index(after: eq)...]))
    }

    static func takeValue(flag: String, takes: Bool, inline: String?, from arguments: inout ArraySlice<String>) throws(UsageError) -> String? {
        guard takes else {
            if let inline { throw UsageError("\(flag) is a switch and takes no value (got '\(inline)')") }
            return nil
        }
        if let inline { return inline }
        guard let next = arguments.first, !(next.hasPrefix("--") && !ValueParsing.isDecimalNumber(next)) else {
            throw UsageError("\(flag) needs a value")
        }
        arguments.removeFirst()
        return next
    }

    static func applyScheduleFlag(_ name: String, inline: String?, to schedule: inout ScheduleArguments,
                                  from arguments: inout ArraySlice<String>, expressionFlagsSeen: inout Set<String>) throws(UsageError) {
        let definition = schedule.definition
        guard name.hasPrefix("--") else {
            throw UsageError("unknown option '\(name)' for \(definition.name).\(Suggestion.didYouMean(name, in: flagNames(definition)))")
        }
        let bare = String(name.dropFirst(2))
        var negated = false
        var spec = definition.parameter(named: bare)
        if spec == nil, bare.hasPrefix("no-"), let flagSpec = definition.parameter(named: String(bare.dropFirst(3))), flagSpec.type == .flag {
            spec = flagSpec
            negated = true
        }
        guard let spec else {
            throw UsageError("unknown option '\(name)' for \(definition.name).\(Suggestion.didYouMean(name, in: flagNames(definition)))"
                             + " Run 'lrplot help \(definition.name)' for its flags.")
        }
        if spec.type == .flag {
            if negated, let inline { throw UsageError("\(name) is a switch and takes no value (got '\(inline)')") }
            let value: ParameterValue = negated ? .flag(false) : (try inline.map { (v) throws(UsageError) in try ValueParsing.parameter(spec, text: v, flag: name) } ?? .flag(true))
            schedule.set(spec.name, value)
            return
        }
        guard let text = try takeValue(flag: name, takes: true, inline: inline, from: &arguments) else { return }
        let value = try ValueParsing.parameter(spec, text: text, flag: name)
        if case .expressions(let new) = value {
            if expressionFlagsSeen.contains(spec.name), case .expressions(let old)? = schedule.given[spec.name] {
                schedule.set(spec.name, .expressions(old + new))
            } else {
                schedule.set(spec.name, value)
            }
            expressionFlagsSeen.insert(spec.name)
            return
        }
        schedule.set(spec.name, value)
    }

    static func flagNames(_ definition: ScheduleDefinition) -> [String] {
        definition.parameters.flatMap { ["--" + $0.name, "--" + $0.pythonName] } + commonFlagNames
    }
}
