import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// Ultralytics `args.yaml` keys and `yolo train key=value` lines read into `ultralytics.yolo`, with
/// the trainer's derived numbers and the traps the arguments hit.
@Suite struct UltralyticsConfigReaderTests {
    typealias T = HandBuiltTree

    /// The reference notes' SGD run: lr0 0.01, lrf 0.01, 5 epochs, batch 4, 24 images, warm-up 2 epochs.
    static let sgdRun: [(String, SourceValue)] = [
        ("task", T.str("classify")), ("mode", T.str("train")), ("model", T.str("yolo11n-cls.yaml")), ("epochs", T.int(5)), ("time", SourceValue(.none, text: "null", origin: T.at("time"))),
        ("batch", T.int(4)), ("optimizer", T.str("SGD")), ("cos_lr", T.bool(false)), ("lr0", T.num(0.01)), ("lrf", T.num(0.01)),
        ("momentum", T.num(0.937)), ("warmup_epochs", T.int(2)), ("warmup_momentum", T.num(0.8)), ("warmup_bias_lr", T.num(0.1)), ("nbs", T.int(64)),
    ]

    static func read(_ entries: [(String, SourceValue)], _ sets: [Override] = [], format: ConfigDocument.Format = .yaml) throws -> ConfigRun {
        try UltralyticsConfigReader.read(T.document(T.map(entries), format), settings: ConfigSettings(overrides: sets))
    }

    static func message(_ body: () throws -> ConfigRun) -> String {
        do { _ = try body(); return "" } catch let error as Diagnostic { return error.message } catch { return "\(error)" }
    }

    @Test func argsYamlGivesTheTrainersNumbersAndItsFixture() throws {
        #expect(ConfigReaders.all.contains { $0 == UltralyticsConfigReader.self })
        #expect(UltralyticsConfigReader.recognizes(T.document(T.map(Self.sgdRun), .yaml)))
        let run = try Self.read(Self.sgdRun, [T.set("dataset_size", "24")])
        #expect(run.lrs == [0.01, 0.01, 0.01] && run.updates == 2)
        let derived = Dictionary(uniqueKeysWithValues: run.derived.map { ($0.label, $0.value) })
        #expect(derived["batches per epoch"] == "6" && derived["warm-up batches"] == "12" && derived["accumulation"] == "16")
        #expect(derived["total updates"] == "2" && derived["optimizer"] == "SGD")
        // The real training's two updates (fixtures/generate_ultralytics_fixtures.py), bit for bit.
        let rows = try ConfigRowSink.simulate(run)
        let expected = try ConfigRowSink.fixture(UltralyticsParityTests.folder, "yolo_sgd_reference")
        #expect(rows.count == 2 && expected.count == 2)
        #expect(zip(rows, expected).allSatisfy { a, e in zip(a, e).allSatisfy { $0.bitPattern == $1.bitPattern } })
    }

    @Test func theMovingWarmUpTargetAndTheOtherTrapsAreNamed() throws {
        let run = try Self.read(Self.sgdRun, [T.set("dataset_size", "24")])
        let traps = run.traps.map(\.message)
        // Batch 5 of epoch 0 aims at 0.01 * lf(0) = 0.01; batch 6 at 0.01 * lf(1) = 0.00802.
        #expect(traps.contains { $0.contains("a target that drops at every epoch boundary") && $0.contains("from 0.004167 (batch 5) to 0.00401 (batch 6)") }, "\(traps)")
        #expect(traps.contains { $0.contains("the optimizer steps every 16 batches") && $0.contains("30 batches make 2 optimizer updates") })
        #expect(traps.contains { $0.contains("the last epoch runs at lr × lf(epochs - 1) = 0.00208") && $0.contains("not lr × lrf = 0.0001") })
        #expect(traps.contains { $0.contains("the bias group's lr falls from warmup_bias_lr 0.1") })
        #expect(!traps.contains { $0.contains("optimizer=auto") })
    }

    @Test func optimizerAutoReplacingLr0IsATrapWithTheLrItPicks() throws {
        var entries = Self.sgdRun.filter { $0.0 != "optimizer" && $0.0 != "cos_lr" && $0.0 != "warmup_epochs" }
        entries += [("optimizer", T.str("auto")), ("cos_lr", T.bool(true)), ("warmup_epochs", T.num(1.5))]
        let run = try Self.read(entries, [T.set("dataset_size", "24"), T.set("nc", "2")])
        #expect(run.traps.contains { $0.message.contains("optimizer=auto ignores lr0=0.01: the trainer builds AdamW(lr=0.001667, momentum=0.9) and sets warmup_bias_lr to 0.0") })
        #expect(run.derived.contains { $0.label == "lr" && $0.value == "0.001667" })
        let rows = try ConfigRowSink.simulate(run)
        let expected = try ConfigRowSink.fixture(UltralyticsParityTests.folder, "yolo_auto_cos_reference")
        #expect(rows.count == expected.count)
        #expect(zip(rows, expected).allSatisfy { a, e in zip(a, e).allSatisfy { $0.bitPattern == $1.bitPattern } })
        #expect(Self.message { try Self.read(entries, [T.set("dataset_size", "24")]) }.contains("give --set nc=N (classes)"))
    }

    @Test func aYoloTrainLineIsReadWithSmartValues() throws {
        let line: [(String, SourceValue)] = [("model", T.str("yolo11n.pt")), ("epochs", T.str("5")), ("batch", T.str("4")), ("lr0", T.str("0.01")),
                                              ("optimizer", T.str("sgd")), ("cos_lr", T.str("True")), ("warmup_epochs", T.str("2")), ("time", T.str("None"))]
        let run = try Self.read(line, [T.set("nb", "6")], format: .commandLine)
        #expect(run.updates == 2)
        #expect(run.derived.contains { $0.label == "optimizer" && $0.value == "SGD" })
        #expect(!run.traps.contains { $0.message.contains("the last epoch runs") })  // cos_lr=True
    }

    @Test func adamIgnoresTheMomentumWarmUp() throws {
        var entries = Self.sgdRun.filter { $0.0 != "optimizer" }
        entries.append(("optimizer", T.str("Adam")))
        let run = try Self.read(entries, [T.set("dataset_size", "24")])
        #expect(run.traps.contains { $0.message.contains("warmup_momentum has no effect with Adam") && $0.message.contains("stays 0.937") })
    }

    @Test func keysItCannotHonourAreErrorsAndUnknownKeysWarnings() throws {
        #expect(Self.message { try Self.read(Self.sgdRun + [("time", T.num(1.5))], [T.set("dataset_size", "24")]) }.contains("time=1.5: the trainer then re-estimates epochs"))
        #expect(Self.message { try Self.read(Self.sgdRun + [("batch", T.int(-1))], [T.set("dataset_size", "24")]) }.contains("AutoBatch picks the batch size"))
        #expect(Self.message { try Self.read(Self.sgdRun + [("lr0", T.num(2))], [T.set("dataset_size", "24")]) }.contains("'lr0=2.0' is an invalid value. Valid 'lr0' values are between 0.0 and 1.0"))
        #expect(Self.message { try Self.read(Self.sgdRun) }.contains("give --set dataset_size=N (training images) or --set nb=K"))
        let run = try Self.read(Self.sgdRun + [("warmup_bias", T.num(0.2))], [T.set("dataset_size", "24")])
        #expect(run.warnings.contains { $0.message.contains("unknown key 'warmup_bias'") && $0.message.contains("warmup_bias_lr") })
    }
}

/// Every real training of the fixtures, written as the `yolo train key=value` line (string values,
/// as a command line gives them) that ran it, read by the reader and simulated: all bit-identical.
@Suite struct UltralyticsReaderFixtureTests {
    /// The trainer's arguments of a fixture's lrplot line (`--train-epochs` is `epochs`, `--lr` is lr0).
    static func trainerLine(_ arguments: String) throws -> [(String, SourceValue)] {
        var words = try shellWords(arguments).dropFirst()[...]
        var entries: [(String, SourceValue)] = []
        while let flag = words.popFirst() {
            let key = String(flag.dropFirst(2)).replacingOccurrences(of: "-", with: "_")
            if key == "cos_lr" { entries.append((key, HandBuiltTree.str("True"))); continue }
            guard let value = words.popFirst() else { break }
            switch key {
            case "epochs": continue  // the rows: the reader derives them
            case "train_epochs": entries.append(("epochs", HandBuiltTree.str(value)))
            case "lr": entries.append(("lr0", HandBuiltTree.str(String(value.split(separator: ",")[0]))))
            default: entries.append((key, HandBuiltTree.str(value)))
            }
        }
        return entries
    }

    @Test(arguments: UltralyticsParityTests.cases)
    func theReaderReproducesTheTraining(_ fixture: FixtureParityTests.Case) throws {
        let line = try Self.trainerLine(fixture.arguments)
        let run = try UltralyticsConfigReader.read(HandBuiltTree.document(HandBuiltTree.map(line), .commandLine), settings: ConfigSettings())
        let rows = try ConfigRowSink.simulate(run)
        let expected = try ConfigRowSink.fixture(UltralyticsParityTests.folder, fixture.name)
        #expect(run.updates == expected.count && rows.count == expected.count)
        #expect(zip(rows, expected).allSatisfy { a, e in a.count == e.count && zip(a, e).allSatisfy { $0.bitPattern == $1.bitPattern } })
    }
}
