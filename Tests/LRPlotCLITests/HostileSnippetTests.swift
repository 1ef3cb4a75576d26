import Foundation
import Testing
@testable import LRPlotCLI

/// Issue 13's hostile-input table (Fixtures/hostile.tsv): escapes from the sandbox and resource
/// bombs. Each exits 2 with a message naming the line and what is wrong, writes nothing, and never
/// crashes or hangs (it runs in this process: a crash fails the whole suite).
@Suite struct HostileSnippetTests {
    static let table: [HostileTable.Case] = (try? HostileTable.load()) ?? []

    @Test func theTableIsThere() {
        #expect(Self.table.count >= 100)
    }

    @Test(arguments: table)
    func isRefused(_ hostile: HostileTable.Case) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let snippet = folder.appendingPathComponent("hostile.py")
        try Data(try hostile.source()).write(to: snippet)
        let output = folder.appendingPathComponent("out.png")
        let result = lrplot([snippet.path, "-o", output.path])
        #expect(result.code == hostile.exitCode, "\(hostile.name): exit \(result.code): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path), "\(hostile.name) left \(output.lastPathComponent)")
        #expect(listing(folder) == ["hostile.py"], "\(hostile.name) wrote \(listing(folder))")
        let missing = hostile.missingFragments(in: result.stderr)
        #expect(missing.isEmpty, "\(hostile.name): the message lacks \(missing): \(result.stderr)")
        if !hostile.lines.isEmpty {
            let named = hostile.lines.contains { result.stderr.contains("hostile.py:\($0):") || result.stderr.contains("line \($0)") }
            #expect(named, "\(hostile.name): the message names none of lines \(hostile.lines): \(result.stderr)")
        }
    }
}
