/// MKL's `vdSqrt` for AVX-512 CPUs, reproduced bit for bit without the CPU.
///
/// The kernel (`mkl_vml_kernel_dSqrt_Z0HAynn`, read from libtorch_cpu.so's disassembly) refines
/// the `VRSQRT14PD` estimate `y ≈ 1/√x` once and corrects the root once:
/// `h = 0.5·y, s = x·y, e = fma(−s, h, 0.5), s₁ = fma(e, s, s), h₁ = fma(e, h, h)`,
/// `√x ≈ fma(fma(−s₁, s₁, x), h₁, s₁)`, with `x` scaled by 2⁹¹⁶ where `y > 2⁴⁵⁸`. Zeros, infinities
/// and NaN pass through; negative inputs give NaN. `VRSQRT14PD` itself is a table: its result for
/// `x = 2^(2k+p) · 1.f` is `2^−k · 0.1t` with `t` (16 bits) a function of `p` and `f`'s top 15 bits,
/// exact for powers of four (fixtures/rsqrt14_table.c checks this on the hardware and dumps `t`).
public enum RSqrt14 {
    /// The 2 × 32768 estimate fields, unpacked from ``packedSteps`` on first use.
    static let fields: [UInt16] = {
        var steps = [UInt8]()
        steps.reserveCapacity(16384)
        var accumulator: UInt32 = 0, bitCount = 0
        for byte in packedSteps.utf8 {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            default: continue
            }
            accumulator = accumulator << 6 | UInt32(value)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                steps.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
            }
        }
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

    /// `VRSQRT14PD(x)` for a positive finite `x`.
    @inline(__always)
    static func estimate(_ x: Double, fields: [UInt16]) -> Double {
        // A subnormal x gives the estimate of x · 2^104, times 2^52 (checked on the hardware).
        let subnormal = x < 0x1p-1022
        let bits = (subnormal ? x * 0x1p104 : x).bitPattern
        let exponent = Int(bits >> 52) - 1023
        let fraction = bits & (1 << 52 - 1)
        let parity = exponent & 1, k = (exponent - parity) >> 1
        let y = fraction == 0 && parity == 0
            ? Double(bitPattern: UInt64(1023 - k) << 52)
            : Double(bitPattern: UInt64(1022 - k) << 52 | UInt64(fields[parity << 15 | Int(fraction >> 37)]) << 36)
        return subnormal ? y * 0x1p52 : y
    }

    /// `sqrt(x)` as MKL's Z0HA kernel computes it.
    @inline(__always)
    public static func mklRoot(_ x: Double, fields: [UInt16]) -> Double {
        guard x > 0 && x < .infinity else { return x < 0 ? .nan : x }
        let y = estimate(x, fields: fields)
        let h = y * 0.5, s = x * y
        let e = 0.5.addingProduct(-s, h)
        let s1 = s.addingProduct(e, s), h1 = h.addingProduct(e, h)
        if y > 0x1p458 {
            let xs = x * 0x1p916, ss = s1 * 0x1p458, hs = h1 * 0x1p-916
            return s1.addingProduct(xs.addingProduct(-ss, ss), hs)
        }
        return s1.addingProduct(x.addingProduct(-s1, s1), h1)
    }
}
