/// `torch.optim.lr_scheduler.LambdaLR`: `lr = base_lr * lr_lambda(epoch)`, one lambda per group
/// (or one for all).
public final class LambdaLR: LRScheduler {
    let lambdas: [Expression]
    let parameterName: String

    /// Constructs the scheduler and takes its initial step. `lambdas` holds one expression per
    /// group; a single expression is used for every group, as PyTorch does with one callable.
    public init(optimizer: Adam, lambdas: [Expression], parameterName: String = "lr-lambda",
                observer: (any LRObserver)? = nil) throws(ScheduleError) {
        self.lambdas = try LambdaLR.perGroup(lambdas, groups: optimizer.groups.count, parameter: parameterName)
        self.parameterName = parameterName
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    /// PyTorch's length rule: one lambda, or exactly one per group.
    static func perGroup(_ lambdas: [Expression], groups: Int, parameter: String) throws(ScheduleError) -> [Expression] {
        if lambdas.count == 1 { return Array(repeating: lambdas[0], count: groups) }
        guard lambdas.count == groups else {
            throw ScheduleError(parameter: parameter,
                                message: "Expected \(groups) lr_lambdas, but got \(lambdas.count) (give it once for all groups or once per --lr value)")
        }
        return lambdas
    }

    /// Evaluates `expression` at `epoch`, turning Python errors into a ``ScheduleError``.
    static func evaluate(_ expression: Expression, at epoch: Int, parameter: String) throws(ScheduleError) -> Double {
        do {
            return try expression.evaluate(epoch).asDouble
        } catch {
            throw ScheduleError(parameter: parameter,
                                message: "\(error.kind) at \(expression.variable)=\(epoch): \(error.message) (column \(error.column) of '\(expression.source)')")
        }
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        baseLRs[group] * (try LambdaLR.evaluate(lambdas[group], at: lastEpoch, parameter: parameterName))
    }
}

extension LambdaLR {
    /// `lr_lambda`: one expression for all groups, or one per group (the flag repeated).
    static let lrLambda = Parameter(required: "lr-lambda", ExpressionType(variable: "epoch"),
                                    doc: "Python expression of epoch; repeat the flag to give one per param group.")
}

extension ScheduleDefinition {
    /// `lambda` — LambdaLR.
    public static let lambda = ScheduleDefinition(
        name: "lambda", pythonClass: "LambdaLR",
        summary: "The base lr times a function of the epoch (one per param group, or one for all).",
        formula: "lr(t) = base_lr * lr_lambda(t)",
        parameters: [LambdaLR.lrLambda],
        example: "lambda --lr-lambda 'lambda epoch: 0.95 ** epoch'",
        build: { args, context throws(ScheduleError) in
            try LambdaLR(optimizer: context.optimizer, lambdas: args[LambdaLR.lrLambda], observer: context.observer)
        }
    )
}
