extension ScheduleFamily {
    /// Schedules of lrplot's own, written as a torch `LambdaLR` (they compose like torch's).
    public static let lrplot = ScheduleFamily(
        id: "extra", library: "lrplot", module: "", version: "",
        heading: "Other schedules",
        composesWithTorch: true,
        classPrefixes: []
    )
}
