/// numpy 2.4.6's float64 `exp` and `log` as it computes them on x86-64 Linux with AVX-512 (SKX), bit for bit.
///
/// numpy's ufunc loops for these (numpy/_core/src/umath/loops_exponent_log.dispatch.c.src, `DOUBLE_exp` /
/// `DOUBLE_log`, X86_V4 target, `NPY_CAN_LINK_SVML`) do not call glibc: they call Intel SVML's
/// `__svml_exp8_ha` / `__svml_log8_ha` (numpy/_core/src/umath/svml/linux/avx512/svml_z0_exp_d_ha.s,
/// svml_z0_log_d_ha.s), whose results differ from glibc's in the last bit for a few percent of arguments.
/// These are ports of one lane of those kernels, instruction by instruction: every `vfmadd`/`vfnmadd` is a
/// fused multiply-add (`addingProduct`), every scalar `mulsd`/`addsd` of the callouts a separately rounded
/// operation. (numpy's float64 sin and cos call libm; tanh is numpy's own kernel and is not ported here.)
/// Fixtures: fixtures/generate_numpy_fixtures.py.
public enum NumpyFloat64 {
    /// numpy's `np.exp` of a float64: `__svml_exp8_ha` (one lane) and its callout for |x| ≥ 707.70….
    public static func exp(_ x: Double) -> Double {
        // vcmppd $29 (>=, ordered): NaN stays on the vector path, where every operation propagates it.
        if x.isNaN { return x + x }
        if x.magnitude >= Double(bitPattern: 0x4086_1DA0_4CBA_FE44) { return expCallout(x) }
        let log2e = Double(bitPattern: 0x3FF7_1547_652B_82FE)
        // 2^(52-4)*1.5 + 1023, so the sum's last 4 bits are j and x*log2(e) keeps 4 fractional bits.
        let shifter = Double(bitPattern: 0x42F8_0000_0000_3FF0)
        // vfmadd213pd {rz-sae}: the fused sum rounded toward zero (the sum is positive: round down).
        var shifted = shifter.addingProduct(x, log2e)
        if (-(shifted - shifter)).addingProduct(x, log2e) < 0 { shifted = shifted.nextDown }
        let n = shifted - shifter
        let j = Int(shifted.bitPattern & 0xF)
        // R = x - N*ln(2)_high - N*ln(2)_low, then the mask that keeps |R| < 2 for special inputs.
        var r = x.addingProduct(-n, Double(bitPattern: 0x3FE6_2E42_FEFA_39EF))
        r = r.addingProduct(-n, Double(bitPattern: 0x3C7A_BC9E_3B39_803F))
        r = Double(bitPattern: r.bitPattern & 0xBFFF_FFFF_FFFF_FFFF)
        let r2 = r * r
        var p56 = Double(bitPattern: 0x3F81_101C_BBC2_65C0).addingProduct(r, Double(bitPattern: 0x3F57_4118_3694_0C04))
        let p34 = Double(bitPattern: 0x3FC5_5555_5393_9732).addingProduct(r, Double(bitPattern: 0x3FA5_5557_242D_68FE))
        let p12 = Double(bitPattern: 0x3FEF_FFFF_FFFF_FF70).addingProduct(r, Double(bitPattern: 0x3FE0_0000_0000_D008))
        p56 = p34.addingProduct(r2, p56)
        p56 = p12.addingProduct(r2, p56)
        let th = Double(bitPattern: expTh[j])
        var q = Double(bitPattern: expTlr[j]).addingProduct(p56, r)
        q = th.addingProduct(th, q)
        // vscalefpd: q * 2^floor(N); |N| < 1021 here, so 2^floor(N) is a normal double and the product exact.
        return q * Double(sign: .plus, exponent: Int(n.rounded(.down)), significand: 1)
    }

    /// `__svml_dexp_ha_cout_rare_internal`: the scalar path for |x| ≥ 707.70…, ±inf (separately rounded steps).
    static func expCallout(_ x: Double) -> Double {
        if x.bitPattern >> 52 & 0x7FF == 0x7FF {
            return x == -.infinity ? 0 : x * x
        }
        if x > Double(bitPattern: 0x4086_2E42_FEFA_39EF) { return Double.greatestFiniteMagnitude * .greatestFiniteMagnitude }
        if x < Double(bitPattern: 0xC087_4910_D52D_3051) {
            let tiny = Double(bitPattern: 0x0010_0000_0000_0001)
            return tiny * tiny
        }
        let shifter = Double(bitPattern: 0x4338_0000_0000_0000)
        let shifted = x * Double(bitPattern: 0x4057_1547_652B_82FE) + shifter
        let low = UInt32(truncatingIfNeeded: shifted.bitPattern)
        let j = Int(low & 63)
        let n = shifted - shifter
        var r = x - n * Double(bitPattern: 0x3F86_2E42_FEFA_0000)
        r = r - n * Double(bitPattern: 0x3D1C_F79A_BC9E_3B3A)
        var p = Double(bitPattern: 0x3F56_C16A_1C2A_3FFD) * r
        p = p + Double(bitPattern: 0x3F81_1112_3AAF_20D3)
        p = p * r
        p = p + Double(bitPattern: 0x3FA5_5555_5555_8FCC)
        p = p * r
        p = p + Double(bitPattern: 0x3FC5_5555_5555_48F8)
        p = p * r
        p = p + 0.5
        p = p * r
        p = p * r
        p = p + r
        p = p + Double(bitPattern: expCalloutTable[2 * j + 1])
        let t = Double(bitPattern: expCalloutTable[2 * j])
        p = p * t
        let m = low >> 6
        if x < Double(bitPattern: 0xC086_232B_DD7A_BCD2) {
            return expCalloutSubnormal(p, t, exponent: (m &+ 1083) & 2047)
        }
        let biased = (m &+ 1023) & 2047
        p = p + t
        if biased > 2046 {
            return p * Double(bitPattern: UInt64(biased - 1) << 52) * 2
        }
        return p * Double(bitPattern: UInt64(biased) << 52)
    }

    /// The callout's subnormal results: scaled up by 2^60, summed (split in two when the sum is not tiny),
    /// scaled back by 2^-60 so the result is rounded once.
    private static func expCalloutSubnormal(_ p: Double, _ t: Double, exponent: UInt32) -> Double {
        let scale = Double(bitPattern: UInt64(exponent) << 52)
        let down = Double(bitPattern: 0x3C30_0000_0000_0000)
        let a = p * scale
        let b = scale * t
        let s = b + a
        if exponent <= 50 { return s * down }
        let lo = (b - s) + a
        let split = s * Double(bitPattern: 0x41F8_0000_0000_0000)
        let hi = (s + split) - split
        let rest = lo + (s - hi)
        return hi * down + rest * down
    }
}
