import Foundation
import LRPlotEngine

/// A DeepSpeed config (`ds_config.json`): its `"scheduler": {"type": …, "params": {…}}` block as a
/// call of the `deepspeed.*` entry the engine would construct (`getattr(lr_schedules, type)`, else
/// `torch.optim.lr_scheduler.type`, called with `**params`), and its optimizer block's `lr`,
/// `betas` and `eps`. `"auto"` values are filled as transformers' DeepSpeed integration fills them,
/// from `TrainingArguments` (its defaults, or the fields given with `--set`).
public enum DeepSpeedConfigReader: ConfigReader {
    public static var kind: String { "DeepSpeed" }

    /// The `TrainingArguments` fields the HF integration reads to fill `"auto"`, with their defaults.
    static let trainerFields: [String: Double] = [
        "learning_rate": 5e-5, "warmup_steps": 0, "max_steps": -1, "num_train_epochs": 3,
        "adam_beta1": 0.9, "adam_beta2": 0.999, "adam_epsilon": 1e-8, "weight_decay": 0,
    ]

    public static func recognizes(_ document: ConfigDocument) -> Bool {
        guard document.format == .json || document.format == .yaml, let entries = MappingPaths.entries(document.root) else { return false }
        let keys = Set(entries.map(\.name))
        if let scheduler = MappingPaths.value(document.root, ["scheduler"]), MappingPaths.value(scheduler, ["type"]) != nil { return true }
        return !keys.isDisjoint(with: ["zero_optimization", "train_micro_batch_size_per_gpu", "fp16", "bf16", "zero_allow_untested_optimizer"])
            && keys.contains("optimizer")
    }

    public static func read(_ document: ConfigDocument, settings: ConfigSettings) throws(Diagnostic) -> ConfigRun {
        try read(document, settings: settings, trainingArguments: [:])
    }

    /// Reads the config with the HF `TrainingArguments` it is used with (`learning_rate`,
    /// `warmup_steps`, `max_steps`, `num_train_epochs`, `adam_beta1`, `adam_beta2`, `adam_epsilon`,
    /// `weight_decay`; others are ignored), which fill its `"auto"` values; `--set` still wins.
    public static func read(_ document: ConfigDocument, settings: ConfigSettings, trainingArguments: [String: Double]) throws(Diagnostic) -> ConfigRun {
        var root = document.root
        var trainer = trainerFields
        var trainerGiven: Set<String> = []
        for (key, value) in trainingArguments where trainerFields[key] != nil {
            trainer[key] = value
            trainerGiven.insert(key)
        }
        var warnings: [Diagnostic] = []
        for override in settings.overrides {
            let value = MappingPaths.literal(override.value, origin: override.origin)
            if override.key.contains(".") || MappingPaths.value(root, [override.key]) != nil {
                root = MappingPaths.setting(root, override.key.split(separator: ".").map(String.init), to: value)
            } else if trainerFields[override.key] != nil {
                guard let x = MappingPaths.number(value) else {
                    throw Diagnostic("--set \(override.key)=\(override.value): expected a number (TrainingArguments.\(override.key))", at: override.origin)
                }
                trainer[override.key] = x
                trainerGiven.insert(override.key)
            } else if override.key == "warmup_ratio" {
                throw Diagnostic("--set warmup_ratio: TrainingArguments 5.24 has no warmup_ratio; give the ratio as --set warmup_steps=\(override.value) (below 1 it is a ratio)",
                                 at: override.origin)
            } else {
                warnings.append(Diagnostic("unknown key '\(override.key)' (neither in the DeepSpeed config nor a TrainingArguments field lrplot reads: \(trainerFields.keys.sorted().joined(separator: ", ")))",
                                           at: override.origin))
            }
        }
        guard let scheduler = MappingPaths.value(root, ["scheduler"]) else {
            throw Diagnostic("\(document.path): no \"scheduler\" block: without one DeepSpeed applies no schedule (the lr stays at optimizer.params.lr); lrplot needs \"scheduler\": {\"type\": …, \"params\": {…}}",
                             at: root.origin)
        }
        guard let typeValue = MappingPaths.value(scheduler, ["type"]), case .string(let type) = typeValue.literal else {
            throw Diagnostic("scheduler: expected \"type\": one of WarmupLR, WarmupDecayLR, WarmupCosineLR, OneCycle, LRRangeTest", at: scheduler.origin)
        }
        for entry in MappingPaths.entries(scheduler) ?? [] where entry.name != "type" && entry.name != "params" {
            warnings.append(Diagnostic("unknown key 'scheduler.\(entry.name)' (DeepSpeed reads only type and params)", at: entry.value.origin))
        }
        guard let definition = ScheduleRegistry.lookup(type), definition.family == .deepspeed || definition.family == .torch else {
            let names = ScheduleRegistry.members(of: .deepspeed).compactMap(\.pythonClass)
            throw Diagnostic("scheduler.type '\(type)' is neither in deepspeed.runtime.lr_schedules (\(names.joined(separator: ", "))) nor in torch.optim.lr_scheduler, where DeepSpeed looks it up.\(Suggestion.didYouMean(type, in: names))",
                             at: typeValue.origin)
        }

        // T as the HF Trainer computes it, for "auto" total_num_steps and the run length.
        let maxSteps = Int(trainer["max_steps"] ?? -1)
        var total: Int? = maxSteps > 0 ? maxSteps : nil
        if total == nil, let perEpoch = settings.stepsPerEpoch {
            total = Int((Double(perEpoch) * (trainer["num_train_epochs"] ?? 3)).rounded(.up))
        }
        // A numeric total_num_steps must equal the Trainer's T (the integration refuses a mismatch), so it stands for T.
        if total == nil, let given = MappingPaths.value(scheduler, ["params", "total_num_steps"]), case .number(_, let t?) = given.literal { total = t }
        let learningRate = trainer["learning_rate"] ?? 5e-5
        var traps: [Diagnostic] = []
        var autoFilled: [String] = []

        func filled(_ key: String, _ value: SourceValue) throws(Diagnostic) -> SourceValue {
            guard MappingPaths.isAuto(value) else { return value }
            let origin = value.origin
            func number(_ x: Double, _ integer: Int? = nil) -> SourceValue {
                autoFilled.append(key)
                return MappingPaths.numberValue(x, integer: integer, text: "auto → \(integer.map(String.init) ?? PyFormat.repr(x))", origin: origin)
            }
            switch key {
            case "warmup_min_lr": return number(0, 0)
            case "warmup_max_lr": return number(learningRate)
            case "total_num_steps", "warmup_num_steps":
                guard let T = total else {
                    throw Diagnostic("scheduler.params.\(key) is \"auto\": the HF Trainer fills it from the number of training steps; give --set max_steps=N, or --steps-per-epoch K (with --set num_train_epochs=E, default 3)",
                                     at: origin)
                }
                if key == "total_num_steps" { return number(Double(T), T) }
                let ws = trainer["warmup_steps"] ?? 0
                let w = Swift.max(1, ws >= 1 ? Int(ws) : Int((Double(T) * ws).rounded(.up)))
                return number(Double(w), w)
            default:
                throw Diagnostic("scheduler.params.\(key) is \"auto\", which the HF integration does not fill (it fills warmup_min_lr, warmup_max_lr, total_num_steps, warmup_num_steps)", at: origin)
            }
        }

        var keywords: [CallValue.Keyword] = []
        let paramsValue = MappingPaths.value(scheduler, ["params"])
        if let paramsValue, MappingPaths.entries(paramsValue) == nil {
            throw Diagnostic("scheduler.params: expected a mapping of the scheduler's arguments", at: paramsValue.origin)
        }
        for entry in MappingPaths.entries(paramsValue) ?? [] {
            keywords.append(CallValue.Keyword(entry.name, try filled(entry.name, entry.value)))
        }
        let call = CallValue(callee: type, keywords: keywords, form: .python, origin: typeValue.origin,
                             text: "\(type)(optimizer, \(keywords.map { "\($0.name)=\($0.value.text)" }.joined(separator: ", ")))")

        // The optimizer block: the groups' lr and the toy Adam's betas and eps.
        var run = ConfigRun(call: call)
        var adam = AdamSettings()
        var adamGiven = false
        if let optimizer = MappingPaths.value(root, ["optimizer"]) {
            if let optimizerType = MappingPaths.value(optimizer, ["type"]), case .string(let name) = optimizerType.literal,
               !["adam", "adamw", "fusedadam", "cpuadam", "deepspeedcpuadam"].contains(name.lowercased()) {
                warnings.append(Diagnostic("optimizer.type '\(name)': lrplot's toy optimizer is Adam; the lr and beta1 columns are the schedule's, the loss is Adam's", at: optimizerType.origin))
            }
            let params = MappingPaths.value(optimizer, ["params"])
            if let lrValue = MappingPaths.value(params ?? optimizer, ["lr"]) {
                if MappingPaths.isAuto(lrValue) {
                    run.lrs = [learningRate]
                    autoFilled.append("lr")
                } else if let lr = MappingPaths.number(lrValue) {
                    run.lrs = [lr]
                } else {
                    throw Diagnostic("optimizer.params.lr: expected a number or \"auto\", got '\(lrValue.text)'", at: lrValue.origin)
                }
            }
            if let betas = MappingPaths.value(params ?? optimizer, ["betas"]) {
                if MappingPaths.isAuto(betas) {
                    adam.betas = (trainer["adam_beta1"] ?? 0.9, trainer["adam_beta2"] ?? 0.999)
                } else if case .list(let items) = betas.literal, items.count == 2, let b1 = MappingPaths.number(items[0]), let b2 = MappingPaths.number(items[1]) {
                    adam.betas = (b1, b2)
                } else {
                    throw Diagnostic("optimizer.params.betas: expected [beta1, beta2] or \"auto\", got '\(betas.text)'", at: betas.origin)
                }
                adamGiven = true
            }
            if let eps = MappingPaths.value(params ?? optimizer, ["eps"]) {
                if MappingPaths.isAuto(eps) { adam.eps = trainer["adam_epsilon"] ?? 1e-8 } else if let x = MappingPaths.number(eps) { adam.eps = x } else {
                    throw Diagnostic("optimizer.params.eps: expected a number or \"auto\", got '\(eps.text)'", at: eps.origin)
                }
                adamGiven = true
            }
            for entry in MappingPaths.entries(params) ?? [] where !["lr", "betas", "eps", "weight_decay", "bias_correction", "adam_w_mode", "torch_adam", "amsgrad"].contains(entry.name) {
                warnings.append(Diagnostic("optimizer.params.\(entry.name) is not modelled by lrplot's toy Adam (the lr schedule is unaffected)", at: entry.value.origin))
            }
        }
        if let lrs = settings.lrs { run.lrs = lrs }
        run.stepsPerEpoch = settings.stepsPerEpoch
        if adamGiven { run.adam = adam }
        run.warnings = warnings

        // What the scheduler does, read from the bound registry entry.
        var verbose = false
        let arguments = try Binder.bindCall(call, verbose: &verbose)
        func given(_ name: String) -> SourceValue? { keywords.last { $0.name == name }?.value }
        let lrs = run.lrs ?? [0.1]
        run.updates = settings.epochs ?? intValue(given("total_num_steps")) ?? total
        if let T = total { run.derived.append(DerivedNumber("total updates (HF)", String(T))) }
        if let T = intValue(given("total_num_steps")) { run.derived.append(DerivedNumber("total_num_steps", String(T))) }
        if !autoFilled.isEmpty {
            run.derived.append(DerivedNumber("\"auto\" filled", autoFilled.joined(separator: ", ")))
            let defaults = trainerFields.keys.filter { !trainerGiven.contains($0) }
            if !defaults.isEmpty && trainerGiven.isEmpty {
                traps.append(Diagnostic("\"auto\" values (\(autoFilled.joined(separator: ", "))) are filled from TrainingArguments' defaults (learning_rate \(PyFormat.repr(learningRate)), warmup_steps 0) because no HF config was given; pass the Trainer's values with --set learning_rate=… --set warmup_steps=…",
                                        at: typeValue.origin))
            }
        }
        if let lr = run.lrs?.first { run.derived.append(DerivedNumber("lr", PyFormat.repr(lr))) }

        let warmsUp = ["WarmupLR", "WarmupDecayLR", "WarmupCosineLR"].contains(definition.pythonClass ?? "")
        if warmsUp {
            let steps = intValue(given("warmup_num_steps")) ?? 1000
            let W = Swift.max(2, steps)
            run.derived.append(DerivedNumber("warm-up updates", String(W + 1)))
            if steps == 1 {
                traps.append(Diagnostic("warmup_num_steps 1 counts as 2 inside DeepSpeed (max(2, warmup_num_steps)): the peak comes at update 3, not 2",
                                        at: given("warmup_num_steps")?.origin ?? typeValue.origin))
            }
            let first = sample(arguments, lrs: lrs, updates: 3)
            if first.count == 3 && first[0] == first[1] {
                traps.append(Diagnostic("the first two updates both use \(PyFormat.repr(first[0])) (\(definition.pythonClass == "WarmupCosineLR" ? "iteration -1 gives ratio 0" : "warmup_min_lr")): the constructor writes iteration -1's value and iteration 0 adds nothing; the warm-up starts moving at update 2 (\(PyFormat.repr(first[2])))",
                                        at: given("warmup_min_lr")?.origin ?? given("warmup_num_steps")?.origin ?? typeValue.origin))
            } else if definition.pythonClass == "WarmupCosineLR", first.first == 0 {
                let ratio = number(given("warmup_min_ratio")) ?? 0
                traps.append(Diagnostic("update 0 runs at lr 0: WarmupCosineLR's iteration -1 is an absolute 0, not warmup_min_ratio × lr (\(PyFormat.repr(ratio * lrs[0])))",
                                        at: given("warmup_min_ratio")?.origin ?? typeValue.origin))
            }
            let typeGiven = given("warmup_type")
            if typeGiven == nil || (typeGiven.flatMap { if case .string(let s) = $0.literal { return s } else { return nil } } ?? "") == "log" {
                let half = W / 2 + 1
                let log = sample(arguments, lrs: lrs, updates: half + 1)
                if log.count == half + 1 {
                    var linearCall = call
                    linearCall.keywords.removeAll { $0.name == "warmup_type" }
                    linearCall.keywords.append(CallValue.Keyword("warmup_type", SourceValue(.string("linear"), text: "'linear'", origin: typeValue.origin)))
                    let linear = (try? Binder.bindCall(linearCall, verbose: &verbose)).map { sample($0, lrs: lrs, updates: half + 1) } ?? []
                    let expected = linear.count == half + 1 ? " (a linear warm-up: \(MappingPaths.short(linear[half])))" : ""
                    traps.append(Diagnostic("DeepSpeed warms up logarithmically\(typeGiven == nil ? " by default (no warmup_type)" : ""): half-way, at update \(half), the lr is already \(MappingPaths.short(log[half]))\(expected); set \"warmup_type\": \"linear\" for a straight ramp",
                                            at: typeGiven?.origin ?? typeValue.origin))
                }
            }
            if definition.pythonClass == "WarmupDecayLR", given("warmup_max_lr") == nil, let lr = run.lrs?.first, lr != 0.001 {
                traps.append(Diagnostic("WarmupDecayLR's warmup_max_lr defaults to 0.001, not optimizer.params.lr (\(PyFormat.repr(lr))): the peak is 0.001", at: typeValue.origin))
            }
        }
        if definition.pythonClass == "OneCycle", (given("cycle_momentum").map { if case .bool(let on) = $0.literal { return on } else { return true } } ?? true) {
            traps.append(Diagnostic("OneCycle writes betas = (momentum, 0.99): Adam's beta2 becomes 0.99 (the optimizer said \(PyFormat.repr(adam.betas.1)))",
                                    at: given("cycle_momentum")?.origin ?? typeValue.origin))
        }
        if let fp16 = MappingPaths.value(root, ["fp16", "enabled"]), case .bool(true) = fp16.literal {
            traps.append(Diagnostic("fp16 is enabled: the engine skips lr_scheduler.step() on every step whose gradients overflow (the loss scale's search, typically the first few dozen steps), so the real curve runs late by the skipped steps; lrplot draws the run without overflows",
                                    at: fp16.origin))
        }
        run.traps = traps
        return run
    }

    /// The first `updates` lrs of group 0 as the registry's scheduler writes them (empty if it cannot be built).
    static func sample(_ arguments: ScheduleArguments, lrs: [Double], updates: Int) -> [Double] {
        let optimizer = Adam(groups: lrs.map { ParamGroup(parameter: Rosenbrock.start, lr: $0) })
        guard let scheduler = try? arguments.definition.build(arguments, BuildContext(optimizer: optimizer, epochs: updates)) else { return [] }
        var values: [Double] = []
        for _ in 0..<updates {
            values.append(optimizer.groups[0].lr)
            guard (try? scheduler.step()) != nil else { break }
        }
        return values
    }

    static func intValue(_ value: SourceValue?) -> Int? {
        guard let value, case .number(_, let integer?) = value.literal else { return nil }
        return integer
    }

    static func number(_ value: SourceValue?) -> Double? { MappingPaths.number(value) }
}
