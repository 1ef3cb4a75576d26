/// Prints PyTorch ≤ 2.1's verbose scheduler messages:
/// `Adjusting learning rate of group {g} to {lr:.4e}.` after every lr write.
public final class VerbosePrinter: LRObserver {
    private let output: BufferedOutput

    /// A printer writing to `output`.
    public init(output: any ByteOutput) {
        self.output = BufferedOutput(output)
    }

    public func adjusted(group: Int, to lr: Double) {
        output.append("Adjusting learning rate of group \(group) to \(PyFormat.scientific4(lr)).\n")
    }

    /// `ReduceLROnPlateau`'s message when it reduces a group's lr at `epoch`.
    public func reduced(group: Int, to lr: Double, epoch: Int) {
        output.append("Epoch \(PyFormat.zeroPadded5(epoch)): reducing learning rate of group \(group) to \(PyFormat.scientific4(lr)).\n")
    }

    /// Writes out what was printed so far.
    public func flush() throws(OutputError) {
        try output.flush()
    }
}
