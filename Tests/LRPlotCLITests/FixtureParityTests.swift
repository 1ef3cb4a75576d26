import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// Every fixture written by real PyTorch 2.15 (fixtures/generate_fixtures.py) is reproduced bit for
/// bit: the lr, beta1 and loss columns of every row compare equal as Doubles.
@Suite struct FixtureParityTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let arguments: String
        var description: String { name }
    }

    static let folder = testsFolder.appendingPathComponent("Fixtures/torch")

    static let cases: [Case] = cases(in: folder)

    /// The cases listed in `folder`'s cases.tsv (name, tab, lrplot arguments).
    static func cases(in folder: URL) -> [Case] {
        let text = (try? String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            return Case(name: parts[0], arguments: parts[1])
        }
    }

    /// The square root torch computed the fixtures with (cases.tsv's header: `sqrt mkl-avx512;`).
    static let recordedSquareRoot: String = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)) ?? ""
        guard let header = text.split(separator: "\n").first, let range = header.range(of: "sqrt ") else { return "" }
        return String(header[range.upperBound...].prefix { $0 != ";" })
    }()

    @Test func manyCasesArePresent() {
        #expect(FixtureParityTests.cases.count >= 100)
    }

    /// The fixtures were recorded with MKL's AVX-512 kernel, lrplot's fixed default (so the same
    /// inputs give the same file on any machine); `--sqrt native` follows this machine's CPU.
    @Test func theFixturesWereRecordedWithTheDefaultSquareRoot() throws {
        #expect(FixtureParityTests.recordedSquareRoot == AdamSettings().squareRoot.rawValue)
        let line = ["hf.constant", "--lr", "0.016", "--epochs", "372", "-o", "-"]
        let byDefault = lrplot(line), native = lrplot(line + ["--sqrt", "native"])
        let named = lrplot(line + ["--sqrt", SquareRootKernel.native.rawValue]), avx2 = lrplot(line + ["--sqrt", "mkl-avx2"])
        #expect(byDefault.code == 0 && native.stdout == named.stdout)
        // The issue-17 repro: row 371's loss is the AVX2 kernel's 4.092070897240628 and the AVX-512 kernel's …629.
        #expect(avx2.stdout.contains("\n371,0.016,0.9,4.092070897240628\n"), "\(avx2.stdout.suffix(80))")
        #expect(byDefault.stdout.contains("\n371,0.016,0.9,4.092070897240629\n"))
        #expect(lrplot(line + ["--sqrt", "mkl"]).stderr.contains("--sqrt: 'mkl' is not one of native, ieee, mkl-avx512, mkl-avx2"))
    }

    struct Comparison {
        var mismatches: [String] = []
        var values = 0
        var bitIdentical = 0
    }

    /// Runs `fixture` through lrplot and compares every value with PyTorch's: lr, beta1 and the toy
    /// loss must all be bit-identical (the loss needs autograd's gradient, the fused weight decay
    /// and MKL's `sqrt`, which lrplot reproduces).
    static func compare(_ fixture: Case, in folder: URL) throws -> Comparison {
        try compare(fixture, folder: folder)
    }

    static func compare(_ fixture: Case, folder: URL = folder, squareRoot: String = recordedSquareRoot) throws -> Comparison {
        var comparison = Comparison()
        let result = lrplot(try shellWords(fixture.arguments) + ["--sqrt", squareRoot, "-o", "-"])
        guard result.code == 0 else { comparison.mismatches.append("exit \(result.code): \(result.stderr)"); return comparison }
        let expected = try String(contentsOf: folder.appendingPathComponent(fixture.name + ".csv"), encoding: .utf8)
        let actualRows = result.stdout.split(separator: "\n")
        let expectedRows = expected.split(separator: "\n")
        if actualRows.first != expectedRows.first { comparison.mismatches.append("header \(actualRows.first ?? "")") }
        if actualRows.count != expectedRows.count { comparison.mismatches.append("\(actualRows.count) rows, torch \(expectedRows.count)") }
        for (a, e) in zip(actualRows.dropFirst(), expectedRows.dropFirst()) {
            let av = a.split(separator: ","), ev = e.split(separator: ",")
            guard av.count == ev.count else { comparison.mismatches.append("columns: \(a) vs \(e)"); continue }
            for (column, (x, y)) in zip(av, ev).enumerated() {
                guard let dx = Double(x), let dy = Double(y) else { comparison.mismatches.append("row \(av[0]): unreadable \(x) / \(y)"); continue }
                if column == 0 {
                    if dx != dy { comparison.mismatches.append("row \(av[0]): epoch \(x) vs \(y)") }
                    continue
                }
                comparison.values += 1
                if dx.bitPattern == dy.bitPattern { comparison.bitIdentical += 1; continue }
                comparison.mismatches.append("row \(av[0]) column \(column): \(x) vs torch \(y)")
            }
        }
        return comparison
    }

    @Test(arguments: FixtureParityTests.cases)
    func matchesPyTorch(_ fixture: Case) throws {
        let comparison = try FixtureParityTests.compare(fixture)
        #expect(comparison.values > 0)
        #expect(comparison.mismatches.isEmpty, "\(comparison.mismatches.count) values differ, first: \(comparison.mismatches.prefix(3))")
    }

    /// Every value of every fixture is bit-identical (the README reports the count).
    @Test func everyValueIsBitIdentical() throws {
        var values = 0, identical = 0
        for fixture in FixtureParityTests.cases {
            let comparison = try FixtureParityTests.compare(fixture)
            values += comparison.values
            identical += comparison.bitIdentical
        }
        #expect(values > 190_000)
        #expect(identical == values, "\(identical) of \(values) bit-identical")
    }

    /// Every fixture recorded with PyTorch ≤ 2.1's verbose lines is reproduced byte for byte
    /// (on standard error, since the CSV goes to standard output).
    @Test(arguments: FixtureParityTests.cases.filter {
        FileManager.default.fileExists(atPath: FixtureParityTests.folder.appendingPathComponent($0.name + ".verbose.txt").path)
    })
    func verboseMatchesPyTorch(_ fixture: Case) throws {
        let expected = try String(contentsOf: FixtureParityTests.folder.appendingPathComponent(fixture.name + ".verbose.txt"), encoding: .utf8)
        let result = lrplot(try shellWords(fixture.arguments) + ["--verbose"])
        #expect(result.code == 0)
        #expect(result.stderr == expected)
    }

    @Test func verboseReproducesTheSeedsTwelveLinesByteForByte() throws {
        let expected = try String(contentsOf: FixtureParityTests.folder.appendingPathComponent("lambda_seed_verbose.verbose.txt"), encoding: .utf8)
        let folder = temporaryFolder()
        let result = lrplot(try shellWords("lambda --lr 0.02,0.001 --lr-lambda 'lambda epoch: epoch // 30' --lr-lambda 'lambda epoch: 0.95 ** epoch' --epochs 5 --verbose")
                            + ["-o", folder.appendingPathComponent("v.png").path])
        #expect(result.code == 0)
        #expect(result.stdout == expected)
        #expect(expected.split(separator: "\n").count == 12)
    }

    @Test func verboseGoesToStandardErrorWhenCSVIsOnStandardOutput() throws {
        let expected = try String(contentsOf: FixtureParityTests.folder.appendingPathComponent("lambda_065_pow.verbose.txt"), encoding: .utf8)
        let result = lrplot(try shellWords("lambda --lr-lambda 'lambda epoch: 0.65 ** epoch' --lr 100.0 --epochs 10 --verbose"))
        #expect(result.stderr == expected)
        #expect(result.stdout.hasPrefix("epoch,lr0,beta1_0,loss\n"))
    }
}
