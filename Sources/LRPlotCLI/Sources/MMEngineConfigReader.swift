import Foundation
import LRPlotEngine

/// An OpenMMLab / MMEngine 0.10.7 config (a `.py` evaluated to its globals, `_base_` already merged
/// with ``MMEngineConfigMerge``): `param_scheduler` becomes the call of `mmengine.param-scheduler`
/// with each entry as its `dict(type=…)` child, built as `Runner.build_param_scheduler` builds it (a
/// missing `end` is `max_epochs` for by-epoch schedulers, else `max_iters`); `train_cfg` gives the
/// loop and the run length, `optim_wrapper.optimizer` the lr and Adam's settings, and the updates
/// per epoch (`len(train_dataloader)`) come from `--steps-per-epoch` or `--set dataset_size=N`.
public enum MMEngineConfigReader: ConfigReader {
    public static let kind = "MMEngine config"

    public static func recognizes(_ document: ConfigDocument) -> Bool {
        guard document.format == .python, let root = MMEngineTree.mapping(document.root) else { return false }
        return root.contains { $0.name == "param_scheduler" } || (root.contains { $0.name == "optim_wrapper" } && root.contains { $0.name == "train_cfg" })
    }

    public static func read(_ document: ConfigDocument, settings: ConfigSettings) throws(Diagnostic) -> ConfigRun {
        guard let parsed = MMEngineTree.mapping(document.root) else {
            throw Diagnostic("an MMEngine config must evaluate to its module's globals", at: document.root.origin)
        }
        var unknown: [Diagnostic] = []
        let root = try MMEngineOverrides.apply(settings.overrides, to: parsed, unknown: &unknown)
        var reading = try MMEngineReading(root: root, settings: settings, origin: document.root.origin)
        reading.warnings = unknown
        return try reading.run()
    }
}

/// The state of reading one MMEngine config.
struct MMEngineReading {
    let root: [CallValue.Keyword]
    let settings: ConfigSettings
    let origin: Origin
    var warnings: [Diagnostic] = []
    var traps: [Diagnostic] = []
    var derived: [DerivedNumber] = []

    init(root: [CallValue.Keyword], settings: ConfigSettings, origin: Origin) throws(Diagnostic) {
        self.root = root
        self.settings = settings
        self.origin = origin
        if MMEngineTree.value("param_scheduler", in: root) == nil, let old = MMEngineTree.value("lr_config", in: root) {
            throw Diagnostic("lr_config is an MMCV 1.x schedule; lrplot reads MMEngine's param_scheduler (convert the config with the OpenMMLab migration guide)",
                             at: old.origin.naming("lr_config"))
        }
    }

    /// The train loop of `train_cfg`, as `Runner.build_train_loop` builds it.
    struct Loop {
        var epochBased: Bool
        var maxEpochs: Int?
        var maxIters: Int?
        var origin: Origin
    }

    mutating func run() throws(Diagnostic) -> ConfigRun {
        let loop = try readLoop()
        let optimizer = try readOptimizer()
        let schedulerEntries = try readSchedulerEntries()
        let needsLength = loop.epochBased || schedulerEntries.contains { MMEngineTree.value("convert_to_iter_based", in: $0.entries).map(MMEngineTree.isTrue) ?? false }
        let epochLength = try readEpochLength(required: needsLength)

        // The run length in iterations (= optimizer updates).
        var updates: Int?
        if loop.epochBased, let epochs = loop.maxEpochs, let length = epochLength {
            let (product, overflow) = epochs.multipliedReportingOverflow(by: length)
            guard !overflow, product <= 1 << 40 else {
                throw Diagnostic("train_cfg.max_epochs × \(length) updates per epoch is too many updates", at: loop.origin)
            }
            updates = product
        } else if !loop.epochBased {
            updates = loop.maxIters
        }
        if let explicit = settings.epochs, updates == nil { updates = explicit }

        // Each entry as the runner builds it: the default `end`, then PARAM_SCHEDULERS.build.
        var children: [SourceValue] = []
        var bound: [(entry: SchedulerEntry, arguments: ScheduleArguments)] = []
        for entry in schedulerEntries {
            var keywords = entry.entries
            let byEpoch = MMEngineTree.value("by_epoch", in: keywords).map(MMEngineTree.isTrue) ?? true
            if MMEngineTree.value("end", in: keywords) == nil {
                let fallback = byEpoch ? loop.maxEpochs : (loop.epochBased ? loop.maxEpochs.flatMap { e in epochLength.map { e * $0 } } : loop.maxIters)
                if let fallback {
                    let subject = byEpoch ? "train_cfg.max_epochs" : (loop.epochBased ? "train_cfg.max_epochs × epoch length" : "train_cfg.max_iters")
                    keywords.append(CallValue.Keyword("end", SourceValue(.number(Double(fallback), integer: fallback), text: "\(fallback)",
                                                                          origin: loop.origin.naming(subject))))
                }
            }
            let call = CallValue(callee: "dict", keywords: keywords, form: .python, origin: entry.origin, text: entry.text)
            var verbose = false
            bound.append((entry, try Binder.bindCall(call, verbose: &verbose)))
            children.append(SourceValue(.call(call), text: entry.text, origin: entry.origin))
        }
        let length = epochLength ?? 1
        let listCall = CallValue(callee: "mmengine.param-scheduler", keywords: [
            CallValue.Keyword("schedulers", SourceValue(.list(children), text: "param_scheduler", origin: origin.naming("param_scheduler"))),
            CallValue.Keyword("epoch_length", SourceValue(.number(Double(length), integer: length), text: "\(length)", origin: origin.naming("epoch length"))),
            CallValue.Keyword("by_epoch", SourceValue(.bool(loop.epochBased), text: loop.epochBased ? "True" : "False", origin: loop.origin)),
        ], form: .python, origin: origin.naming("param_scheduler"), text: "param_scheduler")

        for (entry, arguments) in bound {
            addTraps(entry, arguments, loop: loop, epochLength: length, updates: updates, lr: (settings.lrs ?? optimizer.lrs)?.first)
        }

        let lrs = settings.lrs ?? optimizer.lrs
        if let updates { derived.append(DerivedNumber("total updates", "\(updates)")) }
        if let epochLength { derived.append(DerivedNumber("updates per epoch", "\(epochLength)")) }
        if let warmup = warmupUpdates(bound.map(\.arguments), epochLength: length) { derived.append(DerivedNumber("warm-up updates", "\(warmup)")) }
        if let lrs { derived.append(DerivedNumber("lr", lrs.map(PyFormat.repr).joined(separator: ", "))) }

        var run = ConfigRun(call: listCall, lrs: lrs, adam: optimizer.adam, updates: updates, stepsPerEpoch: loop.epochBased ? epochLength : nil)
        run.traps = traps
        run.warnings = warnings
        run.derived = derived
        return run
    }

    // MARK: train_cfg

    mutating func readLoop() throws(Diagnostic) -> Loop {
        guard let value = MMEngineTree.value("train_cfg", in: root) else {
            // No loop: the run length comes from --epochs, one row per iteration.
            return Loop(epochBased: false, maxEpochs: nil, maxIters: settings.epochs, origin: origin.naming("--epochs"))
        }
        guard let cfg = MMEngineTree.mapping(value) else {
            throw Diagnostic("train_cfg must be a dict such as dict(by_epoch=True, max_epochs=12), got '\(value.text)'", at: value.origin.naming("train_cfg"))
        }
        let type = MMEngineTree.value("type", in: cfg)
        let byEpochValue = MMEngineTree.value("by_epoch", in: cfg)
        if type != nil && byEpochValue != nil {
            throw Diagnostic("Only one of `type` or `by_epoch` can exist in `loop_cfg`.", at: value.origin.naming("train_cfg"))
        }
        let epochBased: Bool
        if let type {
            guard case .string(let name) = type.literal, name == "EpochBasedTrainLoop" || name == "IterBasedTrainLoop" else {
                throw Diagnostic("train_cfg.type '\(type.text)' is not a loop lrplot knows (EpochBasedTrainLoop, IterBasedTrainLoop)", at: type.origin.naming("train_cfg.type"))
            }
            epochBased = name == "EpochBasedTrainLoop"
        } else if let byEpochValue {
            guard case .bool(let on) = byEpochValue.literal else {
                throw Diagnostic("train_cfg.by_epoch must be True or False, got '\(byEpochValue.text)'", at: byEpochValue.origin.naming("train_cfg.by_epoch"))
            }
            epochBased = on
        } else {
            throw Diagnostic("KeyError: 'by_epoch': train_cfg needs `type` or `by_epoch` (Runner.build_train_loop)", at: value.origin.naming("train_cfg"))
        }
        let known: Set<String> = ["type", "by_epoch", "max_epochs", "max_iters", "val_interval", "val_begin", "dynamic_intervals"]
        for entry in cfg where !known.contains(entry.name) {
            warnings.append(Diagnostic("train_cfg.\(entry.name) is not a key lrplot knows; ignored", at: entry.value.origin.naming("train_cfg.\(entry.name)")))
        }
        let maxKey = epochBased ? "max_epochs" : "max_iters"
        guard let maxValue = MMEngineTree.value(maxKey, in: cfg) else {
            if let explicit = settings.epochs, !epochBased { return Loop(epochBased: false, maxEpochs: nil, maxIters: explicit, origin: origin.naming("--epochs")) }
            throw Diagnostic("train_cfg needs \(maxKey) (\(epochBased ? "EpochBasedTrainLoop" : "IterBasedTrainLoop")'s run length)", at: value.origin.naming("train_cfg"))
        }
        guard case .number(_, let whole?) = maxValue.literal, whole > 0 else {
            throw Diagnostic("train_cfg.\(maxKey) must be a positive int, got '\(maxValue.text)'", at: maxValue.origin.naming("train_cfg.\(maxKey)"))
        }
        return epochBased
            ? Loop(epochBased: true, maxEpochs: whole, maxIters: nil, origin: maxValue.origin.naming("train_cfg.max_epochs"))
            : Loop(epochBased: false, maxEpochs: 1, maxIters: whole, origin: maxValue.origin.naming("train_cfg.max_iters"))
    }

    // MARK: optim_wrapper

    struct Optimizer {
        var lrs: [Double]?
        var adam: AdamSettings?
    }

    mutating func readOptimizer() throws(Diagnostic) -> Optimizer {
        guard let wrapperValue = MMEngineTree.value("optim_wrapper", in: root) else {
            warnings.append(Diagnostic("the config has no optim_wrapper: the lr comes from --lr", at: origin.naming("optim_wrapper")))
            return Optimizer()
        }
        guard let wrapper = MMEngineTree.mapping(wrapperValue) else {
            throw Diagnostic("optim_wrapper must be a dict such as dict(optimizer=dict(type='SGD', lr=0.02)), got '\(wrapperValue.text)'",
                             at: wrapperValue.origin.naming("optim_wrapper"))
        }
        if let counts = MMEngineTree.value("accumulative_counts", in: wrapper), case .number(let n, _) = counts.literal, n != 1 {
            throw Diagnostic("optim_wrapper.accumulative_counts=\(counts.text): MMEngine steps the schedulers every iteration but the optimizer every \(counts.text); lrplot cannot chart that yet",
                             at: counts.origin.naming("optim_wrapper.accumulative_counts"))
        }
        let knownWrapper: Set<String> = ["type", "optimizer", "clip_grad", "paramwise_cfg", "accumulative_counts", "loss_scale", "dtype", "constructor"]
        for entry in wrapper where !knownWrapper.contains(entry.name) {
            warnings.append(Diagnostic("optim_wrapper.\(entry.name) is not a key lrplot knows; ignored", at: entry.value.origin.naming("optim_wrapper.\(entry.name)")))
        }
        guard let optimizerValue = MMEngineTree.value("optimizer", in: wrapper), let optimizer = MMEngineTree.mapping(optimizerValue) else {
            throw Diagnostic("optim_wrapper needs optimizer=dict(type=…, lr=…)", at: wrapperValue.origin.naming("optim_wrapper.optimizer"))
        }
        guard let lrValue = MMEngineTree.value("lr", in: optimizer), case .number(let lr, _) = lrValue.literal else {
            throw Diagnostic("optim_wrapper.optimizer needs a number lr", at: optimizerValue.origin.naming("optim_wrapper.optimizer.lr"))
        }
        var type = "SGD"
        if let typeValue = MMEngineTree.value("type", in: optimizer), case .string(let name) = typeValue.literal { type = name }
        var adam = AdamSettings()
        func number(_ key: String) -> (Double, SourceValue)? {
            guard let v = MMEngineTree.value(key, in: optimizer), case .number(let x, _) = v.literal else { return nil }
            return (x, v)
        }
        switch type {
        case "Adam", "AdamW":
            if let betas = MMEngineTree.value("betas", in: optimizer) {
                guard case .list(let items) = betas.literal, items.count == 2, case .number(let b1, _) = items[0].literal, case .number(let b2, _) = items[1].literal else {
                    throw Diagnostic("optim_wrapper.optimizer.betas must be two numbers, got '\(betas.text)'", at: betas.origin.naming("optim_wrapper.optimizer.betas"))
                }
                adam.betas = (b1, b2)
            }
            if let (eps, _) = number("eps") { adam.eps = eps }
            let decay = number("weight_decay")
            adam.weightDecay = decay?.0 ?? (type == "AdamW" ? 0.01 : 0)  // torch's AdamW defaults to 0.01
            if type == "AdamW", adam.weightDecay != 0 {
                warnings.append(Diagnostic("AdamW's weight decay (\(PyFormat.repr(adam.weightDecay))) is decoupled; the toy Adam adds it to the gradient (the schedule is unaffected)",
                                           at: (decay?.1.origin ?? optimizerValue.origin).naming("optim_wrapper.optimizer.weight_decay")))
            }
        default:
            // The toy optimizer is Adam: SGD's momentum is what MMEngine's momentum schedulers drive, shown as beta1.
            let momentum = number("momentum")?.0 ?? 0
            adam.betas = (momentum, adam.betas.1)
            warnings.append(Diagnostic("the toy optimizer is Adam: \(type)'s lr schedule is charted as is, its momentum (\(PyFormat.repr(momentum))) as beta1",
                                       at: optimizerValue.origin.naming("optim_wrapper.optimizer.type")))
        }
        var lrs = [lr]
        if let paramwise = MMEngineTree.value("paramwise_cfg", in: wrapper).flatMap(MMEngineTree.mapping) {
            var multipliers: [Double] = []
            if let bias = MMEngineTree.value("bias_lr_mult", in: paramwise), case .number(let m, _) = bias.literal { multipliers.append(m) }
            if let custom = MMEngineTree.value("custom_keys", in: paramwise).flatMap(MMEngineTree.mapping) {
                for key in custom {
                    if let options = MMEngineTree.mapping(key.value), let m = MMEngineTree.value("lr_mult", in: options), case .number(let x, _) = m.literal {
                        multipliers.append(x)
                    }
                }
            }
            for m in multipliers where !lrs.contains(lr * m) { lrs.append(lr * m) }
        }
        return Optimizer(lrs: lrs, adam: adam)
    }

    // MARK: param_scheduler

    struct SchedulerEntry {
        var entries: [CallValue.Keyword]
        var type: String
        var origin: Origin
        var text: String
    }

    func readSchedulerEntries() throws(Diagnostic) -> [SchedulerEntry] {
        guard let value = MMEngineTree.value("param_scheduler", in: root), !value.isNone else {
            throw Diagnostic("the config has no param_scheduler (the lr would stay at optim_wrapper.optimizer.lr): nothing to chart",
                             at: origin.naming("param_scheduler"))
        }
        var items: [SourceValue]
        if case .list(let list) = value.literal { items = list } else { items = [value] }
        if items.isEmpty {
            throw Diagnostic("param_scheduler is an empty list: nothing to chart", at: value.origin.naming("param_scheduler"))
        }
        var result: [SchedulerEntry] = []
        for (index, item) in items.enumerated() {
            let subject = items.count == 1 && !isList(value) ? "param_scheduler" : "param_scheduler[\(index)]"
            guard let entries = MMEngineTree.mapping(item) else {
                throw Diagnostic("\(subject) must be a dict such as dict(type='LinearLR', …), got '\(item.text)'", at: item.origin.naming(subject))
            }
            guard let type = MMEngineTree.value("type", in: entries) else {
                if items.count == 1 {
                    throw Diagnostic("param_scheduler keyed by optimizer name (several optimizers) is not supported; give one list", at: item.origin.naming(subject))
                }
                throw Diagnostic("\(subject) needs its `type`", at: item.origin.naming(subject))
            }
            let name: String
            switch type.literal {
            case .string(let s), .name(let s): name = s
            default: throw Diagnostic("\(subject).type must be a scheduler name, got '\(type.text)'", at: type.origin.naming("\(subject).type"))
            }
            result.append(SchedulerEntry(entries: entries, type: name.split(separator: ".").last.map(String.init) ?? name,
                                         origin: item.origin.naming(subject), text: item.text))
        }
        return result
    }

    private func isList(_ value: SourceValue) -> Bool {
        if case .list = value.literal { return true }
        return false
    }

    // MARK: epoch length

    /// `len(train_dataloader)`: `--steps-per-epoch`, else `ceil(ceil(dataset_size / world_size) / batch_size)`
    /// (DefaultSampler's `round_up`, the DataLoader's default `drop_last=False`; floor with `drop_last=True`).
    mutating func readEpochLength(required: Bool) throws(Diagnostic) -> Int? {
        if let given = settings.stepsPerEpoch { return given }
        let overrides = Dictionary(settings.overrides.map { ($0.key, $0) }, uniquingKeysWith: { $1 })
        if let sizeOverride = overrides["dataset_size"] {
            guard let size = Int(sizeOverride.value.trimmingSpaces), size > 0 else {
                throw Diagnostic("dataset_size must be a positive integer, got '\(sizeOverride.value)'", at: sizeOverride.origin)
            }
            var world = 1
            if let w = overrides["world_size"] {
                guard let parsed = Int(w.value.trimmingSpaces), parsed > 0 else {
                    throw Diagnostic("world_size must be a positive integer, got '\(w.value)'", at: w.origin)
                }
                world = parsed
            }
            let loader = MMEngineTree.value("train_dataloader", in: root).flatMap(MMEngineTree.mapping) ?? []
            guard let batchValue = MMEngineTree.value("batch_size", in: loader), case .number(_, let batch?) = batchValue.literal, batch > 0 else {
                throw Diagnostic("train_dataloader.batch_size (a positive int) is needed to derive the updates per epoch from dataset_size",
                                 at: sizeOverride.origin)
            }
            let dropLast = MMEngineTree.value("drop_last", in: loader).map(MMEngineTree.isTrue) ?? false
            let perRank = size / world + (size % world == 0 ? 0 : 1)
            let length = dropLast ? perRank / batch : (perRank + batch - 1) / batch
            guard length > 0 else {
                throw Diagnostic("dataset_size \(size) gives no full batch of \(batch) (drop_last=True)", at: sizeOverride.origin)
            }
            derived.append(DerivedNumber("samples per rank", "\(perRank)"))
            return length
        }
        if required {
            throw Diagnostic("this config counts epochs: give the updates per epoch, len(train_dataloader), with --steps-per-epoch K (or --set dataset_size=N, and --set world_size=W)",
                             at: origin.naming("--steps-per-epoch"))
        }
        return nil
    }

    // MARK: derived numbers and traps

    /// The iterations of the first LR warm-up (a LinearLR starting at 0), when there is one.
    func warmupUpdates(_ all: [ScheduleArguments], epochLength: Int) -> Int? {
        for arguments in all where arguments.definition.pythonClass == "LinearLR" {
            let window = MMEngineArgs.window(arguments, epochLength: epochLength)
            guard window.begin == 0 else { continue }
            let end = window.byEpoch ? window.end * Double(epochLength) : window.end
            return end < 1e15 ? Int(end) : nil
        }
        return nil
    }

    mutating func addTraps(_ entry: SchedulerEntry, _ arguments: ScheduleArguments, loop: Loop, epochLength: Int, updates: Int?, lr: Double?) {
        let window = MMEngineArgs.window(arguments, epochLength: epochLength)
        let name = entry.type
        let at = entry.origin
        if window.byEpoch && !loop.epochBased {
            traps.append(Diagnostic("\(name) counts epochs (by_epoch=True) but train_cfg is an IterBasedTrainLoop, which ends no epoch while training: only its first value applies. Set by_epoch=False (and give begin/end in iterations).",
                                    at: at))
        } else if window.byEpoch && epochLength > 1 && ["LinearLR", "CosineAnnealingLR", "PolyLR", "OneCycleLR", "CosineRestartLR", "ExponentialLR",
                                                         "LinearMomentum", "CosineAnnealingMomentum", "PolyMomentum", "CosineRestartMomentum", "ExponentialMomentum"].contains(name) {
            traps.append(Diagnostic("\(name) has by_epoch=True without convert_to_iter_based=True: it changes once per epoch (every \(epochLength) updates), a staircase; add convert_to_iter_based=True for a per-update curve.",
                                    at: at))
        }
        if name == "LinearLR" || name == "LinearMomentum" {
            let unit = window.byEpoch ? "epoch" : "iteration"
            let last = MMEngineArgs.text(window.end - 1), span = window.end - window.begin
            if span > 1 {
                let start = MMEngineArgs.real(arguments, "start-factor") ?? 1.0 / 3, end = MMEngineArgs.real(arguments, "end-factor") ?? 1
                let expected = start + (end - start) * (span - 1) / span
                let what = name == "LinearLR" ? lr.map { "lr \(PyFormat.repr($0 * expected))" } : nil
                traps.append(Diagnostic("\(name) reaches end_factor \(PyFormat.repr(end)) at \(unit) \(last) (end - 1), one \(unit) before end=\(MMEngineArgs.text(window.end)): at \(unit) \(last) you probably expected factor \(PyFormat.repr(expected))\(what.map { " (\($0))" } ?? "")",
                                        at: at))
            }
        }
        if name == "CosineAnnealingLR" || name == "CosineAnnealingMomentum", MMEngineArgs.number(arguments, "t-max") == nil {
            let floor = MMEngineArgs.real(arguments, "eta-min-ratio").map { "initial × \(PyFormat.repr($0))" } ?? PyFormat.repr(MMEngineArgs.real(arguments, "eta-min") ?? 0)
            traps.append(Diagnostic("\(name) with T_max = end - begin never reaches eta_min (\(floor)): its last value, at step end - 1, is one cosine step above it; set T_max = end - begin - 1 to reach it",
                                    at: at))
        }
        if name == "MultiStepLR" || name == "MultiStepMomentum", let milestones = MMEngineArgs.integers(arguments, "milestones") {
            let span = window.end - window.begin
            for milestone in milestones where Double(milestone) * Double(window.scale) >= span {
                traps.append(Diagnostic("\(name) milestone \(milestone) is never reached: it counts from begin=\(MMEngineArgs.text(window.begin)) and the window has \(MMEngineArgs.text(span)) steps",
                                        at: at))
            }
        }
        if let updates {
            let start = window.byEpoch ? window.begin * Double(epochLength) : window.begin
            if start >= Double(updates) {
                traps.append(Diagnostic("\(name) begins at update \(MMEngineArgs.text(start)), after the run's \(updates) updates: it never acts", at: at))
            }
        }
    }
}

/// Typed reads of a bound MMEngine scheduler's arguments (the reader's view; the schedule itself
/// is built by the engine).
enum MMEngineArgs {
    /// A step count as Python prints it (an int when whole and in range).
    static func text(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : PyFormat.repr(x)
    }

    struct Window {
        var begin: Double
        var end: Double
        var byEpoch: Bool
        var scale: Int
    }

    static func number(_ arguments: ScheduleArguments, _ name: String) -> Double? {
        guard let spec = arguments.definition.parameter(named: name), let bound = arguments.given[spec.name] ?? spec.defaultValue else { return nil }
        return (bound.value as? PyNumber)?.value
    }

    static func real(_ arguments: ScheduleArguments, _ name: String) -> Double? {
        guard let spec = arguments.definition.parameter(named: name), let bound = arguments.given[spec.name] ?? spec.defaultValue else { return nil }
        return bound.value as? Double
    }

    static func integers(_ arguments: ScheduleArguments, _ name: String) -> [Int]? {
        guard let spec = arguments.definition.parameter(named: name), let bound = arguments.given[spec.name] ?? spec.defaultValue else { return nil }
        return bound.value as? [Int]
    }

    static func flag(_ arguments: ScheduleArguments, _ name: String) -> Bool? {
        guard let spec = arguments.definition.parameter(named: name), let bound = arguments.given[spec.name] ?? spec.defaultValue else { return nil }
        return bound.value as? Bool
    }

    /// begin, end and by_epoch after `build_iter_from_epoch` (when converted).
    static func window(_ arguments: ScheduleArguments, epochLength: Int) -> Window {
        var begin = number(arguments, "begin") ?? 0, end = number(arguments, "end") ?? 1e9
        var byEpoch = flag(arguments, "by-epoch") ?? true
        var scale = 1
        if flag(arguments, "convert-to-iter-based") ?? false {
            let length = arguments.given["epoch-length"].flatMap { $0.value as? Int } ?? epochLength
            scale = length
            byEpoch = false
            begin = (begin * Double(length)).rounded(.towardZero)
            if end != 1e9 { end = (end * Double(length)).rounded(.towardZero) }
        }
        return Window(begin: begin, end: end, byEpoch: byEpoch, scale: scale)
    }
}

/// `--set KEY=VALUE` on the config tree: a dotted key sets a nested dict's entry (created when
/// missing) to the Python literal VALUE. `dataset_size` and `world_size` are settings, not keys.
enum MMEngineOverrides {
    static let settingKeys: Set<String> = ["dataset_size", "world_size"]

    /// `root` with every override applied; `unknown` receives a warning for each key the config did not have.
    static func apply(_ overrides: [Override], to root: [CallValue.Keyword], unknown: inout [Diagnostic]) throws(Diagnostic) -> [CallValue.Keyword] {
        var result = root
        for override in overrides where !settingKeys.contains(override.key) {
            let path = override.key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !path.isEmpty, path.allSatisfy({ !$0.isEmpty }) else {
                throw Diagnostic("--set \(override.key): expected a config key such as optim_wrapper.optimizer.lr", at: override.origin)
            }
            if !exists(path[...], in: result) {
                unknown.append(Diagnostic("--set \(override.key): the config has no key \(override.key); it is added", at: override.origin))
            }
            let expr: PyExpr
            do { expr = try PyParser.parse(override.value) } catch {
                throw Diagnostic("--set \(override.key)=\(override.value): cannot read the value: \(error.message)", at: override.origin)
            }
            let value = PythonValues(source: override.value, origin: override.origin.naming("--set \(override.key)")).value(expr, text: override.value)
            result = try set(path[...], value, in: result, override: override)
        }
        return result
    }

    private static func exists(_ path: ArraySlice<String>, in entries: [CallValue.Keyword]) -> Bool {
        guard let key = path.first, let value = MMEngineTree.value(key, in: entries) else { return false }
        if path.count == 1 { return true }
        return MMEngineTree.mapping(value).map { exists(path.dropFirst(), in: $0) } ?? false
    }

    private static func set(_ path: ArraySlice<String>, _ value: SourceValue, in entries: [CallValue.Keyword], override: Override) throws(Diagnostic) -> [CallValue.Keyword] {
        guard let key = path.first else { return entries }
        var result = entries
        let index = result.lastIndex { $0.name == key }
        if path.count == 1 {
            if let index { result[index].value = value } else { result.append(CallValue.Keyword(key, value)) }
            return result
        }
        let inner: [CallValue.Keyword]
        if let index {
            guard let dict = MMEngineTree.mapping(result[index].value) else {
                throw Diagnostic("--set \(override.key): \(key) is not a dict in the config", at: override.origin)
            }
            inner = dict
        } else {
            inner = []
        }
        let updated = try set(path.dropFirst(), value, in: inner, override: override)
        let newValue = SourceValue(.mapping(updated), text: key, origin: index.map { result[$0].value.origin } ?? override.origin)
        if let index { result[index].value = newValue } else { result.append(CallValue.Keyword(key, newValue)) }
        return result
    }
}
