/// The warm-up of "Attention Is All You Need" ("Noam"), run as a `LambdaLR`:
/// `lr(e) = base_lr * (d_model ** -0.5 * min(s ** -0.5, s * warmup ** -1.5))` with `s = e + 1`
/// (without `d_model` the factor is 1).
public final class NoamLR: LRScheduler {
    let warmup: Int
    let dModel: Int?

    /// Constructs the scheduler and takes its initial step.
    public init(optimizer: Adam, warmup: Int, dModel: Int?, observer: (any LRObserver)? = nil) throws(ScheduleError) {
        self.warmup = warmup
        self.dModel = dModel
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    /// The multiplier at epoch `e`, in the order the Python lambda evaluates it.
    func factor(_ e: Int) -> Double {
        let s = Double(e + 1)
        let shape = min(pow(s, -0.5), s * pow(Double(warmup), -1.5))
        guard let dModel else { return shape }
        return pow(Double(dModel), -0.5) * shape
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        baseLRs[group] * factor(lastEpoch)
    }
}

extension NoamLR {
    /// `warmup_steps`.
    static let warmup = Parameter(required: "warmup", python: "warmup_steps", IntegerType(), range: .atLeast(1), doc: "Warm-up length in steps.")
    /// `d_model`; unset means a factor of 1.
    static let dModel = OptionalParameter("d-model", IntegerType(), range: .atLeast(1), doc: "Model width; scales the lr by d_model ** -0.5 (omit for 1).")
}

extension ScheduleDefinition {
    /// `noam` (alias `warmup`) — the Transformer warm-up.
    public static let noam = ScheduleDefinition(
        name: "noam", aliases: ["warmup"], pythonClass: nil, family: .lrplot,
        summary: "Linear warm-up for `warmup` steps, then inverse-square-root decay (Transformer / Noam).",
        formula: "lr(e) = base_lr * d_model ** -0.5 * min(s ** -0.5, s * warmup ** -1.5), s = e + 1",
        parameters: [NoamLR.warmup, NoamLR.dModel],
        example: "noam --warmup 10 --epochs 100",
        markers: { args, epochs in
            let warmup = args[NoamLR.warmup]
            return warmup > 1 && warmup - 1 < epochs ? [ScheduleMarker(Double(warmup - 1), "warm-up end")] : []
        },
        build: { args, context throws(ScheduleError) in
            try NoamLR(optimizer: context.optimizer, warmup: args[NoamLR.warmup], dModel: args[NoamLR.dModel], observer: context.observer)
        }
    )
}
