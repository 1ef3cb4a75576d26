import LRPlotEngine

/// Streams a run as one JSON object:
///
///     {"schedule": …, "class": …, "call": …, "parameters": {…}, "epochs": N, "lrs": [...],
///      "groups": [{"lr": [...], "beta1": [...]}, …], "loss": [...]}
///
/// Per-group arrays cannot be written while rows arrive in order without holding every row, so
/// each column goes to its own anonymous temporary file (unlinked at once) and the object is
/// assembled from them at the end: memory stays flat whatever the number of rows. Numbers are in
/// shortest round-trip form; a non-finite value is `null`.
final class JSONTraceWriter: TraceSink {
    private let output: BufferedOutput
    private let head: String
    private let folder: String
    private var columns: [AnonymousFile] = []
    private var groups = 0
    private var written = 0

    /// A writer of `head` (the object's leading members, ending with a comma) and the columns, to
    /// `output`; column files go in `folder`.
    init(output: any ByteOutput, head: String, folder: String) {
        self.output = BufferedOutput(output)
        self.head = head
        self.folder = folder
    }

    func begin(groups: Int) throws(OutputError) {
        self.groups = groups
        for _ in 0..<(2 * groups + 1) {
            columns.append(try AnonymousFile(in: folder, purpose: "a temporary JSON column"))
        }
    }

    func consume(_ chunk: TraceChunk) throws(OutputError) {
        let groups = self.groups
        let buffers = columns.map(\.buffer)
        let first = written == 0
        chunk.lrs.withUnsafeBufferPointer { lrs in
            chunk.beta1s.withUnsafeBufferPointer { beta1s in
                chunk.losses.withUnsafeBufferPointer { losses in
                    for g in 0..<groups {
                        JSONTraceWriter.column(lrs, start: g, stride: groups, count: chunk.count, first: first, to: buffers[2 * g])
                        JSONTraceWriter.column(beta1s, start: g, stride: groups, count: chunk.count, first: first, to: buffers[2 * g + 1])
                    }
                    JSONTraceWriter.column(losses, start: 0, stride: 1, count: chunk.count, first: first, to: buffers[2 * groups])
                }
            }
        }
        written += chunk.count
        for buffer in buffers { try buffer.flushIfFull() }
    }

    /// Appends `count` numbers `values[start + i * stride]` to one column, comma-separated (no
    /// leading comma when `first`).
    private static func column(_ values: UnsafeBufferPointer<Double>, start: Int, stride: Int, count: Int,
                               first: Bool, to buffer: BufferedOutput) {
        for i in 0..<count {
            if i > 0 || !first { buffer.append(44) }
            buffer.appendJSONNumber(values[start + i * stride])
        }
    }

    func finish() throws(OutputError) {
        try output.write(head)
        try output.write("\"groups\":[")
        for g in 0..<groups {
            try output.write((g == 0 ? "" : ",") + "{\"lr\":[")
            try columns[2 * g].copy(to: output)
            try output.write("],\"beta1\":[")
            try columns[2 * g + 1].copy(to: output)
            try output.write("]}")
        }
        try output.write("],\"loss\":[")
        try columns[2 * groups].copy(to: output)
        try output.write("]}\n")
        try output.flush()
    }

    /// A JSON number: shortest round-trip, or `null` for NaN and infinities.
    static func number(_ x: Double) -> String { JSONText.number(x) }

    /// `text` as a JSON string literal.
    static func string(_ text: String) -> String { JSONText.string(text) }

    /// The leading members for a run of `schedule` with `options`.
    static func head(schedule: ScheduleArguments, options: CommonOptions, bindings: [(name: String, value: String)] = []) -> String {
        func describe(_ s: ScheduleArguments) -> String {
            var members = ["\"name\":" + string(s.definition.name)]
            if let cls = s.definition.pythonClass { members.append("\"class\":" + string(cls)) }
            members.append("\"call\":" + string(s.pythonCallDescription))
            let parameters = s.definition.parameters.compactMap { p -> String? in
                guard let v = s.bound(p) else { return nil }
                return string(p.pythonName) + ":" + v.json
            }
            members.append("\"parameters\":{" + parameters.joined(separator: ",") + "}")
            if s.definition.isComposite { members.append("\"children\":[" + s.children.map(describe).joined(separator: ",") + "]") }
            return "{" + members.joined(separator: ",") + "}"
        }
        // A Python source's resolved bindings (`--set` values, argparse and dataclass defaults), as Python reprs.
        let bound = bindings.isEmpty ? "" : "\"bindings\":{" + bindings.map { string($0.name) + ":" + string($0.value) }.joined(separator: ",") + "},"
        return "{\"schedule\":" + describe(schedule) + ",\"epochs\":\(options.epochs),\"lrs\":[" + options.lrs.map(number).joined(separator: ",") + "]," + bound
    }
}
