import Testing
@testable import LRPlotEngine

/// A scheduler stepped once per epoch while the rows are optimizer updates (``HeldScheduler``,
/// `Simulation.updatesPerStep`): row u holds the lr of step u / K, on the serial and the pipelined path.
@Suite struct HeldSchedulerTests {
    func lrs(_ updatesPerStep: Int, epochs: Int, pipelined: Bool) throws -> [Double] {
        let arguments = try bound(.timmStep, ["decay-t": .number(2, integer: 2), "decay-rate": .number(0.5, integer: nil),
                                              "warmup-t": .number(3, integer: 3), "warmup-lr-init": .number(0.01, integer: nil)])
        var simulation = Simulation(arguments: arguments, lrs: [0.1, 0.3], epochs: epochs)
        simulation.updatesPerStep = updatesPerStep
        simulation.pipelineThreshold = pipelined ? 0 : .max
        let sink = PipelineTests.RecordingSink()
        try simulation.run(into: [sink])
        // Each row: epoch, then (lr, beta1) per group, then the loss; keep the lrs.
        var result: [Double] = []
        for row in 0..<sink.rows { result += [sink.values[row * 6 + 1], sink.values[row * 6 + 3]].map { Double(bitPattern: $0) } }
        return result
    }

    @Test(arguments: [false, true])
    func eachEpochsLrHoldsForItsUpdates(pipelined: Bool) throws {
        let perEpoch = try lrs(1, epochs: 12, pipelined: false)
        let held = try lrs(5, epochs: 60, pipelined: pipelined)
        #expect(held.count == 120)
        for row in 0..<60 {
            #expect(held[row * 2] == perEpoch[(row / 5) * 2] && held[row * 2 + 1] == perEpoch[(row / 5) * 2 + 1], "row \(row)")
        }
        #expect(Set(perEpoch).count > 3)  // the schedule really changes
    }
}
