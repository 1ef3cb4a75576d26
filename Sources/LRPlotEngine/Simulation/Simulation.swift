/// The toy Adam optimizer's settings shared by all groups (`--betas`, `--adam-eps`, …).
public struct AdamSettings: Sendable, Equatable {
    /// `(beta1, beta2)`.
    public var betas: (Double, Double) = (0.9, 0.999)
    /// `eps`.
    public var eps: Double = 1e-8
    /// `weight_decay`.
    public var weightDecay: Double = 0
    /// `amsgrad`.
    public var amsgrad = false
    /// The square root of Adam's denominator. By default MKL's AVX-512 kernel, which torch's PyPI
    /// wheels use on AVX-512 x86-64 servers: fixed, so identical inputs give identical files on any
    /// machine (`--sqrt native` follows the CPU lrplot runs on instead).
    public var squareRoot = SquareRootKernel.mklAVX512

    /// Adam's defaults.
    public init() {}

    public static func == (a: AdamSettings, b: AdamSettings) -> Bool {
        a.betas == b.betas && a.eps == b.eps && a.weightDecay == b.weightDecay && a.amsgrad == b.amsgrad
            && a.squareRoot == b.squareRoot
    }
}

/// Contract section 4: a schedule driving a toy Adam on Rosenbrock's function, row by row.
public struct Simulation: Sendable {
    /// The schedule to simulate.
    public var arguments: ScheduleArguments
    /// Base lr of each param group (`--lr`).
    public var lrs: [Double]
    /// Scheduler steps to simulate (`--epochs`).
    public var epochs: Int
    /// The toy optimizer's settings.
    public var adam: AdamSettings
    /// The metric fed to `ReduceLROnPlateau` at each epoch (at least `epochs` values); nil = the toy loss.
    public var metrics: [Double]?
    /// The param groups to start from, when a source fixed more than their lrs (a Python snippet's
    /// optimizer: per-group betas and weight decay, AdamW, an `initial_lr` an earlier scheduler set).
    public var startGroups: [ParamGroup]?

    /// A simulation of `arguments` over `epochs` steps with one group per value of `lrs`.
    public init(arguments: ScheduleArguments, lrs: [Double], epochs: Int, adam: AdamSettings = AdamSettings(), metrics: [Double]? = nil) {
        self.arguments = arguments
        self.lrs = lrs
        self.epochs = epochs
        self.adam = adam
        self.metrics = metrics
    }

    /// Optimizer updates per scheduler step: 1 steps the scheduler after every row; `K` steps it
    /// after every `K`-th row, as a trainer steps a per-epoch scheduler (``HeldScheduler``).
    public var updatesPerStep = 1

    /// The scheduler of `arguments` built in `context`, stepped every ``updatesPerStep`` rows.
    func makeScheduler(_ context: BuildContext) throws(ScheduleError) -> LRScheduler {
        guard updatesPerStep > 1 else { return try arguments.definition.build(arguments, context) }
        // The wrapped scheduler takes one step per `updatesPerStep` rows.
        let steps = context.stepsAfterConstruction.map { $0 / updatesPerStep }
        let held = BuildContext(optimizer: context.optimizer, epochs: context.epochs / updatesPerStep, observer: context.observer, stepsAfterConstruction: steps)
        return HeldScheduler(try arguments.definition.build(arguments, held), every: updatesPerStep)
    }

    /// Runs shorter than this step row by row on one thread (starting a thread costs more than it
    /// saves). Tests lower it to check that every path gives the same rows.
    public var pipelineThreshold = 50_000

    /// Trains the toy Adam even when no sink reads the loss (benchmarks against programs that
    /// train it); the rows are the same.
    public var trainsWithoutLossReader = false

    /// Builds the optimizer and scheduler, then streams `epochs` rows into `sinks`.
    ///
    /// A long run of a schedule that does not read the loss (every one but plateau) runs on a
    /// second thread against a shadow optimizer, one chunk ahead of the training loop
    /// (``ScheduleStream``); the rows are the same as stepping both in turn. When no sink reads
    /// the loss either (a chart without a loss panel), nothing is trained and the schedule records
    /// its rows in blocks on this thread. Verbose runs stay serial so that messages stop exactly
    /// where a failing run stops.
    /// - Parameter observer: receives every lr the scheduler writes (verbose output).
    public func run(into sinks: [any TraceSink], observer: (any LRObserver)? = nil) throws(SimulationError) {
        let optimizer = makeOptimizer()
        let inBlocks = epochs >= pipelineThreshold && observer == nil && !arguments.definition.usesMetrics
        if inBlocks && !trainsWithoutLossReader && !sinks.contains(where: \.readsLoss) {
            // Nothing reads the loss: no training, so no second thread (the rows' sinks are cheap
            // next to the schedule); the schedule records its rows in blocks.
            let context = BuildContext(optimizer: optimizer, epochs: epochs, stepsAfterConstruction: epochs)
            let scheduler: LRScheduler
            do { scheduler = try makeScheduler(context) } catch { throw .schedule(error) }
            var chunk = try begin(sinks)
            try record(scheduler, chunk: &chunk, sinks: sinks)
            return try finish(sinks)
        }
        if inBlocks {
            let simulation = self
            let stream = ScheduleStream(groups: lrs.count, epochs: epochs) { () throws(ScheduleError) in
                let shadow = simulation.makeOptimizer()
                let context = BuildContext(optimizer: shadow, epochs: simulation.epochs, stepsAfterConstruction: simulation.epochs)
                return (try simulation.makeScheduler(context), shadow)
            }
            let started: Bool
            do { started = try stream.start() } catch { throw .schedule(error) }
            if started {
                // A constructor may set beta2 (DeepSpeed's OneCycle): the trained optimizer takes it from the shadow.
                for g in optimizer.groups.indices where g < stream.beta2s.count { optimizer.groups[g].betas.1 = stream.beta2s[g] }
                var chunk = try begin(sinks)
                try train(optimizer, from: stream, chunk: &chunk, sinks: sinks)
                return try finish(sinks)
            }
        }
        let context = BuildContext(optimizer: optimizer, epochs: epochs, observer: observer, stepsAfterConstruction: epochs)
        let scheduler: LRScheduler
        do { scheduler = try makeScheduler(context) } catch { throw .schedule(error) }
        var chunk = try begin(sinks)
        try train(optimizer, steppedBy: scheduler, chunk: &chunk, sinks: sinks)
        try finish(sinks)
    }

    private func begin(_ sinks: [any TraceSink]) throws(SimulationError) -> TraceChunk {
        do {
            for sink in sinks { try sink.begin(groups: lrs.count) }
        } catch { throw .output(error) }
        return TraceChunk(groups: lrs.count)
    }

    /// Hands the rows collected in `chunk` to the sinks and empties it.
    private func flush(_ chunk: inout TraceChunk, to sinks: [any TraceSink]) throws(SimulationError) {
        guard chunk.count > 0 else { return }
        do {
            for sink in sinks { try sink.consume(chunk) }
        } catch { throw .output(error) }
        chunk.firstEpoch += chunk.count
        chunk.count = 0
    }

    private func finish(_ sinks: [any TraceSink]) throws(SimulationError) {
        do {
            for sink in sinks { try sink.finish() }
        } catch { throw .output(error) }
    }

    /// A fresh toy optimizer: one group per lr, each at Rosenbrock's start.
    func makeOptimizer() -> Adam {
        if let startGroups, startGroups.count == lrs.count {
            return Adam(groups: zip(startGroups, lrs).map { group, lr in
                var g = group
                g.parameter = Rosenbrock.start
                g.lr = lr
                return g
            }, squareRoot: adam.squareRoot)
        }
        return Adam(groups: lrs.map {
            ParamGroup(parameter: Rosenbrock.start, lr: $0, betas: adam.betas, eps: adam.eps,
                       weightDecay: adam.weightDecay, amsgrad: adam.amsgrad)
        }, squareRoot: adam.squareRoot)
    }

    /// One training step and its row: Adam steps, then the row (lr and beta1 as used, and the loss)
    /// is added to `chunk`, which goes to the sinks whenever it is full.
    @inline(__always)
    private func trainStep(_ optimizer: Adam, chunk: inout TraceChunk, sinks: [any TraceSink]) throws(SimulationError) -> Double {
        let loss: Double
        do { loss = try optimizer.stepOnRosenbrock() } catch {
            try flush(&chunk, to: sinks)
            throw .schedule(error)
        }
        let row = chunk.count, groups = chunk.groups
        chunk.losses[row] = loss
        for g in 0..<groups {
            chunk.lrs[row * groups + g] = optimizer.groups[g].lr
            chunk.beta1s[row * groups + g] = optimizer.groups[g].betas.0
        }
        chunk.count += 1
        if chunk.isFull { try flush(&chunk, to: sinks) }
        return loss
    }

    /// The serial loop (contract section 4): train, record, step the scheduler (plateau with the metric).
    private func train(_ optimizer: Adam, steppedBy scheduler: LRScheduler, chunk: inout TraceChunk,
                       sinks: [any TraceSink]) throws(SimulationError) {
        let needsMetric = scheduler.needsMetric
        for e in 0..<epochs {
            let loss = try trainStep(optimizer, chunk: &chunk, sinks: sinks)
            do {
                if needsMetric {
                    try scheduler.step(metric: metrics.map { e < $0.count ? $0[e] : loss } ?? loss)
                } else {
                    try scheduler.step()
                }
            } catch {
                try flush(&chunk, to: sinks)
                throw .schedule(error)
            }
        }
        try flush(&chunk, to: sinks)
    }

    /// The loop of a run whose loss nobody reads (not the schedule, not a sink): the schedule
    /// records each chunk's rows in one call (``LRScheduler/record(rows:groups:lrs:beta1s:)``), the
    /// toy Adam is not run, and each chunk stops where training would have stopped it (a bias
    /// correction of 0, ``Adam/stepsBeforeFailure(_:groups:beta1s:stepsTaken:)``). The loss column
    /// is NaN. The same rows and the same error as the serial loop.
    private func record(_ scheduler: LRScheduler, chunk: inout TraceChunk, sinks: [any TraceSink]) throws(SimulationError) {
        let groups = lrs.count
        // The sinks read the chunk without changing it: its loss column stays NaN from here on.
        chunk.losses.withUnsafeMutableBufferPointer { $0.update(repeating: .nan) }
        var e = 0
        while e < epochs {
            let rows = Swift.min(TraceChunk.capacity, epochs - e)
            let (recorded, scheduleError) = chunk.lrs.withUnsafeMutableBufferPointer { lrs in
                chunk.beta1s.withUnsafeMutableBufferPointer { beta1s in
                    // A chunk holds TraceChunk.capacity rows of every group; rows ≤ that.
                    guard let l = lrs.baseAddress, let b = beta1s.baseAddress else { return (0, nil as ScheduleError?) }
                    return scheduler.record(rows: rows, groups: groups, lrs: l, beta1s: b)
                }
            }
            // record's contract: at least one row, or the error that stopped it.
            precondition(recorded > 0 || scheduleError != nil, "a schedule recorded no row")
            let (done, adamError) = chunk.beta1s.withUnsafeBufferPointer { beta1s in
                Adam.stepsBeforeFailure(recorded, groups: groups, beta1s: beta1s, stepsTaken: e)
            }
            chunk.count = done
            e += done
            try flush(&chunk, to: sinks)
            if let adamError { throw .schedule(adamError) }
            if let scheduleError { throw .schedule(scheduleError) }
        }
    }

    /// The pipelined loop: the schedule thread's blocks of lr and beta1 become the rows' values,
    /// and Adam runs through each block in one call (``Adam/train(steps:lrs:beta1s:losses:)``).
    private func train(_ optimizer: Adam, from stream: ScheduleStream, chunk: inout TraceChunk, sinks: [any TraceSink]) throws(SimulationError) {
        var e = 0
        do throws(SimulationError) {
            while e < epochs {
                let slot = stream.nextFilled()
                try flush(&chunk, to: sinks)
                let count = slot.count
                // The slot's columns become the chunk's (same capacity), and the chunk's previous
                // storage goes back to be refilled: no copy per row and group.
                swap(&chunk.lrs, &slot.lrs)
                swap(&chunk.beta1s, &slot.beta1s)
                let (done, failure) = chunk.lrs.withUnsafeBufferPointer { lrs in
                    chunk.beta1s.withUnsafeBufferPointer { beta1s in
                        chunk.losses.withUnsafeMutableBufferPointer { losses in
                            optimizer.train(steps: count, lrs: lrs, beta1s: beta1s, losses: losses)
                        }
                    }
                }
                chunk.count = done
                e += done
                try flush(&chunk, to: sinks)
                if let failure { throw .schedule(failure) }
                if let error = slot.error { throw .schedule(error) }
                stream.release()
            }
        } catch {
            stream.cancel()
            stream.join()
            throw error
        }
        stream.join()
    }
}

/// Why a simulation stopped: the schedule failed (usage, exit 2) or output failed (exit 1).
public enum SimulationError: Error, Sendable {
    case schedule(ScheduleError)
    case output(OutputError)
}
