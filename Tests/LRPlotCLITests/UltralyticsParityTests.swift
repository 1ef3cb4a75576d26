import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// The YOLO trainer's schedule against real ultralytics 8.4.190 CPU trainings on synthetic images
/// (fixtures/generate_ultralytics_fixtures.py): every optimizer update's lr and beta1 (momentum) of
/// the weight, bn and bias groups and the toy loss, and every batch's values, bit for bit.
@Suite struct UltralyticsParityTests {
    static let folder = testsFolder.appendingPathComponent("Fixtures/ultralytics")
    static let cases = FixtureParityTests.cases(in: folder)

    @Test func theFixturesCameFromRealTrainings() throws {
        #expect(Self.cases.count >= 8)
        let header = try String(contentsOf: Self.folder.appendingPathComponent("cases.tsv"), encoding: .utf8).prefix { $0 != "\n" }
        #expect(header.contains("real CPU trainings with ultralytics 8.4.190") && header.contains("sqrt \(AdamSettings().squareRoot.rawValue);"))
    }

    @Test(arguments: UltralyticsParityTests.cases)
    func everyUpdateMatchesTheTrainer(_ fixture: FixtureParityTests.Case) throws {
        let comparison = try FixtureParityTests.compare(fixture, in: Self.folder)
        #expect(comparison.values > 0)
        #expect(comparison.mismatches.isEmpty, "\(comparison.mismatches.count) values differ, first: \(comparison.mismatches.prefix(3))")
    }

    /// Every batch of the training (not only those on which the optimizer stepped): lr and momentum
    /// of the three groups, and whether the optimizer stepped, as the trainer's callbacks saw them.
    @Test(arguments: UltralyticsParityTests.cases)
    func everyBatchMatchesTheTrainer(_ fixture: FixtureParityTests.Case) throws {
        guard case .run(let run) = try InvocationParser.parse(try shellWords(fixture.arguments)) else {
            Issue.record("not a run: \(fixture.arguments)")
            return
        }
        let plan = try UltralyticsYOLO.plan(for: run.schedule)
        let text = try String(contentsOf: Self.folder.appendingPathComponent(fixture.name + ".batches.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == plan.nb * plan.epochs)
        let lr = plan.lr ?? run.options.lrs[0]
        var groups = (0..<3).map { _ in ParamGroup(parameter: Rosenbrock.start, lr: lr, betas: (plan.groupMomentum, 0.999)) }
        var loop = YOLOBatchLoop(plan: plan, biasGroup: UltralyticsYOLO.biasGroup(of: run.schedule), initialLRs: groups.map(\.lr))
        var mismatches: [String] = []
        for row in rows {
            guard let stepped = loop.next(&groups) else { mismatches.append("loop ended before batch \(row[0])"); break }
            let actual = groups.map(\.lr) + groups.map(\.betas.0)
            for (k, value) in actual.enumerated() where Double(row[2 + k])?.bitPattern != value.bitPattern {
                mismatches.append("batch \(row[0]) column \(k): \(value) vs trainer \(row[2 + k])")
            }
            if stepped != (row[8] == "1") { mismatches.append("batch \(row[0]): optimizer step \(stepped) vs trainer \(row[8])") }
        }
        #expect(loop.next(&groups) == nil)
        #expect(mismatches.isEmpty, "\(mismatches.count) differ, first: \(mismatches.prefix(3))")
    }

    /// The reference notes' numbers: auto with nc=2 picks AdamW at 0.001667, and ignores lr0.
    @Test func optimizerAutoPicksTheLrFromTheClassCount() throws {
        let result = lrplot(try shellWords("ultralytics.yolo --nc 2 --dataset-size 24 --batch 4 --train-epochs 5 --warmup-epochs 1.5 --cos-lr --lr 0.01,0.01,0.01 --epochs 2 -o -"))
        #expect(result.code == 0)
        #expect(result.stderr.contains("optimizer=auto ignores lr0 (--lr): 5 iterations pick AdamW(lr=0.001667, momentum=0.9), and warmup_bias_lr becomes 0.0"))
        let big = lrplot(try shellWords("ultralytics.yolo --nc 80 --dataset-size 118287 --batch 16 --train-epochs 100 --lr 0.01 --epochs 10 -o -"))
        #expect(big.code == 0)
        #expect(big.stderr.contains("184900 iterations pick MuSGD(lr=0.01, momentum=0.9)"))
        #expect(big.stderr.contains("at 3× the lr (0.03)") && big.stderr.contains("muon group"))
        let missing = lrplot(try shellWords("ultralytics.yolo --nb 10 --epochs 5 -o -"))
        #expect(missing.code == 2)
        #expect(missing.stderr.contains("give --nc and --dataset-size"))
    }

    /// In the Python form `optimizer=` is the trainer's argument here, not the ignored torch optimizer.
    @Test func thePythonFormBindsTheOptimizerName() throws {
        let adam = lrplot(["ultralytics.yolo(optimizer=\"Adam\", nb=10, epochs=2)", "--epochs", "2", "-o", "-"])
        let sgd = lrplot(["ultralytics.yolo(optimizer=\"SGD\", nb=10, epochs=2)", "--epochs", "2", "-o", "-"])
        #expect(adam.code == 0 && sgd.code == 0)
        #expect(adam.stdout.contains("\n0,0.0,0.937,") && sgd.stdout.contains("\n0,0.0,0.8,"))
        #expect(lrplot(["StepLR(optimizer=optimizer, step_size=3)", "--epochs", "2", "-o", "-"]).code == 0)
    }

    @Test func askingForMoreUpdatesThanTheTrainerMakesNamesTheCount() throws {
        let result = lrplot(try shellWords("ultralytics.yolo --optimizer SGD --warmup-epochs 2 --batch 4 --nb 6 --train-epochs 5 --epochs 3 -o -"))
        #expect(result.code == 2)
        #expect(result.stderr.contains("the trainer makes 2 optimizer updates in 5 epochs of 6 batches (accumulating up to 16 batches per update)"))
    }
}
