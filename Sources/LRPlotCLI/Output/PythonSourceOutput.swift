import LRPlotEngine

/// What a Python source printed, and with `--verbose` what it drew and the bindings it resolved,
/// written before the run (to standard output unless the data goes there).
enum PythonSourceOutput {
    static func print(_ request: RunRequest, to output: any ByteOutput, verbose: Bool) throws(CommandError) {
        var text = request.printed
        if verbose && !request.drawn.isEmpty {
            text += "lrplot: drawing \(request.drawn)\n"
            for (name, value) in request.bindings { text += "lrplot: \(name) = \(value)\n" }
        }
        guard !text.isEmpty else { return }
        do { try output.write(text) } catch { throw CommandError.output(error) }
    }
}
