import Foundation
import Testing
@testable import LRPlotCLI
import LRPlotEngine

/// Issue 6: help, list, completions and the man page come from the registry; errors are
/// explained, suggest, show a usage line and are coloured only on a terminal.
@Suite struct CLIPolishTests {
    @Test(arguments: ScheduleRegistry.all.map(\.name))
    func everyScheduleIsInHelpListCompletionsAndTheManPage(_ name: String) throws {
        let definition = try #require(ScheduleRegistry.lookup(name))
        let flags = definition.parameters.filter { !$0.isPythonOnly }.map { "--" + $0.name }
        #expect(lrplot(["list"]).stdout.contains("  " + name))
        let help = lrplot(["help", name]).stdout
        #expect(help.contains("Usage: lrplot \(name)"))
        for flag in flags { #expect(help.contains(flag), "\(flag) in help") }
        #expect(lrplot([name, "--help"]).stdout == help)
        for shell in ShellCompletions.shells {
            let script = lrplot(["completions", shell]).stdout
            #expect(script.contains(name), "\(name) in \(shell)")
            for flag in flags {
                let text = shell == "fish" ? "-l \(flag.dropFirst(2))" : flag
                #expect(script.contains(text), "\(flag) in \(shell)")
            }
        }
        let man = lrplot(["man"]).stdout
        #expect(man.contains(".SS " + ManPage.roff(name)))
        for flag in flags { #expect(man.contains(ManPage.roff(flag)), "\(flag) in the man page") }
    }

    @Test func completionScriptsParseInTheirShells() throws {
        for (shell, check) in [("bash", ["bash", "-n"]), ("zsh", ["zsh", "-n"]), ("fish", ["fish", "--no-execute"])] {
            let path = ["/bin/" + check[0], "/usr/bin/" + check[0]].first { FileManager.default.isExecutableFile(atPath: $0) }
            guard let path else { continue }  // a shell that is not installed is not checked
            let file = temporaryFolder().appendingPathComponent("completion.\(shell)")
            try lrplot(["completions", shell]).stdout.write(to: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = Array(check.dropFirst()) + [file.path]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(shell) rejects its completion script")
        }
        #expect(lrplot(["completions", "tcsh"]).stderr.contains("not one of bash, zsh, fish"))
    }

    @Test func manPageIsPlainASCIIRoff() {
        let man = lrplot(["man"]).stdout
        #expect(man.hasPrefix(".TH LRPLOT 1"))
        #expect(man.unicodeScalars.allSatisfy { $0.isASCII })
        for section in [".SH NAME", ".SH SYNOPSIS", ".SH COMMON OPTIONS", ".SH SCHEDULES", ".SH EXIT STATUS", ".SH EXAMPLES"] {
            #expect(man.contains(section))
        }
    }

    @Test func listIsGroupedByFamily() {
        let list = lrplot(["list"]).stdout
        let torch = list.range(of: "PyTorch torch.optim.lr_scheduler")
        let extra = list.range(of: "Other schedules")
        #expect(torch != nil && extra != nil)
        if let torch, let extra, let noam = list.range(of: "  noam") { #expect(torch.lowerBound < extra.lowerBound && extra.lowerBound < noam.lowerBound) }
    }

    @Test func errorsShowTheSchedulesUsageLine() {
        let r = lrplot(["step", "--step-size", "2.5"])
        #expect(r.code == 2)
        #expect(r.stderr == "lrplot: error: --step-size: '2.5' is not an integer; expected an integer ≥ 1\nusage: lrplot step --step-size INT [--gamma X]\n")
        #expect(lrplot(["cyclic", "--mode", "triangle", "--max-lr", "1"]).stderr.contains("Did you mean 'triangular'?"))
        #expect(lrplot(["cosin", "--t-max", "3"]).stderr.contains("Did you mean 'cosine'?"))
    }

    /// NO_COLOR disables colour only when non-empty (https://no-color.org); see TerminalAndColourTests.
    @Test func errorsAreColouredOnlyOnATerminalWithoutNoColor() {
        func stderr(terminal: Bool, _ variables: [String: String]) -> String {
            let out = MemoryOutput(), err = MemoryOutput()
            _ = LRPlotCommand.main(["nosuch"], environment: CLIEnvironment(standardOutput: out, standardError: err,
                                                                          standardErrorIsTerminal: terminal, variables: variables))
            return err.text
        }
        #expect(stderr(terminal: true, [:]).hasPrefix("lrplot: \u{1B}[1;31merror:\u{1B}[0m "))
        #expect(stderr(terminal: true, ["NO_COLOR": "1"]).hasPrefix("lrplot: error: "))
        #expect(stderr(terminal: true, ["NO_COLOR": ""]).hasPrefix("lrplot: \u{1B}[1;31merror:\u{1B}[0m "))
        #expect(stderr(terminal: false, [:]).hasPrefix("lrplot: error: "))
    }

    @Test func hugeImagesAndBinaryOutputOnStandardOutputAreRefused() {
        #expect(lrplot(["step", "--step-size", "5", "--scale", "8", "--width", "8192", "-o", "x.png"]).stderr.contains("at most 16384"))
        #expect(lrplot(["step", "--step-size", "5", "--format", "png"]).stderr.contains("refusing to write PNG to standard output"))
        #expect(lrplot(["step", "--step-size", "5", "--format", "pdf", "-o", "-"]).code == 2)
        let svg = lrplot(["step", "--step-size", "5", "--format", "svg", "-o", "-"])
        #expect(svg.code == 0 && svg.stdout.contains("<svg"))
    }
}
