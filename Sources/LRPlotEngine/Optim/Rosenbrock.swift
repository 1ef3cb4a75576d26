/// The toy objective: Rosenbrock's function `(1 − x)² + 100 (y − x²)²` and its analytic gradient.
public enum Rosenbrock {
    /// The starting point of every group's parameter.
    public static let start = Tensor(-1.5, 2.0)

    /// `rosen(x, y)`, evaluated as written.
    public static func value(_ p: Tensor) -> Double {
        let x = p.x, y = p.y
        let a = 1 - x
        let b = y - x * x
        return a * a + 100 * (b * b)
    }

    /// The gradient `(−2(1 − x) − 400 x (y − x²), 200 (y − x²))`.
    public static func gradient(_ p: Tensor) -> Tensor {
        let x = p.x, y = p.y
        let b = y - x * x
        let dx = -2 * (1 - x) - 400 * x * b
        let dy = 200 * b
        return Tensor(dx, dy)
    }
}
