import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// A deterministic fuzz of the whole command line and of the expression and Python-call parsers,
/// run in-process: thousands of mutated inputs must never crash or hang, every failure must have
/// a message and exit code 1 or 2, and no run may leave a stray file.
@Suite struct FuzzTests {
    /// SplitMix64: a small, seedable generator (same cases on every machine).
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let corpus: [String] = [
        "step --step-size 5 --gamma 0.9",
        "multistep --milestones 30,60,90 --gamma 0.5 --lr 0.1,0.01",
        "exponential --gamma 0.95 --log-y",
        "cosine --t-max 30 --eta-min 0.001 --panels lr,beta1,loss",
        "lambda --lr-lambda 'lambda epoch: 0.95 ** epoch' --lr-lambda 'epoch // 30' --lr 0.02,0.001",
        "multiplicative --lr-lambda 'lambda e: 0.9 if e % 10 == 0 else 1.0'",
        "constant --factor 0.5 --total-iters 10",
        "linear --start-factor 0.1 --end-factor 1 --total-iters 20 --stats",
        "polynomial --total-iters 40 --power 2",
        "cosine-warm-restarts --t-0 10 --t-mult 2 --eta-min 1e-4",
        "cyclic --base-lr 0.001 --max-lr 0.1 --step-size-up 5 --mode triangular2 --scale-fn 'lambda x: 1 / x'",
        "onecycle --max-lr 0.1 --three-phase --anneal-strategy linear --no-cycle-momentum",
        "plateau --patience 3 --factor 0.5 --metrics 1,0.9,0.9,0.9,0.9,0.8,0.8,0.8,0.8,0.8 --epochs 10",
        "sequential --milestones 5 -- linear --start-factor 0.1 --total-iters 5 -- cosine --t-max 95",
        "chained -- constant --factor 0.5 --total-iters 10 -- exponential --gamma 0.97",
        "noam --warmup 10 --d-model 512 --lr 1",
        "'StepLR(optimizer, step_size=30, gamma=0.1)'",
        "'SequentialLR(optimizer, [LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=95)], milestones=[5])'",
        "'OneCycleLR(optimizer, max_lr=0.01, epochs=10, steps_per_epoch=10)'",
        "'CyclicLR(optimizer, 0.001, 0.1, step_size_up=4, mode=\"exp_range\", gamma=0.99)'",
        "compare 'step --step-size 30' 'cosine --t-max 100' --no-markers",
        "step --step-size 3 --steps-per-epoch 10 --theme dark --scale 2 --width 300 --height 200",
        "onecycle --max-lr 0.1 --format term --cols 40 --rows 12",
    ]

    static let interesting = [
        "--", "-", "--lr", "--epochs", "0", "-1", "1e309", "nan", "inf", "-0", "2.5", "99999999999999999999", "", ",", "1,",
        ",1", "1,,2", "'", "(", ")", "[", "]", "lambda", "--step-size", "--milestones", "--mode", "triangular", "x", "@",
        "@/nonexistent/spec", "--format", "term", "png", "json", "pdf", "--scale", "8", "0.5", "--width", "8192", "--cols",
        "1000", "--rows", "--panels", "loss,loss", "--log-y", "--metrics", "--metrics-file", "/nonexistent", "--t-max",
        "--max-lr", "--total-steps", "1", "--pct-start", "1.0", "--factor", "--no-cycle-momentum", "--three-phase",
        "compare", "help", "list", "--help", "--version", "completions", "zsh", "StepLR(", "[[[[", "lambda e: e ** e ** e",
        "1e-320", "-1e308", "0x10", "1_000", "--lr-lambda", "--scale-fn", "--verbose", "--stats", "--amsgrad", "--betas",
        "0.9,1", "--weight-decay", "-5", "--adam-eps", "--steps-per-epoch", "--title", "--ylabel", "é∑😀", "\u{0}",
    ]

    static let characters = Array("()[],:=+-*/%<>!. eE0123456789lambdaxyz'\"_@#\\\t\n")

    /// A mutated copy of `words` (no edit in a fifth of the cases, else 1–3 edits).
    static func mutate(_ words: [String], _ g: inout Generator) -> [String] {
        var words = words
        let roll = Int.random(in: 0..<10, using: &g)
        for _ in 0..<(roll < 2 ? 0 : roll < 7 ? 1 : Int.random(in: 2...3, using: &g)) {
            let i = words.isEmpty ? 0 : Int.random(in: 0..<words.count, using: &g)
            switch Int.random(in: 0..<7, using: &g) {
            case 0 where !words.isEmpty: words.remove(at: i)
            case 1 where !words.isEmpty: words.insert(words[i], at: i)
            case 2 where words.count > 1: words.swapAt(i, Int.random(in: 0..<words.count, using: &g))
            case 3: words.insert(interesting.randomElement(using: &g) ?? "", at: min(i + 1, words.count))
            case 4 where !words.isEmpty:
                var chars = Array(words[i])
                chars.insert(characters.randomElement(using: &g) ?? "(", at: chars.isEmpty ? 0 : Int.random(in: 0...chars.count, using: &g))
                words[i] = String(chars)
            case 5 where !words.isEmpty: words[i] = String(words[i].prefix(Int.random(in: 0...words[i].count, using: &g)))
            default:
                let word = interesting.randomElement(using: &g) ?? ""
                if words.isEmpty { words.append(word) } else { words[i] = word }
            }
        }
        // Keep runs short (a fuzz case must not be a benchmark): cap every --epochs value.
        for j in words.indices where words[j] == "--epochs" && j + 1 < words.count {
            if let n = Int(words[j + 1]), n > 2000 { words[j + 1] = "2000" }
        }
        return words.map { $0.hasPrefix("--epochs=") ? "--epochs=200" : $0 }
    }

    @Test func mutatedCommandLinesNeverCrashOrLeaveFiles() throws {
        // LRPLOT_FUZZ_SEED and LRPLOT_FUZZ_CASES run other or more cases locally; CI uses the defaults.
        let seed = getenv("LRPLOT_FUZZ_SEED").flatMap { UInt64(String(cString: $0)) } ?? 20261124
        let cases = getenv("LRPLOT_FUZZ_CASES").flatMap { Int(String(cString: $0)) } ?? 1500
        var g = Generator(state: seed)
        let folder = temporaryFolder()
        var failures = 0, successes = 0
        for n in 0..<cases {
            let base = FuzzTests.corpus[n % FuzzTests.corpus.count]
            var words = FuzzTests.mutate(try shellWords(base), &g)
            let ext = ["csv", "csv", "csv", "json", "svg", "png", "pdf"].randomElement(using: &g) ?? "csv"
            let output = folder.appendingPathComponent("out-\(n).\(ext)").path
            if Int.random(in: 0..<10, using: &g) > 0 { words += ["-o", output] }
            if getenv("LRPLOT_FUZZ_TRACE") != nil { FileHandle.standardError.write(Data(("FUZZ " + words.map { "<\($0)>" }.joined(separator: " ") + "\n").utf8)) }
            let r = lrplot(words)
            let line = words.joined(separator: " ")
            #expect([0, 1, 2].contains(r.code), "exit \(r.code): \(line)")
            let files = listing(folder)
            if r.code == 0 {
                successes += 1
                #expect(files.allSatisfy { $0 == "out-\(n).\(ext)" }, "stray files \(files): \(line)")
            } else {
                failures += 1
                #expect(r.stderr.hasPrefix("lrplot: error: ") && r.stderr.count > 20, "no message: \(line)")
                #expect(files.isEmpty, "a failed run left \(files): \(line)")
            }
            for file in files { try? FileManager.default.removeItem(at: folder.appendingPathComponent(file)) }
        }
        // The mutations must exercise both outcomes.
        #expect(failures > 300 && successes > 300, "\(failures) failures, \(successes) successes")
        FileHandle.standardError.write(Data("fuzz: \(failures) failures, \(successes) successes\n".utf8))
    }

    @Test func randomExpressionsAndCallsNeverCrash() {
        var g = Generator(state: 7)
        let atoms = ["epoch", "e", "x", "0", "1", "2", "0.5", "1e308", "1e-308", "-1", "math.pi", "inf", "10", "3"]
        let operators = ["+", "-", "*", "/", "//", "%", "**", "<", "<=", "==", "!=", " and ", " or ", " if x > 1 else "]
        let functions = ["min", "max", "abs", "round", "float", "int", "math.cos", "math.exp", "math.log", "math.sqrt", "pow"]
        func expression(_ depth: Int) -> String {
            if depth == 0 || Int.random(in: 0..<3, using: &g) == 0 { return atoms.randomElement(using: &g) ?? "1" }
            switch Int.random(in: 0..<4, using: &g) {
            case 0: return "(" + expression(depth - 1) + ")"
            case 1: return (functions.randomElement(using: &g) ?? "abs") + "(" + expression(depth - 1) + (Bool.random(using: &g) ? ", " + expression(depth - 1) : "") + ")"
            case 2: return "-" + expression(depth - 1)
            default: return expression(depth - 1) + (operators.randomElement(using: &g) ?? "+") + expression(depth - 1)
            }
        }
        var evaluated = 0
        for _ in 0..<2000 {
            var text = expression(5)
            if Bool.random(using: &g) { text = "lambda x: " + text }
            if Int.random(in: 0..<4, using: &g) == 0 {
                var chars = Array(text)
                if !chars.isEmpty { chars.remove(at: Int.random(in: 0..<chars.count, using: &g)) }
                text = String(chars)
            }
            guard let compiled = try? Expression(text, defaultVariable: "x") else { continue }
            for x in [0, 1, 7, 1_000_000] {
                if (try? compiled.evaluate(x)) != nil { evaluated += 1 }
            }
        }
        #expect(evaluated > 1000)
        // Deep nesting and long inputs are refused with a message, not a stack overflow.
        let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        #expect(lrplot(["lambda", "--lr-lambda", deep]).stderr.contains("--lr-lambda"))
        #expect(lrplot(["StepLR(optimizer, " + String(repeating: "[", count: 50_000) + ")"]).code == 2)
        for call in ["StepLR(", "StepLR(optimizer, 30, 0.1, 5, 6)", "SequentialLR(optimizer, [StepLR(optimizer, 3)] , milestones=[1, 2])",
                     "ChainedScheduler([ChainedScheduler([StepLR(opt, 1)])])", "LambdaLR(optimizer, lambda: 1)", "OneCycleLR(max_lr=[])",
                     "scheduler = = StepLR(opt, 3)", "torch.optim.lr_scheduler.(x)", "StepLR(optimizer, step_size=30, step_size=40)"] {
            let r = lrplot([call])
            #expect([0, 2].contains(r.code), "\(call)")
            if r.code != 0 { #expect(r.stderr.hasPrefix("lrplot: error: ")) }
        }
    }
}

/// The sandboxed evaluator under seeded random programs and their mutations: every input ends in
/// output or a diagnostic with a line, never a crash or a hang (issue 13's fuzzing in the suite;
/// `make fuzz` runs the same entry with libFuzzer).
@Suite struct SnippetFuzzTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = [
        "x = 1\n", "y = [i * 2 for i in range(5)]\n", "def f(a, b=2):\n    return a * b\n", "z = f(3)\n", "lam = lambda e: 0.9 ** e\n",
        "class C:\n    def __init__(self, v):\n        self.v = v\n    def step(self):\n        self.v += 1\n", "c = C(1)\n",
        "for i in range(3):\n    x += i\n", "while x < 10:\n    x += 1\n", "d = {'a': 1, 'b': [1, 2]}\n", "s = f'{x:.3f} {d}'\n",
        "import math\n", "w = math.cos(x) + math.exp(-x)\n", "t = (1, 2, 3)[::-1]\n", "if x > 2:\n    y = y + [x]\nelse:\n    y = []\n",
        "optimizer = torch.optim.Adam([{'params': [], 'lr': 0.1}], lr=0.01)\n",
        "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=x, gamma=0.5)\n",
        "scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lam)\n", "def get_lr(it):\n    return 0.1 * min(1, it / 10)\n",
        "try:\n    q = 1 / 0\nexcept ZeroDivisionError as e:\n    q = str(e)\n", "assert x >= 0, 'neg'\n", "print(x, y, s)\n",
        "class W(torch.optim.lr_scheduler.LRScheduler):\n    def get_lr(self):\n        return [b * 0.5 for b in self.base_lrs]\n",
        "scheduler = W(optimizer)\n", "g = [[0] * 3 for _ in range(2)]\n", "g[1][2] = sum(t)\n", "n = len(y) // 2\n",
    ]

    @Test func randomProgramsAndMutationsNeverCrash() {
        var g = Generator(state: 13)
        var ran = 0, refused = 0
        for _ in 0..<1500 {
            var text = "import torch\nx = 1\nlam = lambda e: 0.9 ** e\n"
            for _ in 0..<Int.random(in: 1...8, using: &g) { text += Self.pieces.randomElement(using: &g) ?? "" }
            var bytes = Array(text.utf8)
            for _ in 0..<max(0, Int.random(in: -2...2, using: &g)) where !bytes.isEmpty {
                let i = Int.random(in: 0..<bytes.count, using: &g)
                switch Int.random(in: 0..<3, using: &g) {
                case 0: bytes.remove(at: i)
                case 1: bytes.insert(UInt8.random(in: 32...126, using: &g), at: i)
                default: bytes.insert(contentsOf: Array(" (\n".utf8), at: i)
                }
            }
            let source = String(decoding: bytes, as: UTF8.self)
            do {
                _ = try PythonSnippet.printedOutput(of: source, file: "fuzz.py")
                ran += 1
            } catch {
                refused += 1
                #expect(!error.message.isEmpty)
            }
            let context = PySnippetContext(lrs: [0.1], lrsAreExplicit: false, epochs: 5, adam: AdamSettings(), file: "fuzz.py")
            if let run = try? PythonSnippet.run(source: source, context: context) {
                var simulation = Simulation(arguments: run.arguments, lrs: run.lrs, epochs: 5, adam: run.adam)
                simulation.startGroups = run.startGroups
                try? simulation.run(into: [])
            }
        }
        #expect(ran > 200 && refused > 200, "\(ran) ran, \(refused) refused")
    }
}
