/// One entry of optax's `boundaries_and_scales` dict.
public struct BoundaryScale: Sendable, Equatable {
    /// The step (a dict key).
    public var boundary: Int
    /// The factor applied from it.
    public var scale: Double

    /// An entry.
    public init(boundary: Int, scale: Double) {
        self.boundary = boundary
        self.scale = scale
    }

    /// The entries as Python's `sorted(dict.items())` yields them: a repeated key keeps its last scale.
    static func sortedDict(_ pairs: [BoundaryScale]) -> [BoundaryScale] {
        var last: [Int: Double] = [:]
        for pair in pairs { last[pair.boundary] = pair.scale }
        return last.keys.sorted().map { BoundaryScale(boundary: $0, scale: last[$0] ?? 0) }
    }
}

/// optax's `boundaries_and_scales` (`{100: 0.1, 200: 0.1}`): flags `--boundaries-and-scales 100:0.1,200:0.1`;
/// in a call a dict, or a list of `(boundary, scale)` pairs. Scales must be ≥ 0, as optax checks.
public struct BoundaryScalesType: ParameterType {
    public init() {}
    public var placeholder: String { "STEP:SCALE,…" }
    public var shape: TextShape { .list }
    public func accepted(_ constraint: Constraint?) -> String {
        "boundary:scale pairs, comma-separated (e.g. 100:0.1,200:0.1), or a dict {100: 0.1, 200: 0.1}; integer boundaries, scales ≥ 0"
    }

    public func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> [BoundaryScale] {
        var pairs: [BoundaryScale] = []
        func fail(_ item: SourceValue) -> Diagnostic {
            Diagnostic("'\(item.text)' is not a boundary:scale pair; expected \(site.parameter.acceptedDescription)", at: item.origin)
        }
        func entry(_ key: SourceValue, _ scale: SourceValue, _ whole: SourceValue) throws(Diagnostic) {
            guard case .number(_, .some(let boundary)) = key.literal else {
                throw Diagnostic("'\(key.text)' is not an integer boundary; expected \(site.parameter.acceptedDescription)", at: key.origin)
            }
            guard case .number(let s, _) = scale.literal else { throw fail(whole) }
            guard s >= 0 else {
                throw Diagnostic("\(scale.text) is out of range: optax's piecewise schedules expect non-negative scale factors (ValueError)", at: scale.origin)
            }
            pairs.append(BoundaryScale(boundary: boundary, scale: s))
        }
        func number(_ text: Substring, _ origin: Origin) -> SourceValue {
            let t = String(text)
            let integer = t.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? nil : Int(t)
            guard let x = Double(t) else { return SourceValue(.string(t), text: t, origin: origin) }
            return SourceValue(.number(x, integer: integer), text: t, origin: origin)
        }
        switch value.literal {
        case .none: return []
        case .mapping(let keywords):
            for k in keywords { try entry(number(Substring(k.name), k.value.origin), k.value, k.value) }
        case .call(let dict) where dict.callee == "dict" && dict.positional.isEmpty:
            for k in dict.keywords { try entry(number(Substring(k.name), k.value.origin), k.value, k.value) }
        case .list(let items):
            for item in items {
                switch item.literal {
                case .list(let pair) where pair.count == 2: try entry(pair[0], pair[1], item)
                case .string(let text):
                    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                    guard parts.count == 2 else { throw fail(item) }
                    try entry(number(parts[0], item.origin), number(parts[1], item.origin), item)
                default: throw fail(item)
                }
            }
        default: throw fail(value)
        }
        return pairs
    }
    public func python(_ value: [BoundaryScale]) -> String {
        "{" + value.map { "\($0.boundary): \(PyFormat.repr($0.scale))" }.joined(separator: ", ") + "}"
    }
    public func json(_ value: [BoundaryScale]) -> String {
        "{" + value.map { "\"\($0.boundary)\":\(JSONText.number($0.scale))" }.joined(separator: ",") + "}"
    }
}

/// `sgdr_schedule`'s `cosine_kwargs`: a list of `warmup_cosine_decay_schedule` keyword dicts
/// (`[dict(init_value=0.0, peak_value=1e-3, warmup_steps=10, decay_steps=100), …]`); on the command
/// line `INIT:PEAK:WARMUP:DECAY[:END[:EXPONENT]]` per cycle, comma-separated.
public struct CosineCyclesType: ParameterType {
    public init() {}
    public var placeholder: String { "INIT:PEAK:WARMUP:DECAY[:END[:EXP]],…" }
    public var shape: TextShape { .list }
    public func accepted(_ constraint: Constraint?) -> String {
        "one INIT:PEAK:WARMUP:DECAY[:END[:EXPONENT]] per cycle, comma-separated, or a list of dicts of warmup_cosine_decay_schedule arguments"
    }
    static let keys = ["init_value", "peak_value", "warmup_steps", "decay_steps", "end_value", "exponent"]

    public func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> [WarmupCosineArguments] {
        guard case .list(let items) = value.literal, !items.isEmpty else {
            throw Diagnostic("'\(value.text)' is not a list of cycles; expected \(site.parameter.acceptedDescription)", at: value.origin)
        }
        var cycles: [WarmupCosineArguments] = []
        for item in items {
            var fields: [String: SourceValue] = [:]
            switch item.literal {
            case .string(let text):
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                guard (4...6).contains(parts.count) else {
                    throw Diagnostic("'\(text)' is not INIT:PEAK:WARMUP:DECAY[:END[:EXPONENT]]", at: item.origin)
                }
                for (key, part) in zip(Self.keys, parts) {
                    let t = String(part)
                    let integer = t.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? nil : Int(t)
                    guard let x = Double(t) else { throw Diagnostic("'\(t)' in '\(text)' is not a number", at: item.origin) }
                    fields[key] = SourceValue(.number(x, integer: integer), text: t, origin: item.origin)
                }
            case .call(let dict) where dict.callee == "dict" && dict.positional.isEmpty:
                for k in dict.keywords { fields[k.name] = k.value }
            case .mapping(let keywords):
                for k in keywords { fields[k.name] = k.value }
            default:
                throw Diagnostic("'\(item.text)' is not a dict of warmup_cosine_decay_schedule arguments", at: item.origin)
            }
            if let unknown = fields.keys.sorted().first(where: { !Self.keys.contains($0) }) {
                throw Diagnostic("warmup_cosine_decay_schedule() got an unexpected keyword argument '\(unknown)'.\(Suggestion.didYouMean(unknown, in: Self.keys))",
                                 at: fields[unknown]?.origin ?? item.origin)
            }
            func real(_ key: String, default fallback: Double?) throws(Diagnostic) -> Double {
                guard let v = fields[key] else {
                    guard let fallback else { throw Diagnostic("warmup_cosine_decay_schedule() missing required argument '\(key)'", at: item.origin) }
                    return fallback
                }
                guard case .number(let x, _) = v.literal else { throw Diagnostic("\(key): '\(v.text)' is not a number", at: v.origin) }
                return x
            }
            func integer(_ key: String) throws(Diagnostic) -> Int {
                guard let v = fields[key] else { throw Diagnostic("warmup_cosine_decay_schedule() missing required argument '\(key)'", at: item.origin) }
                guard case .number(_, .some(let n)) = v.literal else { throw Diagnostic("\(key): '\(v.text)' is not an integer", at: v.origin) }
                return n
            }
            var exponent = PyNumber(float: 1.0)
            if let e = fields["exponent"] {
                guard case .number(let x, let n) = e.literal, x.isFinite else { throw Diagnostic("exponent: '\(e.text)' is not a number", at: e.origin) }
                exponent = n.map { PyNumber($0) } ?? PyNumber(float: x)
            }
            cycles.append(WarmupCosineArguments(initial: try real("init_value", default: nil), peak: try real("peak_value", default: nil),
                                                warmupSteps: try integer("warmup_steps"), decaySteps: try integer("decay_steps"),
                                                end: try real("end_value", default: 0.0), exponent: exponent))
        }
        return cycles
    }
    public func python(_ value: [WarmupCosineArguments]) -> String {
        "[" + value.map { c in
            "dict(init_value=\(PyFormat.repr(c.initial)), peak_value=\(PyFormat.repr(c.peak)), warmup_steps=\(c.warmupSteps), decay_steps=\(c.decaySteps), end_value=\(PyFormat.repr(c.end)), exponent=\(NumberType().python(c.exponent)))"
        }.joined(separator: ", ") + "]"
    }
    public func json(_ value: [WarmupCosineArguments]) -> String {
        "[" + value.map { c in
            "{\"init_value\":\(JSONText.number(c.initial)),\"peak_value\":\(JSONText.number(c.peak)),\"warmup_steps\":\(c.warmupSteps),\"decay_steps\":\(c.decaySteps),\"end_value\":\(JSONText.number(c.end)),\"exponent\":\(NumberType().json(c.exponent))}"
        }.joined(separator: ",") + "]"
    }
}
