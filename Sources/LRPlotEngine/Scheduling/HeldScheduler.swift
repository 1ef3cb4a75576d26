/// A scheduler stepped once every `every` optimizer updates, as a trainer steps a per-epoch
/// scheduler (timm's `train.py` without `--sched-on-updates`: `step(epoch + 1)` after each epoch's
/// last update): the rows are optimizer updates, and each epoch's lr holds for its `every` updates.
/// It only counts; the wrapped scheduler computes and writes every lr.
public final class HeldScheduler: LRScheduler {
    /// The scheduler stepped at the end of each epoch.
    public let inner: LRScheduler
    /// Optimizer updates per scheduler step.
    public let every: Int
    private var updates = 0

    /// Steps `inner` after every `every`-th update (`every` ≥ 1).
    public init(_ inner: LRScheduler, every: Int) {
        self.inner = inner
        self.every = max(1, every)
        super.init(attachingTo: inner.optimizer, lastEpoch: 0)
    }

    override public func step() throws(ScheduleError) {
        updates += 1
        if updates % every == 0 { try inner.step() }
    }

    override public func step(metric: Double) throws(ScheduleError) {
        updates += 1
        if updates % every == 0 { try inner.step(metric: metric) }
    }

    override public var needsMetric: Bool { inner.needsMetric }
    override public var children: [LRScheduler] { [inner] }
}
