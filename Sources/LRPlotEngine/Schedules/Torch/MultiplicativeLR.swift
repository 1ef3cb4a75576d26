/// `torch.optim.lr_scheduler.MultiplicativeLR`: multiply the current lr by `lr_lambda(epoch)` at
/// every step (chainable; `lr_lambda(0)` is not used on a fresh run).
public final class MultiplicativeLR: LRScheduler {
    let lambdas: [Expression]

    /// Constructs the scheduler and takes its initial step; one expression per group, or one for all.
    public init(optimizer: Adam, lambdas: [Expression], observer: (any LRObserver)? = nil) throws(ScheduleError) {
        self.lambdas = try LambdaLR.perGroup(lambdas, groups: optimizer.groups.count, parameter: "lr-lambda")
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        if isInitial { return currentLR(group) }
        return currentLR(group) * (try LambdaLR.evaluate(lambdas[group], at: lastEpoch, parameter: "lr-lambda"))
    }
}

extension ScheduleDefinition {
    /// `multiplicative` — MultiplicativeLR.
    public static let multiplicative = ScheduleDefinition(
        name: "multiplicative", pythonClass: "MultiplicativeLR",
        summary: "Multiply the lr by a function of the epoch at every step.",
        formula: "lr(t) = lr(t-1) * lr_lambda(t)  (lr(0) = base_lr)",
        parameters: [LambdaLR.lrLambda],
        example: "multiplicative --lr-lambda 'lambda epoch: 0.95'",
        build: { args, context throws(ScheduleError) in
            try MultiplicativeLR(optimizer: context.optimizer, lambdas: args[LambdaLR.lrLambda], observer: context.observer)
        }
    )
}
