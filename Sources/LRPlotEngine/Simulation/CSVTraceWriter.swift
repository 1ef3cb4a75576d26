/// Streams rows as CSV (contract section 5): `epoch,lr0,…,beta1_0,…,loss`, numbers in shortest
/// round-trip form. Memory stays constant whatever the number of rows.
public final class CSVTraceWriter: TraceSink {
    private let output: BufferedOutput
    private let contractForm: Bool

    /// A writer to `output`. With `epochAndHeader` false it writes only the values of each row
    /// (`lr…,beta1…,loss`), for `compare` to merge several runs into one CSV.
    public init(output: any ByteOutput, epochAndHeader: Bool = true) {
        self.output = BufferedOutput(output)
        contractForm = epochAndHeader
    }

    /// The header line for `groups` param groups (without newline).
    public static func header(groups: Int) -> String {
        let lrs = (0..<groups).map { "lr\($0)" }
        let betas = (0..<groups).map { "beta1_\($0)" }
        return (["epoch"] + lrs + betas + ["loss"]).joined(separator: ",")
    }

    public func begin(groups: Int) throws(OutputError) {
        guard contractForm else { return }
        output.append(CSVTraceWriter.header(groups: groups))
        output.append(10)
    }

    public func consume(_ chunk: TraceChunk) throws(OutputError) {
        let groups = chunk.groups
        let output = self.output, epochs = contractForm
        // A few rows at a time, so the buffer stays near its capacity whatever the group count.
        let batch = 64
        for start in stride(from: 0, to: chunk.count, by: batch) {
            let end = min(start + batch, chunk.count)
            chunk.lrs.withUnsafeBufferPointer { lrs in
                chunk.beta1s.withUnsafeBufferPointer { beta1s in
                    chunk.losses.withUnsafeBufferPointer { losses in
                        CSVTraceWriter.rows(start..<end, lrs, beta1s, losses, groups: groups, firstEpoch: epochs ? chunk.firstEpoch : nil, to: output)
                    }
                }
            }
            try output.flushIfFull()
        }
    }

    /// Appends the chunk's rows `range` (the buffer grows; the caller flushes).
    private static func rows(_ range: Range<Int>, _ lrs: UnsafeBufferPointer<Double>, _ beta1s: UnsafeBufferPointer<Double>,
                             _ losses: UnsafeBufferPointer<Double>, groups: Int, firstEpoch: Int?, to output: BufferedOutput) {
        for row in range {
            if let firstEpoch { output.appendInteger(firstEpoch + row) }
            for g in 0..<groups {
                if firstEpoch != nil || g > 0 { output.append(44) }
                output.appendField(lrs[row * groups + g])
            }
            for g in 0..<groups { output.append(44); output.appendField(beta1s[row * groups + g]) }
            output.append(44)
            output.appendField(losses[row])
            output.append(10)
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

extension BufferedOutput {
    /// Appends `x` as a CSV field: the same text as `CSVTraceWriter.format(x)`.
    @inline(__always)
    public func appendField(_ x: Double) {
        if x.isNaN { append("nan") } else { appendNumber(x) }
    }
}
