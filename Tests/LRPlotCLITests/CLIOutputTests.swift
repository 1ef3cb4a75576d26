import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// Issue 12's command-line items: a format that contradicts the extension, compare as CSV and JSON,
/// and info commands wrapped to the terminal.
@Suite struct CLIOutputTests {
    @Test func aFormatThatContradictsTheExtensionIsAnError() throws {
        let folder = temporaryFolder()
        let png = folder.appendingPathComponent("x.png").path
        let r = lrplot(["step", "--step-size", "3", "-o", png, "--format", "csv"])
        #expect(r.code == 2 && r.stderr.contains("--format csv contradicts -o \(png)"), "\(r.stderr)")
        #expect(listing(folder).isEmpty)
        // Without an extension that says otherwise, --format chooses.
        let dat = folder.appendingPathComponent("x.dat").path
        #expect(lrplot(["step", "--step-size", "3", "-o", dat, "--format", "csv"]).code == 0)
        #expect(lrplot(["step", "--step-size", "3", "-o", png, "--format", "png"]).code == 0)
    }

    /// The columns of spec k in the compare CSV are that spec's own CSV columns.
    @Test func compareWritesCSVWithOneColumnPerScheduleAndGroup() throws {
        let specs = ["step --step-size 3", "cosine --t-max 4 --lr 0.1,0.2 --epochs 5"]
        let r = lrplot(["compare"] + specs + ["--epochs", "7", "-o", "-"])
        #expect(r.code == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["epoch", "s1_lr0", "s1_beta1_0", "s1_loss", "s2_lr0", "s2_lr1", "s2_beta1_0", "s2_beta1_1", "s2_loss"])
        #expect(rows.count == 8)
        let one = lrplot(try shellWords(specs[0]) + ["--epochs", "7", "-o", "-"]).stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let two = lrplot(try shellWords(specs[1]) + ["-o", "-"]).stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        for (e, row) in rows.dropFirst().enumerated() {
            #expect(row[0] == "\(e)")
            #expect(Array(row[1...3]) == Array(one[e].dropFirst()))
            if e < 5 { #expect(Array(row[4...8]) == Array(two[e].dropFirst())) } else { #expect(row[4...8].allSatisfy { $0.isEmpty }) }
        }
    }

    @Test func compareWritesJSONWithOneRunPerSpec() throws {
        let folder = temporaryFolder()
        let path = folder.appendingPathComponent("c.json")
        let r = lrplot(["compare", "step --step-size 3", "'ExponentialLR(optimizer, 0.9)' --lr 0.1,0.2", "--epochs", "6", "-o", path.path])
        #expect(r.code == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any]
        let runs = object?["compare"] as? [[String: Any]]
        #expect(runs?.count == 2)
        let single = lrplot(["ExponentialLR(optimizer, 0.9)", "--lr", "0.1,0.2", "--epochs", "6", "--format", "json", "-o", "-"])
        let expected = try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any]
        #expect((runs?[1]["groups"] as? [[String: [Double]]]) == (expected?["groups"] as? [[String: [Double]]]))
        #expect((runs?[0]["epochs"] as? Int) == 6)
        #expect(listing(folder) == ["c.json"])
    }

    /// On a terminal, list and help are wrapped to its width (here 50 columns), losing no word.
    @Test func infoCommandsWrapToTheTerminal() throws {
        for words in [["list"], ["help", "cyclic"], ["--help"], ["help", "hf.warmup_stable_decay"]] {
            let out = MemoryOutput(), err = MemoryOutput()
            var environment = CLIEnvironment(standardOutput: out, standardError: err, standardOutputIsTerminal: true)
            environment.terminalSize = TerminalSize(columns: 50, rows: 20)
            #expect(LRPlotCommand.main(words, environment: environment) == 0)
            let wide = lrplot(words).stdout
            for line in out.text.split(separator: "\n") where line.count > 50 {
                // Only a single word longer than the line may stick out.
                #expect(!line.trimmingCharacters(in: .whitespaces).contains(" "), "\(words): \(line)")
            }
            let tokens = { (text: String) in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) }
            #expect(tokens(out.text) == tokens(wide), "\(words)")
        }
        // Not a terminal: 80 columns.
        #expect(lrplot(["list"]).stdout.split(separator: "\n").allSatisfy { $0.count <= 80 || !$0.trimmingCharacters(in: .whitespaces).contains(" ") })
    }
}
