import Foundation

/// The Python-snippet fixtures of issue 13, written by real CPython + torch 2.15
/// (fixtures/generate_snippet_fixtures.py; formats in fixtures/snippets/README.md).
enum SnippetFixtures {
    /// One snippet: `lrplot fixtures/snippets/NAME.py ARGUMENTS…` must write `NAME.csv` and print `NAME.stdout`.
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        /// The lrplot arguments after the snippet path (shell words), as the snippet's `# lrplot:` header says.
        let arguments: String
        var description: String { name }
        /// The snippet itself.
        var snippet: URL { SnippetFixtures.snippets.appendingPathComponent(name + ".py") }
        /// The contract CSV real torch produced.
        var csv: URL { SnippetFixtures.folder.appendingPathComponent(name + ".csv") }
        /// What lrplot prints on stdout with these arguments and `-o FILE.png`; nil = nothing.
        var stdout: URL? {
            let url = SnippetFixtures.folder.appendingPathComponent(name + ".stdout")
            return FileManager.default.fileExists(atPath: url.path) ? url : nil
        }
    }

    /// Tests/LRPlotCLITests/Fixtures/snippets: cases.tsv, NAME.csv, NAME.stdout.
    static let folder = testsFolder.appendingPathComponent("Fixtures/snippets")
    /// fixtures/snippets: NAME.py.
    static let snippets = repositoryRoot.appendingPathComponent("fixtures/snippets")

    /// cases.tsv's rows (`NAME<TAB>ARGUMENTS`, after a `#` header line naming the versions).
    static let cases: [Case] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            return Case(name: parts[0], arguments: parts.count > 1 ? parts[1] : "")
        }
    }()
}

/// The hostile-input table of issue 13 (Tests/LRPlotCLITests/Fixtures/hostile.tsv, written by
/// fixtures/generate_hostile_table.py, which documents the columns): snippets that must exit 2.
enum HostileTable {
    /// One hostile snippet and what its error must name.
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        /// The exit code lrplot must give (2).
        let exitCode: Int32
        /// The line numbers the message may name (any one); empty = no line required.
        let lines: [Int]
        /// Groups of alternatives: the message must contain one alternative of every group.
        let fragments: [[String]]
        /// The snippet as the table writes it (escaped); `source` decodes it.
        let escapedSource: String
        /// What CPython 3.11 did with it (for the reader).
        let cpython: String
        var description: String { name }

        /// The snippet's bytes.
        func source() throws -> [UInt8] { try HostileTable.decode(escapedSource) }

        /// The fragment groups of which `message` contains no alternative.
        func missingFragments(in message: String) -> [[String]] {
            fragments.filter { group in !group.contains { message.contains($0) } }
        }
    }

    /// A malformed row or escape.
    struct FormatError: Error, CustomStringConvertible {
        let description: String
    }

    /// The table file.
    static let file = testsFolder.appendingPathComponent("Fixtures/hostile.tsv")

    /// Every row of the table.
    static func load() throws -> [Case] {
        let text = try String(contentsOf: file, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, let code = Int32(f[1]) else { throw FormatError(description: "bad row: \(line.prefix(80))") }
            let lines = f[2] == "-" ? [] : try f[2].split(separator: "|").filter { $0 != "-" }.map { part -> Int in
                guard let n = Int(part) else { throw FormatError(description: "\(f[0]): bad line '\(part)'") }
                return n
            }
            let fragments = f[3] == "-" ? [] : f[3].split(separator: "&").map { group in
                group.split(separator: "|").map(String.init)
            }
            return Case(name: f[0], exitCode: code, lines: lines, fragments: fragments, escapedSource: f[4], cpython: f[5])
        }
    }

    /// The python column's escapes: `\n` `\t` `\r` `\\`, `\xHH` (the raw byte), `\R{N,TEXT}` (TEXT,
    /// itself escaped and without `}`, repeated N times).
    static func decode(_ text: String) throws -> [UInt8] {
        var out: [UInt8] = []
        try decode(Array(text.utf8)[...], into: &out)
        return out
    }

    private static func decode(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) throws {
        var i = text.startIndex
        func byte(_ k: Int) throws -> UInt8 {
            guard k < text.endIndex else { throw FormatError(description: "escape cut short") }
            return text[k]
        }
        while i < text.endIndex {
            let c = text[i]
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                i += 1
                continue
            }
            switch try byte(i + 1) {
            case UInt8(ascii: "n"): out.append(10); i += 2
            case UInt8(ascii: "t"): out.append(9); i += 2
            case UInt8(ascii: "r"): out.append(13); i += 2
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); i += 2
            case UInt8(ascii: "x"):
                let hex = String(decoding: [try byte(i + 2), try byte(i + 3)], as: UTF8.self)
                guard let value = UInt8(hex, radix: 16) else { throw FormatError(description: "bad \\x\(hex)") }
                out.append(value)
                i += 4
            case UInt8(ascii: "R"):
                guard try byte(i + 2) == UInt8(ascii: "{"),
                      let close = text[(i + 3)...].firstIndex(of: UInt8(ascii: "}")),
                      let comma = text[(i + 3)..<close].firstIndex(of: UInt8(ascii: ",")),
                      let count = Int(String(decoding: text[(i + 3)..<comma], as: UTF8.self)), count >= 0
                else { throw FormatError(description: "bad \\R{N,TEXT}") }
                var body: [UInt8] = []
                try decode(text[(comma + 1)..<close], into: &body)
                out.reserveCapacity(out.count + body.count * count)
                for _ in 0..<count { out.append(contentsOf: body) }
                i = close + 1
            default:
                throw FormatError(description: "unknown escape \\\(String(decoding: [text[i + 1]], as: UTF8.self))")
            }
        }
    }
}
