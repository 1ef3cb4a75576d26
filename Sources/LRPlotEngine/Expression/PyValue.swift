/// A Python number as an expression produces it: `int`, `float` or `bool` (an `int` subtype).
///
/// Arithmetic follows CPython: `int` stays `int` where Python's does (`+ - * // % **` with a
/// non-negative exponent), `/` is true division, `//` and `%` floor, and mixed operands convert the
/// `int` to `float` first.
public enum PyValue: Equatable, Sendable, CustomStringConvertible {
    case int(Int)
    case float(Double)
    case bool(Bool)

    /// The value as a Python `float`.
    public var asDouble: Double {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .bool(let b): return b ? 1 : 0
        }
    }

    /// Python truthiness.
    public var isTruthy: Bool {
        switch self {
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .bool(let b): return b
        }
    }

    /// The integer value of an `int` or `bool`; nil for `float`.
    var asInt: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .float: return nil
        }
    }

    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .float(let d): return PyFormat.repr(d)
        case .bool(let b): return b ? "True" : "False"
        }
    }
}

/// A run-time error raised while evaluating an expression (CPython would raise the same).
public struct PyEvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The Python exception class, e.g. `ZeroDivisionError`.
    public var kind: String
    /// Its message.
    public var message: String
    /// The 1-based column of the operation that failed.
    public var column: Int

    public var description: String { "\(kind): \(message) (column \(column))" }
}

/// CPython's numeric operations on ``PyValue``.
enum PyArithmetic {
    typealias Failure = PyEvaluationError

    static func zeroDivision(_ message: String, _ column: Int) -> Failure {
        Failure(kind: "ZeroDivisionError", message: message, column: column)
    }

    static func binary(_ op: String, _ a: PyValue, _ b: PyValue, column: Int) throws(Failure) -> PyValue {
        if let x = a.asInt, let y = b.asInt {
            return try integer(op, x, y, column: column)
        }
        return try real(op, a.asDouble, b.asDouble, column: column)
    }

    private static func integer(_ op: String, _ x: Int, _ y: Int, column: Int) throws(Failure) -> PyValue {
        switch op {
        case "+":
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .float(Double(x) + Double(y)) : .int(r)
        case "-":
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .float(Double(x) - Double(y)) : .int(r)
        case "*":
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? .float(Double(x) * Double(y)) : .int(r)
        case "/":
            guard y != 0 else { throw zeroDivision("division by zero", column) }
            return .float(Double(x) / Double(y))
        case "//":
            guard y != 0 else { throw zeroDivision("integer division or modulo by zero", column) }
            if x == Int.min && y == -1 { return .float(-Double(x)) }
            var q = x / y
            if (x % y != 0) && ((x < 0) != (y < 0)) { q -= 1 }
            return .int(q)
        case "%":
            guard y != 0 else { throw zeroDivision("integer modulo by zero", column) }
            if y == -1 { return .int(0) }
            var r = x % y
            if r != 0 && ((r < 0) != (y < 0)) { r += y }
            return .int(r)
        case "**":
            if y < 0 {
                guard x != 0 else {
                    throw zeroDivision("0.0 cannot be raised to a negative power", column)
                }
                return try real("**", Double(x), Double(y), column: column)
            }
            var result = 1, base = x, exponent = y, overflow = false
            while exponent > 0 && !overflow {
                if exponent & 1 == 1 {
                    let (r, o) = result.multipliedReportingOverflow(by: base)
                    result = r; overflow = overflow || o
                }
                exponent >>= 1
                if exponent > 0 {
                    let (b2, o) = base.multipliedReportingOverflow(by: base)
                    base = b2; overflow = overflow || o
                }
            }
            if overflow {
                // CPython keeps an exact big int; its float conversion is what any later float
                // arithmetic sees, and libm's pow is correctly rounded for these cases.
                let value = pow(Double(x), Double(y))
                guard value.isFinite else {
                    throw Failure(kind: "OverflowError", message: "int too large to convert to float", column: column)
                }
                return .float(value)
            }
            return .int(result)
        default:
            throw Failure(kind: "TypeError", message: "unsupported operator \(op)", column: column)
        }
    }

    private static func real(_ op: String, _ x: Double, _ y: Double, column: Int) throws(Failure) -> PyValue {
        switch op {
        case "+": return .float(x + y)
        case "-": return .float(x - y)
        case "*": return .float(x * y)
        case "/":
            guard y != 0 else { throw zeroDivision("float division by zero", column) }
            return .float(x / y)
        case "//":
            guard y != 0 else { throw zeroDivision("float floor division by zero", column) }
            return .float(floorDivMod(x, y).div)
        case "%":
            guard y != 0 else { throw zeroDivision("float modulo by zero", column) }
            return .float(floorDivMod(x, y).mod)
        case "**":
            return .float(try power(x, y, column: column))
        default:
            throw Failure(kind: "TypeError", message: "unsupported operator \(op)", column: column)
        }
    }

    /// CPython's `_float_div_mod` (Objects/floatobject.c), used by float `//` and `%`.
    static func floorDivMod(_ vx: Double, _ wx: Double) -> (div: Double, mod: Double) {
        var mod = fmod(vx, wx)
        var div = (vx - mod) / wx
        if mod != 0 {
            if (wx < 0) != (mod < 0) {
                mod += wx
                div -= 1.0
            }
        } else {
            mod = copysign(0.0, wx)
        }
        var floordiv: Double
        if div != 0 {
            floordiv = floor(div)
            if div - floordiv > 0.5 { floordiv += 1.0 }
        } else {
            floordiv = copysign(0.0, vx / wx)
        }
        return (floordiv, mod)
    }

    /// CPython's `float_pow`: libm `pow` with Python's special cases and errors.
    static func power(_ iv: Double, _ iw: Double, column: Int) throws(Failure) -> Double {
        if iw == 0 { return 1.0 }
        if iv.isNaN { return iv }
        if iw.isNaN { return iv == 1.0 ? 1.0 : iw }
        if iw.isInfinite {
            let a = abs(iv)
            if a == 1.0 { return 1.0 }
            return (iw > 0) == (a > 1.0) ? .infinity : 0.0
        }
        if iv.isInfinite {
            let oddInteger = fmod(abs(iw), 2.0) == 1.0
            if iw > 0 { return oddInteger ? iv : abs(iv) }
            return oddInteger ? copysign(0.0, iv) : 0.0
        }
        if iv == 0 {
            if iw < 0 {
                throw zeroDivision("zero to a negative power", column)
            }
            let oddInteger = fmod(abs(iw), 2.0) == 1.0
            return oddInteger ? iv : 0.0
        }
        if iv < 0 && iw != floor(iw) {
            throw Failure(kind: "ValueError",
                          message: "a negative number cannot be raised to a fractional power (Python would return a complex number)",
                          column: column)
        }
        if iv == 1.0 { return 1.0 }
        let result = pow(iv, iw)
        if result.isInfinite {
            throw Failure(kind: "OverflowError", message: "(34, 'Numerical result out of range')", column: column)
        }
        return result
    }

    static func compare(_ op: String, _ a: PyValue, _ b: PyValue) -> Bool {
        if let x = a.asInt, let y = b.asInt {
            switch op {
            case "<": return x < y
            case "<=": return x <= y
            case ">": return x > y
            case ">=": return x >= y
            case "==": return x == y
            default: return x != y
            }
        }
        let x = a.asDouble, y = b.asDouble
        switch op {
        case "<": return x < y
        case "<=": return x <= y
        case ">": return x > y
        case ">=": return x >= y
        case "==": return x == y
        default: return x != y
        }
    }
}
