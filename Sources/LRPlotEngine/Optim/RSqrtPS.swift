/// MKL's `vdSqrt` for AVX2 CPUs, reproduced bit for bit without the CPU.
///
/// The kernel (`mkl_vml_kernel_dSqrt_L9HAynn`, read from libtorch_cpu.so's disassembly) reduces `x`
/// to the float `2^p · 1.m` (`p` the exponent's parity, `m` the top 23 fraction bits, truncated),
/// takes the `VRSQRTPS` estimate of it and scales it back to `y ≈ 1/√x`, then
/// `e = fma(−(y·y), x, 1)`, `P(e) = ((P₁e + P₀)e + P₂)e + P₃` in fma's and
/// `√x ≈ fma(x, y, ((e·P(e))·y)·x)`. Inputs outside [2^−1022, 2^1022) and non-positive ones go to a
/// scalar routine, taken here as the correctly rounded root (measured: exact for subnormals, but
/// 1 ulp off for about 0.02% of inputs from 2^1022 up, which Adam's `exp_avg_sq` never reaches
/// without overflowing the loss). `VRSQRTPS` is a table: `2^−k · 0.1t` for `2^(2k+p) · 1.f`, `t`
/// (12 bits) a function of `p` and `f`'s top 10 bits, measured on an Intel CPU (AMD's estimates
/// differ); fixtures/rsqrt_tables.c checks this on the hardware and dumps `t`.
public enum RSqrtPS {
    /// The 2 × 1024 estimate fields, unpacked from ``packedFields`` on first use.
    static let fields: [UInt16] = {
        let bytes = Base64.bytes(packedFields)
        return (0..<2048).map { UInt16(bytes[2 * $0]) | UInt16(bytes[2 * $0 + 1]) << 8 }
    }()

    /// The polynomial's coefficients, from `_vmldSqrtHATab`.
    static let p0 = Double(bitPattern: 0x3fd4_0000_b130_01d9)
    static let p1 = Double(bitPattern: 0x3fd1_8000_3233_8cbb)
    static let p2 = Double(bitPattern: 0x3fd8_0000_0000_00f6)
    static let p3 = Double(bitPattern: 0x3fdf_ffff_ffff_fe71)

    /// `sqrt(x)` as MKL's L9HA kernel computes it.
    @inline(__always)
    public static func mklRoot(_ x: Double, fields: [UInt16]) -> Double {
        let bits = x.bitPattern
        // The kernel's test for its scalar path, on the upper 32 bits.
        guard Int32(bitPattern: UInt32(truncatingIfNeeded: bits >> 32) &+ 0x7ff0_0000) <= -4_194_305 else { return rareRoot(x) }
        let odd = ~bits & 0x0010_0000_0000_0000
        let reduced = UInt32(truncatingIfNeeded: ((odd &+ 0x07f0_0000_0000_0000) | (bits & 0x001f_ffff_e000_0000)) >> 29)
        let parity = Int(reduced >> 23) - 127
        let estimate = Float(bitPattern: 126 << 23 | UInt32(fields[parity << 10 | Int(reduced >> 13 & 1023)]) << 11)
        let scale = Double(bitPattern: (odd &- (bits & 0x7ff0_0000_0000_0000) &+ 0xbfd0_0000_0000_0000) >> 1)
        let y = Double(estimate) * scale
        let e = 1.0.addingProduct(-(y * y), x)
        var p = p0.addingProduct(p1, e)
        p = p2.addingProduct(p, e)
        p = p3.addingProduct(p, e)
        return (((e * p) * y) * x).addingProduct(x, y)
    }

    /// MKL's scalar routine, taken as the correctly rounded root (see above).
    @inline(never)
    static func rareRoot(_ x: Double) -> Double { x.squareRoot() }
}
