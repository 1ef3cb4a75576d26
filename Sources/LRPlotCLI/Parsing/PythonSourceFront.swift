import LRPlotEngine
import SystemPackage

/// The Python-source front end (contract 8.1): `lrplot train.py`, `lrplot - < snippet.py`, or the
/// text as one argument. The snippet runs in the engine's sandboxed evaluator; what it draws comes
/// back bound, with its base lrs and Adam settings, and what it printed.
public enum PythonSourceFront {
    /// The largest source read (a file or standard input).
    static let maximumSize = 1 << 20

    /// Whether the schedule token is a Python source rather than a schedule name or a one-line call.
    public static func isSource(_ token: String) -> Bool {
        if token == "-" || token.hasSuffix(".py") { return true }
        if token.contains("\n") || token.contains(";") { return true }
        let trimmed = token.trimmingSpaces
        for prefix in ["import ", "from ", "def ", "class ", "@", "#"] where trimmed.hasPrefix(prefix) { return true }
        return false
    }

    /// The source text and the name to report it by.
    static func text(of token: String) throws(UsageError) -> (text: String, file: String?) {
        if token == "-" { return (try readStandardInput(), "<stdin>") }
        if token.hasSuffix(".py") && !token.contains("\n") { return (try read(token), token) }
        return (token, nil)
    }

    static func read(_ path: String) throws(UsageError) -> String {
        var bytes: [UInt8] = []
        try FileChunks.forEach(in: path, failure: { UsageError("cannot read the Python file '\(path)': \($0.description)") }) { chunk throws(UsageError) in
            bytes += chunk
            if bytes.count > maximumSize { throw tooLarge(bytes, name: path) }
            return true
        }
        return try decode(bytes, name: path)
    }

    static func readStandardInput() throws(UsageError) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count: Int
            do { count = try buffer.withUnsafeMutableBytes { try FileDescriptor.standardInput.read(into: $0) } } catch {
                throw UsageError("cannot read standard input: \((error as? Errno ?? .ioError).description)")
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            if bytes.count > maximumSize { throw tooLarge(bytes, name: "<stdin>") }
        }
        return try decode(bytes, name: "standard input")
    }

    /// The limit, at the line where the source crosses it.
    private static func tooLarge(_ bytes: [UInt8], name: String) -> UsageError {
        let line = bytes.prefix(maximumSize).reduce(1) { $1 == 10 ? $0 + 1 : $0 }
        return UsageError("the Python source is larger than lrplot reads (1 MiB); it passes that size in line \(line)",
                          at: Origin(file: name, line: line))
    }

    private static func decode(_ bytes: [UInt8], name: String) throws(UsageError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // The first byte that is not UTF-8, as CPython's "(unicode error)" names it.
            var line = 1, valid = 0
            var iterator = bytes.makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            parsing: while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid(let scalar):
                    if scalar.count == 1, scalar.first == 10 { line += 1 }
                    valid += scalar.count
                case .emptyInput, .error: break parsing
                }
            }
            throw UsageError("SyntaxError: (unicode error) the source is not UTF-8: byte 0x\(String(bytes[min(valid, bytes.count - 1)], radix: 16)) at line \(line) cannot be decoded",
                             at: Origin(file: name, line: line))
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    /// Runs the snippet `token` names and returns the run it draws.
    static func request(_ token: String, options: CommonOptions, spec: Int?) throws(UsageError) -> RunRequest {
        let (text, file) = try text(of: token)
        let context = PySnippetContext(lrs: options.lrs, lrsAreExplicit: options.lrsAreExplicit, epochs: options.epochs, adam: options.adam,
                                       file: file, spec: spec)
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
