import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// A long run computes a snippet's function of the step in whole blocks on the schedule thread
/// (`PyFunctionScheduler.record`, the kernel's blocks without a call per step). Whatever the path,
/// the output must be the same bytes and a failure must stop at the same row with the same message
/// as the serial loop (`LRPLOT_PIPELINE=0`), which steps the function one call at a time.
@Suite struct SnippetBlockTests {
    /// lrplot in-process with `LRPLOT_PIPELINE` set (or not).
    static func run(_ arguments: [String], pipelined: Bool, variables: [String: String] = [:]) -> (code: Int32, stdout: String, stderr: String) {
        let out = MemoryOutput(), err = MemoryOutput()
        let environment = CLIEnvironment(standardOutput: out, standardError: err,
                                         variables: variables.merging(pipelined ? [:] : ["LRPLOT_PIPELINE": "0"]) { a, _ in a })
        let code = LRPlotCommand.main(arguments, environment: environment)
        return (code, out.text, err.text)
    }

    static let snippets: [(name: String, source: String)] = [
        ("nanoGPT's get_lr, a kernel", """
         import math
         def get_lr(it):
             if it < 2000:
                 return 6e-4 * (it + 1) / 2001
             if it > 60000:
                 return 6e-5
             decay_ratio = (it - 2000) / (60000 - 2000)
             coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))
             return 6e-5 + coeff * (6e-4 - 6e-5)
         """),
        ("a kernel whose steps bail into the evaluator (int overflow past 2**62)", """
         def f(it):
             return 0.1 / (1 + (it % 97) * 2 ** 62 // 2 ** 62)
         """),
        ("a kernel raising in the middle of a block (ZeroDivisionError at step 61,234)", """
         def f(it):
             return 0.1 / (61234 - it)
         """),
        ("a function outside the kernels' subset (a list), run by the evaluator", """
         def f(it):
             xs = [0.1, 0.05, 0.01]
             return xs[min(it // 20000, 2)]
         """),
        ("a function returning None at step 55,555", """
         def f(it):
             if it == 55555:
                 return None
             return 0.1 * 0.99999 ** it
         """),
    ]

    @Test(arguments: 0..<SnippetBlockTests.snippets.count, ["csv", "png"])
    func blocksGiveTheSerialLoopsOutput(_ index: Int, _ format: String) throws {
        let snippet = SnippetBlockTests.snippets[index]
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [(code: Int32, bytes: Data?, stderr: String)] = []
        for pipelined in [false, true] {
            let path = folder.appendingPathComponent("\(pipelined ? "blocks" : "serial").\(format)").path
            let result = SnippetBlockTests.run([snippet.source, "--epochs", "70000", "-o", path], pipelined: pipelined)
            outputs.append((result.code, FileManager.default.contents(atPath: path), result.stderr))
        }
        let (serial, blocks) = (outputs[0], outputs[1])
        #expect(serial.code == blocks.code, "\(snippet.name): exit \(serial.code) serially, \(blocks.code) in blocks")
        #expect(serial.stderr == blocks.stderr, "\(snippet.name): \(serial.stderr) vs \(blocks.stderr)")
        #expect(serial.bytes == blocks.bytes, "\(snippet.name): the outputs differ")
        if serial.code == 0 {
            #expect((serial.bytes?.count ?? 0) > 1000, "\(snippet.name): no output")
        } else {
            #expect(serial.bytes == nil, "\(snippet.name): a failed run left a file")
        }
    }

    /// `LRPLOT_TRAIN=1` (what `make bench` sets) trains the toy Adam behind a chart that does not
    /// show the loss: the same chart, byte for byte.
    @Test func trainingBehindAChartChangesNothing() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes: [Data?] = []
        for variables in [[:], ["LRPLOT_TRAIN": "1"]] {
            let path = folder.appendingPathComponent("chart-\(bytes.count).png").path
            let result = SnippetBlockTests.run([SnippetBlockTests.snippets[0].source, "--epochs", "70000", "-o", path], pipelined: true, variables: variables)
            #expect(result.code == 0, "\(result.stderr)")
            bytes.append(FileManager.default.contents(atPath: path))
        }
        #expect(bytes[0] != nil && bytes[0] == bytes[1])
    }

    /// The failures above are where the snippet says: the step, and the error CPython raises.
    @Test func theFailuresNameTheirStep() {
        let division = SnippetBlockTests.run([SnippetBlockTests.snippets[2].source, "--epochs", "70000", "-o", "-", "--format", "csv"], pipelined: true)
        #expect(division.code == 2)
        #expect(division.stderr.contains("ZeroDivisionError") && division.stderr.contains("61234"), "\(division.stderr)")
        let serial = SnippetBlockTests.run([SnippetBlockTests.snippets[2].source, "--epochs", "70000", "-o", "-", "--format", "csv"], pipelined: false)
        #expect(division.stdout == serial.stdout && division.stdout.count > 100_000, "the rows streamed before the failure")
        let none = SnippetBlockTests.run([SnippetBlockTests.snippets[4].source, "--epochs", "70000", "-o", "-", "--format", "csv"], pipelined: true)
        #expect(none.code == 2)
        #expect(none.stderr.contains("NoneType") && none.stderr.contains("55555"), "\(none.stderr)")
    }
}

/// The rows themselves, serially and in blocks, through the engine: every lr and beta1 bit, and the
/// row a failure stops at (the CLI's outputs above hide it: a failed run leaves no file).
@Suite struct SnippetBlockRowTests {
    static func rows(_ source: String, epochs: Int, pipelined: Bool, lrs: [Double] = [0.1], readsLoss: Bool = true,
                     runWorkLimit: Int? = nil) throws -> (values: [UInt64], error: String?) {
        var context = PySnippetContext(lrs: lrs, lrsAreExplicit: true, epochs: epochs, adam: AdamSettings(), file: "block.py")
        if let runWorkLimit { context.runWorkLimit = runWorkLimit }
        let run = try PythonSnippet.run(source: source, context: context)
        var simulation = Simulation(arguments: run.arguments, lrs: run.lrs, epochs: epochs, adam: run.adam)
        simulation.pipelineThreshold = pipelined ? 0 : .max
        let sink = PipelineRowSink(readsLoss: readsLoss)
        do { try simulation.run(into: [sink]) } catch {
            switch error {
            case .schedule(let e): return (sink.values, e.description)
            case .output(let e): return (sink.values, e.message)
            }
        }
        return (sink.values, nil)
    }

    /// Every row's bits; the loss too when it `readsLoss` (else the run in blocks trains nothing).
    final class PipelineRowSink: TraceSink {
        var values: [UInt64] = []
        let readsLoss: Bool
        init(readsLoss: Bool) { self.readsLoss = readsLoss }
        func begin(groups: Int) throws(OutputError) {}
        func consume(_ chunk: TraceChunk) throws(OutputError) {
            for row in 0..<chunk.count {
                values.append(UInt64(chunk.firstEpoch + row))
                for g in 0..<chunk.groups {
                    values.append(chunk.lrs[row * chunk.groups + g].bitPattern)
                    values.append(chunk.beta1s[row * chunk.groups + g].bitPattern)
                }
                if readsLoss { values.append(chunk.losses[row].bitPattern) }
            }
        }
        func finish() throws(OutputError) {}
    }

    @Test(arguments: 0..<SnippetBlockTests.snippets.count, [(1, true), (4097, true), (9000, true), (4097, false), (9000, false)])
    func blocksRecordTheSerialLoopsRows(_ index: Int, _ run: (epochs: Int, readsLoss: Bool)) throws {
        let epochs = run.epochs
        let source = SnippetBlockTests.snippets[index].source.replacingOccurrences(of: "61234", with: "\(epochs * 2 / 3)")
            .replacingOccurrences(of: "55555", with: "\(epochs / 2)")
        let serial = try SnippetBlockRowTests.rows(source, epochs: epochs, pipelined: false, lrs: [0.1, 0.2], readsLoss: run.readsLoss)
        let blocks = try SnippetBlockRowTests.rows(source, epochs: epochs, pipelined: true, lrs: [0.1, 0.2], readsLoss: run.readsLoss)
        #expect(!serial.values.isEmpty || serial.error != nil)
        #expect(blocks.values.count == serial.values.count, "\(SnippetBlockTests.snippets[index].name): \(blocks.values.count / 6) rows, serially \(serial.values.count / 6)")
        let firstDifference = (0..<min(blocks.values.count, serial.values.count)).first { blocks.values[$0] != serial.values[$0] }
        #expect(firstDifference == nil, "\(SnippetBlockTests.snippets[index].name): row \((firstDifference ?? 0) / (run.readsLoss ? 6 : 5)) differs")
        #expect(blocks.error == serial.error)
    }

    /// Each step has its own work limit, and the whole run one more: a function looping over every
    /// earlier step (quadratic in the steps) stops at the run's limit, naming it and the step, on
    /// every path; one that stays under it runs to the end.
    @Test(arguments: [(false, true), (true, true), (true, false)])
    func aRunsWholeWorkIsBounded(_ path: (pipelined: Bool, readsLoss: Bool)) throws {
        let quadratic = """
        def f(it):
            s = 0
            for i in range(it):
                s += i
            return 0.1
        """
        let stopped = try SnippetBlockRowTests.rows(quadratic, epochs: 9000, pipelined: path.pipelined, readsLoss: path.readsLoss, runWorkLimit: 3_000_000)
        #expect(stopped.error?.contains("work limit for a whole run (3000000") == true, "\(stopped.error ?? "no error")")
        #expect(stopped.error?.contains("at step") == true)
        let rows = stopped.values.count / (path.readsLoss ? 4 : 3)
        #expect(rows > 1000 && rows < 9000, "\(rows) rows before the limit")
        let linear = "def f(it):\n    s = 0\n    for i in range(100):\n        s += i\n    return 0.1 + s * 0\n"
        let finished = try SnippetBlockRowTests.rows(linear, epochs: 9000, pipelined: path.pipelined, readsLoss: path.readsLoss, runWorkLimit: 3_000_000)
        #expect(finished.error == nil, "\(finished.error ?? "")")
        #expect(finished.values.count == 9000 * (path.readsLoss ? 4 : 3))
    }
}
