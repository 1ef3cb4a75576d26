extension NumpyFloat64 {
    /// numpy's `np.log` of a float64: `__svml_log8_ha` (one lane) and its callout for NaN, ±0, ±inf and x < 0.
    public static func log(_ x: Double) -> Double {
        // vfpclasspd $0xDF: everything but positive normal and subnormal numbers takes the scalar callout.
        if x.isNaN || x.isInfinite || x <= 0 { return logCallout(x) }
        // vgetmantpd $8 / vgetexppd: x = m * 2^e, m in [1, 2), subnormals normalized.
        let normal = x.isSubnormal ? x * 0x1p60 : x
        let m = normal.significand
        var e = Double(normal.exponent - (x.isSubnormal ? 60 : 0))
        let rcp = roundedReciprocal(m)
        let r = (-1.0).addingProduct(rcp, m)
        let p7 = Double(bitPattern: 0xBFC5_5553_FB28_DB06).addingProduct(Double(bitPattern: 0x3FC2_4922_9CEE_81EF), r)
        var p1 = Double(bitPattern: 0xBFC0_0735_7E93_AF62).addingProduct(Double(bitPattern: 0x3FBC_81CD_309D_7C70), r)
        let r2 = r * r
        var p9 = Double(bitPattern: 0xBFD0_0000_000C_05BD).addingProduct(Double(bitPattern: 0x3FC9_9999_99CC_9F5C), r)
        let index = Int(rcp.bitPattern >> 48 & 0xF)
        p1 = p7.addingProduct(r2, p1)
        let r4 = r2 * r2
        let p8 = Double(bitPattern: 0xBFDF_FFFF_FFFF_FFC6).addingProduct(Double(bitPattern: 0x3FD5_5555_5555_5466), r)
        if rcp < 0.75 { e = e + 1 }
        p9 = p8.addingProduct(r2, p9)
        // K*log(2)_high + Th, then + R split into the part that adds exactly (Rh) and the rest (Rl).
        let th = Double(bitPattern: logTh[index]).addingProduct(Double(bitPattern: 0x3FE6_2E42_FEFA_0000), e)
        p1 = p9.addingProduct(r4, p1)
        let high = th + r
        let rh = high - th
        let rl = r - rh
        p1 = rl.addingProduct(r2, p1)
        let low = Double(bitPattern: logTl[index]).addingProduct(Double(bitPattern: 0x3D7C_F79A_BC9E_0000), e)
        return high + (p1 + low)
    }

    /// `__svml_dlog_ha_cout_rare_internal` for the arguments the vector path hands it.
    static func logCallout(_ x: Double) -> Double {
        if x.isNaN || x == .infinity { return x * x }
        if x == 0 { return -1.0 / 0.0 }
        let zero = 0.0
        return zero / zero
    }

    /// vrndscalepd(vrcp14pd(m), 0x58): the hardware's 14-bit reciprocal estimate of m in [1, 2), rounded to
    /// 1/32. It steps down by 1/32 at these mantissas, measured on this CPU's vrcp14pd by fixtures/rcp14_probe.c
    /// (binary search for each step, then 82 million mantissas, random and every ulp near each step, checked).
    static func roundedReciprocal(_ m: Double) -> Double {
        var k = 32
        for step in reciprocalSteps where m.bitPattern >= step { k -= 1 }
        return Double(k) / 32
    }

    static let reciprocalSteps: [UInt64] = [
        0x3FF0_40F0_0000_0000, 0x3FF0_C970_0000_0000, 0x3FF1_5B40_0000_0000, 0x3FF1_F700_0000_0000,
        0x3FF2_9E60_0000_0000, 0x3FF3_5230_0000_0000, 0x3FF4_1430_0000_0000, 0x3FF4_E5F0_0000_0000,
        0x3FF5_C990_0000_0000, 0x3FF6_C150_0000_0000, 0x3FF7_D070_0000_0000, 0x3FF8_F9C0_0000_0000,
        0x3FFA_41A0_0000_0000, 0x3FFB_AD00_0000_0000, 0x3FFD_41C0_0000_0000, 0x3FFF_0800_0000_0000,
    ]
}
