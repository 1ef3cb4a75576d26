import LRPlotEngine

/// The front end for Python sources (contract 8.1): a snippet or file, pasted or read. This is
/// the smallest body that keeps the one-line Python-call form working through the source path:
/// the text, without comments, blank lines and `import` lines, must be one scheduler call. The
/// evaluator of issue 10 replaces it.
public enum PythonSourceFront {
    /// The run `text` (from `path`; nil for a pasted argument) describes.
    public static func invocation(text: String, path: String?, settings: ConfigSettings) throws(Diagnostic) -> ConfigRun {
        var statements: [(line: Int, text: String)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let body = line.trimmingSpaces
            if body.isEmpty || body.hasPrefix("#") || body.hasPrefix("import ") || body.hasPrefix("from ") { continue }
            if let last = statements.last, open(last.text) {
                statements[statements.count - 1].text += " " + body
            } else {
                statements.append((number + 1, body))
            }
        }
        guard statements.count == 1, let statement = statements.first else {
            throw Diagnostic("this Python source has \(statements.count) statements; lrplot reads a Python source holding one scheduler call (such as StepLR(optimizer, step_size=30)) for now",
                             at: Origin(file: path, line: statements.dropFirst().first?.line))
        }
        let call = try PythonCall.parse(statement.text, origin: Origin(file: path, line: path == nil ? nil : statement.line))
        return ConfigRun(call: call)
    }

    /// Whether brackets are still open at the end of `text` (a call continued on the next line).
    private static func open(_ text: String) -> Bool {
        var depth = 0
        var quote: Character? = nil
        for c in text {
            if let q = quote { if c == q { quote = nil }; continue }
            switch c {
            case "'", "\"": quote = c
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default: break
            }
        }
        return depth > 0
    }
}
