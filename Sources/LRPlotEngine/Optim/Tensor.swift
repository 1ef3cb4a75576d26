/// A small dense tensor of `Double`s: a shape and contiguous row-major storage.
///
/// It carries exactly the elementwise operations `torch.optim.Adam` performs on a parameter, each
/// written with the operation order of ATen's CPU kernels so that results agree bit for bit.
/// PyTorch's x86-64 wheels dispatch to kernels compiled with `-mfma`, where the compiler fuses
/// `lerp` and `addcmul` into fused multiply-adds; `fma` here reproduces them exactly (the fixture
/// parity tests fail if any other grouping is used).
public struct Tensor: Equatable, Sendable {
    /// The extent of each dimension.
    public private(set) var shape: [Int]
    /// Row-major contiguous storage; `storage.count` is the product of `shape`.
    public private(set) var storage: [Double]

    /// A tensor with the given shape and storage.
    /// - Precondition: `storage.count` equals the product of `shape`.
    public init(shape: [Int], storage: [Double]) {
        precondition(shape.reduce(1, *) == storage.count, "storage does not match shape")
        self.shape = shape
        self.storage = storage
    }

    /// A one-dimensional tensor holding `values`.
    public init(_ values: [Double]) {
        self.init(shape: [values.count], storage: values)
    }

    /// A tensor of zeros shaped like `other`.
    public static func zeros(like other: Tensor) -> Tensor {
        Tensor(shape: other.shape, storage: Array(repeating: 0, count: other.storage.count))
    }

    /// The number of elements.
    public var count: Int { storage.count }

    /// Element access in storage order.
    public subscript(index: Int) -> Double {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    private mutating func apply(_ other: Tensor, _ body: (Double, Double) -> Double) {
        precondition(other.shape == shape, "shape mismatch")
        for i in storage.indices { storage[i] = body(storage[i], other.storage[i]) }
    }

    private mutating func apply(_ body: (Double) -> Double) {
        for i in storage.indices { storage[i] = body(storage[i]) }
    }

    /// `torch.add(self, other, alpha=alpha)`: `self + alpha * other`.
    public func adding(_ other: Tensor, alpha: Double) -> Tensor {
        var result = self
        result.apply(other) { a, b in a + alpha * b }
        return result
    }

    /// `lerp_(end, weight)` as ATen computes it: `fma(w, end - self, self)` when `|w| < 0.5`,
    /// else `fma(w - 1, end - self, end)` (the form of ATen's `lerp_vec`).
    public mutating func lerp(towards end: Tensor, weight: Double) {
        if abs(weight) < 0.5 {
            apply(end) { s, e in fma(weight, e - s, s) }
        } else {
            apply(end) { s, e in fma(weight - 1, e - s, e) }
        }
    }

    /// `mul_(scalar)`.
    public mutating func multiply(by scalar: Double) {
        apply { $0 * scalar }
    }

    /// `addcmul_(t1, t2, value=v)`: `self + (v * t1) * t2` with the last multiply-add fused.
    public mutating func addProduct(_ t1: Tensor, _ t2: Tensor, value: Double) {
        precondition(t1.shape == shape && t2.shape == shape, "shape mismatch")
        for i in storage.indices { storage[i] = fma(value * t1.storage[i], t2.storage[i], storage[i]) }
    }

    /// `addcdiv_(t1, t2, value=v)`: `self + v * t1 / t2`, evaluated left to right.
    public mutating func addQuotient(_ t1: Tensor, _ t2: Tensor, value: Double) {
        precondition(t1.shape == shape && t2.shape == shape, "shape mismatch")
        for i in storage.indices { storage[i] = storage[i] + value * t1.storage[i] / t2.storage[i] }
    }

    /// `sqrt()`, elementwise.
    public func squareRoot() -> Tensor {
        var result = self
        result.apply { $0.squareRoot() }
        return result
    }

    /// `self / scalar`, elementwise.
    public func dividing(by scalar: Double) -> Tensor {
        var result = self
        result.apply { $0 / scalar }
        return result
    }

    /// `add_(scalar)`, elementwise.
    public mutating func add(_ scalar: Double) {
        apply { $0 + scalar }
    }

    /// `torch.maximum(self, other, out=self)`: NaN propagates as in ATen.
    public mutating func formMaximum(with other: Tensor) {
        apply(other) { a, b in (a.isNaN || b.isNaN) ? .nan : Swift.max(a, b) }
    }
}
