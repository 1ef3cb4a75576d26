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
    /// Owns the storage and (through `ownedCode`) the nodes.
    private let compiler: PyKernelCompiler
    private let ownedCode: PyKStatement
    /// The same nodes, called without reference counting (the kernel owns them).
    private let code: Unmanaged<PyKStatement>
    private let parameterIsInt: Bool
    private let intParameter: UnsafeMutablePointer<Int>
    private let valueParameter: UnsafeMutablePointer<PyValue>
    private let result: UnsafeMutablePointer<PyValue>
    private unowned(unsafe) let runtime: PyRuntime
    private let ownedRuntime: PyRuntime
    private var seenCalls: Int
    private(set) var isRetired = false

    /// The outcome of one call.
    enum Outcome {
        case value(PyValue)
        /// Run this call in the evaluator, then tell the kernel (``evaluatorRan()``).
        case bail
        /// Other code ran since the kernel was made: it is retired; use the evaluator from now on.
        case retired
    }

    /// The kernel of `f`, or nil when `f` is outside the subset or kernels are not allowed yet.
    static func make(_ f: PyFunctionObject, _ runtime: PyRuntime) -> PyNumericKernel? {
        try? compile(f, runtime)
    }

    /// The kernel of `f`, or why it has none.
    static func compile(_ f: PyFunctionObject, _ runtime: PyRuntime) throws(PyKernelIneligible) -> PyNumericKernel {
        guard runtime.kernelsAllowed else { throw PyKernelIneligible(reason: "the module code has not finished") }
        guard !containsScopeDeclarations(f.code.syntax?.body ?? []) else { throw PyKernelIneligible(reason: "global or nonlocal") }
        let compiler = try PyKernelCompiler(f, runtime)
        let (code, entry) = try compiler.compile()
        return PyNumericKernel(compiler, code, entry, runtime)
    }

    private init(_ compiler: PyKernelCompiler, _ code: PyKStatement, _ entry: PyKernelCompiler.Entry, _ runtime: PyRuntime) {
        self.compiler = compiler
        // The other parameters' defaults are assigned on every call (the body may reassign them).
        var whole = code
        for d in entry.defaults.reversed() { whole = PyKSequence(d, whole) }
        ownedCode = whole
        self.code = Unmanaged.passUnretained(whole)
        parameterIsInt = entry.parameter.type == .int
        intParameter = compiler.ints + entry.parameter.slot
        valueParameter = compiler.values + entry.parameter.slot
        result = compiler.result
        self.runtime = runtime
        ownedRuntime = runtime
        seenCalls = runtime.userCalls
    }

    /// `f(step)`.
    @inline(__always)
    func call(_ step: Int) -> Outcome {
        guard runtime.userCalls == seenCalls, !isRetired else {
            isRetired = true
            return .retired
        }
        if parameterIsInt { intParameter.pointee = step } else { valueParameter.pointee = .int(step) }
        guard code._withUnsafeGuaranteedRef({ $0.completes() }) else { return .bail }
        return .value(result.pointee)
    }

    /// The evaluator ran the call the kernel bailed on (the same pure function: nothing changed).
    func evaluatorRan() {
        if !isRetired { seenCalls = runtime.userCalls }
    }

    /// `global`/`nonlocal` anywhere in the body (even after a return) changes what names mean.
    private static func containsScopeDeclarations(_ body: [PyStatement]) -> Bool {
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
/// call after the module code has run), else through the evaluator.
final class PyKernelDispatch {
    private let function: PyFunctionObject
    private let runtime: PyRuntime
    private var kernel: PyNumericKernel?
    /// `kernel`, called without reference counting (`kernel` keeps it alive).
    private var current: Unmanaged<PyNumericKernel>?
    private var tried = false

    init(_ function: PyFunctionObject, _ runtime: PyRuntime) {
        self.function = function
        self.runtime = runtime
    }

    /// Whether calls run as a kernel now (for tests and `--verbose`).
    var isKernel: Bool { kernel.map { !$0.isRetired } ?? false }

    /// `f(step)`: the kernel's value, or `evaluator()`'s when the kernel bails or is retired.
    @inline(__always)
    func call(_ step: Int, evaluator: () throws(PyError) -> PyObject) throws(PyError) -> PyObject {
        if !tried, runtime.kernelsAllowed {
            tried = true
            kernel = PyNumericKernel.make(function, runtime)
            current = kernel.map { Unmanaged.passUnretained($0) }
        }
        guard let k = current else { return try evaluator() }
        switch k._withUnsafeGuaranteedRef({ $0.call(step) }) {
        case .value(let v): return PyObject(v)
        case .bail:
            let v = try evaluator()
            k._withUnsafeGuaranteedRef { $0.evaluatorRan() }
            return v
        case .retired:
            current = nil
            kernel = nil
            return try evaluator()
        }
    }
}
