import LRPlotEngine

/// The Python-source front end (contract 8.1): `lrplot train.py`, `lrplot - < snippet.py`, or the
/// text as one argument. The snippet runs in the engine's sandboxed evaluator; what it draws comes
/// back bound, with its base lrs and Adam settings, and what it printed.
public enum PythonSourceFront {

    /// Runs the snippet `text` (from `file`; nil when pasted) and returns the run it draws.
    static func request(text: String, file: String?, options: CommonOptions, spec: Int?) throws(UsageError) -> RunRequest {
        var context = PySnippetContext(lrs: options.lrs, lrsAreExplicit: options.lrsAreExplicit, epochs: options.epochs, adam: options.adam,
                                       file: file, spec: spec)
        context.explainsEvaluation = options.verbose
        let bindings = options.overrides.map { (key: $0.key, value: $0.value, origin: $0.origin) }
        let run = try PythonSnippet.run(source: text, context: context, bindings: bindings, pick: options.pick)
        var options = options
        if !options.lrsAreExplicit { options.lrs = run.lrs }
        if run.verbose { options.verbose = true }
        options.adam = run.adam
        var request = RunRequest(schedule: run.arguments, options: options, warnings: run.warnings)
        request.printed = run.printed
        request.bindings = run.bindings
        request.drawn = run.drawn
        if !options.lrsAreExplicit || options.lrs.count == run.startGroups.count { request.startGroups = run.startGroups }
        return request
    }
}
