/// The validated parameter values of one schedule, with defaults filled in.
public struct ScheduleArguments: Sendable {
    /// The schedule these arguments are for.
    public let definition: ScheduleDefinition
    /// Values given explicitly, by kebab name.
    public private(set) var given: [String: ParameterValue]
    /// The order in which parameters were given (for titles).
    public private(set) var givenOrder: [String]
    /// A composite's child schedules, in the order written (empty for a leaf).
    public var children: [ScheduleArguments] = []

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

    /// A per-group list expanded to one value per group, as PyTorch's `_format_param` does: a single
    /// value is used for every group; otherwise the count must match (PyTorch's message).
    public func perGroup(_ name: String, groups: Int) throws(ScheduleError) -> [Double]? {
        guard let values = reals(name) else { return nil }
        if values.count == 1 { return Array(repeating: values[0], count: groups) }
        guard values.count == groups else {
            let python = definition.parameter(named: name)?.pythonName ?? name
            throw ScheduleError(parameter: name,
                                message: "\(python) must have the same length as optimizer.param_groups. \(python) has \(values.count) values, param_groups has \(groups). (Give one value, or one per --lr value.)")
        }
        return values
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
        let childPart = definition.isComposite ? ["[" + children.map(\.pythonCallDescription).joined(separator: ", ") + "]"] : []
        return "\(definition.displayName)(\((childPart + parts).joined(separator: ", ")))"
    }

    /// The schedule with only the parameters that differ from their defaults, for legends:
    /// `StepLR(step_size=30)`, `CosineAnnealingLR(T_max=100)`.
    public var shortDescription: String {
        let parts = givenOrder.compactMap { name -> String? in
            guard let spec = definition.parameter(named: name), let value = given[name], value != spec.defaultValue else { return nil }
            return "\(spec.pythonName)=\(ScheduleArguments.pythonLiteral(value))"
        }
        let childPart = definition.isComposite ? ["[" + children.map(\.shortDescription).joined(separator: ", ") + "]"] : []
        return "\(definition.displayName)(\((childPart + parts).joined(separator: ", ")))"
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
