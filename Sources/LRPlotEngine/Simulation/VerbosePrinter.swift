/// Prints PyTorch ≤ 2.1's verbose scheduler messages:
/// `Adjusting learning rate of group {g} to {lr:.4e}.` after every lr write.
///
/// Messages stream out in 64 KiB blocks as they are printed, so memory stays flat however long
/// the run. The scheduler's observer calls cannot throw, so a failed write (a full disk, a closed
/// pipe) is kept, later messages are dropped, and the failure is thrown at the next block of rows:
/// pass the printer among the simulation's sinks so that the run stops there.
public final class VerbosePrinter: LRObserver, TraceSink {
    private let output: BufferedOutput
    private var failure: OutputError?

    /// A printer writing to `output`.
    public init(output: any ByteOutput) {
        self.output = BufferedOutput(output)
    }

    public func adjusted(group: Int, to lr: Double) {
        print("Adjusting learning rate of group \(group) to \(PyFormat.scientific4(lr)).\n")
    }

    /// `ReduceLROnPlateau`'s message when it reduces a group's lr at `epoch`.
    public func reduced(group: Int, to lr: Double, epoch: Int) {
        print("Epoch \(PyFormat.zeroPadded5(epoch)): reducing learning rate of group \(group) to \(PyFormat.scientific4(lr)).\n")
    }

    private func print(_ message: String) {
        guard failure == nil else { return }
        output.append(message)
        do { try output.flushIfFull() } catch { failure = error }
    }

    /// Writes out what was printed so far, or throws the failure of an earlier write.
    public func flush() throws(OutputError) {
        if let failure { throw failure }
        try output.flush()
    }

    public func begin(groups: Int) throws(OutputError) {
        if let failure { throw failure }
    }

    /// Throws a failed write, stopping the run at this block of rows.
    public func consume(_ chunk: TraceChunk) throws(OutputError) {
        if let failure { throw failure }
    }

    /// Writes out the last messages.
    public func finish() throws(OutputError) {
        try flush()
    }

    /// The messages are the lrs'.
    public var readsLoss: Bool { false }
}
