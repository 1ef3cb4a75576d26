import Foundation
import Testing

/// The snippet fixtures and the hostile table are what the Python-evaluator parity and sandbox tests
/// read: these checks hold their shape (every case has its snippet, header and CSV; the CSV has the
/// rows and columns the header implies; the table decodes), so a regenerated or hand-edited file
/// that breaks them fails here rather than silently dropping cases.
@Suite struct SnippetFixtureFormatTests {
    @Test func everyFormTheIssueListsHasCases() {
        let names = Set(SnippetFixtures.cases.map(\.name))
        #expect(names.count == SnippetFixtures.cases.count)
        #expect(names.count >= 40)
        for prefix in ["seed_", "subclass_", "plain_class_", "pick_", "paste_", "argparse_", "timm_", "hf_"] {
            #expect(names.contains { $0.hasPrefix(prefix) }, "no case named \(prefix)…")
        }
    }

    @Test(arguments: SnippetFixtures.cases)
    func theSnippetCarriesTheHeaderOfItsCase(_ c: SnippetFixtures.Case) throws {
        let text = try String(contentsOf: c.snippet, encoding: .utf8)
        let header = text.split(separator: "\n").first { $0.hasPrefix("# lrplot:") }
        #expect(header.map { $0.dropFirst("# lrplot:".count).trimmingCharacters(in: .whitespaces) } == c.arguments)
    }

    @Test(arguments: SnippetFixtures.cases)
    func theCSVHasTheRowsAndColumnsTheHeaderImplies(_ c: SnippetFixtures.Case) throws {
        let words = try shellWords(c.arguments)
        let epochs = words.firstIndex(of: "--epochs").flatMap { Int(words[$0 + 1]) } ?? 100
        let lines = try String(contentsOf: c.csv, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        let head = lines[0].split(separator: ",").map(String.init)
        let groups = (head.count - 2) / 2
        #expect(groups >= 1)
        #expect(head == ["epoch"] + (0..<groups).map { "lr\($0)" } + (0..<groups).map { "beta1_\($0)" } + ["loss"])
        let rows = lines.dropFirst().dropLast()
        #expect(rows.count == epochs)
        for (e, row) in rows.enumerated() {
            let fields = row.split(separator: ",")
            #expect(fields.count == head.count && Int(fields[0]) == e && fields.dropFirst().allSatisfy { Double($0) != nil },
                    "\(c.name) row \(e): \(row)")
        }
    }

    @Test(arguments: SnippetFixtures.cases)
    func verboseCasesHaveTheirStdout(_ c: SnippetFixtures.Case) throws {
        let verbose = try shellWords(c.arguments).contains("--verbose")
        if verbose { #expect(c.stdout != nil) }
        guard let url = c.stdout else { return }
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.isEmpty || text.hasSuffix("\n"))
    }

    @Test func theTutorialsVerboseLinesAreThere() throws {
        let url = try #require(SnippetFixtures.cases.first { $0.name == "seed_lambdalr_two_lambdas" }?.stdout)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 12)
        #expect(lines.first == "Adjusting learning rate of group 0 to 2.0000e-02.")
        #expect(lines.last == "Adjusting learning rate of group 1 to 6.0000e-03.")
    }

    @Test func theHostileTableDecodes() throws {
        let cases = try HostileTable.load()
        #expect(cases.count >= 40)
        #expect(Set(cases.map(\.name)).count == cases.count)
        for c in cases {
            #expect(c.exitCode == 2, "\(c.name)")
            #expect(!(try c.source()).isEmpty, "\(c.name)")
        }
        let big = try #require(cases.first { $0.name == "snippet_10mb" })
        #expect(try big.source().count > 10_000_000)
        let nul = try #require(cases.first { $0.name == "nul_byte" })
        #expect(try nul.source().contains(0))
        let utf8 = try #require(cases.first { $0.name == "invalid_utf8" })
        #expect(String(validating: try utf8.source(), as: UTF8.self) == nil)
    }

    @Test func theTableEscapesDecodeAsDocumented() throws {
        #expect(try HostileTable.decode(#"a\nb\tc\rd\\e"#) == Array("a\nb\tc\rd\\e".utf8))
        #expect(try HostileTable.decode(#"\x00\xff"#) == [0, 255])
        #expect(try HostileTable.decode(#"x\R{3,ab\n}y"#) == Array("xab\nab\nab\ny".utf8))
        #expect(try HostileTable.decode(#"\R{0,zz}"#) == [])
        #expect(throws: HostileTable.FormatError.self) { try HostileTable.decode(#"\q"#) }
        #expect(throws: HostileTable.FormatError.self) { try HostileTable.decode(#"\R{3,ab"#) }
        #expect(throws: HostileTable.FormatError.self) { try HostileTable.decode("tail\\") }
    }

    @Test func aMessageIsCheckedAgainstEveryFragmentGroup() throws {
        let c = try #require(try HostileTable.load().first { $0.name == "zero_division_at_step_3" })
        #expect(c.fragments == [["ZeroDivisionError"], ["step 3", "epoch 3"]])
        #expect(c.missingFragments(in: "line 1: ZeroDivisionError: division by zero at step 3").isEmpty)
        #expect(c.missingFragments(in: "line 1: ZeroDivisionError: division by zero") == [["step 3", "epoch 3"]])
    }
}
