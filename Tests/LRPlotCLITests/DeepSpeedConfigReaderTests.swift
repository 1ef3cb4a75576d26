import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// `ds_config.json` scheduler blocks read into `deepspeed.*` calls, `"auto"` filled as the HF
/// integration fills it, and the traps each config hits.
@Suite struct DeepSpeedConfigReaderTests {
    typealias T = HandBuiltTree

    static func config(_ type: String, _ params: [(String, SourceValue)], optimizer: [(String, SourceValue)]? = nil) -> ConfigDocument {
        var entries: [(String, SourceValue)] = [("train_micro_batch_size_per_gpu", T.int(8))]
        if let optimizer { entries.append(("optimizer", T.map([("type", T.str("AdamW")), ("params", T.map(optimizer))]))) }
        entries.append(("scheduler", T.map([("type", T.str(type)), ("params", T.map(params))])))
        return T.document(T.map(entries))
    }

    @Test func theReaderIsListedAndRecognizesASchedulerBlock() {
        #expect(ConfigReaders.all.contains { $0 == DeepSpeedConfigReader.self })
        #expect(DeepSpeedConfigReader.recognizes(Self.config("WarmupLR", [])))
        #expect(!DeepSpeedConfigReader.recognizes(T.document(T.map([("learning_rate", T.num(1e-4))]))))
    }

    @Test func aWarmupDecayBlockReproducesDeepSpeedsOwnFixture() throws {
        // ds_warmup_decay_log_default_max: WarmupDecayLR(total_num_steps=200, warmup_num_steps=20), lr 0.1.
        let run = try DeepSpeedConfigReader.read(Self.config("WarmupDecayLR", [("total_num_steps", T.int(200)), ("warmup_num_steps", T.int(20))],
                                                             optimizer: [("lr", T.num(0.1))]), settings: ConfigSettings(epochs: 220))
        #expect(run.lrs == [0.1] && run.updates == 220)
        let rows = try ConfigRowSink.simulate(run)
        let expected = try ConfigRowSink.fixture(DeepSpeedParityTests.folder, "ds_warmup_decay_log_default_max")
        #expect(rows.count == expected.count)
        #expect(zip(rows, expected).allSatisfy { a, e in a.count == e.count && zip(a, e).allSatisfy { $0.bitPattern == $1.bitPattern } })
        // WarmupDecayLR's own default peak is 0.001, not the optimizer's 0.1.
        #expect(run.traps.contains { $0.message.contains("warmup_max_lr defaults to 0.001, not optimizer.params.lr (0.1)") })
    }

    @Test func theLogarithmicDefaultIsATrapWithTheLinearValue() throws {
        let run = try DeepSpeedConfigReader.read(Self.config("WarmupLR", [("warmup_min_lr", T.int(0)), ("warmup_max_lr", T.num(0.001)),
                                                                          ("warmup_num_steps", T.int(1000))]), settings: ConfigSettings())
        let trap = run.traps.first { $0.message.contains("logarithmically by default") }
        // Update 501 uses iteration 500: log(501) / log(1000) of the peak, against 500 / 1000 for a linear ramp.
        #expect(trap?.message.contains("at update 501, the lr is already 0.0008999 (a linear warm-up: 0.0005)") == true)
        #expect(trap?.message.contains("(a linear warm-up: 0.0005)") == true)
        let linear = try DeepSpeedConfigReader.read(Self.config("WarmupLR", [("warmup_type", T.str("linear"))]), settings: ConfigSettings())
        #expect(!linear.traps.contains { $0.message.contains("logarithmically") })
    }

    @Test func theFirstTwoUpdatesAtTheMinimumAreATrap() throws {
        for type in ["linear", "log"] {
            let run = try DeepSpeedConfigReader.read(Self.config("WarmupLR", [("warmup_min_lr", T.num(1e-5)), ("warmup_max_lr", T.num(1e-3)),
                                                                              ("warmup_num_steps", T.int(100)), ("warmup_type", T.str(type))]),
                                                     settings: ConfigSettings())
            #expect(run.traps.contains { $0.message.contains("the first two updates both use 1e-05") }, "\(run.traps)")
        }
    }

    @Test func autoValuesAreFilledFromTrainingArgumentsAndSetOverrides() throws {
        let auto = T.str("auto")
        let document = Self.config("WarmupDecayLR", [("warmup_min_lr", auto), ("warmup_max_lr", auto), ("warmup_num_steps", auto),
                                                     ("total_num_steps", auto), ("warmup_type", T.str("linear"))],
                                   optimizer: [("lr", auto), ("betas", auto), ("eps", T.num(1e-6))])
        #expect(throws: Diagnostic.self) { _ = try DeepSpeedConfigReader.read(document, settings: ConfigSettings()) }
        do {
            _ = try DeepSpeedConfigReader.read(document, settings: ConfigSettings())
        } catch {
            #expect(error.message.contains("is \"auto\": the HF Trainer fills it from the number of training steps") && error.message.contains("--set max_steps=N"))
        }
        let settings = ConfigSettings(overrides: [T.set("learning_rate", "3e-4"), T.set("warmup_steps", "0.1"), T.set("max_steps", "1000"),
                                                  T.set("adam_beta2", "0.95")])
        let run = try DeepSpeedConfigReader.read(document, settings: settings)
        func keyword(_ name: String) -> SourceValue? { run.call.keyword(name) }
        #expect(keyword("total_num_steps")?.text == "auto → 1000")
        #expect(keyword("warmup_num_steps")?.text == "auto → 100")
        #expect(keyword("warmup_max_lr")?.text == "auto → 0.0003")
        #expect(run.lrs == [3e-4] && run.updates == 1000)
        #expect(run.adam?.betas.0 == 0.9 && run.adam?.betas.1 == 0.95 && run.adam?.eps == 1e-6)
        #expect(!run.traps.contains { $0.message.contains("TrainingArguments' defaults") })
        // Without --set, the defaults (learning_rate 5e-5, warmup_steps 0 → 1 → 2 in DeepSpeed) are a trap.
        let defaults = try DeepSpeedConfigReader.read(document, settings: ConfigSettings(overrides: [T.set("scheduler.params.total_num_steps", "500")]))
        #expect(defaults.traps.contains { $0.message.contains("filled from TrainingArguments' defaults (learning_rate 5e-05, warmup_steps 0)") })
        #expect(defaults.call.keyword("warmup_num_steps")?.text == "auto → 1")
        #expect(defaults.traps.contains { $0.message.contains("warmup_num_steps 1 counts as 2") })
    }

    @Test func theHFTrainersArgumentsFillAutoAndFp16SkipsAreATrap() throws {
        var document = Self.config("WarmupLR", [("warmup_max_lr", T.str("auto")), ("warmup_num_steps", T.str("auto")), ("warmup_type", T.str("linear"))],
                                   optimizer: [("lr", T.str("auto"))])
        let run = try DeepSpeedConfigReader.read(document, settings: ConfigSettings(overrides: [T.set("learning_rate", "2e-4")]),
                                                 trainingArguments: ["learning_rate": 1e-4, "max_steps": 400, "warmup_steps": 0.05])
        #expect(run.call.keyword("warmup_num_steps")?.text == "auto → 20" && run.call.keyword("warmup_max_lr")?.text == "auto → 0.0002")
        #expect(run.lrs == [2e-4] && run.updates == 400)
        #expect(!run.traps.contains { $0.message.contains("fp16") })
        if case .mapping(var entries) = document.root.literal {
            entries.append(CallValue.Keyword("fp16", T.map([("enabled", T.bool(true))])))
            document.root.literal = .mapping(entries)
        }
        let fp16 = try DeepSpeedConfigReader.read(document, settings: ConfigSettings(), trainingArguments: ["max_steps": 400])
        #expect(fp16.traps.contains { $0.message.contains("skips lr_scheduler.step() on every step whose gradients overflow") })
    }

    @Test func oneCyclesBeta2AndCosinesZeroStartAreTraps() throws {
        let cycle = try DeepSpeedConfigReader.read(Self.config("OneCycle", [("cycle_min_lr", T.num(1e-4)), ("cycle_max_lr", T.num(1e-3))],
                                                               optimizer: [("lr", T.num(1e-3)), ("betas", T.list([T.num(0.9), T.num(0.98)]))]),
                                                   settings: ConfigSettings())
        #expect(cycle.traps.contains { $0.message.contains("Adam's beta2 becomes 0.99 (the optimizer said 0.98)") })
        let cosine = try DeepSpeedConfigReader.read(Self.config("WarmupCosineLR", [("total_num_steps", T.int(100)), ("warmup_min_ratio", T.num(0.1)),
                                                                                   ("warmup_num_steps", T.int(10)), ("warmup_type", T.str("linear"))],
                                                                optimizer: [("lr", T.num(0.01))]), settings: ConfigSettings())
        #expect(cosine.traps.contains { $0.message.contains("update 0 runs at lr 0") && $0.message.contains("(0.001)") })
    }

    @Test func badBlocksAreErrorsNamingTheKey() throws {
        func failure(_ document: ConfigDocument) -> String {
            do { _ = try DeepSpeedConfigReader.read(document, settings: ConfigSettings()); return "" } catch { return error.message }
        }
        #expect(failure(Self.config("WarmupCosine", [])).contains("scheduler.type 'WarmupCosine' is neither in deepspeed.runtime.lr_schedules"))
        #expect(failure(Self.config("WarmupLR", [("warmup_steps", T.int(10))])).contains("unexpected keyword argument 'warmup_steps'"))
        #expect(failure(T.document(T.map([("zero_optimization", T.map([])), ("optimizer", T.map([]))]))).contains("no \"scheduler\" block"))
        let unknown = try DeepSpeedConfigReader.read(Self.config("WarmupLR", []), settings: ConfigSettings(overrides: [T.set("warmup_epochs", "3")]))
        #expect(unknown.warnings.contains { $0.message.contains("unknown key 'warmup_epochs'") })
        // DeepSpeed falls back to torch.optim.lr_scheduler for other names.
        let torch = try DeepSpeedConfigReader.read(Self.config("StepLR", [("step_size", T.int(10))]), settings: ConfigSettings(epochs: 30))
        #expect(try ConfigRowSink.simulate(torch).count == 30)
    }
}

/// Every single-group flag fixture of DeepSpeed, written as the ds_config.json scheduler block it
/// stands for (the flags' Python names as params, --lr as optimizer.params.lr, --betas as betas),
/// read by the reader and simulated: all bit-identical with DeepSpeed.
@Suite struct DeepSpeedReaderFixtureTests {
    /// The fixtures a single ds_config can state (flag lines with one --lr group).
    static let cases = DeepSpeedParityTests.cases.filter { ((try? config($0.arguments)) ?? nil) != nil }

    static func config(_ arguments: String) throws -> (ConfigDocument, Int)? {
        var words = try shellWords(arguments)[...]
        guard let name = words.popFirst(), let definition = ScheduleRegistry.lookup(name), let type = definition.pythonClass else { return nil }
        var params: [(String, SourceValue)] = [], optimizer: [(String, SourceValue)] = [], epochs = 0
        while let flag = words.popFirst() {
            let bare = String(flag.dropFirst(2))
            if bare.hasPrefix("no-") { params.append((bare.dropFirst(3).replacingOccurrences(of: "-", with: "_"), HandBuiltTree.bool(false))); continue }
            guard let spec = definition.parameter(named: bare) else {
                guard let value = words.popFirst() else { return nil }
                switch bare {
                case "lr":
                    guard !value.contains(",") else { return nil }
                    optimizer.append(("lr", HandBuiltTree.num(Double(value) ?? .nan)))
                case "epochs": epochs = Int(value) ?? 0
                case "betas": optimizer.append(("betas", HandBuiltTree.list(value.split(separator: ",").map { HandBuiltTree.num(Double($0) ?? .nan) })))
                default: return nil
                }
                continue
            }
            if spec.isSwitch { params.append((spec.pythonName, HandBuiltTree.bool(true))); continue }
            guard let value = words.popFirst(), !value.contains(",") else { return nil }
            if let n = Int(value) { params.append((spec.pythonName, HandBuiltTree.int(n))) } else if let x = Double(value) { params.append((spec.pythonName, HandBuiltTree.num(x))) } else {
                params.append((spec.pythonName, HandBuiltTree.str(value)))
            }
        }
        return (DeepSpeedConfigReaderTests.config(type, params, optimizer: optimizer), epochs)
    }

    @Test func mostFixturesAreCovered() { #expect(Self.cases.count >= 15, "\(Self.cases.count) of \(DeepSpeedParityTests.cases.count)") }

    @Test(arguments: DeepSpeedReaderFixtureTests.cases)
    func theReaderReproducesDeepSpeed(_ fixture: FixtureParityTests.Case) throws {
        let (document, epochs) = try #require(try Self.config(fixture.arguments))
        let run = try DeepSpeedConfigReader.read(document, settings: ConfigSettings(epochs: epochs))
        let rows = try ConfigRowSink.simulate(run)
        let expected = try ConfigRowSink.fixture(DeepSpeedParityTests.folder, fixture.name)
        #expect(rows.count == expected.count)
        #expect(zip(rows, expected).allSatisfy { a, e in a.count == e.count && zip(a, e).allSatisfy { $0.bitPattern == $1.bitPattern } })
    }
}
