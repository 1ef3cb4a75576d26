import LRPlotEngine
import LRPlotRender

/// Feeds the simulation's lr columns into per-group ``ColumnDecimator``s, so a chart of any
/// number of steps needs memory proportional to its width only.
final class ChartTraceSink: TraceSink {
    private(set) var decimators: [ColumnDecimator] = []
    private let count: Int
    private let buckets: Int

    /// A sink for a run of `count` rows drawn `pixelWidth` pixels wide.
    init(count: Int, pixelWidth: Int) {
        self.count = count
        buckets = max(64, pixelWidth * 2)
    }

    func begin(groups: Int) throws(OutputError) {
        decimators = Array(repeating: ColumnDecimator(count: count, buckets: buckets), count: groups)
    }

    func consume(_ chunk: TraceChunk) throws(OutputError) {
        let groups = chunk.groups
        decimators.withUnsafeMutableBufferPointer { decimators in
            chunk.lrs.withUnsafeBufferPointer { lrs in
                for g in 0..<groups {
                    for row in 0..<chunk.count { decimators[g].add(index: chunk.firstEpoch + row, y: lrs[row * groups + g]) }
                }
            }
        }
    }

    func finish() throws(OutputError) {}
}
