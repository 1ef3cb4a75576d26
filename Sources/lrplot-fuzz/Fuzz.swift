// lrplot-fuzz: a libFuzzer target for the expression parser and evaluator and the Python-call
// parser with the binder (`make fuzz`). Built normally, it replays files given as arguments through the same code,
// so a crashing input found by the fuzzer can be reproduced without the sanitizer build.
import LRPlotCLI
import LRPlotEngine

/// Runs one input through every parser: an expression (compiled, then evaluated at a few epochs)
/// and a scheduler call. Errors are expected; crashes and hangs are what the fuzzer looks for.
func fuzzOne(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    if let expression = try? Expression(text, defaultVariable: "epoch") {
        for epoch in [0, 1, 7, 1_000_000] { _ = try? expression.evaluate(epoch) }
    }
    // The call through the binder too (types, ranges, factory forms, a trial construction).
    if let call = try? PythonCall.parse(text) {
        _ = try? Binder.bind(call, BindContext(lrs: [0.1, 0.01], epochs: 20))
    }
    // The whole text as a Python snippet: the sandboxed evaluator's tokenizer, parser, compiler and
    // run, then what it draws (with a short simulation's constructor check).
    _ = try? PythonSnippet.printedOutput(of: text)
    let context = PySnippetContext(lrs: [0.1], lrsAreExplicit: false, epochs: 5, adam: AdamSettings(), file: "fuzz.py")
    if let run = try? PythonSnippet.run(source: text, context: context) {
        // A few simulated steps: a drawn function runs as a typed kernel (blocks of 1, 2, 4 steps).
        var simulation = Simulation(arguments: run.arguments, lrs: run.lrs, epochs: 8, adam: run.adam)
        if !run.startGroups.isEmpty { simulation.startGroups = run.startGroups }
        try? simulation.run(into: [])
    }
}

#if FUZZING
/// libFuzzer's driver (from the toolchain's fuzzer runtime, linked by `-sanitize=fuzzer`).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The entry libFuzzer calls for every input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzOne(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// SwiftPM names an executable's entry point `<module>_main`; here it starts libFuzzer's driver.
@_cdecl("lrplot_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzerTestOneInput(data, size) }
}
#else
@main
enum FuzzReplay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let text = try? SpecFile.read(path) else { continue }
            fuzzOne(Array(text.utf8))
        }
    }
}
#endif
