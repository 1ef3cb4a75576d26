// lrplot-bench: measures lrplot's release binary side by side with C floors kept in bench/:
//
//   lrplot-bench --lrplot .build/release/lrplot --floor .build/bench/cairo_floor \
//                --onecycle-floor .build/bench/onecycle_floor --csv-floor .build/bench/csv_floor \
//                [--python .venv-bench/bin/python] [--runs 15] [--long-runs 5] [--out .build/bench]
//
// Every figure is a whole process (start-up included): wall time from posix_spawn to wait4, CPU
// time (user + sys) and peak RSS from wait4's rusage. lrplot and its floor are run in pairs, A B A B
// …, after one warm-up run of each, so both see the same machine load; each row reports the median
// and the range (min–max) over the runs, and ratios are of the CPU medians. The machine is shared, so
// CPU time is the figure to compare; wall time is printed for completeness.
import Glibc

/// Writes `text` to standard error.
func printError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = write(2, &bytes, bytes.count)
}

func fail(_ message: String) -> Never {
    printError("lrplot-bench: \(message)\n")
    exit(2)
}

/// One whole-process run.
struct Measurement {
    var wall: Double
    /// User + system CPU seconds.
    var cpu: Double
    var maxRSSKiB: Int
}

/// Runs `arguments` (argv[0] is the path) with stdout discarded, with `extraEnvironment`
/// ("NAME=value") added to this process's environment.
func measure(_ arguments: [String], extraEnvironment: [String] = []) -> Measurement {
    var pid = pid_t()
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    var inherited: [UnsafeMutablePointer<CChar>?] = []
    var entry = environ
    while let variable = entry.pointee {
        inherited.append(variable)
        entry += 1
    }
    let added = extraEnvironment.map { strdup($0) }
    defer { for p in added { free(p) } }
    let envp = inherited + added + [nil]
    let status = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
    guard status == 0 else { fail("cannot run \(arguments[0]): \(String(cString: strerror(status)))") }
    var exitStatus: Int32 = 0
    var usage = rusage()
    wait4(pid, &exitStatus, 0, &usage)
    clock_gettime(CLOCK_MONOTONIC, &end)
    guard exitStatus == 0 else { fail("\(arguments.joined(separator: " ")) failed (status \(exitStatus))") }
    let wall = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return Measurement(wall: wall, cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), maxRSSKiB: usage.ru_maxrss)
}

/// Median and range of some runs.
struct Summary {
    var wall: [Double]
    var cpu: [Double]
    var maxRSSKiB: Int

    init(_ runs: [Measurement]) {
        wall = runs.map(\.wall).sorted()
        cpu = runs.map(\.cpu).sorted()
        maxRSSKiB = runs.map(\.maxRSSKiB).max() ?? 0
    }

    var medianCPU: Double { Summary.median(cpu) }
    var medianWall: Double { Summary.median(wall) }

    static func median(_ sorted: [Double]) -> Double {
        sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// `a` and `b` run alternately `runs` times each (A B A B …) after one warm-up run of each
/// (`b` with `bEnvironment` added to its environment).
func paired(_ a: [String], _ b: [String], runs: Int, bEnvironment: [String] = []) -> (Summary, Summary) {
    let (first, second) = pairedRuns(a, b, runs: runs, bEnvironment: bEnvironment)
    return (Summary(first), Summary(second))
}

/// The runs of ``paired(_:_:runs:bEnvironment:)``, in order (pair `i` is `(first[i], second[i])`).
func pairedRuns(_ a: [String], _ b: [String], runs: Int, bEnvironment: [String] = []) -> ([Measurement], [Measurement]) {
    _ = measure(a)
    _ = measure(b, extraEnvironment: bEnvironment)
    var first: [Measurement] = [], second: [Measurement] = []
    for _ in 0..<runs {
        first.append(measure(a))
        second.append(measure(b, extraEnvironment: bEnvironment))
    }
    return (first, second)
}

/// The CPU ratio `b / a` of each pair, sorted.
func pairRatios(_ a: [Measurement], _ b: [Measurement]) -> [Double] {
    zip(a, b).map { $0.1.cpu / $0.0.cpu }.sorted()
}

/// "median (min–max)" of sorted ratios, 2 decimals.
func ratioSpread(_ sorted: [Double]) -> String {
    guard let low = sorted.first, let high = sorted.last else { return "" }
    return fixed(Summary.median(sorted), 2) + "× (" + fixed(low, 2) + "–" + fixed(high, 2) + ")"
}

/// `arguments` run `runs` times after one warm-up run.
func repeated(_ arguments: [String], runs: Int) -> Summary {
    _ = measure(arguments)
    return Summary((0..<runs).map { _ in measure(arguments) })
}

/// `x` with `digits` decimals (printf's %.Nf).
func fixed(_ x: Double, _ digits: Int) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([x]) { vsnprintf(&buffer, 64, "%.\(digits)f", $0) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func fileSize(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : -1
}

/// Whether the two files hold the same bytes (what `cmp` checks).
func sameBytes(_ a: String, _ b: String) -> Bool {
    guard let fa = fopen(a, "rb") else { return false }
    defer { fclose(fa) }
    guard let fb = fopen(b, "rb") else { return false }
    defer { fclose(fb) }
    var ba = [UInt8](repeating: 0, count: 1 << 20), bb = ba
    while true {
        let na = fread(&ba, 1, ba.count, fa), nb = fread(&bb, 1, bb.count, fb)
        if na != nb || memcmp(ba, bb, na) != 0 { return false }
        if na == 0 { return true }
    }
}

func time(_ seconds: Double) -> String {
    seconds < 1 ? fixed(seconds * 1000, 1) + " ms" : fixed(seconds, 2) + " s"
}

/// "median (min–max)" of sorted seconds.
func spread(_ sorted: [Double]) -> String {
    guard let low = sorted.first, let high = sorted.last else { return "" }
    let unit: (Double) -> String = Summary.median(sorted) < 1 ? { fixed($0 * 1000, 1) } : { fixed($0, 2) }
    return time(Summary.median(sorted)) + " (" + unit(low) + "–" + unit(high) + ")"
}

func mib(_ kib: Int) -> String { fixed(Double(kib) / 1024, 1) + " MiB" }

// MARK: - The busy core

/// `lrplot-bench --spin CPU`: spins on CPU forever (the load of "the other core is busy"; the
/// harness starts it and ends it by its process id).
if CommandLine.arguments.count == 3 && CommandLine.arguments[1] == "--spin" {
    if let cpu = Int32(CommandLine.arguments[2]) {
        var set = cpu_set_t()
        withUnsafeMutableBytes(of: &set) { bytes in
            bytes.storeBytes(of: UInt64(1) << UInt64(cpu % 64), toByteOffset: Int(cpu / 64) * 8, as: UInt64.self)
        }
        // sched_setaffinity is a GNU extension the Glibc module leaves out: looked up at run time.
        typealias SetAffinity = @convention(c) (pid_t, Int, UnsafeRawPointer) -> Int32
        if let symbol = dlsym(nil, "sched_setaffinity") {
            _ = withUnsafeBytes(of: &set) { unsafeBitCast(symbol, to: SetAffinity.self)(0, MemoryLayout<cpu_set_t>.size, $0.baseAddress!) }
        }
    }
    let parent = getppid()
    var x: UInt64 = 1, n: UInt64 = 0
    while true {
        x = x &* 6364136223846793005 &+ 1442695040888963407
        n &+= 1
        // Ends on its own if the harness went away without ending it.
        if n & 0xFFFFFF == 0 && getppid() != parent { exit(0) }
        if x == 0 { print(x) }
    }
}

/// Starts a spinner on the last CPU; returns its process id.
func startSpinner() -> pid_t {
    let cpu = max(0, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) - 1)
    let me = CommandLine.arguments[0].contains("/") ? CommandLine.arguments[0] : "/proc/self/exe"
    var pid = pid_t()
    let words: [String] = [me, "--spin", String(cpu)]
    let argv = words.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    let status = posix_spawn(&pid, me, nil, nil, argv, environ)
    guard status == 0 else { fail("cannot start the busy loop: \(String(cString: strerror(status)))") }
    usleep(200_000)  // let it reach its core
    return pid
}

/// Ends the spinner started by ``startSpinner()``.
func stopSpinner(_ pid: pid_t) {
    kill(pid, SIGKILL)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
}

// MARK: - Arguments

var options: [String: String] = ["--runs": "15", "--long-runs": "5", "--out": ".build/bench",
                                  "--sweep-steps": "1000000", "--sweep-runs": "3", "--sweep-groups": "1,2,4,8,16,32,64"]
var argumentList = CommandLine.arguments.dropFirst()
let usage = "usage: lrplot-bench --lrplot PATH --floor PATH --onecycle-floor PATH --csv-floor PATH [--python PATH] [--runs N] [--long-runs N] [--out DIR] [--sweep-steps N] [--sweep-runs N] [--sweep-groups 1,2,4,…]"
while let flag = argumentList.popFirst() {
    guard flag.hasPrefix("--"), let value = argumentList.popFirst() else { fail(usage) }
    options[flag] = value
}
guard let lrplot = options["--lrplot"], let floor = options["--floor"], let onecycleFloor = options["--onecycle-floor"],
      let csvFloor = options["--csv-floor"] else { fail("--lrplot, --floor, --onecycle-floor and --csv-floor are required") }
guard let runs = Int(options["--runs"] ?? ""), runs > 0 else { fail("--runs needs a positive integer") }
guard let longRuns = Int(options["--long-runs"] ?? ""), longRuns > 0 else { fail("--long-runs needs a positive integer") }
guard let sweepSteps = Int(options["--sweep-steps"] ?? ""), sweepSteps > 0 else { fail("--sweep-steps needs a positive integer") }
guard let sweepRuns = Int(options["--sweep-runs"] ?? ""), sweepRuns >= 0 else { fail("--sweep-runs needs a non-negative integer (0: no sweep)") }
let sweepGroups = (options["--sweep-groups"] ?? "").split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
guard !sweepGroups.isEmpty else { fail("--sweep-groups needs a comma-separated list of positive integers") }
let out = options["--out"] ?? ".build/bench"
mkdir(out, 0o755)

// Every lrplot run here trains the toy Adam, as the C floors do (a chart without a loss panel
// would otherwise skip it): the figures compare the same work.
setenv("LRPLOT_TRAIN", "1", 1)

var rows: [[String]] = []
var failures: [String] = []
@MainActor func check(_ ok: Bool, _ what: String) -> String {
    if !ok { failures.append(what) }
    return ok ? "ok" : "MISSED"
}
@MainActor func row(_ what: String, _ s: Summary, _ note: String) {
    rows.append([what, spread(s.cpu), spread(s.wall), mib(s.maxRSSKiB), note])
}

// MARK: - One chart vs. the Cairo floor

let (chartFloor, chart) = paired([floor, "\(out)/floor.png"],
                                 [lrplot, "step", "--step-size", "5", "--gamma", "0.9", "-o", "\(out)/step.png"], runs: runs)
let chartRatio = chart.medianCPU / chartFloor.medianCPU
row("C + Cairo floor: one 800×500 PNG (`bench/cairo_floor.c`)", chartFloor, "")
row("`lrplot step --step-size 5 --gamma 0.9 -o x.png`", chart,
    check(chartRatio <= 0.7 && chart.maxRSSKiB <= 32 * 1024, "one chart: \(fixed(chartRatio, 2))× the floor's CPU, \(mib(chart.maxRSSKiB))")
    + " \(fixed(chartRatio, 2))× the floor's CPU (≤ 0.7×, ≤ 32 MiB)")

if let python = options["--python"] {
    let torch = repeated([python, "bench/pytorch_steplr.py", "\(out)/matplotlib.png"], runs: max(3, runs / 5))
    row("PyTorch StepLR + matplotlib (Agg) PNG (`bench/pytorch_steplr.py`)", torch,
        "lrplot is \(fixed(torch.medianCPU / chart.medianCPU, 0))× less CPU, \(fixed(torch.medianWall / chart.medianWall, 0))× faster")
}

// MARK: - Long runs vs. the one-thread C loop

let steps = "10000000"
let (loopFloor, tenMillion) = paired([onecycleFloor, steps],
                                     [lrplot, "onecycle", "--max-lr", "0.1", "--epochs", steps, "--sqrt", "ieee", "-o", "\(out)/onecycle.png"],
                                     runs: longRuns)
let loopRatio = tenMillion.medianCPU / loopFloor.medianCPU
row("C floor: the same 10⁷ OneCycle + Adam steps, one thread, no chart (`bench/onecycle_floor.c`)", loopFloor, "")
row("`lrplot onecycle --max-lr 0.1 --epochs 10000000 --sqrt ieee -o x.png`", tenMillion,
    check(loopRatio <= 1.15 && tenMillion.maxRSSKiB <= 64 * 1024, "10M onecycle: \(fixed(loopRatio, 2))× the C loop's CPU, \(mib(tenMillion.maxRSSKiB))")
    + " \(fixed(loopRatio, 2))× the C loop's CPU (≤ 1.15×, ≤ 64 MiB)")

let defaultKernel = repeated([lrplot, "onecycle", "--max-lr", "0.1", "--epochs", steps, "-o", "\(out)/onecycle.png"], runs: longRuns)
row("same with the default `--sqrt mkl-avx512` (MKL's kernel emulated)", defaultKernel,
    "\(fixed(defaultKernel.medianCPU / loopFloor.medianCPU, 2))× the C loop's CPU")

let (oneGroup, fourGroups) = paired(
    [lrplot, "onecycle", "--max-lr", "0.1", "--epochs", steps, "-o", "\(out)/onecycle.png"],
    [lrplot, "onecycle", "--lr", "0.1,0.1,0.1,0.1", "--max-lr", "0.1", "--epochs", steps, "-o", "\(out)/onecycle-4.png"], runs: longRuns)
let groupRatio = fourGroups.medianCPU / oneGroup.medianCPU
row("same, 4 param groups (`--lr 0.1,0.1,0.1,0.1`)", fourGroups,
    check(groupRatio <= 2.5, "4 groups: \(fixed(groupRatio, 2))× one group's CPU") + " \(fixed(groupRatio, 2))× one group's CPU, paired (≤ 2.5×)")

// "Never slower than one thread when the other core is busy": a spinning process on the last CPU,
// the same run pipelined (two threads) and forced onto one thread (LRPLOT_PIPELINE=0), paired.
let busyRun = [lrplot, "onecycle", "--max-lr", "0.1", "--epochs", steps, "--sqrt", "ieee", "-o", "\(out)/onecycle-busy.png"]
let spinner = startSpinner()
let (busyPipelined, busySerial) = paired(busyRun, busyRun, runs: longRuns, bEnvironment: ["LRPLOT_PIPELINE=0"])
stopSpinner(spinner)
let busyRatio = busyPipelined.medianWall / busySerial.medianWall
row("same, the other core busy (a spinning process on it): two threads", busyPipelined, "")
row("same, the other core busy: one thread (`LRPLOT_PIPELINE=0`)", busySerial,
    check(busyRatio <= 1, "other core busy: two threads take \(fixed(busyRatio, 2))× one thread's wall time")
    + " two threads take \(fixed(busyRatio, 2))× one thread's wall time, \(fixed(busyPipelined.medianCPU / busySerial.medianCPU, 2))× its CPU, paired (≤ 1×)")

let oneMillion = repeated([lrplot, "onecycle", "--max-lr", "0.1", "--epochs", "1000000", "-o", "\(out)/onecycle-1m.png"], runs: longRuns)
row("same, 1,000,000 steps", oneMillion,
    check(defaultKernel.maxRSSKiB <= oneMillion.maxRSSKiB + 4096, "memory grows with steps")
    + " 10× the steps: \(fixed(defaultKernel.medianCPU / oneMillion.medianCPU, 1))× the CPU, same memory")

let svg = repeated([lrplot, "cosine", "--t-max", "100000", "--epochs", "1000000", "-o", "\(out)/cosine.svg"], runs: 3)
let svgBytes = fileSize("\(out)/cosine.svg")
row("`lrplot cosine --t-max 100000 --epochs 1000000 -o x.svg`", svg,
    check(svgBytes <= 256 * 1024, "SVG of \(svgBytes / 1024) KiB") + " \(svgBytes / 1024) KiB (≤ 256 KiB)")

// MARK: - CSV and JSON vs. the C++ shortest-digits writer

for format in ["csv", "json"] {
    let mine = "\(out)/rows.\(format)", theirs = "\(out)/rows-floor.\(format)"
    let (floorRuns, writerRuns) = pairedRuns([csvFloor, format, steps, "0.9999999", theirs],
                                             [lrplot, "exponential", "--gamma", "0.9999999", "--epochs", steps, "--sqrt", "ieee", "-o", mine],
                                             runs: longRuns)
    let writerFloor = Summary(floorRuns), writer = Summary(writerRuns)
    let ratios = pairRatios(floorRuns, writerRuns)
    let identical = sameBytes(mine, theirs)
    let bytes = fileSize(mine)
    let ratio = writer.medianCPU / writerFloor.medianCPU
    let upper = format.uppercased()
    row("C++ floor: the same run written with `std::to_chars` (`bench/csv_floor.cpp \(format)`)", writerFloor, "")
    row("`lrplot exponential --gamma 0.9999999 --epochs 10000000 --sqrt ieee -o x.\(format)`", writer,
        check(ratio <= 1.25 && identical && writer.maxRSSKiB <= 64 * 1024,
              "\(upper): \(fixed(ratio, 2))× the C++ writer's CPU\(identical ? "" : ", NOT byte-identical")")
        + " \(fixed(ratio, 2))× the C++ writer's CPU (≤ 1.25×; pair by pair \(ratioSpread(ratios))); \(identical ? "byte-identical (cmp)" : "DIFFERENT bytes");"
        + " \(bytes / 1_000_000) MB, \(fixed(Double(bytes) / writer.medianWall / 1e6, 0)) MB/s")
    unlink(mine)
    unlink(theirs)
}

// MARK: - Report

print("| what | CPU (user+sys), median (min–max) | wall, median (min–max) | peak RSS | |")
print("| --- | ---: | ---: | ---: | --- |")
for r in rows {
    print("| " + r.joined(separator: " | ") + " |")
}
print("\nPaired runs: \(runs) per chart, \(longRuns) per long run, after one warm-up each. Every lrplot run trains the toy Adam (LRPLOT_TRAIN=1), as the C floors do.")

// MARK: - Param groups: 1 to 64

// Each round runs every group count once, in turn (so all see the same load), after one warm-up
// round; CPU per step is the run's CPU over its steps (start-up included), the ratio is of medians.
if sweepRuns > 0 {
    func sweepRun(_ groups: Int) -> [String] {
        [lrplot, "onecycle", "--lr", Array(repeating: "0.1", count: groups).joined(separator: ","), "--max-lr", "0.1",
         "--epochs", String(sweepSteps), "-o", "\(out)/onecycle-sweep.png"]
    }
    for groups in sweepGroups { _ = measure(sweepRun(groups)) }
    var measured = Array(repeating: [Measurement](), count: sweepGroups.count)
    for _ in 0..<sweepRuns {
        for (k, groups) in sweepGroups.enumerated() { measured[k].append(measure(sweepRun(groups))) }
    }
    let summaries = measured.map(Summary.init)
    let base = summaries[0].medianCPU
    func perStep(_ seconds: Double) -> String { fixed(seconds / Double(sweepSteps) * 1e9, 1) }
    print("\nParam groups (`lrplot onecycle --lr 0.1,… --max-lr 0.1 --epochs \(sweepSteps) -o x.png`, \(sweepRuns) rounds):\n")
    print("| groups | CPU per step, median (min–max) | wall, median (min–max) | CPU, ratio to \(sweepGroups[0]) group\(sweepGroups[0] == 1 ? "" : "s") |")
    print("| ---: | ---: | ---: | ---: |")
    for (k, groups) in sweepGroups.enumerated() {
        let s = summaries[k]
        print("| \(groups) | \(perStep(s.medianCPU)) ns (\(perStep(s.cpu.first ?? 0))–\(perStep(s.cpu.last ?? 0))) | \(spread(s.wall)) | \(fixed(s.medianCPU / base, 2))× |")
    }
}
if !failures.isEmpty {
    printError("lrplot-bench: targets missed: \(failures.joined(separator: "; "))\n")
    exit(1)
}
