/// Reduces a long series to what a chart of a given width can show, in constant memory.
///
/// The x range `[0, count)` is cut into `bucketCount` equal buckets (two per pixel column); each
/// keeps its first and last point and the first and last occurrence of its minimum and maximum
/// (M4, Jugel et al. 2014, with both ends of a flat extreme), so the drawn polyline covers the
/// pixels the full series would: a step drop stays a vertical edge at the same x, and spikes are
/// kept. Series of at most `2 * bucketCount` points are kept whole. Non-finite values (NaN, ±inf)
/// break the line the same way in both cases: a decimated bucket keeps the M4 points on each side
/// of its gaps and a NaN point at each gap.
public struct ColumnDecimator: Sendable {
    /// The M4 summary of a stretch of finite points inside one bucket.
    struct Segment: Sendable {
        var first = Point(0, 0)
        var last = Point(0, 0)
        var min = Point(0, .infinity)
        var lastMin = Point(0, .infinity)
        var max = Point(0, -.infinity)
        var lastMax = Point(0, -.infinity)
        var isEmpty = true

        @inline(__always)
        mutating func add(_ p: Point) {
            if isEmpty {
                self = Segment(first: p, last: p, min: p, lastMin: p, max: p, lastMax: p, isEmpty: false)
                return
            }
            last = p
            if p.y < min.y { min = p; lastMin = p } else if p.y == min.y { lastMin = p }
            if p.y > max.y { max = p; lastMax = p } else if p.y == max.y { lastMax = p }
        }

        /// Folds in `later`, a segment of points after these.
        mutating func merge(_ later: Segment) {
            guard !later.isEmpty else { return }
            guard !isEmpty else { self = later; return }
            last = later.last
            if later.min.y < min.y { min = later.min; lastMin = later.lastMin } else if later.min.y == min.y { lastMin = later.lastMin }
            if later.max.y > max.y { max = later.max; lastMax = later.lastMax } else if later.max.y == max.y { lastMax = later.lastMax }
        }

        /// Appends the distinct kept points in x order (points of one series have distinct x).
        func append(to out: inout [Point]) {
            guard !isEmpty else { return }
            let kept = [first, min, lastMin, max, lastMax, last].sorted { $0.x < $1.x }
            for p in kept where out.last?.x != p.x || out.isEmpty { out.append(p) }
        }
    }

    /// The number of points the series will have.
    public let count: Int
    private let bucketCount: Int
    private let keepsAll: Bool
    /// Every point when the series is kept whole; otherwise the polyline of the finished buckets
    /// (buckets are filled in order, so each is summarised as soon as the next one starts).
    private var points: [Point]
    /// The current bucket: the segment being filled (after the bucket's last gap, if any), and
    /// for a bucket with gaps, the segment before its first gap and everything between its first
    /// and last gaps merged into one, so a bucket holds at most three segments however many gaps
    /// it has (constant memory) and every gap still breaks the line.
    private var current = Segment()
    private var head = Segment()
    private var middle = Segment()
    /// Runs of non-finite values in the current bucket: 0, 1 or 2 (later ones merge into `middle`).
    private var gaps = 0
    private var firstGap = 0
    private var lastGap = 0
    /// The current bucket and the first index of the next one (buckets are filled in order, so the
    /// hot path compares instead of dividing).
    private var currentIndex = 0
    private var nextBoundary = 0
    private var low = Double.infinity
    private var high = -Double.infinity

    /// How many values were not finite (NaN or ±inf), so a chart can say why its line has gaps.
    public private(set) var nonFiniteCount = 0
    /// The index of the first non-finite value, if any.
    public private(set) var firstNonFinite: Int?
    /// Which kinds of non-finite values were seen: `nan`, `inf`, `-inf`, in that order.
    public var nonFiniteKinds: [String] {
        [(sawNaN, "nan"), (sawInfinity, "inf"), (sawNegativeInfinity, "-inf")].filter(\.0).map(\.1)
    }
    private var sawNaN = false
    private var sawInfinity = false
    private var sawNegativeInfinity = false

    @inline(never)  // rare
    private mutating func noteNonFinite(index: Int, y: Double) {
        nonFiniteCount += 1
        if firstNonFinite == nil { firstNonFinite = index }
        if y.isNaN { sawNaN = true } else if y > 0 { sawInfinity = true } else { sawNegativeInfinity = true }
    }

    /// The smallest and largest finite y seen.
    public var yRange: ClosedRange<Double>? { low <= high ? low...high : nil }

    /// A decimator for a series of `count` points, with `buckets` buckets (about 2–4 per pixel).
    public init(count: Int, buckets: Int) {
        self.count = count
        bucketCount = Swift.max(1, buckets)
        keepsAll = count <= 2 * bucketCount
        points = []
        if keepsAll {
            points.reserveCapacity(count)
        } else {
            points.reserveCapacity(bucketCount * 6)
            nextBoundary = firstIndex(ofBucket: 1)
        }
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
    /// Non-finite values are not drawn: they break the line (a gap), decimated or not.
    @inline(__always)
    public mutating func add(index: Int, y: Double) {
        guard y.isFinite else {
            noteNonFinite(index: index, y: y)
            if keepsAll { points.append(Point(Double(index), y)) } else { addGap(index: index) }
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
        current.add(p)
    }

    /// Records a non-finite value at `index`: the line breaks there.
    @inline(never)  // rare: keeps the finite path of `add` small
    private mutating func addGap(index: Int) {
        if index >= nextBoundary { advance(to: index) }
        // A value right after a gap (nothing finite since) continues that gap.
        if gaps > 0 && current.isEmpty { return }
        switch gaps {
        case 0: head = current; firstGap = index; gaps = 1
        case 1: middle = current; lastGap = index; gaps = 2
        default: middle.merge(current); lastGap = index
        }
        current = Segment()
    }

    /// Adds `count` consecutive points starting at index `first`, the i-th one's y being
    /// `values[i * stride + offset]` (a column of a row-major block).
    /// Equivalent to calling ``add(index:y:)`` for each point; runs of finite points inside one
    /// bucket go through a tight loop with the bucket's summary in locals.
    public mutating func add(first: Int, count: Int, values: UnsafeBufferPointer<Double>, stride: Int, offset: Int) {
        if keepsAll {
            for i in 0..<count { add(index: first + i, y: values[i * stride + offset]) }
            return
        }
        var i = 0
        while i < count {
            if first + i >= nextBoundary { advance(to: first + i) }
            // `nextBoundary` is Int.max in the last bucket; `first` is not negative.
            let end = Swift.min(count, nextBoundary - first)
            i = addRun(from: i, to: end, first: first, values: values, stride: stride, offset: offset)
        }
    }

    /// Adds points `start..<end` of a block, all inside the current bucket, as ``add(index:y:)``
    /// would, until the first non-finite one, which goes through ``add(index:y:)`` (a gap).
    /// - Returns: the index after the last point added.
    @inline(__always)
    private mutating func addRun(from start: Int, to end: Int, first: Int, values: UnsafeBufferPointer<Double>,
                                 stride: Int, offset: Int) -> Int {
        var i = start
        if current.isEmpty {
            let y = values[i * stride + offset]
            add(index: first + i, y: y)
            return i + 1
        }
        // Only the segment's extremes are tracked per point: the run's values all land in the
        // segment, so the series' range takes its extremes once the run ends (the first point that
        // beat the range is the segment's first extreme of the run, the same bits).
        var minY = current.min.y, minX = current.min.x, lastMinY = current.lastMin.y, lastMinI = -1
        var maxY = current.max.y, maxX = current.max.x, lastMaxY = current.lastMax.y, lastMaxI = -1
        var minI = -1, maxI = -1
        if minY == maxY {
            // A constant segment (a beta1 that never cycles) stays constant for as long as the
            // values equal it: each such point is only the segment's last minimum and maximum.
            let c = minY
            var j = i
            while j < end && values[j &* stride &+ offset] == c { j &+= 1 }
            if j > i {
                // The last one's own bits (0.0 == -0.0).
                let y = values[(j &- 1) &* stride &+ offset]
                lastMinY = y; lastMinI = j - 1
                lastMaxY = y; lastMaxI = j - 1
                i = j
            }
        }
        // The run goes up to the first value that is not finite. Its extremes first, then where
        // they are: the segment's minimum is the first point below every earlier one (so the run's
        // first point equal to its minimum, when that beats the segment's), and its last minimum
        // the run's last point equal to the minimum (when that does not lose to the segment's),
        // each with its own bits (0.0 == -0.0). The same points as tracking them point by point.
        var j = i
        var runMin = Double.infinity, runMax = -Double.infinity
        var firstMin = i, firstMax = i
        while j < end {
            let y = values[j &* stride &+ offset]
            guard y.isFinite else { break }
            // Strictly below (above): a tie keeps the earlier point, as point by point.
            if y < runMin { runMin = y; firstMin = j }
            if y > runMax { runMax = y; firstMax = j }
            j &+= 1
        }
        if j > i {
            if runMin <= minY {
                var k = j &- 1
                while values[k &* stride &+ offset] != runMin { k &-= 1 }
                lastMinY = values[k &* stride &+ offset]; lastMinI = k
                if runMin < minY { minY = runMin; minI = firstMin }
            }
            if runMax >= maxY {
                var k = j &- 1
                while values[k &* stride &+ offset] != runMax { k &-= 1 }
                lastMaxY = values[k &* stride &+ offset]; lastMaxI = k
                if runMax > maxY { maxY = runMax; maxI = firstMax }
            }
            i = j
        }
        if i > start {
            current.last = Point(Double(first + i - 1), values[(i - 1) * stride + offset])
            if minI >= 0 { minX = Double(first + minI) }
            if maxI >= 0 { maxX = Double(first + maxI) }
            current.min = Point(minX, minY)
            current.max = Point(maxX, maxY)
            if lastMinI >= 0 { current.lastMin = Point(Double(first + lastMinI), lastMinY) }
            if lastMaxI >= 0 { current.lastMax = Point(Double(first + lastMaxI), lastMaxY) }
            if minY < low { low = minY }
            if maxY > high { high = maxY }
        }
        if i < end {
            add(index: first + i, y: values[i * stride + offset])
            i += 1
        }
        return i
    }

    /// Summarises the current bucket into the polyline and moves to the one holding `index`.
    private mutating func advance(to index: Int) {
        // Moved out and back: passing `&points` to a method of `self` would copy the whole polyline
        // at every bucket (`self` keeps a second reference to it during the call).
        var out = points
        points = []
        appendCurrentBucket(to: &out)
        points = out
        current = Segment()
        head = Segment()
        middle = Segment()
        gaps = 0
        currentIndex = bucket(of: index)
        nextBoundary = firstIndex(ofBucket: currentIndex + 1)
    }

    /// Appends the current bucket's points, a NaN point at each gap.
    private func appendCurrentBucket(to out: inout [Point]) {
        func appendGap(at index: Int) {
            if let last = out.last, !last.y.isFinite { return }
            out.append(Point(Double(index), .nan))
        }
        if gaps > 0 {
            head.append(to: &out)
            appendGap(at: firstGap)
            if gaps > 1 {
                middle.append(to: &out)
                appendGap(at: lastGap)
            }
        }
        current.append(to: &out)
    }

    /// The polyline to draw, in x order. Non-finite points split it: they appear as NaN entries.
    public var polyline: [Point] {
        if keepsAll { return points }
        var out = points
        appendCurrentBucket(to: &out)
        return out
    }
}
