/// Summary statistics of each group's lr over a run (`--stats`): the peak and where it is first
/// reached, the final lr, the mean, and the area under the lr curve. The lr holds for the whole of
/// each epoch, so the area is the sum of the lrs (in lr × epochs), the budget a schedule spends.
public final class StatsSink: TraceSink {
    /// One group's figures.
    public struct GroupStats: Equatable, Sendable {
        public var peak = -Double.infinity
        public var peakEpoch = 0
        public var final = Double.nan
        public var area = 0.0
        public var count = 0
        /// `area / count`.
        public var mean: Double { count > 0 ? area / Double(count) : .nan }
    }

    /// The figures per group, complete after the run.
    public private(set) var groups: [GroupStats] = []

    /// An empty sink.
    public init() {}

    public func begin(groups: Int) throws(OutputError) {
        self.groups = Array(repeating: GroupStats(), count: groups)
    }

    public func consume(_ chunk: TraceChunk) throws(OutputError) {
        let count = groups.count
        for g in 0..<count {
            var stats = groups[g]
            for row in 0..<chunk.count {
                let lr = chunk.lrs[row * count + g]
                if lr > stats.peak { stats.peak = lr; stats.peakEpoch = chunk.firstEpoch + row }
                stats.area += lr
                stats.final = lr
            }
            stats.count += chunk.count
            groups[g] = stats
        }
    }

    public func finish() throws(OutputError) {}

    /// The figures are the lr's alone.
    public var readsLoss: Bool { false }

    /// One line per group, e.g.
    /// `group 0: peak lr 0.1 at epoch 0 · final lr 0.0006 · mean lr 0.0311 · area 3.11 lr·epochs`.
    public func report() -> String {
        groups.enumerated().map { g, s in
            "group \(g): peak lr \(PyFormat.repr(s.peak)) at epoch \(s.peakEpoch)  ·  final lr \(PyFormat.repr(s.final))"
                + "  ·  mean lr \(PyFormat.cFormat("%.6g", s.mean))  ·  area \(PyFormat.cFormat("%.6g", s.area)) lr·epochs\n"
        }.joined()
    }
}
