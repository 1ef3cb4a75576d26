import Foundation
import LRPlotEngine

/// Ultralytics YOLO training arguments: a run's `args.yaml`, `default.yaml`-style keys, or a
/// `yolo train key=value …` line (handed over as a mapping of key → value), as a call of
/// `ultralytics.yolo`. The dataset is not read: its size (`--set dataset_size=N`, or the batches per
/// epoch `--set nb=K`) and, for `optimizer=auto`, its class count (`--set nc=N`) are given with `--set`.
public enum UltralyticsConfigReader: ConfigReader {
    public static var kind: String { "Ultralytics" }

    /// Every key of ultralytics 8.4.190's `cfg/default.yaml` (a key outside it is unknown).
    static let knownKeys: Set<String> = Set("""
        task mode model data epochs time patience batch imgsz save save_period cache device workers project name exist_ok pretrained \
        cls_remap optimizer verbose seed deterministic single_cls rect cos_lr close_mosaic resume amp fraction profile freeze multi_scale \
        compile channels_last overlap_mask mask_ratio dropout val split save_json conf iou max_det quantize dnn plots nms source vid_stride \
        stream_buffer visualize augment agnostic_nms classes retina_masks embed show save_frames save_txt save_conf save_crop show_labels \
        show_conf show_boxes line_width format optimize dynamic simplify opset workspace lr0 lrf momentum weight_decay warmup_epochs \
        warmup_momentum warmup_bias_lr distill_model dis box cls cls_pw dfl pose kobj rle angle dlog dgrad dlam nbs hsv_h hsv_s hsv_v \
        degrees translate scale shear perspective flipud fliplr bgr mosaic mixup cutmix copy_paste copy_paste_mode auto_augment erasing \
        cfg tracker save_dir
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// The keys that shape the schedule, mapped to `ultralytics.yolo`'s keywords.
    static let scheduleKeys: [String: String] = [
        "epochs": "epochs", "lrf": "lrf", "cos_lr": "cos_lr", "warmup_epochs": "warmup_epochs", "warmup_momentum": "warmup_momentum",
        "warmup_bias_lr": "warmup_bias_lr", "momentum": "momentum", "optimizer": "optimizer", "batch": "batch", "nbs": "nbs",
    ]
    /// What lrplot needs that the arguments do not record (given with `--set`).
    static let runKeys: [String: String] = ["nc": "nc", "dataset_size": "dataset_size", "nb": "nb"]
    /// `CFG_FRACTION_KEYS` among the schedule's keys: Ultralytics refuses values outside [0, 1].
    static let fractionKeys: Set<String> = ["lr0", "lrf", "momentum", "warmup_bias_lr", "warmup_momentum"]

    public static func recognizes(_ document: ConfigDocument) -> Bool {
        guard let entries = MappingPaths.entries(document.root) else { return false }
        let keys = Set(entries.map(\.name))
        return !keys.isDisjoint(with: ["lr0", "lrf", "warmup_bias_lr", "nbs", "cos_lr", "close_mosaic", "imgsz"])
    }

    public static func read(_ document: ConfigDocument, settings: ConfigSettings) throws(Diagnostic) -> ConfigRun {
        var values: [String: SourceValue] = [:]
        var order: [String] = []
        var warnings: [Diagnostic] = []
        func put(_ key: String, _ value: SourceValue) {
            if values[key] == nil { order.append(key) }
            values[key] = smart(value)
        }
        for entry in MappingPaths.entries(document.root) ?? [] {
            if !knownKeys.contains(entry.name) && runKeys[entry.name] == nil {
                warnings.append(Diagnostic("unknown key '\(entry.name)' (not an Ultralytics 8.4.190 argument)\(Suggestion.didYouMean(entry.name, in: Array(knownKeys)))",
                                           at: entry.value.origin))
            }
            put(entry.name, entry.value)
        }
        for override in settings.overrides {
            if !knownKeys.contains(override.key) && runKeys[override.key] == nil {
                warnings.append(Diagnostic("unknown key '\(override.key)' (not an Ultralytics argument, nor nc, dataset_size or nb)", at: override.origin))
            }
            put(override.key, MappingPaths.literal(override.value, origin: override.origin))
        }
        func given(_ key: String) -> SourceValue? { values[key].flatMap { $0.isNone ? nil : $0 } }

        if let time = given("time") {
            throw Diagnostic("time=\(time.text): the trainer then re-estimates epochs from measured epoch times and rebuilds the schedule every epoch, which lrplot cannot know; remove time (or --set time=None) and give epochs",
                             at: time.origin)
        }
        if let batch = given("batch"), let b = MappingPaths.number(batch), b < 1 || b != b.rounded() {
            throw Diagnostic("batch=\(batch.text): AutoBatch picks the batch size from the GPU's memory at run time; give the batch size it picked with --set batch=N",
                             at: batch.origin)
        }
        for key in fractionKeys {
            if let value = given(key), let x = MappingPaths.number(value), !(x >= 0 && x <= 1) {
                throw Diagnostic("'\(key)=\(value.text)' is an invalid value. Valid '\(key)' values are between 0.0 and 1.0 (Ultralytics' check).", at: value.origin)
            }
        }
        if settings.stepsPerEpoch != nil && given("nb") == nil && given("dataset_size") == nil, let k = settings.stepsPerEpoch {
            put("nb", MappingPaths.numberValue(Double(k), integer: k, text: String(k), origin: Origin(subject: "--steps-per-epoch")))
            warnings.append(Diagnostic("--steps-per-epoch \(k) is taken as the trainer's batches per epoch (nb = len(train_loader)); its optimizer updates per epoch follow from accumulation",
                                       at: Origin(subject: "--steps-per-epoch")))
        }
        if let epochs = settings.epochs, given("epochs") == nil {
            put("epochs", MappingPaths.numberValue(Double(epochs), integer: epochs, text: String(epochs), origin: Origin(subject: "--epochs")))
        }

        var keywords: [CallValue.Keyword] = []
        for key in order {
            guard let value = given(key), let keyword = scheduleKeys[key] ?? runKeys[key] else { continue }
            var typed = value
            if key == "batch", let b = MappingPaths.number(value) { typed = MappingPaths.numberValue(b, integer: Int(b), text: value.text, origin: value.origin) }
            if key == "optimizer", case .number = value.literal { typed.literal = .string(value.text) }
            keywords.append(CallValue.Keyword(keyword, typed))
        }
        let origin = document.root.origin
        let call = CallValue(callee: "ultralytics.yolo", keywords: keywords, form: .flags, origin: origin,
                             text: "ultralytics.yolo(" + keywords.map { "\($0.name)=\($0.value.text)" }.joined(separator: ", ") + ")")
        var verbose = false
        let arguments = try Binder.bindCall(call, verbose: &verbose)
        let plan: YOLOPlan
        do { plan = try UltralyticsYOLO.plan(for: arguments) } catch {
            let hint = error.parameter == "nb" ? "the trainer's batches per epoch come from the dataset: give --set dataset_size=N (training images) or --set nb=K"
                : error.parameter == "nc" || error.parameter == "dataset-size" ? "optimizer=auto picks the lr from the dataset: give --set nc=N (classes) and --set dataset_size=N (training images), or an explicit optimizer"
                : error.message
            throw Diagnostic(hint, at: given(error.parameter == "nb" ? "batch" : "optimizer")?.origin ?? origin)
        }

        let lr0Value = given("lr0")
        guard let lr0 = lr0Value.map({ MappingPaths.number($0) }) ?? 0.01 else {
            throw Diagnostic("lr0: expected a number, got '\(lr0Value?.text ?? "")'", at: lr0Value?.origin ?? origin)
        }
        var run = ConfigRun(call: call, lrs: settings.lrs ?? [lr0, lr0, lr0])
        let steps = plan.optimizerSteps()
        run.updates = steps.count
        if plan.acc0 == 1 { run.stepsPerEpoch = plan.nb }
        run.warnings = warnings
        let lr = plan.lr ?? lr0
        run.derived = [
            DerivedNumber("batches per epoch", String(plan.nb)), DerivedNumber("warm-up batches", String(plan.nw)),
            DerivedNumber("accumulation", String(plan.acc0)), DerivedNumber("total updates", String(steps.count)),
            DerivedNumber("optimizer", plan.optimizer.rawValue), DerivedNumber("lr", PyFormat.repr(lr)),
        ]

        // Where the arguments surprise.
        var traps: [Diagnostic] = []
        let optimizerOrigin = given("optimizer")?.origin ?? origin
        if arguments[UltralyticsYOLO.optimizerKey] == .auto {
            traps.append(Diagnostic("optimizer=auto ignores lr0=\(PyFormat.repr(lr0)): the trainer builds \(plan.optimizer.rawValue)(lr=\(PyFormat.repr(lr)), momentum=0.9) and sets warmup_bias_lr to 0.0 (args.yaml still says optimizer: auto, lr0: \(PyFormat.repr(lr0))); give optimizer=SGD (or another) to train at lr0",
                                    at: optimizerOrigin))
        }
        if plan.nw > plan.nb {
            let before = plan.interp(plan.nb - 1, 0, lr * plan.factor(0)), after = plan.interp(plan.nb, 0, lr * plan.factor(1))
            traps.append(Diagnostic("the warm-up aims at lr × lf(epoch), a target that drops at every epoch boundary: the weight group's lr steps from \(MappingPaths.short(before)) (batch \(plan.nb - 1)) to \(MappingPaths.short(after)) (batch \(plan.nb)) instead of rising straight to \(PyFormat.repr(lr))",
                                    at: given("warmup_epochs")?.origin ?? origin))
        }
        if let warmup = given("warmup_epochs"), let w = MappingPaths.number(warmup), w > Double(max(plan.epochs - 1, 0)) {
            traps.append(Diagnostic("warmup_epochs \(warmup.text) is cut to \(max(plan.epochs - 1, 0)) epochs (\(plan.nw) batches): the warm-up never covers the last epoch", at: warmup.origin))
        }
        if plan.acc0 > 1 {
            traps.append(Diagnostic("batch \(arguments[UltralyticsYOLO.batchKey]) < nbs \(arguments[UltralyticsYOLO.nbsKey]): the optimizer steps every \(plan.acc0) batches after the warm-up (accumulation ramps 1 → \(plan.acc0) during it): \(plan.nb * plan.epochs) batches make \(steps.count) optimizer updates",
                                    at: given("nbs")?.origin ?? given("batch")?.origin ?? origin))
        }
        if !arguments[UltralyticsYOLO.cosKey] {
            let last = lr * plan.factor(plan.epochs - 1)
            traps.append(Diagnostic("the last epoch runs at lr × lf(epochs - 1) = \(PyFormat.repr(last)), not lr × lrf = \(PyFormat.repr(lr * arguments[UltralyticsYOLO.lrfKey])): the linear factor reaches lrf only after training ends",
                                    at: given("lrf")?.origin ?? origin))
        }
        if let momentum = given("warmup_momentum"), !plan.optimizer.hasMomentumKey {
            traps.append(Diagnostic("warmup_momentum has no effect with \(plan.optimizer.rawValue): the trainer warms only a 'momentum' key, and Adam's betas[0] stays \(PyFormat.repr(plan.groupMomentum))",
                                    at: momentum.origin))
        }
        if plan.nw > 0 && plan.warmupBiasLR > lr {
            traps.append(Diagnostic("the bias group's lr falls from warmup_bias_lr \(PyFormat.repr(plan.warmupBiasLR)) (\(PyFormat.repr(plan.warmupBiasLR / lr))× the lr) during the warm-up while the other groups rise from 0",
                                    at: given("warmup_bias_lr")?.origin ?? origin))
        }
        run.traps = traps
        return run
    }

    /// A command line's text value as Ultralytics' `smart_value` reads it (None, booleans in any
    /// case, Python literals); values already typed stay as they are.
    static func smart(_ value: SourceValue) -> SourceValue {
        guard case .string(let text) = value.literal else { return value }
        var result = MappingPaths.literal(text, origin: value.origin)
        switch text.lowercased() {
        case "true": result.literal = .bool(true)
        case "false": result.literal = .bool(false)
        case "none": result.literal = .none
        default: break
        }
        return result
    }
}
