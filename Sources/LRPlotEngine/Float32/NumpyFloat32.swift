/// numpy 2.4's float32 kernels as Keras 3's numpy backend reaches them (0-d arrays through the
/// ufunc loops), ported to the bit: the fixtures' header records the SIMD targets numpy dispatched
/// (X86_V4 for cos, log and power on the machine that wrote them; Float32KernelTests measures each).
public enum NumpyFloat32 {
    /// `np.cos` on float32: numpy's own Highway kernel (`loops_trigonometric.dispatch.cpp`,
    /// `simd_sincos_f32`) as it runs on an FMA target (X86_V3/X86_V4): Cody–Waite reduction by
    /// π/2 in three fused steps, a degree-8 cosine or degree-9 sine polynomial by quadrant; `|x| >
    /// 71476.0625` falls back to libm's `cosf`, as numpy does.
    public static func cos(_ input: Float) -> Float {
        if input.isNaN { return .nan }
        if !(abs(input) <= 71476.0625) { return Glibc.cosf(input) }
        let twoOverPi: Float = 0x1.45f306p-1
        let c1: Float = -0x1.921fb0p+00, c2: Float = -0x1.5110b4p-22, c3: Float = -0x1.846988p-48
        let magic: Float = 0x1.800000p+23
        var quadrant = input * twoOverPi
        quadrant = quadrant + magic
        quadrant = quadrant - magic
        // hn::MulAdd(a, b, c) = a * b + c, fused.
        var r = input.addingProduct(quadrant, c1)
        r = r.addingProduct(quadrant, c2)
        r = r.addingProduct(quadrant, c3)
        let r2 = r * r
        var cosine = Float(-0x1.6c06dcp-10).addingProduct(Float(0x1.98e616p-16), r2)
        cosine = Float(0x1.55553cp-05).addingProduct(cosine, r2)
        cosine = Float(-0x1.000000p-01).addingProduct(cosine, r2)
        cosine = Float(1).addingProduct(cosine, r2)
        var sine = Float(-0x1.a06bbap-13).addingProduct(Float(0x1.7d3bbcp-19), r2)
        sine = Float(0x1.11119ap-07).addingProduct(sine, r2)
        sine = Float(-0x1.555556p-03).addingProduct(sine, r2)
        sine = Float(0).addingProduct(sine, r2)
        sine = r.addingProduct(sine, r)
        let iquadrant = Int32(quadrant) &+ 1
        var result = iquadrant & 1 == 0 ? sine : cosine
        if iquadrant & 2 == 2 { result = 0 - result }
        return result
    }

    /// `np.power(x, y)` on float32 0-d arrays: numpy's fast paths for a broadcast exponent of -1,
    /// 0, 0.5, 1 and 2 (`loops_umath_fp.dispatch.c.src`), else Intel SVML's `__svml_powf16`, which
    /// numpy links on X86_V4 (``SVMLPowF``).
    public static func pow(_ x: Float, _ y: Float) -> Float {
        if y == -1 { return 1 / x }
        if y == 0 { return 1 }
        if y == 0.5 { return x.squareRoot() }
        if y == 1 { return x }
        if y == 2 { return x * x }
        return SVMLPowF.pow(x, y)
    }

    /// `np.log` on float32: numpy's AVX-512F kernel (`loops_exponent_log.dispatch.c.src`,
    /// `simd_log_FLOAT`, which numpy also runs for single elements): `getexp + 1` and `getmant` in
    /// [0.5, 1), doubled below sqrt(1/2), then a degree-5/degree-5 rational in `m - 1` with fused
    /// multiply-adds, plus `exponent * ln 2` fused.
    public static func log(_ input: Float) -> Float {
        if input.isNaN { return .nan }
        if input < 0 { return -Float.nan }
        if input == 0 { return -.infinity }
        if input == .infinity { return .infinity }
        func f(_ bits: UInt32) -> Float { Float(bitPattern: bits) }
        var exponent = Float(input.exponent) + 1
        var m = Float(sign: .plus, exponent: -1, significand: input.significand)
        if m <= f(0x3f35_04f3) {
            m = m + m
            exponent = exponent - 1
        }
        let x = m - 1
        var num = f(0x3ec3_0333).addingProduct(f(0x3cd4_2bcd), x)
        num = f(0x3fbd_70a9).addingProduct(num, x)
        num = f(0x4007_361c).addingProduct(num, x)
        num = f(0x3f80_0000).addingProduct(num, x)
        num = Float(0).addingProduct(num, x)
        var denominator = f(0x3e1e_5bf3).addingProduct(f(0x3bc0_83df), x)
        denominator = f(0x3f7c_8ae4).addingProduct(denominator, x)
        denominator = f(0x401c_fe0d).addingProduct(denominator, x)
        denominator = f(0x4027_361c).addingProduct(denominator, x)
        denominator = Float(1).addingProduct(denominator, x)
        return (num / denominator).addingProduct(exponent, f(0x3f31_7218))
    }
}

/// XLA's CPU float32 kernels as optax 0.2.8 reaches them eagerly on jax 0.10.2: `cos` and `pow`
/// are libm's `cosf` and `powf` with denormals flushed (measured bit for bit), `x ** n` for a Python
/// int `n` is jax's `integer_pow` (binary powering by multiplication). lrplot's other optax
/// arithmetic is IEEE float32 without the flush, which only differs where a value falls below 1.2e-38.
public enum XLAFloat32 {
    /// `jnp.cos` on float32.
    public static func cos(_ x: Float) -> Float { flush(Glibc.cosf(flush(x))) }

    /// `jnp.power(x, y)` with a float exponent (`lax.pow`); XLA's CPU code runs with denormals
    /// flushed to zero, so a subnormal result is 0 (measured: kernels.tsv).
    public static func pow(_ x: Float, _ y: Float) -> Float { flush(Glibc.powf(flush(x), flush(y))) }

    /// A subnormal as XLA's CPU kernels see it (flush to zero, denormals are zero): a zero of its sign.
    @inline(__always) static func flush(_ x: Float) -> Float { x.isSubnormal ? (x.sign == .minus ? -0.0 : 0.0) : x }

    /// `lax.integer_pow(x, n)`: jax's square-and-multiply, `1 / x ** -n` for negative `n`.
    public static func integerPow(_ x: Float, _ n: Int) -> Float {
        if n == 0 { return 1 }
        var base = x, exponent = n.magnitude
        var accumulator: Float? = nil
        while exponent > 0 {
            if exponent & 1 == 1 { accumulator = accumulator.map { $0 * base } ?? base }
            exponent >>= 1
            if exponent > 0 { base = base * base }
        }
        let value = accumulator ?? 1
        return n < 0 ? 1 / value : value
    }

    /// `x ** p` as jax computes it for a Python number `p`: an int goes to `integer_pow`, a float to `pow`.
    public static func power(_ x: Float, _ p: PyNumber) -> Float {
        if let n = p.integer { return integerPow(x, n) }
        return pow(x, Float(p.value))
    }
}
