import Testing
@testable import LRPlotEngine

/// torch's float64 `sqrt` on x86-64 (MKL's vdSqrt kernels for AVX-512 and AVX2 CPUs), emulated:
/// every pair of Fixtures/torch_sqrt_{avx512,avx2}.csv, written by real torch 2.15
/// (fixtures/sqrt_probe.py), about half of them inputs where torch's root is not the correctly
/// rounded one, plus powers of two and four, subnormals and extremes.
@Suite struct SquareRootTests {
    static func pairs(_ kernel: SquareRootKernel) -> [(x: Double, torch: Double)] {
        let name = kernel == .mklAVX512 ? "avx512" : "avx2"
        let path = String(#filePath).split(separator: "/").dropLast().joined(separator: "/")
        let text = (try? String(contentsOfFile: "/" + path + "/Fixtures/torch_sqrt_\(name).csv", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let parts = line.split(separator: ",")
            guard parts.count == 2, let x = Double(parts[0]), let root = Double(parts[1]) else { return nil }
            return (x, root)
        }
    }

    static let emulated: [SquareRootKernel] = [.mklAVX512, .mklAVX2]

    @Test(arguments: SquareRootTests.emulated)
    func theSampleIsPresentAndHalfOfItIsNotCorrectlyRounded(_ kernel: SquareRootKernel) {
        let pairs = SquareRootTests.pairs(kernel)
        #expect(pairs.count > 6000)
        #expect(pairs.filter { $0.x.squareRoot() != $0.torch }.count > 3000)
        #expect(pairs.contains { $0.x < 0x1p-1022 })
    }

    @Test(arguments: SquareRootTests.emulated)
    func everyTorchRootIsReproducedBitForBit(_ kernel: SquareRootKernel) {
        var differ: [String] = []
        for (x, torch) in SquareRootTests.pairs(kernel) where kernel.root(x).bitPattern != torch.bitPattern {
            differ.append("sqrt(\(x)): \(kernel.root(x)), torch \(torch)")
        }
        #expect(differ.isEmpty, "\(differ.count) differ, first: \(differ.prefix(3))")
    }

    /// The issue's example: torch on an AVX2 CPU gives 0.900904383665591, one ulp below the correctly
    /// rounded root, which torch on an AVX-512 CPU gives.
    @Test func theIssuesExample() {
        #expect(SquareRootKernel.mklAVX2.root(0.8116287085078785) == 0.900904383665591)
        #expect(SquareRootKernel.mklAVX512.root(0.8116287085078785) == 0.9009043836655911)
        #expect(SquareRootKernel.ieee.root(0.8116287085078785) == 0.9009043836655911)
    }

    @Test(arguments: SquareRootKernel.allCases)
    func specialValuesPassThrough(_ kernel: SquareRootKernel) {
        #expect(kernel.root(0).bitPattern == (0.0).bitPattern)
        #expect(kernel.root(-0.0).bitPattern == (-0.0).bitPattern)
        #expect(kernel.root(.infinity) == .infinity)
        #expect(kernel.root(.nan).isNaN)
        #expect(kernel.root(-1).isNaN)
        #expect(kernel.root(4) == 2)
        #expect(kernel.root(0x1p-1074) == 0x1p-537)
    }

    /// The unpacked tables: estimates in (0.5, 1) that fall as x grows and stay within the
    /// instructions' documented accuracy of 1/√x (2^-14 for VRSQRT14PD, 1.5 · 2^-12 for VRSQRTPS).
    @Test func theEstimateTablesAreMonotonicAndWithinTheirAccuracy() {
        let wide = RSqrt14.fields, narrow = RSqrtPS.fields
        #expect(wide.count == 65536 && narrow.count == 2048)
        for parity in 0..<2 {
            for i in 1..<32768 where wide[parity << 15 | i] > wide[parity << 15 | i - 1] { Issue.record("RSqrt14 rises at \(parity), \(i)") }
            for i in 1..<1024 where narrow[parity << 10 | i] > narrow[parity << 10 | i - 1] { Issue.record("RSqrtPS rises at \(parity), \(i)") }
        }
        var worst14 = 0.0, worstPS = 0.0
        for i in stride(from: 1, to: 65536, by: 7) {
            let x = Double(bitPattern: UInt64(1023 + (i >> 15)) << 52 | UInt64(i & 32767) << 37 | 1)
            worst14 = max(worst14, abs(RSqrt14.estimate(x, fields: wide) * x.squareRoot() - 1))
        }
        for i in 0..<2048 {
            let x = Double(bitPattern: UInt64(1023 + (i >> 10)) << 52 | UInt64(i & 1023) << 42)
            let y = 0.5 + Double(narrow[i]) / 8192
            worstPS = max(worstPS, abs(y * x.squareRoot() - 1))
        }
        #expect(worst14 < 0x1p-14 && worst14 > 0x1p-20)
        #expect(worstPS < 1.5 * 0x1p-12 && worstPS > 0x1p-16)
    }
}
