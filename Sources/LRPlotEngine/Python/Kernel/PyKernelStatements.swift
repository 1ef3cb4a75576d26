/// A statement of a ``PyNumericKernel``, run for a block's lanes: on return, `lanes` holds the
/// lanes still running (those that did not return).
class PyKStatement {
    func exec(_ lanes: inout PyKLanes) {}
}

/// Two statements in order (blocks are right-nested pairs).
final class PyKSequence: PyKStatement {
    let first: PyKStatement, rest: PyKStatement
    init(_ first: PyKStatement, _ rest: PyKStatement) {
        self.first = first
        self.rest = rest
    }
    override func exec(_ lanes: inout PyKLanes) {
        first.exec(&lanes)
        if lanes.count > 0 { rest.exec(&lanes) }
    }
}

/// `name = value`: the value's column is copied into the local's.
final class PyKAssign<T>: PyKStatement {
    let local: UnsafeMutablePointer<T>, x: PyKOperand<T>
    init(_ local: UnsafeMutablePointer<T>, _ x: PyKOperand<T>) {
        self.local = local
        self.x = x
    }
    @_specialize(where T == Double)
    @_specialize(where T == Int)
    @_specialize(where T == Bool)
    @_specialize(where T == PyValue)
    override func exec(_ lanes: inout PyKLanes) { pykMap(lanes, x, local) { v, _ in v } }
}

/// `if`/`elif`/`else`: each branch runs on the lanes whose test chose it.
final class PyKIf: PyKStatement {
    let test: PyKBool, body: PyKStatement, orElse: PyKStatement
    private var yes: PyKLanes, no: PyKLanes
    init(_ m: PyKMemory, _ test: PyKBool, _ body: PyKStatement, _ orElse: PyKStatement) {
        self.test = test
        self.body = body
        self.orElse = orElse
        yes = m.lanes()
        no = m.lanes()
    }
    override func exec(_ lanes: inout PyKLanes) {
        test.run(lanes)
        // Most blocks take one branch on every lane: it then runs on the lanes as they are.
        let taken = pykCountTrue(lanes, test.out)
        if taken == lanes.count { return body.exec(&lanes) }
        if taken == 0 { return orElse.exec(&lanes) }
        yes.removeAll()
        no.removeAll()
        for k in 0..<lanes.count {
            let i = lanes[k]
            if test.out[i] { yes.append(i) } else { no.append(i) }
        }
        body.exec(&yes)
        orElse.exec(&no)
        lanes.removeAll()
        for k in 0..<yes.count { lanes.append(yes[k]) }
        for k in 0..<no.count { lanes.append(no[k]) }
    }
}

/// `assert test`: the lanes where it fails bail (the evaluator raises AssertionError at its line).
final class PyKAssert: PyKStatement {
    let test: PyKBool
    unowned(unsafe) let memory: PyKMemory
    init(_ m: PyKMemory, _ test: PyKBool) {
        self.test = test
        memory = m
    }
    override func exec(_ lanes: inout PyKLanes) {
        test.run(lanes)
        if pykCountTrue(lanes, test.out) == lanes.count { return }
        var kept = 0
        for k in 0..<lanes.count {
            let i = lanes[k]
            if test.out[i] {
                lanes.index[kept] = Int32(truncatingIfNeeded: i)
                kept += 1
            } else {
                memory.bail[i] = true
            }
        }
        lanes.truncate(to: kept)
    }
}

/// A type a kernel's value may have, and the Python number it is.
protocol PyKResult {
    var pyValue: PyValue { get }
}
extension Double: PyKResult { var pyValue: PyValue { .float(self) } }
extension Int: PyKResult { var pyValue: PyValue { .int(self) } }
extension Bool: PyKResult { var pyValue: PyValue { .bool(self) } }
extension PyValue: PyKResult { var pyValue: PyValue { self } }

/// `return value`: the lanes' results, wrapped as Python numbers; no lane runs on.
final class PyKReturn<T: PyKResult>: PyKStatement {
    let result: UnsafeMutablePointer<PyValue>, x: PyKOperand<T>
    init(_ result: UnsafeMutablePointer<PyValue>, _ x: PyKOperand<T>) {
        self.result = result
        self.x = x
    }
    @_specialize(where T == Double)
    @_specialize(where T == Int)
    @_specialize(where T == Bool)
    @_specialize(where T == PyValue)
    override func exec(_ lanes: inout PyKLanes) {
        pykMap(lanes, x, result) { v, _ in v.pyValue }
        lanes.removeAll()
    }
}

/// The end of a function that falls off its body, or `return` alone: None, which no schedule
/// takes (the evaluator reports it): the lanes bail.
final class PyKFallOff: PyKStatement {
    unowned(unsafe) let memory: PyKMemory
    init(_ m: PyKMemory) { memory = m }
    override func exec(_ lanes: inout PyKLanes) {
        for k in 0..<lanes.count { memory.bail[lanes[k]] = true }
        lanes.removeAll()
    }
}

/// An empty block.
final class PyKPass: PyKStatement {}

/// A call of a snippet function, inlined: its arguments are assigned to its parameters, its body
/// runs on the lanes, and each lane's value is what the body returned there.
final class PyKInlineCall: PyKNode<PyValue> {
    let body: PyKStatement, result: UnsafeMutablePointer<PyValue>
    private var running: PyKLanes
    init(_ m: PyKMemory, _ body: PyKStatement, _ result: UnsafeMutablePointer<PyValue>) {
        self.body = body
        self.result = result
        running = m.lanes()
        super.init(m, .int(0))
    }
    override func run(_ lanes: PyKLanes) {
        running.removeAll()
        for k in 0..<lanes.count { running.append(lanes[k]) }
        body.exec(&running)
        for k in 0..<lanes.count { out[lanes[k]] = result[lanes[k]] }
    }
}
