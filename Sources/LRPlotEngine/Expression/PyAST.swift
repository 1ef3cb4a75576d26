/// A parsed Python expression (the subset of contract section 3), with source columns.
///
/// The same tree serves `--lr-lambda`-style numeric expressions (compiled by ``Expression``) and
/// the Python-call form of a whole schedule.
public indirect enum PyExpr: Sendable {
    case int(Int, column: Int)
    case float(Double, column: Int)
    case bool(Bool, column: Int)
    case none(column: Int)
    case string(String, column: Int)
    case name(String, column: Int)
    case attribute(PyExpr, String, column: Int)
    case call(PyExpr, [PyArgument], column: Int)
    case list([PyExpr], sources: [String], column: Int)
    case unary(String, PyExpr, column: Int)
    case binary(String, PyExpr, PyExpr, column: Int)
    case compare(PyExpr, [(String, PyExpr)], column: Int)
    case and(PyExpr, PyExpr, column: Int)
    case or(PyExpr, PyExpr, column: Int)
    case not(PyExpr, column: Int)
    case conditional(body: PyExpr, test: PyExpr, orElse: PyExpr, column: Int)
    case lambda(parameter: String, body: PyExpr, column: Int)

    /// The 1-based column where this expression starts.
    public var column: Int {
        switch self {
        case .int(_, let c), .float(_, let c), .bool(_, let c), .none(let c), .string(_, let c),
             .name(_, let c), .attribute(_, _, let c), .call(_, _, let c), .list(_, _, let c),
             .unary(_, _, let c), .binary(_, _, _, let c), .compare(_, _, let c), .and(_, _, let c),
             .or(_, _, let c), .not(_, let c), .conditional(_, _, _, let c), .lambda(_, _, let c):
            return c
        }
    }

    /// The dotted name of a `name` or `a.b.c` attribute chain, or nil.
    public var dottedName: String? {
        switch self {
        case .name(let n, _): return n
        case .attribute(let base, let n, _): return base.dottedName.map { "\($0).\(n)" }
        default: return nil
        }
    }
}

/// One argument of a call: positional (`label == nil`) or keyword.
public struct PyArgument: Sendable {
    /// The keyword, or nil for a positional argument.
    public var label: String?
    /// The argument's value.
    public var value: PyExpr
    /// The column of the argument (its keyword, if any).
    public var column: Int
    /// The value's source text, as written.
    public var source: String

    /// An argument.
    public init(label: String?, value: PyExpr, column: Int, source: String) {
        self.label = label
        self.value = value
        self.column = column
        self.source = source
    }
}
