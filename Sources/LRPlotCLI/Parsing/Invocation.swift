import LRPlotEngine

/// What the command line asks for.
public enum Invocation {
    /// Simulate and write a schedule.
    case run(RunRequest)
    /// `lrplot compare SPEC SPEC…`: several schedules in one chart; the options of the whole chart.
    case compare([RunRequest], CommonOptions)
    /// `lrplot list`.
    case list
    /// `lrplot help [SCHEDULE]`, `lrplot --help`, `lrplot SCHEDULE --help`.
    case help(ScheduleDefinition?)
    /// `lrplot --version`.
    case version
    /// `lrplot completions SHELL`: the completion script.
    case completions(String)
    /// `lrplot man`: the roff manual page.
    case manPage
}

/// A schedule with its arguments and the common options.
public struct RunRequest {
    /// The schedule and its validated parameters.
    public var schedule: ScheduleArguments
    /// Common flags.
    public var options: CommonOptions
    /// What the binder warns about (printed on standard error before the run).
    public var warnings: [Diagnostic] = []
    /// What a Python source printed while it ran (printed before the run, byte for byte).
    public var printed = ""
    /// A Python source's resolved bindings (`--set` values, argparse and dataclass defaults).
    public var bindings: [(name: String, value: String)] = []
    /// What a Python source draws, in words.
    public var drawn = ""
    /// The param groups a Python source's optimizer starts from (nil: from the flags).
    public var startGroups: [ParamGroup]?
    /// Notes for the chart (a config source's traps).
    public var notes: [String] = []
    /// The numbers a config reader derived (subtitle, and `--verbose`).
    public var derived: [DerivedNumber] = []
    /// Optimizer updates (rows) per scheduler step: a trainer that steps its scheduler once per
    /// epoch holds each epoch's lr for that many updates.
    public var updatesPerStep = 1
}
