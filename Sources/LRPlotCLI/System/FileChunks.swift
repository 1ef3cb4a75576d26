import LRPlotEngine
import SystemPackage

/// Reads input files (spec files, metrics files) in 64 KiB chunks through swift-system, so that a
/// failure keeps its typed errno until the caller words it.
enum FileChunks {
    /// Calls `body` with each successive chunk of the file at `path` until the file ends or `body`
    /// returns false (it has read all it needs). A failure to open or read becomes `failure(errno)`.
    static func forEach(in path: String, failure: (Errno) -> UsageError,
                        _ body: (ArraySlice<UInt8>) throws(UsageError) -> Bool) throws(UsageError) {
        let descriptor: FileDescriptor
        do { descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: .closeOnExec) } catch {
            throw failure(error as? Errno ?? .ioError)
        }
        defer { try? descriptor.close() }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count: Int
            do { count = try buffer.withUnsafeMutableBytes { try descriptor.read(into: $0) } } catch {
                throw failure(error as? Errno ?? .ioError)
            }
            if count == 0 { return }
            guard try body(buffer[0..<count]) else { return }
        }
    }
}
