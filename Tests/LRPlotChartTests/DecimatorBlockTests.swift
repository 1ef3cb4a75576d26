import Testing
@testable import LRPlotChart

/// ``ColumnDecimator/add(first:count:values:stride:offset:)`` folds runs of finite points in a loop
/// of its own; it must leave exactly the state that adding the same points one by one leaves.
@Suite struct DecimatorBlockTests {
    /// SplitMix64, so the series are the same on every run.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: UInt64) -> Int { Int(next() % n) }
    }

    /// A series with flat stretches (both zeros), steps, rising and falling ramps, repeated extremes and non-finite runs.
    static func series(_ n: Int, _ g: inout Generator) -> [Double] {
        var ys: [Double] = []
        var y = 0.0
        while ys.count < n {
            let length = 1 + g.below(300)
            let kind = g.below(9)
            for k in 0..<length where ys.count < n {
                switch kind {
                case 0: ys.append(y)                                           // flat
                case 1: ys.append(k % 2 == 0 ? 0.0 : -0.0)                     // signed zeros
                case 2: ys.append(y + Double(k) * 1e-3)                        // ramp
                case 3: ys.append(Double(g.below(5)))                          // repeated extremes
                case 4: ys.append([Double.nan, .infinity, -.infinity][g.below(3)])  // gap
                case 5: ys.append(k == 0 ? .nan : y)                           // one-point gap
                case 6: ys.append(y - Double(k) * 1e-3)                        // falling ramp (a decaying lr)
                default: ys.append(Double(g.below(1000)) / 7 - 70)
                }
            }
            y = Double(g.below(100)) - 50
        }
        return ys
    }

    static func same(_ a: ColumnDecimator, _ b: ColumnDecimator) -> Bool {
        let bits = { (d: ColumnDecimator) in d.polyline.flatMap { [$0.x.bitPattern, $0.y.bitPattern] } }
        return bits(a) == bits(b) && a.yRange.map { [$0.lowerBound.bitPattern, $0.upperBound.bitPattern] }
            == b.yRange.map { [$0.lowerBound.bitPattern, $0.upperBound.bitPattern] }
            && a.nonFiniteCount == b.nonFiniteCount && a.firstNonFinite == b.firstNonFinite && a.nonFiniteKinds == b.nonFiniteKinds
    }

    /// Blocks of random sizes, as one column of a row-major block of several columns.
    @Test(arguments: [(50, 64), (5_000, 64), (100_000, 1600), (100_000, 7), (30_000, 1)])
    func blocksGiveThePointByPointState(count: Int, buckets: Int) {
        var g = Generator(state: UInt64(count * 31 + buckets))
        var ys = Self.series(count, &g)
        ys[count / 3] = .nan  // at least one gap, however short the series
        var single = ColumnDecimator(count: count, buckets: buckets)
        for (i, y) in ys.enumerated() { single.add(index: i, y: y) }
        let stride = 1 + g.below(5), offset = g.below(UInt64(stride))
        var blocked = ColumnDecimator(count: count, buckets: buckets)
        var first = 0
        while first < count {
            let n = min(count - first, 1 + g.below(5_000))
            var block = [Double](repeating: 42, count: n * stride)
            for i in 0..<n { block[i * stride + offset] = ys[first + i] }
            block.withUnsafeBufferPointer { blocked.add(first: first, count: n, values: $0, stride: stride, offset: offset) }
            first += n
        }
        #expect(Self.same(single, blocked))
        #expect(ys.contains { !$0.isFinite } && blocked.nonFiniteCount > 0)
    }
}
