import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// Every fixture written by real DeepSpeed 0.19.8 (fixtures/generate_deepspeed_fixtures.py, its
/// schedulers stepped as DeepSpeed's engine steps them) is reproduced bit for bit: lr, beta1 and loss.
@Suite struct DeepSpeedParityTests {
    static let folder = testsFolder.appendingPathComponent("Fixtures/deepspeed")
    static let cases = FixtureParityTests.cases(in: folder)

    @Test func everySchedulerOfTheFamilyHasFixtures() throws {
        #expect(Self.cases.count >= 20)
        let header = try String(contentsOf: Self.folder.appendingPathComponent("cases.tsv"), encoding: .utf8).prefix { $0 != "\n" }
        #expect(header.contains("deepspeed 0.19.8") && header.contains("sqrt \(AdamSettings().squareRoot.rawValue);"))
        for schedule in ScheduleRegistry.members(of: .deepspeed) {
            let python = schedule.pythonClass ?? ""
            #expect(Self.cases.contains { $0.arguments.hasPrefix(schedule.name + " ") || $0.arguments.contains(python + "(optimizer") },
                    "no fixture for \(schedule.name)")
        }
    }

    @Test(arguments: DeepSpeedParityTests.cases)
    func matchesDeepSpeed(_ fixture: FixtureParityTests.Case) throws {
        let comparison = try FixtureParityTests.compare(fixture, in: Self.folder)
        #expect(comparison.values > 0)
        #expect(comparison.mismatches.isEmpty, "\(comparison.mismatches.count) values differ, first: \(comparison.mismatches.prefix(3))")
    }

    /// The reference notes' "two updates at warmup_min_lr": the constructor writes iteration -1's
    /// value and log(0 + 1) = 0 at iteration 0, so updates 0 and 1 both use the minimum.
    @Test func theLogWarmUpSpendsTwoUpdatesAtTheMinimum() throws {
        let result = lrplot(["deepspeed.warmup_lr", "--warmup-min-lr", "0.001", "--warmup-max-lr", "0.01", "--warmup-num-steps", "100",
                             "--epochs", "3", "-o", "-"])
        #expect(result.code == 0)
        let rows = result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        #expect(rows.count == 3)
        #expect(rows[0] == "0.001" && rows[1] == "0.001" && rows[2] != "0.001")
    }

    /// DeepSpeed's resume argument: -1 (a fresh run) is accepted, any other value refused by name.
    @Test func lastBatchIterationIsAcceptedOnlyForAFreshRun() throws {
        let fresh = lrplot(["WarmupLR(optimizer, warmup_num_steps=5, last_batch_iteration=-1)", "--epochs", "3", "-o", "-"])
        #expect(fresh.code == 0 && fresh.stdout.hasPrefix("epoch,lr0,beta1_0,loss\n0,0.0,0.9,12.5\n1,0.0,"))
        let resumed = lrplot(["WarmupLR(optimizer, warmup_num_steps=5, last_batch_iteration=4)", "--epochs", "3", "-o", "-"])
        #expect(resumed.code == 2 && resumed.stderr.contains("only -1 (a fresh run) can be simulated"))
        // A torch scheduler has no such argument.
        #expect(lrplot(["StepLR(optimizer, 3, last_batch_iteration=-1)", "--epochs", "3"]).stderr.contains("unexpected keyword argument 'last_batch_iteration'"))
    }

    /// OneCycle's constructor sets beta2 to 0.99; a run long enough for the schedule thread must
    /// train with that beta2 too (the rows carry lr and beta1 only).
    @Test func oneCyclesBeta2ReachesThePipelinedOptimizer() throws {
        var verbose = false
        let call = CallValue(callee: "deepspeed.one_cycle", keywords: [
            CallValue.Keyword("cycle-min-lr", SourceValue(.number(0.001, integer: nil), text: "0.001", origin: Origin())),
            CallValue.Keyword("cycle-max-lr", SourceValue(.number(0.01, integer: nil), text: "0.01", origin: Origin())),
            CallValue.Keyword("cycle-first-step-size", SourceValue(.number(40, integer: 40), text: "40", origin: Origin())),
        ], form: .flags, origin: Origin(), text: "")
        let arguments = try Binder.bindCall(call, verbose: &verbose)
        func losses(threshold: Int) throws -> [Double] {
            var simulation = Simulation(arguments: arguments, lrs: [0.01], epochs: 300)
            simulation.pipelineThreshold = threshold
            let sink = LossCollectingSink()
            try simulation.run(into: [sink])
            return sink.losses
        }
        let serial = try losses(threshold: 1_000_000), pipelined = try losses(threshold: 1)
        #expect(serial.count == 300)
        #expect(serial == pipelined)
    }
}

/// Keeps every row's loss.
final class LossCollectingSink: TraceSink {
    var losses: [Double] = []
    func begin(groups: Int) throws(OutputError) {}
    func consume(_ chunk: TraceChunk) throws(OutputError) {
        for row in 0..<chunk.count { losses.append(chunk.losses[row]) }
    }
    func finish() throws(OutputError) {}
}
