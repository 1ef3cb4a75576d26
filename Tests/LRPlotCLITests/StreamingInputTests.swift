import Foundation
import Testing
@testable import LRPlotCLI
import LRPlotEngine

/// An output that records the size of every write and fails with `EPIPE` once `limit` bytes
/// have been written (a reader that goes away, like `head`).
final class ClosingPipeOutput: ByteOutput {
    let limit: Int
    private(set) var written = 0
    private(set) var largestWrite = 0
    private(set) var writesAfterFailure = 0

    init(limit: Int) { self.limit = limit }

    func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        if written >= limit {
            writesAfterFailure += 1
            throw OutputError("cannot write standard output: Broken pipe", code: EPIPE)
        }
        written += bytes.count
        largestWrite = max(largestWrite, bytes.count)
    }
}

/// `--verbose` streaming, and metrics and spec files as editors save them.
@Suite struct StreamingInputTests {
    /// `--verbose` messages go out in blocks as they are printed (memory stays flat), and a closed
    /// pipe stops the run at once: the CSV file is not written and no temporary file is left.
    @Test func verboseStreamsAndStopsOnAClosedPipe() throws {
        let folder = temporaryFolder()
        let out = ClosingPipeOutput(limit: 1 << 20), err = MemoryOutput()
        let code = LRPlotCommand.main(["step", "--step-size", "5", "--epochs", "100000000", "--verbose", "-o", folder.appendingPathComponent("x.csv").path],
                                      environment: CLIEnvironment(standardOutput: out, standardError: err))
        #expect(code == LRPlotCommand.brokenPipe)
        #expect(err.text.isEmpty)
        #expect(out.largestWrite <= (1 << 16) + 200)  // one buffer's worth at a time
        #expect(out.written < (1 << 20) + (1 << 17))  // it stopped right after the failure
        #expect(out.writesAfterFailure <= 2)
        #expect(listing(folder).isEmpty)
    }

    @Test func verboseOutputIsUnchangedByStreaming() {
        let r = lrplot(["step", "--step-size", "2", "--epochs", "5", "--verbose", "-o", "-"])
        #expect(r.code == 0)
        #expect(r.stderr == (["1.0000e-01", "1.0000e-01", "1.0000e-02", "1.0000e-02", "1.0000e-03", "1.0000e-03"]
            .map { "Adjusting learning rate of group 0 to \($0).\n" }.joined()))
    }

    func plateau(_ file: URL, _ extra: [String] = []) -> RunResult {
        lrplot(["plateau", "--patience", "1", "--epochs", "6", "--metrics-file", file.path] + extra)
    }

    /// A UTF-8 BOM and CRLF line endings change nothing: the same rows as the plain file.
    @Test func metricsWithABOMAndCRLFReadLikePlainOnes() throws {
        let folder = temporaryFolder()
        let values = ["1.0", "0.9", "0.9", "0.9", "0.5", "0.5"]
        let plain = folder.appendingPathComponent("plain.txt"), windows = folder.appendingPathComponent("windows.txt")
        try (values.joined(separator: "\n") + "\n").write(to: plain, atomically: false, encoding: .utf8)
        try Data([0xEF, 0xBB, 0xBF] + Array((values.joined(separator: "\r\n") + "\r\n").utf8)).write(to: windows)
        let a = plateau(plain), b = plateau(windows)
        let flag = lrplot(["plateau", "--patience", "1", "--epochs", "6", "--metrics", values.joined(separator: ",")])
        #expect(a.code == 0 && b.code == 0, "\(b.stderr)")
        #expect(a.stdout == flag.stdout && b.stdout == flag.stdout)
        #expect(b.stderr.isEmpty)
        let csv = folder.appendingPathComponent("m.csv")
        try Data([0xEF, 0xBB, 0xBF] + Array(("epoch,loss\r\n" + values.enumerated().map { "\($0.offset),\($0.element)" }.joined(separator: "\r\n")).utf8)).write(to: csv)
        #expect(plateau(csv, ["--metrics-column", "loss"]).stdout == flag.stdout)
    }

    /// A header is skipped only when it looks like one, and the user is told; any other first
    /// line that is not a number is an error (it used to vanish, shifting the series by one).
    @Test func aHeaderIsSkippedOnlyWhenItLooksLikeOneAndSaidSo() throws {
        let folder = temporaryFolder()
        let header = folder.appendingPathComponent("h.txt"), typo = folder.appendingPathComponent("t.txt")
        try "val_loss\n1\n0.9\n0.9\n0.9\n0.5\n0.5\n".write(to: header, atomically: false, encoding: .utf8)
        try "1.O\n0.9\n0.9\n0.9\n0.5\n0.5\n".write(to: typo, atomically: false, encoding: .utf8)
        let a = plateau(header)
        #expect(a.code == 0)
        #expect(a.stderr == "lrplot: note: --metrics-file: the first line of '\(header.path)' is a header ('val_loss'); skipped it\n")
        let b = plateau(typo)
        #expect(b.code == 2)
        #expect(b.stderr.contains("line 1 of '\(typo.path)': '1.O' is not a finite number"))
        #expect(MetricsFile.looksLikeHeader(["epoch", "\"val loss\"", "_x"]))
        #expect(!MetricsFile.looksLikeHeader(["nan"]) && !MetricsFile.looksLikeHeader(["1e-3x"]) && !MetricsFile.looksLikeHeader(["epoch", "3"]))
    }

    /// Reading stops once the run has its values: what follows is never read (not even a bad line).
    @Test func metricsAreReadNoFurtherThanTheRunNeeds() throws {
        let file = temporaryFolder().appendingPathComponent("long.txt")
        try (Array(repeating: "0.5", count: 6).joined(separator: "\n") + "\nnot a number\n").write(to: file, atomically: false, encoding: .utf8)
        #expect(plateau(file).code == 0)
        #expect(lrplot(["plateau", "--epochs", "7", "--metrics-file", file.path]).stderr.contains("line 7"))
        let contents = try MetricsFile.read(file.path, column: nil, limit: 3)
        #expect(contents == MetricsFile.Contents(values: [0.5, 0.5, 0.5], header: nil))
    }

    /// A file that cannot be read is named with the system's reason (typed errno, as for outputs).
    @Test func unreadableInputsSayWhy() {
        let folder = temporaryFolder()
        let missing = folder.appendingPathComponent("none.txt").path
        #expect(lrplot(["plateau", "--metrics-file", missing]).stderr.contains("--metrics-file: cannot read '\(missing)': No such file or directory"))
        #expect(lrplot(["plateau", "--metrics-file", folder.path]).stderr.contains("cannot read '\(folder.path)': Is a directory"))
        #expect(lrplot(["@" + folder.path]).stderr.contains("cannot read spec file '\(folder.path)': Is a directory"))
    }

    /// Spec files saved with CRLF line endings and a BOM split like LF ones.
    @Test func specFilesWithCRLFAndABOMParse() throws {
        let text = "step --step-size 5 \\\r\n  --gamma 0.5  # halve\r\n--title 'two\r\nlines'\r\n"
        #expect(try SpecFile.split("\u{FEFF}" + text, name: "s") == ["step", "--step-size", "5", "--gamma", "0.5", "--title", "two\nlines"])
        let file = temporaryFolder().appendingPathComponent("s.sched")
        try Data([0xEF, 0xBB, 0xBF] + Array("step --step-size 5\r\n--epochs 3\r\n".utf8)).write(to: file)
        let r = lrplot(["@" + file.path])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout == lrplot(["step", "--step-size", "5", "--epochs", "3"]).stdout)
    }
}
