import LRPlotEngine
import Yams

/// JSON and YAML documents read with Yams into the value tree, each value with its file, line
/// and column. Scalars are typed as the library's own loader types them: `json.loads` for JSON,
/// PyYAML's `safe_load` (YAML 1.1 resolvers) for YAML — so `3e-4` in YAML is the string
/// `'3e-4'`, as HF's `HfArgumentParser` and timm's `train.py` receive it.
enum YAMLSource {
    /// Which loader's scalar rules apply.
    enum Rules {
        /// Python's `json.loads`.
        case json
        /// PyYAML's `yaml.safe_load` (YAML 1.1).
        case pyyaml
    }

    /// Reads `text` (the file `path`) into a value tree.
    /// - Throws: a diagnostic at the line and column of a syntax error, or of a value JSON forbids.
    static func read(_ text: String, path: String, rules: Rules) throws(Diagnostic) -> SourceValue? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, Resolver.basic)
        } catch let error as YamlError {
            throw diagnostic(error, path: path, rules: rules)
        } catch {
            throw Diagnostic("cannot read '\(path)': \(error)", at: Origin(file: path))
        }
        guard let node else { return nil }
        return try value(node, path: path, rules: rules, lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    private static func diagnostic(_ error: YamlError, path: String, rules: Rules) -> Diagnostic {
        let what = rules == .json ? "JSON" : "YAML"
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = (context.map { "\($0.text) " } ?? "") + problem
            return Diagnostic("not valid \(what): \(detail)", at: Origin(file: path, line: mark.line, column: mark.column))
        case .reader(let problem, _, _, _):
            return Diagnostic("not valid \(what): \(problem)", at: Origin(file: path))
        default:
            return Diagnostic("not valid \(what): \(error)", at: Origin(file: path))
        }
    }

    private static func origin(_ mark: Mark?, path: String) -> Origin {
        Origin(file: path, line: mark?.line, column: mark?.column)
    }

    private static func value(_ node: Node, path: String, rules: Rules, lines: [String], depth: Int = 0) throws(Diagnostic) -> SourceValue {
        guard depth < 64 else { throw Diagnostic("nested deeper than 64 levels", at: origin(node.mark, path: path)) }
        switch node {
        case .scalar(let scalar):
            return try self.scalar(scalar, path: path, rules: rules)
        case .sequence(let sequence):
            var items: [SourceValue] = []
            for item in sequence { items.append(try value(item, path: path, rules: rules, lines: lines, depth: depth + 1)) }
            return SourceValue(.list(items), text: "[…]", origin: origin(sequence.mark, path: path))
        case .mapping(let mapping):
            var keywords: [CallValue.Keyword] = []
            for (key, item) in mapping {
                let keyValue = try value(key, path: path, rules: rules, lines: lines, depth: depth + 1)
                let name: String
                switch keyValue.literal {
                case .string(let s): name = s
                case .number, .bool, .none: name = keyValue.text
                default: throw Diagnostic("a mapping key must be a scalar", at: keyValue.origin)
                }
                var child = try value(item, path: path, rules: rules, lines: lines, depth: depth + 1)
                if child.origin.subject == nil { child.origin.subject = name }
                keywords.append(CallValue.Keyword(name, child))
            }
            return SourceValue(.mapping(keywords), text: "{…}", origin: origin(mapping.mark, path: path))
        case .alias(let alias):
            throw Diagnostic("YAML aliases (*\(alias.anchor.rawValue)) are not supported in config files", at: origin(alias.mark, path: path))
        }
    }

    private static func scalar(_ scalar: Node.Scalar, path: String, rules: Rules) throws(Diagnostic) -> SourceValue {
        let text = scalar.string
        let at = origin(scalar.mark, path: path)
        func make(_ literal: Literal) -> SourceValue { SourceValue(literal, text: text, origin: at) }
        let tag = scalar.tag.description
        if rules == .pyyaml, tag.hasPrefix("tag:yaml.org,2002:") {
            // An explicit tag (`!!float 3e-4`): PyYAML's constructor for it.
            switch tag.dropFirst("tag:yaml.org,2002:".count) {
            case "str": return make(.string(text))
            case "float":
                guard let x = PyYAMLScalars.constructFloat(text) ?? PythonConversions.float(text) else {
                    throw Diagnostic("could not convert string to float: '\(text)'", at: at)
                }
                return make(.number(x, integer: nil))
            case "int":
                guard let n = PyYAMLScalars.constructInt(text) else { throw Diagnostic("invalid literal for int(): '\(text)'", at: at) }
                return make(.number(Double(n), integer: n))
            case "bool":
                guard let b = PyYAMLScalars.bool(text) else { throw Diagnostic("not a YAML boolean: '\(text)'", at: at) }
                return make(.bool(b))
            case "null": return make(.none)
            default: break
            }
        }
        guard scalar.style == .plain || scalar.style == .any else { return make(.string(text)) }
        switch rules {
        case .json:
            switch text {
            case "true": return make(.bool(true))
            case "false": return make(.bool(false))
            case "null": return make(.none)
            case "NaN": return make(.number(.nan, integer: nil))
            case "Infinity": return make(.number(.infinity, integer: nil))
            case "-Infinity": return make(.number(-.infinity, integer: nil))
            default:
                guard let number = JSONNumber.parse(text) else {
                    throw Diagnostic("not valid JSON: '\(text)' (strings are written in double quotes)", at: at)
                }
                return make(number)
            }
        case .pyyaml:
            return make(PyYAMLScalars.resolve(text))
        }
    }
}

/// The JSON number grammar as `json.loads` reads it: an int without fraction or exponent, else a float.
enum JSONNumber {
    static func parse(_ text: String) -> Literal? {
        guard (try? #/-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/#.wholeMatch(in: text)) != nil else { return nil }
        if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            if let n = Int(text) { return .number(Double(n), integer: n) }
            return .number(Double(text) ?? .nan, integer: nil)
        }
        guard let x = Double(text) else { return nil }
        return .number(x, integer: nil)
    }
}

/// PyYAML 6's implicit resolvers (`yaml/resolver.py`, YAML 1.1) and its int/float constructors.
enum PyYAMLScalars {
    /// The literal PyYAML gives the plain scalar `text`.
    static func resolve(_ text: String) -> Literal {
        if let b = bool(text) { return .bool(b) }
        if ["~", "null", "Null", "NULL", ""].contains(text) { return .none }
        if isFloat(text), let x = constructFloat(text) { return .number(x, integer: nil) }
        if isInt(text), let n = constructInt(text) { return .number(Double(n), integer: n) }
        return .string(text)
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return true
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    /// `tag:yaml.org,2002:float`'s implicit pattern: a float needs a dot, and an exponent a sign.
    static func isFloat(_ text: String) -> Bool {
        (try? #/[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)/#.wholeMatch(in: text)) != nil
    }

    /// `tag:yaml.org,2002:int`'s implicit pattern.
    static func isInt(_ text: String) -> Bool {
        (try? #/[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+/#.wholeMatch(in: text)) != nil
    }

    /// `SafeConstructor.construct_yaml_float`.
    static func constructFloat(_ text: String) -> Double? {
        var value = text.replacing("_", with: "").lowercased()
        var sign = 1.0
        if value.first == "-" { sign = -1; value.removeFirst() } else if value.first == "+" { value.removeFirst() }
        if value == ".inf" { return sign * .infinity }
        if value == ".nan" { return .nan }
        if value.contains(":") {
            var result = 0.0, base = 1.0
            for part in value.split(separator: ":").reversed() {
                guard let x = Double(part) else { return nil }
                result += x * base
                base *= 60
            }
            return sign * result
        }
        return PythonConversions.float(value).map { sign * $0 }
    }

    /// `SafeConstructor.construct_yaml_int`.
    static func constructInt(_ text: String) -> Int? {
        var value = text.replacing("_", with: "")
        var sign = 1
        if value.first == "-" { sign = -1; value.removeFirst() } else if value.first == "+" { value.removeFirst() }
        if value == "0" { return 0 }
        if value.hasPrefix("0b") { return Int(value.dropFirst(2), radix: 2).map { sign * $0 } }
        if value.hasPrefix("0x") { return Int(value.dropFirst(2), radix: 16).map { sign * $0 } }
        if value.hasPrefix("0") { return Int(value.dropFirst(), radix: 8).map { sign * $0 } }
        if value.contains(":") {
            var result = 0, base = 1
            for part in value.split(separator: ":").reversed() {
                guard let x = Int(part) else { return nil }
                result += x * base
                base *= 60
            }
            return sign * result
        }
        return Int(value).map { sign * $0 }
    }
}
