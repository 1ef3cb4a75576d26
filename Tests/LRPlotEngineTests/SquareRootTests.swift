import Testing
@testable import LRPlotEngine

/// torch's float64 `sqrt` on AVX-512 CPUs (MKL's Z0HA kernel), emulated: every pair of
/// Fixtures/torch_sqrt_avx512.csv, written by real torch 2.15 (fixtures/sqrt_probe.py), half of them
/// inputs where torch's root is not the correctly rounded one.
@Suite struct SquareRootTests {
    static let pairs: [(x: Double, torch: Double)] = {
        let path = String(#filePath).split(separator: "/").dropLast().joined(separator: "/")
        let text = (try? String(contentsOfFile: "/" + path + "/Fixtures/torch_sqrt_avx512.csv", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let parts = line.split(separator: ",")
            guard parts.count == 2, let x = Double(parts[0]), let root = Double(parts[1]) else { return nil }
            return (x, root)
        }
    }()

    @Test func theSampleIsPresentAndHalfOfItIsNotCorrectlyRounded() {
        #expect(SquareRootTests.pairs.count > 6000)
        let off = SquareRootTests.pairs.filter { $0.x.squareRoot() != $0.torch }.count
        #expect(off > 3000)
    }

    @Test func everyTorchRootIsReproducedBitForBit() {
        var differ: [String] = []
        for (x, torch) in SquareRootTests.pairs where SquareRootKernel.mklAVX512.root(x).bitPattern != torch.bitPattern {
            differ.append("sqrt(\(x)): \(SquareRootKernel.mklAVX512.root(x)), torch \(torch)")
        }
        #expect(differ.isEmpty, "\(differ.count) differ, first: \(differ.prefix(3))")
    }

    /// The issue's example: torch on an AVX2 CPU gives 0.900904383665591 here; on AVX-512 the root
    /// is the correctly rounded one.
    @Test func theIssuesExampleIsCorrectlyRoundedOnAVX512() {
        #expect(SquareRootKernel.mklAVX512.root(0.8116287085078785) == 0.9009043836655911)
        #expect(SquareRootKernel.ieee.root(0.8116287085078785) == 0.9009043836655911)
    }

    @Test func specialValuesPassThroughAsInTheKernel() {
        #expect(SquareRootKernel.mklAVX512.root(0).bitPattern == (0.0).bitPattern)
        #expect(SquareRootKernel.mklAVX512.root(-0.0).bitPattern == (-0.0).bitPattern)
        #expect(SquareRootKernel.mklAVX512.root(.infinity) == .infinity)
        #expect(SquareRootKernel.mklAVX512.root(.nan).isNaN)
        #expect(SquareRootKernel.mklAVX512.root(-1).isNaN)
        #expect(SquareRootKernel.mklAVX512.root(4) == 2)
        #expect(SquareRootKernel.mklAVX512.root(0x1p-1074) == 0x1p-537)
    }

    /// The unpacked estimate table: 16-bit fields of an estimate in (0.5, 1) that falls as x grows
    /// and stays within 2^-14 of 1/√x (VRSQRT14PD's documented accuracy).
    @Test func theEstimateTableIsMonotonicAndWithinItsAccuracy() {
        let fields = RSqrt14.fields
        #expect(fields.count == 65536)
        for parity in 0..<2 {
            for i in 1..<32768 { #expect(fields[parity << 15 | i] <= fields[parity << 15 | i - 1]) }
        }
        var worst = 0.0
        for i in stride(from: 1, to: 65536, by: 7) {
            let x = Double(bitPattern: UInt64(1023 + (i >> 15)) << 52 | UInt64(i & 32767) << 37 | 1)
            let y = RSqrt14.estimate(x, fields: fields)
            worst = max(worst, abs(y * x.squareRoot() - 1))
        }
        #expect(worst < 0x1p-14)
        #expect(worst > 0x1p-20)
    }
}
