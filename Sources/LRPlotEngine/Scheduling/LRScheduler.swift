/// The base class of every schedule, shaped like PyTorch's `torch.optim.lr_scheduler.LRScheduler`.
///
/// Construction follows `LRScheduler.__init__`: each group's `initial_lr` is set with `setdefault`
/// semantics, `base_lrs` copies them, and the constructor performs the initial step (`last_epoch`
/// becomes 0). `step()` increments `last_epoch`, asks `lr(forGroup:)` for each group's new value and
/// writes it into the optimizer, so composites and chained schedulers compose as in PyTorch.
///
/// Subclasses override ``lr(forGroup:)`` (PyTorch's `get_lr`, per group) and may consult
/// ``isInitial`` and ``stepCount`` exactly where PyTorch's `get_lr` does.
open class LRScheduler {
    /// The optimizer whose param groups this scheduler mutates.
    public let optimizer: Adam
    /// `base_lrs`: each group's `initial_lr` at construction.
    public internal(set) var baseLRs: [Double]
    /// `last_epoch`: the number of steps taken, 0 after construction.
    public internal(set) var lastEpoch: Int
    /// `_step_count`: 1 after construction, incremented by every `step()`.
    public internal(set) var stepCount: Int = 0
    /// `_is_initial`: true only during the constructor's step.
    public internal(set) var isInitial = false
    /// Receives the lr written to each group (`print_lr` of PyTorch ≤ 2.1); nil when not verbose.
    public var observer: (any LRObserver)?

    /// Registers with `optimizer` as `LRScheduler.__init__(optimizer, last_epoch=-1)` does, without
    /// taking the initial step; concrete schedulers call ``performInitialStep()`` at the end of
    /// their initializer, mirroring PyTorch's constructor order.
    public init(optimizer: Adam, observer: (any LRObserver)? = nil) {
        self.optimizer = optimizer
        for g in optimizer.groups.indices where optimizer.groups[g].initialLR == nil {
            optimizer.groups[g].initialLR = optimizer.groups[g].lr
        }
        baseLRs = optimizer.groups.map { $0.initialLR ?? $0.lr }
        lastEpoch = -1
        self.observer = observer
    }

    /// `_initial_step()`: resets the step count and steps once in initial mode.
    public func performInitialStep() throws(ScheduleError) {
        stepCount = 0
        isInitial = true
        defer { isInitial = false }
        try step()
    }

    /// `step()`: advances `last_epoch` and writes the new lr of every group.
    open func step() throws(ScheduleError) {
        stepCount += 1
        lastEpoch += 1
        try writeLRs()
    }

    /// Computes every group's new lr, then writes them, as `_update_lr` does.
    func writeLRs() throws(ScheduleError) {
        let count = optimizer.groups.count
        if count == 1 {
            let value = try lr(forGroup: 0)
            optimizer.groups[0].lr = value
            observer?.adjusted(group: 0, to: value)
            return
        }
        var values = [Double](repeating: 0, count: count)
        for g in 0..<count { values[g] = try lr(forGroup: g) }
        for g in 0..<count {
            optimizer.groups[g].lr = values[g]
            observer?.adjusted(group: g, to: values[g])
        }
    }

    /// PyTorch's `get_lr()` for one group, evaluated after `last_epoch` was incremented.
    open func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        throw ScheduleError(parameter: nil, message: "\(type(of: self)) does not implement get_lr")
    }

    /// The current `group["lr"]` of `group`.
    public func currentLR(_ group: Int) -> Double { optimizer.groups[group].lr }
}

/// Receives every lr a scheduler writes; the verbose printer implements it.
public protocol LRObserver: AnyObject {
    /// Called after `group`'s lr was set to `lr`.
    func adjusted(group: Int, to lr: Double)
}
