/// The staircase drawing of a series: a scheduler's lr holds from one step to the next, so the
/// honest picture of a per-epoch trace is a value held until the next point, then a vertical edge.
enum Staircase {
    /// Whether `series` is drawn as steps under `drawing`: always, never, or (auto) when it is
    /// piecewise constant — at least half of its neighbouring finite points are equal (StepLR,
    /// MultiStepLR, ConstantLR, ReduceLROnPlateau, a lambda with `//`); smooth curves keep lines.
    static func drawsSteps(_ points: [Point], drawing: LineDrawing) -> Bool {
        switch drawing {
        case .steps: return true
        case .lines: return false
        case .auto:
            var pairs = 0, equal = 0
            for (p, q) in zip(points, points.dropFirst()) where p.y.isFinite && q.y.isFinite {
                pairs += 1
                if p.y == q.y { equal += 1 }
            }
            return pairs > 0 && equal * 2 >= pairs
        }
    }

    /// `points` with a corner (next x, this y) before every change of value; gaps (non-finite
    /// points) stay gaps.
    static func steps(_ points: [Point]) -> [Point] {
        var out: [Point] = []
        out.reserveCapacity(points.count * 2)
        for (i, p) in points.enumerated() {
            if i > 0 {
                let previous = points[i - 1]
                if previous.y.isFinite && p.y.isFinite && previous.y != p.y { out.append(Point(p.x, previous.y)) }
            }
            out.append(p)
        }
        return out
    }
}
