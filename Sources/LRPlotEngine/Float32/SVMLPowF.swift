/// Intel SVML's AVX-512 `__svml_powf16` ("la", numpy 2.4's `np.power` for float32 on X86_V4,
/// `numpy/_core/src/umath/svml/linux/avx512/svml_z0_pow_s_la.s`), its main path replayed one
/// instruction at a time with each instruction's rounding (round to nearest, toward zero or down,
/// as the assembly's `{rn,rz,rd}-sae` say): `log2 x` from `getexp`/`getmant`, a reciprocal rounded
/// to 5 fractional bits and 32-entry tables, `y * log2 x` kept in two parts, then `exp2` from a
/// 16-entry table and a cubic. Two steps are not bit-exact replays: `vrcp14ps` (a 14-bit
/// reciprocal whose rounding to 1/32 can differ from the exact reciprocal's when 32/m lies within
/// 2^-14 of a half-way point) and the callout for x ≤ 0, infinities, NaNs and overflowing
/// results, where lrplot uses the double `pow`, rounded.
enum SVMLPowF {
    /// `Th` (high part of -log2 of the rounded reciprocal, +1 from index 16 on), `Tl` (its low part), exp2 of j/16.
    static let th: [UInt32] = [
        0x0, 0xbd35d000, 0xbdb32000, 0xbe046400, 0xbe2e0000, 0xbe567c00, 0xbe7de000, 0xbe922000, 0xbea4d400, 0xbeb71200, 0xbec8de00,
        0xbeda4000, 0xbeeb3a00, 0xbefbd400, 0xbf060800, 0xbf0dfa00, 0x3ed48000, 0x3ec54400, 0x3eb65800, 0x3ea7b800, 0x3e996000, 0x3e8b4e00,
        0x3e7b0000, 0x3e5fe400, 0x3e454400, 0x3e2b2000, 0x3e116c00, 0x3df05800, 0x3dbeb000, 0x3d8dd800, 0x3d3ba000, 0x3cba2000,
    ]
    static let tl: [UInt32] = [
        0x0, 0xb6d3758f, 0x3510536f, 0x369dcc96, 0xb651cfdf, 0x3687492c, 0xb635c813, 0xb5f561c1, 0x35f6865d, 0x36f19318, 0x35aedc1d,
        0x36a0463c, 0xb69f0197, 0xb5ad1961, 0xb6201ac7, 0x36ee16a3, 0xb5d1cfdf, 0x36c055fe, 0x3676865d, 0xb589a627, 0xb48e4789, 0x33a6c7e3,
        0xb69d5be7, 0xb642c000, 0x364055fe, 0xb68f5801, 0x36b70aad, 0x35d74798, 0x3492d9f7, 0x364a9801, 0xb6566c4d, 0xb48bcf06,
    ]
    static let exp2Table: [UInt32] = [
        0x3f800000, 0x3f85aac3, 0x3f8b95c2, 0x3f91c3d3, 0x3f9837f0, 0x3f9ef532, 0x3fa5fed7, 0x3fad583f, 0x3fb504f3, 0x3fbd08a4, 0x3fc5672a,
        0x3fce248c, 0x3fd744fd, 0x3fe0ccdf, 0x3feac0c7, 0x3ff5257d,
    ]
    static func f(_ bits: UInt32) -> Float { Float(bitPattern: bits) }
    // The broadcast constants, by their byte offset in __svml_spow_data_internal_avx512.
    static let c448 = f(0x3e93c705), c512 = f(0xbeb8b3ed), c576 = f(0x3ef6384f), c640 = f(0xbf38aa3b), c704 = f(0x32a570cc)
    static let c768 = f(0x3fb8aa3b), c832 = f(0x494007f0), c960 = f(0x3d6854cb), c1024 = f(0x3e75f16c), c1088 = f(0x3f317222)
    static let limit = f(0x42fb0000)

    /// How an instruction rounds.
    enum Rounding { case towardZero, down }

    /// `hi + lo` (an exact value held as a double and its error) rounded to float32 by `mode`.
    static func round(_ hi: Double, _ lo: Double, _ mode: Rounding) -> Float {
        let nearest = Float(hi)
        guard nearest.isFinite else { return nearest }
        // nearest - (hi + lo), exactly signed: Double(nearest) - hi is exact (they are close).
        let over = (Double(nearest) - hi) - lo
        if over == 0 { return nearest }
        switch mode {
        case .towardZero:
            let awayFromZero = hi > 0 ? over > 0 : over < 0
            return awayFromZero ? nextTowardZero(nearest) : nearest
        case .down:
            return over > 0 ? nearest.nextDown : nearest
        }
    }

    static func nextTowardZero(_ x: Float) -> Float { x == 0 ? x : Float(bitPattern: x.bitPattern - 1) }

    /// `a + b` as an exact double pair.
    static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        let bb = s - a
        return (s, (a - (s - bb)) + (b - bb))
    }

    /// `a * b` rounded by `mode` (the product of two floats is exact in double).
    static func mul(_ a: Float, _ b: Float, _ mode: Rounding) -> Float { round(Double(a) * Double(b), 0, mode) }
    /// `a + b` rounded by `mode`.
    static func add(_ a: Float, _ b: Float, _ mode: Rounding) -> Float {
        let (s, e) = twoSum(Double(a), Double(b))
        return round(s, e, mode)
    }
    /// `a * b + c` fused, rounded by `mode`.
    static func fma(_ a: Float, _ b: Float, _ c: Float, _ mode: Rounding) -> Float {
        let (s, e) = twoSum(Double(a) * Double(b), Double(c))
        return round(s, e, mode)
    }

    /// `powf(x, y)` as `__svml_powf16` computes it (see the type's notes for the callout).
    static func pow(_ x: Float, _ y: Float) -> Float {
        guard x > 0, x.isFinite, y.isFinite else { return Float(Glibc.pow(Double(x), Double(y))) }
        // GetMant(x) in [0.5, 1), GetExp(x).
        let m = Float(sign: .plus, exponent: -1, significand: x.significand)
        var expon = Float(x.exponent)
        // SglRcp ~ 1/m, rounded to 5 fractional bits.
        let rcp = (32.0 / Double(m)).rounded(.toNearestOrEven) / 32.0
        let sglRcp = Float(rcp)
        // R = SglRcp * m - 1 (fused, round to nearest).
        let r = (-1 as Float).addingProduct(sglRcp, m)
        var poly = c512.addingProduct(c448, r)
        let index = Int((sglRcp.bitPattern >> 18) & 31)
        poly = c576.addingProduct(poly, r)
        if sglRcp < 1.5 { expon = expon + 1 }
        let thE = f(th[index]) + expon
        poly = c640.addingProduct(poly, r)
        let polyLow = c704.addingProduct(poly, r)
        let high1 = thE.addingProduct(c768, r)
        let tlPoly = f(tl[index]).addingProduct(polyLow, r)
        let rc1hHigh = high1 - thE
        let high = high1 + tlPoly
        let rc1hLow = (-rc1hHigh).addingProduct(c768, r)
        let yHigh = mul(high, y, .towardZero)
        let tlh = high - high1
        let yHighLow = fma(y, high, -yHigh, .towardZero)
        let tll = tlPoly - tlh
        let tllC = tll + rc1hLow
        let zl = fma(y, tllC, yHighLow, .towardZero)
        let z = add(yHigh, zl, .towardZero)
        let zCorrection = z - yHigh
        let shifted = add(z, c832, .down)
        // vreduceps $65: z - floor(z * 16) / 16, the subtraction rounded down too (imm8 RC = 01).
        let (reducedHi, reducedLo) = twoSum(Double(z), -Double((z * 16).rounded(.down)) / 16)
        let reduced = round(reducedHi, reducedLo, .down)
        let low = zl - zCorrection
        let the = f(exp2Table[Int(shifted.bitPattern & 15)])
        guard abs(z) <= limit else { return Float(Glibc.pow(Double(x), Double(y))) }
        let rr = Float(bitPattern: (reduced + low).bitPattern & 0xbfff_ffff)
        let scale = Float(bitPattern: (shifted.bitPattern << 19) & 0x7f80_0000)
        let rThe = rr * the
        var p = c1024.addingProduct(c960, rr)
        p = c1088.addingProduct(p, rr)
        p = the.addingProduct(rThe, p)
        return scale * p
    }
}
