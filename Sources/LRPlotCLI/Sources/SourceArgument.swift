import LRPlotEngine

/// The SOURCE positional of contract section 8: a path ending in `.py`, `.json`, `.yaml`, `.yml`,
/// `.txt` or `.sh`, `-` for standard input, or one argument holding the source's text.
public enum SourceArgument: Sendable, Equatable {
    /// A file, read whole.
    case file(String)
    /// Standard input (`-`).
    case standardInput
    /// The argument is the text (pasted Python, a JSON object, a command line).
    case text(String)

    /// The extensions lrplot reads, in the order messages list them.
    static let extensions = ["py", "json", "yaml", "yml", "txt", "sh"]
    /// Extensions of config files lrplot does not read by name (their content decides, else an error).
    static let otherExtensions: Set<String> = ["toml", "ini", "cfg", "conf", "config", "jsonc", "json5", "args", "cmd", "bash", "zsh", "log"]

    /// What the argument at the schedule's place is, or nil when it is a schedule name or a
    /// one-line Python call (today's paths, unchanged).
    public static func classify(_ token: String) -> SourceArgument? {
        if token == "-" { return .standardInput }
        if !token.contains("\n"), let ext = pathExtension(token), extensions.contains(ext.lowercased()) { return .file(token) }
        // Other config files (`.toml`, `.cfg`, a path): read, then told apart by content or refused by name.
        if !token.contains("\n"), !token.contains("("), ScheduleRegistry.lookup(token) == nil,
           token.contains("/") || pathExtension(token).map({ otherExtensions.contains($0.lowercased()) }) == true {
            return .file(token)
        }
        if token.contains("\n") { return .text(token) }
        if token.contains("(") {
            // One call (`StepLR(optimizer, step_size=5)`, `scheduler = …`) keeps the Python-call form.
            return token.contains(";") ? .text(token) : nil
        }
        if ScheduleRegistry.lookup(token) != nil { return nil }
        // A bare word is a (maybe misspelt) schedule name; anything with spaces, `=`, `{` or `:` is text.
        if token.contains(where: { $0 == " " || $0 == "=" || $0 == "{" || $0 == ":" || $0 == "\t" }) { return .text(token) }
        return nil
    }

    /// `.json` of `dir/args.json`; nil without a dot in the last component.
    static func pathExtension(_ path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return String(name[name.index(after: dot)...])
    }

    /// The path as messages name it (`-` for standard input, `argument` for pasted text).
    var path: String {
        switch self {
        case .file(let path): return path
        case .standardInput: return "-"
        case .text: return "argument"
        }
    }
}

/// Reads a source: a file by path, or standard input for `-` (injected so tests run in-process).
public struct SourceReader: Sendable {
    /// Reads the whole text of `path` (`-`: standard input).
    public var read: @Sendable (String) throws(UsageError) -> String

    /// A reader.
    public init(read: @escaping @Sendable (String) throws(UsageError) -> String) {
        self.read = read
    }

    /// The largest source read, in bytes.
    static let maximumSize = 4 << 20

    /// Files from disk, `-` from the process's standard input. The text must be UTF-8; a source too
    /// large or not UTF-8 is refused at the line where it goes wrong.
    public static let disk = SourceReader { path throws(UsageError) in
        let name = path == "-" ? "/dev/stdin" : path
        let what = path == "-" ? "standard input" : "'\(path)'"
        let file = path == "-" ? "<stdin>" : path
        var bytes: [UInt8] = []
        try FileChunks.forEach(in: name, failure: { UsageError("cannot read \(what): \($0.description)") }) { chunk throws(UsageError) in
            bytes += chunk
            if bytes.count > maximumSize {
                let line = bytes.prefix(maximumSize).reduce(1) { $1 == 10 ? $0 + 1 : $0 }
                throw UsageError("\(what) is larger than 4 MiB (it passes that size in line \(line)); lrplot reads config files and snippets up to 4 MiB",
                                 at: Origin(file: file, line: line))
            }
            return true
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // The first byte that is not UTF-8 (CPython's "(unicode error)").
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
            throw UsageError("SyntaxError: (unicode error) \(what) is not UTF-8: byte 0x\(String(bytes[min(valid, bytes.count - 1)], radix: 16)) in line \(line) cannot be decoded",
                             at: Origin(file: file, line: line))
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}
