// `make bench`: a snippet's function alone, called for steps 0 ..< N as lrplot's simulation calls
// it (issue 13: at least 5x faster than CPython calling it). Prints one line, like
// bench/get_lr_cpython.py, with the sum of the values to compare with CPython's.
//
// Usage: lrplot-snippet-bench SNIPPET.py FUNCTION [CALLS] [REPEATS]
import Foundation
import LRPlotEngine

let arguments = CommandLine.arguments
guard arguments.count >= 3, let source = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: lrplot-snippet-bench SNIPPET.py FUNCTION [CALLS] [REPEATS]\n".utf8))
    exit(2)
}
let calls = arguments.count > 3 ? Int(arguments[3]) ?? 600_000 : 600_000
let repeats = arguments.count > 4 ? Int(arguments[4]) ?? 5 : 5
do {
    let r = try PythonFunctionBenchmark.run(source: source, name: arguments[2], calls: calls, repeats: repeats)
    print(String(format: "get_lr_lrplot calls=%d best_s=%.6f ns_per_call=%.1f kernel=%@ sum=", calls, r.seconds, r.seconds * 1e9 / Double(calls), r.kernel ? "yes" : "no") + "\(r.sum)")
} catch {
    FileHandle.standardError.write(Data("lrplot-snippet-bench: \(error.description)\n".utf8))
    exit(1)
}
