import Foundation
import Testing
@testable import LRPlotEngine

/// The float32 transcendentals alone against numpy's and jax's (fixtures/generate_float32_fixtures.py,
/// kernels.tsv: seeded random inputs, numpy's 0-d ufuncs as Keras reaches them, jax eagerly as optax
/// does). Each kernel is held to its measured bit-identical count and ULP bound (README).
@Suite struct Float32KernelTests {
    struct Kernel: CustomStringConvertible, Sendable {
        let name: String
        let rows: [[UInt32]]
        var description: String { name }
    }

    static let kernels: [Kernel] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("LRPlotCLITests/Fixtures/float32/kernels.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var result: [Kernel] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            if line.hasPrefix("kernel ") {
                result.append(Kernel(name: String(line.split(separator: " ")[1]), rows: []))
            } else if let last = result.popLast() {
                result.append(Kernel(name: last.name, rows: last.rows + [line.split(separator: " ").compactMap { UInt32($0, radix: 16) }]))
            }
        }
        return result
    }()

    static func ulps(_ a: Float, _ b: Float) -> Int64 {
        if a.isNaN && b.isNaN { return 0 }
        func ordered(_ x: Float) -> Int64 { x.sign == .minus ? -Int64(x.bitPattern & 0x7fff_ffff) : Int64(x.bitPattern) }
        return abs(ordered(a) - ordered(b))
    }

    /// lrplot's implementation of each kernel, and the measured (bit-identical count, max ULP).
    static func implementation(_ name: String) -> (([Float]) -> Float, Int, Int64)? {
        switch name {
        case "numpy.cos": return ({ NumpyFloat32.cos($0[0]) }, 3800, 0)
        case "numpy.power": return ({ NumpyFloat32.pow($0[0], $0[1]) }, 3100, 0)
        case "numpy.log": return ({ NumpyFloat32.log($0[0]) }, 2500, 0)
        case "jax.cos": return ({ XLAFloat32.cos($0[0]) }, 3800, 0)
        case "jax.power": return ({ XLAFloat32.pow($0[0], $0[1]) }, 3100, 0)
        default: return nil
        }
    }

    @Test func everyKernelIsInTheFixtures() {
        #expect(Set(Self.kernels.map(\.name)) == ["numpy.cos", "numpy.log", "numpy.power", "jax.cos", "jax.power"])
        #expect(Self.kernels.allSatisfy { $0.rows.count >= 2500 })
    }

    @Test(arguments: Float32KernelTests.kernels)
    func theKernelMatchesItsMeasuredFigures(_ kernel: Kernel) throws {
        let (function, identicalAtLeast, maxULP) = try #require(Self.implementation(kernel.name))
        var identical = 0, worst: Int64 = 0
        for row in kernel.rows {
            let inputs = row.dropLast().map { Float(bitPattern: $0) }
            let expected = Float(bitPattern: row[row.count - 1])
            let got = function(Array(inputs))
            let distance = Self.ulps(got, expected)
            if got.bitPattern == expected.bitPattern || (got.isNaN && expected.isNaN) { identical += 1 }
            worst = max(worst, distance)
        }
        print("float32 kernel \(kernel.name): \(identical) of \(kernel.rows.count) bit-identical, max \(worst) ULP")
        #expect(identical >= identicalAtLeast, "\(kernel.name): \(identical) of \(kernel.rows.count)")
        #expect(worst <= maxULP, "\(kernel.name): max \(worst) ULP")
    }
}
