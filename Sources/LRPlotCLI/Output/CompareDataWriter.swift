import LRPlotEngine

/// `compare` as data instead of a chart: each spec is simulated on its own into an anonymous
/// temporary file, then the files are merged, so memory stays flat whatever the run lengths.
///
/// CSV: `epoch`, then for spec k (from 1) its columns `sK_lr0…`, `sK_beta1_0…`, `sK_loss`; a spec
/// with fewer epochs than the longest leaves its fields empty in the later rows.
/// JSON: `{"compare": [RUN, RUN, …]}`, each RUN the object a single run writes.
enum CompareDataWriter {
    /// One spec's rows without the epoch (`lr…,beta1…,loss`), one line each: the CSV writer's
    /// rows, counted.
    final class RowLines: TraceSink {
        let file: AnonymousFile
        private let writer: CSVTraceWriter
        private(set) var groups = 0
        private(set) var rows = 0

        init(_ file: AnonymousFile) {
            self.file = file
            writer = CSVTraceWriter(output: file.buffer, epochAndHeader: false)
        }

        func begin(groups: Int) throws(OutputError) { self.groups = groups }

        func consume(_ chunk: TraceChunk) throws(OutputError) {
            try writer.consume(chunk)
            rows += chunk.count
        }

        func finish() throws(OutputError) {
            try writer.finish()
            try file.rewind()
        }
    }

    /// The CSV header of spec `k` with `groups` param groups.
    static func header(spec k: Int, groups: Int) -> String {
        ((0..<groups).map { "s\(k)_lr\($0)" } + (0..<groups).map { "s\(k)_beta1_\($0)" } + ["s\(k)_loss"]).joined(separator: ",")
    }

    /// Merges the specs' rows into `output` as one CSV.
    static func writeCSV(_ specs: [RowLines], to output: any ByteOutput) throws(OutputError) {
        let out = BufferedOutput(output)
        out.append("epoch," + specs.enumerated().map { header(spec: $0.offset + 1, groups: $0.element.groups) }.joined(separator: ",") + "\n")
        var readers = specs.map { LineReader($0.file) }
        let length = specs.map(\.rows).max() ?? 0
        for epoch in 0..<length {
            out.appendInteger(epoch)
            for k in specs.indices {
                out.append(44)
                if let line = try readers[k].next() {
                    line.withUnsafeBytes { out.append($0) }
                } else {
                    // This spec ended: empty fields.
                    out.append(String(repeating: ",", count: 2 * specs[k].groups))
                }
            }
            out.append(10)
            try out.flushIfFull()
        }
        try out.flush()
    }

    /// Writes `{"compare":[…]}` from each spec's JSON document (in its anonymous file).
    static func writeJSON(_ documents: [AnonymousFile], to output: any ByteOutput) throws(OutputError) {
        let out = BufferedOutput(output)
        out.append("{\"compare\":[")
        var storage = [UInt8](repeating: 0, count: 1 << 16)
        for (k, document) in documents.enumerated() {
            if k > 0 { out.append(44) }
            try document.rewind()
            var pendingNewline = false
            while true {
                let n = try document.read(into: &storage)
                if n == 0 { break }
                // Each document ends with one newline, which does not belong inside the array.
                if pendingNewline { out.append(10) }
                let last = storage[n - 1] == 10
                storage.withUnsafeBytes { out.append(UnsafeRawBufferPointer(rebasing: $0[0..<(last ? n - 1 : n)])) }
                pendingNewline = last
                try out.flushIfFull()
            }
        }
        out.append("]}\n")
        try out.flush()
    }
}
