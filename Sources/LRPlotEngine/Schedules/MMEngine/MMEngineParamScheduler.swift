import Foundation

/// Which param-group entry an MMEngine scheduler drives: `lr`, or `momentum` (for Adam, the
/// `momentum` key MMEngine seeds from `betas[0]` and writes back into `betas` after every step).
enum MMEngineParam: Sendable {
    case lr, momentum
}

/// The chainable `_get_value` of one MMEngine scheduler type, with its constructor's settings.
enum MMEngineRule: Sendable {
    /// `StepParamScheduler`.
    case step(size: Int, gamma: Double)
    /// `MultiStepParamScheduler` (`milestones` as a Counter).
    case multiStep(counts: [Int: Int], gamma: Double)
    /// `ConstantParamScheduler`.
    case constant(factor: Double)
    /// `ExponentialParamScheduler`.
    case exponential(gamma: Double)
    /// `CosineAnnealingParamScheduler` (`T_max` already `T_max or (end - begin)`).
    case cosine(tMax: Double, etaMin: Double?, etaMinRatio: Double?)
    /// `LinearParamScheduler`.
    case linear(start: Double, end: Double)
    /// `PolyParamScheduler`.
    case poly(etaMin: Double, power: Double)
    /// `OneCycleParamScheduler` (the group's `initial_lr`, `max_lr`, `min_lr` are read when stepping).
    case oneCycle(totalSteps: Int, phases: [(endStep: Double, start: OneCycleAnchor, end: OneCycleAnchor)], cos: Bool)
    /// `CosineRestartParamScheduler`.
    case cosineRestart(periods: [Int], cumulative: [Int], weights: [Double], etaMin: Double?, etaMinRatio: Double?)
}

/// A group entry a OneCycle phase starts or ends at.
enum OneCycleAnchor: Sendable {
    case initial, max, min
}

/// MMEngine 0.10.7's `_ParamScheduler`: constructed against the optimizer (`initial_<param>` set
/// with `setdefault`, `base_values` copied, the constructor's own `step()`), then stepped by the
/// hook; a step inside `[begin, end)` advances `last_step` and writes `_get_value()` into every
/// group, a step outside writes nothing. Values are float64 in the library's operation order.
final class MMEngineParamScheduler {
    let param: MMEngineParam
    let begin: Double
    let end: Double
    /// `by_epoch`: stepped after every epoch instead of every iteration.
    let byEpoch: Bool
    let rule: MMEngineRule
    /// `end - begin - 1` (Constant, Linear, Poly).
    let totalIters: Double
    let baseValues: [Double]
    private(set) var globalStep = -1
    private(set) var lastStep = -1
    private let optimizer: Adam
    private let state: MMEngineGroupState
    private var pending: [Double] = []

    /// Constructs the scheduler as `_ParamScheduler.__init__` does once the subclass has set its
    /// fields (OneCycle has written its group entries before this).
    init(optimizer: Adam, state: MMEngineGroupState, param: MMEngineParam, rule: MMEngineRule,
         begin: Double, end: Double, byEpoch: Bool) throws(ScheduleError) {
        guard end > begin else {
            throw ScheduleError(parameter: "end", message: "end should be larger than begin, but got begin=\(MMEngineNumber.repr(begin)), end=\(MMEngineNumber.repr(end))")
        }
        self.optimizer = optimizer
        self.state = state
        self.param = param
        self.rule = rule
        self.begin = begin
        self.end = end
        self.byEpoch = byEpoch
        totalIters = end - begin - 1
        switch param {
        case .lr:
            for g in optimizer.groups.indices where optimizer.groups[g].initialLR == nil {
                optimizer.groups[g].initialLR = optimizer.groups[g].lr
            }
            baseValues = optimizer.groups.map { $0.initialLR ?? $0.lr }
        case .momentum:
            for g in optimizer.groups.indices where state.initialMomentum[g] == nil {
                state.initialMomentum[g] = optimizer.groups[g].betas.0
            }
            baseValues = optimizer.groups.indices.map { state.initialMomentum[$0] ?? optimizer.groups[$0].betas.0 }
        }
        try step()
    }

    /// `group[param_name]`.
    private func value(_ g: Int) -> Double {
        param == .lr ? optimizer.groups[g].lr : optimizer.groups[g].betas.0
    }

    /// `step()`: `_global_step += 1`, and inside the window `last_step += 1` and every group ←
    /// `_get_value()` (all computed before any is written). A momentum scheduler then writes
    /// `betas = (momentum, beta2)`, which is where lrplot keeps the momentum.
    func step() throws(ScheduleError) {
        globalStep += 1
        let now = Double(globalStep)
        guard begin <= now && now < end else { return }
        lastStep += 1
        let count = optimizer.groups.count
        if pending.count != count { pending = [Double](repeating: 0, count: count) }
        for g in 0..<count { pending[g] = try newValue(g) }
        for g in 0..<count {
            switch param {
            case .lr: optimizer.groups[g].lr = pending[g]
            case .momentum: optimizer.groups[g].betas.0 = pending[g]
            }
        }
    }

    /// `_get_value()` for group `g`.
    private func newValue(_ g: Int) throws(ScheduleError) -> Double {
        let v = value(g), n = lastStep, t = Double(n)
        switch rule {
        case .step(let size, let gamma):
            if n == 0 || PyMath.floorMod(n, size) != 0 { return v }
            return v * gamma
        case .multiStep(let counts, let gamma):
            guard let count = counts[n] else { return v }
            return v * (try MMEngineMath.pow(gamma, Double(count), parameter: "gamma"))
        case .constant(let factor):
            if n == 0 { return v * factor }
            if t != totalIters { return v }
            return v * (try MMEngineMath.divide(1.0, factor, parameter: "factor", what: "1.0 / factor"))
        case .exponential(let gamma):
            return n == 0 ? v : v * gamma
        case .cosine(let tMax, let etaMin, let ratio):
            let base = baseValues[g]
            let em = ratio.map { base * $0 } ?? etaMin ?? 0
            if n == 0 { return v }
            if PyArithmetic.floorDivMod(t - 1 - tMax, 2 * tMax).mod == 0 {
                return v + (base - em) * (1 - cos(Double.pi / tMax)) / 2
            }
            let ratioOfCosines = try MMEngineMath.divide(1 + cos(Double.pi * t / tMax), 1 + cos(Double.pi * (t - 1) / tMax),
                                                   parameter: "T_max", what: "the cosine recursion")
            return ratioOfCosines * (v - em) + em
        case .linear(let start, let end):
            if n == 0 { return v * start }
            let denominator = totalIters * start + (t - 1) * (end - start)
            return v * (1.0 + (try MMEngineMath.divide(end - start, denominator, parameter: "start-factor", what: "LinearLR's step factor")))
        case .poly(let etaMin, let power):
            if n == 0 { return v }
            let fraction = try MMEngineMath.divide(1, totalIters - t + 1, parameter: "end", what: "PolyLR's step factor")
            return (v - etaMin) * (try MMEngineMath.pow(1 - fraction, power, parameter: "power")) + etaMin
        case .oneCycle(let totalSteps, let phases, let cosine):
            guard n <= totalSteps else {
                throw ScheduleError(parameter: "total-steps", message: "ValueError: Tried to step \(n + 1) times. The specified number of total steps is \(totalSteps)")
            }
            var startStep = 0.0
            for (i, phase) in phases.enumerated() {
                if t <= phase.endStep || i == phases.count - 1 {
                    let pct = try MMEngineMath.divide(t - startStep, phase.endStep - startStep, parameter: "pct-start", what: "OneCycleLR's phase fraction")
                    let start = anchor(phase.start, g), end = anchor(phase.end, g)
                    if cosine {
                        let cosOut = cos(Double.pi * pct) + 1
                        return end + (start - end) / 2.0 * cosOut
                    }
                    return (end - start) * pct + start
                }
                startStep = phase.endStep
            }
            return v
        case .cosineRestart(let periods, let cumulative, let weights, let etaMin, let ratio):
            guard let idx = cumulative.firstIndex(where: { n < $0 }) else { return v }
            let base = baseValues[g]
            let nearestRestart = idx == 0 ? 0 : cumulative[idx - 1]
            let period = Double(periods[idx])
            let step = Double(n - nearestRestart)
            let em = ratio.map { base * $0 } ?? etaMin ?? 0
            if step == 0 { return base * weights[idx] }
            let ratioOfCosines = try MMEngineMath.divide(1 + cos(Double.pi * step / period), 1 + cos(Double.pi * (step - 1) / period),
                                                   parameter: "periods", what: "the cosine recursion")
            return ratioOfCosines * (v - em) + em
        }
    }

    private func anchor(_ anchor: OneCycleAnchor, _ g: Int) -> Double {
        let group = optimizer.groups[g]
        switch anchor {
        case .initial: return group.initialLR ?? group.lr
        case .max: return group.maxLR ?? group.lr
        case .min: return group.minLR ?? group.lr
        }
    }
}

/// The param-group keys MMEngine adds that torch's groups do not have (`initial_momentum`),
/// shared by every scheduler of one list.
final class MMEngineGroupState {
    var initialMomentum: [Double?]

    init(groups: Int) {
        initialMomentum = Array(repeating: nil, count: groups)
    }
}

/// Python's spelling of MMEngine's numbers in messages (`int` when whole).
enum MMEngineNumber {
    static func repr(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : PyFormat.repr(x)
    }
}

/// Python's float arithmetic with MMEngine named as the library that would raise.
enum MMEngineMath {
    /// `x / y`, raising on a zero divisor as Python does.
    static func divide(_ x: Double, _ y: Double, parameter: String?, what: String) throws(ScheduleError) -> Double {
        guard y != 0 else {
            throw ScheduleError(parameter: parameter, message: "ZeroDivisionError: float division by zero in \(what), where MMEngine would raise")
        }
        return x / y
    }

    /// `x ** y` with CPython's special cases and errors.
    static func pow(_ x: Double, _ y: Double, parameter: String?) throws(ScheduleError) -> Double {
        do {
            return try PyArithmetic.power(x, y, column: 0)
        } catch {
            throw ScheduleError(parameter: parameter, message: "\(error.kind): \(error.message) (evaluating \(PyFormat.repr(x)) ** \(PyFormat.repr(y)), where MMEngine would raise)")
        }
    }
}

extension PyMath {
    /// Python's `a % b` for integers (the sign of `b`); `b` must not be 0.
    static func floorMod(_ a: Int, _ b: Int) -> Int {
        let r = a % b
        return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
    }
}
