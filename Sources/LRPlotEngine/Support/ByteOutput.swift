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

/// Buffers small writes into large ones. Appends never fail: the buffer grows past `capacity`
/// until the next `flushIfFull()` or `flush()`.
public final class BufferedOutput: ByteOutput {
    private let target: any ByteOutput
    private var storage: UnsafeMutablePointer<UInt8>
    private var allocated: Int
    private var count = 0
    private let capacity: Int

    /// Buffers writes to `target` in chunks of `capacity` bytes.
    public init(_ target: any ByteOutput, capacity: Int = 1 << 16) {
        self.target = target
        self.capacity = max(1, capacity)
        allocated = self.capacity + 4 * DecimalText.maximumLength
        storage = .allocate(capacity: allocated)
    }

    deinit { storage.deallocate() }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        append(bytes)
        if count >= capacity { try flush() }
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > allocated { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        var size = allocated
        while size < needed { size *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        bigger.update(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        allocated = size
    }

    /// Appends one byte.
    @inline(__always)
    public func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    /// Appends `bytes` without flushing.
    public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        UnsafeMutableRawPointer(storage + count).copyMemory(from: base, byteCount: bytes.count)
        count += bytes.count
    }

    /// Appends ASCII/UTF-8 text without flushing.
    public func append(_ text: String) {
        var copy = text
        copy.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `x.description` (shortest round-trip digits; `nan`, `inf`, `-inf` when not finite)
    /// without building a `String`.
    @inline(__always)
    public func appendNumber(_ x: Double) {
        reserve(DecimalText.maximumLength)
        count += DecimalText.write(x, to: storage + count)
    }

    /// Appends `n` in decimal without building a `String`.
    @inline(__always)
    public func appendInteger(_ n: Int) {
        reserve(DecimalText.maximumLength)
        count += DecimalText.write(n, to: storage + count)
    }

    /// Flushes when the buffer is full.
    @inline(__always)
    public func flushIfFull() throws(OutputError) {
        if count >= capacity { try flush() }
    }

    /// Writes out everything buffered.
    public func flush() throws(OutputError) {
        guard count > 0 else { return }
        let pending = UnsafeRawBufferPointer(start: storage, count: count)
        count = 0
        try target.write(pending)
    }
}
