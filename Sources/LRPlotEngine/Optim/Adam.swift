/// `torch.optim.Adam` (single-tensor path, float64 parameters), step for step.
///
/// Param groups are public and mutable: schedulers write `lr` (and later beta1) into them between
/// steps, exactly as PyTorch schedulers mutate `optimizer.param_groups`.
public final class Adam {
    /// The optimizer's parameter groups, in order.
    public var groups: [ParamGroup]
    /// The gradient of each group's parameter, set before `step()`.
    public var gradients: [Tensor]

    private var expAvg: [Tensor]
    private var expAvgSq: [Tensor]
    private var maxExpAvgSq: [Tensor]
    /// `state["step"]` is a float32 tensor in PyTorch (default dtype); it is kept as `Float` so that
    /// runs past 2^24 steps stall exactly as PyTorch's counter does.
    private var stepCounts: [Float]

    /// An optimizer over `groups`, with zeroed state.
    public init(groups: [ParamGroup]) {
        self.groups = groups
        gradients = groups.map { Tensor.zeros(like: $0.parameter) }
        expAvg = gradients
        expAvgSq = gradients
        maxExpAvgSq = gradients
        stepCounts = Array(repeating: 0, count: groups.count)
    }

    /// `optimizer.step()`.
    /// - Throws: when beta1 is exactly 1 (a momentum schedule can set it), where PyTorch's
    ///   `lr / (1 - beta1 ** step)` raises ZeroDivisionError.
    public func step() throws(ScheduleError) {
        for g in groups.indices { try stepGroup(g) }
    }

    private func stepGroup(_ g: Int) throws(ScheduleError) {
        let group = groups[g]
        let (beta1, beta2) = group.betas
        var grad = gradients[g]
        stepCounts[g] += 1
        if group.weightDecay != 0 {
            grad = grad.adding(group.parameter, alpha: group.weightDecay)
        }
        expAvg[g].lerp(towards: grad, weight: 1 - beta1)
        expAvgSq[g].multiply(by: beta2)
        expAvgSq[g].addProduct(grad, grad, value: 1 - beta2)

        let step = Double(stepCounts[g])
        let biasCorrection1 = 1 - pow(beta1, step)
        guard biasCorrection1 != 0 else {
            throw ScheduleError(parameter: nil, message: "Adam's beta1 of group \(g) is \(PyFormat.repr(beta1)), so its bias correction 1 - beta1 ** step is 0 and PyTorch raises ZeroDivisionError (check --base-momentum / --max-momentum / --betas)")
        }
        let biasCorrection2 = 1 - pow(beta2, step)
        let stepSize = group.lr / biasCorrection1
        let biasCorrection2Sqrt = pow(biasCorrection2, 0.5)
        var denom: Tensor
        if group.amsgrad {
            maxExpAvgSq[g].formMaximum(with: expAvgSq[g])
            denom = maxExpAvgSq[g].squareRoot().dividing(by: biasCorrection2Sqrt)
        } else {
            denom = expAvgSq[g].squareRoot().dividing(by: biasCorrection2Sqrt)
        }
        denom.add(group.eps)
        groups[g].parameter.addQuotient(expAvg[g], denom, value: -stepSize)
    }
}
