/// A list of real numbers (`--values 1.0,0.5,0.1`, Keras's `values=[1.0, 0.5, 0.1]`).
public struct RealListType: ParameterType {
    public init() {}
    public var placeholder: String { "X,X,…" }
    public var shape: TextShape { .list }
    public func accepted(_ constraint: Constraint?) -> String {
        guard let constraint else { return "a comma-separated list of numbers" }
        return "a comma-separated list of numbers, each \(constraint.describe(integer: false).replacingFirst("a number ", with: ""))"
    }
    public func bind(_ value: SourceValue, _ site: BindSite) throws(Diagnostic) -> [Double] {
        var result: [Double] = []
        for item in try NumberBinding.items(value, site, example: "[1.0, 0.5, 0.1]", scalarAllowed: false) {
            result.append(try NumberBinding.real(item, site))
        }
        return result
    }
    public func python(_ value: [Double]) -> String { "[" + value.map(PyFormat.repr).joined(separator: ", ") + "]" }
    public func json(_ value: [Double]) -> String { "[" + value.map(JSONText.number).joined(separator: ",") + "]" }
}
