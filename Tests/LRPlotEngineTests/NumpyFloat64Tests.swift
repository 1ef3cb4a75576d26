import Foundation
import Testing
@testable import LRPlotEngine

/// numpy 2.4.6's float64 `exp` and `log` (Intel SVML's AVX-512 kernels), emulated: every row of
/// Fixtures/numpy_float64.tsv, written by real numpy (fixtures/generate_numpy_fixtures.py) from Python floats
/// over -50...50, the whole finite range, the kernels' thresholds, subnormals, ±0, ±inf, NaN and random bit patterns.
@Suite struct NumpyFloat64Tests {
    struct Row: Sendable { let function: String; let x: Double; let numpy: Double }

    static let text: String = {
        let path = String(#filePath).split(separator: "/").dropLast().joined(separator: "/")
        return (try? String(contentsOfFile: "/" + path + "/Fixtures/numpy_float64.tsv", encoding: .utf8)) ?? ""
    }()

    static let rows: [Row] = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
        let parts = line.split(separator: "\t")
        guard parts.count == 3, let x = UInt64(parts[1], radix: 16), let y = UInt64(parts[2], radix: 16) else { return nil }
        return Row(function: String(parts[0]), x: Double(bitPattern: x), numpy: Double(bitPattern: y))
    }

    static func kernel(_ name: String) -> (Double) -> Double {
        if name == "exp" { return { NumpyFloat64.exp($0) } }
        return { NumpyFloat64.log($0) }
    }

    /// The header's count of rows where numpy differs from glibc (so the comparison below could fail on glibc).
    static func glibcDifferences(_ name: String) -> Int? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("# \(name):") }),
              let match = line.firstMatch(of: /, (\d+) results differ/) else { return nil }
        return Int(match.1)
    }

    @Test(arguments: ["exp", "log"])
    func theFixtureIsPresentAndCoversTheEdges(_ name: String) {
        let rows = NumpyFloat64Tests.rows.filter { $0.function == name }
        #expect(rows.count > 8000)
        #expect(rows.filter { (-50...50).contains($0.x) }.count > 3000)
        for edge in [0.0, -0.0, .infinity, -.infinity, 0x1p-1074, .greatestFiniteMagnitude] {
            #expect(rows.contains { $0.x.bitPattern == edge.bitPattern }, "\(name)(\(edge)) missing")
        }
        #expect(rows.contains { $0.x.isNaN })
        #expect(NumpyFloat64Tests.text.contains("# runtime: baseline"))
    }

    @Test func expRowsIncludeResultsWhereNumpyIsNotGlibc() {
        let differ = NumpyFloat64Tests.rows.filter { $0.function == "exp" && Foundation.exp($0.x).bitPattern != $0.numpy.bitPattern && !$0.numpy.isNaN }
        #expect(differ.count > 300)
        #expect(NumpyFloat64Tests.glibcDifferences("exp") == differ.count)
        #expect(NumpyFloat64Tests.rows.contains { $0.function == "exp" && $0.x < -708.4 && $0.numpy > 0 && $0.numpy < 0x1p-1022 })
    }

    /// Rows whose mantissa lies where vrcp14pd's estimate and the exact 1/m round to different multiples of 1/32.
    @Test func logRowsIncludeMantissasWhereTheHardwareReciprocalRoundsApart() {
        let apart = NumpyFloat64Tests.rows.filter { row in
            guard row.function == "log", row.x > 0, row.x.isFinite else { return false }
            let m = (row.x.isSubnormal ? row.x * 0x1p60 : row.x).significand
            return NumpyFloat64.roundedReciprocal(m) != (32 / m).rounded(.toNearestOrEven) / 32
        }
        #expect(apart.count > 500)
    }

    @Test(arguments: ["exp", "log"])
    func everyNumpyResultIsReproducedBitForBit(_ name: String) {
        let kernel = NumpyFloat64Tests.kernel(name)
        var differ: [String] = []
        var same = 0
        for row in NumpyFloat64Tests.rows where row.function == name {
            let ours = kernel(row.x)
            if ours.bitPattern == row.numpy.bitPattern || (ours.isNaN && row.numpy.isNaN) {
                same += 1
            } else {
                differ.append("\(name)(\(row.x)) [\(String(row.x.bitPattern, radix: 16))]: \(ours), numpy \(row.numpy)")
            }
        }
        #expect(same > 8000)
        #expect(differ.isEmpty, "\(differ.count) of \(same + differ.count) differ, first: \(differ.prefix(5))")
    }

    @Test func specialValues() {
        #expect(NumpyFloat64.exp(0).bitPattern == (1.0).bitPattern)
        #expect(NumpyFloat64.exp(-0.0).bitPattern == (1.0).bitPattern)
        #expect(NumpyFloat64.exp(.infinity) == .infinity)
        #expect(NumpyFloat64.exp(-.infinity).bitPattern == (0.0).bitPattern)
        #expect(NumpyFloat64.exp(710) == .infinity)
        #expect(NumpyFloat64.exp(-746).bitPattern == (0.0).bitPattern)
        #expect(NumpyFloat64.exp(.nan).isNaN)
        #expect(NumpyFloat64.log(1).bitPattern == (0.0).bitPattern)
        #expect(NumpyFloat64.log(0) == -.infinity)
        #expect(NumpyFloat64.log(-0.0) == -.infinity)
        #expect(NumpyFloat64.log(-1).isNaN)
        #expect(NumpyFloat64.log(-.infinity).isNaN)
        #expect(NumpyFloat64.log(.infinity) == .infinity)
        #expect(NumpyFloat64.log(.nan).isNaN)
    }
}
