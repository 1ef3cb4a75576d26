// lrplot-bench: measures the issue-4 targets with the release binary, side by side with a C
// program drawing a comparable chart with Cairo and, when given, PyTorch + matplotlib.
//
//   lrplot-bench --lrplot .build/release/lrplot --floor .build/bench/cairo_floor \
//                [--python .venv-bench/bin/python] [--runs 15] [--out .build/bench]
//
// Every figure is a whole process (start-up included): wall time from posix_spawn to wait4, peak
// RSS from wait4's rusage. Single charts report the median of --runs runs; long runs are run 3 times.
import Glibc

/// Writes `text` to standard error.
func printError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = write(2, &bytes, bytes.count)
}

struct Measurement {
    var wall: Double
    var maxRSSKiB: Int
}

func fail(_ message: String) -> Never {
    printError("lrplot-bench: \(message)\n")
    exit(2)
}

/// Runs `arguments` (argv[0] is the path) with stdout discarded; returns wall time and peak RSS.
func measure(_ arguments: [String]) -> Measurement {
    var pid = pid_t()
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    let status = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
    guard status == 0 else { fail("cannot run \(arguments[0]): \(String(cString: strerror(status)))") }
    var exitStatus: Int32 = 0
    var usage = rusage()
    wait4(pid, &exitStatus, 0, &usage)
    clock_gettime(CLOCK_MONOTONIC, &end)
    guard exitStatus == 0 else { fail("\(arguments.joined(separator: " ")) failed (status \(exitStatus))") }
    let wall = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    return Measurement(wall: wall, maxRSSKiB: usage.ru_maxrss)
}

/// `x` with `digits` decimals (printf's %.Nf).
func fixed(_ x: Double, _ digits: Int) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([x]) { vsnprintf(&buffer, 64, "%.\(digits)f", $0) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

/// Median wall and largest peak RSS over `runs` runs (after one warm-up run).
func repeated(_ arguments: [String], runs: Int) -> Measurement {
    _ = measure(arguments)
    let all = (0..<runs).map { _ in measure(arguments) }
    return Measurement(wall: median(all.map(\.wall)), maxRSSKiB: all.map(\.maxRSSKiB).max() ?? 0)
}

func fileSize(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : -1
}

func format(_ seconds: Double) -> String {
    seconds < 1 ? fixed(seconds * 1000, 1) + " ms" : fixed(seconds, 2) + " s"
}

func mib(_ kib: Int) -> String { fixed(Double(kib) / 1024, 1) + " MiB" }

// MARK: - Arguments

var options: [String: String] = ["--runs": "15", "--out": ".build/bench"]
var argumentList = CommandLine.arguments.dropFirst()
while let flag = argumentList.popFirst() {
    guard flag.hasPrefix("--"), let value = argumentList.popFirst() else { fail("usage: lrplot-bench --lrplot PATH --floor PATH [--python PATH] [--runs N] [--out DIR]") }
    options[flag] = value
}
guard let lrplot = options["--lrplot"], let floor = options["--floor"] else { fail("--lrplot and --floor are required") }
guard let runs = Int(options["--runs"] ?? ""), runs > 0 else { fail("--runs needs a positive integer") }
let out = options["--out"] ?? ".build/bench"
mkdir(out, 0o755)

var rows: [(String, String, String, String)] = []
var failures: [String] = []
@MainActor func check(_ ok: Bool, _ what: String) -> String {
    if !ok { failures.append(what) }
    return ok ? "ok" : "MISSED"
}

// MARK: - One chart vs. the Cairo floor

let floorRun = repeated([floor, "\(out)/floor.png"], runs: runs)
let chart = repeated([lrplot, "step", "--step-size", "5", "--gamma", "0.9", "-o", "\(out)/step.png"], runs: runs)
let ratio = chart.wall / floorRun.wall
rows.append(("C + Cairo floor: one 800×500 PNG", format(floorRun.wall), mib(floorRun.maxRSSKiB), ""))
rows.append(("lrplot step --step-size 5 --gamma 0.9 -o x.png", format(chart.wall), mib(chart.maxRSSKiB),
             check(ratio <= 1.5 && chart.maxRSSKiB <= 32 * 1024, "one chart: \(fixed(ratio, 2))× the floor, \(mib(chart.maxRSSKiB))")
             + " (\(fixed(ratio, 2))× floor; ≤ 1.5×, ≤ 32 MiB)"))

if let python = options["--python"] {
    let torch = repeated([python, "bench/pytorch_steplr.py", "\(out)/matplotlib.png"], runs: max(3, runs / 5))
    rows.append(("python: torch StepLR + matplotlib (Agg) PNG", format(torch.wall), mib(torch.maxRSSKiB),
                 "lrplot is \(fixed(torch.wall / chart.wall, 0))× faster"))
}

// MARK: - Long runs

let tenMillion = repeated([lrplot, "onecycle", "--max-lr", "0.1", "--epochs", "10000000", "-o", "\(out)/onecycle.png"], runs: 3)
rows.append(("lrplot onecycle --max-lr 0.1 --epochs 10000000 -o x.png", format(tenMillion.wall), mib(tenMillion.maxRSSKiB),
             check(tenMillion.wall <= 1.0 && tenMillion.maxRSSKiB <= 64 * 1024, "10M onecycle: \(format(tenMillion.wall)), \(mib(tenMillion.maxRSSKiB))") + " (≤ 1.0 s, ≤ 64 MiB)"))
let oneMillion = repeated([lrplot, "onecycle", "--max-lr", "0.1", "--epochs", "1000000", "-o", "\(out)/onecycle-1m.png"], runs: 3)
rows.append(("  same, 1,000,000 steps (linear cost, flat memory)", format(oneMillion.wall), mib(oneMillion.maxRSSKiB),
             check(tenMillion.maxRSSKiB <= oneMillion.maxRSSKiB + 4096, "memory grows with steps") + " (10× steps: \(fixed(tenMillion.wall / oneMillion.wall, 1))× time)"))

let svg = measure([lrplot, "cosine", "--t-max", "100000", "--epochs", "1000000", "-o", "\(out)/cosine.svg"])
let svgBytes = fileSize("\(out)/cosine.svg")
rows.append(("lrplot cosine --t-max 100000 --epochs 1000000 -o x.svg", format(svg.wall), mib(svg.maxRSSKiB),
             check(svgBytes <= 256 * 1024, "SVG of \(svgBytes / 1024) KiB") + " (\(svgBytes / 1024) KiB; ≤ 256 KiB)"))

let csv = repeated([lrplot, "exponential", "--gamma", "0.9999999", "--epochs", "10000000", "-o", "\(out)/rows.csv"], runs: 3)
let csvBytes = fileSize("\(out)/rows.csv")
let throughput = Double(csvBytes) / csv.wall / 1e6
rows.append(("lrplot exponential --epochs 10000000 -o x.csv", format(csv.wall), mib(csv.maxRSSKiB),
             check(throughput >= 50 && csv.maxRSSKiB <= 64 * 1024, "CSV at \(Int(throughput)) MB/s")
             + " (\(fixed(throughput, 0)) MB/s of \(csvBytes / 1_000_000) MB; ≥ 50 MB/s)"))
unlink("\(out)/rows.csv")

// MARK: - Report

print("| what | wall | peak RSS | target |")
print("| --- | ---: | ---: | --- |")
for row in rows {
    print("| \(row.0) | \(row.1) | \(row.2) | \(row.3) |")
}
if !failures.isEmpty {
    printError("lrplot-bench: targets missed: \(failures.joined(separator: "; "))\n")
    exit(1)
}
