/// A statement of a ``PyNumericKernel``: `exec()` returns true when the function returned.
class PyKStatement {
    func exec() throws(PyKernelBail) -> Bool { false }

    /// Runs the statement; false when it bailed.
    final func completes() -> Bool {
        do throws(PyKernelBail) { _ = try exec() } catch { return false }
        return true
    }
}

/// Two statements in order (blocks are right-nested pairs: no array walk per call).
final class PyKSequence: PyKStatement {
    let first: PyKStatement, rest: PyKStatement
    init(_ first: PyKStatement, _ rest: PyKStatement) {
        self.first = first
        self.rest = rest
    }
    override func exec() throws(PyKernelBail) -> Bool {
        if try first.exec() { return true }
        return try rest.exec()
    }
}

final class PyKAssignFloat: PyKStatement {
    let p: UnsafeMutablePointer<Double>, x: PyKFloatOperand
    init(_ p: UnsafeMutablePointer<Double>, _ x: PyKFloatOperand) {
        self.p = p
        self.x = x
    }
    override func exec() throws(PyKernelBail) -> Bool {
        p.pointee = try x.eval()
        return false
    }
}

final class PyKAssignInt: PyKStatement {
    let p: UnsafeMutablePointer<Int>, x: PyKIntOperand
    init(_ p: UnsafeMutablePointer<Int>, _ x: PyKIntOperand) {
        self.p = p
        self.x = x
    }
    override func exec() throws(PyKernelBail) -> Bool {
        p.pointee = try x.eval()
        return false
    }
}

final class PyKAssignBool: PyKStatement {
    let p: UnsafeMutablePointer<Bool>, x: PyKBool
    init(_ p: UnsafeMutablePointer<Bool>, _ x: PyKBool) {
        self.p = p
        self.x = x
    }
    override func exec() throws(PyKernelBail) -> Bool {
        p.pointee = try x.eval()
        return false
    }
}

final class PyKAssignValue: PyKStatement {
    let p: UnsafeMutablePointer<PyValue>, x: PyKValue
    init(_ p: UnsafeMutablePointer<PyValue>, _ x: PyKValue) {
        self.p = p
        self.x = x
    }
    override func exec() throws(PyKernelBail) -> Bool {
        p.pointee = try x.eval()
        return false
    }
}

final class PyKIf: PyKStatement {
    let test: PyKBool, body: PyKStatement, orElse: PyKStatement
    init(_ test: PyKBool, _ body: PyKStatement, _ orElse: PyKStatement) {
        self.test = test
        self.body = body
        self.orElse = orElse
    }
    override func exec() throws(PyKernelBail) -> Bool {
        try test.eval() ? try body.exec() : try orElse.exec()
    }
}

/// `assert test`: a false test bails (the evaluator raises AssertionError at its line).
final class PyKAssert: PyKStatement {
    let test: PyKBool
    init(_ test: PyKBool) { self.test = test }
    override func exec() throws(PyKernelBail) -> Bool {
        guard try test.eval() else { throw PyKernelBail() }
        return false
    }
}

final class PyKReturnFloat: PyKStatement {
    let result: UnsafeMutablePointer<PyValue>, x: PyKFloatOperand
    init(_ result: UnsafeMutablePointer<PyValue>, _ x: PyKFloatOperand) {
        self.result = result
        self.x = x
    }
    override func exec() throws(PyKernelBail) -> Bool {
        result.pointee = .float(try x.eval())
        return true
    }
}

final class PyKReturnInt: PyKStatement {
    let result: UnsafeMutablePointer<PyValue>, x: PyKIntOperand
    init(_ result: UnsafeMutablePointer<PyValue>, _ x: PyKIntOperand) {
        self.result = result
        self.x = x
    }
    override func exec() throws(PyKernelBail) -> Bool {
        result.pointee = .int(try x.eval())
        return true
    }
}

final class PyKReturnValue: PyKStatement {
    let result: UnsafeMutablePointer<PyValue>, x: PyKValue
    init(_ result: UnsafeMutablePointer<PyValue>, _ x: PyKValue) {
        self.result = result
        self.x = x
    }
    override func exec() throws(PyKernelBail) -> Bool {
        result.pointee = try x.eval()
        return true
    }
}

/// The end of a function that falls off its body (it returns None, which no schedule takes: the
/// evaluator reports it).
final class PyKFallOff: PyKStatement {
    override func exec() throws(PyKernelBail) -> Bool { throw PyKernelBail() }
}

/// An empty block.
final class PyKPass: PyKStatement {}
