import LRPlotEngine

/// Spec files (`@FILE`): lrplot arguments split as a POSIX shell splits words (single and double
/// quotes, backslash escapes), with `#` comments and any number of lines.
public enum SpecFile {
    /// The deepest `@FILE` inside `@FILE` nesting accepted.
    static let maximumDepth = 8
    /// The largest spec file read, in bytes.
    static let maximumSize = 1 << 20

    /// Splits `text` into words. A leading UTF-8 byte-order mark is ignored and CRLF line endings
    /// read as LF (a file saved on Windows), also inside quotes.
    /// - Throws: ``UsageError`` for an unterminated quote, naming `name` and the line.
    public static func split(_ text: String, name: String) throws(UsageError) -> [String] {
        try words(text, name: name, file: nil).map(\.text)
    }

    /// One argument and where it was written: the spec file and the line it starts on (nothing for
    /// an argument typed on the command line).
    public struct Word: Sendable {
        /// The argument.
        public var text: String
        /// The spec file and line, if it came from one.
        public var origin: Origin

        /// A word.
        public init(_ text: String, origin: Origin = Origin()) {
            self.text = text
            self.origin = origin
        }
    }

    /// ``split(_:name:)`` keeping each word's line; `file` goes into the words' origins.
    public static func words(_ text: String, name: String, file: String?) throws(UsageError) -> [Word] {
        // "\r\n" is one Character in Swift, so it would match none of the cases below.
        var text = text.replacing("\r\n", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var words: [Word] = []
        var current = ""
        var inWord = false
        var line = 1
        var wordLine = 1
        func finishWord() {
            words.append(Word(current, origin: Origin(file: file, line: file == nil ? nil : wordLine)))
            current = ""
            inWord = false
        }
        func startWord() {
            if !inWord { wordLine = line }
            inWord = true
        }
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            switch c {
            case " ", "\t", "\r", "\n":
                if c == "\n" { line += 1 }
                if inWord { finishWord() }
            case "#" where !inWord:
                while let d = next(), d != "\n" {}
                line += 1
            case "\\":
                guard let d = next() else { startWord(); current.append("\\"); break }
                if d == "\n" { line += 1; break }
                startWord()
                current.append(d)
            case "'":
                startWord()
                let startLine = line
                var closed = false
                while let d = next() {
                    if d == "'" { closed = true; break }
                    if d == "\n" { line += 1 }
                    current.append(d)
                }
                if !closed { throw UsageError("spec file '\(name)', line \(startLine): unterminated single quote") }
            case "\"":
                startWord()
                let startLine = line
                var closed = false
                while let d = next() {
                    if d == "\"" { closed = true; break }
                    if d == "\n" { line += 1 }
                    if d == "\\" {
                        guard let e = next() else { break }
                        if e == "\"" || e == "\\" || e == "$" || e == "`" { current.append(e) } else if e == "\n" { line += 1 } else { current.append("\\"); current.append(e) }
                        continue
                    }
                    current.append(d)
                }
                if !closed { throw UsageError("spec file '\(name)', line \(startLine): unterminated double quote") }
            default:
                startWord()
                current.append(c)
            }
        }
        if inWord { finishWord() }
        return words
    }

    /// Replaces every `@FILE` argument by the words of that file (recursively).
    public static func expand(_ arguments: [String], reader: (String) throws(UsageError) -> String, depth: Int = 0) throws(UsageError) -> [String] {
        try expandWords(arguments.map { Word($0) }, reader: reader, depth: depth).map(\.text)
    }

    /// ``expand(_:reader:depth:)`` keeping where each word came from (file and line).
    public static func expandWords(_ arguments: [Word], reader: (String) throws(UsageError) -> String, depth: Int = 0) throws(UsageError) -> [Word] {
        var result: [Word] = []
        for word in arguments {
            let argument = word.text
            guard argument.hasPrefix("@") else { result.append(word); continue }
            let path = String(argument.dropFirst())
            guard !path.isEmpty else { throw UsageError("'@' needs a spec file path, e.g. @schedules/step.sched") }
            guard depth < maximumDepth else {
                throw UsageError("spec file '\(path)': @FILE nesting is deeper than \(maximumDepth) (a file including itself?)")
            }
            let words = try words(try reader(path), name: path, file: path)
            result += try expandWords(words, reader: reader, depth: depth + 1)
        }
        return result
    }

    /// Reads a spec file from disk as UTF-8.
    public static func read(_ path: String) throws(UsageError) -> String {
        try readText(path, what: "spec file ", limit: maximumSize)
    }

    /// The file at `path` as UTF-8; errors name it as `what` and refuse more than `limit` bytes.
    private static func readText(_ path: String, what: String, limit: Int?) throws(UsageError) -> String {
        var bytes: [UInt8] = []
        try FileChunks.forEach(in: path, failure: { UsageError("cannot read \(what)'\(path)': \($0.description)") }) { chunk throws(UsageError) in
            bytes += chunk
            if let limit, bytes.count > limit { throw UsageError("\(what)'\(path)' is larger than 1 MiB") }
            return true
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
