import Foundation

/// The trainer arguments of `ultralytics.yolo`, named as in Ultralytics' `default.yaml`.
enum YOLOKeys {
    static let trainEpochs = Parameter("train-epochs", python: "epochs", IntegerType(), default: 100, range: .atLeast(1),
                                       doc: "The trainer's epochs (default.yaml: epochs); --epochs counts the rows, optimizer updates.")
    static let nb = OptionalParameter("nb", IntegerType(), unset: "ceil(dataset_size / batch)", range: .atLeast(1),
                                      doc: "Batches per epoch, len(train_loader).")
    static let datasetSize = OptionalParameter("dataset-size", IntegerType(), range: .atLeast(1),
                                               doc: "Training images, len(train_loader.dataset) (for nb and optimizer=auto).")
    static let batch = Parameter("batch", IntegerType(), default: 16, range: .atLeast(1), doc: "Batch size.")
    static let nbs = Parameter("nbs", IntegerType(), default: 64, range: .atLeast(1),
                               doc: "Nominal batch size: the optimizer steps every round(nbs / batch) batches.")
    static let lrf = Parameter("lrf", RealType(), default: 0.01, doc: "Final lr as a fraction of lr0.")
    static let cosLR = Parameter("cos-lr", SwitchType(), default: false, doc: "Cosine epoch factor instead of linear.")
    static let warmupEpochs = Parameter("warmup-epochs", RealType(), default: 3.0, doc: "Warm-up length in epochs (fractions allowed; never the last epoch).")
    static let warmupMomentum = Parameter("warmup-momentum", RealType(), default: 0.8, doc: "Momentum at the warm-up's start (SGD-family groups).")
    static let warmupBiasLR = Parameter("warmup-bias-lr", RealType(), default: 0.1, doc: "The bias group's lr at the warm-up's start (0.0 under optimizer=auto).")
    static let momentum = Parameter("momentum", RealType(), default: 0.937, doc: "SGD momentum or Adam beta1.")
    static let optimizer = Parameter("optimizer", YOLOOptimizerType(), default: .auto,
                                     doc: "The optimizer; auto picks AdamW or MuSGD and its lr from nc and the iterations, ignoring lr0.")
    static let nc = OptionalParameter("nc", IntegerType(), range: .atLeast(1), doc: "Number of classes (for optimizer=auto's lr).")
    static let biasGroup = Parameter("bias-group", IntegerType(), default: 2,
                                     doc: "Which --lr group is the trainer's bias group (weight, bn, bias: 2); -1: none.")

    /// The trainer's derived numbers, or what it cannot derive.
    static func plan(_ args: ScheduleArguments) throws(ScheduleError) -> YOLOPlan {
        let epochs = args[trainEpochs], batch = args[YOLOKeys.batch]
        guard let nb = try batches(args) else {
            throw ScheduleError(parameter: "nb", message: "the trainer's batches per epoch are needed: give --nb (len(train_loader)) or --dataset-size")
        }
        var optimizer = args[YOLOKeys.optimizer]
        var lr: Double? = nil, groupMomentum = args[momentum], warmupBias = args[warmupBiasLR]
        if optimizer == .auto {
            let pick = try auto(args)
            optimizer = pick.optimizer
            lr = pick.lr
            groupMomentum = 0.9
            warmupBias = 0.0
        }
        let warmup = args[warmupEpochs]
        let epochsCap = Double(Swift.max(epochs - 1, 0))
        let w = epochsCap < warmup ? epochsCap : warmup
        let nw = warmup > 0 ? Int((w * Double(nb)).rounded(.toNearestOrEven)) : 0
        let (batches, overflow) = nb.multipliedReportingOverflow(by: epochs)
        guard !overflow else { throw ScheduleError(parameter: "nb", message: "nb * epochs is too large") }
        let nominal = Swift.max(Int((Double(args[nbs]) / Double(batch)).rounded(.toNearestOrEven)), 1)
        return YOLOPlan(nb: nb, epochs: epochs, nw: nw, acc0: Swift.min(nominal, batches), optimizer: optimizer, lr: lr,
                        groupMomentum: groupMomentum, momentumTarget: args[momentum], warmupBiasLR: warmupBias,
                        warmupMomentum: args[warmupMomentum], lrf: args[lrf], cosine: args[cosLR])
    }

    /// `nb`: given, or `ceil(dataset_size / batch)` (the train loader does not drop its last batch).
    static func batches(_ args: ScheduleArguments) throws(ScheduleError) -> Int? {
        if let nb = args[nb] { return nb }
        guard let size = args[datasetSize] else { return nil }
        let batch = args[YOLOKeys.batch]
        return (size + batch - 1) / batch
    }

    /// What `optimizer=auto` picks: `iterations = ceil(len(dataset) / max(batch, nbs)) * epochs`;
    /// above 10000 MuSGD at 0.01, else AdamW at `round(0.002 * 5 / (4 + nc), 6)`; momentum 0.9.
    static func auto(_ args: ScheduleArguments) throws(ScheduleError) -> (optimizer: YOLOOptimizer, lr: Double, iterations: Int) {
        guard let size = args[datasetSize], let classes = args[nc] else {
            throw ScheduleError(parameter: args[nc] == nil ? "nc" : "dataset-size",
                                message: "optimizer=auto ignores lr0 and picks the optimizer and lr from the number of classes and iterations: give --nc and --dataset-size (or an explicit --optimizer)")
        }
        let perEpoch = Swift.max(args[batch], args[nbs])
        let iterations = ((size + perEpoch - 1) / perEpoch).multipliedReportingOverflow(by: args[trainEpochs])
        guard !iterations.overflow else { throw ScheduleError(parameter: "dataset-size", message: "the iteration count is too large") }
        if iterations.partialValue > 10000 { return (.muSGD, 0.01, iterations.partialValue) }
        return (.adamW, pythonRound6(0.002 * 5 / Double(4 + classes)), iterations.partialValue)
    }

    /// Python's `round(x, 6)`: the double nearest to x's correctly rounded 6-decimal value.
    static func pythonRound6(_ x: Double) -> Double {
        Double(String(format: "%.6f", x)) ?? x
    }

    static func warnings(_ args: ScheduleArguments) -> [ScheduleError] {
        var warnings: [ScheduleError] = []
        if args[optimizer] == .auto, let pick = try? auto(args) {
            warnings.append(ScheduleError(parameter: "optimizer",
                                          message: "optimizer=auto ignores lr0 (--lr): \(pick.iterations) iterations pick \(pick.optimizer.rawValue)(lr=\(PyFormat.repr(pick.lr)), momentum=0.9), and warmup_bias_lr becomes 0.0"))
        }
        if let plan = try? plan(args), plan.optimizer == .muSGD {
            warnings.append(ScheduleError(parameter: "optimizer",
                                          message: "MuSGD splits each group into the head's parameters, at 3× the lr (\(plan.lr.map { PyFormat.repr(3 * $0) } ?? "3 × lr0")), and the rest, and moves matrices and filters into a muon group (scheduled like the weight group); the columns drawn are the weight, bn and bias groups at the lr"))
        }
        return warnings
    }
}

extension ScheduleDefinition {
    /// `ultralytics.yolo` — the YOLO trainer's schedule and warm-up.
    public static let ultralyticsYOLO = ScheduleDefinition(
        name: "ultralytics.yolo", pythonClass: nil, family: .ultralytics,
        summary: "The YOLO trainer: linear or cos_lr epoch factor (lrf), a per-batch warm-up toward a target that moves every epoch, the bias group from warmup_bias_lr.",
        formula: "initial_lr * lf(epoch); batch ni <= nw: interp(ni, [0, nw], [0 (bias: warmup_bias_lr), initial_lr * lf(epoch)]); a row per optimizer step",
        parameters: [YOLOKeys.trainEpochs, YOLOKeys.nb, YOLOKeys.datasetSize, YOLOKeys.batch, YOLOKeys.nbs, YOLOKeys.lrf, YOLOKeys.cosLR,
                     YOLOKeys.warmupEpochs, YOLOKeys.warmupMomentum, YOLOKeys.warmupBiasLR, YOLOKeys.momentum, YOLOKeys.optimizer, YOLOKeys.nc,
                     YOLOKeys.biasGroup],
        example: "ultralytics.yolo --optimizer SGD --train-epochs 10 --nb 40 --batch 16 --nbs 16 --lr 0.01,0.01,0.01 --epochs 400",
        markers: { args, epochs in
            guard let plan = try? YOLOKeys.plan(args), plan.nw > 0 else { return [] }
            let steps = plan.optimizerSteps(limit: epochs)
            guard let end = steps.firstIndex(where: { $0 > plan.nw }) else { return [] }
            return [ScheduleMarker(Double(end), "warm-up end")]
        },
        warnings: { args, _ in YOLOKeys.warnings(args) },
        build: { args, context throws(ScheduleError) in
            let plan = try YOLOKeys.plan(args)
            if let steps = context.stepsAfterConstruction {
                let available = plan.optimizerSteps(limit: steps).count
                if available < steps {
                    throw ScheduleError(parameter: "train-epochs",
                                        message: "the trainer makes \(available) optimizer updates in \(plan.epochs) epochs of \(plan.nb) batches (accumulating up to \(plan.acc0) batches per update), but the run asks for \(steps); give --epochs \(available)")
                }
            }
            let bias = args[YOLOKeys.biasGroup]
            return try UltralyticsYOLO(optimizer: context.optimizer, plan: plan, biasGroup: bias, observer: context.observer)
        }
    )
}

extension UltralyticsYOLO {
    /// The trainer's derived numbers for `ultralytics.yolo` arguments (batches per epoch, warm-up
    /// batches, accumulation, what `optimizer=auto` picked), or why they cannot be derived.
    public static func plan(for arguments: ScheduleArguments) throws(ScheduleError) -> YOLOPlan { try YOLOKeys.plan(arguments) }

    /// The `bias-group` argument.
    public static func biasGroup(of arguments: ScheduleArguments) -> Int { arguments[YOLOKeys.biasGroup] }
}

extension UltralyticsYOLO {
    /// The typed keys a config reader reads back from bound arguments.
    public static var optimizerKey: Parameter<YOLOOptimizerType> { YOLOKeys.optimizer }
    public static var batchKey: Parameter<IntegerType> { YOLOKeys.batch }
    public static var nbsKey: Parameter<IntegerType> { YOLOKeys.nbs }
    public static var cosKey: Parameter<SwitchType> { YOLOKeys.cosLR }
    public static var lrfKey: Parameter<RealType> { YOLOKeys.lrf }
}
