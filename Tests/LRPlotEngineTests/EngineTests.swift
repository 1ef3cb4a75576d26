import Testing
@testable import LRPlotEngine

@Suite struct EngineTests {
    /// A one-group run of `definition` with `parameters`, returning the lr of each epoch.
    func lrs(_ definition: ScheduleDefinition, _ parameters: [String: Literal], epochs: Int, lr: Double = 0.1) throws -> [Double] {
        let arguments = try bound(definition, parameters)
        let sink = CollectingSink()
        try Simulation(arguments: arguments, lrs: [lr], epochs: epochs).run(into: [sink])
        return sink.rows.map { $0.0 }
    }

    final class CollectingSink: TraceSink {
        var rows: [(Double, Double)] = []
        func begin(groups: Int) throws(OutputError) {}
        func consume(_ chunk: TraceChunk) throws(OutputError) {
            for row in 0..<chunk.count { rows.append((chunk.lrs[row * chunk.groups], chunk.losses[row])) }
        }
        func finish() throws(OutputError) {}
    }

    @Test func stepDecaysAtMultiplesOfStepSize() throws {
        let values = try lrs(.step, ["step-size": .integer(3), "gamma": .real(0.5)], epochs: 8, lr: 1)
        #expect(values == [1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25])
    }

    @Test func multistepCountsRepeatedMilestones() throws {
        let values = try lrs(.multistep, ["milestones": .integers([2, 2, 4]), "gamma": .real(0.5)], epochs: 6, lr: 1)
        #expect(values == [1, 1, 0.25, 0.25, 0.125, 0.125])
    }

    @Test func cosineReachesEtaMinAtTMaxAndRisesAgain() throws {
        let values = try lrs(.cosine, ["t-max": .integer(10), "eta-min": .real(0.01)], epochs: 21)
        #expect(values[0] == 0.1)
        #expect(abs(values[10] - 0.01) < 1e-15)
        #expect(abs(values[20] - 0.1) < 1e-15)
        #expect(values[15] > values[10])
    }

    @Test func noamPeaksAtTheEndOfWarmup() throws {
        let values = try lrs(.noam, ["warmup": .integer(10)], epochs: 30, lr: 1)
        let peak = values.indices.max { values[$0] < values[$1] }
        #expect(peak == 9)
        #expect(values[9] == min(pow(10.0, -0.5), 10 * pow(10.0, -1.5)))
    }

    @Test func lambdaEvaluationErrorsNameTheFlagAndEpoch() throws {
        #expect {
            _ = try lrs(.lambda, ["lr-lambda": .expressions([try Expression("1 / epoch")])], epochs: 3)
        } throws: { error in
            guard let e = error as? SimulationError, case .schedule(let s) = e else { return false }
            return s.parameter == "lr-lambda" && s.message.contains("ZeroDivisionError") && s.message.contains("epoch=0")
        }
    }

    @Test func lambdaListLengthMustMatchGroups() throws {
        let arguments = try bound(.lambda, ["lr-lambda": .expressions([try Expression("1"), try Expression("2"), try Expression("3")])])
        #expect(throws: SimulationError.self) {
            try Simulation(arguments: arguments, lrs: [0.1, 0.2], epochs: 3).run(into: [])
        }
    }

    @Test func adamStepCounterIsFloat32LikePyTorchs() {
        // torch keeps state["step"] in a float32 tensor: it cannot count past 2^24.
        var step: Float = 16_777_216
        step += 1
        #expect(step == 16_777_216)
    }

    @Test func csvNumbersRoundTrip() {
        for x in [0.1, 1e-5, 0.09000000000000001, 12.5, 5e-324, 1.7976931348623157e308, 0.0, -0.0] {
            #expect(Double(CSVTraceWriter.format(x))?.bitPattern == x.bitPattern)
        }
        #expect(CSVTraceWriter.format(.nan) == "nan")
        #expect(CSVTraceWriter.header(groups: 2) == "epoch,lr0,lr1,beta1_0,beta1_1,loss")
    }

    @Test func pythonFormatting() {
        #expect(PyFormat.scientific4(0.01) == "1.0000e-02")
        #expect(PyFormat.scientific4(0) == "0.0000e+00")
        #expect(PyFormat.scientific4(8.57375e-4) == "8.5737e-04")
        #expect(PyFormat.zeroPadded5(7) == "00007")
        #expect(PyFormat.repr(1e15) == "1000000000000000.0")
        #expect(PyFormat.repr(1e16) == "1e+16")
        #expect(PyFormat.repr(1e-5) == "1e-05")
        #expect(PyFormat.repr(0.1) == "0.1")
    }
}
