/// A float32 schedule of an absolute lr (Keras's `LearningRateSchedule`, an optax schedule): a pure
/// function of the 0-based update index, computed in float32 by the family's own operation order.
/// lrplot drives every param group with it, as Keras and optax drive every parameter with one lr:
/// the value is the lr of every group (`--lr` does not scale it), widened to Double.
public final class Float32Scheduler: LRScheduler {
    /// The schedule: the float32 value used by update `u`.
    public let value: @Sendable (Int) -> Float

    /// Attaches to `optimizer` and writes `value(0)` into every group (the value of the first update).
    public init(optimizer: Adam, value: @escaping @Sendable (Int) -> Float, observer: (any LRObserver)? = nil) throws(ScheduleError) {
        self.value = value
        super.init(optimizer: optimizer, observer: observer)
        try performInitialStep()
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        Double(value(lastEpoch))
    }
}

/// Float32 helpers shared by the float32 families.
public enum Float32Ops {
    /// `f32(x)`: a Python float (double) rounded to float32, as numpy and jax round a weak scalar.
    @inline(__always) public static func f32(_ x: Double) -> Float { Float(x) }

    /// π rounded to nearest float32 (`np.array(math.pi, float32)`; Swift's `Float.pi` rounds toward zero).
    public static let pi = Float(Double.pi)
}
