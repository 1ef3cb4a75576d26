import Glibc

/// `make bench`'s measure of a snippet's function alone (issue 13): the function called for steps
/// `0 ..< calls` exactly as a long simulation calls it (a chunk of steps at a time, through its
/// kernel when it has one, else the evaluator), timed in CPU seconds, with the sum of the values in order so that the figure can be
/// checked against CPython's (the same function must give the same sum, bit for bit).
public enum PythonFunctionBenchmark {
    /// One measurement.
    public struct Result: Sendable {
        /// The fastest of the repeats, in CPU seconds of the calling thread.
        public var seconds: Double
        /// `sum(f(i) for i in range(calls))`, added left to right as CPython adds it.
        public var sum: Double
        /// Whether the calls ran as a typed kernel.
        public var kernel: Bool
    }

    /// Runs `source` as a snippet, then calls its function `name` `calls` times, `repeats` times.
    public static func run(source: String, name: String, calls: Int, repeats: Int) throws(Diagnostic) -> Result {
        let context = PySnippetContext(lrs: [0.1], lrsAreExplicit: false, epochs: calls, adam: AdamSettings(), file: nil)
        let compiled = try PythonSnippet.compile(source, context)
        let rt = compiled.runtime
        rt.stopsAtFirstStep = false
        do { _ = try compiled.code(PyFrame(slots: 0, cells: [], function: nil, module: compiled.module)) } catch {
            throw PythonSnippet.diagnostic(error, context, step: nil)
        }
        rt.kernelsAllowed = true
        guard case .function(let f)? = compiled.module[name] else {
            throw Diagnostic("the snippet defines no function \(name)")
        }
        var best = Double.infinity, sum = 0.0, kernel = false
        // A simulation's chunk of rows at a time (PyFunctionScheduler.record).
        let chunk = TraceChunk.capacity
        let values = UnsafeMutablePointer<Double>.allocate(capacity: chunk)
        defer { values.deallocate() }
        for _ in 0..<Swift.max(1, repeats) {
            let dispatch = PyKernelDispatch(f, rt)
            var total = 0.0
            let start = cpuSeconds()
            var first = 0
            while first < calls {
                let n = Swift.min(chunk, calls - first)
                var done = 0
                do throws(PyError) {
                    try dispatch.values(from: first, count: n, into: values, done: &done) { (step: Int) throws(PyError) -> Double in
                        rt.resetForCall()
                        return try rt.invoke1(f, .int(step)).number?.asDouble ?? .nan
                    }
                } catch {
                    throw PythonSnippet.diagnostic(error, context, step: first + done)
                }
                for i in 0..<n { total += values[i] }
                first += n
            }
            best = Swift.min(best, cpuSeconds() - start)
            sum = total
            kernel = dispatch.isKernel
        }
        return Result(seconds: best, sum: sum, kernel: kernel)
    }

    private static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
