/// DeepSpeed's `LRRangeTest`: the lr grows from `lr_range_test_min_lr` by `step_rate` times the
/// number of `step_size` intervals passed (continuously, or in stairs).
public final class DeepSpeedLRRangeTest: DeepSpeedScheduler {
    let minLRs: [Double]
    let stepSize: Int
    let stepRate: Double
    let staircase: Bool

    init(optimizer: Adam, minLRs: [Double], stepSize: Int, stepRate: Double, staircase: Bool, observer: (any LRObserver)?) throws(ScheduleError) {
        guard stepSize > 0 else {
            throw ScheduleError(parameter: "lr-range-test-step-size", message: "lr_range_test_step_size must be a positive integer, got \(stepSize)")
        }
        self.minLRs = minLRs
        self.stepSize = stepSize
        self.stepRate = stepRate
        self.staircase = staircase
        super.init(attachingTo: optimizer, observer: observer)
        for g in optimizer.groups.indices { optimizer.groups[g].lr = minLRs[g] }
        reportLRs()
    }

    override public func lr(forGroup group: Int) throws(ScheduleError) -> Double {
        var interval = Double(iteration + 1) / Double(stepSize)
        if staircase { interval = interval.rounded(.down) }
        return minLRs[group] * (1 + stepRate * interval)
    }
}

extension DeepSpeedLRRangeTest {
    static let minLR = Parameter("lr-range-test-min-lr", PerGroupRealType(), default: [1e-3], doc: "The starting lr, per param group.")
    static let stepSize = Parameter("lr-range-test-step-size", IntegerType(), default: 2000, range: .atLeast(1), doc: "Iterations per interval.",
                                    libraryRule: "lr_range_test_step_size must be a positive integer")
    static let stepRate = Parameter("lr-range-test-step-rate", RealType(), default: 1.0, doc: "Growth per interval, as a multiple of the start.")
    static let staircase = Parameter("lr-range-test-staircase", SwitchType(), default: false, doc: "Grow in stairs, once per interval.")
}

extension ScheduleDefinition {
    /// `deepspeed.lr_range_test` — DeepSpeed's `LRRangeTest`.
    public static let deepspeedLRRangeTest = ScheduleDefinition(
        name: "deepspeed.lr_range_test", pythonClass: "LRRangeTest", family: .deepspeed,
        summary: "DeepSpeed's lr range test: the lr grows linearly (or in stairs) from lr_range_test_min_lr.",
        formula: "min_lr * (1 + rate * (it + 1) / step_size), floored per interval with staircase",
        parameters: [DeepSpeedLRRangeTest.minLR, DeepSpeedLRRangeTest.stepSize, DeepSpeedLRRangeTest.stepRate, DeepSpeedLRRangeTest.staircase],
        example: "deepspeed.lr_range_test --lr-range-test-min-lr 1e-5 --lr-range-test-step-size 10 --epochs 200",
        build: { args, context throws(ScheduleError) in
            let groups = context.optimizer.groups.count
            return try DeepSpeedLRRangeTest(optimizer: context.optimizer,
                                            minLRs: try DSMath.perGroup(args, DeepSpeedLRRangeTest.minLR, name: "lr_range_test_min_lr", groups: groups),
                                            stepSize: args[DeepSpeedLRRangeTest.stepSize], stepRate: args[DeepSpeedLRRangeTest.stepRate],
                                            staircase: args[DeepSpeedLRRangeTest.staircase], observer: context.observer)
        }
    )
}
