import Foundation
import Testing
@testable import LRPlotCLI
import LRPlotEngine
import SystemPackage

/// Signals and closed pipes, with the real executable (the handlers are the executable's).
@Suite struct SignalAndPipeTests {
    /// SIGINT, SIGTERM and SIGHUP during a long run remove the temporary file, leave an existing
    /// file as it was, and the process dies of that signal.
    @Test(arguments: [(SIGTERM, "csv"), (SIGINT, "csv"), (SIGHUP, "json")])
    func aSignalRemovesTheTemporaryFile(_ signal: Int32, _ format: String) throws {
        let folder = temporaryFolder()
        let target = folder.appendingPathComponent("x.\(format)")
        try "old\n".write(to: target, atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = try lrplotExecutable()
        process.arguments = ["step", "--step-size", "5", "--epochs", "1000000000", "-o", target.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // CSV rows are being written once the temporary file holds some (JSON's arrays go to
        // unlinked column files until the end, so its temporary file only has to exist).
        let started = eventually(within: 30) {
            temporaryFiles(in: folder).contains { name in
                var info = stat()
                return stat(folder.appendingPathComponent(name).path, &info) == 0 && (info.st_size > 0 || format == "json")
            }
        }
        #expect(started, "the run writes its temporary file")
        kill(process.processIdentifier, signal)
        let ended = eventually { !process.isRunning }
        if !ended { kill(process.processIdentifier, SIGKILL) }
        #expect(ended, "the process ends on the signal")
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
        #expect(temporaryFiles(in: folder).isEmpty, "\(listing(folder))")
        #expect(try String(contentsOf: target, encoding: .utf8) == "old\n")
    }

    /// `lrplot … | head`: the process ends quietly, of SIGPIPE, as soon as the reader goes away,
    /// also when the closed pipe is the `--verbose` stream of a run writing a file (whose
    /// temporary file is removed).
    @Test(arguments: [false, true])
    func aClosedPipeEndsTheRunQuietly(_ verbose: Bool) throws {
        let folder = temporaryFolder()
        let process = Process()
        process.executableURL = try lrplotExecutable()
        process.arguments = ["step", "--step-size", "5", "--epochs", "1000000000"]
            + (verbose ? ["--verbose", "-o", folder.appendingPathComponent("x.csv").path] : [])
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let head = output.fileHandleForReading.readData(ofLength: 100)
        #expect(head.count == 100)
        try output.fileHandleForReading.close()
        let ended = eventually { !process.isRunning }
        if !ended { kill(process.processIdentifier, SIGKILL) }
        #expect(ended, "the process ends when its reader goes away")
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGPIPE)
        #expect(message.isEmpty, "\(String(decoding: message, as: UTF8.self))")
        #expect(temporaryFiles(in: folder).isEmpty && listing(folder).isEmpty)
    }

    /// In-process, a closed pipe is the exit code 128 + SIGPIPE and no message.
    @Test func aClosedPipeIsExitCode141InProcess() throws {
        signal(SIGPIPE, SIG_IGN)  // as the executable does; a write then fails with EPIPE
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        let err = MemoryOutput()
        let out = DescriptorOutput(FileDescriptor(rawValue: ends[1]), name: "standard output")
        for arguments in [["list"], ["step", "--step-size", "5", "--epochs", "100000"]] {
            let code = LRPlotCommand.main(arguments, environment: CLIEnvironment(standardOutput: out, standardError: err))
            #expect(code == LRPlotCommand.brokenPipe && code == 141)
        }
        #expect(err.text.isEmpty)
    }

    /// `list`, `help`, `man`, `--version`, `completions` and `--stats` fail with exit 1 when
    /// standard output cannot be written (`lrplot list > /dev/full`).
    @Test(arguments: [["list"], ["help"], ["help", "step"], ["man"], ["--version"], ["completions", "bash"],
                      ["step", "--step-size", "5", "-o", "/dev/null", "--stats"]])
    func infoCommandsFailOnAWriteError(_ arguments: [String]) throws {
        let full = try FileDescriptor.open("/dev/full", .writeOnly)
        defer { try? full.close() }
        let err = MemoryOutput()
        let code = LRPlotCommand.main(arguments, environment: CLIEnvironment(standardOutput: DescriptorOutput(full, name: "standard output"),
                                                                             standardError: err))
        #expect(code == 1)
        #expect(err.text == "lrplot: error: cannot write standard output: No space left on device\n")
    }

    /// A temporary file is renamed into place by commit() and removed when dropped unfinished.
    @Test func aTemporaryFileIsRenamedOrRemovedNeverLeft() throws {
        let folder = temporaryFolder()
        var file: OutputFile? = try OutputFile(path: folder.appendingPathComponent("a.csv").path)
        try file?.commit()
        file = nil
        #expect(listing(folder) == ["a.csv"])
        var dropped: OutputFile? = try OutputFile(path: folder.appendingPathComponent("b.csv").path)
        #expect(dropped?.temporaryPath != nil)
        dropped = nil
        #expect(listing(folder) == ["a.csv"])
    }
}
