import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// The serialized Keras schedule (`keras.optimizers.schedules.serialize`) read into the call of its
/// `keras.*` registry entry. The documents are built by hand as the JSON/YAML front end builds them.
@Suite struct KerasSerializedReaderTests {
    static func at(_ line: Int, _ column: Int) -> Origin { Origin(file: "schedule.json", line: line, column: column) }
    static func number(_ x: Double, _ line: Int, integer: Int? = nil) -> SourceValue {
        SourceValue(.number(x, integer: integer), text: integer.map(String.init) ?? "\(x)", origin: at(line, 20))
    }
    static func string(_ s: String, _ line: Int) -> SourceValue { SourceValue(.string(s), text: "\"\(s)\"", origin: at(line, 20)) }
    static func mapping(_ entries: [(String, SourceValue)], _ line: Int) -> SourceValue {
        SourceValue(.mapping(entries.map { CallValue.Keyword($0.0, $0.1) }), text: "{…}", origin: at(line, 1))
    }

    /// `{"module": "keras.optimizers.schedules", "class_name": "CosineDecay", "config": {…}, "registered_name": null}`
    /// exactly as Keras 3.15.1 serializes `CosineDecay(0.0, 900, alpha=0.1, warmup_target=1e-3, warmup_steps=100)`.
    static func cosineDocument(extra: [(String, SourceValue)] = []) -> ConfigDocument {
        let config = mapping([
            ("initial_learning_rate", number(0.0, 4)), ("decay_steps", number(900, 5, integer: 900)), ("alpha", number(0.1, 6)),
            ("name", string("CosineDecay", 7)), ("warmup_target", number(0.001, 8)), ("warmup_steps", number(100, 9, integer: 100)),
        ] + extra, 3)
        let root = mapping([("module", string("keras.optimizers.schedules", 1)), ("class_name", string("CosineDecay", 2)),
                            ("config", config), ("registered_name", SourceValue(.none, text: "null", origin: at(10, 20)))], 1)
        return ConfigDocument(path: "schedule.json", format: .json, root: root)
    }

    static func values(_ call: CallValue, steps: Int) throws -> [Double] {
        let bound = try Binder.bind(call, BindContext(lrs: [1e-3], epochs: steps))
        let optimizer = Adam(groups: [ParamGroup(parameter: Rosenbrock.start, lr: 1e-3, betas: (0.9, 0.999), eps: 1e-8, weightDecay: 0, amsgrad: false)])
        let scheduler = try bound.arguments.definition.build(bound.arguments, BuildContext(optimizer: optimizer, epochs: steps))
        var lrs: [Double] = []
        for _ in 0..<steps {
            lrs.append(optimizer.groups[0].lr)
            try scheduler.step()
        }
        return lrs
    }

    @Test func theReaderIsListedAndRecognizesTheSerializedForm() {
        #expect(ConfigReaders.all.contains { $0 == KerasSerializedReader.self })
        #expect(KerasSerializedReader.recognizes(Self.cosineDocument()))
        let other = ConfigDocument(path: "args.json", format: .json, root: Self.mapping([("learning_rate", Self.number(3e-4, 1))], 1))
        #expect(!KerasSerializedReader.recognizes(other))
        let foreign = ConfigDocument(path: "x.json", format: .json, root: Self.mapping([
            ("module", Self.string("my.package", 1)), ("class_name", Self.string("CosineDecay", 2)), ("config", Self.mapping([], 3)),
        ], 1))
        #expect(!KerasSerializedReader.recognizes(foreign))
    }

    @Test func theCallIsTheRegistryEntryAndMatchesThePythonCallForm() throws {
        let run = try KerasSerializedReader.read(Self.cosineDocument(), settings: ConfigSettings())
        #expect(ScheduleRegistry.lookup(run.call.callee)?.name == "keras.cosine_decay")
        #expect(run.call.keywords.map(\.name) == ["initial_learning_rate", "decay_steps", "alpha", "warmup_target", "warmup_steps"])
        #expect(run.warnings.isEmpty)
        let fromFile = try Self.values(run.call, steps: 1100)
        let python = try PythonCall.parse("keras.optimizers.schedules.CosineDecay(0.0, 900, alpha=0.1, warmup_target=1e-3, warmup_steps=100)")
        #expect(try Self.values(python, steps: 1100) == fromFile)
        // Keras's own values (more-libraries.md §1.4): step 1 → 3727c5ad, 100 → 3a83126f, ≥ 1000 → 38d1b718.
        #expect(Float(fromFile[1]).bitPattern == 0x3727c5ad && Float(fromFile[100]).bitPattern == 0x3a83126f)
        #expect(Float(fromFile[1099]).bitPattern == 0x38d1b718)
    }

    @Test func anOptimizerConfigWithAScheduleAsItsLearningRateIsRead() throws {
        let schedule = Self.cosineDocument().root
        let optimizer = Self.mapping([("module", Self.string("keras.optimizers", 1)), ("class_name", Self.string("AdamW", 2)),
                                      ("config", Self.mapping([("learning_rate", schedule), ("weight_decay", Self.number(0.004, 12))], 3))], 1)
        let document = ConfigDocument(path: "optimizer.json", format: .json, root: optimizer)
        #expect(KerasSerializedReader.recognizes(document))
        let run = try KerasSerializedReader.read(document, settings: ConfigSettings())
        #expect(ScheduleRegistry.lookup(run.call.callee)?.name == "keras.cosine_decay")
    }

    @Test func unknownKeysWarnAndBadValuesNameTheirKeyAndLine() throws {
        let run = try KerasSerializedReader.read(Self.cosineDocument(extra: [("decay_step", Self.number(5, 11, integer: 5))]), settings: ConfigSettings())
        #expect(run.warnings.count == 1)
        #expect(run.warnings.first?.message.contains("decay_step") == true && run.warnings.first?.origin.line == 11)
        let bad = Self.mapping([("class_name", Self.string("ExponentialDecay", 1)), ("config", Self.mapping([
            ("initial_learning_rate", Self.number(0.1, 2)), ("decay_steps", Self.number(0, 3, integer: 0)), ("decay_rate", Self.number(0.9, 4)),
        ], 2))], 1)
        let badRun = try KerasSerializedReader.read(ConfigDocument(path: "s.json", format: .json, root: bad), settings: ConfigSettings())
        do {
            _ = try Binder.bind(badRun.call, BindContext(lrs: [1e-3], epochs: 10))
            Issue.record("decay_steps=0 was accepted")
        } catch {
            #expect(error.message.contains("decay_steps") && error.origin.line == 3)
        }
    }

    @Test func setOverridesAConfigKey() throws {
        let settings = ConfigSettings(overrides: [Override(key: "config.alpha", value: "0.5", origin: Origin(subject: "--set"))])
        let run = try KerasSerializedReader.read(Self.cosineDocument(), settings: settings)
        let alpha = run.call.keywords.last { $0.name == "alpha" }
        #expect(run.call.keywords.filter { $0.name == "alpha" }.count == 1)
        if case .number(let x, _)? = alpha?.value.literal { #expect(x == 0.5) } else { Issue.record("alpha not overridden") }
        let wrong = ConfigSettings(overrides: [Override(key: "alpah", value: "0.5", origin: Origin(subject: "--set"))])
        #expect(throws: Diagnostic.self) { try KerasSerializedReader.read(Self.cosineDocument(), settings: wrong) }
    }
}
