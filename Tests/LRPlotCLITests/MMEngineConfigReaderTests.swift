import Foundation
import Testing
@testable import LRPlotCLI
import LRPlotEngine

/// Builds evaluated MMEngine config trees by hand, as the Python evaluator will hand them over.
enum MMTree {
    static let file = "configs/retinanet_r50_fpn_1x_coco.py"
    static func at(_ line: Int) -> Origin { Origin(file: file, line: line) }

    static func int(_ x: Int, _ line: Int = 1) -> SourceValue { SourceValue(.number(Double(x), integer: x), text: "\(x)", origin: at(line)) }
    static func real(_ x: Double, _ line: Int = 1) -> SourceValue { SourceValue(.number(x, integer: nil), text: "\(x)", origin: at(line)) }
    static func str(_ s: String, _ line: Int = 1) -> SourceValue { SourceValue(.string(s), text: "'\(s)'", origin: at(line)) }
    static func bool(_ b: Bool, _ line: Int = 1) -> SourceValue { SourceValue(.bool(b), text: b ? "True" : "False", origin: at(line)) }
    static func list(_ items: [SourceValue], _ line: Int = 1) -> SourceValue { SourceValue(.list(items), text: "[…]", origin: at(line)) }
    /// A dict literal `{…}` (a mapping).
    static func map(_ entries: [(String, SourceValue)], _ line: Int = 1) -> SourceValue {
        SourceValue(.mapping(entries.map { CallValue.Keyword($0.0, $0.1) }), text: "{…}", origin: at(line))
    }
    /// A `dict(…)` call.
    static func dict(_ entries: [(String, SourceValue)], _ line: Int = 1) -> SourceValue {
        let call = CallValue(callee: "dict", keywords: entries.map { CallValue.Keyword($0.0, $0.1) }, form: .python, origin: at(line), text: "dict(…)")
        return SourceValue(.call(call), text: "dict(…)", origin: at(line))
    }
    static func document(_ globals: [(String, SourceValue)]) -> ConfigDocument {
        ConfigDocument(path: file, format: .python, root: map(globals))
    }

    /// mmdet's 1x schedule: 12 epochs, warm-up over 100 iterations, ×0.1 at epochs 8 and 11.
    static var mmdet: [(String, SourceValue)] {
        [
            ("train_cfg", dict([("type", str("EpochBasedTrainLoop", 2)), ("max_epochs", int(12, 2)), ("val_interval", int(1, 2))], 2)),
            ("param_scheduler", list([
                dict([("type", str("LinearLR", 4)), ("start_factor", real(0.001, 4)), ("by_epoch", bool(false, 4)), ("begin", int(0, 4)), ("end", int(100, 4))], 4),
                map([("type", str("MultiStepLR", 5)), ("begin", int(0, 5)), ("end", int(12, 5)), ("by_epoch", bool(true, 5)),
                     ("milestones", list([int(8, 5), int(11, 5)], 5)), ("gamma", real(0.1, 5))], 5),
            ], 3)),
            ("optim_wrapper", dict([("type", str("OptimWrapper", 7)),
                                    ("optimizer", dict([("type", str("SGD", 7)), ("lr", real(0.02, 7)), ("momentum", real(0.9, 7))], 7))], 7)),
        ]
    }
}

/// Collects a run's CSV in memory.
final class StringOutput: ByteOutput {
    var bytes: [UInt8] = []
    func write(_ buffer: UnsafeRawBufferPointer) throws(OutputError) { bytes += buffer }
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

@Suite struct MMEngineConfigReaderTests {
    /// The CSV the reader's run draws: its call bound by the one binder and simulated.
    static func csv(_ run: ConfigRun) throws -> String {
        let updates = try #require(run.updates), lrs = try #require(run.lrs)
        let bound = try Binder.bind(run.call, BindContext(lrs: lrs, epochs: updates, adam: run.adam ?? AdamSettings()))
        let output = StringOutput()
        try Simulation(arguments: bound.arguments, lrs: lrs, epochs: updates, adam: run.adam ?? AdamSettings()).run(into: [CSVTraceWriter(output: output)])
        return output.text
    }

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: MMEngineFixtureParityTests.folder.appendingPathComponent(name + ".csv"), encoding: .utf8)
    }

    static func read(_ globals: [(String, SourceValue)], _ settings: ConfigSettings = ConfigSettings()) throws(Diagnostic) -> ConfigRun {
        try MMEngineConfigReader.read(MMTree.document(globals), settings: settings)
    }

    @Test func anMMDetConfigDrawsWhatMMEnginesRunnerApplies() throws {
        let run = try Self.read(MMTree.mmdet, ConfigSettings(stepsPerEpoch: 25))
        #expect(run.call.callee == "mmengine.param-scheduler")
        #expect(run.updates == 300 && run.stepsPerEpoch == 25 && run.lrs == [0.02])
        #expect(run.adam?.betas.0 == 0.9)
        #expect(try Self.csv(run) == Self.fixture("mmdet_1x_schedule"))
        #expect(run.derived.contains(DerivedNumber("total updates", "300")))
        #expect(run.derived.contains(DerivedNumber("updates per epoch", "25")))
        #expect(run.derived.contains(DerivedNumber("warm-up updates", "100")))
        #expect(run.derived.contains(DerivedNumber("lr", "0.02")))
        #expect(run.warnings.contains { $0.message.contains("the toy optimizer is Adam: SGD's lr schedule is charted as is, its momentum (0.9) as beta1") })
        #expect(MMEngineConfigReader.recognizes(MMTree.document(MMTree.mmdet)))
        #expect(!MMEngineConfigReader.recognizes(ConfigDocument(path: "a.json", format: .json, root: MMTree.map(MMTree.mmdet))))
        #expect(ConfigReaders.all.contains { $0 == MMEngineConfigReader.self })
    }

    @Test func aMissingEndIsTheLoopsLengthAndTheEpochLengthComesFromTheDatasetSize() throws {
        // mmpretrain style, the cosine without `end` (→ max_epochs); 23 samples in batches of 4 → 6 updates per epoch.
        let globals: [(String, SourceValue)] = [
            ("train_cfg", MMTree.dict([("by_epoch", MMTree.bool(true)), ("max_epochs", MMTree.int(20))])),
            ("train_dataloader", MMTree.dict([("batch_size", MMTree.int(4)), ("dataset", MMTree.dict([("type", MMTree.str("ImageNet"))]))])),
            ("param_scheduler", MMTree.list([
                MMTree.dict([("type", MMTree.str("LinearLR")), ("start_factor", MMTree.real(1e-4)), ("by_epoch", MMTree.bool(true)),
                             ("begin", MMTree.int(0)), ("end", MMTree.int(5)), ("convert_to_iter_based", MMTree.bool(true))]),
                MMTree.dict([("type", MMTree.str("CosineAnnealingLR")), ("eta_min", MMTree.real(1e-5)), ("by_epoch", MMTree.bool(true)),
                             ("begin", MMTree.int(5)), ("convert_to_iter_based", MMTree.bool(true))]),
            ])),
            ("optim_wrapper", MMTree.dict([("optimizer", MMTree.dict([("type", MMTree.str("Adam")), ("lr", MMTree.real(0.004))]))])),
        ]
        let settings = ConfigSettings(overrides: [Override(key: "dataset_size", value: "23", origin: Origin(subject: "--set"))])
        let run = try Self.read(globals, settings)
        #expect(run.stepsPerEpoch == 6 && run.updates == 120)
        #expect(try Self.csv(run) == Self.fixture("mmpretrain_default_end"))
        #expect(run.derived.contains(DerivedNumber("warm-up updates", "30")))
        // Two ranks: ceil(23 / 2) = 12 samples each, 3 batches.
        let two = try Self.read(globals, ConfigSettings(overrides: settings.overrides + [Override(key: "world_size", value: "2", origin: Origin())]))
        #expect(two.stepsPerEpoch == 3 && two.updates == 60)
        // Without a length, the reader says what to give.
        #expect(throws: Diagnostic.self) { try Self.read(globals) }
        do throws(Diagnostic) { _ = try Self.read(globals) } catch { #expect(error.message.contains("--steps-per-epoch K")) }  // typed: Diagnostic
    }

    @Test func anIterationLoopNeverStepsAnEpochScheduler() throws {
        let globals: [(String, SourceValue)] = [
            ("train_cfg", MMTree.dict([("type", MMTree.str("IterBasedTrainLoop")), ("max_iters", MMTree.int(20))])),
            ("param_scheduler", MMTree.list([
                MMTree.dict([("type", MMTree.str("LinearLR")), ("start_factor", MMTree.real(0.1)), ("by_epoch", MMTree.bool(false)), ("end", MMTree.int(6))]),
                MMTree.dict([("type", MMTree.str("MultiStepLR")), ("milestones", MMTree.list([MMTree.int(1), MMTree.int(2)]))], 9),
            ])),
            ("optim_wrapper", MMTree.dict([("optimizer", MMTree.dict([("type", MMTree.str("Adam")), ("lr", MMTree.real(0.1))]))])),
        ]
        let run = try Self.read(globals)
        #expect(run.updates == 20 && run.stepsPerEpoch == nil)
        #expect(try Self.csv(run) == Self.fixture("iteration_loop_epoch_scheduler_never_steps"))
        let trap = try #require(run.traps.first { $0.message.contains("IterBasedTrainLoop") })
        #expect(trap.message.hasPrefix("MultiStepLR counts epochs (by_epoch=True)"))
        #expect(trap.origin.line == 9)
        #expect(!run.traps.contains { $0.message.hasPrefix("LinearLR counts epochs") })
    }

    // MARK: traps, each with a config that does and one that does not hit it

    @Test func trapLinearLRFinishesOneIterationEarly() throws {
        let run = try Self.read(MMTree.mmdet, ConfigSettings(stepsPerEpoch: 25))
        let trap = try #require(run.traps.first { $0.message.hasPrefix("LinearLR reaches end_factor") })
        #expect(trap.message.contains("at iteration 99 (end - 1), one iteration before end=100"))
        // Linear from 0.001 at 0 to 1 at 100 would be 0.001 + 0.999 * 99 / 100 at iteration 99.
        #expect(trap.message.contains("expected factor \(PyFormat.repr(0.001 + 0.999 * 99 / 100))"))
        #expect(trap.message.contains("lr \(PyFormat.repr(0.02 * (0.001 + 0.999 * 99 / 100)))"))
        #expect(trap.origin.line == 4)
        var noWarmup = MMTree.mmdet
        noWarmup[1] = ("param_scheduler", MMTree.dict([("type", MMTree.str("MultiStepLR")), ("milestones", MMTree.list([MMTree.int(8)]))]))
        #expect(!(try Self.read(noWarmup, ConfigSettings(stepsPerEpoch: 25))).traps.contains { $0.message.contains("reaches end_factor") })
    }

    static func cosine(_ extra: [(String, SourceValue)]) -> [(String, SourceValue)] {
        var globals = MMTree.mmdet
        globals[1] = ("param_scheduler", MMTree.dict([("type", MMTree.str("CosineAnnealingLR")), ("by_epoch", MMTree.bool(true))] + extra, 6))
        return globals
    }

    @Test func trapAnEpochSchedulerWithoutConversionIsAStaircase() throws {
        let run = try Self.read(Self.cosine([]), ConfigSettings(stepsPerEpoch: 25))
        let trap = try #require(run.traps.first { $0.message.contains("without convert_to_iter_based=True") })
        #expect(trap.message.contains("changes once per epoch (every 25 updates)"))
        #expect(trap.origin.line == 6)
        // The lr indeed holds for 25 rows, then moves.
        let rows = try Self.csv(run).split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        #expect(Set(rows[0..<25]).count == 1 && rows[25] != rows[24])
        let converted = try Self.read(Self.cosine([("convert_to_iter_based", MMTree.bool(true))]), ConfigSettings(stepsPerEpoch: 25))
        #expect(!converted.traps.contains { $0.message.contains("without convert_to_iter_based") })
        let perUpdate = try Self.csv(converted).split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        #expect(perUpdate[1] != perUpdate[2])
    }

    @Test func trapCosineWithDefaultTMaxNeverReachesEtaMin() throws {
        let run = try Self.read(Self.cosine([("eta_min", MMTree.real(0.001)), ("convert_to_iter_based", MMTree.bool(true))]), ConfigSettings(stepsPerEpoch: 25))
        let trap = try #require(run.traps.first { $0.message.contains("never reaches eta_min") })
        #expect(trap.message.contains("(0.001)"))
        let last = try Self.csv(run).split(separator: "\n").last.map { Double($0.split(separator: ",")[1]) ?? 0 } ?? 0
        #expect(last > 0.001)
        let given = try Self.read(Self.cosine([("T_max", MMTree.int(11)), ("eta_min", MMTree.real(0.001))]), ConfigSettings(stepsPerEpoch: 25))
        #expect(!given.traps.contains { $0.message.contains("never reaches eta_min") })
    }

    @Test func trapAMilestoneBeyondTheWindowIsNeverReached() throws {
        var globals = MMTree.mmdet
        globals[1] = ("param_scheduler", MMTree.dict([("type", MMTree.str("MultiStepLR")), ("milestones", MMTree.list([MMTree.int(8), MMTree.int(14)])),
                                                       ("begin", MMTree.int(2))]))
        let run = try Self.read(globals, ConfigSettings(stepsPerEpoch: 25))
        let traps = run.traps.filter { $0.message.contains("is never reached") }
        #expect(traps.count == 1)
        #expect(traps.first?.message.contains("milestone 14 is never reached: it counts from begin=2 and the window has 10 steps") == true)
    }

    @Test func trapASchedulerBeginningAfterTheRunNeverActs() throws {
        var globals = MMTree.mmdet
        globals[1] = ("param_scheduler", MMTree.dict([("type", MMTree.str("ExponentialLR")), ("gamma", MMTree.real(0.9)), ("begin", MMTree.int(12)),
                                                       ("end", MMTree.int(20))]))
        let run = try Self.read(globals, ConfigSettings(stepsPerEpoch: 25))
        #expect(run.traps.contains { $0.message == "ExponentialLR begins at update 300, after the run's 300 updates: it never acts" })
        #expect(!(try Self.read(MMTree.mmdet, ConfigSettings(stepsPerEpoch: 25))).traps.contains { $0.message.contains("never acts") })
    }

    // MARK: settings, overrides, param groups

    @Test func setOverridesAConfigKeyAndLrOverridesTheConfigsLr() throws {
        let settings = ConfigSettings(overrides: [Override(key: "optim_wrapper.optimizer.lr", value: "0.05", origin: Origin()),
                                                  Override(key: "train_cfg.max_epochs", value: "2", origin: Origin())], stepsPerEpoch: 10)
        let run = try Self.read(MMTree.mmdet, settings)
        #expect(run.lrs == [0.05] && run.updates == 20)
        #expect(!run.warnings.contains { $0.message.contains("--set") })
        let added = try Self.read(MMTree.mmdet, ConfigSettings(overrides: [Override(key: "optim_wrapper.optimizer.momentom", value: "0.5", origin: Origin())],
                                                               stepsPerEpoch: 10))
        #expect(added.warnings.contains { $0.message == "--set optim_wrapper.optimizer.momentom: the config has no key optim_wrapper.optimizer.momentom; it is added" })
        do throws(Diagnostic) {
            _ = try Self.read(MMTree.mmdet, ConfigSettings(overrides: [Override(key: "train_cfg..x", value: "2", origin: Origin())], stepsPerEpoch: 10))
            Issue.record("an empty key part was accepted")
        } catch {
            #expect(error.message.contains("expected a config key"))
        }
        #expect(try Self.read(MMTree.mmdet, ConfigSettings(stepsPerEpoch: 10, lrs: [0.3])).lrs == [0.3])
        do throws(Diagnostic) {
            _ = try Self.read(MMTree.mmdet, ConfigSettings(overrides: [Override(key: "train_cfg.max_epochs.x", value: "2", origin: Origin())], stepsPerEpoch: 10))
            Issue.record("a key below a number was accepted")
        } catch {
            #expect(error.message.contains("max_epochs is not a dict"))
        }
    }

    @Test func paramwiseLrMultipliersAreParamGroups() throws {
        var globals = MMTree.mmdet
        globals[2] = ("optim_wrapper", MMTree.dict([
            ("optimizer", MMTree.dict([("type", MMTree.str("AdamW")), ("lr", MMTree.real(0.02)), ("betas", MMTree.list([MMTree.real(0.8), MMTree.real(0.99)]))])),
            ("paramwise_cfg", MMTree.dict([("custom_keys", MMTree.map([("backbone", MMTree.dict([("lr_mult", MMTree.real(0.1))]))]))])),
        ]))
        let run = try Self.read(globals, ConfigSettings(stepsPerEpoch: 25))
        #expect(run.lrs == [0.02, 0.02 * 0.1])
        let adam = try #require(run.adam)
        #expect(adam.betas == (0.8, 0.99) && adam.weightDecay == 0.01)
        #expect(run.warnings.contains { $0.message.contains("AdamW's weight decay (0.01) is decoupled") })
        let csv = try Self.csv(run)
        #expect(csv.hasPrefix("epoch,lr0,lr1,beta1_0,beta1_1,loss\n0,2e-05,2e-06,0.8,0.8,"))
    }

    // MARK: errors

    static func error(_ globals: [(String, SourceValue)], _ settings: ConfigSettings = ConfigSettings(stepsPerEpoch: 4)) -> Diagnostic? {
        do throws(Diagnostic) { _ = try read(globals, settings) } catch { return error }
        return nil
    }

    @Test func whatTheReaderCannotHonourIsAnErrorNamingIt() throws {
        var accumulate = MMTree.mmdet
        accumulate[2] = ("optim_wrapper", MMTree.dict([("optimizer", MMTree.dict([("type", MMTree.str("SGD")), ("lr", MMTree.real(0.02))])),
                                                       ("accumulative_counts", MMTree.int(4, 12))]))
        let accumulation = try #require(Self.error(accumulate))
        #expect(accumulation.message.contains("accumulative_counts=4") && accumulation.origin.line == 12)

        var both = MMTree.mmdet
        both[0] = ("train_cfg", MMTree.dict([("type", MMTree.str("EpochBasedTrainLoop")), ("by_epoch", MMTree.bool(true)), ("max_epochs", MMTree.int(3))]))
        #expect(Self.error(both)?.message == "Only one of `type` or `by_epoch` can exist in `loop_cfg`.")

        var unknown = MMTree.mmdet
        unknown[1] = ("param_scheduler", MMTree.dict([("type", MMTree.str("LinearWarmupLR")), ("end", MMTree.int(5))]))
        #expect(Self.error(unknown)?.message.contains("LinearWarmupLR is not in the mmengine::parameter scheduler registry") == true)

        var badKey = MMTree.mmdet
        badKey[1] = ("param_scheduler", MMTree.dict([("type", MMTree.str("LinearLR")), ("warmup_iters", MMTree.int(5))]))
        #expect(Self.error(badKey)?.message.contains("got an unexpected keyword argument 'warmup_iters'") == true)

        var perOptimizer = MMTree.mmdet
        perOptimizer[1] = ("param_scheduler", MMTree.dict([("generator", MMTree.list([]))]))
        #expect(Self.error(perOptimizer)?.message.contains("keyed by optimizer name") == true)

        let mmcv: [(String, SourceValue)] = [("lr_config", MMTree.dict([("policy", MMTree.str("step"))], 3))]
        #expect(Self.error(mmcv)?.message.contains("lr_config is an MMCV 1.x schedule") == true)

        var plateau = MMTree.mmdet
        plateau[1] = ("param_scheduler", MMTree.dict([("type", MMTree.str("ReduceOnPlateauLR"))]))
        #expect(Self.error(plateau)?.message.contains("validation metrics") == true)

        var convertIter = MMTree.mmdet
        convertIter[1] = ("param_scheduler", MMTree.dict([("type", MMTree.str("LinearLR")), ("by_epoch", MMTree.bool(false)),
                                                           ("convert_to_iter_based", MMTree.bool(true))]))
        let run = try Self.read(convertIter, ConfigSettings(stepsPerEpoch: 4))
        #expect(throws: Diagnostic.self) { try Self.csv(run) }
    }

    @Test func unknownKeysInTheSectionsItReadsAreWarnings() throws {
        var globals = MMTree.mmdet
        globals[0] = ("train_cfg", MMTree.dict([("by_epoch", MMTree.bool(true)), ("max_epochs", MMTree.int(12)), ("max_epoch", MMTree.int(24, 8))]))
        let run = try Self.read(globals, ConfigSettings(stepsPerEpoch: 25))
        let warning = try #require(run.warnings.first { $0.message.contains("max_epoch ") })
        #expect(warning.message == "train_cfg.max_epoch is not a key lrplot knows; ignored" && warning.origin.line == 8)
    }

    // MARK: _base_

    static func merged(_ child: [(String, SourceValue)], _ bases: [[(String, SourceValue)]]) throws -> [CallValue.Keyword] {
        let value = try MMEngineConfigMerge.merge(MMTree.map(child), bases: bases.map { MMTree.map($0) })
        return try #require(MMEngineTree.mapping(value))
    }

    static func number(_ path: [String], in entries: [CallValue.Keyword]) -> Double? {
        var current = entries
        for key in path.dropLast() {
            guard let next = MMEngineTree.value(key, in: current).flatMap(MMEngineTree.mapping) else { return nil }
            current = next
        }
        guard let last = path.last, case .number(let x, _)? = MMEngineTree.value(last, in: current)?.literal else { return nil }
        return x
    }

    @Test func baseDictsMergeKeyByKeyAndDeleteReplaces() throws {
        let schedule: [(String, SourceValue)] = [("param_scheduler", MMTree.list([MMTree.dict([("type", MMTree.str("LinearLR"))]), MMTree.dict([("type", MMTree.str("MultiStepLR"))])]))]
        let runtime: [(String, SourceValue)] = [("optim_wrapper", MMTree.dict([("optimizer", MMTree.dict([("type", MMTree.str("SGD")), ("lr", MMTree.real(0.02)),
                                                                                                         ("momentum", MMTree.real(0.9))]))]))]
        // A nested dict merges: lr replaced, momentum kept.
        let child: [(String, SourceValue)] = [("_base_", MMTree.list([MMTree.str("a.py"), MMTree.str("b.py")])),
                                               ("optim_wrapper", MMTree.dict([("optimizer", MMTree.dict([("lr", MMTree.real(0.01))]))]))]
        let merged = try Self.merged(child, [schedule, runtime])
        #expect(Self.number(["optim_wrapper", "optimizer", "lr"], in: merged) == 0.01)
        #expect(Self.number(["optim_wrapper", "optimizer", "momentum"], in: merged) == 0.9)
        #expect(MMEngineTree.value("_base_", in: merged) == nil)
        #expect(merged.map(\.name) == ["param_scheduler", "optim_wrapper"])
        // `_delete_=True` replaces the base's dict.
        let replacing: [(String, SourceValue)] = [("optim_wrapper", MMTree.dict([("_delete_", MMTree.bool(true)),
                                                                                  ("optimizer", MMTree.dict([("type", MMTree.str("AdamW")), ("lr", MMTree.real(1e-4))]))]))]
        let replaced = try Self.merged(replacing, [runtime])
        #expect(Self.number(["optim_wrapper", "optimizer", "momentum"], in: replaced) == nil)
        #expect(Self.number(["optim_wrapper", "optimizer", "lr"], in: replaced) == 1e-4)
        #expect(MMEngineTree.value("optim_wrapper", in: replaced).flatMap(MMEngineTree.mapping)?.contains { $0.name == "_delete_" } == false)
        // A list replaces the base's list.
        let one: [(String, SourceValue)] = [("param_scheduler", MMTree.list([MMTree.dict([("type", MMTree.str("CosineAnnealingLR"))])]))]
        let list = try Self.merged(one, [schedule])
        guard case .list(let items)? = MMEngineTree.value("param_scheduler", in: list)?.literal else { Issue.record("no list"); return }
        #expect(items.count == 1)
    }

    @Test func baseConflictsAreTheLibrarysErrors() throws {
        let a: [(String, SourceValue)] = [("train_cfg", MMTree.dict([("max_epochs", MMTree.int(12))], 3))]
        do {
            _ = try Self.merged([], [a, a])
            Issue.record("a key in two bases was accepted")
        } catch {
            #expect((error as? Diagnostic)?.message == "Duplicate key is not allowed among bases. Duplicate keys: train_cfg")
        }
        let number: [(String, SourceValue)] = [("train_cfg", MMTree.int(3))]
        do {
            _ = try Self.merged(a, [number])
            Issue.record("a dict over a number was accepted")
        } catch {
            #expect((error as? Diagnostic)?.message.contains("cannot inherit from base because train_cfg is a dict in the child config but is of type <class 'int'> in base config") == true)
        }
    }
}
