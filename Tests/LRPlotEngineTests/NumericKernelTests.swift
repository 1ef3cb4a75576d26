import Foundation
import Testing
@testable import LRPlotEngine

/// The typed kernel of a pure numeric function against the evaluator it stands in for: for every
/// step, the kernel's value is the evaluator's (same type, same bits), and wherever the evaluator
/// raises, the kernel bails (so the evaluator's error is what the user sees).
@Suite struct NumericKernelTests {
    /// Runs `source` as a module the way a snippet runs before its simulation, then allows kernels.
    static func module(_ source: String) throws -> (PyRuntime, PyModuleState) {
        var context = PySnippetContext(lrs: [0.1], lrsAreExplicit: false, epochs: 10, adam: AdamSettings(), file: nil)
        context.lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let compiled = try PythonSnippet.compile(source, context)
        compiled.runtime.stopsAtFirstStep = false
        _ = try compiled.code(PyFrame(slots: 0, cells: [], function: nil, module: compiled.module))
        compiled.runtime.kernelsAllowed = true
        return (compiled.runtime, compiled.module)
    }

    static func function(_ name: String, _ module: PyModuleState) -> PyFunctionObject? {
        if case .function(let f)? = module[name] { return f }
        return nil
    }

    /// Whether two results are the same Python number: type and bits.
    static func same(_ a: PyValue, _ b: PyObject) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        default: return false
        }
    }

    struct Tally {
        var values = 0
        var bails = 0
    }

    /// Compares kernel and evaluator over `steps`; returns how many steps the kernel computed.
    @discardableResult
    static func check(_ source: String, steps: [Int], function name: String = "f", sourceLocation: SourceLocation = #_sourceLocation) throws -> Tally {
        let (rt, module) = try Self.module(source)
        guard let f = function(name, module) else {
            Issue.record("no function \(name)", sourceLocation: sourceLocation)
            return Tally()
        }
        guard let kernel = PyNumericKernel.make(f, rt) else {
            Issue.record("not a kernel:\n\(source)", sourceLocation: sourceLocation)
            return Tally()
        }
        var tally = Tally()
        // Consecutive steps run as blocks (as the simulation asks for them), scattered ones alone.
        var blocks: [(first: Int, count: Int)] = []
        for step in steps {
            if let last = blocks.last, last.first &+ last.count == step, last.count < PyNumericKernel.width {
                blocks[blocks.count - 1].count += 1
            } else {
                blocks.append((step, 1))
            }
        }
        for block in blocks {
            guard kernel.evaluate(first: block.first, count: block.count) else {
                Issue.record("step \(block.first): retired though only the kernel's function ran", sourceLocation: sourceLocation)
                return tally
            }
            let values = (0..<block.count).map { kernel.bailed[$0] ? nil : kernel.results[$0] }
            for (i, value) in values.enumerated() {
                let step = block.first + i
                rt.resetForCall()
                let expected: PyObject?
                do { expected = try rt.invoke1(f, .int(step)) } catch { expected = nil }
                // The evaluator ran the kernel's own function (as after a bail): the kernel stays valid.
                kernel.evaluatorRan()
                guard let v = value else {
                    tally.bails += 1
                    continue
                }
                tally.values += 1
                guard let expected else {
                    Issue.record("step \(step): the kernel gave \(v) where the evaluator raises\n\(source)", sourceLocation: sourceLocation)
                    continue
                }
                if !same(v, expected) {
                    Issue.record("step \(step): kernel \(v), evaluator \(expected.number.map { "\($0)" } ?? expected.typeName)\n\(source)", sourceLocation: sourceLocation)
                }
            }
        }
        return tally
    }

    static let nanoGPT = """
        import math
        learning_rate = 6e-4 # max learning rate
        warmup_iters = 2000
        lr_decay_iters = 600000
        min_lr = 6e-5
        def get_lr(it):
            # 1) linear warmup for warmup_iters steps
            if it < warmup_iters:
                return learning_rate * (it + 1) / (warmup_iters + 1)
            # 2) if it > lr_decay_iters, return min learning rate
            if it > lr_decay_iters:
                return min_lr
            # 3) in between, use cosine decay down to min learning rate
            decay_ratio = (it - warmup_iters) / (lr_decay_iters - warmup_iters)
            assert 0 <= decay_ratio <= 1
            coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio)) # coeff ranges 0..1
            return min_lr + coeff * (learning_rate - min_lr)
        """

    @Test func nanoGPTsGetLRIsAKernelAndEqualsTheEvaluator() throws {
        let steps = Array(0..<2_100) + Array(stride(from: 2_100, to: 600_500, by: 997)) + [599_999, 600_000, 600_001, 10_000_000]
        let tally = try Self.check(Self.nanoGPT, steps: steps, function: "get_lr")
        #expect(tally.values == steps.count && tally.bails == 0)
    }

    @Test(arguments: [
        // The Annotated Transformer's rate(): step 0 is clamped to 1 (a reassigned parameter).
        """
        def f(step, model_size=512, factor=1.0, warmup=4000):
            if step == 0:
                step = 1
            return factor * (model_size ** (-0.5) * min(step ** (-0.5), step * warmup ** (-1.5)))
        """,
        // Step decay with floor division, int results, conditional expressions, bools.
        """
        import math
        gamma = 0.5
        def f(epoch):
            k = epoch // 30
            lr = 1.0 if k == 0 else gamma ** k
            big = epoch > 45 and epoch % 2 == 0
            if big:
                lr = lr * 0.1
            return lr
        """,
        // Mixed int/float locals (a value-typed local), min/max of mixed numbers, abs, round, int.
        """
        def f(it):
            x = 1
            if it % 3 == 0:
                x = 0.5
            y = max(0, min(it, 10.5)) + abs(-it) - round(it / 7) + int(it * 0.3)
            return x * y
        """,
        // math functions, floor/ceil and numpy's exp/log.
        """
        import math
        import numpy as np
        def f(t):
            a = math.floor(t / 4) + math.ceil(t / 3)
            b = math.exp(-t / 50) + math.sqrt(t) + math.log(t + 1) + math.sin(t) * math.tan(0.1)
            return np.exp(-0.01 * t) * np.log(t + 2) + a + b + math.log2(t + 1) + math.log10(t + 1)
        """,
        // Bails: division by zero, overflow, domain errors and a failing assert at some steps.
        """
        import math
        def f(i):
            if i == 3:
                return 1 / (i - 3)
            if i == 4:
                return 2 ** 70 + i * 9223372036854775807
            if i == 5:
                return math.log(i - 5)
            assert i != 6
            if i == 7:
                return math.sqrt(-1.0)
            return i // 0 if i == 8 else i % (i - 9) if i == 9 else -i
        """,
        // A closure cell, an argparse namespace and a plain instance attribute folded in.
        """
        import argparse
        parser = argparse.ArgumentParser()
        parser.add_argument('--lr', type=float, default=0.1)
        args = parser.parse_args([])
        class Cfg:
            pass
        cfg = Cfg()
        cfg.warmup = 5
        def make(decay):
            def f(e):
                return args.lr * min(1.0, (e + 1) / cfg.warmup) * decay ** e
            return f
        f = make(0.97)
        """,
        // A lambda.
        """
        f = lambda epoch: 0.95 ** epoch if epoch > 3 else (epoch + 1) / 4
        """,
        // The Annotated Transformer's LambdaLR: a lambda calling rate() with keywords (inlined).
        """
        def rate(step, model_size, factor, warmup):
            if step == 0:
                step = 1
            return factor * (model_size ** (-0.5) * min(step ** (-0.5), step * warmup ** (-1.5)))
        f = lambda step: rate(step, 512, factor=1.0, warmup=40)
        """,
        // numpy's interp over global breakpoints, clip, and the float of it (a fixture's form).
        """
        import numpy as np
        points = [0, 30, 100]
        values = [0.004, 0.1, 0.0005]
        def f(it):
            return float(np.clip(np.interp(it, points, values), 1e-4, 0.08)) + np.interp(it / 3, (0.0, 10.0), [1, -1])
        """,
        // MultiStep by hand: loops over a global list, a literal tuple and range() (unrolled).
        """
        milestones = [30, 80]
        gamma = 0.1
        def warm(e, n=5):
            return min(1.0, (e + 1) / n)
        def f(epoch):
            factor = 1.0
            for m in milestones:
                if epoch >= m:
                    factor *= gamma
            for k in (100, 150.5):
                if epoch > k:
                    return factor * 0.5 + k
            total = 0
            for i in range(1, 4):
                total += epoch % (i + 1)
            else:
                total -= 1
            return warm(epoch) * factor + total * 1e-3 + i
        """,
    ])
    func formsPeopleWriteAreKernelsEqualToTheEvaluator(_ source: String) throws {
        let tally = try Self.check(source, steps: Array(-3..<200) + [1_000, 123_456, 4_611_686_018_427_387_904])
        #expect(tally.values > 100)
    }

    @Test(arguments: [
        "def f(e):\n    print(e)\n    return e\n",
        "total = 0\ndef f(e):\n    global total\n    total += 1\n    return e\n",
        "def f(e):\n    s = 0\n    while s < e:\n        s += 1\n    return s\n",
        "def f(e):\n    s = 0\n    for m in range(100):\n        s += e >= m\n    return s\n",
        "def f(e):\n    for m in [10, 20]:\n        if e > m:\n            break\n    return m\n",
        "def f(e):\n    return f(e - 1) if e > 0 else 1.0\n",
        "def f(e):\n    return [e][0]\n",
        "def f(e, *rest):\n    return e\n",
        "def f(e):\n    if e > 3:\n        x = 1\n    return x\n",
        "def f(e):\n    return e & 1\n",
        "import math\ndef f(e):\n    return math.pi if e else 'x'\n",
    ])
    func whatIsOutsideTheSubsetStaysInTheEvaluator(_ source: String) throws {
        let (rt, module) = try Self.module(source)
        let f = try #require(Self.function("f", module))
        #expect(PyNumericKernel.make(f, rt) == nil)
    }

    @Test func aFunctionTooLargeForAKernelStaysInTheEvaluator() throws {
        let body = (0..<2_000).map { "    x = x * 0.5 + e * \($0)" }.joined(separator: "\n")
        let (rt, module) = try Self.module("def f(e):\n    x = 1.0\n\(body)\n    return x\n")
        let f = try #require(Self.function("f", module))
        #expect(PyNumericKernel.make(f, rt) == nil)
        #expect(try rt.invoke1(f, .int(3)).number != nil)
    }

    @Test func aKernelRetiresWhenOtherCodeRuns() throws {
        let (rt, module) = try Self.module("base = 0.1\ndef f(e):\n    return base * e\ndef bump():\n    global base\n    base = 1.0\n")
        let f = try #require(Self.function("f", module)), bump = try #require(Self.function("bump", module))
        let kernel = try #require(PyNumericKernel.make(f, rt))
        guard case .value(.float(let before)) = kernel.call(3) else { Issue.record("no value"); return }
        #expect(before == 0.1 * 3)
        _ = try rt.invoke(bump, PyArguments([]))
        guard case .retired = kernel.call(3) else { Issue.record("the kernel did not retire"); return }
        // The evaluator sees the new global.
        let after = try rt.invoke1(f, .int(3))
        #expect(after.number == .float(3.0))
    }

    @Test func kernelsWaitForTheModuleToFinish() throws {
        let (rt, module) = try Self.module("def f(e):\n    return e * 0.5\n")
        let f = try #require(Self.function("f", module))
        rt.kernelsAllowed = false
        #expect(PyNumericKernel.make(f, rt) == nil)
    }

    /// Random functions over the subset: thousands of expressions and statement shapes, each
    /// compared with the evaluator step by step (seeded, so a failure reproduces).
    @Test func randomFunctionsAgreeWithTheEvaluator() throws {
        var generator = SeededGenerator(seed: 0x6b65726e656c)
        var computed = 0
        for _ in 0..<300 {
            let source = RandomKernelProgram.make(&generator)
            let (rt, module) = try Self.module(source)
            guard let f = Self.function("f", module) else { continue }
            do throws(PyKernelIneligible) { _ = try PyNumericKernel.compile(f, rt) } catch {
                Issue.record("not a kernel (\(error.reason)):\n\(source)")
                continue
            }
            computed += try Self.check(source, steps: Array(-2..<40) + [97, 1_000, 65_536, 3_037_000_500]).values
        }
        #expect(computed > 5_000)
    }
}

/// A small deterministic generator (SplitMix64) for the random programs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random kernel-subset functions of `it`.
enum RandomKernelProgram {
    static let constants = ["0", "1", "2", "3", "7", "-1", "1000", "9223372036854775807", "0.0", "-0.0", "0.5", "1e-3",
                            "1e308", "2.5", "-3.75", "math.inf", "a", "b", "c", "math.pi", "math.e", "True", "False"]

    static func expression(_ g: inout SeededGenerator, depth: Int, locals: [String]) -> String {
        if depth <= 0 || Int.random(in: 0..<10, using: &g) < 3 {
            let leaves = constants + ["it", "it", "it"] + locals
            return leaves.randomElement(using: &g) ?? "it"
        }
        let x = expression(&g, depth: depth - 1, locals: locals), y = expression(&g, depth: depth - 1, locals: locals)
        switch Int.random(in: 0..<16, using: &g) {
        case 0...5: return "(\(x) \(["+", "-", "*", "/", "//", "%", "**", "+", "*", "-"].randomElement(using: &g) ?? "+") \(y))"
        case 6: return "(\(x) if \(y) \(["<", ">=", "==", "!="].randomElement(using: &g) ?? "<") \(x) else \(y))"
        case 7: return "\(["min", "max"].randomElement(using: &g) ?? "min")(\(x), \(y))"
        case 8: return "\(["abs", "float", "int", "round", "math.floor", "math.ceil"].randomElement(using: &g) ?? "abs")(\(x))"
        case 9: return "\(["math.cos", "math.sin", "math.exp", "math.log", "math.sqrt", "np.exp", "np.log", "math.tanh", "math.fabs"].randomElement(using: &g) ?? "math.cos")(\(x))"
        case 10: return "(\(x) \(["and", "or"].randomElement(using: &g) ?? "and") \(y))"
        case 11: return "(not \(x))"
        case 12: return "(-\(x))"
        case 13: return "(\(x) < \(y) <= \(expression(&g, depth: 0, locals: locals)))"
        case 14: return "round(\(x), \(Int.random(in: -2...3, using: &g)))"
        default: return "(\(x) \(["<", "<=", ">", ">=", "==", "!="].randomElement(using: &g) ?? "<") \(y))"
        }
    }

    static func make(_ g: inout SeededGenerator) -> String {
        var lines = ["import math", "import numpy as np", "a = 3", "b = 0.25", "c = -7", "def f(it):"]
        var locals: [String] = []
        for i in 0..<Int.random(in: 1...4, using: &g) {
            let name = "v\(i)"
            switch Int.random(in: 0..<4, using: &g) {
            case 0:
                lines.append("    if \(expression(&g, depth: 2, locals: locals)):")
                lines.append("        return \(expression(&g, depth: 3, locals: locals))")
            case 1:
                lines.append("    \(name) = \(expression(&g, depth: 3, locals: locals))")
                lines.append("    if \(expression(&g, depth: 1, locals: locals + [name])):")
                lines.append("        \(name) = \(expression(&g, depth: 2, locals: locals + [name]))")
                lines.append("    else:")
                lines.append("        \(name) \(["+=", "*=", "-=", "/="].randomElement(using: &g) ?? "+=") \(expression(&g, depth: 2, locals: locals + [name]))")
                locals.append(name)
            default:
                lines.append("    \(name) = \(expression(&g, depth: 3, locals: locals))")
                locals.append(name)
            }
        }
        lines.append("    return \(expression(&g, depth: 3, locals: locals))")
        return lines.joined(separator: "\n") + "\n"
    }
}
