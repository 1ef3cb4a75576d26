import Testing
@testable import LRPlotEngine

/// Long runs step the schedule on a second thread (`ScheduleStream`). Whatever the path, the rows
/// must be the same bits, and a failure must stop at the same row with the same error.
@Suite struct PipelineTests {
    /// Every value of every row, as bit patterns, plus how the run ended.
    /// With `readsLoss` false (a chart without a loss panel) the loss is left out of `values` and
    /// `nonNaNLosses` counts the rows whose loss is not NaN.
    final class RecordingSink: TraceSink {
        var values: [UInt64] = []
        var rows = 0
        var nonNaNLosses = 0
        let readsLoss: Bool
        init(readsLoss: Bool = true) { self.readsLoss = readsLoss }
        func begin(groups: Int) throws(OutputError) {}
        func consume(_ chunk: TraceChunk) throws(OutputError) {
            for row in 0..<chunk.count {
                rows += 1
                values.append(UInt64(chunk.firstEpoch + row))
                for g in 0..<chunk.groups {
                    values.append(chunk.lrs[row * chunk.groups + g].bitPattern)
                    values.append(chunk.beta1s[row * chunk.groups + g].bitPattern)
                }
                if readsLoss { values.append(chunk.losses[row].bitPattern) }
                if !chunk.losses[row].isNaN { nonNaNLosses += 1 }
            }
        }
        func finish() throws(OutputError) {}
    }

    static func run(_ definition: ScheduleDefinition, _ parameters: [String: Literal], children: [CallValue] = [],
                    lrs: [Double], epochs: Int, pipelined: Bool, squareRoot: SquareRootKernel = .native,
                    readsLoss: Bool = true) -> (RecordingSink, String?) {
        let arguments: ScheduleArguments
        do { arguments = try bound(definition, parameters, children: children) } catch { return (RecordingSink(), "\(error)") }
        var adam = AdamSettings()
        adam.squareRoot = squareRoot
        var simulation = Simulation(arguments: arguments, lrs: lrs, epochs: epochs, adam: adam)
        simulation.pipelineThreshold = pipelined ? 0 : .max
        let sink = RecordingSink(readsLoss: readsLoss)
        do { try simulation.run(into: [sink]) } catch {
            switch error {
            case .schedule(let e): return (sink, e.description)
            case .output(let e): return (sink, e.message)
            }
        }
        return (sink, nil)
    }

    static func child(_ definition: ScheduleDefinition, _ parameters: [String: Literal]) -> CallValue {
        call(definition, parameters)
    }

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let definition: ScheduleDefinition
        let parameters: [String: Literal]
        let children: [CallValue]
        let lrs: [Double]
        let epochs: Int
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "onecycle, two groups, beta1 cycling, several chunks", definition: .onecycle, parameters: ["max-lr": .reals([0.1, 0.01])],
             children: [], lrs: [0.1, 0.01], epochs: 20_000),
        Case(name: "cyclic triangular2", definition: .cyclic, parameters: ["max-lr": .reals([0.1]), "step-size-up": .integer(500), "mode": .choice("triangular2")],
             children: [], lrs: [0.01], epochs: 9_000),
        Case(name: "sequential warm-up then cosine", definition: .sequential, parameters: ["milestones": .integers([100])],
             children: [child(.linear, ["start-factor": .real(0.1), "total-iters": .integer(100)]), child(.cosine, ["t-max": .integer(8000)])],
             lrs: [0.1], epochs: 8_100),
        Case(name: "fails mid-run: OneCycle inside SequentialLR runs past total_steps", definition: .sequential, parameters: ["milestones": .integers([10])],
             children: [child(.constant, [:]), child(.onecycle, ["max-lr": .reals([0.1]), "total-steps": .integer(5000)])],
             lrs: [0.1], epochs: 6_000),
        Case(name: "fails at the first row: beta1 reaches 1", definition: .cyclic, parameters: ["max-lr": .reals([0.1]), "max-momentum": .reals([1.0])],
             children: [], lrs: [0.1], epochs: 5_000),
        Case(name: "fails at the second row: beta1 is -1, whose even powers are 1", definition: .onecycle,
             parameters: ["max-lr": .reals([0.1]), "base-momentum": .reals([-1.0]), "max-momentum": .reals([-1.0])],
             children: [], lrs: [0.1], epochs: 5_000),
        Case(name: "onecycle, 64 groups, three chunks", definition: .onecycle,
             parameters: ["max-lr": .reals((0..<64).map { 0.01 + 0.003 * Double($0) })], children: [],
             lrs: (0..<64).map { 0.01 + 0.003 * Double($0) }, epochs: 9_000),
        Case(name: "cyclic, 5 groups, beta1 cycling", definition: .cyclic,
             parameters: ["base-lr": .reals([0.001, 0.002, 0.003, 0.004, 0.005]), "max-lr": .reals([0.1, 0.05, 0.2, 0.01, 0.3]), "step-size-up": .integer(700)],
             children: [], lrs: [0.1, 0.05, 0.2, 0.01, 0.3], epochs: 9_000),
        Case(name: "shorter than one chunk", definition: .exponential, parameters: ["gamma": .real(0.999)], children: [], lrs: [0.1, 0.2, 0.3], epochs: 1_000),
    ]

    @Test(arguments: PipelineTests.cases, SquareRootKernel.allCases)
    func pipelinedRunsEqualSerialRuns(_ c: Case, _ kernel: SquareRootKernel) {
        let (serial, serialError) = PipelineTests.run(c.definition, c.parameters, children: c.children, lrs: c.lrs, epochs: c.epochs,
                                                      pipelined: false, squareRoot: kernel)
        let (pipelined, pipelinedError) = PipelineTests.run(c.definition, c.parameters, children: c.children, lrs: c.lrs, epochs: c.epochs,
                                                            pipelined: true, squareRoot: kernel)
        #expect(serial.rows > 0 || serialError != nil)
        #expect(pipelined.rows == serial.rows)
        #expect(pipelined.values == serial.values)
        #expect(pipelinedError == serialError)
    }

    /// A run whose loss no sink reads skips the toy Adam on the pipelined path: the same lr and beta1
    /// rows as the serial run that trains, the same error after the same row, and a NaN loss.
    @Test(arguments: PipelineTests.cases)
    func runsWithoutALossReaderKeepTheirRows(_ c: Case) {
        let (serial, serialError) = PipelineTests.run(c.definition, c.parameters, children: c.children, lrs: c.lrs, epochs: c.epochs,
                                                      pipelined: false, readsLoss: false)
        let (untrained, untrainedError) = PipelineTests.run(c.definition, c.parameters, children: c.children, lrs: c.lrs, epochs: c.epochs,
                                                            pipelined: true, readsLoss: false)
        #expect(serial.rows > 0 || serialError != nil)
        #expect(serial.nonNaNLosses == serial.rows, "the serial loop trains whoever reads")
        #expect(untrained.rows == serial.rows)
        #expect(untrained.values == serial.values)
        #expect(untrainedError == serialError)
        #expect(untrained.nonNaNLosses == 0, "the untrained run's loss is NaN")
    }

    /// Any sink that reads the loss makes the run train, whatever the others say.
    @Test func oneLossReaderMakesTheRunTrain() throws {
        let arguments = try bound(.cosine, ["t-max": .integer(3000)])
        var simulation = Simulation(arguments: arguments, lrs: [0.1], epochs: 3000)
        simulation.pipelineThreshold = 0
        let chart = RecordingSink(readsLoss: false), csv = RecordingSink(readsLoss: true)
        try simulation.run(into: [chart, csv])
        #expect(chart.rows == 3000 && csv.rows == 3000)
        #expect(csv.nonNaNLosses == 3000)
        #expect(csv.values.last.map { Double(bitPattern: $0) < 1 } == true, "Adam made progress on Rosenbrock")
    }

    /// The kernel reaches both paths: `constant --lr 0.1` (a fixture whose torch loss needs MKL's
    /// root) gives different losses with the two square roots, and the same ones serially and pipelined.
    @Test func theSquareRootKernelChangesTheLoss() {
        var runs: [[UInt64]] = []
        for kernel in [SquareRootKernel.ieee, .mklAVX512] {
            for pipelined in [false, true] {
                let (sink, error) = PipelineTests.run(.constant, [:], lrs: [0.1], epochs: 5_000, pipelined: pipelined, squareRoot: kernel)
                #expect(error == nil && sink.rows == 5_000)
                runs.append(sink.values)
            }
        }
        #expect(runs[0] == runs[1])
        #expect(runs[2] == runs[3])
        #expect(runs[0] != runs[2], "the kernels gave the same run")
    }

    @Test func failingRunsStopWhereTheSerialLoopStops() {
        let c = PipelineTests.cases[3]
        let (sink, error) = PipelineTests.run(c.definition, c.parameters, children: c.children, lrs: c.lrs, epochs: c.epochs, pipelined: true)
        // Child 2 takes over at epoch 10 (its step 0) and may reach step 5000 at epoch 5010; the
        // scheduler step after row 5010 would be its step 5001 and raises.
        #expect(sink.rows == 5011)
        #expect(error?.contains("Tried to step 5001 times") == true)
    }

    /// beta1 = -1: Adam's step 1 divides by 1 - (-1) = 2, step 2 by 1 - 1 = 0 and PyTorch raises.
    @Test(arguments: [false, true])
    func aBeta1OfMinusOneFailsAtTheSecondStep(_ readsLoss: Bool) {
        let c = PipelineTests.cases[5]
        let (sink, error) = PipelineTests.run(c.definition, c.parameters, children: c.children, lrs: c.lrs, epochs: c.epochs,
                                              pipelined: true, readsLoss: readsLoss)
        #expect(sink.rows == 1)
        #expect(error?.contains("beta1 of group 0 is -1.0") == true)
    }
}
