import Foundation
import Testing
@testable import LRPlotCLI
import LRPlotEngine
import LRPlotChart

/// The chart's sink counts beta1's rows instead of decimating them while beta1 keeps its first
/// value (a schedule without momentum cycling), and feeds them when it changes or when a chart
/// reads them. Whatever happens, its decimated beta1 must be the state of a decimator fed every row.
@Suite struct ChartSinkBeta1Tests {
    /// Every row into plain decimators, one per group.
    final class ReferenceSink: TraceSink {
        var beta1s: [ColumnDecimator] = []
        let count: Int, buckets: Int
        init(count: Int, buckets: Int) { self.count = count; self.buckets = buckets }
        func begin(groups: Int) throws(OutputError) {
            beta1s = (0..<groups).map { _ in ColumnDecimator(count: count, buckets: buckets) }
        }
        func consume(_ chunk: TraceChunk) throws(OutputError) {
            chunk.beta1s.withUnsafeBufferPointer { values in
                for g in beta1s.indices {
                    beta1s[g].add(first: chunk.firstEpoch, count: chunk.count, values: values, stride: chunk.groups, offset: g)
                }
            }
        }
        func finish() throws(OutputError) {}
    }

    static func bits(_ d: ColumnDecimator) -> [UInt64] {
        d.polyline.flatMap { [$0.x.bitPattern, $0.y.bitPattern] } + (d.yRange.map { [$0.lowerBound.bitPattern, $0.upperBound.bitPattern] } ?? [])
    }

    /// A momentum schedule starting late (SequentialLR: constant, then OneCycle with cycling), one
    /// that cycles from the start, one that never does, and two groups.
    static let lines = [
        "sequential --milestones 30000 --epochs 70000 -- constant -- onecycle --max-lr 0.1 --total-steps 40000",
        "onecycle --max-lr 0.1 --total-steps 70000 --epochs 70000",
        "cosine --t-max 70000 --epochs 70000",
        "cosine --t-max 900 --epochs 9000 --lr 0.1,0.2",
        "onecycle --max-lr 0.1,0.2 --total-steps 9000 --epochs 9000 --lr 0.1,0.2",
    ]

    @Test(arguments: ChartSinkBeta1Tests.lines, [false, true])
    func heldRowsGiveTheDecimatorsState(_ line: String, pipelined: Bool) throws {
        guard case .run(let request) = try InvocationParser.parse(try shellWords(line)) else {
            Issue.record("\(line) is not a run")
            return
        }
        let epochs = request.options.epochs
        let sink = ChartTraceSink(count: epochs, pixelWidth: 800)
        let reference = ReferenceSink(count: epochs, buckets: 1600)
        var simulation = Simulation(arguments: request.schedule, lrs: request.options.lrs, epochs: epochs)
        simulation.pipelineThreshold = pipelined ? 0 : .max
        try simulation.run(into: [sink, reference])
        let varies = reference.beta1s.contains { d in d.yRange.map { $0.lowerBound != $0.upperBound } ?? false }
        #expect(sink.beta1Varies == varies, "\(line)")
        #expect(sink.beta1Decimators.count == reference.beta1s.count)
        for (a, b) in zip(sink.beta1Decimators, reference.beta1s) {
            #expect(Self.bits(a) == Self.bits(b), "\(line): the decimated beta1 differs")
        }
        #expect(line.contains("onecycle") == varies, "the cases cover both")
    }
}
