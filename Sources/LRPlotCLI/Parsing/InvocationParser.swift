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
        try parse(words: arguments.map { SpecFile.Word($0) }, reader: reader)
    }

    /// Parses words that remember where they were written (a spec file and line), so that every
    /// error about a value names its file and line.
    /// `sources` reads a SOURCE file or standard input (contract section 8).
    public static func parse(words: [SpecFile.Word], reader: (String) throws(UsageError) -> String = SpecFile.read,
                             sources: SourceReader = .disk) throws(UsageError) -> Invocation {
        let arguments = words.map(\.text)
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
        if first == "compare" { return try parseCompare(Array(arguments.dropFirst()), reader: reader, sources: sources) }

        return try parseRun(arguments, origins: words.map(\.origin), spec: nil, sources: sources)
    }

    /// The schedule line: the schedule (a name or a Python call) with its flags, children after
    /// `--`, and common flags anywhere; bound (and constructed once) before it is returned.
    /// `spec` is the `compare` spec number the line is, if any (it goes into every origin).
    static func parseRun(_ arguments: [String], origins: [Origin]? = nil, spec: Int?, sources: SourceReader = .disk) throws(UsageError) -> Invocation {
        var options = CommonOptions()
        var arguments = ArraySlice(arguments)
        let origins = origins ?? Array(repeating: Origin(), count: arguments.count)
        var top: CallValue? = nil
        var children: [CallValue] = []
        var wantsHelp = false
        // Flags go to the schedule (false) or to the last child (true).
        var inChild = false
        var childNamed = true
        var expressionFlagsSeen: Set<String> = []
        var base = Origin(spec: spec)
        // A config file, standard input or pasted source at the schedule's place (contract section 8).
        var source: SourceArgument? = nil

        while let position = Optional(arguments.startIndex), let token = arguments.popFirst() {
            // Where this argument was written (a spec file's line), inside compare's spec.
            base = origins[position].inSpec(spec)
            if token == "-h" || token == "--help" { wantsHelp = true; continue }
            if token == "--version" { return .version }
            if token == "--" {
                guard let call = top, let definition = ScheduleRegistry.lookup(call.callee), definition.isComposite else {
                    let what = top.map { "\($0.callee) is not a composite" } ?? "no composite schedule before it"
                    throw UsageError("unexpected '--' (\(what)): '--' starts a child schedule of sequential or chained, e.g. lrplot \(ScheduleDefinition.sequential.example)", at: base)
                }
                guard childNamed else { throw UsageError("'--' must be followed by a child schedule, e.g. '-- cosine --t-max 95'", at: base) }
                inChild = true
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
                if inChild && !childNamed {
                    throw UsageError("'--' must be followed by a child schedule before its flags (got '\(name)')", at: base)
                }
                if source != nil {
                    throw UsageError("unknown option '\(name)': after a source only common flags may follow; change a config key with --set KEY=VALUE.\(Suggestion.didYouMean(name, in: commonFlagNames))", at: base)
                }
                guard var call = inChild ? children.last : top else {
                    throw UsageError("unknown option '\(name)' before the schedule name.\(Suggestion.didYouMean(name, in: commonFlagNames))", at: base)
                }
                try applyScheduleFlag(name, inline: inline, to: &call, from: &arguments, expressionFlagsSeen: &expressionFlagsSeen, origin: base)
                if inChild { children[children.count - 1] = call } else { top = call }
                continue
            }
            if inChild && !childNamed {
                let child = try scheduleToken(token, origin: base)
                if child.form == .flags, let definition = ScheduleRegistry.lookup(child.callee), definition.isComposite {
                    throw UsageError("'-- \(token)': a composite inside a composite can only be written in the Python-call form, e.g. 'SequentialLR(optimizer, [ChainedScheduler([...]), ...], milestones=[...])'", at: base)
                }
                children.append(child)
                childNamed = true
                continue
            }
            if let source {
                throw UsageError("unexpected argument '\(token)' after the source '\(source.path)' (only common flags may follow it)", at: base)
            }
            guard top == nil else {
                throw UsageError("unexpected argument '\(token)' (flags start with '--'; the schedule is '\(top?.callee ?? "")')", at: base)
            }
            if let found = SourceArgument.classify(token) {
                source = found
                continue
            }
            top = try scheduleToken(token, origin: base)
        }
        if wantsHelp { return .help(top.flatMap { ScheduleRegistry.lookup($0.callee) }) }
        if let source { return try sourceRun(source, options: options, sources: sources, spec: spec) }
        guard var call = top else {
            throw UsageError("no schedule given. Usage: lrplot SCHEDULE [FLAGS...]  (try 'lrplot list')", at: base)
        }
        guard childNamed else { throw UsageError("'--' at the end: it must be followed by a child schedule, e.g. '-- cosine --t-max 95'", at: base) }
        if !children.isEmpty {
            let list = children.map { SourceValue(.call($0), text: $0.text, origin: $0.origin) }
            call.keywords.append(CallValue.Keyword("schedulers", SourceValue(.list(list), text: "", origin: base)))
        }
        let bound: BoundSchedule
        do {
            bound = try Binder.bind(call, BindContext(lrs: options.lrs, epochs: options.epochs, adam: options.adam))
        } catch {
            var failure = error
            if failure.usage == nil, call.form == .flags, failure.origin.subject?.hasPrefix("--") == true,
               let definition = ScheduleRegistry.lookup(call.callee) {
                failure.usage = definition.usage
            }
            throw failure
        }
        if bound.verbose { options.verbose = true }
        try checkMetrics(options, schedule: bound.arguments)
        try checkImageSize(options)
        return .run(RunRequest(schedule: bound.arguments, options: options, warnings: bound.warnings))
    }

    /// `compare SPEC SPEC… [FLAGS]`: each SPEC is one argument (a flag line, a Python call or
    /// `@FILE`); the common flags outside the specs apply to every one (a spec's own flags win).
    static func parseCompare(_ arguments: [String], reader: (String) throws(UsageError) -> String, sources: SourceReader = .disk) throws(UsageError) -> Invocation {
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
            let words: [SpecFile.Word]
            if spec.hasPrefix("@") {
                words = try SpecFile.expandWords([SpecFile.Word(spec)], reader: reader)
            } else if let end = pythonCallEnd(spec) {
                // A Python call, possibly followed by flags: the call is one word.
                words = [SpecFile.Word(String(spec[...end]))] + (try SpecFile.split(String(spec[spec.index(after: end)...]), name: "spec \(number + 1)")).map { SpecFile.Word($0) }
            } else {
                words = try SpecFile.split(spec, name: "spec \(number + 1)").map { SpecFile.Word($0) }
            }
            guard !words.isEmpty else { throw UsageError("compare: spec \(number + 1) is empty") }
            let invocation: Invocation
            do {
                invocation = try parseRun(outer + words.map(\.text), origins: outer.map { _ in Origin() } + words.map(\.origin), spec: number + 1, sources: sources)
            } catch {
                var failure = error
                failure.origin.spec = number + 1
                throw failure
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
    static func scheduleToken(_ token: String, origin: Origin) throws(UsageError) -> CallValue {
        if token.contains("(") { return try PythonCall.parse(token, origin: origin) }
        _ = try Binder.schedule(named: token, at: origin)
        return CallValue(callee: token, form: .flags, origin: origin, text: token)
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
        try Binder.schedule(named: name, at: Origin())
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

    /// Adds one schedule flag to `call` as a keyword argument of the value tree (in the library's
    /// spelling when the call is a Python call); an error carries the schedule's usage line.
    static func applyScheduleFlag(_ name: String, inline: String?, to call: inout CallValue, from arguments: inout ArraySlice<String>,
                                  expressionFlagsSeen: inout Set<String>, origin base: Origin) throws(UsageError) {
        let definition = try Binder.schedule(named: call.callee, at: base)
        do {
            try addFlag(name, inline: inline, definition: definition, to: &call, from: &arguments, expressionFlagsSeen: &expressionFlagsSeen, origin: base)
        } catch {
            var failure = error
            if failure.usage == nil { failure.usage = definition.usage }
            throw failure
        }
    }

    private static func addFlag(_ name: String, inline: String?, definition: ScheduleDefinition, to call: inout CallValue,
                                from arguments: inout ArraySlice<String>, expressionFlagsSeen: inout Set<String>, origin base: Origin) throws(UsageError) {
        let origin = base.naming(name)
        guard name.hasPrefix("--") else {
            throw UsageError("unknown option '\(name)' for \(definition.name).\(Suggestion.didYouMean(name, in: definition.flagNames + commonFlagNames))", at: base)
        }
        let bare = String(name.dropFirst(2))
        var negated = false
        var found = definition.parameter(named: bare)
        if found == nil, bare.hasPrefix("no-"), let switchSpec = definition.parameter(named: String(bare.dropFirst(3))), switchSpec.isSwitch {
            found = switchSpec
            negated = true
        }
        if found == nil || found?.isPythonOnly == true {
            _ = try Binder.parameter(bare, of: definition, form: .flags, at: base, otherFlags: commonFlagNames)
        }
        guard let spec = found else { return }
        let keyword = call.form == .python ? spec.pythonName : spec.name
        let value: SourceValue
        if spec.isSwitch {
            if negated, let inline { throw UsageError("\(name) is a switch and takes no value (got '\(inline)')", at: base) }
            value = try inline.map { (text) throws(UsageError) in try ValueParsing.literal(text, for: spec, origin: origin) }
                ?? SourceValue(.bool(!negated), text: name, origin: origin)
        } else {
            guard let text = try takeValue(flag: name, takes: true, inline: inline, from: &arguments) else { return }
            value = try ValueParsing.literal(text, for: spec, origin: origin)
        }
        if spec.shape == .expression {
            // A repeated expression flag collects one expression per param group.
            if expressionFlagsSeen.contains(spec.name), let index = call.keywords.lastIndex(where: { $0.name == keyword }) {
                let old = call.keywords[index].value
                var items: [SourceValue] = []
                if case .list(let list) = old.literal { items = list } else { items = [old] }
                call.keywords[index].value = SourceValue(.list(items + [value]), text: old.text + ", " + value.text, origin: origin)
            } else {
                call.keywords.append(CallValue.Keyword(keyword, value))
            }
            expressionFlagsSeen.insert(spec.name)
            return
        }
        call.keywords.removeAll { $0.name == spec.name || $0.name == spec.pythonName }
        call.keywords.append(CallValue.Keyword(keyword, value))
    }
}
