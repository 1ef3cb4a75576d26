import LRPlotEngine

extension InvocationParser {
    /// A SOURCE's run as a request: the reader's call bound by the one binder against the run the
    /// source describes (its param groups' lrs, optimizer updates and Adam settings; an explicit
    /// `--lr` or `--epochs` wins), with its traps and warnings, chart notes and derived numbers.
    static func sourceRun(_ source: SourceArgument, options given: CommonOptions, sources: SourceReader, spec: Int? = nil) throws(UsageError) -> Invocation {
        var options = given
        let settings = ConfigSettings(overrides: options.overrides, stepsPerEpoch: options.stepsPerEpoch,
                                      epochs: options.epochsAreExplicit ? options.epochs : nil,
                                      lrs: options.lrsAreExplicit ? options.lrs : nil)
        let text = try SourceDispatch.text(of: source, reader: sources)
        let path = source.path == "argument" ? nil : (source == .standardInput ? "<stdin>" : source.path)
        // A Python snippet runs in the evaluator and draws what it constructs; a Python config (MMEngine) is read.
        if try SourceDispatch.format(of: text, path: source.path, source: source) == .python, !PythonConfig.isConfig(text) {
            var request = try PythonSourceFront.request(text: text, file: path, options: options, spec: spec)
            try checkMetrics(request.options, schedule: request.schedule)
            try checkImageSize(request.options)
            request.options.verbose = request.options.verbose || options.verbose
            return .run(request)
        }
        let run = try SourceDispatch.run(source, text: text, settings: settings)
        if !options.lrsAreExplicit, let lrs = run.lrs {
            guard !lrs.isEmpty, lrs.count <= 64 else {
                throw UsageError("'\(source.path)': \(lrs.count) param groups; lrplot simulates 1 to 64", at: run.call.origin)
            }
            options.lrs = lrs
        }
        if !options.epochsAreExplicit, let updates = run.updates {
            guard CommonOptions.epochRange.contains(updates) else {
                throw UsageError("'\(source.path)' describes \(updates) optimizer updates; lrplot simulates 1 to 1000000000 (give --epochs N to simulate N)",
                                 at: run.call.origin)
            }
            options.epochs = updates
        }
        if let adam = run.adam { options.adam = adam }
        // The reader decides the epoch axis: it returns `--steps-per-epoch` when its rows are updates it counts in epochs.
        options.stepsPerEpoch = run.stepsPerEpoch
        // The schedule is constructed (and its warnings judged) for the scheduler steps it will take.
        let steps = max(1, options.epochs / max(1, run.updatesPerStep))
        let bound = try Binder.bind(run.call, BindContext(lrs: options.lrs, epochs: steps, adam: options.adam))
        if bound.verbose { options.verbose = true }
        if options.title == nil, source != .standardInput, case .file(let path) = source {
            options.title = "\(path.split(separator: "/").last.map(String.init) ?? path) → \(bound.arguments.definition.displayName)"
        }
        try checkMetrics(options, schedule: bound.arguments)
        try checkImageSize(options)
        return .run(RunRequest(schedule: bound.arguments, options: options, warnings: run.traps + run.warnings + bound.warnings,
                               notes: run.traps.map(\.message), derived: run.derived, updatesPerStep: run.updatesPerStep))
    }
}
