import LRPlotEngine

/// What a Python source printed, and with `--verbose` what it drew and the bindings it resolved,
/// written before the run (to standard output unless the data goes there).
enum PythonSourceOutput {
    static func print(_ request: RunRequest, to output: any ByteOutput, notes: any ByteOutput, verbose: Bool) throws(CommandError) {
        do {
            if !request.printed.isEmpty { try output.write(request.printed) }
            // What lrplot resolved goes to standard error, so that standard output stays the snippet's.
            if verbose && !request.drawn.isEmpty {
                var text = "lrplot: drawing \(request.drawn)\n"
                for (name, value) in request.bindings { text += "lrplot: \(name) = \(value)\n" }
                try notes.write(text)
            }
        } catch { throw CommandError.output(error) }
    }
}
