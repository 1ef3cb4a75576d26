import LRPlotEngine
import LRPlotChart

/// Feeds the simulation's columns into ``ColumnDecimator``s (lr and beta1 per group, and the loss),
/// so a chart of any number of steps needs memory proportional to its width only.
final class ChartTraceSink: TraceSink {
    private(set) var decimators: [ColumnDecimator] = []
    private(set) var beta1Decimators: [ColumnDecimator] = []
    private(set) var lossDecimator: ColumnDecimator
    private let count: Int
    private let buckets: Int
    private let tracksBeta1: Bool
    private let tracksLoss: Bool

    /// A sink for a run of `count` rows drawn `pixelWidth` pixels wide. With `decimating` false it
    /// keeps every point (what the decimated chart is tested against).
    /// Only the columns a chart will show are decimated (`panels` nil: lr, and beta1 in case it varies).
    init(count: Int, pixelWidth: Int, decimating: Bool = true, panels: [PanelKind]? = nil) {
        self.count = count
        buckets = decimating ? max(64, pixelWidth * 2) : max(1, count)
        tracksBeta1 = panels?.contains(.beta1) ?? true
        tracksLoss = panels?.contains(.loss) ?? false
        lossDecimator = ColumnDecimator(count: count, buckets: buckets)
    }

    func begin(groups: Int) throws(OutputError) {
        // One decimator each (not copies of one): copies would share one reserved polyline buffer
        // until each first grows it.
        decimators = (0..<groups).map { _ in ColumnDecimator(count: count, buckets: buckets) }
        beta1Decimators = (0..<groups).map { _ in ColumnDecimator(count: count, buckets: buckets) }
    }

    func consume(_ chunk: TraceChunk) throws(OutputError) {
        let groups = chunk.groups
        decimators.withUnsafeMutableBufferPointer { decimators in
            beta1Decimators.withUnsafeMutableBufferPointer { betas in
                chunk.lrs.withUnsafeBufferPointer { lrs in
                    chunk.beta1s.withUnsafeBufferPointer { beta1s in
                        // Rows go in tiles that stay in the cache while every group reads its column of them.
                        let tile = max(64, TraceChunk.capacity / max(1, groups))
                        var start = 0
                        while start < chunk.count {
                            let end = min(chunk.count, start + tile)
                            let tileLRs = UnsafeBufferPointer(rebasing: lrs[(start * groups)..<(end * groups)])
                            let tileBeta1s = UnsafeBufferPointer(rebasing: beta1s[(start * groups)..<(end * groups)])
                            for g in 0..<groups {
                                decimators[g].add(first: chunk.firstEpoch + start, count: end - start, values: tileLRs, stride: groups, offset: g)
                                if tracksBeta1 {
                                    betas[g].add(first: chunk.firstEpoch + start, count: end - start, values: tileBeta1s, stride: groups, offset: g)
                                }
                            }
                            start = end
                        }
                    }
                }
            }
        }
        guard tracksLoss else { return }
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
