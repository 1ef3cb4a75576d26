/// The functions an expression may call, with CPython's results and errors.
enum PyFunction: String, Sendable {
    case min, max, abs, round, float, int
    case cos, sin, tan, exp, log, log2, log10, sqrt, floor, ceil, pow

    /// Whether the function exists in Python's `math` module (and so may be written `math.NAME`).
    var isMath: Bool {
        switch self {
        case .min, .max, .abs, .round, .float, .int: return false
        default: return true
        }
    }

    var arity: ClosedRange<Int> {
        switch self {
        case .min, .max: return 2...64
        case .round, .log: return 1...2
        case .pow: return 2...2
        default: return 1...1
        }
    }

    var arityDescription: String {
        switch self {
        case .min, .max: return "takes at least 2 arguments"
        case .round, .log: return "takes 1 or 2 arguments"
        case .pow: return "takes exactly 2 arguments"
        default: return "takes exactly 1 argument"
        }
    }

    private func domainError(_ column: Int) -> PyEvaluationError {
        PyEvaluationError(kind: "ValueError", message: "math domain error", column: column)
    }

    private func rangeError(_ column: Int) -> PyEvaluationError {
        PyEvaluationError(kind: "OverflowError", message: "math range error", column: column)
    }

    /// `int(x)` of a float, as `math.floor`/`math.ceil`/`int`/`round` need it.
    private func toInt(_ d: Double, _ column: Int) throws(PyEvaluationError) -> PyValue {
        if d.isNaN {
            throw PyEvaluationError(kind: "ValueError", message: "cannot convert float NaN to integer", column: column)
        }
        if d.isInfinite {
            throw PyEvaluationError(kind: "OverflowError", message: "cannot convert float infinity to integer", column: column)
        }
        if d >= -9.2e18 && d <= 9.2e18 { return .int(Int(d)) }
        return .float(d)
    }

    /// Applies a libm function of one `float`, raising as CPython's `math_1` does.
    private func math1(_ v: PyValue, _ column: Int, canOverflow: Bool,
                       _ f: (Double) -> Double) throws(PyEvaluationError) -> PyValue {
        let x = v.asDouble
        let r = f(x)
        if r.isNaN && !x.isNaN { throw domainError(column) }
        if r.isInfinite && x.isFinite {
            if canOverflow { throw rangeError(column) }
            throw domainError(column)
        }
        return .float(r)
    }

    func apply(_ a: [PyValue], column: Int) throws(PyEvaluationError) -> PyValue {
        switch self {
        case .min, .max:
            var best = a[0]
            for v in a.dropFirst() {
                // CPython keeps the first of equal items.
                if self == .min ? PyArithmetic.compare("<", v, best) : PyArithmetic.compare(">", v, best) { best = v }
            }
            return best
        case .abs:
            switch a[0] {
            case .int(let i): return i == Int.min ? .float(-Double(i)) : .int(Swift.abs(i))
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let d): return .float(Swift.abs(d))
            }
        case .float:
            return .float(a[0].asDouble)
        case .int:
            if let i = a[0].asInt { return .int(i) }
            return try toInt(a[0].asDouble.rounded(.towardZero), column)
        case .round:
            if a.count == 1 {
                if let i = a[0].asInt { return .int(i) }
                return try toInt(a[0].asDouble.rounded(.toNearestOrEven), column)
            }
            guard let digits = a[1].asInt else {
                throw PyEvaluationError(kind: "TypeError", message: "'float' object cannot be interpreted as an integer", column: column)
            }
            if let i = a[0].asInt {
                if digits >= 0 { return .int(i) }
                let scale = PyArithmetic.integerPower10(-digits)
                guard let scale else { return .int(0) }
                let q = try PyArithmetic.binary("//", .int(i), .int(scale), column: column)
                let r = i - (q.asInt ?? 0) * scale
                var rounded = q.asInt ?? 0
                if 2 * r > scale || (2 * r == scale && rounded % 2 != 0) { rounded += 1 }
                return .int(rounded * scale)
            }
            return .float(PyFormat.roundToDigits(a[0].asDouble, digits))
        case .cos: return try math1(a[0], column, canOverflow: false, Glibc.cos)
        case .sin: return try math1(a[0], column, canOverflow: false, Glibc.sin)
        case .tan: return try math1(a[0], column, canOverflow: false, Glibc.tan)
        case .exp: return try math1(a[0], column, canOverflow: true, Glibc.exp)
        case .sqrt: return try math1(a[0], column, canOverflow: false) { $0.squareRoot() }
        case .log2, .log10, .log:
            let x = a[0].asDouble
            guard x > 0 || x.isNaN else { throw domainError(column) }
            if a.count == 2 {
                let base = a[1].asDouble
                guard base > 0 || base.isNaN else { throw domainError(column) }
                let denominator = Glibc.log(base)
                guard denominator != 0 else {
                    throw PyEvaluationError(kind: "ZeroDivisionError", message: "float division by zero", column: column)
                }
                return .float(Glibc.log(x) / denominator)
            }
            switch self {
            case .log2: return .float(Glibc.log2(x))
            case .log10: return .float(Glibc.log10(x))
            default: return .float(Glibc.log(x))
            }
        case .floor:
            if let i = a[0].asInt { return .int(i) }
            return try toInt(Glibc.floor(a[0].asDouble), column)
        case .ceil:
            if let i = a[0].asInt { return .int(i) }
            return try toInt(Glibc.ceil(a[0].asDouble), column)
        case .pow:
            let x = a[0].asDouble, y = a[1].asDouble
            if x == 0 && y < 0 { throw domainError(column) }
            if x < 0 && y.isFinite && y != Glibc.floor(y) { throw domainError(column) }
            let r = Glibc.pow(x, y)
            if r.isInfinite && x.isFinite && y.isFinite { throw rangeError(column) }
            return .float(r)
        }
    }
}

extension PyArithmetic {
    /// 10^n as an `Int`, or nil when it overflows.
    static func integerPower10(_ n: Int) -> Int? {
        var result = 1
        for _ in 0..<n {
            let (r, o) = result.multipliedReportingOverflow(by: 10)
            if o { return nil }
            result = r
        }
        return result
    }
}
