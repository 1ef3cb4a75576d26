import Testing
@testable import LRPlotEngine

/// ``Adam/train(steps:lrs:beta1s:losses:)`` runs each group through a whole block with its state in
/// locals, and steps that keep the state in a loop of their own. It must give the bits of the
/// step-by-step optimizer: ``Adam/stepOnRosenbrock()`` with the groups' lr and beta1 set before each
/// step, and the full arithmetic without any skipped step.
@Suite struct BlockTrainingTests {
    typealias Generator = KeptStepTests.Generator

    /// A group at the minimum with zero or subnormal moments (where steps keep the state), or
    /// somewhere on the way there, with hyper-parameters that sometimes rule the kept loop out.
    static func randomGroup(_ g: inout Generator) -> (ParamGroup, Adam.State) {
        var state = Adam.State()
        let atMinimum = g.below(3) != 0
        let parameter = atMinimum ? Tensor(1, 1) : Tensor(1 + (g.unit() - 0.5) * 1e-3, 1 + (g.unit() - 0.5) * 1e-3)
        if atMinimum || g.below(2) == 0 {
            state.expAvg = Tensor(KeptStepTests.tiny(&g, max: 24, signed: true), KeptStepTests.tiny(&g, max: 24, signed: true))
            state.expAvgSq = Tensor(KeptStepTests.tiny(&g, max: 700, signed: false), KeptStepTests.tiny(&g, max: 700, signed: false))
        } else {
            state.expAvg = Tensor((g.unit() - 0.5) * 1e-3, (g.unit() - 0.5) * 1e-3)
            state.expAvgSq = Tensor(g.unit() * 1e-6, g.unit() * 1e-6)
        }
        state.step = Float(g.below(3) == 0 ? g.below(40) : 10_000 + g.below(100_000))
        var group = ParamGroup(parameter: parameter, lr: 0.1, betas: (0.9, [0.999, 0.9999, 0.99, 0.9][Int(g.below(4))]),
                               eps: [1e-8, 1e-3, 1e-12][Int(g.below(3))],
                               weightDecay: g.below(6) == 0 ? 0.01 : 0, amsgrad: g.below(8) == 0)
        group.decoupledWeightDecay = g.below(2) == 0
        return (group, state)
    }

    static func bits(_ t: Tensor) -> [UInt64] { [t.x.bitPattern, t.y.bitPattern] }

    static func bits(_ s: Adam.State) -> [UInt64] {
        bits(s.expAvg) + bits(s.expAvgSq) + bits(s.maxExpAvgSq) + [UInt64(s.step.bitPattern)]
    }

    static func bits(_ adam: Adam) -> [UInt64] {
        adam.groups.flatMap { bits($0.parameter) } + adam.states.flatMap { bits($0) }
    }

    @Test(arguments: SquareRootKernel.allCases)
    func blocksGiveTheStepByStepBits(kernel: SquareRootKernel) {
        var g = Generator(state: 0xB10C + UInt64(kernel.rawValue.count))
        var keptSteps = 0, changedSteps = 0
        for groupCount in 1...64 {
            let steps = 1 + Int(g.below(120))
            let start = (0..<groupCount).map { _ in Self.randomGroup(&g) }
            // lr and beta1 per step and group: smooth or jumping, now and then beta1 = 1 (the block stops there).
            var lrs: [Double] = [], beta1s: [Double] = []
            let stopsAt = g.below(5) == 0 ? Int(g.below(UInt64(steps))) : -1
            for i in 0..<steps {
                for k in 0..<groupCount {
                    lrs.append(g.below(4) == 0 ? g.unit() * 0.3 : 0.01 * Double(1 + (i + k) % 7))
                    beta1s.append(i == stopsAt && k == groupCount / 2 ? 1 : 0.8 + 0.19 * g.unit())
                }
            }
            let block = Adam(groups: start.map(\.0), squareRoot: kernel)
            block.states = start.map(\.1)
            var losses = [Double](repeating: .nan, count: steps)
            let (done, failure) = lrs.withUnsafeBufferPointer { lrs in
                beta1s.withUnsafeBufferPointer { beta1s in
                    losses.withUnsafeMutableBufferPointer { block.train(steps: steps, lrs: lrs, beta1s: beta1s, losses: $0) }
                }
            }
            #expect(done == (stopsAt >= 0 ? stopsAt : steps))
            #expect((failure != nil) == (stopsAt >= 0))

            // The step-by-step optimizer, and the full arithmetic of every step (nothing skipped).
            let stepped = Adam(groups: start.map(\.0), squareRoot: kernel)
            stepped.states = start.map(\.1)
            var full = start
            for i in 0..<done {
                for k in 0..<groupCount {
                    stepped.groups[k].lr = lrs[i * groupCount + k]
                    stepped.groups[k].betas.0 = beta1s[i * groupCount + k]
                }
                let loss: Double
                do { loss = try stepped.stepOnRosenbrock() } catch {
                    Issue.record("step \(i) raised \(error)")
                    return
                }
                var fullLoss = 0.0
                for k in 0..<groupCount {
                    let group = full[k].0
                    fullLoss += Rosenbrock.value(group.parameter)
                    let before = Self.bits(full[k].1) + Self.bits(group.parameter)
                    var parameter = group.parameter, state = full[k].1
                    _ = Adam.update(&parameter, lr: lrs[i * groupCount + k], beta1: beta1s[i * groupCount + k], beta2: group.betas.1,
                                    eps: group.eps, weightDecay: group.weightDecay, decoupled: group.decoupledWeightDecay, amsgrad: group.amsgrad,
                                    squareRoot: kernel, fields: kernel.fields, state: &state, skipsKeptSteps: false)
                    full[k].0.parameter = parameter
                    full[k].1 = state
                    let after = Self.bits(full[k].1) + Self.bits(full[k].0.parameter)
                    // Only the step counter moved: a step the kept loop may take.
                    if before.dropLast(3) == after.dropLast(3) && before.suffix(2) == after.suffix(2) { keptSteps += 1 } else { changedSteps += 1 }
                }
                #expect(loss.bitPattern == losses[i].bitPattern, "\(groupCount) groups, step \(i)")
                #expect(fullLoss.bitPattern == losses[i].bitPattern, "\(groupCount) groups, step \(i)")
            }
            #expect(Self.bits(block) == Self.bits(stepped), "\(groupCount) groups")
            let fullBits = full.flatMap { Self.bits($0.0.parameter) } + full.flatMap { Self.bits($0.1) }
            #expect(Self.bits(block) == fullBits, "\(groupCount) groups")
        }
        // Both kinds of step must have been exercised for the comparison to mean anything.
        #expect(keptSteps > 10_000)
        #expect(changedSteps > 10_000)
    }
}
