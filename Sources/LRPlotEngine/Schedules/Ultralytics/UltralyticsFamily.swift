extension ScheduleFamily {
    /// The Ultralytics YOLO trainer's schedule (`ultralytics.engine.trainer.BaseTrainer`), one row per
    /// optimizer update as the trainer applies it.
    public static let ultralytics = ScheduleFamily(
        id: "ultralytics", library: "Ultralytics", module: "ultralytics.engine.trainer", version: "8.4.190",
        heading: "Ultralytics 8.4.190 (the YOLO trainer's schedule per optimizer update, bit for bit with a real training)",
        composesWithTorch: false,
        classPrefixes: ["ultralytics.engine.trainer.", "ultralytics."]
    )
}

/// The optimizers `BaseTrainer.build_optimizer` knows, matched case-insensitively as it matches them.
public enum YOLOOptimizer: String, Sendable, CaseIterable {
    case sgd = "SGD", muSGD = "MuSGD", adam = "Adam", adamax = "Adamax", adamW = "AdamW", nAdam = "NAdam", rAdam = "RAdam"
    case rmsProp = "RMSprop", auto

    /// Whether its param groups have a `momentum` key, which the warm-up moves (SGD, MuSGD, RMSprop);
    /// the Adam family has `betas = (momentum, 0.999)` instead, which the trainer leaves alone.
    public var hasMomentumKey: Bool { self == .sgd || self == .muSGD || self == .rmsProp }
}

/// `optimizer`: one of the trainer's names in any case (`rmsprop`, `RMSProp`), as `build_optimizer` reads it.
public struct YOLOOptimizerType: ParameterType {
    public init() {}
    public var placeholder: String { "auto|SGD|Adam|AdamW|…" }
    public var shape: TextShape { .scalar }
    public var completionWords: [String] { YOLOOptimizer.allCases.map(\.rawValue) }
    public func accepted(_ constraint: Constraint?) -> String {
        "one of " + YOLOOptimizer.allCases.map(\.rawValue).joined(separator: ", ") + " (any case)"
    }
    public func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> YOLOOptimizer {
        let word: String
        if case .string(let s) = value.literal { word = s } else { word = value.text }
        guard let match = YOLOOptimizer.allCases.first(where: { $0.rawValue.lowercased() == word.lowercased() }) else {
            let names = YOLOOptimizer.allCases.map(\.rawValue)
            throw Diagnostic("Optimizer '\(word)' not found in list of available optimizers \(names) (Ultralytics raises NotImplementedError)."
                             + Suggestion.didYouMean(word, in: names), at: value.origin)
        }
        return match
    }
    public func python(_ value: YOLOOptimizer) -> String { "'\(value.rawValue)'" }
    public func json(_ value: YOLOOptimizer) -> String { JSONText.string(value.rawValue) }
}
