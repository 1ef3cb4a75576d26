/// MKL's `vdSqrt` for AVX-512 CPUs, reproduced bit for bit without the CPU.
///
/// The kernel (`mkl_vml_kernel_dSqrt_Z0HAynn`, read from libtorch_cpu.so's disassembly) refines
/// the `VRSQRT14PD` estimate `y ≈ 1/√x` once and corrects the root once:
/// `h = 0.5·y, s = x·y, e = fma(−s, h, 0.5), s₁ = fma(e, s, s), h₁ = fma(e, h, h)`,
/// `√x ≈ fma(fma(−s₁, s₁, x), h₁, s₁)`, with `x` scaled by 2⁹¹⁶ where `y > 2⁴⁵⁸`. Zeros, infinities
/// and NaN pass through; negative inputs give NaN. `VRSQRT14PD` itself is a table: its result for
/// `x = 2^(2k+p) · 1.f` is `2^−k · 0.1t` with `t` (16 bits) a function of `p` and `f`'s top 15 bits,
/// exact for powers of four (fixtures/rsqrt_tables.c checks this on the hardware and dumps `t`).
public enum RSqrt14 {
    /// The 2 × 32768 estimate fields, unpacked from ``packedSteps`` on first use.
    static let fields: [UInt16] = {
        let steps = Base64.bytes(packedSteps)
        var fields = [UInt16](repeating: 0, count: 65536)
        for parity in 0..<2 {
            var field = parity == 0 ? firstFields.0 : firstFields.1
            for i in 0..<32768 {
                fields[parity << 15 | i] = field
                let step = (steps[parity << 13 | i >> 2] >> UInt8((i & 3) * 2)) & 3
                field &-= UInt16(step)
            }
        }
        return fields
    }()

    /// `VRSQRT14PD(x)` for a positive normal `x`.
    @inline(__always)
    static func normalEstimate(_ x: Double, fields: [UInt16]) -> Double {
        let bits = x.bitPattern
        let exponent = Int(bits >> 52) - 1023
        let fraction = bits & (1 << 52 - 1)
        let parity = exponent & 1, k = (exponent - parity) >> 1
        return fraction == 0 && parity == 0
            ? Double(bitPattern: UInt64(1023 - k) << 52)
            : Double(bitPattern: UInt64(1022 - k) << 52 | UInt64(fields[parity << 15 | Int(fraction >> 37)]) << 36)
    }

    /// `VRSQRT14PD(x)` for a positive finite `x`: a subnormal gives the estimate of x · 2^104, times
    /// 2^52 (checked on the hardware).
    static func estimate(_ x: Double, fields: [UInt16]) -> Double {
        x < 0x1p-1022 ? normalEstimate(x * 0x1p104, fields: fields) * 0x1p52 : normalEstimate(x, fields: fields)
    }

    /// `sqrt(x)` as MKL's Z0HA kernel computes it. The common case, x in [2^-916, ∞), is inlined
    /// and branch-free: there the estimate is at most 2^458 and no scaling is needed.
    @inline(__always)
    public static func mklRoot(_ x: Double, fields: [UInt16]) -> Double {
        guard x >= 0x1p-916 && x < .infinity else { return rareRoot(x, fields: fields) }
        return normalRoot(x, fields: fields)
    }

    /// The kernel's arithmetic for x in [2^-916, ∞).
    @inline(__always)
    static func normalRoot(_ x: Double, fields: [UInt16]) -> Double {
        let y = normalEstimate(x, fields: fields)
        let h = y * 0.5, s = x * y
        let e = 0.5.addingProduct(-s, h)
        let s1 = s.addingProduct(e, s), h1 = h.addingProduct(e, h)
        return s1.addingProduct(x.addingProduct(-s1, s1), h1)
    }

    /// The kernel for zeros, infinities, NaN, negative numbers and x below 2^-916. There its
    /// estimate exceeds 2^458 and it corrects s₁ with `fma(fma(−s₁·2^458, s₁·2^458, x·2^916),
    /// h₁·2^−916, s₁)`; every step of that is the normal path's on x·2^916, scaled by a power of two
    /// without rounding (the estimate scales too, subnormals included), so it is exactly
    /// `normalRoot(x·2^916)·2^−458`, which also keeps subnormal operands out of the arithmetic.
    @inline(never)
    static func rareRoot(_ x: Double, fields: [UInt16]) -> Double {
        guard x > 0 && x < .infinity else { return x < 0 ? .nan : x }
        return normalRoot(x * 0x1p916, fields: fields) * 0x1p-458
    }
}
