/// A snippet's pure numeric function of the step (nanoGPT's `get_lr(it)`, an `lr_lambda`),
/// compiled a second time into typed, unboxed nodes once the snippet's module code has run.
///
/// What it may contain: assignments to locals, `if`/`elif`/`else`, `return`, `assert`, numbers,
/// arithmetic, comparisons, `and`/`or`/`not`, conditionals, `min`/`max`/`abs`/`int`/`float`/`round`,
/// and `math`'s and numpy's scalar functions; globals, closure cells and attributes of modules,
/// argparse namespaces and plain instances are read when it is compiled and folded in. Nothing
/// in it can write anything but its own locals, and it has no loops or calls of Python code, so
/// every call is bounded by its size.
///
/// Exactness: every operation is the evaluator's own fast path; anything else (an overflow, a
/// zero divisor, a domain error, a failed assert) bails, and the call is run again by the
/// evaluator, which computes or raises what CPython does. The folded values stay valid while
/// only kernels run: any call of other Python code (a snippet scheduler's `step`) retires it.
final class PyNumericKernel {
    /// Owns the columns (through its memory) and, through `ownedCode`, the nodes.
    private let compiler: PyKernelCompiler
    private let ownedCode: PyKStatement
    /// The same nodes, called without reference counting (the kernel owns them).
    private let code: Unmanaged<PyKStatement>
    private let intParameter: UnsafeMutablePointer<Int>?
    private let valueParameter: UnsafeMutablePointer<PyValue>?
    /// Each lane's value and whether it bailed, for the last block.
    let results: UnsafeMutablePointer<PyValue>
    let bailed: UnsafeMutablePointer<Bool>
    private var lanes: PyKLanes
    private unowned(unsafe) let runtime: PyRuntime
    private let ownedRuntime: PyRuntime
    private var seenCalls: Int
    /// The calls of Python code the kernel has seen (a block is valid while no others ran).
    var seen: Int { seenCalls }
    private(set) var isRetired = false

    /// The most steps one block computes.
    static let width = PyKMemory.width

    /// The kernel of `f`, or nil when `f` is outside the subset or kernels are not allowed yet.
    static func make(_ f: PyFunctionObject, _ runtime: PyRuntime) -> PyNumericKernel? {
        try? compile(f, runtime)
    }

    /// The kernel of `f`, or why it has none.
    static func compile(_ f: PyFunctionObject, _ runtime: PyRuntime) throws(PyKernelIneligible) -> PyNumericKernel {
        guard runtime.kernelsAllowed else { throw PyKernelIneligible(reason: "the module code has not finished") }
        // All of a run's kernels together stay within a few kernels' memory.
        guard runtime.kernelBytes < 4 * PyKMemory.budget else { throw PyKernelIneligible(reason: "more kernels") }
        let compiler = try PyKernelCompiler(f, runtime)
        let (code, entry) = try compiler.compile()
        runtime.kernelBytes += compiler.memory.bytes
        return PyNumericKernel(compiler, code, entry, runtime)
    }

    private init(_ compiler: PyKernelCompiler, _ code: PyKStatement, _ entry: PyKernelCompiler.Entry, _ runtime: PyRuntime) {
        self.compiler = compiler
        // The other parameters' defaults are assigned in every block (the body may reassign them).
        var whole = code
        for d in entry.defaults.reversed() { whole = PyKSequence(d, whole) }
        ownedCode = whole
        self.code = Unmanaged.passUnretained(whole)
        (intParameter, valueParameter) = compiler.parameterColumn(entry)
        results = compiler.result
        bailed = compiler.memory.bail
        lanes = compiler.memory.lanes()
        self.runtime = runtime
        ownedRuntime = runtime
        seenCalls = runtime.userCalls
    }

    /// Computes `f(first + i)` for `i` in `0..<count` (at most ``width``) into ``results``;
    /// ``bailed`` marks the steps the evaluator must compute. False when the kernel is retired
    /// (other code ran since it was made): use the evaluator from now on.
    func evaluate(first: Int, count: Int) -> Bool {
        guard runtime.userCalls == seenCalls, !isRetired else {
            isRetired = true
            return false
        }
        let n = Swift.min(count, PyNumericKernel.width)
        bailed.update(repeating: false, count: n)
        lanes.setConsecutive(n)
        if let p = intParameter {
            for i in 0..<n { p[i] = first &+ i }
        } else if let p = valueParameter {
            for i in 0..<n { p[i] = .int(first &+ i) }
        }
        var running = lanes
        code._withUnsafeGuaranteedRef { $0.exec(&running) }
        return true
    }

    /// `f(step)` alone (a block of one).
    enum Outcome {
        case value(PyValue)
        /// Run this call in the evaluator, then tell the kernel (``evaluatorRan()``).
        case bail
        /// Other code ran since the kernel was made: it is retired.
        case retired
    }

    func call(_ step: Int) -> Outcome {
        guard evaluate(first: step, count: 1) else { return .retired }
        return bailed[0] ? .bail : .value(results[0])
    }

    /// The evaluator ran the call the kernel bailed on (the same pure function: nothing changed).
    func evaluatorRan() {
        if !isRetired { seenCalls = runtime.userCalls }
    }

    /// `global`/`nonlocal` anywhere in the body (even after a return) changes what names mean.
    static func containsScopeDeclarations(_ body: [PyStatement]) -> Bool {
        for s in body {
            switch s {
            case .global, .nonlocal: return true
            case .ifChain(let branches, let orElse, _):
                if branches.contains(where: { containsScopeDeclarations($0.1) }) || containsScopeDeclarations(orElse) { return true }
            case .forLoop(_, _, let b, let o, _), .whileLoop(_, let b, let o, _):
                if containsScopeDeclarations(b) || containsScopeDeclarations(o) { return true }
            case .tryExcept(let b, let hs, let o, let f, _):
                if containsScopeDeclarations(b) || hs.contains(where: { containsScopeDeclarations($0.body) })
                    || containsScopeDeclarations(o) || containsScopeDeclarations(f) { return true }
            case .with(_, let b, _):
                if containsScopeDeclarations(b) { return true }
            default: break
            }
        }
        return false
    }
}

/// Calls a snippet function of the step through its kernel when it has one (made on the first
/// call after the module code has run), else through the evaluator. Steps asked for in order are
/// computed in blocks that grow to ``PyNumericKernel/width``; a step out of order starts a block of one.
final class PyKernelDispatch {
    private let function: PyFunctionObject
    private let runtime: PyRuntime
    private var kernel: PyNumericKernel?
    /// `kernel`, called without reference counting (`kernel` keeps it alive).
    private var current: Unmanaged<PyNumericKernel>?
    private var tried = false
    /// The block computed last: steps `first ..< first + count`.
    private var first = 0
    private var count = 0
    private var width = 1

    init(_ function: PyFunctionObject, _ runtime: PyRuntime) {
        self.function = function
        self.runtime = runtime
    }

    /// Whether calls run as a kernel now (for tests and `--verbose`).
    var isKernel: Bool { kernel.map { !$0.isRetired } ?? false }

    /// Makes the kernel at the first call after the module code has run (nil when it has none).
    @inline(__always)
    private func makeKernelOnce() {
        guard !tried, runtime.kernelsAllowed else { return }
        tried = true
        kernel = PyNumericKernel.make(function, runtime)
        current = kernel.map { Unmanaged.passUnretained($0) }
    }

    /// Whether the block computed last holds `step` and is still valid (no other code ran since).
    @inline(__always)
    private func blockHolds(_ step: Int, _ k: Unmanaged<PyNumericKernel>) -> Bool {
        step &- first >= 0 && step &- first < count && runtime.userCalls == k._withUnsafeGuaranteedRef({ $0.seen })
    }

    /// Computes the block `step ..< step + width`; false when the kernel is retired (other code
    /// ran since it was made), which drops it: the evaluator computes every call from then on.
    @inline(__always)
    private func computeBlock(from step: Int, width: Int, _ k: Unmanaged<PyNumericKernel>) -> Bool {
        guard k._withUnsafeGuaranteedRef({ $0.evaluate(first: step, count: width) }) else {
            current = nil
            kernel = nil
            return false
        }
        first = step
        count = width
        self.width = width
        return true
    }

    /// `f(start + i)` as a float for `i` in `0..<n` into `out[i]`, as ``call(_:evaluator:)`` gives
    /// them one by one, in whole blocks of the kernel's width: `evaluator(step)` computes each step
    /// the kernel bails on (and every step once the kernel is retired or when there is none).
    /// `done` counts the values written; when `evaluator` throws, the values before it are written.
    func values(from start: Int, count n: Int, into out: UnsafeMutablePointer<Double>, done: inout Int,
                evaluator: (Int) throws(PyError) -> Double) throws(PyError) {
        done = 0
        makeKernelOnce()
        while done < n {
            let step = start &+ done
            guard let k = current else {
                out[done] = try evaluator(step)
                done += 1
                continue
            }
            if !blockHolds(step, k) {
                guard computeBlock(from: step, width: Swift.min(n - done, PyNumericKernel.width), k) else { continue }
            }
            let (results, bailed) = k._withUnsafeGuaranteedRef { ($0.results, $0.bailed) }
            var lane = step &- first
            let end = Swift.min(count, lane + (n - done))
            // The lanes up to the first that bailed, converted in a loop of their own.
            var stop = lane
            while stop < end && !bailed[stop] { stop &+= 1 }
            let target = out + done
            for k in 0..<(stop &- lane) { target[k] = results[lane &+ k].asDouble }
            done &+= stop &- lane
            lane = stop
            if lane < end {
                out[done] = try evaluator(first &+ lane)
                k._withUnsafeGuaranteedRef { $0.evaluatorRan() }
                done += 1
            }
        }
    }

    /// `f(step)`: the kernel's value, or `evaluator()`'s when the kernel bails or is retired.
    @inline(__always)
    func call(_ step: Int, evaluator: () throws(PyError) -> PyObject) throws(PyError) -> PyObject {
        makeKernelOnce()
        guard let k = current else { return try evaluator() }
        if !blockHolds(step, k) {
            // In order: the next block, twice as wide; out of order: a block of one.
            let next = step == first &+ count ? Swift.min(2 * width, PyNumericKernel.width) : 1
            guard computeBlock(from: step, width: next, k) else { return try evaluator() }
        }
        let i = step &- first
        let (results, bailed) = k._withUnsafeGuaranteedRef { ($0.results, $0.bailed) }
        if !bailed[i] { return PyObject(results[i]) }
        let v = try evaluator()
        k._withUnsafeGuaranteedRef { $0.evaluatorRan() }
        return v
    }
}
