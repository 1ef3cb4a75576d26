import Foundation
import Testing
@testable import LRPlotCLI
import LRPlotEngine
import SystemPackage

/// Colour decided once (`--color`, NO_COLOR, CLICOLOR_FORCE, TERM=dumb) and the terminal's size.
@Suite struct TerminalAndColourTests {
    @Test func theColourRules() {
        func on(_ choice: ColorChoice = .auto, terminal: Bool = true, env variables: [String: String] = [:]) -> Bool {
            choice.enablesColor(onTerminal: terminal, variables: variables)
        }
        #expect(on() && !on(terminal: false))
        #expect(!on(env: ["NO_COLOR": "1"]) && on(env: ["NO_COLOR": ""]))  // only a non-empty value disables
        #expect(on(terminal: false, env: ["CLICOLOR_FORCE": "1"]) && !on(terminal: false, env: ["CLICOLOR_FORCE": "0"]) && !on(terminal: false, env: ["CLICOLOR_FORCE": ""]))
        #expect(!on(env: ["NO_COLOR": "1", "CLICOLOR_FORCE": "1"]))
        #expect(!on(env: ["TERM": "dumb"]) && on(terminal: false, env: ["TERM": "dumb", "CLICOLOR_FORCE": "1"]) && !on(env: ["CLICOLOR": "0"]))
        #expect(on(.always, terminal: false, env: ["NO_COLOR": "1", "TERM": "dumb"]) && !on(.never))
        #expect(ColorChoice.scanned(from: ["step", "--color", "always"]) == .always)
        #expect(ColorChoice.scanned(from: ["--color=never", "step"]) == .never)
        #expect(ColorChoice.scanned(from: ["--color", "sometimes"]) == .auto)
    }

    func run(_ arguments: [String], terminal: Bool, _ variables: [String: String] = [:], size: TerminalSize? = nil) -> RunResult {
        let out = MemoryOutput(), err = MemoryOutput()
        let code = LRPlotCommand.main(arguments, environment: CLIEnvironment(standardOutput: out, standardError: err, standardOutputIsTerminal: terminal,
                                                                             standardErrorIsTerminal: terminal, variables: variables, terminalSize: size))
        return RunResult(code: code, stdout: out.text, stderr: err.text)
    }

    @Test func errorsAndTheTerminalChartFollowTheFlagAndTheEnvironment() {
        let red = "lrplot: \u{1B}[1;31merror:\u{1B}[0m "
        #expect(run(["nosuch", "--color", "always"], terminal: false).stderr.hasPrefix(red))
        #expect(run(["nosuch", "--color=never"], terminal: true).stderr.hasPrefix("lrplot: error: "))
        #expect(run(["nosuch"], terminal: false, ["CLICOLOR_FORCE": "1"]).stderr.hasPrefix(red))
        #expect(run(["nosuch"], terminal: true, ["TERM": "dumb"]).stderr.hasPrefix("lrplot: error: "))
        let spec = temporaryFolder().appendingPathComponent("plain.sched")
        try? "--color never\n".write(to: spec, atomically: false, encoding: .utf8)
        #expect(run(["nosuch", "@" + spec.path], terminal: true).stderr.hasPrefix("lrplot: error: "))  // a spec file's --color counts
        let chart = ["step", "--step-size", "5", "--format", "term"]
        #expect(run(chart, terminal: true).stdout.contains("\u{1B}["))
        #expect(!run(chart, terminal: true, ["TERM": "dumb"]).stdout.contains("\u{1B}["))
        #expect(!run(chart + ["--color", "never"], terminal: true).stdout.contains("\u{1B}["))
        #expect(run(chart + ["--color", "always"], terminal: false).stdout.contains("\u{1B}["))
        #expect(run(["step", "--step-size", "5", "--color", "maybe"], terminal: false).stderr.contains("--color: 'maybe' is not one of auto, always, never"))
    }

    /// The chart's size: `--cols`/`--rows`, else the terminal's own size, else COLUMNS/LINES, else
    /// 80×24 (two lines left for the prompt).
    @Test func theTerminalsOwnSizeComesBeforeColumnsAndLines() {
        func size(_ extra: [String], _ variables: [String: String], _ terminal: TerminalSize?) -> (Int, Int) {
            var options = CommonOptions()
            if !extra.isEmpty { options.columns = 50; options.rows = 12 }
            return RunCommand.terminalSize(options, environment: CLIEnvironment(standardOutput: MemoryOutput(), standardError: MemoryOutput(),
                                                                                variables: variables, terminalSize: terminal))
        }
        #expect(size([], ["COLUMNS": "60", "LINES": "20"], TerminalSize(columns: 100, rows: 30)) == (100, 28))
        #expect(size([], ["COLUMNS": "60", "LINES": "20"], nil) == (60, 18))
        #expect(size([], [:], nil) == (80, 24))
        #expect(size(["--cols"], [:], TerminalSize(columns: 100, rows: 30)) == (50, 12))
        // End to end: the chart drawn for a 100×30 terminal is the one drawn with --cols 100 --rows 28.
        let chart = ["step", "--step-size", "5", "--format", "term", "--color", "never"]
        let fromTerminal = run(chart, terminal: true, ["COLUMNS": "60"], size: TerminalSize(columns: 100, rows: 30))
        #expect(fromTerminal.code == 0 && fromTerminal.stdout == run(chart + ["--cols", "100", "--rows", "28"], terminal: true).stdout)
        #expect(fromTerminal.stdout != run(chart, terminal: true, ["COLUMNS": "60"]).stdout)
    }

    /// TIOCGWINSZ on a real pseudo-terminal: the size set on its master side is what is read.
    @Test func theSizeIsReadFromARealPseudoTerminal() throws {
        // posix_openpt/unlockpt/ptsname by hand (Swift's Glibc module leaves them out): Linux's
        // TIOCSPTLCK (_IOW('T', 0x31, int)) unlocks the pair, TIOCGPTN (_IOR('T', 0x30, unsigned)) numbers it.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        try #require(master >= 0, "a pseudo-terminal can be opened")
        defer { close(master) }
        var unlock: Int32 = 0, number: UInt32 = 0
        #expect(ioctl(master, 0x4004_5431, &unlock) == 0 && ioctl(master, 0x8004_5430, &number) == 0)
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        try #require(slave >= 0)
        defer { close(slave) }
        var size = winsize(ws_row: 37, ws_col: 123, ws_xpixel: 0, ws_ypixel: 0)
        #expect(ioctl(master, UInt(TIOCSWINSZ), &size) == 0)
        #expect(TerminalSize.of(FileDescriptor(rawValue: slave)) == TerminalSize(columns: 123, rows: 37))
        #expect(isatty(slave) == 1)
        let file = try FileDescriptor.open("/dev/null", .writeOnly)
        defer { try? file.close() }
        #expect(TerminalSize.of(file) == nil)
    }
}
