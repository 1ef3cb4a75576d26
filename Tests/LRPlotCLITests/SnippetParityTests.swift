import Foundation
import Testing
@testable import LRPlotCLI

/// Issue 13's snippets against real CPython + torch 2.15 (fixtures/generate_snippet_fixtures.py):
/// `lrplot fixtures/snippets/NAME.py ARGS` writes the CSV torch's run wrote (lr and beta1 of every
/// group and the toy loss, bit for bit) and prints exactly what the snippet printed.
@Suite struct SnippetParityTests {
    static let squareRoot = "mkl-avx512"

    @Test func theCorpusIsThere() {
        #expect(SnippetFixtures.cases.count >= 40)
    }

    @Test(arguments: SnippetFixtures.cases)
    func matchesCPython(_ fixture: SnippetFixtures.Case) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("run.csv")
        let result = lrplot([fixture.snippet.path] + (try shellWords(fixture.arguments)) + ["--sqrt", Self.squareRoot, "-o", output.path])
        guard result.code == 0 else {
            Issue.record("\(fixture.name): exit \(result.code): \(result.stderr)")
            return
        }
        let expected = try String(contentsOf: fixture.csv, encoding: .utf8).split(separator: "\n")
        let actual = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        #expect(actual.first == expected.first, "\(fixture.name): header \(actual.first ?? "") vs \(expected.first ?? "")")
        #expect(actual.count == expected.count, "\(fixture.name): \(actual.count) rows, torch \(expected.count)")
        var mismatches: [String] = []
        for (a, e) in zip(actual.dropFirst(), expected.dropFirst()) where a != e {
            let av = a.split(separator: ","), ev = e.split(separator: ",")
            let same = av.count == ev.count && zip(av, ev).allSatisfy { x, y in Double(x).map(\.bitPattern) == Double(y).map(\.bitPattern) }
            if !same { mismatches.append("\(a)  vs torch  \(e)") }
        }
        #expect(mismatches.isEmpty, "\(fixture.name): \(mismatches.count) rows differ, first: \(mismatches.prefix(2))")
        let printed = try fixture.stdout.map { try String(contentsOf: $0, encoding: .utf8) } ?? ""
        #expect(result.stdout == printed, "\(fixture.name): stdout\n\(result.stdout)\nCPython printed\n\(printed)")
    }

    /// The functions of the step among the fixtures are drawn through typed kernels (so the parity
    /// above holds for the kernels, not only for the evaluator).
    @Test(arguments: ["nanogpt_get_lr", "bare_function_defaults", "pick_function_raw", "numpy_interp_clip"])
    func functionsOfTheStepRunAsKernels(_ name: String) throws {
        let fixture = try #require(SnippetFixtures.cases.first { $0.name == name })
        let result = lrplot([fixture.snippet.path] + (try shellWords(fixture.arguments)) + ["--verbose", "-o", "-", "--format", "csv"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("compiled to a typed kernel"), "\(name): \(result.stderr)")
    }
}

/// What a snippet resolved is reported: `--verbose` names the drawn object and each binding (on
/// standard error), and the JSON output carries the bindings.
@Suite struct SnippetBindingReportTests {
    static let snippet = """
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument('--step', type=int, default=7)
    args = parser.parse_args()
    scheduler = StepLR(optimizer, step_size=args.step, gamma=gamma)
    """

    @Test func verboseAndJSONShowTheBindings() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("s.py")
        try Self.snippet.write(to: file, atomically: true, encoding: .utf8)
        let json = lrplot([file.path, "--set", "gamma=0.5", "--epochs", "3", "-o", "-", "--format", "json", "--verbose"])
        #expect(json.code == 0, "\(json.stderr)")
        #expect(json.stdout.contains(#""bindings":{"gamma":"0.5","args.step":"7"}"#), "\(json.stdout.prefix(400))")
        #expect(json.stderr.contains("lrplot: drawing scheduler = StepLR(…)"))
        #expect(json.stderr.contains("lrplot: args.step = 7"))
        let missing = lrplot([file.path, "-o", "-"])
        #expect(missing.code == 2)
        #expect(missing.stderr.contains("--set gamma=VALUE"), "\(missing.stderr)")
    }
}
