/// Reduces a long series to what a chart of a given width can show, in constant memory.
///
/// The x range `[0, count)` is cut into `bucketCount` equal buckets; each keeps its first, last,
/// minimum and maximum point (M4, Jugel et al. 2014), so the drawn polyline covers exactly the
/// pixels the full series would: step drops and spikes stay crisp. Series of at most
/// `2 * bucketCount` points are kept whole.
public struct ColumnDecimator: Sendable {
    /// One bucket's summary.
    struct Bucket: Sendable {
        var first = Point(0, 0)
        var last = Point(0, 0)
        var min = Point(0, .infinity)
        var max = Point(0, -.infinity)
        var isEmpty = true
    }

    /// The number of points the series will have.
    public let count: Int
    private let bucketCount: Int
    private let keepsAll: Bool
    private var buckets: [Bucket]
    private var points: [Point]
    /// The smallest and largest finite y seen.
    public private(set) var yRange: ClosedRange<Double>?

    /// A decimator for a series of `count` points, with `buckets` buckets (about 2–4 per pixel).
    public init(count: Int, buckets: Int) {
        self.count = count
        bucketCount = Swift.max(1, buckets)
        keepsAll = count <= 2 * bucketCount
        self.buckets = keepsAll ? [] : Array(repeating: Bucket(), count: bucketCount)
        points = []
        if keepsAll { points.reserveCapacity(count) }
    }

    /// Adds the point (`index`, `y`); indices must arrive in increasing order.
    /// Non-finite values are skipped (they leave a gap).
    public mutating func add(index: Int, y: Double) {
        guard y.isFinite else {
            if keepsAll { points.append(Point(Double(index), y)) }
            return
        }
        if let range = yRange {
            if y < range.lowerBound { yRange = y...range.upperBound } else if y > range.upperBound { yRange = range.lowerBound...y }
        } else {
            yRange = y...y
        }
        let p = Point(Double(index), y)
        if keepsAll {
            points.append(p)
            return
        }
        let b = Swift.min(bucketCount - 1, Int((Double(index) * Double(bucketCount)) / Double(count)))
        if buckets[b].isEmpty {
            buckets[b] = Bucket(first: p, last: p, min: p, max: p, isEmpty: false)
            return
        }
        buckets[b].last = p
        if y < buckets[b].min.y { buckets[b].min = p }
        if y > buckets[b].max.y { buckets[b].max = p }
    }

    /// The polyline to draw, in x order. Non-finite points split it: they appear as NaN entries.
    public var polyline: [Point] {
        if keepsAll { return points }
        var out: [Point] = []
        out.reserveCapacity(bucketCount * 4)
        for bucket in buckets where !bucket.isEmpty {
            var inner = [bucket.min, bucket.max].sorted { $0.x < $1.x }
            inner.removeAll { $0 == bucket.first || $0 == bucket.last }
            var previous: Point? = nil
            for p in [bucket.first] + inner + [bucket.last] where p != previous {
                out.append(p)
                previous = p
            }
        }
        return out
    }
}
