// swift-tools-version:6.0
import PackageDescription

/// Release builds skip Swift's run-time exclusivity checks on the hot path (the simulation touches
/// class-held arrays every step; the checks were a third of a 10M-step run). Debug builds, which the
/// tests use, keep them.
var fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
#if arch(x86_64)
// PyTorch's x86-64 kernels use fused multiply-adds (AVX2/FMA3 dispatch) and the toy Adam mirrors
// them with `fma`; with FMA3 enabled that is one instruction instead of a libm call. Every x86-64
// server CPU since 2013 has FMA3. (Swift never contracts a * b + c on its own, so no other result changes.)
fast.append(.unsafeFlags(["-Xcc", "-mfma"]))
#endif

let package = Package(
    name: "lrplot",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lrplot", targets: ["lrplot"]),
        .library(name: "LRPlotEngine", targets: ["LRPlotEngine"]),
    ],
    dependencies: [
        // Typed file descriptors and errno for the CLI's system layer (Sources/LRPlotCLI/System).
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // YAML (and JSON) config files read into the value tree with line and column (Sources/LRPlotCLI/Sources).
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    // Targets in the order the data flows: input (LRPlotCLI's front ends) → binder and simulation
    // (LRPlotEngine) → chart (LRPlotChart) → backends (LRPlotChart's terminal canvas, LRPlotCairo).
    // `lrplot` wires them up.
    targets: [
        // Input and commands. Front ends (flags, spec files, the Python-call form → the engine's value
        // tree), the commands that bind, run the simulation and send its trace to the CSV/JSON writers or
        // to a chart backend, atomic output. Testable in-process.
        // System/ holds the typed system layer (swift-system): output targets, signals, terminal size.
        .target(name: "LRPlotCLI", dependencies: ["LRPlotEngine", "LRPlotChart", "LRPlotCairo", "CLRPlotSignals",
                                                  .product(name: "SystemPackage", package: "swift-system"),
                                                  .product(name: "Yams", package: "Yams")],
                swiftSettings: fast),
        // The signal handler that removes temporary files (C: async-signal-safe, no allocation).
        .target(name: "CLRPlotSignals"),
        // Binder and simulation. Pure Swift: the value tree and Binder, registry, schedulers, expressions,
        // tensor, Adam, simulation. Imports no Cairo.
        .target(name: "LRPlotEngine", swiftSettings: fast),
        // Chart. Pure Swift, imports no Cairo: the chart model, column decimation, tick locators and
        // formatters (linear and log), layout, the Canvas protocol and the terminal backend.
        .target(name: "LRPlotChart", swiftSettings: fast),
        // Backends. The Canvas protocol drawn with Cairo: PNG, SVG (to a file or streamed) and PDF.
        .target(name: "LRPlotCairo", dependencies: ["LRPlotChart", "CLRPlotCairo", "CLRPlotPNG"], swiftSettings: fast),
        // Cairo as a system library (Debian: libcairo2-dev), with FreeType (libfreetype-dev), which
        // loads the DejaVu faces directly (cairo's pkg-config flags already name its headers).
        .systemLibrary(
            name: "CLRPlotCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev", "libfreetype-dev"]), .brew(["cairo", "freetype"])]
        ),
        // The PNG encoder (C: libpng reports errors by longjmp, which Swift cannot catch; Debian:
        // libpng-dev).
        .target(name: "CLRPlotPNG", linkerSettings: [.linkedLibrary("png16")]),
        .executableTarget(name: "lrplot", dependencies: ["LRPlotCLI"]),
        // `make bench`: measures the performance targets against a C + Cairo floor (bench/).
        .executableTarget(name: "lrplot-bench"),
        // `make bench`: a snippet's function alone, as the simulation calls it, against CPython.
        .executableTarget(name: "lrplot-snippet-bench", dependencies: ["LRPlotEngine"]),
        // `make fuzz`: a libFuzzer target for the expression and Python-call parsers.
        .executableTarget(name: "lrplot-fuzz", dependencies: ["LRPlotCLI", "LRPlotEngine"]),
        // Test support, linked only by test targets (never by the product): PNG decoding and encoding
        // of RGBA pixels for image comparisons.
        .target(name: "LRPlotTestSupport", dependencies: ["LRPlotCairo", "CLRPlotCairo"]),
        .testTarget(
            name: "LRPlotEngineTests",
            dependencies: ["LRPlotEngine"],
            exclude: ["Fixtures"]
        ),
        // Ticks, labels, decimation and layout, without Cairo.
        .testTarget(name: "LRPlotChartTests", dependencies: ["LRPlotChart"]),
        // The Cairo backend: files, the SVG stream and its failures.
        .testTarget(name: "LRPlotCairoTests", dependencies: ["LRPlotCairo", "LRPlotChart", "LRPlotTestSupport"]),
        .testTarget(
            name: "LRPlotCLITests",
            dependencies: ["LRPlotCLI", "LRPlotEngine", "LRPlotChart", "LRPlotCairo", "LRPlotTestSupport"],
            exclude: ["Goldens", "Fixtures", "Snapshots"]
        ),
    ]
)
