import LRPlotEngine

/// Turns (already `@FILE`-expanded) arguments into an ``Invocation``, reading every schedule's
/// flags from the registry.
///
/// Conventions: `--name value` or `--name=value`; schedule flags in kebab-case or PyTorch's
/// spelling; common flags anywhere; booleans bare, `--no-NAME` to turn one off; a repeated flag
/// replaces the earlier value, except `--lr-lambda`-style expressions, which collect one per group.
public enum InvocationParser {
    /// Parses `arguments` (without the program name).
    /// `reader` reads the `@FILE` specs of `compare` (other `@FILE`s are expanded before parsing).
    public static func parse(_ arguments: [String], reader: (String) throws(UsageError) -> String = SpecFile.read) throws(UsageError) -> Invocation {
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
        if first == "man" {
            guard arguments.count == 1 else { throw UsageError("'man' takes no arguments (got '\(arguments[1])')") }
            return .manPage
        }
        if first == "completions" {
            let shells = ShellCompletions.shells
            guard arguments.count == 2, shells.contains(arguments[1]) else {
                let given = arguments.count > 1 ? "'\(arguments[1])' is not one of \(shells.joined(separator: ", ")).\(Suggestion.didYouMean(arguments[1], in: shells))" : "which shell?"
                throw UsageError("completions: \(given) Usage: lrplot completions bash|zsh|fish")
            }
            return .completions(arguments[1])
        }
        if first == "compare" { return try parseCompare(Array(arguments.dropFirst()), reader: reader) }

        var options = CommonOptions()
        var arguments = ArraySlice(arguments)
        var scheduleArguments: ScheduleArguments? = nil
        var wantsHelp = false
        // The segment flags currently go to: the schedule (nil) or a composite's child (its index).
        var childIndex: Int? = nil
        var childNamed = true
        var expressionFlagsSeen: Set<String> = []

        while let token = arguments.popFirst() {
            if token == "-h" || token == "--help" { wantsHelp = true; continue }
            if token == "--version" { return .version }
            if token == "--" {
                guard let top = scheduleArguments, top.definition.isComposite else {
                    let what = scheduleArguments.map { "\($0.definition.name) is not a composite" } ?? "no composite schedule before it"
                    throw UsageError("unexpected '--' (\(what)): '--' starts a child schedule of sequential or chained, e.g. lrplot \(ScheduleDefinition.sequential.example)")
                }
                guard childNamed else { throw UsageError("'--' must be followed by a child schedule, e.g. '-- cosine --t-max 95'") }
                childIndex = top.children.count
                childNamed = false
                expressionFlagsSeen = []
                continue
            }
            if token.hasPrefix("-") && token.count > 1 && !ValueParsing.isDecimalNumber(token) {
                let (name, inline) = splitFlag(token)
                if let common = CommonFlag.named(name) {
                    let value = try takeValue(flag: name, takes: common.takesValue, inline: inline, from: &arguments)
                    try common.apply(&options, value, name)
                    continue
                }
                guard var top = scheduleArguments else {
                    throw UsageError("unknown option '\(name)' before the schedule name.\(Suggestion.didYouMean(name, in: commonFlagNames))")
                }
                if let index = childIndex {
                    guard childNamed else { throw UsageError("'--' must be followed by a child schedule before its flags (got '\(name)')") }
                    try applyScheduleFlag(name, inline: inline, to: &top.children[index], from: &arguments, expressionFlagsSeen: &expressionFlagsSeen)
                } else {
                    try applyScheduleFlag(name, inline: inline, to: &top, from: &arguments, expressionFlagsSeen: &expressionFlagsSeen)
                }
                scheduleArguments = top
                continue
            }
            if childIndex != nil, !childNamed, var top = scheduleArguments {
                let child = try scheduleToken(token, options: &options)
                if child.definition.isComposite && child.children.isEmpty {
                    throw UsageError("'-- \(token)': a composite inside a composite can only be written in the Python-call form, e.g. 'SequentialLR(optimizer, [ChainedScheduler([...]), ...], milestones=[...])'")
                }
                top.children.append(child)
                scheduleArguments = top
                childNamed = true
                continue
            }
            guard scheduleArguments == nil else {
                throw UsageError("unexpected argument '\(token)' (flags start with '--'; the schedule is '\(scheduleArguments?.definition.name ?? "")')")
            }
            scheduleArguments = try scheduleToken(token, options: &options)
        }
        if wantsHelp { return .help(scheduleArguments?.definition) }
        guard let schedule = scheduleArguments else {
            throw UsageError("no schedule given. Usage: lrplot SCHEDULE [FLAGS...]  (try 'lrplot list')")
        }
        guard childNamed else { throw UsageError("'--' at the end: it must be followed by a child schedule, e.g. '-- cosine --t-max 95'") }
        try checkComplete(schedule, isChild: false)
        try checkMetrics(options, schedule: schedule)
        try checkImageSize(options)
        return .run(RunRequest(schedule: schedule, options: options))
    }

    /// `compare SPEC SPEC… [FLAGS]`: each SPEC is one argument (a flag line, a Python call or
    /// `@FILE`); the common flags outside the specs apply to every one (a spec's own flags win).
    static func parseCompare(_ arguments: [String], reader: (String) throws(UsageError) -> String) throws(UsageError) -> Invocation {
        var outer: [String] = []
        var specs: [String] = []
        var rest = ArraySlice(arguments)
        while let token = rest.popFirst() {
            if token == "-h" || token == "--help" { return .help(nil) }
            if token.hasPrefix("-") && token.count > 1 && !ValueParsing.isDecimalNumber(token) {
                let (name, inline) = splitFlag(token)
                guard let common = CommonFlag.named(name) else {
                    throw UsageError("compare: unknown option '\(name)'; only common flags go outside the specs (put schedule flags inside a spec's quotes, e.g. 'step --step-size 30').\(Suggestion.didYouMean(name, in: commonFlagNames))")
                }
                outer.append(token)
                if common.takesValue && inline == nil {
                    guard let value = rest.popFirst() else { throw UsageError("\(name) needs a value") }
                    outer.append(value)
                }
                continue
            }
            specs.append(token)
        }
        guard specs.count >= 2 else {
            throw UsageError("compare needs at least two specs, each one argument, e.g. lrplot compare 'step --step-size 30' 'cosine --t-max 100' -o cmp.png")
        }
        var options = CommonOptions()
        var index = outer.startIndex
        while index < outer.endIndex {
            let (name, inline) = splitFlag(outer[index])
            guard let common = CommonFlag.named(name) else { break }
            var value = inline
            if common.takesValue && inline == nil { index += 1; value = outer[index] }
            try common.apply(&options, value, name)
            index += 1
        }
        var requests: [RunRequest] = []
        for (number, spec) in specs.enumerated() {
            let words: [String]
            if spec.hasPrefix("@") {
                words = try SpecFile.expand([spec], reader: reader)
            } else if let end = pythonCallEnd(spec) {
                // A Python call, possibly followed by flags: the call is one word.
                words = [String(spec[...end])] + (try SpecFile.split(String(spec[spec.index(after: end)...]), name: "spec \(number + 1)"))
            } else {
                words = try SpecFile.split(spec, name: "spec \(number + 1)")
            }
            guard !words.isEmpty else { throw UsageError("compare: spec \(number + 1) is empty") }
            let invocation: Invocation
            do { invocation = try parse(outer + words) } catch {
                throw UsageError("compare: spec \(number + 1) ('\(spec)'): \(error.message)")
            }
            guard case .run(let request) = invocation else {
                throw UsageError("compare: spec \(number + 1) ('\(spec)') is not a schedule")
            }
            guard !request.schedule.definition.usesMetrics || request.options.metrics != nil || request.options.metricsFile == nil else {
                throw UsageError("compare: spec \(number + 1): plateau reads its metrics from the toy loss or --metrics inside its spec")
            }
            requests.append(request)
        }
        try checkImageSize(options)
        return .compare(requests, options)
    }

    /// If `spec` starts with a call (`Name(…)`, `scheduler = Name(…)`), the index of its closing
    /// parenthesis (quotes respected).
    static func pythonCallEnd(_ spec: String) -> String.Index? {
        guard let open = spec.firstIndex(of: "("), !spec[..<open].contains(where: { $0 == "-" || $0 == "'" || $0 == "\"" }) else { return nil }
        var depth = 0
        var quote: Character? = nil
        var index = open
        while index < spec.endIndex {
            let c = spec[index]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "(" || c == "[" {
                depth += 1
            } else if c == ")" || c == "]" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = spec.index(after: index)
        }
        return nil
    }

    /// A schedule name or a Python call, as the schedule (or a child) of the command line.
    static func scheduleToken(_ token: String, options: inout CommonOptions) throws(UsageError) -> ScheduleArguments {
        if token.contains("(") {
            let call = try PythonCall.parse(token)
            if call.verbose { options.verbose = true }
            return call.arguments
        }
        return ScheduleArguments(definition: try schedule(named: token))
    }

    /// Every required parameter is given, composites have children, and no plateau is nested.
    static func checkComplete(_ schedule: ScheduleArguments, isChild: Bool) throws(UsageError) {
        let s = schedule.definition
        if let missing = schedule.missingRequired.first {
            throw UsageError("\(s.name) needs --\(missing.name) (\(missing.acceptedDescription)); e.g. lrplot \(s.example)",
                             usage: InfoCommands.usage(s))
        }
        if s.isComposite {
            guard !schedule.children.isEmpty else {
                throw UsageError("\(s.name) needs child schedules after '--'. Usage: lrplot \(s.example)")
            }
            for (index, child) in schedule.children.enumerated() {
                if child.definition.family == "timm" {
                    throw UsageError("\(s.name): child \(index + 1) is \(child.definition.name); timm schedulers are not torch LRSchedulers and cannot be composed by \(s.displayName)")
                }
                if child.definition.usesMetrics {
                    throw UsageError("\(s.name): child \(index + 1) is plateau; \(s.displayName) does not support `ReduceLROnPlateau` scheduler as it requires additional kwargs to be specified when calling `step`, but got one at index \(index) in the given schedulers sequence.")
                }
                try checkComplete(child, isChild: true)
            }
            if case .integers(let milestones)? = schedule.value("milestones"), milestones.count != schedule.children.count - 1 {
                throw UsageError("--milestones: \(milestones.count) milestone\(milestones.count == 1 ? "" : "s") for \(schedule.children.count) child schedule\(schedule.children.count == 1 ? "" : "s"); expected one fewer milestones than children (PyTorch: Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers \(schedule.children.count) and the number of milestones to be equal to \(milestones.count))")
            }
        }
    }

    /// The largest PNG side lrplot draws (`--width`/`--height` times `--scale`).
    static let maximumPixels = 16384

    /// A PNG stays within ``maximumPixels`` per side (a bigger one would need gigabytes).
    static func checkImageSize(_ options: CommonOptions) throws(UsageError) {
        for (flag, size) in [("--width", options.width), ("--height", options.height)] where Double(size) * options.scale > Double(maximumPixels) {
            throw UsageError("--scale: \(PyFormat.repr(options.scale)) × \(flag) \(size) is \(Int(Double(size) * options.scale)) pixels; at most \(maximumPixels) per side")
        }
    }

    /// `--metrics`, `--metrics-file` and `--metrics-column` only go with plateau, and not together.
    static func checkMetrics(_ options: CommonOptions, schedule: ScheduleArguments) throws(UsageError) {
        let flag = options.metrics != nil ? "--metrics" : options.metricsFile != nil ? "--metrics-file" : options.metricsColumn != nil ? "--metrics-column" : nil
        guard let flag else { return }
        guard schedule.definition.usesMetrics else {
            throw UsageError("\(flag): only plateau reads metrics; \(schedule.definition.name) does not")
        }
        if options.metrics != nil && options.metricsFile != nil {
            throw UsageError("--metrics and --metrics-file: give one or the other")
        }
        if options.metricsColumn != nil && options.metricsFile == nil {
            throw UsageError("--metrics-column: chooses a column of --metrics-file, which is not given")
        }
        if let metrics = options.metrics, metrics.count < options.epochs {
            throw UsageError("--metrics: \(metrics.count) value\(metrics.count == 1 ? "" : "s") for \(options.epochs) epochs; expected at least one per epoch (--epochs)")
        }
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

    /// Applies one schedule flag; an error carries the schedule's usage line.
    static func applyScheduleFlag(_ name: String, inline: String?, to schedule: inout ScheduleArguments,
                                  from arguments: inout ArraySlice<String>, expressionFlagsSeen: inout Set<String>) throws(UsageError) {
        do {
            try applyScheduleFlagValue(name, inline: inline, to: &schedule, from: &arguments, expressionFlagsSeen: &expressionFlagsSeen)
        } catch {
            var failure = error
            if failure.usage == nil { failure.usage = InfoCommands.usage(schedule.definition) }
            throw failure
        }
    }

    static func applyScheduleFlagValue(_ name: String, inline: String?, to schedule: inout ScheduleArguments,
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
        if let found = spec, found.isPythonOnly {
            throw UsageError("\(name) is only accepted in the Python-call form of \(definition.displayName) (e.g. '\(definition.displayName)(optimizer, \(found.pythonName)=…)')")
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
        definition.parameters.filter { !$0.isPythonOnly }.flatMap { ["--" + $0.name, "--" + $0.pythonName] } + commonFlagNames
    }
}
