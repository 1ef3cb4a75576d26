/// Which float64 square root Adam's denominator (`exp_avg_sq.sqrt()`) is computed with.
///
/// PyTorch's CPU `sqrt` on float64 is not the same function everywhere: the x86-64 wheels from PyPI
/// hand it to MKL's `vdSqrt`, whose kernel MKL picks by CPU, and other builds use the correctly
/// rounded instruction. Measured with torch 2.15 (fixtures/sqrt_probe.py).
public enum SquareRootKernel: String, CaseIterable, Sendable {
    /// The correctly rounded root (IEEE 754), which torch computes where its CPU build has no MKL
    /// (macOS arm64, Linux aarch64).
    case ieee
    /// MKL's `vdSqrt` kernel for AVX-512 CPUs (`mkl_vml_kernel_dSqrt_Z0HAynn`), which torch's x86-64
    /// wheels use on CPUs with AVX-512F: one ulp low for about 0.75% of inputs. Emulated bit for bit
    /// on any machine (``RSqrt14``).
    case mklAVX512 = "mkl-avx512"

    /// What torch computes on the machine lrplot runs on, as far as lrplot reproduces it:
    /// ``mklAVX512`` on an x86-64 CPU with AVX-512F, else ``ieee``. (On x86-64 CPUs without AVX-512,
    /// MKL's AVX2 kernel starts from the single-precision `VRSQRTPS`, which is not emulated; there
    /// the loss can differ from torch's in its last bits.)
    public static let native: SquareRootKernel = {
        #if arch(x86_64)
        return CPUFeatures.hasAVX512F ? .mklAVX512 : .ieee
        #else
        return .ieee
        #endif
    }()

    /// `sqrt(x)` as this kernel computes it.
    @inline(__always)
    public func root(_ x: Double) -> Double {
        switch self {
        case .ieee: return x.squareRoot()
        case .mklAVX512: return RSqrt14.mklRoot(x, fields: RSqrt14.fields)
        }
    }
}

/// The CPU's features, read once (Linux: the `flags` line of /proc/cpuinfo).
enum CPUFeatures {
    static let hasAVX512F: Bool = {
        guard let file = fopen("/proc/cpuinfo", "r") else { return false }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 1 << 16)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("flags") { return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).contains("avx512f") }
        }
        return false
    }()
}
