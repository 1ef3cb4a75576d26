/// Binary operators and comparisons compiled per operator, with the float and int cases inline
/// (the generic ``PyRuntime/binary(_:_:_:)`` handles the rest with the same results).
enum PyFastArithmetic {
    static func binary(_ op: String, _ a: @escaping PyEval, _ b: @escaping PyEval, _ rt: PyRuntime, at loc: PyLoc) -> PyEval {
        switch op {
        case "+":
            return { f throws(PyError) in
                let x = try a(f), y = try b(f)
                switch (x, y) {
                case (.float(let p), .float(let q)): return .float(p + q)
                case (.float(let p), .int(let q)): return .float(p + Double(q))
                case (.int(let p), .float(let q)): return .float(Double(p) + q)
                case (.int(let p), .int(let q)):
                    let (r, o) = p.addingReportingOverflow(q)
                    if !o { return .int(r) }
                default: break
                }
                do throws(PyError) { return try rt.binary(op, x, y) } catch { throw error.at(loc) }
            }
        case "-":
            return { f throws(PyError) in
                let x = try a(f), y = try b(f)
                switch (x, y) {
                case (.float(let p), .float(let q)): return .float(p - q)
                case (.float(let p), .int(let q)): return .float(p - Double(q))
                case (.int(let p), .float(let q)): return .float(Double(p) - q)
                case (.int(let p), .int(let q)):
                    let (r, o) = p.subtractingReportingOverflow(q)
                    if !o { return .int(r) }
                default: break
                }
                do throws(PyError) { return try rt.binary(op, x, y) } catch { throw error.at(loc) }
            }
        case "*":
            return { f throws(PyError) in
                let x = try a(f), y = try b(f)
                switch (x, y) {
                case (.float(let p), .float(let q)): return .float(p * q)
                case (.float(let p), .int(let q)): return .float(p * Double(q))
                case (.int(let p), .float(let q)): return .float(Double(p) * q)
                case (.int(let p), .int(let q)):
                    let (r, o) = p.multipliedReportingOverflow(by: q)
                    if !o { return .int(r) }
                default: break
                }
                do throws(PyError) { return try rt.binary(op, x, y) } catch { throw error.at(loc) }
            }
        case "/":
            return { f throws(PyError) in
                let x = try a(f), y = try b(f)
                switch (x, y) {
                case (.float(let p), .float(let q)) where q != 0: return .float(p / q)
                case (.float(let p), .int(let q)) where q != 0: return .float(p / Double(q))
                case (.int(let p), .float(let q)) where q != 0: return .float(Double(p) / q)
                case (.int(let p), .int(let q)) where q != 0 && abs(p) < 1 << 53 && abs(q) < 1 << 53: return .float(Double(p) / Double(q))
                default: break
                }
                do throws(PyError) { return try rt.binary(op, x, y) } catch { throw error.at(loc) }
            }
        default:
            return { f throws(PyError) in
                let x = try a(f), y = try b(f)
                if op == "**", case .int(let i) = x, case .int(let j) = y, j > 64, abs(i) > 1 {
                    throw PyError.limit("\(i) ** \(j) is larger than lrplot's 64-bit integers").at(loc)
                }
                do throws(PyError) { return try rt.binary(op, x, y) } catch { throw error.at(loc) }
            }
        }
    }

    /// One link of a chained comparison (`0 <= r <= 1`), with the number cases inline.
    static func comparison(_ op: String, _ rt: PyRuntime) -> (PyObject, PyObject) throws(PyError) -> Bool {
        func ordered(_ test: @escaping (Double, Double) -> Bool, _ intTest: @escaping (Int, Int) -> Bool) -> (PyObject, PyObject) throws(PyError) -> Bool {
            { x, y throws(PyError) in
                switch (x, y) {
                case (.float(let p), .float(let q)): return test(p, q)
                case (.int(let p), .int(let q)): return intTest(p, q)
                case (.int(let p), .float(let q)) where abs(p) < 1 << 53: return test(Double(p), q)
                case (.float(let p), .int(let q)) where abs(q) < 1 << 53: return test(p, Double(q))
                default: return try rt.compare(op, x, y)
                }
            }
        }
        switch op {
        case "<": return ordered(<, <)
        case "<=": return ordered(<=, <=)
        case ">": return ordered(>, >)
        case ">=": return ordered(>=, >=)
        default: return { x, y throws(PyError) in try rt.compare(op, x, y) }
        }
    }

    static func compare(_ op: String, _ a: @escaping PyEval, _ b: @escaping PyEval, _ rt: PyRuntime, at loc: PyLoc) -> PyEval {
        func ordered(_ test: @escaping (Double, Double) -> Bool, _ intTest: @escaping (Int, Int) -> Bool) -> PyEval {
            { f throws(PyError) in
                let x = try a(f), y = try b(f)
                switch (x, y) {
                case (.float(let p), .float(let q)): return .bool(test(p, q))
                case (.int(let p), .int(let q)): return .bool(intTest(p, q))
                case (.int(let p), .float(let q)) where abs(p) < 1 << 53: return .bool(test(Double(p), q))
                case (.float(let p), .int(let q)) where abs(q) < 1 << 53: return .bool(test(p, Double(q)))
                default:
                    do throws(PyError) { return .bool(try rt.compare(op, x, y)) } catch { throw error.at(loc) }
                }
            }
        }
        switch op {
        case "<": return ordered(<, <)
        case "<=": return ordered(<=, <=)
        case ">": return ordered(>, >)
        case ">=": return ordered(>=, >=)
        default:
            return { f throws(PyError) in
                let x = try a(f), y = try b(f)
                do throws(PyError) { return .bool(try rt.compare(op, x, y)) } catch { throw error.at(loc) }
            }
        }
    }
}

/// One attribute site's last module lookup (`math.cos`), valid while the module is unchanged.
final class PyAttributeCache {
    /// Held strongly: a weak reference would give every module a side table and slow each retain.
    var module: PyModuleObject?
    var version = -1
    var value: PyObject?
}
