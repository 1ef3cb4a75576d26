/// `torch.optim.lr_scheduler.ChainedScheduler`: steps every child, in order, on the shared lr, so
/// chainable children multiply and absolute ones overwrite what came before them.
public final class ChainedScheduler: LRScheduler {
    let schedulers: [LRScheduler]

    /// Chains already-built children (their constructors have applied their epoch-0 effects).
    public init(optimizer: Adam, schedulers: [LRScheduler], observer: (any LRObserver)? = nil) throws(ScheduleError) {
        try CompositeRules.validate(schedulers, className: "ChainedScheduler")
        self.schedulers = schedulers
        super.init(attachingTo: optimizer, lastEpoch: 0, observer: observer)
        reportLRs()
    }

    override public var children: [LRScheduler] { schedulers }

    override public func step() throws(ScheduleError) {
        for scheduler in schedulers { try scheduler.step() }
        reportLRs()
    }
}

extension ScheduleDefinition {
    /// `chained` — ChainedScheduler.
    public static let chained = ScheduleDefinition(
        name: "chained", pythonClass: "ChainedScheduler",
        summary: "Step every child schedule at every epoch, composing their effects on the lr.",
        formula: "each step: child_1.step(); child_2.step(); … on the shared lr",
        parameters: [],
        example: "chained -- constant --factor 0.5 --total-iters 10 -- exponential --gamma 0.95",
        kind: .composite(schedulersPosition: 0),
        optimizerPosition: 1,
        markers: { args, epochs in
            args.children.flatMap { $0.definition.markers($0, epochs) }
        },
        build: { args, context throws(ScheduleError) in
            var schedulers: [LRScheduler] = []
            for child in args.children {
                schedulers.append(try child.definition.build(child, context.child(steps: context.stepsAfterConstruction)))
            }
            return try ChainedScheduler(optimizer: context.optimizer, schedulers: schedulers, observer: context.observer)
        }
    )
}
