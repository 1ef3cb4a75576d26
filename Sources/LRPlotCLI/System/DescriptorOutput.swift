import LRPlotEngine
import SystemPackage

/// Writes to a file descriptor (swift-system), retrying short writes and `EINTR`; a failure keeps
/// its errno (``OutputError/code``), so a full disk and a closed pipe can be told apart.
public final class DescriptorOutput: ByteOutput {
    /// The descriptor written to (closed by its owner, not by this object).
    public let descriptor: FileDescriptor
    /// Named in error messages ("'out.csv'", "standard output").
    public let name: String

    /// An output writing to `descriptor`, named `name` in errors.
    public init(_ descriptor: FileDescriptor, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        do {
            try descriptor.writeAll(bytes)
        } catch let errno as Errno {
            throw OutputError(name, errno)
        } catch {
            throw OutputError("cannot write \(name): \(error)")
        }
    }
}
