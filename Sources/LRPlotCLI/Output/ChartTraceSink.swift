import LRPlotEngine
import LRPlotChart

/// Feeds the simulation's columns into ``ColumnDecimator``s (lr and beta1 per group, and the loss),
/// so a chart of any number of steps needs memory proportional to its width only.
final class ChartTraceSink: TraceSink {
    private(set) var decimators: [ColumnDecimator] = []
    /// beta1 per group, decimated: its rows are fed on first use while they were constant (see ``held``).
    var beta1Decimators: [ColumnDecimator] {
        feedHeldBeta1s()
        return beta1Storage
    }
    private var beta1Storage: [ColumnDecimator] = []
    /// While every group's beta1 has kept its first value, bit for bit (a schedule that does not
    /// cycle momentum), its rows are only counted: each group's bits and the rows so far. The chart
    /// shows beta1 only if it varies (or `--panels` asks): the count answers that without decimating.
    private var held: (bits: [UInt64], rows: Int)?
    private var holding = true
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
        beta1Storage = (0..<groups).map { _ in ColumnDecimator(count: count, buckets: buckets) }
    }

    /// Whether every group's beta1 in the chunk has the bits held so far (which the first chunk sets).
    private func holds(_ chunk: TraceChunk) -> Bool {
        guard holding, chunk.count > 0 else { return holding }
        let groups = chunk.groups
        if held == nil { held = ((0..<groups).map { chunk.beta1s[$0].bitPattern }, 0) }
        guard let bits = held?.bits else { return false }
        return chunk.beta1s.withUnsafeBufferPointer { beta1s in
            for g in 0..<groups {
                let b = bits[g]
                var row = 0
                while row < chunk.count && beta1s[row &* groups &+ g].bitPattern == b { row &+= 1 }
                if row < chunk.count { return false }
            }
            return true
        }
    }

    /// Feeds the held constant rows of beta1 into the decimators (block by block, which gives the
    /// same state as the rows one by one) and stops holding.
    private func feedHeldBeta1s() {
        guard holding else { return }
        holding = false
        guard case let (bits, rows)? = held, rows > 0 else { return }
        held = nil
        beta1Storage.withUnsafeMutableBufferPointer { decimators in
            for g in 0..<min(bits.count, decimators.count) {
                let block = [Double](repeating: Double(bitPattern: bits[g]), count: min(rows, TraceChunk.capacity))
                block.withUnsafeBufferPointer { values in
                    var first = 0
                    while first < rows {
                        let n = min(values.count, rows - first)
                        decimators[g].add(first: first, count: n, values: values, stride: 1, offset: 0)
                        first += n
                    }
                }
            }
        }
    }

    func consume(_ chunk: TraceChunk) throws(OutputError) {
        let groups = chunk.groups
        var decimatesBeta1 = tracksBeta1
        if tracksBeta1 {
            if holds(chunk) {
                held?.rows += chunk.count
                decimatesBeta1 = false
            } else {
                feedHeldBeta1s()
            }
        }
        decimators.withUnsafeMutableBufferPointer { decimators in
            beta1Storage.withUnsafeMutableBufferPointer { betas in
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
                                if decimatesBeta1 {
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

    /// Only a loss panel reads the loss.
    var readsLoss: Bool { tracksLoss }

    /// Whether any group's beta1 changed during the run (a momentum-cycling schedule).
    var beta1Varies: Bool {
        if holding { return false }
        return beta1Storage.contains { decimator in decimator.yRange.map { $0.lowerBound != $0.upperBound } ?? false }
    }
}
