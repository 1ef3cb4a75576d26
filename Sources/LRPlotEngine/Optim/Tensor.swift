/// The toy problem's tensor: two `Double`s (a group's point on Rosenbrock's function), stored
/// inline so that the simulation's hot loop never allocates.
///
/// It carries exactly the elementwise operations `torch.optim.Adam` performs on a parameter, each
/// written with the operation order of ATen's CPU kernels so that results agree bit for bit.
/// PyTorch's x86-64 wheels dispatch to kernels compiled with `-mfma`, where the compiler fuses
/// `lerp` and `addcmul` into fused multiply-adds; `fma` here reproduces them exactly (the fixture
/// parity tests fail if any other grouping is used). `a.addingProduct(b, c)` is IEEE fma(b, c, a):
/// one rounding, an FMA3 instruction where the build enables it.
public struct Tensor: Equatable, Sendable {
    /// Element 0.
    public var x: Double
    /// Element 1.
    public var y: Double

    /// The tensor `[x, y]`.
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    /// The zero tensor.
    public static let zero = Tensor(0, 0)

    /// The number of elements.
    public var count: Int { 2 }

    /// Element access in storage order (0 or 1).
    public subscript(index: Int) -> Double {
        get { index == 0 ? x : y }
        set { if index == 0 { x = newValue } else { y = newValue } }
    }

    @inline(__always)
    private func map(_ body: (Double) -> Double) -> Tensor { Tensor(body(x), body(y)) }

    @inline(__always)
    private func zip(_ other: Tensor, _ body: (Double, Double) -> Double) -> Tensor {
        Tensor(body(x, other.x), body(y, other.y))
    }

    /// `torch.add(self, other, alpha=alpha)`: `self + alpha * other`, fused into one rounding as
    /// ATen's CPU add kernel computes it (`fmadd(other, alpha, self)`).
    public func adding(_ other: Tensor, alpha: Double) -> Tensor {
        zip(other) { a, b in a.addingProduct(alpha, b) }
    }

    /// `lerp_(end, weight)` as ATen computes it: `fma(w, end - self, self)` when `|w| < 0.5`,
    /// else `fma(w - 1, end - self, end)` (the form of ATen's `lerp_vec`).
    public mutating func lerp(towards end: Tensor, weight: Double) {
        if abs(weight) < 0.5 {
            self = zip(end) { s, e in s.addingProduct(weight, e - s) }
        } else {
            self = zip(end) { s, e in e.addingProduct(weight - 1, e - s) }
        }
    }

    /// `mul_(scalar)`.
    public mutating func multiply(by scalar: Double) {
        self = map { $0 * scalar }
    }

    /// `addcmul_(t1, t2, value=v)`: `self + (v * t1) * t2` with the last multiply-add fused.
    public mutating func addProduct(_ t1: Tensor, _ t2: Tensor, value: Double) {
        self = Tensor(x.addingProduct(value * t1.x, t2.x), y.addingProduct(value * t1.y, t2.y))
    }

    /// `addcdiv_(t1, t2, value=v)`: `self + v * t1 / t2`, evaluated left to right.
    public mutating func addQuotient(_ t1: Tensor, _ t2: Tensor, value: Double) {
        self = Tensor(x + value * t1.x / t2.x, y + value * t1.y / t2.y)
    }

    /// `sqrt()`, elementwise, correctly rounded.
    public func squareRoot() -> Tensor {
        map { $0.squareRoot() }
    }

    /// `sqrt()`, elementwise, as `kernel` computes it (`fields`: the kernel's estimate table).
    @inline(__always)
    func squareRoot(_ kernel: SquareRootKernel, fields: [UInt16]) -> Tensor {
        switch kernel {
        case .ieee: return squareRoot()
        case .mklAVX512: return map { RSqrt14.mklRoot($0, fields: fields) }
        case .mklAVX2: return map { RSqrtPS.mklRoot($0, fields: fields) }
        }
    }

    /// `self / scalar`, elementwise.
    public func dividing(by scalar: Double) -> Tensor {
        map { $0 / scalar }
    }

    /// `add_(scalar)`, elementwise.
    public mutating func add(_ scalar: Double) {
        self = map { $0 + scalar }
    }

    /// `torch.maximum(self, other, out=self)`: NaN propagates as in ATen.
    public mutating func formMaximum(with other: Tensor) {
        self = zip(other) { a, b in (a.isNaN || b.isNaN) ? .nan : Swift.max(a, b) }
    }
}
