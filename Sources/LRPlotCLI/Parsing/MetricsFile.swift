import LRPlotEngine

/// Reads the metric series fed to `plateau` from `--metrics-file`: one number per line, or one
/// column of a CSV (`--metrics-column NAME|N`, N counted from 1; a header line is skipped). Blank
/// lines and `#` comments are ignored. The file is parsed line by line as it is read.
enum MetricsFile {
    /// The values of `path`, or a usage error naming `--metrics-file` and the line at fault.
    static func read(_ path: String, column: String?) throws(UsageError) -> [Double] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw UsageError("--metrics-file: cannot read '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var parser = Parser(path: path, column: column)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var line: [UInt8] = []
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw UsageError("--metrics-file: cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            for byte in buffer[0..<n] {
                if byte == UInt8(ascii: "\n") {
                    try parser.consume(line)
                    line.removeAll(keepingCapacity: true)
                } else {
                    line.append(byte)
                }
            }
        }
        if !line.isEmpty { try parser.consume(line) }
        return parser.values
    }

    /// Parses `text` (the same rules as a file), for tests and `--metrics`-like inputs.
    static func parse(_ text: String, name: String, column: String?) throws(UsageError) -> [Double] {
        var parser = Parser(path: name, column: column)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            try parser.consume(Array(line.utf8))
        }
        return parser.values
    }

    struct Parser {
        let path: String
        let column: String?
        var values: [Double] = []
        var lineNumber = 0
        var columnIndex: Int?
        var sawFirstLine = false

        init(path: String, column: String?) {
            self.path = path
            self.column = column
            if let column, let n = Int(column) { columnIndex = n - 1 }
        }

        mutating func consume(_ raw: [UInt8]) throws(UsageError) {
            lineNumber += 1
            let text = String(decoding: raw, as: UTF8.self).trimmingSpaces
            if text.isEmpty || text.hasPrefix("#") { return }
            let first = !sawFirstLine
            sawFirstLine = true
            let field: String
            if let column {
                let fields = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
                if columnIndex == nil {
                    guard first, let index = fields.firstIndex(of: column) else {
                        throw UsageError("--metrics-column: '\(column)' is not a column of '\(path)' (its first line is '\(text)'); give a header name or a column number from 1")
                    }
                    columnIndex = index
                    return
                }
                let index = columnIndex ?? 0
                guard index >= 0, index < fields.count else {
                    throw UsageError("--metrics-column: line \(lineNumber) of '\(path)' has \(fields.count) columns, not \(column)")
                }
                field = fields[index]
            } else {
                guard !text.contains(",") else {
                    throw UsageError("--metrics-file: line \(lineNumber) of '\(path)' has several columns; choose one with --metrics-column NAME|N")
                }
                field = text
            }
            guard let value = Double(field), ValueParsing.isDecimalNumber(field), value.isFinite else {
                if first { return }  // a header line
                throw UsageError("--metrics-file: line \(lineNumber) of '\(path)': '\(field)' is not a finite number")
            }
            values.append(value)
        }
    }
}
