import Glibc

/// What a `math`/numpy built-in computes, for the kernel to compute it without the evaluator.
enum PyNumericBuiltin {
    /// A function of ``PyFunction`` (CPython's `math` results and errors).
    case math(PyFunction)
    /// An elementwise float function; math's raise `ValueError` when it turns a number into NaN.
    case float1((Double) -> Double, nanIsDomainError: Bool)
    /// `numpy.interp(x, xp, fp)` (breakpoints known when the kernel is compiled).
    case interp
    /// `numpy.clip(x, lo, hi)` of a number.
    case clip
}

/// The lanes of a block a node computes: indices into the columns (lane `i` is step `first + i`).
/// Lanes that are consecutive (all of them, or one branch's share of a block split at one step,
/// the common case) are marked dense, and loops over them read and write the columns directly.
struct PyKLanes {
    var index: UnsafeMutablePointer<Int32>
    private(set) var count: Int
    /// Whether the lanes are `index[0], index[0] + 1, …` (true when empty).
    private(set) var isDense = true

    init(index: UnsafeMutablePointer<Int32>, count: Int) {
        self.index = index
        self.count = count
        isDense = count == 0
    }

    @inline(__always) subscript(k: Int) -> Int { Int(index[k]) }

    /// The first lane (0 when empty).
    @inline(__always) var first: Int { count > 0 ? Int(index[0]) : 0 }

    @inline(__always) mutating func append(_ lane: Int) {
        if count > 0 && Int(index[count - 1]) &+ 1 != lane { isDense = false }
        index[count] = Int32(truncatingIfNeeded: lane)
        count += 1
    }

    /// The lanes `0 ..< n`.
    @inline(__always) mutating func setConsecutive(_ n: Int) {
        for i in 0..<n { index[i] = Int32(truncatingIfNeeded: i) }
        count = n
        isDense = true
    }

    @inline(__always) mutating func removeAll() {
        count = 0
        isDense = true
    }

    /// Keeps the first `kept` lanes of the index (after compacting it in place).
    mutating func truncate(to kept: Int) {
        count = kept
        isDense = true
        for k in stride(from: 1, to: kept, by: 1) where index[k] != index[k - 1] &+ 1 {
            isDense = false
            break
        }
    }
}

/// Memory every node of one kernel shares: the block width, the bail column (a lane the kernel
/// cannot compute exactly as the evaluator would: an overflow, a zero divisor, a domain error, a
/// failed assert, a result that is not a number) and the columns it allocated, freed with it.
final class PyKMemory {
    /// Lanes per block.
    static let width = 256
    let bail: UnsafeMutablePointer<Bool>
    private var allocations: [UnsafeMutableRawPointer] = []
    /// The bytes of columns allocated so far (the compiler refuses a kernel beyond ``budget``).
    private(set) var bytes = 0
    /// The most column memory one kernel may take, its inlined calls and type passes included.
    static let budget = 16 << 20
    var isExhausted: Bool { bytes > PyKMemory.budget }

    init() {
        bail = .allocate(capacity: PyKMemory.width)
        bail.initialize(repeating: false, count: PyKMemory.width)
    }

    /// A column of `width` values, initialized to `value`.
    func column<T>(_ value: T) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: PyKMemory.width)
        p.initialize(repeating: value, count: PyKMemory.width)
        bytes += MemoryLayout<T>.stride * PyKMemory.width
        allocations.append(UnsafeMutableRawPointer(p))
        return p
    }

    /// A lane list of `width` entries.
    func lanes() -> PyKLanes { PyKLanes(index: column(Int32(0)), count: 0) }

    deinit {
        bail.deallocate()
        for p in allocations { p.deallocate() }  // columns hold only trivial values
    }
}

// MARK: Typed nodes
//
// Each node computes one static type for the lanes it is given, into its own column, with no
// boxing and no reference counting: ints (Python ints that fit 64 bits; an overflow bails the
// lane), floats, bools, and `PyValue` where a value's type depends on the path (`x if c else 1`).
// Every operation is the evaluator's own fast path; whatever it would leave to the general rules
// bails. Lanes that bailed keep running with harmless values (no operation traps) and are
// computed again by the evaluator.

class PyKNode<T> {
    /// The node's values, one per lane (a local's own column for a read of it).
    let out: UnsafeMutablePointer<T>
    unowned(unsafe) let memory: PyKMemory
    init(_ memory: PyKMemory, _ initial: T) {
        self.memory = memory
        out = memory.column(initial)
    }
    init(_ memory: PyKMemory, column: UnsafeMutablePointer<T>) {
        self.memory = memory
        out = column
    }
    /// Computes `out[i]` for every lane `i` of `lanes`.
    func run(_ lanes: PyKLanes) {}
}

typealias PyKFloat = PyKNode<Double>
typealias PyKInt = PyKNode<Int>
typealias PyKBool = PyKNode<Bool>
typealias PyKValue = PyKNode<PyValue>

/// An operand: a constant (folded in) or a node whose column is read.
enum PyKOperand<T> {
    case constant(T)
    case node(PyKNode<T>)

    @inline(__always) func run(_ lanes: PyKLanes) { if case .node(let n) = self { n.run(lanes) } }
}

typealias PyKFloatOperand = PyKOperand<Double>
typealias PyKIntOperand = PyKOperand<Int>

/// A read of a local: its column is the node's, nothing to run.
final class PyKLocal<T>: PyKNode<T> {}

/// A constant where a node is needed (the truth of a constant).
final class PyKConstant<T>: PyKNode<T> {
    let c: T
    override init(_ memory: PyKMemory, _ c: T) {
        self.c = c
        super.init(memory, c)
    }
    @_specialize(where T == Double)
    @_specialize(where T == Int)
    @_specialize(where T == Bool)
    @_specialize(where T == PyValue)
    override func run(_ lanes: PyKLanes) {
        for k in 0..<lanes.count { out[lanes[k]] = c }
    }
}

/// A constant expression that raises when reached (`1 / 0`): every lane bails.
final class PyKBailValue: PyKNode<PyValue> {
    init(_ memory: PyKMemory) { super.init(memory, .int(0)) }
    override func run(_ lanes: PyKLanes) {
        for k in 0..<lanes.count { memory.bail[lanes[k]] = true }
    }
}

/// Calls `body(i)` for every lane `i`, without the index when the lanes are consecutive.
@inline(__always)
func pykEachLane(_ lanes: PyKLanes, _ body: (Int) -> Void) {
    if lanes.isDense {
        let start = lanes.first
        for i in start..<(start &+ lanes.count) { body(i) }
    } else {
        for k in 0..<lanes.count { body(lanes[k]) }
    }
}

/// How many of the lanes have `flags[i]` true.
@inline(__always)
func pykCountTrue(_ lanes: PyKLanes, _ flags: UnsafeMutablePointer<Bool>) -> Int {
    var n = 0
    if lanes.isDense {
        // A Bool is stored as the byte 0 or 1: eight of them at a time, the bytes summed by a multiply.
        let start = lanes.first, end = start &+ lanes.count
        var i = start
        let raw = UnsafeRawPointer(flags)
        while i &+ 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            n &+= Int(truncatingIfNeeded: (word &* 0x0101_0101_0101_0101) >> 56)
            i &+= 8
        }
        while i < end { n &+= flags[i] ? 1 : 0; i &+= 1 }
    } else {
        for k in 0..<lanes.count { n &+= flags[lanes[k]] ? 1 : 0 }
    }
    return n
}

/// Applies `f` to one operand on every lane.
@inline(__always)
func pykMap<A, R>(_ lanes: PyKLanes, _ a: PyKOperand<A>, _ out: UnsafeMutablePointer<R>, _ f: (A, Int) -> R) {
    a.run(lanes)
    if lanes.isDense {
        let start = lanes.first, end = start + lanes.count
        switch a {
        case .constant(let x): for i in start..<end { out[i] = f(x, i) }
        case .node(let n):
            let p = n.out
            for i in start..<end { out[i] = f(p[i], i) }
        }
        return
    }
    switch a {
    case .constant(let x): for k in 0..<lanes.count { let i = lanes[k]; out[i] = f(x, i) }
    case .node(let n):
        let p = n.out
        for k in 0..<lanes.count { let i = lanes[k]; out[i] = f(p[i], i) }
    }
}

/// Applies `f` to two operands on every lane (the constant cases without a load).
@inline(__always)
func pykMap2<A, B, R>(_ lanes: PyKLanes, _ a: PyKOperand<A>, _ b: PyKOperand<B>, _ out: UnsafeMutablePointer<R>, _ f: (A, B, Int) -> R) {
    a.run(lanes)
    b.run(lanes)
    if lanes.isDense {
        let start = lanes.first, end = start + lanes.count
        switch (a, b) {
        case (.node(let x), .node(let y)):
            let p = x.out, q = y.out
            for i in start..<end { out[i] = f(p[i], q[i], i) }
        case (.node(let x), .constant(let c)):
            let p = x.out
            for i in start..<end { out[i] = f(p[i], c, i) }
        case (.constant(let c), .node(let y)):
            let q = y.out
            for i in start..<end { out[i] = f(c, q[i], i) }
        case (.constant(let c), .constant(let d)):
            for i in start..<end { out[i] = f(c, d, i) }
        }
        return
    }
    switch (a, b) {
    case (.node(let x), .node(let y)):
        let p = x.out, q = y.out
        for k in 0..<lanes.count { let i = lanes[k]; out[i] = f(p[i], q[i], i) }
    case (.node(let x), .constant(let c)):
        let p = x.out
        for k in 0..<lanes.count { let i = lanes[k]; out[i] = f(p[i], c, i) }
    case (.constant(let c), .node(let y)):
        let q = y.out
        for k in 0..<lanes.count { let i = lanes[k]; out[i] = f(c, q[i], i) }
    case (.constant(let c), .constant(let d)):
        for k in 0..<lanes.count { let i = lanes[k]; out[i] = f(c, d, i) }
    }
}

// MARK: Conversions (Python's own: `float(int)` rounds to nearest, a bool is 0 or 1)

final class PyKFloatOfInt: PyKNode<Double> {
    let x: PyKIntOperand
    init(_ m: PyKMemory, _ x: PyKIntOperand) { self.x = x; super.init(m, 0) }
    override func run(_ lanes: PyKLanes) { pykMap(lanes, x, out) { v, _ in Double(v) } }
}

final class PyKIntOfBool: PyKNode<Int> {
    let x: PyKBool
    init(_ m: PyKMemory, _ x: PyKBool) { self.x = x; super.init(m, 0) }
    override func run(_ lanes: PyKLanes) { pykMap(lanes, .node(x), out) { v, _ in v ? 1 : 0 } }
}

final class PyKFloatOfValue: PyKNode<Double> {
    let x: PyKValue
    init(_ m: PyKMemory, _ x: PyKValue) { self.x = x; super.init(m, 0) }
    override func run(_ lanes: PyKLanes) { pykMap(lanes, .node(x), out) { v, _ in v.asDouble } }
}

final class PyKValueOf<T>: PyKNode<PyValue> {
    let x: PyKOperand<T>, wrap: (T) -> PyValue
    init(_ m: PyKMemory, _ x: PyKOperand<T>, _ wrap: @escaping (T) -> PyValue) {
        self.x = x
        self.wrap = wrap
        super.init(m, .int(0))
    }
    @_specialize(where T == Double)
    @_specialize(where T == Int)
    @_specialize(where T == Bool)
    @_specialize(where T == PyValue)
    override func run(_ lanes: PyKLanes) { pykMap(lanes, x, out) { v, _ in wrap(v) } }
}

// MARK: Arithmetic

/// `+ - * / // % **` of floats (an int operand already converted), as `PyArithmetic.real`.
final class PyKFloatBinary: PyKNode<Double> {
    enum Op { case add, subtract, multiply, divide, floorDivide, modulo, power }
    let op: Op, a: PyKFloatOperand, b: PyKFloatOperand
    init(_ m: PyKMemory, _ op: Op, _ a: PyKFloatOperand, _ b: PyKFloatOperand) {
        self.op = op
        self.a = a
        self.b = b
        super.init(m, 0)
    }
    override func run(_ lanes: PyKLanes) {
        let bail = memory.bail
        switch op {
        case .add: pykMap2(lanes, a, b, out) { x, y, _ in x + y }
        case .subtract: pykMap2(lanes, a, b, out) { x, y, _ in x - y }
        case .multiply: pykMap2(lanes, a, b, out) { x, y, _ in x * y }
        case .divide:
            pykMap2(lanes, a, b, out) { x, y, i in
                if y == 0 { bail[i] = true; return 0 }
                return x / y
            }
        case .floorDivide, .modulo:
            let floor = op == .floorDivide
            pykMap2(lanes, a, b, out) { x, y, i in
                if y == 0 { bail[i] = true; return 0 }
                let r = PyArithmetic.floorDivMod(x, y)
                return floor ? r.div : r.mod
            }
        case .power:
            pykMap2(lanes, a, b, out) { x, y, i in
                do throws(PyEvaluationError) { return try PyArithmetic.power(x, y, column: 0) } catch {
                    bail[i] = true
                    return 0
                }
            }
        }
    }
}

/// `+ - * // %` of ints; an overflow (the evaluator turns it into a float) bails.
final class PyKIntBinary: PyKNode<Int> {
    enum Op { case add, subtract, multiply, floorDivide, modulo }
    let op: Op, a: PyKIntOperand, b: PyKIntOperand
    init(_ m: PyKMemory, _ op: Op, _ a: PyKIntOperand, _ b: PyKIntOperand) {
        self.op = op
        self.a = a
        self.b = b
        super.init(m, 0)
    }
    override func run(_ lanes: PyKLanes) {
        let bail = memory.bail
        switch op {
        case .add:
            pykMap2(lanes, a, b, out) { x, y, i in
                let (r, o) = x.addingReportingOverflow(y)
                if o { bail[i] = true }
                return r
            }
        case .subtract:
            pykMap2(lanes, a, b, out) { x, y, i in
                let (r, o) = x.subtractingReportingOverflow(y)
                if o { bail[i] = true }
                return r
            }
        case .multiply:
            pykMap2(lanes, a, b, out) { x, y, i in
                let (r, o) = x.multipliedReportingOverflow(by: y)
                if o { bail[i] = true }
                return r
            }
        case .floorDivide:
            pykMap2(lanes, a, b, out) { x, y, i in
                if y == 0 || (x == Int.min && y == -1) { bail[i] = true; return 0 }
                var q = x / y
                if (x % y != 0) && ((x < 0) != (y < 0)) { q -= 1 }
                return q
            }
        case .modulo:
            pykMap2(lanes, a, b, out) { x, y, i in
                if y == 0 { bail[i] = true; return 0 }
                if y == -1 { return 0 }
                var r = x % y
                if r != 0 && ((r < 0) != (y < 0)) { r += y }
                return r
            }
        }
    }
}

/// `int / int`: both converted to float, as the evaluator does.
final class PyKIntTrueDivide: PyKNode<Double> {
    let a: PyKIntOperand, b: PyKIntOperand
    init(_ m: PyKMemory, _ a: PyKIntOperand, _ b: PyKIntOperand) {
        self.a = a
        self.b = b
        super.init(m, 0)
    }
    override func run(_ lanes: PyKLanes) {
        let bail = memory.bail
        pykMap2(lanes, a, b, out) { x, y, i in
            if y == 0 { bail[i] = true; return 0 }
            return Double(x) / Double(y)
        }
    }
}

/// Any other arithmetic of numbers whose type depends on the values: `PyArithmetic.binary`, the
/// evaluator's own rule for numbers (`int ** int` with its 64-bit limit).
final class PyKValueBinary: PyKNode<PyValue> {
    let symbol: String, a: PyKValue, b: PyKValue
    init(_ m: PyKMemory, _ symbol: String, _ a: PyKValue, _ b: PyKValue) {
        self.symbol = symbol
        self.a = a
        self.b = b
        super.init(m, .int(0))
    }
    override func run(_ lanes: PyKLanes) {
        let bail = memory.bail, symbol = symbol
        pykMap2(lanes, .node(a), .node(b), out) { x, y, i in
            if symbol == "**", let p = x.asInt, let q = y.asInt, q > 64, Swift.abs(p) > 1 { bail[i] = true; return .int(0) }
            do throws(PyEvaluationError) { return try PyArithmetic.binary(symbol, x, y, column: 0) } catch {
                bail[i] = true
                return .int(0)
            }
        }
    }
}

final class PyKFloatNegate: PyKNode<Double> {
    let x: PyKFloatOperand
    init(_ m: PyKMemory, _ x: PyKFloatOperand) { self.x = x; super.init(m, 0) }
    override func run(_ lanes: PyKLanes) { pykMap(lanes, x, out) { v, _ in -v } }
}

final class PyKIntNegate: PyKNode<Int> {
    let x: PyKIntOperand
    init(_ m: PyKMemory, _ x: PyKIntOperand) { self.x = x; super.init(m, 0) }
    override func run(_ lanes: PyKLanes) {
        let bail = memory.bail
        pykMap(lanes, x, out) { v, i in
            if v == Int.min { bail[i] = true; return 0 }
            return -v
        }
    }
}

/// `-x` / `+x` of a number of either type, as `PyRuntime.unary` computes it.
final class PyKValueSign: PyKNode<PyValue> {
    let negates: Bool, x: PyKValue
    init(_ m: PyKMemory, negates: Bool, _ x: PyKValue) {
        self.negates = negates
        self.x = x
        super.init(m, .int(0))
    }
    override func run(_ lanes: PyKLanes) {
        let bail = memory.bail, negates = negates
        pykMap(lanes, .node(x), out) { v, i in
            switch (negates, v) {
            case (true, .int(let n)):
                if n == Int.min { bail[i] = true; return .int(0) }
                return .int(-n)
            case (true, .bool(let b)): return .int(b ? -1 : 0)
            case (true, .float(let d)): return .float(-d)
            case (false, .bool(let b)): return .int(b ? 1 : 0)
            case (false, _): return v
            }
        }
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
}

/// One comparison of two ints or two floats (`it < warmup_iters`).
final class PyKCompare2<T: Comparable>: PyKNode<Bool> {
    let op: PyKCompareOp, a: PyKOperand<T>, b: PyKOperand<T>
    init(_ m: PyKMemory, _ op: PyKCompareOp, _ a: PyKOperand<T>, _ b: PyKOperand<T>) {
        self.op = op
        self.a = a
        self.b = b
        super.init(m, false)
    }
    @_specialize(where T == Double)
    @_specialize(where T == Int)
    override func run(_ lanes: PyKLanes) {
        switch op {
        case .less: pykMap2(lanes, a, b, out) { x, y, _ in x < y }
        case .lessEqual: pykMap2(lanes, a, b, out) { x, y, _ in x <= y }
        case .greater: pykMap2(lanes, a, b, out) { x, y, _ in x > y }
        case .greaterEqual: pykMap2(lanes, a, b, out) { x, y, _ in x >= y }
        case .equal: pykMap2(lanes, a, b, out) { x, y, _ in x == y }
        case .notEqual: pykMap2(lanes, a, b, out) { x, y, _ in x != y }
        }
    }
}

/// A comparison operand of a chain, as a value column.
/// A comparison chain (`0 <= r <= 1`): each operand evaluated once, left to right, later ones only
/// on the lanes still true, each link by the evaluator's rule for numbers (ints as ints, anything
/// else as floats).
final class PyKCompareChain: PyKNode<Bool> {
    let first: PyKValue, links: [(op: PyKCompareOp, operand: PyKValue)]
    private var live: PyKLanes
    init(_ m: PyKMemory, _ first: PyKValue, _ links: [(op: PyKCompareOp, operand: PyKValue)]) {
        self.first = first
        self.links = links
        live = m.lanes()
        super.init(m, false)
    }

    @inline(__always)
    private static func holds(_ op: PyKCompareOp, _ x: PyValue, _ y: PyValue) -> Bool {
        switch (x, y) {
        case (.float(let p), .float(let q)): return op.holds(p, q)
        default:
            if let p = x.asInt, let q = y.asInt { return op.holds(p, q) }
            return op.holds(x.asDouble, y.asDouble)
        }
    }

    override func run(_ lanes: PyKLanes) {
        first.run(lanes)
        live.removeAll()
        for k in 0..<lanes.count {
            live.append(lanes[k])
            out[lanes[k]] = true
        }
        var left = first.out
        for link in links {
            guard live.count > 0 else { return }
            link.operand.run(live)
            let right = link.operand.out
            var kept = 0
            for k in 0..<live.count {
                let i = live[k]
                if PyKCompareChain.holds(link.op, left[i], right[i]) {
                    live.index[kept] = Int32(truncatingIfNeeded: i)
                    kept += 1
                } else {
                    out[i] = false
                }
            }
            live.truncate(to: kept)
            left = right
        }
    }
}

/// The truth of a number (`if lr:`): nonzero.
final class PyKTruth<T: Numeric>: PyKNode<Bool> {
    let x: PyKOperand<T>
    init(_ m: PyKMemory, _ x: PyKOperand<T>) { self.x = x; super.init(m, false) }
    @_specialize(where T == Double)
    @_specialize(where T == Int)
    override func run(_ lanes: PyKLanes) { pykMap(lanes, x, out) { v, _ in v != 0 } }
}

final class PyKValueTruth: PyKNode<Bool> {
    let x: PyKValue
    init(_ m: PyKMemory, _ x: PyKValue) { self.x = x; super.init(m, false) }
    override func run(_ lanes: PyKLanes) { pykMap(lanes, .node(x), out) { v, _ in v.isTruthy } }
}

final class PyKNot: PyKNode<Bool> {
    let x: PyKBool
    init(_ m: PyKMemory, _ x: PyKBool) { self.x = x; super.init(m, false) }
    override func run(_ lanes: PyKLanes) { pykMap(lanes, .node(x), out) { v, _ in !v } }
}

/// `a and b` / `a or b` (bools, or numbers by their truth): `b` runs only on the lanes where `a`
/// does not decide, and each lane's result is the operand that decided, as Python returns it.
final class PyKLogic<T>: PyKNode<T> {
    let isAnd: Bool, a: PyKNode<T>, b: PyKNode<T>, truth: (T) -> Bool
    private var rest: PyKLanes
    init(_ m: PyKMemory, _ isAnd: Bool, _ a: PyKNode<T>, _ b: PyKNode<T>, _ initial: T, truth: @escaping (T) -> Bool) {
        self.isAnd = isAnd
        self.a = a
        self.b = b
        self.truth = truth
        rest = m.lanes()
        super.init(m, initial)
    }
    @_specialize(where T == Double)
    @_specialize(where T == Int)
    @_specialize(where T == Bool)
    @_specialize(where T == PyValue)
    override func run(_ lanes: PyKLanes) {
        a.run(lanes)
        rest.removeAll()
        for k in 0..<lanes.count {
            let i = lanes[k], v = a.out[i]
            if truth(v) == isAnd { rest.append(i) } else { out[i] = v }
        }
        guard rest.count > 0 else { return }
        b.run(rest)
        for k in 0..<rest.count { out[rest[k]] = b.out[rest[k]] }
    }
}

/// `body if test else orElse`: each branch runs only on its lanes.
final class PyKConditional<T>: PyKNode<T> {
    let test: PyKBool, body: PyKOperand<T>, orElse: PyKOperand<T>
    private var yes: PyKLanes, no: PyKLanes
    init(_ m: PyKMemory, _ test: PyKBool, _ body: PyKOperand<T>, _ orElse: PyKOperand<T>, _ initial: T) {
        self.test = test
        self.body = body
        self.orElse = orElse
        yes = m.lanes()
        no = m.lanes()
        super.init(m, initial)
    }
    @_specialize(where T == Double)
    @_specialize(where T == Int)
    @_specialize(where T == Bool)
    @_specialize(where T == PyValue)
    override func run(_ lanes: PyKLanes) {
        test.run(lanes)
        yes.removeAll()
        no.removeAll()
        for k in 0..<lanes.count {
            let i = lanes[k]
            if test.out[i] { yes.append(i) } else { no.append(i) }
        }
        if yes.count > 0 { copy(body, yes) }
        if no.count > 0 { copy(orElse, no) }
    }
    private func copy(_ x: PyKOperand<T>, _ lanes: PyKLanes) {
        pykMap(lanes, x, out) { v, _ in v }
    }
}

// MARK: Built-in functions

/// `math.cos(x)` and the other one-argument float functions: CPython's `math_1` errors (a NaN
/// from a number, an infinity from a finite number) bail when `checked`; numpy's never raise.
final class PyKFloat1: PyKNode<Double> {
    let f: (Double) -> Double, x: PyKFloatOperand, checksInfinity: Bool, checksNaN: Bool
    init(_ m: PyKMemory, _ f: @escaping (Double) -> Double, _ x: PyKFloatOperand, checksNaN: Bool, checksInfinity: Bool) {
        self.f = f
        self.x = x
        self.checksNaN = checksNaN
        self.checksInfinity = checksInfinity
        super.init(m, 0)
    }
    override func run(_ lanes: PyKLanes) {
        let bail = memory.bail, f = f, nan = checksNaN, inf = checksInfinity
        pykMap(lanes, x, out) { v, i in
            let r = f(v)
            if (nan && r.isNaN && !v.isNaN) || (inf && r.isInfinite && v.isFinite) { bail[i] = true }
            return r
        }
    }
}

/// `math.cos` itself (the common case, without a closure call).
final class PyKCos: PyKNode<Double> {
    let x: PyKFloatOperand
    init(_ m: PyKMemory, _ x: PyKFloatOperand) { self.x = x; super.init(m, 0) }
    override func run(_ lanes: PyKLanes) {
        let bail = memory.bail
        pykMap(lanes, x, out) { v, i in
            let r = Glibc.cos(v)
            if r.isNaN && !v.isNaN { bail[i] = true }
            return r
        }
    }
}

/// Any ``PyFunction`` on values (`math.log(x, base)`, `math.pow`): its own `apply`; results the
/// `math` wrapper refuses (a float from floor/ceil) bail.
final class PyKFunction: PyKNode<PyValue> {
    let f: PyFunction, arguments: [PyKValue]
    init(_ m: PyKMemory, _ f: PyFunction, _ arguments: [PyKValue]) {
        self.f = f
        self.arguments = arguments
        super.init(m, .int(0))
    }
    override func run(_ lanes: PyKLanes) {
        for a in arguments { a.run(lanes) }
        var values: [PyValue] = []
        values.reserveCapacity(arguments.count)
        for k in 0..<lanes.count {
            let i = lanes[k]
            values.removeAll(keepingCapacity: true)
            for a in arguments { values.append(a.out[i]) }
            do throws(PyEvaluationError) {
                let r = try f.apply(values, column: 0)
                if f == .floor || f == .ceil, case .float = r { memory.bail[i] = true }
                out[i] = r
            } catch {
                memory.bail[i] = true
            }
        }
    }
}

/// `min(a, b, …)` / `max(…)`: the first of equal items (CPython), compared by `better`.
final class PyKExtreme<T>: PyKNode<T> {
    let items: [PyKOperand<T>], better: (T, T) -> Bool
    init(_ m: PyKMemory, _ items: [PyKOperand<T>], _ initial: T, better: @escaping (T, T) -> Bool) {
        self.items = items
        self.better = better
        super.init(m, initial)
    }
    @_specialize(where T == Double)
    @_specialize(where T == Int)
    @_specialize(where T == Bool)
    @_specialize(where T == PyValue)
    override func run(_ lanes: PyKLanes) {
        pykMap(lanes, items[0], out) { v, _ in v }
        for item in items.dropFirst() {
            item.run(lanes)
            let better = better
            switch item {
            case .constant(let c): for k in 0..<lanes.count { let i = lanes[k]; if better(c, out[i]) { out[i] = c } }
            case .node(let n): for k in 0..<lanes.count { let i = lanes[k]; if better(n.out[i], out[i]) { out[i] = n.out[i] } }
            }
        }
    }
}

/// `int(x)` / `round(x)` / `math.floor(x)` of a float: finite and within 64 bits, else it bails.
final class PyKIntOfFloat: PyKNode<Int> {
    let rule: FloatingPointRoundingRule, x: PyKFloatOperand
    init(_ m: PyKMemory, _ rule: FloatingPointRoundingRule, _ x: PyKFloatOperand) {
        self.rule = rule
        self.x = x
        super.init(m, 0)
    }
    override func run(_ lanes: PyKLanes) {
        let bail = memory.bail, rule = rule
        pykMap(lanes, x, out) { v, i in
            let r = v.rounded(rule)
            guard r.isFinite, Swift.abs(r) < 9.2e18 else { bail[i] = true; return 0 }
            return Int(r)
        }
    }
}

/// `int(x)` / `round(x)` of a number of either type, as the built-ins compute them.
final class PyKValueToInt: PyKNode<Int> {
    let rule: FloatingPointRoundingRule, x: PyKValue
    init(_ m: PyKMemory, _ rule: FloatingPointRoundingRule, _ x: PyKValue) {
        self.rule = rule
        self.x = x
        super.init(m, 0)
    }
    override func run(_ lanes: PyKLanes) {
        let bail = memory.bail, rule = rule
        pykMap(lanes, .node(x), out) { v, i in
            switch v {
            case .int(let n): return n
            case .bool(let b): return b ? 1 : 0
            case .float(let d):
                let r = d.rounded(rule)
                guard r.isFinite, Swift.abs(r) < 9.2e18 else { bail[i] = true; return 0 }
                return Int(r)
            }
        }
    }
}

final class PyKFloatAbs: PyKNode<Double> {
    let x: PyKFloatOperand
    init(_ m: PyKMemory, _ x: PyKFloatOperand) { self.x = x; super.init(m, 0) }
    override func run(_ lanes: PyKLanes) { pykMap(lanes, x, out) { v, _ in Swift.abs(v) } }
}

/// `numpy.clip(x, lo, hi)` of a number: `max` with the low bound, then `min` with the high one.
final class PyKClip: PyKNode<Double> {
    let x: PyKFloatOperand, low: PyKFloatOperand, high: PyKFloatOperand
    init(_ m: PyKMemory, _ x: PyKFloatOperand, _ low: PyKFloatOperand, _ high: PyKFloatOperand) {
        self.x = x
        self.low = low
        self.high = high
        super.init(m, 0)
    }
    override func run(_ lanes: PyKLanes) {
        pykMap2(lanes, x, low, out) { v, lo, _ in Swift.max(v, lo) }
        high.run(lanes)
        for k in 0..<lanes.count {
            let i = lanes[k]
            let hi: Double
            switch high { case .constant(let c): hi = c; case .node(let n): hi = n.out[i] }
            out[i] = Swift.min(out[i], hi)
        }
    }
}

/// `round(x, n)`: floats rounded to `n` digits (the evaluator's `PyFormat.roundToDigits`), ints and
/// bools as they are.
final class PyKRoundDigits: PyKNode<PyValue> {
    let x: PyKValue, digits: PyKIntOperand
    init(_ m: PyKMemory, _ x: PyKValue, _ digits: PyKIntOperand) {
        self.x = x
        self.digits = digits
        super.init(m, .int(0))
    }
    override func run(_ lanes: PyKLanes) {
        pykMap2(lanes, .node(x), digits, out) { v, n, _ in
            if case .float(let d) = v { return .float(PyFormat.roundToDigits(d, n)) }
            return v
        }
    }
}

/// A one-operand function through a closure (the rarer operations); a nil result bails the lane.
final class PyKMap1<A, R>: PyKNode<R> {
    let x: PyKOperand<A>, f: (A) -> R?
    init(_ m: PyKMemory, _ x: PyKOperand<A>, _ initial: R, _ f: @escaping (A) -> R?) {
        self.x = x
        self.f = f
        super.init(m, initial)
    }
    @_specialize(where A == Int, R == Int)
    override func run(_ lanes: PyKLanes) {
        let bail = memory.bail, f = f, zero = out[0]
        pykMap(lanes, x, out) { v, i in
            guard let r = f(v) else { bail[i] = true; return zero }
            return r
        }
    }
}

/// A comparison chain whose operands are all floats (or ints that convert exactly): each operand
/// evaluated once, later ones only on the lanes still true.
final class PyKFloatChain: PyKNode<Bool> {
    let first: PyKFloatOperand, links: [(op: PyKCompareOp, operand: PyKFloatOperand)]
    private var live: PyKLanes
    init(_ m: PyKMemory, _ first: PyKFloatOperand, _ links: [(op: PyKCompareOp, operand: PyKFloatOperand)]) {
        self.first = first
        self.links = links
        live = m.lanes()
        super.init(m, false)
    }
    override func run(_ lanes: PyKLanes) {
        first.run(lanes)
        // Every lane starts true; a link's operand runs only on the lanes still true.
        if lanes.isDense {
            let start = lanes.first
            for i in start..<(start &+ lanes.count) { out[i] = true }
        } else {
            for k in 0..<lanes.count { out[lanes[k]] = true }
        }
        var current = lanes
        var copied = false
        var left = first
        for link in links {
            guard current.count > 0 else { return }
            link.operand.run(current)
            let failed: Int
            switch link.op {
            case .less: failed = PyKFloatChain.test(current, left, link.operand, out) { $0 < $1 }
            case .lessEqual: failed = PyKFloatChain.test(current, left, link.operand, out) { $0 <= $1 }
            case .greater: failed = PyKFloatChain.test(current, left, link.operand, out) { $0 > $1 }
            case .greaterEqual: failed = PyKFloatChain.test(current, left, link.operand, out) { $0 >= $1 }
            case .equal: failed = PyKFloatChain.test(current, left, link.operand, out) { $0 == $1 }
            case .notEqual: failed = PyKFloatChain.test(current, left, link.operand, out) { $0 != $1 }
            }
            if failed > 0 {
                // Keep the lanes still true (in a list of the node's own, not the caller's).
                if !copied {
                    live.removeAll()
                    for k in 0..<current.count { live.append(current[k]) }
                    copied = true
                }
                var kept = 0
                for k in 0..<live.count where out[live[k]] {
                    live.index[kept] = live.index[k]
                    kept += 1
                }
                live.truncate(to: kept)
                current = live
            }
            left = link.operand
        }
    }

    /// Sets `out[i]` false on the lanes where `holds(x, y)` is false; returns how many.
    @inline(__always)
    private static func test(_ lanes: PyKLanes, _ x: PyKFloatOperand, _ y: PyKFloatOperand, _ out: UnsafeMutablePointer<Bool>,
                             _ holds: (Double, Double) -> Bool) -> Int {
        var failed = 0
        @inline(__always) func lane(_ i: Int, _ a: Double, _ b: Double) {
            if !holds(a, b) { out[i] = false; failed &+= 1 }
        }
        switch (x, y) {
        case (.node(let p), .node(let q)):
            let a = p.out, b = q.out
            pykEachLane(lanes) { i in lane(i, a[i], b[i]) }
        case (.node(let p), .constant(let c)):
            let a = p.out
            pykEachLane(lanes) { i in lane(i, a[i], c) }
        case (.constant(let c), .node(let q)):
            let b = q.out
            pykEachLane(lanes) { i in lane(i, c, b[i]) }
        case (.constant(let c), .constant(let d)):
            pykEachLane(lanes) { i in lane(i, c, d) }
        }
        return failed
    }
}
