import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// The config fixtures written by the real libraries (fixtures/generate_config_fixtures.py: HF's
/// HfArgumentParser and Trainer arithmetic, timm's create_scheduler_v2 stepped as train.py steps
/// it) are reproduced bit for bit from the same config files, and lrplot derives the trainer's numbers.
@Suite struct ConfigFixtureTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        var description: String { name }
    }

    static let folder = testsFolder.appendingPathComponent("Fixtures/configs")

    /// cases.tsv: the config path (relative to the repository) and lrplot's settings.
    static let cases: [Case] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard parts.count == 2, var words = try? shellWords(parts[1]), !words.isEmpty else { return nil }
            words[0] = repositoryRoot.appendingPathComponent(words[0]).path
            return Case(name: parts[0], arguments: words)
        }
    }()

    static let recordedSquareRoot: String = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)) ?? ""
        guard let header = text.split(separator: "\n").first, let range = header.range(of: "sqrt ") else { return "" }
        return String(header[range.upperBound...].prefix { $0 != ";" })
    }()

    @Test func everyEcosystemHasCases() {
        #expect(ConfigFixtureTests.cases.filter { $0.name.hasPrefix("hf_") }.count >= 6)
        #expect(ConfigFixtureTests.cases.filter { $0.name.hasPrefix("timm_") }.count >= 6)
    }

    @Test(arguments: ConfigFixtureTests.cases)
    func everyValueIsBitIdentical(_ fixture: Case) throws {
        let result = lrplot(fixture.arguments + ["--sqrt", ConfigFixtureTests.recordedSquareRoot, "-o", "-"])
        #expect(result.code == 0, "\(result.stderr)")
        let expected = try String(contentsOf: ConfigFixtureTests.folder.appendingPathComponent(fixture.name + ".csv"), encoding: .utf8)
        let actualRows = result.stdout.split(separator: "\n"), expectedRows = expected.split(separator: "\n")
        #expect(actualRows.first == expectedRows.first)
        #expect(actualRows.count == expectedRows.count, "\(actualRows.count) rows, the library \(expectedRows.count)")
        var mismatches: [String] = []
        var values = 0
        for (a, e) in zip(actualRows.dropFirst(), expectedRows.dropFirst()) {
            let av = a.split(separator: ","), ev = e.split(separator: ",")
            guard av.count == ev.count else { mismatches.append("columns: \(a) vs \(e)"); continue }
            for (x, y) in zip(av.dropFirst(), ev.dropFirst()) {
                values += 1
                if Double(x)?.bitPattern != Double(y)?.bitPattern { mismatches.append("row \(av[0]): \(x) vs \(y)") }
            }
        }
        #expect(values > 0)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// `--verbose` prints the numbers lrplot derived; each equals the trainer's own.
    @Test(arguments: ConfigFixtureTests.cases)
    func theDerivedNumbersAreTheTrainers(_ fixture: Case) throws {
        let result = lrplot(fixture.arguments + ["--verbose", "-o", "-"])
        #expect(result.code == 0, "\(result.stderr)")
        let numbers = try String(contentsOf: ConfigFixtureTests.folder.appendingPathComponent(fixture.name + ".numbers"), encoding: .utf8)
        let lines = numbers.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(result.stderr.contains(line + "\n"), "\(line) not in \(result.stderr.prefix(300))")
        }
    }
}
