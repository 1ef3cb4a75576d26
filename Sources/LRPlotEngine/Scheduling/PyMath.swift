/// Python's float arithmetic where it differs from Swift's, for scheduler formulas: `**` with
/// CPython's special cases and errors, `/` raising on zero, and `bisect.bisect_right`.
enum PyMath {
    /// `x ** y` for Python floats; a ZeroDivisionError or ValueError becomes a ``ScheduleError``
    /// about `parameter`.
    static func pow(_ x: Double, _ y: Double, parameter: String?) throws(ScheduleError) -> Double {
        do {
            return try PyArithmetic.power(x, y, column: 0)
        } catch {
            throw ScheduleError(parameter: parameter, message: "\(error.kind): \(error.message) (evaluating \(PyFormat.repr(x)) ** \(PyFormat.repr(y)), where PyTorch would raise)")
        }
    }

    /// `x / y` for Python floats: dividing by zero raises instead of giving infinity.
    static func divide(_ x: Double, _ y: Double, parameter: String?, what: String) throws(ScheduleError) -> Double {
        guard y != 0 else {
            throw ScheduleError(parameter: parameter, message: "ZeroDivisionError: float division by zero in \(what), where PyTorch would raise")
        }
        return x / y
    }

    /// Python's `max(a, b)`: `a` unless `b > a` (ties and NaN keep the first argument).
    @inline(__always) static func max(_ a: Double, _ b: Double) -> Double { b > a ? b : a }

    /// Python's `a // b` for integers (floor division); `b` must not be 0.
    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// `bisect.bisect_right(values, x)`, exactly (also on an unsorted list, as Python does).
    static func bisectRight(_ values: [Int], _ x: Int) -> Int {
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if x < values[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
