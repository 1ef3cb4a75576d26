/// The validated parameter values of one schedule, with defaults filled in.
public struct ScheduleArguments: Sendable {
    /// The schedule these arguments are for.
    public let definition: ScheduleDefinition
    /// Values given explicitly, by kebab name.
    public private(set) var given: [String: ParameterValue]
    /// The order in which parameters were given (for titles).
    public private(set) var givenOrder: [String]

    /// Empty arguments for `definition`.
    public init(definition: ScheduleDefinition) {
        self.definition = definition
        given = [:]
        givenOrder = []
    }

    /// Records `value` for the parameter `name` (kebab); a later value replaces an earlier one.
    public mutating func set(_ name: String, _ value: ParameterValue) {
        if given[name] == nil { givenOrder.append(name) }
        given[name] = value
    }

    /// The value of `name`: given, else the default, else nil.
    public func value(_ name: String) -> ParameterValue? {
        given[name] ?? definition.parameter(named: name)?.defaultValue
    }

    /// An integer parameter's value.
    public func integer(_ name: String) -> Int? {
        if case .integer(let v)? = value(name) { return v }
        return nil
    }

    /// A real parameter's value.
    public func real(_ name: String) -> Double? {
        switch value(name) {
        case .real(let v)?: return v
        case .integer(let v)?: return Double(v)
        default: return nil
        }
    }

    /// An integer list's value.
    public func integers(_ name: String) -> [Int]? {
        if case .integers(let v)? = value(name) { return v }
        return nil
    }

    /// A per-group real list's value.
    public func reals(_ name: String) -> [Double]? {
        if case .reals(let v)? = value(name) { return v }
        return nil
    }

    /// An expression list's value.
    public func expressions(_ name: String) -> [Expression]? {
        if case .expressions(let v)? = value(name) { return v }
        return nil
    }

    /// A choice's value.
    public func choice(_ name: String) -> String? {
        if case .choice(let v)? = value(name) { return v }
        return nil
    }

    /// A flag's value (false when absent and without default).
    public func flag(_ name: String) -> Bool {
        if case .flag(let v)? = value(name) { return v }
        return false
    }

    /// The names of required parameters that were not given.
    public var missingRequired: [ParameterSpec] {
        definition.parameters.filter { $0.isRequired && given[$0.name] == nil }
    }

    /// `Class(param=value, …)` with the given parameters in PyTorch spelling, for titles.
    public var pythonCallDescription: String {
        let parts = givenOrder.compactMap { name -> String? in
            guard let spec = definition.parameter(named: name), let value = given[name] else { return nil }
            return "\(spec.pythonName)=\(ScheduleArguments.pythonLiteral(value))"
        }
        return "\(definition.displayName)(\(parts.joined(separator: ", ")))"
    }

    /// A value written as Python would: `0.9`, `[30, 60]`, `'cos'`, `lambda epoch: …`.
    public static func pythonLiteral(_ value: ParameterValue) -> String {
        switch value {
        case .integer(let v): return String(v)
        case .real(let v): return PyFormat.repr(v)
        case .integers(let v): return "[" + v.map(String.init).joined(separator: ", ") + "]"
        case .reals(let v): return v.count == 1 ? PyFormat.repr(v[0]) : "[" + v.map(PyFormat.repr).joined(separator: ", ") + "]"
        case .expressions(let v):
            let texts = v.map { $0.source.hasPrefix("lambda") ? $0.source : "lambda \($0.variable): \($0.source)" }
            return texts.count == 1 ? texts[0] : "[" + texts.joined(separator: ", ") + "]"
        case .choice(let v): return "'\(v)'"
        case .flag(let v): return v ? "True" : "False"
        }
    }
}
