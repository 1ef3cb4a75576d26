/// The toy objective: Rosenbrock's function `(1 − x)² + 100 (y − x²)²` and its analytic gradient.
public enum Rosenbrock {
    /// The starting point of every group's parameter.
    public static let start: [Double] = [-1.5, 2.0]

    /// `rosen(x, y)`, evaluated as written.
    public static func value(_ p: Tensor) -> Double {
        let x = p[0], y = p[1]
        let a = 1 - x
        let b = y - x * x
        return a * a + 100 * (b * b)
    }

    /// The gradient `(−2(1 − x) − 400 x (y − x²), 200 (y − x²))`.
    public static func gradient(_ p: Tensor) -> Tensor {
        let x = p[0], y = p[1]
        let b = y - x * x
        let dx = -2 * (1 - x) - 400 * x * b
        let dy = 200 * b
        return Tensor(shape: p.shape, storage: [dx, dy])
    }
}
