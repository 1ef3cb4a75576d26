/// The `param_scheduler` list of an MMEngine runner as its `ParamSchedulerHook` steps it: the
/// schedulers are constructed in list order (each constructor steps once), and after every
/// training iteration every `by_epoch=False` scheduler steps, in list order; after the last
/// iteration of each epoch every `by_epoch=True` one steps. Several schedulers of one parameter
/// compose on the current value. One lrplot step is one training iteration.
public final class MMEngineSchedulerList: LRScheduler {
    let schedulers: [MMEngineParamScheduler]
    let epochLength: Int
    let epochBased: Bool
    private var iteration = 0

    /// Builds every scheduler of `entries` (arguments of `mmengine.*` leaves) against `optimizer`,
    /// with `epochLength` as the runner's `epoch_length` default and epoch length.
    init(optimizer: Adam, entries: [ScheduleArguments], epochLength: Int, epochBased: Bool,
         observer: (any LRObserver)?) throws(ScheduleError) {
        let state = MMEngineGroupState(groups: optimizer.groups.count)
        var built: [MMEngineParamScheduler] = []
        for entry in entries {
            built.append(try MMEngineSchedules.make(entry, optimizer: optimizer, state: state, epochLength: epochLength))
        }
        schedulers = built
        self.epochLength = epochLength
        self.epochBased = epochBased
        super.init(attachingTo: optimizer, lastEpoch: 0, observer: observer)
        reportLRs()
    }

    /// One training iteration's `after_train_iter`, then `after_train_epoch` when the epoch ends.
    override public func step() throws(ScheduleError) {
        iteration += 1
        for scheduler in schedulers where !scheduler.byEpoch { try scheduler.step() }
        if epochBased && iteration % epochLength == 0 {
            for scheduler in schedulers where scheduler.byEpoch { try scheduler.step() }
        }
        lastEpoch += 1
        reportLRs()
    }
}

extension ScheduleDefinition {
    /// `mmengine.param-scheduler` — a runner's `param_scheduler` list.
    public static let mmengineParamScheduler = ScheduleDefinition(
        name: "mmengine.param-scheduler", aliases: ["mmengine.param_scheduler"], pythonClass: nil, family: .mmengine,
        summary: "An MMEngine param_scheduler list stepped as ParamSchedulerHook does (one row per iteration).",
        formula: "after each iteration: by_epoch=False schedulers step; after each epoch: by_epoch=True ones; values chain",
        parameters: [MMEngineKeys.listEpochLength, MMEngineKeys.listByEpoch],
        example: "mmengine.param-scheduler --epoch-length 4 -- mmengine.linear --start-factor 0.001 --no-by-epoch --end 10 -- mmengine.multistep --milestones 8,11 --end 12",
        kind: .composite(schedulersPosition: 0),
        optimizerPosition: 1,
        markers: { args, epochs in
            MMEngineSchedules.markers(args.children, epochLength: args[MMEngineKeys.listEpochLength], epochBased: args[MMEngineKeys.listByEpoch], runLength: epochs)
        },
        validate: { args throws(ScheduleError) in
            for (index, child) in args.children.enumerated() where child.definition.family != .mmengine || child.definition.isComposite {
                throw ScheduleError(parameter: nil, message: "mmengine.param-scheduler: child \(index + 1) is \(child.definition.name); a param_scheduler list holds MMEngine schedulers (mmengine.* or dict(type='LinearLR', …))")
            }
        },
        build: { args, context throws(ScheduleError) in
            try MMEngineSchedulerList(optimizer: context.optimizer, entries: args.children, epochLength: args[MMEngineKeys.listEpochLength],
                                      epochBased: args[MMEngineKeys.listByEpoch], observer: context.observer)
        }
    )
}
