/// The base class of every schedule, shaped like PyTorch's `torch.optim.lr_scheduler.LRScheduler`.
///
/// Construction follows `LRScheduler.__init__`: each group's `initial_lr` is set with `setdefault`
/// semantics, `base_lrs` copies them, and the constructor performs the initial step (`last_epoch`
/// becomes 0). `step()` increments `last_epoch`, asks `lr(forGroup:)` for each group's new value and
/// writes it into the optimizer, so composites and chained schedulers compose as in PyTorch.
///
/// Subclasses override ``lr(forGroup:)`` (PyTorch's `get_lr`, per group), may override
/// ``closedFormLR(forGroup:)`` (`_get_closed_form_lr`, used by `SequentialLR` at its milestones),
/// and consult ``isInitial`` and ``stepCount`` exactly where PyTorch's `get_lr` does.
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
    /// Only the outermost scheduler of a run has one: composites report after their own step.
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

    /// Attaches to `optimizer` without `LRScheduler.__init__`'s bookkeeping, as `SequentialLR`,
    /// `ChainedScheduler` and `ReduceLROnPlateau` do (no `initial_lr`, no initial step).
    public init(attachingTo optimizer: Adam, lastEpoch: Int, observer: (any LRObserver)? = nil) {
        self.optimizer = optimizer
        baseLRs = optimizer.groups.map(\.lr)
        self.lastEpoch = lastEpoch
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
        try writeLRs(closedForm: false)
    }

    /// Records up to `rows` rows and steps after each, as the pipelined simulation runs a schedule
    /// on its own thread: row `r` holds every group's lr and beta1 after `r` more steps
    /// (`lrs[r * groups + g]`, `beta1s[r * groups + g]`), and a step follows every row, the last
    /// one's included. Returns the rows recorded and the error of the step that raised after the
    /// last of them, if any (the rows stop there). A scheduler may override it to compute a whole
    /// block at once: the same values, the same error after the same row, and (for `rows` ≥ 1) at
    /// least one row unless an error stops it.
    /// - Precondition: `rows` ≥ 1; both buffers hold `rows * groups` values.
    open func record(rows: Int, groups: Int, lrs: UnsafeMutablePointer<Double>, beta1s: UnsafeMutablePointer<Double>) -> (rows: Int, error: ScheduleError?) {
        var row = 0
        while row < rows {
            optimizer.groups.withUnsafeBufferPointer { values in
                for g in 0..<Swift.min(groups, values.count) {
                    lrs[row &* groups &+ g] = values[g].lr
                    beta1s[row &* groups &+ g] = values[g].betas.0
                }
            }
            row += 1
            do throws(ScheduleError) { try step() } catch { return (row, error) }
        }
        return (row, nil)
    }

    /// `step(metrics)`: what the simulation calls every epoch. Only `ReduceLROnPlateau` reads the
    /// metric; every other scheduler takes a plain ``step()``.
    open func step(metric: Double) throws(ScheduleError) {
        try step()
    }

    /// `_update_lr(epoch)` with an explicit epoch, as `SequentialLR` calls it at a milestone:
    /// sets `last_epoch` and writes the closed form if the class has one, else `get_lr()`.
    /// `_step_count` is left alone, as in PyTorch.
    open func updateLR(epoch: Int) throws(ScheduleError) {
        lastEpoch = epoch
        try writeLRs(closedForm: hasClosedForm)
    }

    /// Whether the class defines `_get_closed_form_lr`.
    open var hasClosedForm: Bool { false }

    /// The child schedulers of a composite (`SequentialLR`, `ChainedScheduler`); empty for a leaf.
    open var children: [LRScheduler] { [] }

    /// Whether `step` needs a metric (`ReduceLROnPlateau`), which composites cannot pass on.
    open var needsMetric: Bool { false }

    /// Computes every group's new lr, then writes them, as `_update_lr` does.
    func writeLRs(closedForm: Bool) throws(ScheduleError) {
        let count = optimizer.groups.count
        if count == 1 {
            let value = closedForm ? try closedFormLR(forGroup: 0) : try lr(forGroup: 0)
            optimizer.groups[0].lr = value
            observer?.adjusted(group: 0, to: value)
            return
        }
        // Every lr is computed before any is written (a group's formula may read another's lr);
        // the scratch array is allocated once per scheduler, not once per step.
        if pendingLRs.count != count {
            pendingLRs.deallocate()
            pendingLRs = .allocate(capacity: count)
            pendingLRs.initialize(repeating: 0)
        }
        let values = pendingLRs
        try computeLRs(closedForm: closedForm, into: values)
        if let observer {
            for g in 0..<count {
                optimizer.groups[g].lr = values[g]
                observer.adjusted(group: g, to: values[g])
            }
            return
        }
        optimizer.setLRs(UnsafeBufferPointer(values))
    }

    /// Every group's new lr, in group order (PyTorch's `get_lr()` list, or `_get_closed_form_lr()`'s
    /// when `closedForm`), before any is written: one ``lr(forGroup:)`` (or ``closedFormLR(forGroup:)``)
    /// call per group. A scheduler may override it to compute all groups in one pass (same values,
    /// same order of any writes to the groups, same errors).
    /// - Precondition: `values` holds one element per param group.
    open func computeLRs(closedForm: Bool, into values: UnsafeMutableBufferPointer<Double>) throws(ScheduleError) {
        for g in values.indices { values[g] = closedForm ? try closedFormLR(forGroup: g) : try lr(forGroup: g) }
    }

    /// ``writeLRs(closedForm:)``'s values between computing and writing them (reused every step; a
    /// buffer of its own, so that a step neither allocates nor retains an array).
    private var pendingLRs = UnsafeMutableBufferPointer<Double>(start: nil, count: 0)

    deinit {
        pendingLRs.deallocate()
    }

    /// Reports every group's current lr to the observer (composites, after their step).
    func reportLRs() {
        guard let observer else { return }
        for g in optimizer.groups.indices { observer.adjusted(group: g, to: optimizer.groups[g].lr) }
    }

    /// PyTorch's `get_lr()` for one group, evaluated after `last_epoch` was incremented.
    open func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        throw ScheduleError(parameter: nil,
                            message: "\(type(of: self)) has no get_lr() (PyTorch 2.15 raises NotImplementedError here)")
    }

    /// PyTorch's `_get_closed_form_lr()` for one group; only called when ``hasClosedForm``.
    open func closedFormLR(forGroup group: Int) throws(ScheduleError) -> Double {
        try lr(forGroup: group)
    }

    /// The current `group["lr"]` of `group`.
    public func currentLR(_ group: Int) -> Double { optimizer.groups[group].lr }
}

/// Receives every lr a scheduler writes; the verbose printer implements it.
public protocol LRObserver: AnyObject {
    /// Called after `group`'s lr was set to `lr`.
    func adjusted(group: Int, to lr: Double)
    /// Called when `ReduceLROnPlateau` reduced `group`'s lr to `lr` at `epoch`.
    func reduced(group: Int, to lr: Double, epoch: Int)
}
