import Foundation
import LRPlotCLI
import LRPlotEngine

/// The result of one in-process `lrplot` run.
struct RunResult {
    let code: Int32
    let stdout: String
    let stderr: String
}

/// Runs lrplot in-process with captured output.
func lrplot(_ arguments: [String]) -> RunResult {
    let out = MemoryOutput(), err = MemoryOutput()
    let code = LRPlotCommand.main(arguments, environment: CLIEnvironment(standardOutput: out, standardError: err))
    return RunResult(code: code, stdout: out.text, stderr: err.text)
}

/// The folder of this test target's sources.
let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
/// The repository root.
let repositoryRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

/// A fresh empty temporary folder.
func temporaryFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lrplot-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Files in `folder` (names only).
func listing(_ folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}

/// Splits a line as a POSIX shell would (the spec-file splitter).
func shellWords(_ line: String) throws -> [String] {
    try SpecFile.split(line, name: "test")
}

extension ScheduleArguments {
    /// The bound value of the parameter `name` (either spelling), given or default, for assertions.
    func value<T>(_ name: String, as type: T.Type = T.self) -> T? {
        definition.parameter(named: name).flatMap { bound($0)?.value as? T }
    }
    func integer(_ name: String) -> Int? { value(name) }
    func real(_ name: String) -> Double? { value(name) }
    func integers(_ name: String) -> [Int]? { value(name) }
    func expressions(_ name: String) -> [LRPlotEngine.Expression]? { value(name) }
}
