import LRPlotEngine
import LRPlotRender

/// Feeds the simulation's columns into ``ColumnDecimator``s (lr and beta1 per group, and the loss),
/// so a chart of any number of steps needs memory proportional to its width only.
final class ChartTraceSink: TraceSink {
    private(set) var decimators: [ColumnDecimator] = []
    private(set) var beta1Decimators: [ColumnDecimator] = []
    private(set) var lossDecimator: ColumnDecimator
    private let count: Int
    private let buckets: Int

    /// A sink for a run of `count` rows drawn `pixelWidth` pixels wide. With `decimating` false it
    /// keeps every point (what the decimated chart is tested against).
    init(count: Int, pixelWidth: Int, decimating: Bool = true) {
        self.count = count
        buckets = decimating ? max(64, pixelWidth * 2) : max(1, count)
        lossDecimator = ColumnDecimator(count: count, buckets: buckets)
    }

    func begin(groups: Int) throws(OutputError) {
        decimators = Array(repeating: ColumnDecimator(count: count, buckets: buckets), count: groups)
        beta1Decimators = decimators
    }

    func consume(_ chunk: TraceChunk) throws(OutputError) {
        let groups = chunk.groups
        decimators.withUnsafeMutableBufferPointer { decimators in
            beta1Decimators.withUnsafeMutableBufferPointer { betas in
                chunk.lrs.withUnsafeBufferPointer { lrs in
                    chunk.beta1s.withUnsafeBufferPointer { beta1s in
                        for g in 0..<groups {
                            decimators[g].add(first: chunk.firstEpoch, count: chunk.count, values: lrs, stride: groups, offset: g)
                            betas[g].add(first: chunk.firstEpoch, count: chunk.count, values: beta1s, stride: groups, offset: g)
                        }
                    }
                }
            }
        }
        chunk.losses.withUnsafeBufferPointer { losses in
            lossDecimator.add(first: chunk.firstEpoch, count: chunk.count, values: losses, stride: 1, offset: 0)
        }
    }

    func finish() throws(OutputError) {}

    /// Whether any group's beta1 changed during the run (a momentum-cycling schedule).
    var beta1Varies: Bool {
        beta1Decimators.contains { decimator in decimator.yRange.map { $0.lowerBound != $0.upperBound } ?? false }
    }
}
