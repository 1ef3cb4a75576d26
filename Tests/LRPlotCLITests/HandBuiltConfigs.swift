import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// Builds config documents by hand (the value tree a JSON or YAML file becomes) for the readers' tests.
enum HandBuiltTree {
    static func at(_ key: String) -> Origin { Origin(subject: key, file: "config", line: 1) }
    static func map(_ entries: [(String, SourceValue)], key: String = "") -> SourceValue {
        SourceValue(.mapping(entries.map { CallValue.Keyword($0.0, $0.1) }), text: "{…}", origin: at(key))
    }
    static func num(_ x: Double) -> SourceValue { SourceValue(.number(x, integer: nil), text: PyFormat.repr(x), origin: at("number")) }
    static func int(_ n: Int) -> SourceValue { SourceValue(.number(Double(n), integer: n), text: String(n), origin: at("int")) }
    static func str(_ s: String) -> SourceValue { SourceValue(.string(s), text: s, origin: at("string")) }
    static func bool(_ b: Bool) -> SourceValue { SourceValue(.bool(b), text: b ? "true" : "false", origin: at("bool")) }
    static func list(_ items: [SourceValue]) -> SourceValue { SourceValue(.list(items), text: "[…]", origin: at("list")) }
    static func document(_ root: SourceValue, _ format: ConfigDocument.Format = .json) -> ConfigDocument {
        ConfigDocument(path: "config", format: format, root: root)
    }
    static func set(_ key: String, _ value: String) -> Override { Override(key: key, value: value, origin: Origin(subject: "--set \(key)")) }
}

/// Every row of a simulation: each group's lr and beta1, and the loss.
final class ConfigRowSink: TraceSink {
    var rows: [[Double]] = []
    func begin(groups: Int) throws(OutputError) {}
    func consume(_ chunk: TraceChunk) throws(OutputError) {
        for r in 0..<chunk.count {
            let g = chunk.groups
            rows.append(Array(chunk.lrs[r * g..<(r + 1) * g]) + Array(chunk.beta1s[r * g..<(r + 1) * g]) + [chunk.losses[r]])
        }
    }
    func finish() throws(OutputError) {}

    /// The rows of `run` simulated through the binder and the registry, as a dispatch would run it.
    static func simulate(_ run: ConfigRun, defaultLRs: [Double] = [0.1]) throws -> [[Double]] {
        let lrs = run.lrs ?? defaultLRs, adam = run.adam ?? AdamSettings()
        let epochs = run.updates ?? 100
        let bound = try Binder.bind(run.call, BindContext(lrs: lrs, epochs: epochs, adam: adam))
        let sink = ConfigRowSink()
        try Simulation(arguments: bound.arguments, lrs: lrs, epochs: epochs, adam: adam).run(into: [sink])
        return sink.rows
    }

    /// A fixture CSV's values (without the row number).
    static func fixture(_ folder: URL, _ name: String) throws -> [[Double]] {
        let text = try String(contentsOf: folder.appendingPathComponent(name + ".csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").dropFirst().compactMap { Double($0) } }
    }
}
