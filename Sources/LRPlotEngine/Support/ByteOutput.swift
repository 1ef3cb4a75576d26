/// A destination for bytes: a file descriptor, or memory in tests.
public protocol ByteOutput: AnyObject {
    /// Writes all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError)
}

extension ByteOutput {
    /// Writes the UTF-8 bytes of `text`.
    public func write(_ text: String) throws(OutputError) {
        var copy = text
        var failure: OutputError?
        copy.withUTF8 { buffer in
            do throws(OutputError) { try write(UnsafeRawBufferPointer(buffer)) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

/// Writes to an open file descriptor, retrying short writes and `EINTR`.
public final class FileDescriptorOutput: ByteOutput {
    /// The descriptor written to (not closed by this object).
    public let descriptor: Int32
    /// Named in error messages (a path, or "standard output").
    public let name: String

    /// An output writing to `descriptor`.
    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let n = Glibc.write(descriptor, base, remaining)
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                throw OutputError("cannot write \(name): \(String(cString: strerror(code)))", code: code)
            }
            remaining -= n
            base += n
        }
    }
}

/// Collects bytes in memory (in-process tests, captured output).
public final class MemoryOutput: ByteOutput {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty buffer.
    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        self.bytes.append(contentsOf: bytes)
    }

    /// The bytes as UTF-8 text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Buffers small writes into large ones.
public final class BufferedOutput: ByteOutput {
    private let target: any ByteOutput
    private var buffer: [UInt8] = []
    private let capacity: Int

    /// Buffers writes to `target` in chunks of `capacity` bytes.
    public init(_ target: any ByteOutput, capacity: Int = 1 << 16) {
        self.target = target
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    /// Appends one byte.
    public func append(_ byte: UInt8) { buffer.append(byte) }

    /// Appends ASCII/UTF-8 text without flushing.
    public func append(_ text: String) {
        var copy = text
        copy.withUTF8 { buffer.append(contentsOf: $0) }
    }

    /// Flushes when the buffer is full.
    public func flushIfFull() throws(OutputError) {
        if buffer.count >= capacity { try flush() }
    }

    /// Writes out everything buffered.
    public func flush() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        var failure: OutputError?
        buffer.withUnsafeBytes { raw in
            do throws(OutputError) { try target.write(raw) } catch { failure = error }
        }
        buffer.removeAll(keepingCapacity: true)
        if let failure { throw failure }
    }
}
