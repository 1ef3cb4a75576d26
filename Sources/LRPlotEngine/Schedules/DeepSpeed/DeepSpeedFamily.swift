import Foundation

extension ScheduleFamily {
    /// DeepSpeed's `deepspeed.runtime.lr_schedules`, stepped as its engine steps them (once after
    /// every optimizer step, starting from the value the constructor wrote at iteration -1).
    public static let deepspeed = ScheduleFamily(
        id: "deepspeed", library: "DeepSpeed", module: "deepspeed.runtime.lr_schedules", version: "0.19.8",
        heading: "DeepSpeed 0.19.8 (lr_schedules, stepped per optimizer update as its engine does, bit for bit)",
        composesWithTorch: false,
        classPrefixes: ["deepspeed.runtime.lr_schedules.", "lr_schedules.", "deepspeed."]
    )
}

/// The base of DeepSpeed's schedulers, which are not torch `LRScheduler`s: `last_batch_iteration`
/// starts at -1, the constructor writes `get_lr()` evaluated there into the groups (no step), and
/// `step()` advances the iteration and writes `get_lr()` again (`update_lr`).
public class DeepSpeedScheduler: LRScheduler {
    /// Attaches to `optimizer` with `last_batch_iteration = -1`, without writing anything yet.
    init(attachingTo optimizer: Adam, observer: (any LRObserver)?) {
        super.init(attachingTo: optimizer, lastEpoch: -1, observer: observer)
    }

    /// `last_batch_iteration`.
    var iteration: Int { lastEpoch }

    /// The constructor's `update_lr(param_groups, get_lr())` at iteration -1.
    func writeInitialLRs() throws(ScheduleError) {
        try writeLRs(closedForm: false)
    }
}

/// Python's float helpers DeepSpeed's arithmetic relies on.
enum DSMath {
    /// Python's `max(a, b)`: `a` unless `b > a` (so `max(0.0, -0.0)` is `0.0`).
    @inline(__always) static func max(_ a: Double, _ b: Double) -> Double { b > a ? b : a }
    /// Python's `min(a, b)`: `a` unless `b < a`.
    @inline(__always) static func min(_ a: Double, _ b: Double) -> Double { b < a ? b : a }
    /// `math.isclose(x, 0)` with the default tolerances: true only for zero.
    @inline(__always) static func isCloseToZero(_ x: Double) -> Bool { x == 0 }

    /// DeepSpeed's `_format_param`: a scalar broadcast to every group, or one value per group.
    static func perGroup(_ values: [Double], scalar: Bool, name: String, parameter: String, groups: Int) throws(ScheduleError) -> [Double] {
        if scalar { return Array(repeating: values[0], count: groups) }
        guard values.count == groups else {
            throw ScheduleError(parameter: parameter, message: "expected \(groups) value for \(name), got \(values.count) (DeepSpeed raises ValueError; give one value, or one per --lr value)")
        }
        return values
    }

    /// The per-group values of `key` as `_format_param` sees them: a single value written without
    /// brackets is a scalar, broadcast; a list must match the group count.
    static func perGroup(_ args: ScheduleArguments, _ key: Parameter<PerGroupRealType>, name: String, groups: Int) throws(ScheduleError) -> [Double] {
        let values = args[key]
        return try perGroup(values, scalar: values.count == 1, name: name, parameter: key.spec.name, groups: groups)
    }
}

/// `warmup_type`: DeepSpeed takes any string, warns about one that is not `log` or `linear`, and
/// then warms up logarithmically.
public struct DSWarmupTypeType: ParameterType {
    public init() {}
    public var placeholder: String { "log|linear" }
    public var shape: TextShape { .scalar }
    public var completionWords: [String] { ["log", "linear"] }
    public func accepted(_ constraint: Constraint?) -> String { "'log' or 'linear' (any other string warns and means 'log')" }
    public func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> String {
        switch value.literal {
        case .string(let s): return s
        default:
            guard site.form == .flags else { throw Diagnostic("expected a string such as 'log' or 'linear', got '\(value.text)'", at: value.origin) }
            return value.text
        }
    }
    public func python(_ value: String) -> String { "'\(value)'" }
    public func json(_ value: String) -> String { JSONText.string(value) }
}

/// The warm-up curve DeepSpeed's warm-up schedulers use.
enum DSWarmup {
    case log, linear

    /// The curve `warmup_type` selects (`log` for anything unknown, as DeepSpeed does after warning).
    init(_ text: String) { self = text == "linear" ? .linear : .log }

    /// `_get_gamma` / `get_lr_ratio` during warm-up: `inverse_log_warm_up * log(it + 1)` or `it / W`.
    @inline(__always) func gamma(_ it: Int, steps W: Int, inverseLog: Double) -> Double {
        switch self {
        case .log: return inverseLog * Foundation.log(Double(it + 1))
        case .linear: return Double(it) / Double(W)
        }
    }
}

/// The keys DeepSpeed's warm-up schedulers share.
enum DSKeys {
    /// `warmup_min_lr` (WarmupLR, WarmupDecayLR).
    static let warmupMinLR = Parameter("warmup-min-lr", PerGroupRealType(), default: [0.0], doc: "lr at the start of the warm-up, per param group.")
    /// `warmup_num_steps`.
    static let warmupNumSteps = Parameter("warmup-num-steps", IntegerType(), default: 1000, range: .atLeast(1),
                                          doc: "Warm-up length in optimizer steps (1 counts as 2).", libraryRule: "warmup_num_steps must be a positive integer")
    /// `warmup_type`.
    static let warmupType = Parameter("warmup-type", DSWarmupTypeType(), default: "log", doc: "Warm-up curve: log (the default) or linear.")
    /// `total_num_steps` (WarmupDecayLR, WarmupCosineLR).
    static let totalNumSteps = Parameter(required: "total-num-steps", IntegerType(), doc: "Total optimizer steps of the decay.")

    /// The warning for an unknown `warmup_type`, as DeepSpeed logs it.
    static func warmupTypeWarnings(_ args: ScheduleArguments) -> [ScheduleError] {
        let type = args[warmupType]
        guard type != "log" && type != "linear" else { return [] }
        return [ScheduleError(parameter: warmupType.spec.name,
                              message: "Using unknown warmup_type: \(type). The increasing function is set to default (log) (DeepSpeed's warning; use 'log' or 'linear')")]
    }

    /// `W = max(2, warmup_num_steps)` as the schedulers store it.
    static func steps(_ args: ScheduleArguments) -> Int { Swift.max(2, args[warmupNumSteps]) }
}

