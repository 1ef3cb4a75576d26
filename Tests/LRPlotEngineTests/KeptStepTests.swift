import Testing
@testable import LRPlotEngine

/// Adam skips a step at an exactly zero gradient when it provably changes no bit
/// (``Adam/zeroGradientStepKeepsState(parameter:expAvg:expAvgSq:beta1:beta2:eps:stepSize:biasCorrection2:)``).
/// Here the skipped step is compared with the full arithmetic on states near and across the limits.
@Suite struct KeptStepTests {
    /// SplitMix64, so the cases are the same on every run.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
        mutating func below(_ n: UInt64) -> UInt64 { next() % n }
    }

    /// A zero, subnormal or (sometimes) small normal moment value.
    static func tiny(_ g: inout Generator, max: UInt64, signed: Bool) -> Double {
        switch g.below(10) {
        case 0: return signed && g.below(2) == 0 ? -0.0 : 0.0
        case 1: return Double(bitPattern: (1 << 52) + g.below(1000))  // just above the subnormals
        default:
            let magnitude = Double(bitPattern: g.below(max) + 1)
            return signed && g.below(2) == 0 ? -magnitude : magnitude
        }
    }

    @Test(arguments: SquareRootKernel.allCases)
    func skippedStepsAreTheFullStepsBits(kernel: SquareRootKernel) {
        var g = Generator(state: 0x5EED + UInt64(kernel.rawValue.count))
        var skipped = 0, full = 0
        for _ in 0..<200_000 {
            var state = Adam.State()
            state.expAvg = Tensor(Self.tiny(&g, max: 24, signed: true), Self.tiny(&g, max: 24, signed: true))
            state.expAvgSq = Tensor(Self.tiny(&g, max: 700, signed: false), Self.tiny(&g, max: 700, signed: false))
            state.step = Float(g.below(3) == 0 ? g.below(40) : 100_000 + g.below(1_000_000))
            let beta1 = [0.0, 0.5, 0.85, 0.9, 0.95, 0.99, 0.999, 1.0001, 0.5 - 1e-9][Int(g.below(9))] + (g.below(2) == 0 ? 0 : g.unit() * 0.01)
            let beta2 = [0.999, 0.9999, 0.999, 0.99, 0.9, 0.5, 1.0][Int(g.below(7))]
            let lr = [0.0, 1e-3, 0.01, 0.1, 0.02, 0.05, 0.2, 0.4999, 3.0, .infinity, .nan][Int(g.below(11))] * (g.below(4) == 0 ? -1 : 1)
            let eps = [1e-8, 0.0, 1e-3, .infinity][Int(g.below(4))]
            // Rosenbrock's gradient is exactly zero at (1, 1) only; elsewhere nothing may be skipped.
            let parameter = g.below(8) == 0 ? Tensor(1 + g.unit() * 1e-6, 1) : Tensor(1, 1)
            var fast = state, slow = state
            var fastParameter = parameter, slowParameter = parameter
            let fastDone = Adam.update(&fastParameter, lr: lr, beta1: beta1, beta2: beta2, eps: eps, weightDecay: 0, amsgrad: false,
                                       squareRoot: kernel, fields: kernel.fields, state: &fast)
            let slowDone = Adam.update(&slowParameter, lr: lr, beta1: beta1, beta2: beta2, eps: eps, weightDecay: 0, amsgrad: false,
                                       squareRoot: kernel, fields: kernel.fields, state: &slow, skipsKeptSteps: false)
            #expect(fastDone == slowDone)
            let bits = { (t: Tensor) in [t.x.bitPattern, t.y.bitPattern] }
            let same = bits(fastParameter) == bits(slowParameter) && bits(fast.expAvg) == bits(slow.expAvg)
                && bits(fast.expAvgSq) == bits(slow.expAvgSq) && fast.step == slow.step
            #expect(same, "lr \(lr) beta1 \(beta1) beta2 \(beta2) eps \(eps) m \(state.expAvg) v \(state.expAvgSq)")
            if !same { return }
            let keeps = slowDone && parameter == Tensor(1, 1) && Adam.zeroGradientStepKeepsState(
                parameter: parameter, expAvg: state.expAvg, expAvgSq: state.expAvgSq, beta1: beta1, beta2: beta2, eps: eps,
                stepSize: lr / (1 - pow(beta1, Double(state.step + 1))), biasCorrection2: 1 - pow(beta2, Double(state.step + 1)))
            if keeps { skipped += 1 } else { full += 1 }
        }
        // Both paths must have been exercised for the comparison to mean anything.
        #expect(skipped > 1_000)
        #expect(full > 20_000)
    }
}
