/// A `LambdaLR` whose factor is Swift code rather than a user expression: what HF transformers'
/// `get_*_schedule*` functions return (`LambdaLR(optimizer, partial(_lambda, …))`).
/// `lr = base_lr * factor(last_epoch)`, exactly as LambdaLR computes it.
public final class FactorLambdaLR: LRScheduler {
    /// The factor at a step; it throws where the Python lambda would raise.
    public typealias Factor = @Sendable (Int) throws(ScheduleError) -> Double
    let factor: Factor

    /// Constructs the scheduler and takes its initial step.
    public init(optimizer: Adam, factor: @escaping Factor, observer: (any LRObserver)? = nil) throws(ScheduleError) {
        self.factor = factor
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        baseLRs[group] * (try factor(lastEpoch))
    }
}

/// Python's arithmetic as the HF lambdas use it.
enum HFMath {
    /// Python's `max(a, b)`.
    @inline(__always) static func max(_ a: Double, _ b: Double) -> Double { PyMath.max(a, b) }

    /// The shared linear warm-up: `float(t) / float(max(1, W))`.
    @inline(__always) static func warmup(_ t: Int, _ w: Int) -> Double { Double(t) / Double(Swift.max(1, w)) }

    /// `float(t - W) / float(max(1, T - W))`.
    @inline(__always) static func progress(_ t: Int, _ w: Int, _ total: Int) -> Double {
        Double(t - w) / Double(Swift.max(1, total - w))
    }

    /// `0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))`.
    @inline(__always) static func cosine(_ cycles: Double, _ progress: Double) -> Double {
        0.5 * (1.0 + cos(Double.pi * cycles * 2.0 * progress))
    }

    /// `max(0, factor * (1 - r) + r)` (the min-lr blend of the cosine schedules).
    @inline(__always) static func floorBlend(_ factor: Double, _ rate: Double) -> Double {
        max(0, factor * (1 - rate) + rate)
    }

    /// The optimizer's default lr (`optimizer.defaults["lr"]`): lrplot builds its toy Adam with the first `--lr` value.
    static func defaultLR(_ context: BuildContext) -> Double { context.optimizer.groups.first?.initialLR ?? context.optimizer.groups.first?.lr ?? 0 }

    /// `x / optimizer.defaults["lr"]`, raising where Python would (an lr of 0).
    static func relativeToDefaultLR(_ x: Double, _ context: BuildContext, parameter: String) throws(ScheduleError) -> Double {
        try PyMath.divide(x, defaultLR(context), parameter: parameter, what: "transformers' min_lr / optimizer.defaults[\"lr\"] (the first --lr is 0)")
    }
}

/// The parameters transformers' schedule functions share.
enum HFKeys {
    /// `num_warmup_steps` (default 0, Trainer's default).
    static let warmup = Parameter("num-warmup-steps", IntegerType(), default: 0, range: .atLeast(0), doc: "Steps of linear warm-up from 0.")
    /// `num_training_steps`; unset means the run length (`--epochs`).
    static let training = OptionalParameter("num-training-steps", IntegerType(), unset: "--epochs", range: .atLeast(0),
                                            doc: "Total training steps the schedule is planned for.")
}

extension ScheduleArguments {
    /// `num_warmup_steps`.
    var hfWarmup: Int { self[HFKeys.warmup] }
    /// `num_training_steps`; the run length when not given.
    func hfTraining(epochs: Int) -> Int { self[HFKeys.training] ?? epochs }
    /// `num_training_steps`; the run length when not given.
    func hfTraining(_ context: BuildContext) -> Int { hfTraining(epochs: context.epochs) }
}
