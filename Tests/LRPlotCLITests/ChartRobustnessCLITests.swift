import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// Issue 12 end to end: charts that used to trap, stall or mislead.
@Suite struct ChartRobustnessCLITests {
    func term(_ arguments: [String], cols: Int = 60, rows: Int = 16) -> RunResult {
        lrplot(arguments + ["--format", "term", "--cols", "\(cols)", "--rows", "\(rows)"])
    }

    @Test func aSubnormalOnALogAxisIsANote() throws {
        let r = term(["exponential", "--gamma", "0.5", "--epochs", "1071", "--log-y"])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout.contains("subnormal"))
        let out = temporaryFolder().appendingPathComponent("sub.png")
        let png = lrplot(["exponential", "--gamma", "0.5", "--epochs", "1071", "--log-y", "-o", out.path])
        #expect(png.code == 0, "\(png.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.path))
    }

    @Test func anOverflowingRangeIsANote() {
        let arguments = ["lambda", "--lr", "1.7e308", "--lr-lambda", "lambda e: 1 - 2*e", "--epochs", "5"]
        let r = term(arguments)
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout.contains("overflow"))
        let out = temporaryFolder().appendingPathComponent("big.svg")
        let svg = lrplot(arguments + ["-o", out.path])
        #expect(svg.code == 0, "\(svg.stderr)")
    }

    @Test func nonFiniteLearningRatesAreNoted() {
        let all = term(["lambda", "--lr-lambda", "lambda e: math.inf", "--epochs", "5"], rows: 20)
        #expect(all.code == 0)
        #expect(all.stdout.contains("lr is inf at every epoch"))
        let one = term(["lambda", "--lr-lambda", "lambda e: 1 if e != 3 else math.inf - math.inf", "--epochs", "8"], rows: 20)
        #expect(one.stdout.contains("lr is nan at 1 epoch (first: epoch 3)"))
    }

    @Test func aHugeTitleIsCut() {
        let title = String(repeating: "x", count: 100_000)
        let r = term(["step", "--step-size", "5", "--title", title])
        #expect(r.code == 0)
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count <= 60 })
        #expect(r.stdout.contains("x…"))
    }

    @Test func controlCharactersAndLongLabelsInTheTerminal() {
        let r = term(["step", "--step-size", "5", "--title", "one\ntwo\tthree", "--xlabel", String(repeating: "long label ", count: 30)])
        #expect(r.code == 0)
        #expect(r.stdout.contains("one two three"))
        #expect(r.stdout.contains("long label long label") && r.stdout.contains("…"))
    }

    @Test func oneEpochIsSingular() {
        let r = term(["step", "--step-size", "5", "--epochs", "1"])
        #expect(r.stdout.contains("1 epoch") && !r.stdout.contains("1 epochs"))
        #expect(!r.stdout.contains("0.5"), "no fractional epoch ticks")
        #expect(term(["step", "--step-size", "5", "--epochs", "2"]).stdout.contains("2 epochs"))
    }

    @Test func aConstantLearningRateHasATick() {
        let r = term(["lambda", "--lr", "0.0317", "--lr-lambda", "1", "--epochs", "10"])
        // A tick label row (the subtitle also says 0.0317).
        #expect(r.stdout.split(separator: "\n").contains { $0.contains(" 0.0317  ") && !$0.contains("base lr") })
    }

    @Test func terminalTextUsesTheTerminalsForegroundUnlessAThemeIsGiven() {
        func onTerminal(_ extra: [String]) -> String {
            let out = MemoryOutput(), err = MemoryOutput()
            _ = LRPlotCommand.main(["step", "--step-size", "5"] + extra,
                                   environment: CLIEnvironment(standardOutput: out, standardError: err, standardOutputIsTerminal: true,
                                                               variables: ["COLUMNS": "70", "LINES": "20"]))
            return out.text
        }
        let plain = onTerminal([])
        #expect(plain.contains("\u{1B}[39m") && !plain.contains("\u{1B}[38;2;34;34;34m"))
        let light = onTerminal(["--theme", "light"])
        #expect(!light.contains("\u{1B}[39m") && light.contains("\u{1B}[38;2;34;34;34m"))
    }

    @Test func cyclicWithMaxBelowBaseMarksTroughs() {
        let r = term(["cyclic", "--base-lr", "0.1", "--max-lr", "0.01", "--step-size-up", "10", "--epochs", "60"], cols: 100, rows: 20)
        #expect(r.code == 0)
        #expect(r.stdout.contains("trough") && !r.stdout.contains("peak "))
        #expect(r.stdout.contains("cyclic: the cycle's extremes are below the starting lr (troughs, not peaks)"))
        let normal = term(["cyclic", "--base-lr", "0.01", "--max-lr", "0.1", "--step-size-up", "10", "--epochs", "60"], cols: 100, rows: 20)
        #expect(normal.stdout.contains("peak") && !normal.stdout.contains("trough"))
    }

    @Test func drawChoosesStepsOrLines() {
        #expect(term(["step", "--step-size", "5", "--draw", "lines"]).code == 0)
        #expect(term(["step", "--step-size", "5", "--draw", "steps"]).code == 0)
        let bad = term(["step", "--step-size", "5", "--draw", "stairs"])
        #expect(bad.code == 2)
        #expect(bad.stderr.contains("--draw") && bad.stderr.contains("auto, steps, lines"))
        // Steps hold the lr flat until the drop: the drawing differs from lines.
        #expect(term(["step", "--step-size", "5", "--draw", "lines"]).stdout != term(["step", "--step-size", "5"]).stdout)
        #expect(term(["step", "--step-size", "5", "--draw", "steps"]).stdout == term(["step", "--step-size", "5"]).stdout)
    }

    @Test func aSmallTerminalLegendSaysHowManyMore() {
        let r = term(["step", "--step-size", "5", "--lr", "0.1,0.09,0.08,0.07,0.06,0.05"], cols: 40, rows: 12)
        #expect(r.code == 0)
        #expect(r.stdout.contains("more"))
    }
}
