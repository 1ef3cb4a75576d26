import LRPlotEngine

/// Test shorthands: the literals the flag front end would produce for typed values.
extension Literal {
    static func integer(_ v: Int) -> Literal { .number(Double(v), integer: v) }
    static func real(_ v: Double) -> Literal { .number(v, integer: nil) }
    static func integers(_ v: [Int]) -> Literal { .list(v.map { SourceValue(.integer($0), text: String($0), origin: Origin()) }) }
    static func reals(_ v: [Double]) -> Literal { .list(v.map { SourceValue(.real($0), text: "\($0)", origin: Origin()) }) }
    static func choice(_ v: String) -> Literal { .string(v) }
    static func flag(_ v: Bool) -> Literal { .bool(v) }
    static func expressions(_ v: [Expression]) -> Literal { .list(v.map { SourceValue(.expression($0.source), text: $0.source, origin: Origin()) }) }
}

/// The flag-form call of `definition` with `parameters` (kebab names) and `children`.
func call(_ definition: ScheduleDefinition, _ parameters: [String: Literal], children: [CallValue] = []) -> CallValue {
    var keywords = parameters.sorted { $0.key < $1.key }.map { CallValue.Keyword($0.key, SourceValue($0.value, text: "\($0.value)", origin: Origin(subject: "--\($0.key)"))) }
    if !children.isEmpty {
        keywords.append(CallValue.Keyword("schedulers", SourceValue(.list(children.map { SourceValue(.call($0), text: $0.text, origin: Origin()) }), text: "", origin: Origin())))
    }
    return CallValue(callee: definition.name, keywords: keywords, form: .flags, origin: Origin(), text: definition.name)
}

/// `call(…)` bound (types and ranges checked; not constructed).
func bound(_ definition: ScheduleDefinition, _ parameters: [String: Literal], children: [CallValue] = []) throws -> ScheduleArguments {
    var verbose = false
    return try Binder.bindCall(call(definition, parameters, children: children), verbose: &verbose)
}
