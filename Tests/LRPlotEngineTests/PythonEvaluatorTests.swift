import Foundation
import Testing
@testable import LRPlotEngine

/// The evaluator against CPython: each case of `fixtures/evaluator/cases.py` prints what CPython
/// 3.11 printed for it (recorded by `fixtures/evaluator/generate.py`).
@Suite struct PythonEvaluatorTests {
    static let folder = String(#filePath).split(separator: "/").dropLast().joined(separator: "/") + "/Fixtures/evaluator"

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/" + folder)) ?? []
        return names.filter { $0.hasSuffix(".py") }.map { String($0.dropLast(3)) }.sorted()
    }

    @Test func theCorpusIsThere() {
        #expect(Self.cases.count >= 11)
    }

    @Test(arguments: cases) func printsWhatCPythonPrinted(_ name: String) throws {
        let source = try String(contentsOfFile: "/\(Self.folder)/\(name).py", encoding: .utf8)
        let expected = try String(contentsOfFile: "/\(Self.folder)/\(name).out", encoding: .utf8)
        let printed: String
        do { printed = try PythonSnippet.printedOutput(of: source, file: "\(name).py") } catch {
            Issue.record("\(name): \(error.description)")
            return
        }
        let got = printed.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, (g, w)) in zip(got, want).enumerated() where g != w {
            Issue.record("\(name) line \(i + 1):\n  lrplot:  \(g)\n  CPython: \(w)")
        }
        #expect(got.count == want.count, "\(name): \(got.count) lines, CPython printed \(want.count)")
    }

    @Test func errorsNameTheExceptionAndTheLine() {
        #expect(throws: Diagnostic.self) { try PythonSnippet.printedOutput(of: "x = 1\ny = x / 0\n") }
        do { _ = try PythonSnippet.printedOutput(of: "x = 1\ny = x / 0\n", file: "s.py") } catch {
            #expect(error.message == "ZeroDivisionError: division by zero")
            #expect(error.origin.line == 2)
            #expect(error.origin.column == 7)
        }
        do { _ = try PythonSnippet.printedOutput(of: "def f(:\n", file: "s.py") } catch {
            #expect(error.message.hasPrefix("SyntaxError"))
            #expect(error.origin.line == 1)
        }
    }
}
