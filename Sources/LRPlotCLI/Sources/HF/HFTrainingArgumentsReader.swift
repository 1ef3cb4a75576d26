import LRPlotEngine

/// HF transformers 5.24 `TrainingArguments` (contract 8.2): a JSON dump, a YAML recipe (read by
/// `HfArgumentParser.parse_yaml_file`, i.e. PyYAML `safe_load`) or the `--flag value` line a
/// Trainer script takes. The Trainer's step arithmetic (`set_initial_training_values`,
/// `get_warmup_steps`) gives `get_scheduler`'s arguments; the call goes to the `hf.*` family
/// through its `get_scheduler` factory form. lrplot's own settings: `--steps-per-epoch K` (the
/// optimizer updates per epoch), or `--set dataset_size=N` (training examples) with
/// `--set world_size=P` (processes, default 1).
enum HFTrainingArgumentsReader: ConfigReader {
    static let kind = "HF TrainingArguments"

    /// Keys only a TrainingArguments dump or HF recipe has (DeepSpeed's own config has a `scheduler` block instead).
    static let distinctive: Set<String> = ["lr_scheduler_type", "learning_rate", "num_train_epochs", "per_device_train_batch_size",
                                           "warmup_steps", "warmup_ratio", "lr_scheduler_kwargs", "output_dir", "max_steps"]
    /// lrplot's own keys (given with `--set`).
    static let settingKeys: Set<String> = ["dataset_size", "world_size"]

    static func recognizes(_ document: ConfigDocument) -> Bool {
        guard document.format != .python, case .mapping(let keywords) = document.root.literal else { return false }
        let names = Set(keywords.map { normalized($0.name, document) })
        if document.format != .commandLine, names.contains("scheduler") || names.contains("train_micro_batch_size_per_gpu") { return false }
        return !names.isDisjoint(with: distinctive)
    }

    /// A command line's `--learning-rate` is `--learning_rate` (HfArgumentParser accepts both).
    static func normalized(_ name: String, _ document: ConfigDocument) -> String {
        document.format == .commandLine ? name.replacing("-", with: "_") : name
    }

    static func read(_ document: ConfigDocument, settings: ConfigSettings) throws(Diagnostic) -> ConfigRun {
        let args = try HFArguments(document)
        var traps: [Diagnostic] = []
        var warnings: [Diagnostic] = []

        // Keys TrainingArguments does not have: HfArgumentParser would refuse the file; lrplot names them.
        let unknown = args.keys.filter { !HFTrainingArgumentFields.all.contains($0.name) && !settingKeys.contains($0.name)
            && !$0.name.hasPrefix("_") && $0.name != "warmup_ratio" }
        if !unknown.isEmpty {
            let names = unknown.map(\.name)
            warnings.append(Diagnostic("\(names.count == 1 ? "key" : "keys") \(names.map { "'\($0)'" }.joined(separator: ", ")) \(names.count == 1 ? "is" : "are") not "
                                       + "TrainingArguments fields of transformers 5.24 (ignored; HfArgumentParser would reject \(names.count == 1 ? "it" : "them"))",
                                       at: unknown[0].value.origin.naming(nil)))
        }

        // The scheduler type.
        let typeValue = args.value("lr_scheduler_type")
        let type = try typeValue.map { (v) throws(Diagnostic) in try ConfigValues.string(v, what: "lr_scheduler_type") } ?? "linear"
        let types = ScheduleRegistry.members(of: .hf).map { String($0.name.dropFirst(3)) }
        if type == "reduce_lr_on_plateau" || type == "greedy" {
            throw Diagnostic("lr_scheduler_type '\(type)' is stepped by the Trainer with evaluation metrics, which a config does not record; lrplot cannot draw it (use 'lrplot plateau --metrics …')",
                             at: typeValue?.origin ?? args.origin)
        }
        guard types.contains(type) else {
            throw Diagnostic("'\(type)' is not a valid SchedulerType, please select one of \(types + ["reduce_lr_on_plateau", "greedy"]).\(Suggestion.didYouMean(type, in: types))",
                             at: typeValue?.origin ?? args.origin)
        }
        for key in ["deepspeed"] where args.value(key).map({ !$0.isNone }) ?? false {
            traps.append(Diagnostic("deepspeed is set: when its config has a \"scheduler\" block, DeepSpeed's scheduler replaces '\(type)' (draw it with lrplot on that file)",
                                    at: args.value(key)?.origin ?? args.origin))
        }

        // Numbers, with TrainingArguments' defaults.
        let learningRate = try args.real("learning_rate") ?? 5e-5
        guard learningRate.isFinite && learningRate >= 0 else {
            throw Diagnostic("Invalid learning rate: \(PyFormat.repr(learningRate)) (torch's optimizer needs a finite lr ≥ 0)", at: args.value("learning_rate")?.origin ?? args.origin)
        }
        let epochs = try args.real("num_train_epochs") ?? 3.0
        let epochsText = args.value("num_train_epochs")?.text ?? "3.0"
        let maxSteps = try args.integer("max_steps") ?? -1
        let accumulation = try args.integer("gradient_accumulation_steps") ?? 1
        let batch = try args.integer("per_device_train_batch_size") ?? 8
        let dropLast = try args.bool("dataloader_drop_last") ?? false
        var warmupValue = args.value("warmup_steps")
        var warmup = try args.real("warmup_steps") ?? 0
        if let ratio = args.value("warmup_ratio") {
            let r = try args.real("warmup_ratio") ?? 0
            if warmupValue == nil || warmup == 0 {
                warmup = r
                warmupValue = ratio
            }
            traps.append(Diagnostic("warmup_ratio was removed in transformers 5 (PR #41326) and 5.24 refuses this file; lrplot reads it as 4.x did: warmup_steps \(PyFormat.repr(r)) (a ratio below 1)",
                                    at: ratio.origin))
        }
        guard warmup >= 0 else {
            throw Diagnostic("Got warmup_steps = \(PyFormat.repr(warmup)), Expected value warmup_steps >= 0", at: warmupValue?.origin ?? args.origin)
        }
        guard accumulation >= 1 && accumulation <= ConfigValues.largestCount else {
            throw Diagnostic("gradient_accumulation_steps must be at least 1 (got \(accumulation))", at: args.value("gradient_accumulation_steps")?.origin ?? args.origin)
        }
        guard batch >= 1 && batch <= ConfigValues.largestCount else {
            throw Diagnostic("per_device_train_batch_size must be at least 1 (got \(batch))", at: args.value("per_device_train_batch_size")?.origin ?? args.origin)
        }

        // Updates per epoch (Trainer.set_initial_training_values).
        let worldSize = try args.integer("world_size") ?? 1
        guard worldSize >= 1 && worldSize <= 1_000_000 else { throw Diagnostic("world_size must be at least 1 (got \(worldSize))", at: args.value("world_size")?.origin ?? args.origin) }
        var batchesPerProcess: Int? = nil
        if let size = try args.integer("dataset_size") {
            guard size <= ConfigValues.largestCount else { throw Diagnostic("dataset_size \(size) is too large", at: args.value("dataset_size")?.origin ?? args.origin) }
            guard size >= 1 else { throw Diagnostic("dataset_size must be at least 1 (got \(size))", at: args.value("dataset_size")?.origin ?? args.origin) }
            // The DataLoader's batches over the whole dataset, then accelerate's BatchSamplerShard per process (even_batches).
            let batches = dropLast ? size / batch : (size + batch - 1) / batch
            let share = batches / worldSize
            batchesPerProcess = batches % worldSize == 0 || dropLast ? share : share + 1
        }
        var updatesPerEpoch: Int? = settings.stepsPerEpoch
        if updatesPerEpoch == nil, let length = batchesPerProcess {
            updatesPerEpoch = max(length / accumulation + (length % accumulation > 0 ? 1 : 0), 1)
        }
        if let length = batchesPerProcess, length == 0 {
            throw Diagnostic("dataset_size gives 0 batches per process (batch \(batch), world size \(worldSize)\(dropLast ? ", dataloader_drop_last" : "")); the Trainer would have nothing to train on",
                             at: args.value("dataset_size")?.origin ?? args.origin)
        }
        let total: Int
        if maxSteps > 0 {
            total = maxSteps
            // A full dump (training_args.json) always holds num_train_epochs, usually the default 3.0: only a chosen one surprises.
            if let epochsValue = args.value("num_train_epochs"), epochs != 3.0 || args.keys.count < 30 {
                traps.append(Diagnostic("max_steps \(maxSteps) overrides num_train_epochs \(epochsText): the schedule is planned for \(maxSteps) updates"
                                        + (updatesPerEpoch.flatMap { upe in (try? ConfigValues.count((epochs * Double(upe)).rounded(.up), what: "", at: args.origin)).map { ", not \($0)" } } ?? ""),
                                        at: epochsValue.origin.naming(nil)))
            }
        } else {
            guard let updatesPerEpoch else {
                throw Diagnostic("num_train_epochs \(epochsText) counts epochs: give the optimizer updates per epoch (after gradient accumulation) with --steps-per-epoch K, or the number of training examples with --set dataset_size=N (and --set world_size=P)",
                                 at: args.value("num_train_epochs")?.origin ?? args.origin)
            }
            total = try ConfigValues.count((epochs * Double(updatesPerEpoch)).rounded(.up), what: "num_train_epochs × updates per epoch",
                                           at: args.value("num_train_epochs")?.origin ?? args.origin)
        }
        guard total >= 1 else {
            throw Diagnostic("the Trainer would run \(total) optimizer updates (num_train_epochs \(PyFormat.repr(epochs)), max_steps \(maxSteps))", at: args.origin)
        }

        // Warm-up (TrainingArguments.get_warmup_steps).
        let warmupSteps = try ConfigValues.count(warmup >= 1 ? warmup.rounded(.towardZero) : (Double(total) * warmup).rounded(.up), what: "warmup_steps",
                                                 at: warmupValue?.origin ?? args.origin)
        if let origin = warmupValue?.origin {
            if warmup > 0 && warmup < 1 {
                let exact = Double(total) * warmup
                if exact.rounded(.up) != exact {
                    traps.append(Diagnostic("warmup_steps \(PyFormat.repr(warmup)) is a ratio and rounds up: ceil(\(total) × \(PyFormat.repr(warmup))) = \(warmupSteps) warm-up updates, not \(PyFormat.repr(PyFormat.roundToDigits(exact, 2)))",
                                            at: origin))
                }
            } else if warmup >= 1 && warmup.rounded(.down) != warmup {
                traps.append(Diagnostic("warmup_steps \(PyFormat.repr(warmup)) counts updates and is truncated: \(warmupSteps) warm-up updates", at: origin))
            } else if warmup == 1, case .number(_, integer: nil) = warmupValue?.literal ?? .none {
                traps.append(Diagnostic("warmup_steps 1.0 is one update, not the whole run (a ratio must be below 1)", at: origin))
            }
        }
        if warmup >= 1 && accumulation > 1, let origin = warmupValue?.origin {
            // huggingface/transformers#18436: warm-up "steps" are optimizer updates, not batches.
            traps.append(Diagnostic("warmup_steps \(warmupValue?.text ?? "") counts optimizer updates: with gradient_accumulation_steps \(accumulation) the warm-up is \(warmupSteps * accumulation) batches per process",
                                    at: origin))
        }
        if warmupSteps > total {
            traps.append(Diagnostic("the warm-up (\(warmupSteps) updates) is longer than the run (\(total) updates)", at: warmupValue?.origin ?? args.origin))
        }
        let shared: Set<String> = ["linear", "cosine", "cosine_with_restarts", "polynomial", "constant_with_warmup", "cosine_with_min_lr"]
        if warmupSteps > 0 && shared.contains(type) {
            traps.append(Diagnostic("the first update uses lr 0: '\(type)' warms up from factor 0/\(warmupSteps) at step 0, so one update of \(total) is wasted",
                                    at: (warmupValue?.origin ?? args.origin).naming(nil)))
        }

        // Scheduler kwargs.
        let kwargs = try schedulerKwargs(args)
        if !kwargs.isEmpty, type == "constant" || type == "constant_with_warmup", let origin = args.value("lr_scheduler_kwargs")?.origin {
            traps.append(Diagnostic("lr_scheduler_kwargs is ignored: get_scheduler passes no kwargs to '\(type)'", at: origin))
        }

        let origin = typeValue?.origin ?? args.origin
        func arg(_ literal: Literal, _ text: String, _ at: Origin?) -> SourceValue { SourceValue(literal, text: text, origin: at ?? origin) }
        var keywords = [CallValue.Keyword("num_warmup_steps", arg(.number(Double(warmupSteps), integer: warmupSteps), "\(warmupSteps)", warmupValue?.origin.naming("warmup_steps"))),
                        CallValue.Keyword("num_training_steps", arg(.number(Double(total), integer: total), "\(total)", args.value("max_steps", "num_train_epochs")?.origin))]
        if !kwargs.isEmpty {
            let dict = CallValue(callee: "dict", keywords: kwargs, form: .python, origin: origin, text: "lr_scheduler_kwargs")
            keywords.append(CallValue.Keyword("scheduler_specific_kwargs", arg(.call(dict), "lr_scheduler_kwargs", args.value("lr_scheduler_kwargs")?.origin)))
        }
        let call = CallValue(callee: "get_scheduler", positional: [arg(.string(type), "'\(type)'", typeValue?.origin)], keywords: keywords,
                             form: .python, origin: origin, text: "get_scheduler('\(type)', …)")

        var adam = AdamSettings()
        let beta1 = try args.real("adam_beta1") ?? 0.9, beta2 = try args.real("adam_beta2") ?? 0.999
        adam.betas = (beta1, beta2)
        adam.eps = try args.real("adam_epsilon") ?? 1e-8

        var run = ConfigRun(call: call, lrs: [learningRate], adam: adam, updates: total, stepsPerEpoch: updatesPerEpoch)
        run.traps = traps
        run.warnings = warnings
        run.derived = [DerivedNumber("total updates", "\(total)"), DerivedNumber("warm-up updates", "\(warmupSteps)")]
            + (updatesPerEpoch.map { [DerivedNumber("updates/epoch", "\($0)")] } ?? [])
            + [DerivedNumber("lr", PyFormat.repr(learningRate))]
        return run
    }

    /// `lr_scheduler_kwargs`: a mapping, or a JSON string starting with `{` (read as
    /// `TrainingArguments.__post_init__` reads it: `json.loads`, then `_convert_str_dict`).
    static func schedulerKwargs(_ args: HFArguments) throws(Diagnostic) -> [CallValue.Keyword] {
        guard let value = args.value("lr_scheduler_kwargs"), !value.isNone else { return [] }
        switch value.literal {
        case .mapping(let keywords):
            // A dict from YAML reaches the schedule function as loaded: PyYAML's '1e-5' stays a string, and the function fails on it.
            if args.document.format == .yaml {
                for keyword in keywords {
                    if case .string(let text) = keyword.value.literal, PythonConversions.float(text) != nil {
                        throw Diagnostic("lr_scheduler_kwargs.\(keyword.name) is the string '\(text)' (PyYAML reads \(text) as a string: YAML 1.1 floats need a dot and a signed exponent, e.g. \(args.suggestedFloat(text))); transformers' schedule function fails on it (TypeError)",
                                         at: keyword.value.origin.naming(nil))
                    }
                }
            }
            return keywords
        case .string(let text):
            guard text.hasPrefix("{") else {
                throw Diagnostic("lr_scheduler_kwargs '\(text)' is not a dict; TrainingArguments reads a string only when it starts with '{' (a JSON object)", at: value.origin)
            }
            guard let parsed = try? YAMLSource.read(text, path: value.origin.file ?? "lr_scheduler_kwargs", rules: .json),
                  case .mapping(let keywords) = parsed.literal else {
                throw Diagnostic("'\(text)' is not a JSON object (json.loads fails on it)", at: value.origin)
            }
            return keywords.map { keyword in
                var item = keyword
                item.value.origin = value.origin.naming("lr_scheduler_kwargs.\(keyword.name)")
                if case .string(let s) = keyword.value.literal {
                    if s.lowercased() == "true" || s.lowercased() == "false" {
                        item.value.literal = .bool(s.lowercased() == "true")
                    } else if !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(s) {
                        item.value.literal = .number(Double(n), integer: n)
                    } else if let dot = s.firstIndex(of: "."), s.replacingCharacters(in: dot...dot, with: "").allSatisfy({ $0.isASCII && $0.isNumber }),
                              s.count > 1, let x = Double(s) {
                        item.value.literal = .number(x, integer: nil)
                    }
                }
                return item
            }
        default:
            throw Diagnostic("lr_scheduler_kwargs must be a dict (or a JSON string of one), got '\(value.text)'", at: value.origin)
        }
    }
}

/// The document's values as TrainingArguments receives them: from JSON/YAML the types as loaded
/// (a string where a number belongs fails in the Trainer, so it is an error here); from a
/// command line HfArgumentParser's `type=` conversions.
struct HFArguments {
    let values: ConfigValues
    let keys: [CallValue.Keyword]
    let document: ConfigDocument

    init(_ document: ConfigDocument) throws(Diagnostic) {
        self.document = document
        values = ConfigValues(document)
        keys = values.keywords.map { CallValue.Keyword(HFTrainingArgumentsReader.normalized($0.name, document), $0.value) }
    }

    var origin: Origin { values.origin }

    func value(_ names: String...) -> SourceValue? {
        for name in names { if let v = keys.last(where: { $0.name == name })?.value { return v } }
        return nil
    }

    /// A float field. A string in JSON or YAML is what PyYAML makes of `3e-4`; the Trainer then fails.
    func real(_ name: String) throws(Diagnostic) -> Double? {
        guard let v = value(name), !v.isNone else { return nil }
        if case .string(let s) = v.literal, !values.isCommandLine {
            do {
                let hint = document.format == .yaml && PythonConversions.float(s) != nil
                    ? " (PyYAML reads \(s) as a string: YAML 1.1 floats need a dot and a signed exponent, e.g. \(suggestedFloat(s)))" : ""
                throw Diagnostic("\(name) is the string '\(s)'\(hint); transformers' Trainer fails on it (TypeError: '<=' not supported between instances of 'float' and 'str')",
                                 at: v.origin)
            }
        }
        return try ConfigValues.real(v, strings: values.isCommandLine, what: name)
    }

    /// An int field (a whole float from JSON is accepted, as Python's arithmetic would).
    func integer(_ name: String) throws(Diagnostic) -> Int? {
        guard let v = value(name), !v.isNone else { return nil }
        if case .number(let x, nil) = v.literal, x.rounded() == x, abs(x) < 9e15 { return Int(x) }
        if case .string(let s) = v.literal, !values.isCommandLine {
            throw Diagnostic("\(name) is the string '\(s)'; transformers' Trainer expects an int", at: v.origin)
        }
        return try ConfigValues.integer(v, strings: values.isCommandLine, what: name)
    }

    /// A bool field (`--flag`, `--flag false`, true/false).
    func bool(_ name: String) throws(Diagnostic) -> Bool? {
        guard let v = value(name), !v.isNone else { return nil }
        if case .string(let s) = v.literal, !values.isCommandLine { return !s.isEmpty }  // Python truthiness of a str
        return try ConfigValues.bool(v, what: name)
    }

    /// `3e-4` → `3.0e-4`, the YAML 1.1 spelling PyYAML reads as a float.
    func suggestedFloat(_ s: String) -> String {
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return s.contains(".") ? s : s + ".0" }
        var mantissa = String(s[..<e]), exponent = String(s[s.index(after: e)...])
        if !mantissa.contains(".") { mantissa += ".0" }
        if !exponent.hasPrefix("-") && !exponent.hasPrefix("+") { exponent = "+" + exponent }
        return mantissa + "e" + exponent
    }
}

