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

    /// Adam's defaults.
    public init() {}

    public static func == (a: AdamSettings, b: AdamSettings) -> Bool {
        a.betas == b.betas && a.eps == b.eps && a.weightDecay == b.weightDecay && a.amsgrad == b.amsgrad
    }
}

/// Contract section 4: a schedule driving a toy Adam on Rosenbrock's function, row by row.
public struct Simulation {
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

    /// A simulation of `arguments` over `epochs` steps with one group per value of `lrs`.
    public init(arguments: ScheduleArguments, lrs: [Double], epochs: Int, adam: AdamSettings = AdamSettings(), metrics: [Double]? = nil) {
        self.arguments = arguments
        self.lrs = lrs
        self.epochs = epochs
        self.adam = adam
        self.metrics = metrics
    }

    /// Builds the optimizer and scheduler, then streams `epochs` rows into `sinks`.
    /// - Parameter observer: receives every lr the scheduler writes (verbose output).
    public func run(into sinks: [any TraceSink], observer: (any LRObserver)? = nil) throws(SimulationError) {
        let groups = lrs.map {
            ParamGroup(parameter: Tensor(Rosenbrock.start), lr: $0, betas: adam.betas, eps: adam.eps,
                       weightDecay: adam.weightDecay, amsgrad: adam.amsgrad)
        }
        let optimizer = Adam(groups: groups)
        let context = BuildContext(optimizer: optimizer, epochs: epochs, observer: observer, stepsAfterConstruction: epochs)
        let scheduler: LRScheduler
        do { scheduler = try arguments.definition.build(arguments, context) } catch { throw .schedule(error) }
        do {
            for sink in sinks { try sink.begin(groups: groups.count) }
        } catch { throw .output(error) }
        var row = TraceRow(epoch: 0, lrs: lrs, beta1s: lrs, loss: 0)
        for e in 0..<epochs {
            // `zero_grad()` then backward: assigning each group's fresh gradient replaces the old one.
            var loss = 0.0
            for g in optimizer.groups.indices {
                let p = optimizer.groups[g].parameter
                loss += Rosenbrock.value(p)
                optimizer.gradients[g] = Rosenbrock.gradient(p)
            }
            do { try optimizer.step() } catch { throw .schedule(error) }
            row.epoch = e
            row.loss = loss
            for g in optimizer.groups.indices {
                row.lrs[g] = optimizer.groups[g].lr
                row.beta1s[g] = optimizer.groups[g].betas.0
            }
            do {
                for sink in sinks { try sink.consume(row) }
            } catch { throw .output(error) }
            do {
                if scheduler.needsMetric {
                    try scheduler.step(metric: metrics.map { e < $0.count ? $0[e] : loss } ?? loss)
                } else {
                    try scheduler.step()
                }
            } catch { throw .schedule(error) }
        }
        do {
            for sink in sinks { try sink.finish() }
        } catch { throw .output(error) }
    }
}

/// Why a simulation stopped: the schedule failed (usage, exit 2) or output failed (exit 1).
public enum SimulationError: Error, Sendable {
    case schedule(ScheduleError)
    case output(OutputError)
}
