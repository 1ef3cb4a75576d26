import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// The randomized parity cases of fixtures/generate_random_parity.py (seeded; real torch 2.15,
/// transformers 5.24 and timm 1.0.31): every schedule family, 1–4 groups, other betas, eps, weight
/// decay, AMSGrad, and runs past the pipelined threshold and the bias corrections' saturation.
/// Every recorded value must be bit-identical; long runs record every k-th row and the last 20,
/// which are compared with the same epochs of lrplot's full output.
@Suite struct RandomParityTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let arguments: String
        var description: String { name }
    }

    static let folder = testsFolder.appendingPathComponent("Fixtures/random")
    static let index = (try? String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)) ?? ""

    static let cases: [Case] = index.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
        let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
        return Case(name: parts[0], arguments: parts.count > 1 ? parts[1] : "")
    }

    /// Values compared and bit-identical per column kind (lr, beta1, loss), and what differed.
    struct Tally {
        var compared: [String: Int] = [:]
        var identical: [String: Int] = [:]
        var mismatches: [String] = []
        var epochs = 0
    }

    static func compare(_ c: Case) throws -> Tally {
        var tally = Tally()
        let result = lrplot(try shellWords(c.arguments) + ["-o", "-"])
        guard result.code == 0 else { tally.mismatches.append("exit \(result.code): \(result.stderr)"); return tally }
        let actual = result.stdout.split(separator: "\n")
        let expected = try String(contentsOf: folder.appendingPathComponent(c.name + ".csv"), encoding: .utf8).split(separator: "\n")
        guard let header = expected.first, actual.first == header else { tally.mismatches.append("header \(actual.first ?? "")"); return tally }
        let kinds = header.split(separator: ",").map { $0.hasPrefix("lr") ? "lr" : $0.hasPrefix("beta1") ? "beta1" : String($0) }
        tally.epochs = actual.count - 1
        for row in expected.dropFirst() {
            let e = row.split(separator: ",")
            guard let epoch = Int(e[0]), epoch + 1 < actual.count else { tally.mismatches.append("row \(e[0]) missing"); continue }
            let a = actual[epoch + 1].split(separator: ",")
            guard a.count == e.count, a[0] == e[0] else { tally.mismatches.append("row \(epoch): \(actual[epoch + 1])"); continue }
            for column in 1..<e.count {
                let kind = kinds[column]
                tally.compared[kind, default: 0] += 1
                if let x = Double(a[column]), let y = Double(e[column]), x.bitPattern == y.bitPattern {
                    tally.identical[kind, default: 0] += 1
                } else {
                    tally.mismatches.append("row \(epoch) \(kind): \(a[column]) vs torch \(e[column])")
                }
            }
        }
        return tally
    }

    @Test func theCasesCoverWhatTheyClaim() {
        let cases = RandomParityTests.cases
        #expect(cases.count >= 200)
        #expect(RandomParityTests.index.contains("sqrt mkl-avx512;"))
        let arguments = cases.map(\.arguments)
        let families = ["step", "multistep", "exponential", "cosine", "cosine-warm-restarts", "constant", "linear", "polynomial", "cyclic",
                        "onecycle", "plateau", "lambda", "multiplicative", "sequential", "chained", "noam", "hf.constant", "hf.linear",
                        "hf.cosine", "hf.cosine_with_restarts", "hf.cosine_with_min_lr", "hf.cosine_warmup_with_min_lr",
                        "hf.constant_with_warmup", "hf.inverse_sqrt", "hf.polynomial", "hf.warmup_stable_decay", "timm.cosine",
                        "timm.tanh", "timm.step", "timm.multistep", "timm.poly", "timm.wsd", "timm.plateau"]
        for family in families.map({ $0 + " " }) {
            #expect(arguments.contains { $0.hasPrefix(family) }, "no \(family)case")
        }
        #expect(arguments.contains { $0.contains("--amsgrad") })
        #expect(arguments.contains { $0.contains("--weight-decay") })
        #expect(arguments.contains { $0.contains("--betas") })
        #expect(arguments.contains { $0.contains("--lr ") && $0.split(separator: " ").contains { $0.split(separator: ",").count == 4 } })
    }

    /// Every case, once (the README's summary): values compared and bit-identical per column, the
    /// cases that differ, and the long runs.
    @Test func everyValueOfEveryCaseIsBitIdentical() throws {
        var compared: [String: Int] = [:], identical: [String: Int] = [:], long = 0
        var failing: [String] = []
        for c in RandomParityTests.cases {
            let tally = try RandomParityTests.compare(c)
            compared.merge(tally.compared, uniquingKeysWith: +)
            identical.merge(tally.identical, uniquingKeysWith: +)
            if tally.epochs >= 50_000 { long += 1 }
            if !tally.mismatches.isEmpty || tally.compared["loss", default: 0] == 0 {
                failing.append("\(c.name): \(tally.mismatches.count) differ, first \(tally.mismatches.first ?? "no loss compared")")
            }
        }
        #expect(failing.isEmpty, "\(failing.count) cases differ: \(failing.prefix(5))")
        #expect(long >= 5)
        for kind in ["lr", "beta1", "loss"] {
            #expect(compared[kind, default: 0] > 10_000)
            #expect(identical[kind, default: 0] == compared[kind, default: 0], "\(kind): \(identical[kind, default: 0]) of \(compared[kind, default: 0])")
        }
    }
}
