import LRPlotEngine

/// timm's `train.py` (contract 8.2): its `args.yaml` (the parsed arguments it dumps, or a
/// `--config` file: `parser.set_defaults(**yaml.safe_load(f))`, so argparse's `type=` converts
/// string values such as PyYAML's `'3e-4'`) or its command line. `train.py`'s defaults apply to
/// every key not given (not the scheduler classes' defaults), then `scheduler_kwargs` and
/// `create_scheduler_v2` decide the `timm.*` call. Stepped as `train.py` steps it: per epoch
/// (rows are epochs) or, with `sched_on_updates`, per optimizer update (`--steps-per-epoch K`,
/// the updates per epoch after gradient accumulation).
enum TimmTrainReader: ConfigReader {
    static let kind = "timm train.py"

    /// Keys only timm's train.py has.
    static let distinctive: Set<String> = ["sched", "sched_on_updates", "lr_base", "lr_base_size", "lr_base_scale", "decay_epochs",
                                           "decay_milestones", "lr_cycle_mul", "lr_cycle_decay", "lr_cycle_limit", "lr_k_decay",
                                           "warmup_lr", "lr_noise", "warmup_prefix", "cooldown_epochs"]

    static func recognizes(_ document: ConfigDocument) -> Bool {
        guard document.format != .python, case .mapping(let keywords) = document.root.literal else { return false }
        let names = Set(keywords.map { normalized($0.name, document) })
        if names.contains("lr0") || names.contains("lrf") { return false }  // Ultralytics
        if !names.isDisjoint(with: distinctive) { return true }
        let script = ConfigValues(document).value("_command").map { command -> Bool in
            guard case .list(let words) = command.literal else { return false }
            return words.contains { $0.text.hasSuffix("train.py") || $0.text.hasSuffix("distributed_train.sh") }
        } ?? false
        return script && !names.isDisjoint(with: ["lr", "epochs", "opt", "model", "warmup_epochs"])
    }

    /// argparse's dest: `--warmup-epochs` is `warmup_epochs`; `-b` is `batch_size`.
    static func normalized(_ name: String, _ document: ConfigDocument) -> String {
        guard document.format == .commandLine else { return name }
        let aliases = ["b": "batch_size", "dr": "decay_rate", "j": "workers", "d": "dataset", "c": "config", "vb": "validation_batch_size"]
        return aliases[name] ?? name.replacing("-", with: "_")
    }

    /// train.py's defaults for the keys the schedule reads (huggingface/pytorch-image-models train.py).
    static let defaults: [String: Literal] = [
        "sched": .string("cosine"), "sched_on_updates": .bool(false), "lr": .none, "lr_base": .number(0.1, integer: nil),
        "lr_base_size": .number(256, integer: 256), "lr_base_scale": .string(""), "warmup_lr": .number(1e-5, integer: nil),
        "min_lr": .number(0, integer: nil), "epochs": .number(300, integer: 300), "warmup_epochs": .number(5, integer: 5),
        "warmup_prefix": .bool(false), "cooldown_epochs": .number(0, integer: 0), "decay_epochs": .number(90, integer: nil),
        "decay_milestones": .list([90, 180, 270].map { SourceValue(.number(Double($0), integer: $0), text: "\($0)", origin: Origin(subject: "decay_milestones")) }),
        "decay_rate": .number(0.1, integer: nil), "lr_cycle_mul": .number(1.0, integer: nil), "lr_cycle_decay": .number(0.5, integer: nil),
        "lr_cycle_limit": .number(1, integer: 1), "lr_k_decay": .number(1.0, integer: nil), "lr_noise": .none,
        "batch_size": .number(128, integer: 128), "grad_accum_steps": .number(1, integer: 1), "opt": .string("sgd"),
        "patience_epochs": .number(10, integer: 10),
    ]

    /// Keys that look like schedule settings: one of them that train.py does not have is named in a warning.
    static let known: Set<String> = Set(defaults.keys).union(["lr_noise_pct", "lr_noise_std", "seed", "lr_decay_fn", "lr_stable_timescale",
                                                             "eval_metric", "world_size", "start_epoch", "resume", "layer_decay",
                                                             "opt_eps", "opt_betas", "momentum", "weight_decay", "epoch_repeats",
                                                             "warmup_lr_init", "mixup_off_epoch", "lr_mul", "model_ema_decay",
                                                             "model_ema_warmup", "clip_grad", "clip_mode", "decay_t"])

    static func read(_ document: ConfigDocument, settings: ConfigSettings) throws(Diagnostic) -> ConfigRun {
        let args = TimmArguments(document)
        var traps: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        let unknown = args.keys.filter { key in
            !known.contains(key.name) && !key.name.hasPrefix("_")
                && ["lr", "sched", "warmup", "decay", "epoch", "cycle", "cooldown"].contains { key.name.contains($0) }
        }
        if !unknown.isEmpty {
            warnings.append(Diagnostic("\(unknown.count == 1 ? "key" : "keys") \(unknown.map { "'\($0.name)'" }.joined(separator: ", ")) \(unknown.count == 1 ? "is" : "are") not a train.py schedule setting (ignored)",
                                       at: unknown[0].value.origin.naming(nil)))
        }
        // What lrplot cannot honour.
        if let noise = args.given("lr_noise"), !noise.isNone {
            throw Diagnostic("lr_noise: timm draws its noise with torch's generator, which lrplot does not reproduce bit for bit; remove lr_noise (or --set lr_noise=None) to draw the schedule without it",
                             at: noise.origin)
        }
        if let layer = args.given("layer_decay"), !layer.isNone {
            throw Diagnostic("layer_decay: timm scales each layer's lr (lr_scale per param group), which needs the model's layers; lrplot cannot draw it", at: layer.origin)
        }
        for key in ["start_epoch", "resume"] {
            if let value = args.given(key), !value.isNone, value.text != "", value.text != "0" {
                throw Diagnostic("\(key): a resumed run starts mid-schedule; lrplot draws the schedule from epoch 0 (remove \(key))", at: value.origin)
            }
        }

        let sched = try args.string("sched")
        let onUpdates = try args.bool("sched_on_updates")
        let epochs = try args.integer("epochs")
        let warmupEpochs = try args.integer("warmup_epochs")
        let warmupPrefix = try args.bool("warmup_prefix")
        let cooldownEpochs = try args.integer("cooldown_epochs")
        let decayRate = try args.real("decay_rate")
        let minLR = try args.real("min_lr")
        let warmupLR = try args.real("warmup_lr")
        let cycleMul = try args.real("lr_cycle_mul"), cycleDecay = try args.real("lr_cycle_decay"), cycleLimit = try args.integer("lr_cycle_limit")
        let kDecay = try args.real("lr_k_decay")

        // The lr: given, or scaled from lr_base by the global batch (train.py).
        let lr: Double
        var lrText: String
        if let given = args.given("lr"), !given.isNone {
            lr = try args.real("lr")
            lrText = PyFormat.repr(lr)
            guard lr.isFinite && lr >= 0 else { throw Diagnostic("Invalid learning rate: \(lrText) (torch's optimizer needs a finite lr ≥ 0)", at: given.origin) }
        } else {
            let batch = try args.integer("batch_size"), accumulation = try args.integer("grad_accum_steps")
            let lrBase = try args.real("lr_base"), baseSize = try args.integer("lr_base_size")
            var scale = try args.string("lr_base_scale")
            let worldGiven = args.given("world_size")
            let world = worldGiven == nil ? 1 : try args.integer("world_size")
            guard world >= 1 && world <= 1_000_000 else { throw Diagnostic("world_size must be from 1 to 1000000 (got \(world))", at: worldGiven?.origin ?? args.origin) }
            guard batch >= 1 && batch <= 1_000_000_000, accumulation >= 1 && accumulation <= 1_000_000_000 else {
                throw Diagnostic("batch_size and grad_accum_steps must be at least 1 (got \(batch) and \(accumulation))", at: args.given("batch_size")?.origin ?? args.origin)
            }
            guard baseSize != 0 else { throw Diagnostic("lr_base_size is 0 (train.py divides by it)", at: args.given("lr_base_size")?.origin ?? args.origin) }
            let globalBatch = batch * world * accumulation
            var ratio = Double(globalBatch) / Double(baseSize)
            if scale.isEmpty {
                let optimizer = try args.string("opt").lowercased()
                scale = optimizer.contains("ada") || optimizer.contains("lamb") ? "sqrt" : "linear"
            }
            if scale == "sqrt" { ratio = ratio.squareRoot() }
            lr = lrBase * ratio
            lrText = PyFormat.repr(lr)
            guard lr.isFinite && lr >= 0 else {
                throw Diagnostic("lr_base scaling gives the lr \(lrText); torch's optimizer needs a finite lr ≥ 0", at: args.given("lr_base")?.origin ?? args.origin)
            }
            let formula = "lr_base \(PyFormat.repr(lrBase)) × \(scale == "sqrt" ? "sqrt" : "")(\(batch)·\(world)·\(accumulation) / \(baseSize)) = \(lrText)"
            traps.append(Diagnostic("lr is null: train.py derives it from the global batch, \(formula)"
                                    + (worldGiven == nil ? "; the world size is not in the config: 1 assumed (give --set world_size=N)" : ""),
                                    at: args.given("lr")?.origin ?? args.origin))
        }

        // Units: epochs, or updates (create_scheduler_v2's step_on_epochs=False).
        var k = 1
        if onUpdates {
            guard let perEpoch = settings.stepsPerEpoch else {
                throw Diagnostic("sched_on_updates steps the schedule per optimizer update: give the updates per epoch (after gradient accumulation) with --steps-per-epoch K",
                                 at: args.given("sched_on_updates")?.origin ?? args.origin)
            }
            k = perEpoch
        }
        // Per epoch with the updates per epoch known: rows are updates, each epoch's lr held for its updates.
        let held = onUpdates ? 1 : settings.stepsPerEpoch ?? 1
        guard epochs >= 1 && epochs <= 1_000_000_000 else {
            throw Diagnostic("epochs must be from 1 to 1000000000 (got \(epochs))", at: args.given("epochs")?.origin ?? args.origin)
        }
        guard cooldownEpochs >= 0 && cooldownEpochs <= 1_000_000_000 else {
            throw Diagnostic("cooldown_epochs must be from 0 to 1000000000 (got \(cooldownEpochs))", at: args.given("cooldown_epochs")?.origin ?? args.origin)
        }
        guard cycleLimit <= 1_000_000 else { throw Diagnostic("lr_cycle_limit \(cycleLimit) is too large", at: args.given("lr_cycle_limit")?.origin ?? args.origin) }
        guard warmupEpochs <= 1_000_000_000 else { throw Diagnostic("warmup_epochs \(warmupEpochs) is too large", at: args.given("warmup_epochs")?.origin ?? args.origin) }
        guard warmupEpochs >= 0 else { throw Diagnostic("warmup_epochs must be ≥ 0 (got \(warmupEpochs))", at: args.given("warmup_epochs")?.origin ?? args.origin) }
        let tInitial = epochs * k, warmupT = warmupEpochs * k, cooldownT = cooldownEpochs * k

        let origin = args.given("sched")?.origin ?? args.origin
        var keywords: [CallValue.Keyword] = []
        func add(_ name: String, _ literal: Literal, _ key: String?) {
            let at = key.flatMap { args.given($0)?.origin } ?? origin.naming(key ?? name)
            keywords.append(CallValue.Keyword(name, SourceValue(literal, text: text(literal), origin: at)))
        }
        func addWarmup(prefix: Bool = true) {
            add("warmup_lr_init", .number(warmupLR, integer: nil), "warmup_lr")
            add("warmup_t", .number(Double(warmupT), integer: warmupT), "warmup_epochs")
            if prefix { add("warmup_prefix", .bool(warmupPrefix), "warmup_prefix") }
        }
        func addCycles() {
            add("t_initial", .number(Double(tInitial), integer: tInitial), "epochs")
            add("lr_min", .number(minLR, integer: nil), "min_lr")
            add("cycle_mul", .number(cycleMul, integer: nil), "lr_cycle_mul")
            add("cycle_decay", .number(cycleDecay, integer: nil), "lr_cycle_decay")
            add("cycle_limit", .number(Double(cycleLimit), integer: cycleLimit), "lr_cycle_limit")
        }
        let callee: String
        var scheduleEpochs: Int
        switch sched {
        case "cosine", "tanh", "poly":
            callee = "timm." + sched
            addCycles()
            addWarmup()
            if sched == "poly" { add("power", .number(decayRate, integer: nil), "decay_rate") }
            if sched != "tanh" { add("k_decay", .number(kDecay, integer: nil), "lr_k_decay") }
            // get_cycle_length() + cooldown (create_scheduler_v2).
            let cycles = max(1, cycleLimit)
            let (product, overflow) = tInitial.multipliedReportingOverflow(by: cycles)
            guard !overflow else { throw Diagnostic("lr_cycle_limit \(cycleLimit) × epochs is too large", at: args.given("lr_cycle_limit")?.origin ?? origin) }
            var length = cycleMul == 1 ? product
                : try ConfigValues.count((-Double(tInitial) * (PyMathPower.pow(cycleMul, Double(cycles)) - 1) / (1 - cycleMul)).rounded(.down),
                                         what: "the cycles' length", at: args.given("lr_cycle_mul")?.origin ?? origin)
            if warmupPrefix { length += warmupT }
            scheduleEpochs = onUpdates ? (length + cooldownT) / k : length + cooldownT
        case "step", "constant":
            callee = "timm.step"
            if sched == "step" {
                let decay = try args.real("decay_epochs")
                add("decay_t", ConfigValues.number(decay * Double(k)), "decay_epochs")
                add("decay_rate", .number(decayRate, integer: nil), "decay_rate")
            } else {
                add("decay_t", .number(1, integer: 1), nil)
                add("decay_rate", .number(1.0, integer: nil), nil)
            }
            addWarmup()
            scheduleEpochs = epochs + (warmupPrefix ? warmupEpochs : 0)
        case "multistep":
            callee = "timm.multistep"
            let given = try args.integers("decay_milestones")
            guard given.allSatisfy({ abs($0) <= 1_000_000_000 }) else {
                throw Diagnostic("decay_milestones must be epochs up to 1000000000", at: args.given("decay_milestones")?.origin ?? origin)
            }
            let milestones = given.map { $0 * k }
            add("decay_t", .list(milestones.map { SourceValue(.number(Double($0), integer: $0), text: "\($0)", origin: args.given("decay_milestones")?.origin ?? origin) }),
                "decay_milestones")
            add("decay_rate", .number(decayRate, integer: nil), "decay_rate")
            addWarmup()
            scheduleEpochs = epochs + (warmupPrefix ? warmupEpochs : 0)
        case "wsd", "rsqrt":
            callee = "timm.wsd"
            let tSched = warmupPrefix ? tInitial : tInitial - warmupT
            let decayGiven = args.given("decay_epochs")
            let decay = decayGiven == nil ? 0.2 : try args.real("decay_epochs")
            var decayT = decay * Double(k)
            if decay > 0 && decay < 1 { decayT = decay * Double(tSched) }
            let rounded = try ConfigValues.count(decayT.rounded(.toNearestOrEven), what: "decay_epochs", at: decayGiven?.origin ?? origin)
            guard rounded > 0 && rounded <= tSched else {
                throw Diagnostic("\(sched) schedule requires 0 < decay_epochs <= epochs\(warmupPrefix ? "" : " - warmup_epochs"), got decay \(rounded) and stable + decay length \(tSched).",
                                 at: decayGiven?.origin ?? origin)
            }
            add("t_initial", .number(Double(tSched), integer: tSched), "epochs")
            add("decay_t", .number(Double(rounded), integer: rounded), "decay_epochs")
            add("lr_min", .number(minLR, integer: nil), "min_lr")
            add("stable_fn", .string(sched == "rsqrt" ? "rsqrt" : "constant"), "sched")
            if let timescale = args.given("lr_stable_timescale"), !timescale.isNone {
                add("stable_timescale", .number(try args.real("lr_stable_timescale") * Double(k), integer: nil), "lr_stable_timescale")
            }
            let decayFn = args.given("lr_decay_fn").flatMap { $0.isNone ? nil : $0 }
            add("decay_fn", .string(try decayFn.map { (v) throws(Diagnostic) in try ConfigValues.string(v, what: "lr_decay_fn") } ?? (sched == "rsqrt" ? "linear" : "1-sqrt")), "lr_decay_fn")
            addWarmup(prefix: false)
            // WSDLRScheduler.get_cycle_length() = warmup_t + t_initial, plus the cooldown.
            scheduleEpochs = onUpdates ? (warmupT + tSched + cooldownT) / k : warmupT + tSched + cooldownT
        case "plateau":
            throw Diagnostic("sched plateau steps with the evaluation metric of each epoch, which a config does not record; lrplot cannot draw it from the config (use 'lrplot timm.plateau --metrics …')",
                             at: origin)
        case "none":
            throw Diagnostic("sched none: train.py uses no scheduler, so the lr stays at \(lrText) for the whole run", at: origin)
        default:
            throw Diagnostic("Unknown scheduler '\(sched)'.\(Suggestion.didYouMean(sched, in: ["cosine", "tanh", "step", "multistep", "poly", "wsd", "rsqrt", "constant", "plateau", "none"]))",
                             at: origin)
        }
        let (rows, overflow) = scheduleEpochs.multipliedReportingOverflow(by: k * held)
        guard !overflow, rows >= 1, rows <= ConfigValues.largestCount else {
            throw Diagnostic("the run comes to \(scheduleEpochs) epochs × \(k) updates, which lrplot cannot simulate", at: origin)
        }

        // train.py's defaults in effect that differ from the scheduler class's.
        var implicit: [String] = []
        func note(_ key: String, _ trainText: String, _ classText: String) { if args.given(key) == nil { implicit.append("\(key) \(trainText) (class: \(classText))") } }
        note("warmup_epochs", "\(warmupEpochs)", "warmup_t 0")
        if warmupEpochs > 0 { note("warmup_lr", PyFormat.repr(warmupLR), "warmup_lr_init 0") }
        if sched == "step" || sched == "multistep" || sched == "constant" { note("warmup_prefix", "False", "True") }
        if sched == "step" || sched == "multistep" { note("decay_rate", PyFormat.repr(decayRate), "decay_rate 1.0") }
        if sched == "poly" { note("decay_rate", PyFormat.repr(decayRate), "power 0.5") }
        if ["cosine", "tanh", "poly"].contains(sched) && cycleLimit > 1 { note("lr_cycle_decay", PyFormat.repr(cycleDecay), "cycle_decay 1.0") }
        if !implicit.isEmpty {
            var message = "train.py's defaults apply, not the scheduler class's: " + implicit.joined(separator: ", ")
            if sched == "step" && warmupT > 0 && !warmupPrefix, let offBy = stepPrefixDifference(decayT: try args.real("decay_epochs") * Double(k), rate: decayRate, warmupT: warmupT, rows: rows) {
                message += "; with StepLRScheduler's own warmup_prefix=True the lr would be up to \(offBy) higher"
            }
            traps.append(Diagnostic(message, at: args.origin))
        }

        if warmupT > 0 && !warmupPrefix && ["cosine", "tanh", "poly"].contains(sched) {
            traps.append(Diagnostic("warmup_prefix is False: the warm-up counts in the \(sched) curve, so the lr stays below \(lrText)",
                                    at: args.given("warmup_prefix")?.origin ?? args.given("warmup_epochs")?.origin ?? args.origin))
        }

        var run = ConfigRun(call: CallValue(callee: callee, keywords: keywords, form: .python, origin: origin, text: "create_scheduler_v2(sched='\(sched)', …)"),
                            lrs: [lr], updates: rows, stepsPerEpoch: onUpdates ? k : held > 1 ? held : nil)
        run.updatesPerStep = held
        run.traps = traps
        run.warnings = warnings
        run.derived = (onUpdates || held > 1 ? [DerivedNumber("total updates", "\(rows)")] : [])
            + (onUpdates ? [] : [DerivedNumber("epochs", "\(scheduleEpochs)")])
            + (warmupT > 0 ? [DerivedNumber(onUpdates ? "warm-up updates" : "warm-up epochs", "\(warmupT)")] : [])
            + (onUpdates ? [DerivedNumber("updates/epoch", "\(k)")]
               : [DerivedNumber("stepped", "per epoch")] + (held > 1 ? [DerivedNumber("updates/epoch", "\(held)")] : []))
            + [DerivedNumber("lr", lrText)]
        return run
    }

    /// How much higher the lr of `timm.step` gets with the class's `warmup_prefix=True` than
    /// train.py's `False` (both after the warm-up), as a percentage text; nil when never.
    static func stepPrefixDifference(decayT: Double, rate: Double, warmupT: Int, rows: Int) -> String? {
        guard decayT > 0, rate > 0, rate < 1 else { return nil }
        var worst = 1.0
        for t in warmupT..<max(warmupT, min(rows, 2_000_000)) {
            let real = (Double(t) / decayT).rounded(.down), hand = (Double(t - warmupT) / decayT).rounded(.down)
            worst = max(worst, PyMathPower.pow(rate, hand - real))
        }
        guard worst > 1 else { return nil }
        return PyFormat.repr(PyFormat.roundToDigits((worst - 1) * 100, 1)) + "%"
    }

    private static func text(_ literal: Literal) -> String {
        switch literal {
        case .number(let x, let n): return n.map(String.init) ?? PyFormat.repr(x)
        case .bool(let b): return b ? "True" : "False"
        case .string(let s): return "'\(s)'"
        case .list(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        default: return ""
        }
    }
}

/// `pow` as Python's `**` on floats (libm's, as CPython calls it).
enum PyMathPower {
    static func pow(_ x: Double, _ y: Double) -> Double { LRPlotEngine.pow(x, y) }
}

/// The config's values as train.py's argparse leaves them: given keys converted with each
/// argument's `type=` (also string values from YAML: argparse converts string defaults), else
/// train.py's defaults.
struct TimmArguments {
    let values: ConfigValues
    let keys: [CallValue.Keyword]

    init(_ document: ConfigDocument) {
        values = ConfigValues(document)
        keys = values.keywords.map { CallValue.Keyword(TimmTrainReader.normalized($0.name, document), $0.value) }
    }

    var origin: Origin { values.origin }

    /// The value given for `key`, if any.
    func given(_ key: String) -> SourceValue? { keys.last { $0.name == key }?.value }

    private func value(_ key: String) -> SourceValue {
        given(key) ?? SourceValue(TimmTrainReader.defaults[key] ?? .none, text: "", origin: origin.naming(key))
    }

    func real(_ key: String) throws(Diagnostic) -> Double { try ConfigValues.real(value(key), strings: true, what: key) }
    func integer(_ key: String) throws(Diagnostic) -> Int {
        let v = value(key)
        if case .number(let x, nil) = v.literal, x.rounded() == x { return Int(x) }
        return try ConfigValues.integer(v, strings: true, what: key)
    }
    func string(_ key: String) throws(Diagnostic) -> String {
        let v = value(key)
        if case .none = v.literal { return "" }
        return try ConfigValues.string(v, what: key)
    }
    func bool(_ key: String) throws(Diagnostic) -> Bool { try ConfigValues.bool(value(key), what: key) }
    func integers(_ key: String) throws(Diagnostic) -> [Int] {
        let v = value(key)
        switch v.literal {
        case .list(let items):
            var result: [Int] = []
            for item in items { result.append(try ConfigValues.integer(item, strings: true, what: key)) }
            return result
        default: return [try ConfigValues.integer(v, strings: true, what: key)]
        }
    }
}
