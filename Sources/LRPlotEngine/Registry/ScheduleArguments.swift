/// The bound parameter values of one schedule (made by ``Binder``): typed, range-checked, each with
/// its origin. A builder reads them through the schedule's typed keys: `arguments[StepLR.gamma]`.
public struct ScheduleArguments: Sendable {
    /// The schedule these arguments are for.
    public let definition: ScheduleDefinition
    /// Values given explicitly, by kebab name.
    public private(set) var given: [String: BoundValue]
    /// The order in which parameters were given (for titles).
    public private(set) var givenOrder: [String]
    /// A composite's child schedules, in the order written (empty for a leaf).
    public var children: [ScheduleArguments] = []
    /// Where the schedule was written (its call or name).
    public var origin: Origin

    /// Arguments for `definition` with nothing given yet.
    public init(definition: ScheduleDefinition, origin: Origin = Origin()) {
        self.definition = definition
        self.origin = origin
        given = [:]
        givenOrder = []
    }

    /// Records `value` for the parameter `name` (kebab); a later value replaces an earlier one.
    public mutating func set(_ name: String, _ value: BoundValue) {
        if given[name] == nil { givenOrder.append(name) }
        given[name] = value
    }

    /// The value of a parameter with a default or a required one (the binder guarantees the latter is given).
    public subscript<T: ParameterType>(key: Parameter<T>) -> T.Value {
        if let bound = given[key.spec.name], let value = bound.value as? T.Value { return value }
        if let value = key.defaultValue { return value }
        preconditionFailure("the binder let \(definition.name) through without its required --\(key.spec.name)")
    }

    /// The value of an optional parameter, nil when it was not given.
    public subscript<T: ParameterType>(key: OptionalParameter<T>) -> T.Value? {
        given[key.spec.name]?.value as? T.Value
    }

    /// Whether the user gave the parameter (rather than leaving its default).
    public func isGiven(_ key: some ParameterKey) -> Bool { given[key.spec.name] != nil }

    /// A per-group list expanded to one value per group, as PyTorch's `_format_param` does: a single
    /// value is used for every group; otherwise the count must match (PyTorch's message).
    public func perGroup(_ key: Parameter<PerGroupRealType>, groups: Int) throws(ScheduleError) -> [Double] {
        try ScheduleArguments.expand(self[key], key.spec, groups: groups)
    }

    /// ``perGroup(_:groups:)`` for an optional per-group parameter; nil when not given.
    public func perGroup(_ key: OptionalParameter<PerGroupRealType>, groups: Int) throws(ScheduleError) -> [Double]? {
        guard let values = self[key] else { return nil }
        return try ScheduleArguments.expand(values, key.spec, groups: groups)
    }

    private static func expand(_ values: [Double], _ spec: ParameterSpec, groups: Int) throws(ScheduleError) -> [Double] {
        if values.count == 1 { return Array(repeating: values[0], count: groups) }
        guard values.count == groups else {
            let python = spec.pythonName
            throw ScheduleError(parameter: spec.name,
                                message: "\(python) must have the same length as optimizer.param_groups. \(python) has \(values.count) values, param_groups has \(groups). (Give one value, or one per --lr value.)")
        }
        return values
    }

    /// The bound value of `spec` (given, else its default), for JSON and descriptions.
    public func bound(_ spec: ParameterSpec) -> BoundValue? { given[spec.name] ?? spec.defaultValue }

    /// The names of required parameters that were not given.
    public var missingRequired: [ParameterSpec] {
        definition.parameters.filter { $0.isRequired && given[$0.name] == nil }
    }

    /// `Class(param=value, …)` with the given parameters in the library's spelling, for titles.
    public var pythonCallDescription: String { describe(onlyNonDefault: false) }

    /// The schedule with only the parameters that differ from their defaults, for legends:
    /// `StepLR(step_size=30)`, `CosineAnnealingLR(T_max=100)`.
    public var shortDescription: String { describe(onlyNonDefault: true) }

    private func describe(onlyNonDefault: Bool) -> String {
        let parts = givenOrder.compactMap { name -> String? in
            guard let spec = definition.parameter(named: name), let value = given[name], !(onlyNonDefault && value.isDefault) else { return nil }
            return "\(spec.pythonName)=\(value.python)"
        }
        let childPart = definition.isComposite ? ["[" + children.map { $0.describe(onlyNonDefault: onlyNonDefault) }.joined(separator: ", ") + "]"] : []
        return "\(definition.displayName)(\((childPart + parts).joined(separator: ", ")))"
    }
}
