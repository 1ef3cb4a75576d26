/// A numeric range a parameter must lie in, stated once for validation, errors and help.
public struct Constraint: Sendable, Equatable {
    /// The lower bound, if any.
    public var lower: Double?
    /// Whether the lower bound itself is allowed.
    public var lowerInclusive: Bool
    /// The upper bound, if any.
    public var upper: Double?
    /// Whether the upper bound itself is allowed.
    public var upperInclusive: Bool

    /// `x ≥ v`.
    public static func atLeast(_ v: Double) -> Constraint { Constraint(lower: v, lowerInclusive: true, upper: nil, upperInclusive: false) }
    /// `x > v`.
    public static func greaterThan(_ v: Double) -> Constraint { Constraint(lower: v, lowerInclusive: false, upper: nil, upperInclusive: false) }
    /// `lo ≤ x ≤ hi`.
    public static func between(_ lo: Double, _ hi: Double) -> Constraint { Constraint(lower: lo, lowerInclusive: true, upper: hi, upperInclusive: true) }

    /// Whether `x` satisfies the constraint.
    public func admits(_ x: Double) -> Bool {
        if let lower, lowerInclusive ? x < lower : x <= lower { return false }
        if let upper, upperInclusive ? x > upper : x >= upper { return false }
        return true
    }

    /// Human-readable range, e.g. `an integer ≥ 1` or `a number in [0, 1]`.
    public func describe(integer: Bool) -> String {
        let noun = integer ? "an integer" : "a number"
        // Whole bounds read as whole numbers (`> 0`, `in [0, 1]`) for integers and reals alike.
        func f(_ v: Double) -> String { integer || (v == v.rounded() && abs(v) < 1e15) ? String(Int(v)) : PyFormat.repr(v) }
        switch (lower, upper) {
        case let (lo?, hi?):
            return "\(noun) in \(lowerInclusive ? "[" : "(")\(f(lo)), \(f(hi))\(upperInclusive ? "]" : ")")"
        case let (lo?, nil):
            return "\(noun) \(lowerInclusive ? "≥" : ">") \(f(lo))"
        case let (nil, hi?):
            return "\(noun) \(upperInclusive ? "≤" : "<") \(f(hi))"
        case (nil, nil):
            return integer ? "an integer" : "a number"
        }
    }
}

extension Optional where Wrapped == Constraint {
    /// The range in words, or the type's whole range when there is no constraint.
    func describe(integer: Bool) -> String {
        (self ?? Constraint(lower: nil, lowerInclusive: true, upper: nil, upperInclusive: true)).describe(integer: integer)
    }
}

extension String {
    func replacingFirst(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
