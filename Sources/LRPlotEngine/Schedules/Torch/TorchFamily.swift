extension ScheduleFamily {
    /// PyTorch's `torch.optim.lr_scheduler`.
    public static let torch = ScheduleFamily(
        id: "torch", library: "PyTorch", module: "torch.optim.lr_scheduler", version: "2.15.0",
        heading: "PyTorch torch.optim.lr_scheduler (2.15 semantics, bit for bit)",
        composesWithTorch: true,
        classPrefixes: ["torch.optim.lr_scheduler.", "optim.lr_scheduler.", "lr_scheduler."]
    )
}
