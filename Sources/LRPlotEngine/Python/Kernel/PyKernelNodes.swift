import Glibc

/// A ``PyNumericKernel`` cannot compute this call exactly as the evaluator would (an integer
/// overflow, a zero divisor, a domain error, a failed `assert`, a non-number result): the call is
/// run again by the evaluator, which raises or computes what CPython does. Kernels have no side
/// effects, so running the call again is always sound.
struct PyKernelBail: Error {}

/// What a `math`/numpy built-in computes, for the kernel to compute it without the evaluator.
enum PyNumericBuiltin {
    /// A function of ``PyFunction`` (CPython's `math` results and errors).
    case math(PyFunction)
    /// An elementwise float function; math's raise `ValueError` when it turns a number into NaN.
    case float1((Double) -> Double, nanIsDomainError: Bool)
}

// MARK: Typed expression nodes
//
// Each node computes one static type with no boxing and no reference counting: ints (Python
// ints that fit 64 bits; an overflow bails), floats, bools, and `PyValue` where a value's type
// depends on the path (`x if c else 1`). Every operation is the evaluator's own fast path, and
// whatever the fast path leaves to the evaluator bails.

class PyKFloat { func eval() throws(PyKernelBail) -> Double { throw PyKernelBail() } }
class PyKInt { func eval() throws(PyKernelBail) -> Int { throw PyKernelBail() } }
class PyKBool { func eval() throws(PyKernelBail) -> Bool { throw PyKernelBail() } }
class PyKValue { func eval() throws(PyKernelBail) -> PyValue { throw PyKernelBail() } }

/// A float operand: a constant, a local, or a node (no call for the first two).
enum PyKFloatOperand {
    case constant(Double)
    case local(UnsafeMutablePointer<Double>)
    case node(PyKFloat)

    @inline(__always)
    func eval() throws(PyKernelBail) -> Double {
        switch self {
        case .constant(let c): return c
        case .local(let p): return p.pointee
        case .node(let n): return try n.eval()
        }
    }
}

/// An int operand: a constant, a local, or a node.
enum PyKIntOperand {
    case constant(Int)
    case local(UnsafeMutablePointer<Int>)
    case node(PyKInt)

    @inline(__always)
    func eval() throws(PyKernelBail) -> Int {
        switch self {
        case .constant(let c): return c
        case .local(let p): return p.pointee
        case .node(let n): return try n.eval()
        }
    }
}

final class PyKFloatLocal: PyKFloat {
    let p: UnsafeMutablePointer<Double>
    init(_ p: UnsafeMutablePointer<Double>) { self.p = p }
    override func eval() throws(PyKernelBail) -> Double { p.pointee }
}

final class PyKIntLocal: PyKInt {
    let p: UnsafeMutablePointer<Int>
    init(_ p: UnsafeMutablePointer<Int>) { self.p = p }
    override func eval() throws(PyKernelBail) -> Int { p.pointee }
}

final class PyKBoolLocal: PyKBool {
    let p: UnsafeMutablePointer<Bool>
    init(_ p: UnsafeMutablePointer<Bool>) { self.p = p }
    override func eval() throws(PyKernelBail) -> Bool { p.pointee }
}

final class PyKValueLocal: PyKValue {
    let p: UnsafeMutablePointer<PyValue>
    init(_ p: UnsafeMutablePointer<PyValue>) { self.p = p }
    override func eval() throws(PyKernelBail) -> PyValue { p.pointee }
}

final class PyKFloatConstant: PyKFloat {
    let c: Double
    init(_ c: Double) { self.c = c }
    override func eval() throws(PyKernelBail) -> Double { c }
}

final class PyKIntConstant: PyKInt {
    let c: Int
    init(_ c: Int) { self.c = c }
    override func eval() throws(PyKernelBail) -> Int { c }
}

final class PyKBoolConstant: PyKBool {
    let c: Bool
    init(_ c: Bool) { self.c = c }
    override func eval() throws(PyKernelBail) -> Bool { c }
}

final class PyKValueConstant: PyKValue {
    let c: PyValue
    init(_ c: PyValue) { self.c = c }
    override func eval() throws(PyKernelBail) -> PyValue { c }
}

/// An expression that always bails when reached (a constant expression that raises: `1 / 0`).
final class PyKBailValue: PyKValue {}

// Conversions between the static types (Python's own: `float(int)` rounds to nearest, a bool is 0 or 1).

final class PyKFloatOfInt: PyKFloat {
    let x: PyKIntOperand
    init(_ x: PyKIntOperand) { self.x = x }
    override func eval() throws(PyKernelBail) -> Double { Double(try x.eval()) }
}

final class PyKIntOfBool: PyKInt {
    let x: PyKBool
    init(_ x: PyKBool) { self.x = x }
    override func eval() throws(PyKernelBail) -> Int { try x.eval() ? 1 : 0 }
}

final class PyKFloatOfValue: PyKFloat {
    let x: PyKValue
    init(_ x: PyKValue) { self.x = x }
    override func eval() throws(PyKernelBail) -> Double { try x.eval().asDouble }
}

final class PyKValueOfFloat: PyKValue {
    let x: PyKFloatOperand
    init(_ x: PyKFloatOperand) { self.x = x }
    override func eval() throws(PyKernelBail) -> PyValue { .float(try x.eval()) }
}

final class PyKValueOfInt: PyKValue {
    let x: PyKIntOperand
    init(_ x: PyKIntOperand) { self.x = x }
    override func eval() throws(PyKernelBail) -> PyValue { .int(try x.eval()) }
}

final class PyKValueOfBool: PyKValue {
    let x: PyKBool
    init(_ x: PyKBool) { self.x = x }
    override func eval() throws(PyKernelBail) -> PyValue { .bool(try x.eval()) }
}

// MARK: Arithmetic

/// `+ - * / // % **` of floats (an int operand already converted), as `PyArithmetic.real`.
final class PyKFloatBinary: PyKFloat {
    enum Op { case add, subtract, multiply, divide, floorDivide, modulo, power }
    let op: Op, a: PyKFloatOperand, b: PyKFloatOperand
    init(_ op: Op, _ a: PyKFloatOperand, _ b: PyKFloatOperand) {
        self.op = op
        self.a = a
        self.b = b
    }
    override func eval() throws(PyKernelBail) -> Double {
        let x = try a.eval(), y = try b.eval()
        switch op {
        case .add: return x + y
        case .subtract: return x - y
        case .multiply: return x * y
        case .divide:
            guard y != 0 else { throw PyKernelBail() }
            return x / y
        case .floorDivide:
            guard y != 0 else { throw PyKernelBail() }
            return PyArithmetic.floorDivMod(x, y).div
        case .modulo:
            guard y != 0 else { throw PyKernelBail() }
            return PyArithmetic.floorDivMod(x, y).mod
        case .power:
            do throws(PyEvaluationError) { return try PyArithmetic.power(x, y, column: 0) } catch { throw PyKernelBail() }
        }
    }
}

/// `+ - * // %` of ints; an overflow (the evaluator turns it into a float) bails.
final class PyKIntBinary: PyKInt {
    enum Op { case add, subtract, multiply, floorDivide, modulo }
    let op: Op, a: PyKIntOperand, b: PyKIntOperand
    init(_ op: Op, _ a: PyKIntOperand, _ b: PyKIntOperand) {
        self.op = op
        self.a = a
        self.b = b
    }
    override func eval() throws(PyKernelBail) -> Int {
        let x = try a.eval(), y = try b.eval()
        switch op {
        case .add:
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw PyKernelBail() }
            return r
        case .subtract:
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw PyKernelBail() }
            return r
        case .multiply:
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw PyKernelBail() }
            return r
        case .floorDivide:
            guard y != 0, !(x == Int.min && y == -1) else { throw PyKernelBail() }
            var q = x / y
            if (x % y != 0) && ((x < 0) != (y < 0)) { q -= 1 }
            return q
        case .modulo:
            guard y != 0 else { throw PyKernelBail() }
            if y == -1 { return 0 }
            var r = x % y
            if r != 0 && ((r < 0) != (y < 0)) { r += y }
            return r
        }
    }
}

/// `int / int`: both converted to float, as the evaluator does.
final class PyKIntTrueDivide: PyKFloat {
    let a: PyKIntOperand, b: PyKIntOperand
    init(_ a: PyKIntOperand, _ b: PyKIntOperand) {
        self.a = a
        self.b = b
    }
    override func eval() throws(PyKernelBail) -> Double {
        let x = try a.eval(), y = try b.eval()
        guard y != 0 else { throw PyKernelBail() }
        return Double(x) / Double(y)
    }
}

/// Any other arithmetic of numbers whose type depends on the values: `PyArithmetic.binary`, the
/// evaluator's own rule for numbers (`int ** int` with its 64-bit limit).
final class PyKValueBinary: PyKValue {
    let symbol: String, a: PyKValue, b: PyKValue
    init(_ symbol: String, _ a: PyKValue, _ b: PyKValue) {
        self.symbol = symbol
        self.a = a
        self.b = b
    }
    override func eval() throws(PyKernelBail) -> PyValue {
        let x = try a.eval(), y = try b.eval()
        if symbol == "**", let i = x.asInt, let j = y.asInt, j > 64, Swift.abs(i) > 1 { throw PyKernelBail() }
        // The evaluator's int fast path bails on overflow where PyArithmetic widens to float; both
        // give the same float, but stay with the evaluator's rule for anything unusual.
        do throws(PyEvaluationError) { return try PyArithmetic.binary(symbol, x, y, column: 0) } catch { throw PyKernelBail() }
    }
}

final class PyKFloatNegate: PyKFloat {
    let x: PyKFloatOperand
    init(_ x: PyKFloatOperand) { self.x = x }
    override func eval() throws(PyKernelBail) -> Double { -(try x.eval()) }
}

final class PyKIntNegate: PyKInt {
    let x: PyKIntOperand
    init(_ x: PyKIntOperand) { self.x = x }
    override func eval() throws(PyKernelBail) -> Int {
        let v = try x.eval()
        guard v != Int.min else { throw PyKernelBail() }
        return -v
    }
}

// MARK: Comparisons and truth

enum PyKCompareOp {
    case less, lessEqual, greater, greaterEqual, equal, notEqual

    init?(_ symbol: String) {
        switch symbol {
        case "<": self = .less
        case "<=": self = .lessEqual
        case ">": self = .greater
        case ">=": self = .greaterEqual
        case "==": self = .equal
        case "!=": self = .notEqual
        default: return nil
        }
    }

    @inline(__always)
    func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
        switch self {
        case .less: return a < b
        case .lessEqual: return a <= b
        case .greater: return a > b
        case .greaterEqual: return a >= b
        case .equal: return a == b
        case .notEqual: return a != b
        }
    }

    var symbol: String {
        switch self {
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        case .equal: return "=="
        case .notEqual: return "!="
        }
    }
}

/// A comparison operand of a chain, in its static type.
enum PyKCompareOperand {
    case int(PyKIntOperand)
    case float(PyKFloatOperand)
    case value(PyKValue)
}

/// A comparison chain (`0 <= r <= 1`, `it < warmup`): each operand evaluated once, left to right,
/// stopping at the first false link, each link by the evaluator's rule for numbers.
final class PyKCompare: PyKBool {
    let first: PyKCompareOperand
    let links: [(op: PyKCompareOp, operand: PyKCompareOperand)]
    init(_ first: PyKCompareOperand, _ links: [(op: PyKCompareOp, operand: PyKCompareOperand)]) {
        self.first = first
        self.links = links
    }

    /// A number as its static type is evaluated.
    enum Number { case int(Int), float(Double), value(PyValue) }

    @inline(__always)
    private static func evaluate(_ o: PyKCompareOperand) throws(PyKernelBail) -> Number {
        switch o {
        case .int(let i): return .int(try i.eval())
        case .float(let f): return .float(try f.eval())
        case .value(let v):
            switch try v.eval() {
            case .int(let i): return .int(i)
            case .float(let d): return .float(d)
            case .bool(let b): return .int(b ? 1 : 0)
            }
        }
    }

    /// The evaluator's `PyComparisonNode.holds` for numbers: ints as ints, anything else as floats.
    @inline(__always)
    private static func holds(_ op: PyKCompareOp, _ x: Number, _ y: Number) -> Bool {
        switch (x, y) {
        case (.int(let p), .int(let q)): return op.holds(p, q)
        case (.float(let p), .float(let q)): return op.holds(p, q)
        case (.int(let p), .float(let q)): return op.holds(Double(p), q)
        case (.float(let p), .int(let q)): return op.holds(p, Double(q))
        default: return false  // `.value` was unpacked by `evaluate`
        }
    }

    override func eval() throws(PyKernelBail) -> Bool {
        var left = try PyKCompare.evaluate(first)
        for link in links {
            let right = try PyKCompare.evaluate(link.operand)
            if !PyKCompare.holds(link.op, left, right) { return false }
            left = right
        }
        return true
    }
}

/// One comparison of two floats or two ints without the chain's generality (`it < warmup_iters`).
final class PyKIntCompare: PyKBool {
    let op: PyKCompareOp, a: PyKIntOperand, b: PyKIntOperand
    init(_ op: PyKCompareOp, _ a: PyKIntOperand, _ b: PyKIntOperand) {
        self.op = op
        self.a = a
        self.b = b
    }
    override func eval() throws(PyKernelBail) -> Bool { op.holds(try a.eval(), try b.eval()) }
}

final class PyKFloatCompare: PyKBool {
    let op: PyKCompareOp, a: PyKFloatOperand, b: PyKFloatOperand
    init(_ op: PyKCompareOp, _ a: PyKFloatOperand, _ b: PyKFloatOperand) {
        self.op = op
        self.a = a
        self.b = b
    }
    override func eval() throws(PyKernelBail) -> Bool { op.holds(try a.eval(), try b.eval()) }
}

/// The truth of a number (`if lr:`): nonzero.
final class PyKIntTruth: PyKBool {
    let x: PyKIntOperand
    init(_ x: PyKIntOperand) { self.x = x }
    override func eval() throws(PyKernelBail) -> Bool { try x.eval() != 0 }
}

final class PyKFloatTruth: PyKBool {
    let x: PyKFloatOperand
    init(_ x: PyKFloatOperand) { self.x = x }
    override func eval() throws(PyKernelBail) -> Bool { try x.eval() != 0 }
}

final class PyKValueTruth: PyKBool {
    let x: PyKValue
    init(_ x: PyKValue) { self.x = x }
    override func eval() throws(PyKernelBail) -> Bool { try x.eval().isTruthy }
}

final class PyKNot: PyKBool {
    let x: PyKBool
    init(_ x: PyKBool) { self.x = x }
    override func eval() throws(PyKernelBail) -> Bool { !(try x.eval()) }
}

/// `a and b` / `a or b` of bools.
final class PyKBoolLogic: PyKBool {
    let isAnd: Bool, a: PyKBool, b: PyKBool
    init(_ isAnd: Bool, _ a: PyKBool, _ b: PyKBool) {
        self.isAnd = isAnd
        self.a = a
        self.b = b
    }
    override func eval() throws(PyKernelBail) -> Bool {
        let x = try a.eval()
        if isAnd { return x ? try b.eval() : false }
        return x ? true : try b.eval()
    }
}

/// `a and b` / `a or b` of numbers: the operand that decides, as Python returns it.
final class PyKValueLogic: PyKValue {
    let isAnd: Bool, a: PyKValue, b: PyKValue
    init(_ isAnd: Bool, _ a: PyKValue, _ b: PyKValue) {
        self.isAnd = isAnd
        self.a = a
        self.b = b
    }
    override func eval() throws(PyKernelBail) -> PyValue {
        let x = try a.eval()
        if isAnd { return x.isTruthy ? try b.eval() : x }
        return x.isTruthy ? x : try b.eval()
    }
}

// MARK: Conditionals

final class PyKFloatConditional: PyKFloat {
    let test: PyKBool, body: PyKFloatOperand, orElse: PyKFloatOperand
    init(_ test: PyKBool, _ body: PyKFloatOperand, _ orElse: PyKFloatOperand) {
        self.test = test
        self.body = body
        self.orElse = orElse
    }
    override func eval() throws(PyKernelBail) -> Double { try test.eval() ? try body.eval() : try orElse.eval() }
}

final class PyKIntConditional: PyKInt {
    let test: PyKBool, body: PyKIntOperand, orElse: PyKIntOperand
    init(_ test: PyKBool, _ body: PyKIntOperand, _ orElse: PyKIntOperand) {
        self.test = test
        self.body = body
        self.orElse = orElse
    }
    override func eval() throws(PyKernelBail) -> Int { try test.eval() ? try body.eval() : try orElse.eval() }
}

final class PyKBoolConditional: PyKBool {
    let test: PyKBool, body: PyKBool, orElse: PyKBool
    init(_ test: PyKBool, _ body: PyKBool, _ orElse: PyKBool) {
        self.test = test
        self.body = body
        self.orElse = orElse
    }
    override func eval() throws(PyKernelBail) -> Bool { try test.eval() ? try body.eval() : try orElse.eval() }
}

final class PyKValueConditional: PyKValue {
    let test: PyKBool, body: PyKValue, orElse: PyKValue
    init(_ test: PyKBool, _ body: PyKValue, _ orElse: PyKValue) {
        self.test = test
        self.body = body
        self.orElse = orElse
    }
    override func eval() throws(PyKernelBail) -> PyValue { try test.eval() ? try body.eval() : try orElse.eval() }
}

// MARK: Built-in functions

/// `math.cos(x)` and the other one-argument float functions, with CPython's `math_1` errors
/// (a NaN from a number, an infinity from a finite number) bailing.
final class PyKMath1: PyKFloat {
    let f: (Double) -> Double, x: PyKFloatOperand, canOverflow: Bool, checked: Bool
    init(_ f: @escaping (Double) -> Double, _ x: PyKFloatOperand, canOverflow: Bool, checked: Bool) {
        self.f = f
        self.x = x
        self.canOverflow = canOverflow
        self.checked = checked
    }
    override func eval() throws(PyKernelBail) -> Double {
        let v = try x.eval()
        let r = f(v)
        if checked && ((r.isNaN && !v.isNaN) || (r.isInfinite && v.isFinite)) { throw PyKernelBail() }
        return r
    }
}

/// `math.cos` itself (the common case, without a closure call).
final class PyKCos: PyKFloat {
    let x: PyKFloatOperand
    init(_ x: PyKFloatOperand) { self.x = x }
    override func eval() throws(PyKernelBail) -> Double {
        let v = try x.eval()
        let r = Glibc.cos(v)
        if r.isNaN && !v.isNaN { throw PyKernelBail() }
        return r
    }
}

/// An elementwise float function that only fails on a NaN from a number (math's `fabs`, `tanh`…)
/// or never (numpy's).
final class PyKFloat1: PyKFloat {
    let f: (Double) -> Double, x: PyKFloatOperand, nanIsDomainError: Bool
    init(_ f: @escaping (Double) -> Double, _ x: PyKFloatOperand, nanIsDomainError: Bool) {
        self.f = f
        self.x = x
        self.nanIsDomainError = nanIsDomainError
    }
    override func eval() throws(PyKernelBail) -> Double {
        let v = try x.eval()
        let r = f(v)
        if nanIsDomainError && r.isNaN && !v.isNaN { throw PyKernelBail() }
        return r
    }
}

/// Any ``PyFunction`` on values (`math.log(x, base)`, `round(x)`, `math.floor`): its own `apply`;
/// results the `math` wrapper refuses (a float from floor/ceil) bail.
final class PyKFunction: PyKValue {
    let f: PyFunction, arguments: [PyKValue]
    init(_ f: PyFunction, _ arguments: [PyKValue]) {
        self.f = f
        self.arguments = arguments
    }
    override func eval() throws(PyKernelBail) -> PyValue {
        var values: [PyValue] = []
        values.reserveCapacity(arguments.count)
        for a in arguments { values.append(try a.eval()) }
        let result: PyValue
        do throws(PyEvaluationError) { result = try f.apply(values, column: 0) } catch { throw PyKernelBail() }
        if f == .floor || f == .ceil, case .float = result { throw PyKernelBail() }
        return result
    }
}

/// `min(a, b, …)` / `max(…)` of floats: the first of equal items, as CPython.
final class PyKFloatExtreme: PyKFloat {
    let isMin: Bool, items: [PyKFloatOperand]
    init(_ isMin: Bool, _ items: [PyKFloatOperand]) {
        self.isMin = isMin
        self.items = items
    }
    override func eval() throws(PyKernelBail) -> Double {
        var best = try items[0].eval()
        for i in 1..<items.count {
            let v = try items[i].eval()
            if isMin ? v < best : v > best { best = v }
        }
        return best
    }
}

final class PyKIntExtreme: PyKInt {
    let isMin: Bool, items: [PyKIntOperand]
    init(_ isMin: Bool, _ items: [PyKIntOperand]) {
        self.isMin = isMin
        self.items = items
    }
    override func eval() throws(PyKernelBail) -> Int {
        var best = try items[0].eval()
        for i in 1..<items.count {
            let v = try items[i].eval()
            if isMin ? v < best : v > best { best = v }
        }
        return best
    }
}

/// `min`/`max` of mixed numbers: compared by the evaluator's rule, the winner keeps its type.
final class PyKValueExtreme: PyKValue {
    let isMin: Bool, items: [PyKValue]
    init(_ isMin: Bool, _ items: [PyKValue]) {
        self.isMin = isMin
        self.items = items
    }
    override func eval() throws(PyKernelBail) -> PyValue {
        var best = try items[0].eval()
        for i in 1..<items.count {
            let v = try items[i].eval()
            if PyArithmetic.compare(isMin ? "<" : ">", v, best) { best = v }
        }
        return best
    }
}

/// `int(x)` / `round(x)` of a float: finite and within 64 bits, else the evaluator's error.
final class PyKIntOfFloat: PyKInt {
    let rule: FloatingPointRoundingRule, x: PyKFloatOperand
    init(_ rule: FloatingPointRoundingRule, _ x: PyKFloatOperand) {
        self.rule = rule
        self.x = x
    }
    override func eval() throws(PyKernelBail) -> Int {
        let r = try x.eval().rounded(rule)
        guard r.isFinite, Swift.abs(r) < 9.2e18 else { throw PyKernelBail() }
        return Int(r)
    }
}

final class PyKFloatAbs: PyKFloat {
    let x: PyKFloatOperand
    init(_ x: PyKFloatOperand) { self.x = x }
    override func eval() throws(PyKernelBail) -> Double { Swift.abs(try x.eval()) }
}

final class PyKIntAbs: PyKInt {
    let x: PyKIntOperand
    init(_ x: PyKIntOperand) { self.x = x }
    override func eval() throws(PyKernelBail) -> Int {
        let v = try x.eval()
        guard v != Int.min else { throw PyKernelBail() }
        return Swift.abs(v)
    }
}

/// `round(x, n)` of a float: the evaluator's `PyFormat.roundToDigits`.
final class PyKRoundDigits: PyKFloat {
    let x: PyKFloatOperand, digits: PyKIntOperand
    init(_ x: PyKFloatOperand, _ digits: PyKIntOperand) {
        self.x = x
        self.digits = digits
    }
    override func eval() throws(PyKernelBail) -> Double { PyFormat.roundToDigits(try x.eval(), try digits.eval()) }
}

/// `int(x)` / `round(x)` of a number of either type, as the built-ins compute them.
final class PyKValueToInt: PyKInt {
    let rule: FloatingPointRoundingRule, x: PyKValue
    init(_ rule: FloatingPointRoundingRule, _ x: PyKValue) {
        self.rule = rule
        self.x = x
    }
    override func eval() throws(PyKernelBail) -> Int {
        switch try x.eval() {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .float(let d):
            let r = d.rounded(rule)
            guard r.isFinite, Swift.abs(r) < 9.2e18 else { throw PyKernelBail() }
            return Int(r)
        }
    }
}

/// `round(x, n)` of a number of either type: floats rounded to `n` digits, ints and bools as they are.
final class PyKValueRoundDigits: PyKValue {
    let x: PyKValue, digits: PyKIntOperand
    init(_ x: PyKValue, _ digits: PyKIntOperand) {
        self.x = x
        self.digits = digits
    }
    override func eval() throws(PyKernelBail) -> PyValue {
        let v = try x.eval(), n = try digits.eval()
        if case .float(let d) = v { return .float(PyFormat.roundToDigits(d, n)) }
        return v
    }
}

/// `-x` / `+x` of a number of either type, as `PyRuntime.unary` computes it.
final class PyKValueSign: PyKValue {
    let negates: Bool, x: PyKValue
    init(negates: Bool, _ x: PyKValue) {
        self.negates = negates
        self.x = x
    }
    override func eval() throws(PyKernelBail) -> PyValue {
        let v = try x.eval()
        switch (negates, v) {
        case (true, .int(let i)):
            guard i != Int.min else { throw PyKernelBail() }
            return .int(-i)
        case (true, .bool(let b)): return .int(b ? -1 : 0)
        case (true, .float(let d)): return .float(-d)
        case (false, .bool(let b)): return .int(b ? 1 : 0)
        case (false, _): return v
        }
    }
}
