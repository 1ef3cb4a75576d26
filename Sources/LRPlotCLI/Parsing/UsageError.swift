import LRPlotEngine

/// A problem with what the user typed: a bad flag, value or argument (exit 2). The CLI's name for
/// the engine's ``Diagnostic``, which every layer throws and which is rendered in one place.
public typealias UsageError = Diagnostic
