import LRPlotEngine
import LRPlotRender

/// Feeds the simulation's lr columns into per-group ``ColumnDecimator``s, so a chart of any
/// number of steps needs memory proportional to its width only.
final class ChartTraceSink: TraceSink {
    private(set) var decimators: [ColumnDecimator] = []
    private let count: Int
    private let buckets: Int

    /// A sink for a run of `count` rows drawn `pixelWidth` pixels wide. With `decimating` false it
    /// keeps every point (what the decimated chart is tested against).
    init(count: Int, pixelWidth: Int, decimating: Bool = true) {
        self.count = count
        buckets = decimating ? max(64, pixelWidth * 2) : max(1, count)
    }

    func begin(groups: Int) throws(OutputError) {
        decimators = Array(repeating: ColumnDecimator(count: count, buckets: buckets), count: groups)
    }

    func consume(_ chunk: TraceChunk) throws(OutputError) {
        let groups = chunk.groups
        decimators.withUnsafeMutableBufferPointer { decimators in
            chunk.lrs.withUnsafeBufferPointer { lrs in
                for g in 0..<groups {
                    decimators[g].add(first: chunk.firstEpoch, count: chunk.count, values: lrs, stride: groups, offset: g)
                }
            }
        }
    }

    func finish() throws(OutputError) {}
}
