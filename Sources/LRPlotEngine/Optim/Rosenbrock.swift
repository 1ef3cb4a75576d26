/// The toy objective: Rosenbrock's function `(1 − x)² + 100 (y − x²)²` and its gradient as
/// PyTorch's autograd computes it.
public enum Rosenbrock {
    /// The starting point of every group's parameter.
    public static let start = Tensor(-1.5, 2.0)

    /// `rosen(x, y)`, evaluated as written (ATen computes `t ** 2` as `t * t`).
    public static func value(_ p: Tensor) -> Double {
        let x = p.x, y = p.y
        let a = 1 - x
        let b = y - x * x
        return a * a + 100 * (b * b)
    }

    /// The gradient of `(1 - x) ** 2 + 100 * (y - x ** 2) ** 2` in autograd's order, which rounds
    /// differently from the textbook `−2(1 − x) − 400 x (y − x²)` at about a third of all points:
    /// `pow` backward is `grad · (2 · base)`, `rsub`/`sub` backward negate, and the two paths into
    /// `x` are added. So `dy = 100 · (2b)` and `dx = −(2(1 − x)) + (−(100 · (2b))) · (2x)`.
    public static func gradient(_ p: Tensor) -> Tensor {
        let x = p.x, y = p.y
        let b = y - x * x
        let dy = 100 * (2 * b)
        let dx = -(2 * (1 - x)) + (-dy) * (2 * x)
        return Tensor(dx, dy)
    }
}
