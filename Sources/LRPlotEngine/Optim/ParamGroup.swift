/// One of the optimizer's parameter groups: its parameter tensor and the hyper-parameters that
/// `torch.optim.Adam` keeps in `param_groups[i]`, which schedulers read and write.
public struct ParamGroup: Sendable {
    /// The group's parameter (the toy problem's 2-element point).
    public var parameter: Tensor
    /// `group["lr"]`.
    public var lr: Double
    /// `group["initial_lr"]`, set by the first scheduler constructed (`setdefault` semantics).
    public var initialLR: Double?
    /// `group["max_lr"]` and `group["min_lr"]`, written by `OneCycleLR` and read by every
    /// `OneCycleLR` on the same optimizer (so a later one's values win, as in PyTorch).
    public var maxLR: Double?
    public var minLR: Double?
    /// `group["max_momentum"]` and `group["base_momentum"]`, written by `CyclicLR` and `OneCycleLR`.
    public var maxMomentum: Double?
    public var baseMomentum: Double?
    /// `group["betas"]`: `(beta1, beta2)`.
    public var betas: (Double, Double)
    /// `group["eps"]`.
    public var eps: Double
    /// `group["weight_decay"]` (L2, added to the gradient).
    public var weightDecay: Double
    /// `group["amsgrad"]`.
    public var amsgrad: Bool
    /// `group["decoupled_weight_decay"]`: AdamW's `p ← p·(1 − lr·wd)` instead of Adam's L2 term.
    public var decoupledWeightDecay = false

    /// A group with Adam's defaults for everything but `lr` and the parameter.
    public init(parameter: Tensor, lr: Double, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false) {
        self.parameter = parameter
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
    }
}
