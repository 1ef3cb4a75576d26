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
    ],
    targets: [
        // Pure Swift: tensor, Adam, schedulers, expressions, registry, simulation. Imports no Cairo.
        .target(name: "LRPlotEngine", swiftSettings: fast),
        // Cairo as a system library (Debian: libcairo2-dev).
        .systemLibrary(
            name: "CLRPlotCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"]), .brew(["cairo"])]
        ),
        // Chart model, ticks, layout, decimation, the Canvas protocol and its Cairo backend.
        .target(name: "LRPlotRender", dependencies: ["CLRPlotCairo"], swiftSettings: fast),
        // Argument tokenizer, parser, spec files and commands; testable in-process.
        // The signal handler that removes temporary files (C: async-signal-safe, no allocation).
        .target(name: "CLRPlotSignals"),
        .target(name: "LRPlotCLI", dependencies: ["LRPlotEngine", "LRPlotRender", "CLRPlotSignals", .product(name: "SystemPackage", package: "swift-system")],
                swiftSettings: fast),
        .executableTarget(name: "lrplot", dependencies: ["LRPlotCLI"]),
        // `make bench`: measures the performance targets against a C + Cairo floor (bench/).
        .executableTarget(name: "lrplot-bench"),
        // `make fuzz`: a libFuzzer target for the expression and Python-call parsers.
        .executableTarget(name: "lrplot-fuzz", dependencies: ["LRPlotCLI", "LRPlotEngine"]),
        .testTarget(
            name: "LRPlotEngineTests",
            dependencies: ["LRPlotEngine"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "LRPlotRenderTests", dependencies: ["LRPlotRender"]),
        .testTarget(
            name: "LRPlotCLITests",
            dependencies: ["LRPlotCLI", "LRPlotEngine", "LRPlotRender"],
            exclude: ["Goldens", "Fixtures"]
        ),
    ]
)
