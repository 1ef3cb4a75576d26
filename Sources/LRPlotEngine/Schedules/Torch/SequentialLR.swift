/// `torch.optim.lr_scheduler.SequentialLR`: hands the optimizer from one child scheduler to the
/// next at each milestone. At a milestone the next child restarts at its epoch 0 (its closed form,
/// from `initial_lr`), exactly as PyTorch 2.15's `_update_lr(0)` does.
public final class SequentialLR: LRScheduler {
    let schedulers: [LRScheduler]
    let milestones: [Int]

    /// Constructs the composite from already-built children, as PyTorch's constructor does: resets
    /// every group's lr to its `initial_lr`, undoes the children's initial steps, and re-runs the
    /// initial step of the child active at epoch 0.
    public init(optimizer: Adam, schedulers: [LRScheduler], milestones: [Int], observer: (any LRObserver)? = nil) throws(ScheduleError) {
        try CompositeRules.validate(schedulers, className: "SequentialLR")
        guard milestones.count == schedulers.count - 1 else {
            throw ScheduleError(parameter: "milestones",
                                message: "Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers \(schedulers.count) and the number of milestones to be equal to \(milestones.count)")
        }
        self.schedulers = schedulers
        self.milestones = milestones
        super.init(attachingTo: optimizer, lastEpoch: 0, observer: observer)
        for g in optimizer.groups.indices {
            optimizer.groups[g].lr = optimizer.groups[g].initialLR ?? optimizer.groups[g].lr
        }
        CompositeRules.undoInitialSteps(of: self)
        try schedulers[PyMath.bisectRight(milestones, 0)].performInitialStep()
        reportLRs()
    }

    override public var children: [LRScheduler] { schedulers }

    override public func step() throws(ScheduleError) {
        lastEpoch += 1
        let index = PyMath.bisectRight(milestones, lastEpoch)
        let scheduler = schedulers[index]
        if index > 0 && milestones[index - 1] == lastEpoch {
            try scheduler.updateLR(epoch: 0)
        } else {
            try scheduler.step()
        }
        reportLRs()
    }
}

/// Rules shared by the composites.
enum CompositeRules {
    /// PyTorch's checks on a composite's children (count, no ReduceLROnPlateau).
    static func validate(_ schedulers: [LRScheduler], className: String) throws(ScheduleError) {
        guard !schedulers.isEmpty else {
            throw ScheduleError(parameter: nil, message: className == "SequentialLR"
                ? "SequentialLR expects at least one scheduler, but got no scheduler. (Give children after '--'.)"
                : "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler. (Give children after '--'.)")
        }
        for (index, scheduler) in schedulers.enumerated() where scheduler is TimmScheduler {
            throw ScheduleError(parameter: nil,
                                message: "\(className): the child at index \(index) is a timm scheduler, which is not a torch LRScheduler (timm schedulers are stepped with an epoch and cannot be composed)")
        }
        for (index, scheduler) in schedulers.enumerated() where scheduler.needsMetric {
            throw ScheduleError(parameter: nil,
                                message: "\(className) does not support `ReduceLROnPlateau` scheduler as it requires additional kwargs to be specified when calling `step`, but got one at index \(index) in the given schedulers sequence.")
        }
    }

    /// `SequentialLR.recursive_undo`: every leaf below `scheduler` goes back one epoch.
    static func undoInitialSteps(of scheduler: LRScheduler) {
        let children = scheduler.children
        if children.isEmpty {
            scheduler.lastEpoch -= 1
        } else {
            for child in children { undoInitialSteps(of: child) }
        }
    }
}

extension SequentialLR {
    /// `milestones`.
    static let milestones = Parameter("milestones", IntegerListType(), default: [], doc: "Epochs at which the next child takes over (one fewer than the children).")
}

extension ScheduleDefinition {
    /// `sequential` — SequentialLR.
    public static let sequential = ScheduleDefinition(
        name: "sequential", pythonClass: "SequentialLR",
        summary: "Run child schedules one after another, switching at the milestones.",
        formula: "child k drives epochs [milestones[k-1], milestones[k]), restarting at its own epoch 0",
        parameters: [SequentialLR.milestones],
        example: "sequential --milestones 5 -- linear --start-factor 0.1 --total-iters 5 -- cosine --t-max 95",
        kind: .composite(schedulersPosition: 0),
        markers: { args, epochs in
            // Each child's own markers, shifted to where it starts, inside its span; a switch at each milestone.
            let milestones = args[SequentialLR.milestones]
            var marks: [ScheduleMarker] = []
            for (index, child) in args.children.enumerated() {
                let start = index == 0 ? 0 : (index - 1 < milestones.count ? milestones[index - 1] : epochs)
                let end = index < milestones.count ? milestones[index] : epochs
                guard start < end else { continue }
                if index > 0 && start > 0 && start < epochs { marks.append(ScheduleMarker(Double(start), "→ \(child.definition.displayName)")) }
                for mark in child.definition.markers(child, end - start) {
                    marks.append(ScheduleMarker(mark.epoch + Double(start), mark.label))
                }
            }
            return marks
        },
        validate: { args throws(ScheduleError) in
            let milestones = args[SequentialLR.milestones], children = args.children.count
            guard milestones.count == children - 1 else {
                throw ScheduleError(parameter: "milestones", message: "\(milestones.count) milestone\(milestones.count == 1 ? "" : "s") for \(children) child schedule\(children == 1 ? "" : "s"); expected one fewer milestones than children (PyTorch: Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers \(children) and the number of milestones to be equal to \(milestones.count))")
            }
        },
        build: { args, context throws(ScheduleError) in
            var schedulers: [LRScheduler] = []
            for child in args.children {
                schedulers.append(try child.definition.build(child, context.child(steps: nil)))
            }
            let milestones = args[SequentialLR.milestones]
            // PyTorch 2.15 raises NotImplementedError when a milestone reaches a nested composite.
            if let steps = context.stepsAfterConstruction, milestones.count == schedulers.count - 1 {
                for epoch in Set(milestones).sorted() where epoch >= 1 && epoch <= steps {
                    let index = PyMath.bisectRight(milestones, epoch)
                    guard index > 0, milestones[index - 1] == epoch, !schedulers[index].children.isEmpty else { continue }
                    throw ScheduleError(parameter: "milestones",
                                        message: "child \(index + 1) is a composite; PyTorch 2.15 cannot switch to a nested SequentialLR or ChainedScheduler at a milestone (it raises NotImplementedError). Put the nested composite first, or flatten it")
                }
            }
            return try SequentialLR(optimizer: context.optimizer, schedulers: schedulers, milestones: milestones, observer: context.observer)
        }
    )
}
