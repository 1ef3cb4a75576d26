import Foundation
import Testing
import LRPlotCLI

/// Every fixture written by real PyTorch 2.15 (fixtures/generate_fixtures.py) is reproduced bit for
/// bit: the lr, beta1 and loss columns of every row compare equal as Doubles.
@Suite struct FixtureParityTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let arguments: String
        var description: String { name }
    }

    static let folder = testsFolder.appendingPathComponent("Fixtures/torch")

    static let cases: [Case] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            return Case(name: parts[0], arguments: parts[1])
        }
    }()

    @Test func manyCasesArePresent() {
        #expect(FixtureParityTests.cases.count >= 30)
    }

    @Test(arguments: FixtureParityTests.cases)
    func matchesPyTorchBitForBit(_ fixture: Case) throws {
        let result = lrplot(try shellWords(fixture.arguments) + ["-o", "-"])
        #expect(result.code == 0, "\(result.stderr)")
        let expected = try String(contentsOf: FixtureParityTests.folder.appendingPathComponent(fixture.name + ".csv"), encoding: .utf8)
        let actualRows = result.stdout.split(separator: "\n")
        let expectedRows = expected.split(separator: "\n")
        #expect(actualRows.first == expectedRows.first, "header")
        #expect(actualRows.count == expectedRows.count, "row count")
        var mismatches: [String] = []
        for (a, e) in zip(actualRows.dropFirst(), expectedRows.dropFirst()) {
            let av = a.split(separator: ","), ev = e.split(separator: ",")
            guard av.count == ev.count else { mismatches.append("columns: \(a) vs \(e)"); continue }
            for (x, y) in zip(av, ev) where Double(x)?.bitPattern != Double(y)?.bitPattern {
                mismatches.append("row \(av[0]): \(x) vs torch \(y)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) values differ, first: \(mismatches.prefix(3))")
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
