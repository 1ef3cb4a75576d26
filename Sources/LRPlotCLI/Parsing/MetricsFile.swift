import LRPlotEngine

/// Reads the metric series fed to `plateau` from `--metrics-file`: one number per line, or one
/// column of a CSV (`--metrics-column NAME|N`, N counted from 1). Blank lines and `#` comments are
/// ignored; a UTF-8 byte-order mark and CRLF line endings are accepted. The first line is taken
/// as a header only when it looks like one (names, not numbers) and the caller is told, so that a
/// mistyped first value is an error rather than a silently shifted series. The file is parsed as
/// it is read, and reading stops once the run has all the values it needs.
enum MetricsFile {
    /// What was read.
    struct Contents: Equatable {
        /// The numbers, at most the limit asked for.
        var values: [Double]
        /// The header line skipped, if any (not counting one used to find `--metrics-column NAME`).
        var header: String?
    }

    /// The values of `path` (no more than `limit`), or a usage error naming `--metrics-file` and
    /// the line at fault.
    static func read(_ path: String, column: String?, limit: Int = .max) throws(UsageError) -> Contents {
        var parser = Parser(path: path, column: column)
        var line: [UInt8] = []
        try FileChunks.forEach(in: path, failure: { UsageError("--metrics-file: cannot read '\(path)': \($0.description)") }) { chunk throws(UsageError) in
            for byte in chunk {
                if byte == UInt8(ascii: "\n") {
                    try parser.consume(line)
                    line.removeAll(keepingCapacity: true)
                    if parser.values.count >= limit { return false }
                } else {
                    line.append(byte)
                }
            }
            return true
        }
        if !line.isEmpty && parser.values.count < limit { try parser.consume(line) }
        return Contents(values: Array(parser.values.prefix(limit)), header: parser.header)
    }

    /// Parses `text` (the same rules as a file), for tests and `--metrics`-like inputs.
    static func parse(_ text: String, name: String, column: String?) throws(UsageError) -> Contents {
        var parser = Parser(path: name, column: column)
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            try parser.consume(Array(line))
        }
        return Contents(values: parser.values, header: parser.header)
    }

    /// Whether `fields` read as column names: each starts with a letter or `_` (quotes aside) and
    /// none is a number word such as `nan` or `inf`.
    static func looksLikeHeader(_ fields: [String]) -> Bool {
        fields.allSatisfy { raw in
            let field = raw.hasPrefix("\"") && raw.hasSuffix("\"") && raw.count >= 2 ? String(raw.dropFirst().dropLast()) : raw
            guard let first = field.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
            return !["nan", "inf", "infinity"].contains(field.lowercased())
        }
    }

    struct Parser {
        let path: String
        let column: String?
        var values: [Double] = []
        var header: String?
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
            var bytes = raw[...]
            if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }  // a UTF-8 BOM
            let text = String(decoding: bytes, as: UTF8.self).trimmingSpaces  // also drops CRLF's CR
            if text.isEmpty || text.hasPrefix("#") { return }
            let first = !sawFirstLine
            sawFirstLine = true
            let fields = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            let field: String
            if let column {
                if columnIndex == nil {
                    guard first, let index = fields.firstIndex(of: column) ?? fields.firstIndex(of: "\"\(column)\"") else {
                        throw UsageError("--metrics-column: '\(column)' is not a column of '\(path)' (its first line is '\(text)'); give a header name or a column number from 1")
                    }
                    columnIndex = index
                    return
                }
                let index = columnIndex ?? 0
                guard index >= 0, index < fields.count else {
                    if first && MetricsFile.looksLikeHeader(fields) { header = text; return }
                    throw UsageError("--metrics-column: line \(lineNumber) of '\(path)' has \(fields.count) columns, not \(column)")
                }
                field = fields[index]
            } else {
                guard fields.count == 1 else {
                    throw UsageError("--metrics-file: line \(lineNumber) of '\(path)' has several columns; choose one with --metrics-column NAME|N")
                }
                field = text
            }
            guard let value = Double(field), ValueParsing.isDecimalNumber(field), value.isFinite else {
                if first && MetricsFile.looksLikeHeader(fields) { header = text; return }
                let hint = first ? " (a header line must be names, e.g. 'epoch,val_loss')" : ""
                throw UsageError("--metrics-file: line \(lineNumber) of '\(path)': '\(field)' is not a finite number\(hint)")
            }
            values.append(value)
        }
    }
}
