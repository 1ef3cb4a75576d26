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
    /// MKL's `vdSqrt` kernel for AVX2 CPUs (`mkl_vml_kernel_dSqrt_L9HAynn`), which torch's x86-64
    /// wheels use on CPUs with AVX2 but not AVX-512F: one ulp off either way for about 1.35% of
    /// inputs. Emulated bit for bit on any machine with Intel's `VRSQRTPS` estimates (``RSqrtPS``).
    case mklAVX2 = "mkl-avx2"

    /// What torch computes on the machine lrplot runs on, as far as lrplot reproduces it: on x86-64,
    /// ``mklAVX512`` with AVX-512F, else ``mklAVX2`` with AVX2 and FMA; elsewhere ``ieee``. (Older
    /// x86-64 CPUs get MKL's SSE4.2 kernel, which is not emulated; lrplot uses ``ieee`` there.)
    public static let native: SquareRootKernel = {
        #if arch(x86_64)
        if CPUFeatures.flags.contains("avx512f") { return .mklAVX512 }
        if CPUFeatures.flags.contains("avx2") && CPUFeatures.flags.contains("fma") { return .mklAVX2 }
        return .ieee
        #else
        return .ieee
        #endif
    }()

    /// The estimate table this kernel reads (empty for ``ieee``).
    var fields: [UInt16] {
        switch self {
        case .ieee: return []
        case .mklAVX512: return RSqrt14.fields
        case .mklAVX2: return RSqrtPS.fields
        }
    }

    /// `sqrt(x)` as this kernel computes it.
    @inline(__always)
    public func root(_ x: Double) -> Double {
        switch self {
        case .ieee: return x.squareRoot()
        case .mklAVX512: return RSqrt14.mklRoot(x, fields: RSqrt14.fields)
        case .mklAVX2: return RSqrtPS.mklRoot(x, fields: RSqrtPS.fields)
        }
    }
}

/// The CPU's features, read once (Linux: the `flags` line of /proc/cpuinfo; none elsewhere).
enum CPUFeatures {
    static let flags: Set<String> = {
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 1 << 16)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("flags") {
                return Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == ":" }).map(String.init))
            }
        }
        return []
    }()
}
