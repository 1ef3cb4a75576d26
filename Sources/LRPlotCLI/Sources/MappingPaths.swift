import LRPlotEngine

/// Reading and editing a config's `.mapping` value tree by key paths, and the literals of `--set`
/// values: what the DeepSpeed and Ultralytics readers share.
enum MappingPaths {
    /// The keywords of a `.mapping` value (nil for anything else).
    static func entries(_ value: SourceValue?) -> [CallValue.Keyword]? {
        guard let value, case .mapping(let entries) = value.literal else { return nil }
        return entries
    }

    /// The value at `path` (`["scheduler", "params", "warmup_num_steps"]`), the last one written.
    static func value(_ root: SourceValue, _ path: [String]) -> SourceValue? {
        var node = root
        for key in path {
            guard let entries = entries(node), let next = entries.last(where: { $0.name == key })?.value else { return nil }
            node = next
        }
        return node
    }

    /// `root` with the value at `path` replaced (or added, creating mappings on the way).
    static func setting(_ root: SourceValue, _ path: [String], to value: SourceValue) -> SourceValue {
        guard let key = path.first else { return value }
        var entries = entries(root) ?? []
        let rest = Array(path.dropFirst())
        if let index = entries.lastIndex(where: { $0.name == key }) {
            entries[index].value = setting(entries[index].value, rest, to: value)
        } else {
            let empty = SourceValue(.mapping([]), text: "{}", origin: value.origin)
            entries.append(CallValue.Keyword(key, setting(empty, rest, to: value)))
        }
        var copy = root
        copy.literal = .mapping(entries)
        return copy
    }

    /// The literal a `--set` value (a Python or YAML scalar, or a bracketed list) stands for.
    static func literal(_ text: String, origin: Origin) -> SourceValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed {
        case "True", "true": return SourceValue(.bool(true), text: trimmed, origin: origin)
        case "False", "false": return SourceValue(.bool(false), text: trimmed, origin: origin)
        case "None", "null", "none", "": return SourceValue(.none, text: trimmed, origin: origin)
        default: break
        }
        if trimmed.count >= 2, let first = trimmed.first, first == "'" || first == "\"", trimmed.last == first {
            return SourceValue(.string(String(trimmed.dropFirst().dropLast())), text: trimmed, origin: origin)
        }
        if (trimmed.hasPrefix("[") && trimmed.hasSuffix("]")) || (trimmed.hasPrefix("(") && trimmed.hasSuffix(")")) {
            let items = trimmed.dropFirst().dropLast().split(separator: ",").map { literal(String($0), origin: origin) }
            return SourceValue(.list(items), text: trimmed, origin: origin)
        }
        return ValueParsing.scalar(trimmed, origin: origin)
    }

    /// A number in `value` (numbers, and strings that read as numbers, as YAML and command lines give them).
    static func number(_ value: SourceValue?) -> Double? {
        guard let value else { return nil }
        switch value.literal {
        case .number(let x, _): return x
        case .string(let s): if case .number(let x, _) = ValueParsing.scalar(s, origin: value.origin).literal { return x }
        default: break
        }
        return nil
    }

    /// Whether `value` is the string `auto`.
    static func isAuto(_ value: SourceValue?) -> Bool {
        guard let value, case .string(let s) = value.literal else { return false }
        return s == "auto"
    }

    /// `x` to four significant digits, for messages (`0.0009`).
    static func short(_ x: Double) -> String { String(format: "%.4g", x) }

    /// A number value standing for `x`, at `origin`, written as `text`.
    static func numberValue(_ x: Double, integer: Int? = nil, text: String, origin: Origin) -> SourceValue {
        SourceValue(.number(x, integer: integer), text: text, origin: origin)
    }
}

import Foundation
