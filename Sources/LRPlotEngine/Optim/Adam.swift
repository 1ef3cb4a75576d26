/// `torch.optim.Adam` (single-tensor path, float64 parameters), step for step.
///
/// Param groups are public and mutable: schedulers write `lr` (and beta1) into them between
/// steps, exactly as PyTorch schedulers mutate `optimizer.param_groups`.
public final class Adam {
    /// The optimizer's parameter groups, in order.
    public var groups: [ParamGroup]

    /// `optimizer.state[p]` of one group's parameter.
    struct State {
        var expAvg = Tensor.zero
        var expAvgSq = Tensor.zero
        var maxExpAvgSq = Tensor.zero
        /// `state["step"]` is a float32 tensor in PyTorch (default dtype); it is kept as `Float` so
        /// that runs past 2^24 steps stall exactly as PyTorch's counter does.
        var step: Float = 0
        /// `1 - beta ** step` is exactly 1.0 once `beta ** step` drops below 2^-54, and stays 1.0
        /// for any smaller beta and any later step (`pow` is monotonic). These remember the largest
        /// beta known to be saturated at some earlier step, so `pow` is skipped from then on.
        var saturatedBeta1 = BiasCorrectionCache()
        var saturatedBeta2 = BiasCorrectionCache()
    }

    /// Each group's state (internal so that tests can start from any state).
    var states: [State]

    /// The square root of Adam's denominator (``SquareRootKernel``).
    public let squareRoot: SquareRootKernel
    /// The estimate table ``squareRoot`` reads (empty for ``SquareRootKernel/ieee``), unpacked at the
    /// first training step: a run that trains nothing (a chart without a loss panel) never needs it.
    private lazy var rsqrtFields: [UInt16] = squareRoot.fields

    /// An optimizer over `groups`, with zeroed state, whose denominator's square root is `squareRoot`'s.
    public init(groups: [ParamGroup], squareRoot: SquareRootKernel = .native) {
        self.groups = groups
        self.squareRoot = squareRoot
        states = Array(repeating: State(), count: groups.count)
    }

    /// One training step on the toy problem: for each group, the loss and its gradient (as autograd
    /// computes it) at the current parameter (`zero_grad()` + `backward()`), then `optimizer.step()`. Returns the
    /// summed loss, added group by group in order. (Each group's update reads only its own gradient,
    /// so computing and applying it group by group gives exactly the values of doing all losses first.)
    /// - Throws: when beta1 is exactly 1 (a momentum schedule can set it), where PyTorch's
    ///   `lr / (1 - beta1 ** step)` raises ZeroDivisionError.
    public func stepOnRosenbrock() throws(ScheduleError) -> Double {
        let count = groups.count
        let kernel = squareRoot, fields = rsqrtFields
        return try groups.withUnsafeMutableBufferPointer { (groups) throws(ScheduleError) -> Double in
            try states.withUnsafeMutableBufferPointer { (states) throws(ScheduleError) -> Double in
                var loss = 0.0
                for g in 0..<count {
                    let group = groups[g]
                    loss += Rosenbrock.value(group.parameter)
                    guard Adam.update(&groups[g].parameter, lr: group.lr, beta1: group.betas.0, beta2: group.betas.1, eps: group.eps,
                                      weightDecay: group.weightDecay, decoupled: group.decoupledWeightDecay, amsgrad: group.amsgrad,
                                      squareRoot: kernel, fields: fields, state: &states[g]) else {
                        throw Adam.beta1Error(group: g, beta1: group.betas.0)
                    }
                }
                return loss
            }
        }
    }

    /// Runs `count` training steps whose lr and beta1 are given instead of read from the groups:
    /// step `i` uses `lrs[i * G + g]` and `beta1s[i * G + g]` for group `g` and writes its loss to
    /// `losses[i]`. The values are exactly those of `count` calls of ``stepOnRosenbrock()`` with
    /// the groups set accordingly; each group runs through the whole block with its state held
    /// locally, which is what makes long runs fast.
    /// - Returns: the number of steps done, and the error that stopped the block early, if any
    ///   (beta1 exactly 1 at step `done`); `losses[0..<done]` are valid.
    /// - Precondition: the buffers hold at least `count * groups.count` (`losses`: `count`) values.
    public func train(steps count: Int, lrs: UnsafeBufferPointer<Double>, beta1s: UnsafeBufferPointer<Double>,
                      losses: UnsafeMutableBufferPointer<Double>) -> (done: Int, error: ScheduleError?) {
        precondition(lrs.count >= count * groups.count && beta1s.count >= count * groups.count && losses.count >= count)
        let groupCount = groups.count
        let kernel = squareRoot, fields = rsqrtFields
        let (done, failure) = Adam.stepsBeforeFailure(count, groups: groupCount, beta1s: beta1s, stepsTaken: states.first.map { Int($0.step) } ?? 0)
        // Rows go in tiles whose lr and beta1 columns stay in the cache while every group reads its
        // column of them (a whole 4,096-row block of 64 groups is 4 MiB).
        let tile = Swift.max(64, TraceChunk.capacity / Swift.max(1, groupCount))
        groups.withUnsafeMutableBufferPointer { groups in
            states.withUnsafeMutableBufferPointer { states in
                var tileStart = 0
                while tileStart < done {
                    let tileEnd = Swift.min(done, tileStart + tile)
                    for g in 0..<groupCount {
                        let group = groups[g]
                        var parameter = group.parameter
                        var state = states[g]
                        // Steps that leave everything as it is (at the minimum, see zeroGradientStepKeepsState)
                        // run in a loop of their own with the state in locals.
                        let mayKeep = group.weightDecay == 0 && !group.amsgrad
                        var i = tileStart
                        while i < tileEnd {
                            if mayKeep {
                                i = Adam.keptSteps(from: i, to: tileEnd, parameter: parameter, groups: groupCount, group: g, lrs: lrs, beta1s: beta1s,
                                                   beta2: group.betas.1, eps: group.eps, state: &state, losses: losses)
                                if i == tileEnd { break }
                            }
                            let loss = Rosenbrock.value(parameter)
                            losses[i] = (g == 0 ? 0.0 : losses[i]) + loss
                            _ = Adam.update(&parameter, lr: lrs[i * groupCount + g], beta1: beta1s[i * groupCount + g], beta2: group.betas.1,
                                            eps: group.eps, weightDecay: group.weightDecay, decoupled: group.decoupledWeightDecay, amsgrad: group.amsgrad,
                                            squareRoot: kernel, fields: fields, state: &state)
                            i += 1
                        }
                        groups[g].parameter = parameter
                        states[g] = state
                    }
                    tileStart = tileEnd
                }
            }
        }
        return (done, failure)
    }

    /// How many of `count` steps with these beta1s ``train(steps:lrs:beta1s:losses:)`` takes, and the
    /// error that stops it: the first step whose bias correction `1 - beta1 ** step` is exactly 0
    /// for some group, where PyTorch raises (the steps before it are done for every group). Row `i`
    /// follows `stepsTaken + i` steps, counted as PyTorch's float32 `state["step"]` counts them
    /// (stalling at 2^24). Only a beta1 of magnitude 1 can give 0 (1 at any step, -1 at an even
    /// one): any other power is below 1, above 1, infinite or NaN. A run whose loss nobody reads
    /// stops here where training would, without training.
    public static func stepsBeforeFailure(_ count: Int, groups groupCount: Int, beta1s: UnsafeBufferPointer<Double>,
                                          stepsTaken: Int) -> (done: Int, error: ScheduleError?) {
        precondition(beta1s.count >= count * groupCount)
        // Almost always no beta1 has magnitude 1: one pass without a branch says so.
        var hits: UInt8 = 0
        for i in 0..<count * groupCount { hits |= abs(beta1s[i]) == 1 ? 1 : 0 }
        guard hits != 0 else { return (count, nil) }
        for i in 0..<count * groupCount where abs(beta1s[i]) == 1 {
            let beta1 = beta1s[i], row = i / groupCount
            let counter = Float(Swift.min(stepsTaken + row, 1 << 24))
            if 1 - pow(beta1, Double(counter + 1)) == 0 { return (row, Adam.beta1Error(group: i % groupCount, beta1: beta1)) }
        }
        return (count, nil)
    }

    /// Sets every group's lr to its value in `values` (`values[g]` for group `g`), as a scheduler's
    /// `_update_lr` writes `param_group["lr"]` group by group.
    func setLRs(_ values: UnsafeBufferPointer<Double>) {
        groups.withUnsafeMutableBufferPointer { groups in
            for g in 0..<min(values.count, groups.count) { groups[g].lr = values[g] }
        }
    }

    static func beta1Error(group g: Int, beta1: Double) -> ScheduleError {
        ScheduleError(parameter: nil, message: "Adam's beta1 of group \(g) is \(PyFormat.repr(beta1)), so its bias correction 1 - beta1 ** step is 0 and PyTorch raises ZeroDivisionError (check --base-momentum / --max-momentum / --betas)")
    }

    /// One group's update (`_single_tensor_adam`) at the toy problem's gradient, in place.
    /// `skipsKeptSteps` false always does the arithmetic (tests compare the two).
    /// - Returns: false, changing nothing, when `1 - beta1 ** step` is 0 (PyTorch raises there).
    @inline(__always)
    static func update(_ parameter: inout Tensor, lr: Double, beta1: Double, beta2: Double, eps: Double,
                       weightDecay: Double, decoupled: Bool = false, amsgrad: Bool, squareRoot kernel: SquareRootKernel, fields: [UInt16],
                       state: inout State, skipsKeptSteps: Bool = true) -> Bool {
        var grad = Rosenbrock.gradient(parameter)
        let step = Double(state.step + 1)
        let biasCorrection1 = state.saturatedBeta1.oneMinusPower(beta1, step)
        guard biasCorrection1 != 0 else { return false }
        state.step += 1
        let biasCorrection2 = state.saturatedBeta2.oneMinusPower(beta2, step)
        if skipsKeptSteps && weightDecay == 0 && !amsgrad && grad.x == 0 && grad.y == 0
            && zeroGradientStepKeepsState(parameter: parameter, expAvg: state.expAvg, expAvgSq: state.expAvgSq, beta1: beta1, beta2: beta2,
                                          eps: eps, stepSize: lr / biasCorrection1, biasCorrection2: biasCorrection2) {
            return true
        }
        if weightDecay != 0 {
            // torch 2.15's `_single_tensor_adam`: AdamW scales the parameter, Adam adds an L2 term.
            if decoupled { parameter.multiply(by: 1 - lr * weightDecay) } else { grad = grad.adding(parameter, alpha: weightDecay) }
        }
        state.expAvg.lerp(towards: grad, weight: 1 - beta1)
        state.expAvgSq.multiply(by: beta2)
        state.expAvgSq.addProduct(grad, grad, value: 1 - beta2)

        let stepSize = lr / biasCorrection1
        let biasCorrection2Sqrt = biasCorrection2 == 1 ? 1 : pow(biasCorrection2, 0.5)
        var denom: Tensor
        if amsgrad {
            state.maxExpAvgSq.formMaximum(with: state.expAvgSq)
            denom = state.maxExpAvgSq.squareRoot(kernel, fields: fields)
        } else {
            denom = state.expAvgSq.squareRoot(kernel, fields: fields)
        }
        // Dividing by exactly 1.0 changes no bit; skipping it shortens the step's dependency chain.
        if biasCorrection2Sqrt != 1 { denom = denom.dividing(by: biasCorrection2Sqrt) }
        denom.add(eps)
        parameter.addQuotient(state.expAvg, denom, value: -stepSize)
        return true
    }
}

extension Adam {
    /// Whether a step at an exactly zero gradient (no weight decay, no AMSGrad) leaves every bit of
    /// the parameter and both moments as they are, so the step can be skipped with the same result.
    ///
    /// A run that reaches Rosenbrock's minimum exactly, (1, 1), keeps stepping there: its moments
    /// decay into subnormal numbers and then stop changing, since `s·(1 − w)` rounds back to `s`
    /// on the subnormal grid; each such step costs the CPU's slow subnormal handling in eight
    /// operations while changing nothing. With moments of `n` and `m` units of 2⁻¹⁰⁷⁴ (zero or
    /// subnormal), `lerp_` gives `RN(s − w·s)` = s when `n·w < ½`, `mul_(beta2)` keeps `m` when
    /// `m·(1 − beta2) < ½` (`addcmul_` adds `±0`), and `addcdiv_` adds a quotient below half an ulp
    /// of the parameter, the denominator being at least `eps > 0` (a positive bias correction). The margin below ½ covers the rounding of these products; anything nearer
    /// (or a negative zero, which `lerp_` would turn into +0) takes the full step.
    @inline(__always)
    static func zeroGradientStepKeepsState(parameter p: Tensor, expAvg m: Tensor, expAvgSq v: Tensor, beta1: Double, beta2: Double,
                                           eps: Double, stepSize: Double, biasCorrection2: Double) -> Bool {
        guard let units = KeptStateUnits(parameter: p, expAvg: m, expAvgSq: v) else { return false }
        return units.keep(beta1: beta1, beta2: beta2, eps: eps, stepSize: stepSize, biasCorrection2: biasCorrection2)
    }

    /// Runs the steps `start..<end` of group `g` in ``train(steps:lrs:beta1s:losses:)`` for as long as
    /// each is a step at an exactly zero gradient that keeps every bit (``zeroGradientStepKeepsState``)
    /// and whose bias corrections the caches already know to be exactly 1, with the step counter in a
    /// local: the same loss and state as taking them one by one through ``update``. The caller has
    /// checked that weight decay is 0 and AMSGrad off.
    /// - Returns: the first step not taken (`start` when the first one would change something).
    /// Not inlined: on its own the loop keeps all it needs in registers.
    @inline(never)
    static func keptSteps(from start: Int, to end: Int, parameter: Tensor, groups: Int, group g: Int,
                          lrs: UnsafeBufferPointer<Double>, beta1s: UnsafeBufferPointer<Double>, beta2: Double, eps: Double,
                          state: inout State, losses: UnsafeMutableBufferPointer<Double>) -> Int {
        let grad = Rosenbrock.gradient(parameter)
        guard grad.x == 0 && grad.y == 0,
              let units = KeptStateUnits(parameter: parameter, expAvg: state.expAvg, expAvgSq: state.expAvgSq) else { return start }
        let loss = Rosenbrock.value(parameter)
        var step = state.step
        let cache1 = state.saturatedBeta1, cache2 = state.saturatedBeta2
        var i = start
        while i < end {
            // i < end ≤ the block's rows, so the index is inside the buffers (train's precondition).
            let lr = lrs[i &* groups &+ g], beta1 = beta1s[i &* groups &+ g]
            let s = Double(step + 1)
            // Both bias corrections exactly 1 without calling pow (and without changing the caches),
            // as `update` finds them; any other step is left for `update` to take.
            guard cache1.isSaturated(beta1, s) && cache2.isSaturated(beta2, s) else { break }
            // lr / 1 is lr, bit for bit.
            guard units.keep(beta1: beta1, beta2: beta2, eps: eps, stepSize: lr, biasCorrection2: 1) else { break }
            losses[i] = (g == 0 ? 0.0 : losses[i]) + loss
            step += 1
            i &+= 1
        }
        state.step = step
        return i
    }
}

/// What ``Adam/zeroGradientStepKeepsState(parameter:expAvg:expAvgSq:beta1:beta2:eps:stepSize:biasCorrection2:)``
/// reads from the parameter and the moments, which stay the same while steps keep them: the moments
/// in units of 2⁻¹⁰⁷⁴ and the parameter's magnitudes.
struct KeptStateUnits {
    let nx: Double, ny: Double, mx: Double, my: Double
    let px: Double, py: Double

    /// Nil when no step can keep this state: a zero coordinate of the parameter, or a moment that is
    /// normal, infinite, NaN or of a sign not allowed.
    @inline(__always)
    init?(parameter p: Tensor, expAvg m: Tensor, expAvgSq v: Tensor) {
        guard p.x != 0 && p.y != 0 else { return nil }
        // Units of 2^-1074 of a zero or subnormal value (−1: normal, infinite, NaN or a sign not allowed).
        func units(_ x: Double, negativeAllowed: Bool) -> Double {
            let bits = x.bitPattern
            if bits >> 63 != 0 && !(negativeAllowed && bits != 1 << 63) { return -1 }
            let magnitude = bits & ~(1 << 63)
            return magnitude < 1 << 52 ? Double(magnitude) : -1
        }
        nx = units(m.x, negativeAllowed: true)
        ny = units(m.y, negativeAllowed: true)
        mx = units(v.x, negativeAllowed: false)
        my = units(v.y, negativeAllowed: false)
        guard nx >= 0 && ny >= 0 && mx >= 0 && my >= 0 else { return nil }
        px = abs(p.x)
        py = abs(p.y)
    }

    /// Whether a zero-gradient step with these hyper-parameters keeps every bit.
    @inline(__always)
    func keep(beta1: Double, beta2: Double, eps: Double, stepSize: Double, biasCorrection2: Double) -> Bool {
        let w = 1 - beta1, decay = 1 - beta2
        guard w >= 0 && w < 0.5 && beta2 >= 0 && decay >= 0 && eps > 0 && biasCorrection2 > 0 else { return false }
        // `addcdiv_` adds q = RN(RN(−stepSize·s) / denom) with |RN(−stepSize·s)| ≤ (|stepSize|·n + 1)·2⁻¹⁰⁷⁴ and
        // denom ≥ eps, so |q| < |p|·2⁻⁵⁴ < ulp(p)/2 (p + q = p) when (|stepSize|·n + 1)·2⁻¹⁰⁷⁴/eps ≤ |p|·2⁻⁵⁵.
        let limit = 0.4999999, size = abs(stepSize)
        return nx * w < limit && ny * w < limit && mx * decay < limit && my * decay < limit
            && size * nx + 1 < px * eps * 0x1p1019 && size * ny + 1 < py * eps * 0x1p1019
    }
}

/// `1 - beta ** step`, skipping `pow` once the result is known to be exactly 1.0.
///
/// If `pow(B, S) < 2^-55` was observed, then for `beta ≤ B` (both in [0, 1)) and `step ≥ S` the true
/// power is at most that value (times 1 + 2^-52 for `pow`'s error), so the computed power is below
/// 2^-54 and `1 - power` rounds to exactly 1.0. The result is the same bits `pow` would give.
struct BiasCorrectionCache {
    private var beta = -1.0
    private var step = Double.infinity

    /// Whether ``oneMinusPower(_:_:)`` returns exactly 1 for `b` and `s` without calling `pow`
    /// (and without changing the cache).
    @inline(__always)
    func isSaturated(_ b: Double, _ s: Double) -> Bool {
        b >= 0 && b <= beta && s >= step
    }

    @inline(__always)
    mutating func oneMinusPower(_ b: Double, _ s: Double) -> Double {
        if isSaturated(b, s) { return 1 }
        let power = pow(b, s)
        if b >= 0 && b < 1 && power < 0x1p-55 && (b > beta || step == .infinity) {
            beta = b
            step = s
        }
        return 1 - power
    }
}
