extension ScheduleFamily {
    /// timm's `timm.scheduler`, stepped per epoch as timm's `train.py` steps it.
    public static let timm = ScheduleFamily(
        id: "timm", library: "timm", module: "timm.scheduler", version: "1.0.31",
        heading: "timm 1.0.31 (stepped per epoch as timm's train.py does, bit for bit without noise)",
        composesWithTorch: false,
        classPrefixes: ["timm.scheduler.", "scheduler."]
    )
}
