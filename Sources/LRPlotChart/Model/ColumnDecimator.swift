/// Reduces a long series to what a chart of a given width can show, in constant memory.
///
/// The x range `[0, count)` is cut into `bucketCount` equal buckets (two per pixel column); each
/// keeps its first and last point and the first and last occurrence of its minimum and maximum
/// (M4, Jugel et al. 2014, with both ends of a flat extreme), so the drawn polyline covers the
/// pixels the full series would: a step drop stays a vertical edge at the same x, and spikes are
/// kept. Series of at most `2 * bucketCount` points are kept whole.
public struct ColumnDecimator: Sendable {
    /// One bucket's summary.
    struct Bucket: Sendable {
        var first = Point(0, 0)
        var last = Point(0, 0)
        var min = Point(0, .infinity)
        var lastMin = Point(0, .infinity)
        var max = Point(0, -.infinity)
        var lastMax = Point(0, -.infinity)
        var isEmpty = true
    }

    /// The number of points the series will have.
    public let count: Int
    private let bucketCount: Int
    private let keepsAll: Bool
    private var buckets: [Bucket]
    private var points: [Point]
    /// The bucket being filled and the first index of the next one (buckets are filled in order,
    /// so the hot path compares instead of dividing).
    private var current = Bucket()
    private var currentIndex = 0
    private var nextBoundary = 0
    private var low = Double.infinity
    private var high = -Double.infinity

    /// The smallest and largest finite y seen.
    public var yRange: ClosedRange<Double>? { low <= high ? low...high : nil }

    /// A decimator for a series of `count` points, with `buckets` buckets (about 2–4 per pixel).
    public init(count: Int, buckets: Int) {
        self.count = count
        bucketCount = Swift.max(1, buckets)
        keepsAll = count <= 2 * bucketCount
        self.buckets = keepsAll ? [] : Array(repeating: Bucket(), count: bucketCount)
        points = []
        if keepsAll { points.reserveCapacity(count) } else { nextBoundary = firstIndex(ofBucket: 1) }
    }

    /// The first index that falls in bucket `b`: the smallest i with ⌊i·B/count⌋ ≥ b.
    private func firstIndex(ofBucket b: Int) -> Int {
        guard b < bucketCount else { return Int.max }
        var i = Int((Double(b) * Double(count) / Double(bucketCount)).rounded(.up))
        while i > 0 && bucket(of: i - 1) >= b { i -= 1 }
        while bucket(of: i) < b { i += 1 }
        return i
    }

    private func bucket(of index: Int) -> Int {
        Swift.min(bucketCount - 1, Int((Double(index) * Double(bucketCount)) / Double(count)))
    }

    /// Adds the point (`index`, `y`); indices must arrive in increasing order.
    /// Non-finite values are skipped (they leave a gap).
    @inline(__always)
    public mutating func add(index: Int, y: Double) {
        guard y.isFinite else {
            if keepsAll { points.append(Point(Double(index), y)) }
            return
        }
        if y < low { low = y }
        if y > high { high = y }
        let p = Point(Double(index), y)
        if keepsAll {
            points.append(p)
            return
        }
        if index >= nextBoundary { advance(to: index) }
        if current.isEmpty {
            current = Bucket(first: p, last: p, min: p, lastMin: p, max: p, lastMax: p, isEmpty: false)
            return
        }
        current.last = p
        if y < current.min.y { current.min = p; current.lastMin = p } else if y == current.min.y { current.lastMin = p }
        if y > current.max.y { current.max = p; current.lastMax = p } else if y == current.max.y { current.lastMax = p }
    }

    /// Adds `count` consecutive points starting at index `first`, the i-th one's y being
    /// `values[i * stride + offset]` (a column of a row-major block).
    public mutating func add(first: Int, count: Int, values: UnsafeBufferPointer<Double>, stride: Int, offset: Int) {
        for i in 0..<count { add(index: first + i, y: values[i * stride + offset]) }
    }

    /// Stores the current bucket and moves to the one holding `index`.
    private mutating func advance(to index: Int) {
        buckets[currentIndex] = current
        current = Bucket()
        currentIndex = bucket(of: index)
        nextBoundary = firstIndex(ofBucket: currentIndex + 1)
    }

    /// The polyline to draw, in x order. Non-finite points split it: they appear as NaN entries.
    public var polyline: [Point] {
        if keepsAll { return points }
        var out: [Point] = []
        out.reserveCapacity(bucketCount * 6)
        var buckets = self.buckets
        buckets[currentIndex] = current
        for bucket in buckets where !bucket.isEmpty {
            // Distinct indices in x order (points of one series have distinct x).
            let kept = [bucket.first, bucket.min, bucket.lastMin, bucket.max, bucket.lastMax, bucket.last].sorted { $0.x < $1.x }
            for p in kept where out.last?.x != p.x || out.isEmpty { out.append(p) }
        }
        return out
    }
}
