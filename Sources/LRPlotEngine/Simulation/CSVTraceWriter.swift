/// Streams rows as CSV (contract section 5): `epoch,lr0,…,beta1_0,…,loss`, numbers in shortest
/// round-trip form. Memory stays constant whatever the number of rows.
public final class CSVTraceWriter: TraceSink {
    private let output: BufferedOutput

    /// A writer to `output`.
    public init(output: any ByteOutput) {
        self.output = BufferedOutput(output)
    }

    /// The header line for `groups` param groups (without newline).
    public static func header(groups: Int) -> String {
        let lrs = (0..<groups).map { "lr\($0)" }
        let betas = (0..<groups).map { "beta1_\($0)" }
        return (["epoch"] + lrs + betas + ["loss"]).joined(separator: ",")
    }

    public func begin(groups: Int) throws(OutputError) {
        output.append(CSVTraceWriter.header(groups: groups))
        output.append(10)
    }

    public func consume(_ chunk: TraceChunk) throws(OutputError) {
        let groups = chunk.groups
        for row in 0..<chunk.count {
            output.append(String(chunk.firstEpoch + row))
            for g in 0..<groups { output.append(44); output.append(CSVTraceWriter.format(chunk.lrs[row * groups + g])) }
            for g in 0..<groups { output.append(44); output.append(CSVTraceWriter.format(chunk.beta1s[row * groups + g])) }
            output.append(44)
            output.append(CSVTraceWriter.format(chunk.losses[row]))
            output.append(10)
            try output.flushIfFull()
        }
    }

    public func finish() throws(OutputError) {
        try output.flush()
    }

    /// Shortest text that parses back to exactly `x` (`nan`, `inf`, `-inf` for non-finite values).
    public static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return x.description
    }
}
