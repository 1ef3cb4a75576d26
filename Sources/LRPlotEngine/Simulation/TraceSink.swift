/// A block of consecutive simulated epochs: per row, the lr and beta1 of every group during that
/// epoch and the toy loss. Rows travel in blocks so that sinks run tight loops instead of one
/// dynamic call per step; the storage is reused from block to block (a sink that keeps values
/// must copy them).
public struct TraceChunk {
    /// The largest number of rows in one chunk.
    public static let capacity = 4096

    /// The epoch of row 0.
    public internal(set) var firstEpoch = 0
    /// The number of rows.
    public internal(set) var count = 0
    /// The number of param groups.
    public let groups: Int
    /// `lrs[row * groups + g]`: the lr of group `g` in `row`.
    public internal(set) var lrs: [Double]
    /// `beta1s[row * groups + g]`: the beta1 of group `g` in `row`.
    public internal(set) var beta1s: [Double]
    /// `losses[row]`: the toy loss before that epoch's Adam step.
    public internal(set) var losses: [Double]

    /// An empty chunk for `groups` groups.
    public init(groups: Int) {
        self.groups = groups
        lrs = Array(repeating: 0, count: TraceChunk.capacity * groups)
        beta1s = lrs
        losses = Array(repeating: 0, count: TraceChunk.capacity)
    }

    /// Whether no more rows fit.
    var isFull: Bool { count == TraceChunk.capacity }
}

/// Receives the simulation's rows as they are produced (CSV writer, chart decimator, …).
public protocol TraceSink: AnyObject {
    /// Called once before the first row with the number of param groups.
    func begin(groups: Int) throws(OutputError)
    /// Called for every block of rows, in order.
    func consume(_ chunk: TraceChunk) throws(OutputError)
    /// Called once after the last row.
    func finish() throws(OutputError)
    /// Whether the sink reads the rows' loss. When no sink does (a chart without a loss panel), a
    /// schedule that does not read the loss either runs without training the toy Adam: the lr and
    /// beta1 columns and any error are the same, and the loss column is NaN.
    var readsLoss: Bool { get }
}

extension TraceSink {
    /// A sink reads the loss unless it says otherwise.
    public var readsLoss: Bool { true }
}

/// A failure to write output (exit code 1).
public struct OutputError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, naming the path when there is one.
    public var message: String
    /// The `errno` of the failing system call, when one failed (`EPIPE` lets the CLI end quietly
    /// on a closed pipe; `ENOSPC` is a full disk).
    public var code: Int32?

    /// An output error with `message` and, when a system call failed, its `errno`.
    public init(_ message: String, code: Int32? = nil) {
        self.message = message
        self.code = code
    }

    public var description: String { message }
}
