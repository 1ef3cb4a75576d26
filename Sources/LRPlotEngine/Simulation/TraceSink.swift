/// One simulated epoch: the lr and beta1 of every group during that epoch, and the toy loss.
///
/// The arrays are reused from row to row; a sink that keeps values must copy them.
public struct TraceRow {
    /// The epoch (row) index, from 0.
    public var epoch: Int
    /// `lr` of each param group.
    public var lrs: [Double]
    /// `beta1` of each param group.
    public var beta1s: [Double]
    /// The toy loss before this epoch's Adam step.
    public var loss: Double
}

/// Receives the simulation's rows as they are produced (CSV writer, chart decimator, …).
public protocol TraceSink: AnyObject {
    /// Called once before the first row with the number of param groups.
    func begin(groups: Int) throws(OutputError)
    /// Called for every row, in order.
    func consume(_ row: TraceRow) throws(OutputError)
    /// Called once after the last row.
    func finish() throws(OutputError)
}

/// A failure to write output (exit code 1).
public struct OutputError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, naming the path when there is one.
    public var message: String

    /// An output error with `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
