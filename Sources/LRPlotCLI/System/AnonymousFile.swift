import LRPlotEngine

/// A temporary file with no name (created in `folder` and unlinked at once): written through a
/// buffer, then read back from the start. Nothing is left behind, whatever ends the process.
final class AnonymousFile {
    let descriptor: Int32
    /// Buffered writes into the file.
    let buffer: BufferedOutput

    /// A new anonymous file in `folder` (the current folder when empty).
    init(in folder: String, purpose: String) throws(OutputError) {
        var template = Array((folder.isEmpty ? "./" : folder + "/").utf8CString.dropLast()) + Array(".lrplot-scratch-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else {
            throw OutputError("cannot create a temporary file in '\(folder.isEmpty ? "." : folder)': \(String(cString: strerror(errno)))")
        }
        unlink(template)
        descriptor = fd
        buffer = BufferedOutput(FileDescriptorOutput(descriptor: fd, name: purpose))
    }

    deinit { close(descriptor) }

    /// Flushes what was written and starts reading from the beginning.
    func rewind() throws(OutputError) {
        try buffer.flush()
        lseek(descriptor, 0, SEEK_SET)
    }

    /// Everything written, copied to `output` from the start.
    func copy(to output: any ByteOutput) throws(OutputError) {
        try rewind()
        var storage = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try read(into: &storage)
            if n == 0 { return }
            var failure: OutputError? = nil
            storage.withUnsafeBytes { bytes in
                do throws(OutputError) { try output.write(UnsafeRawBufferPointer(rebasing: bytes[0..<n])) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }

    /// Reads the next block of bytes (empty at the end).
    func read(into storage: inout [UInt8]) throws(OutputError) -> Int {
        while true {
            let n = storage.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if n >= 0 { return n }
            if errno != EINTR { throw OutputError("cannot read a temporary file: \(String(cString: strerror(errno)))") }
        }
    }
}

/// Reads an ``AnonymousFile`` back line by line (without the newline), in bounded memory.
struct LineReader {
    let file: AnonymousFile
    private var storage = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0, end = 0

    init(_ file: AnonymousFile) { self.file = file }

    /// The next line's bytes, or nil at the end of the file.
    mutating func next() throws(OutputError) -> ArraySlice<UInt8>? {
        var line: [UInt8] = []
        while true {
            if start == end {
                end = try file.read(into: &storage)
                start = 0
                if end == 0 { return line.isEmpty ? nil : line[...] }
            }
            if let newline = storage[start..<end].firstIndex(of: 10) {
                line += storage[start..<newline]
                start = newline + 1
                return line[...]
            }
            line += storage[start..<end]
            start = end
        }
    }
}
