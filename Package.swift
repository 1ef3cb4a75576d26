// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "lrplot",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lrplot", targets: ["lrplot"]),
        .library(name: "LRPlotEngine", targets: ["LRPlotEngine"]),
    ],
    targets: [
        // Pure Swift: tensor, Adam, schedulers, expressions, registry, simulation. Imports no Cairo.
        .target(name: "LRPlotEngine"),
        // Cairo as a system library (Debian: libcairo2-dev).
        .systemLibrary(
            name: "CLRPlotCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"]), .brew(["cairo"])]
        ),
        // Chart model, ticks, layout, decimation, the Canvas protocol and its Cairo backend.
        .target(name: "LRPlotRender", dependencies: ["CLRPlotCairo"]),
        // Argument tokenizer, parser, spec files and commands; testable in-process.
        .target(name: "LRPlotCLI", dependencies: ["LRPlotEngine", "LRPlotRender"]),
        .executableTarget(name: "lrplot", dependencies: ["LRPlotCLI"]),
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
