import LRPlotEngine
import SystemPackage

/// A private temporary file (`mkstemp`) that a library writes by name, removed when this object
/// goes away or a signal ends the process: a chart rendered before it is copied to a device or FIFO.
final class ScratchFile {
    /// Its path.
    let path: String
    private let registration: SignalCleanup.Registration

    /// Creates `FOLDER/.lrplot-XXXXXX.SUFFIX`.
    init(in folder: String, suffix: String) throws(OutputError) {
        var template = Array((folder + "/.lrplot-XXXXXX." + suffix).utf8CString)
        let (fd, error, made, registered) = SignalCleanup.creatingFile { () -> (Int32, Errno, String, SignalCleanup.Registration?) in
            let fd = mkstemps(&template, Int32(suffix.utf8.count + 1))
            let error = lastErrno
            guard fd >= 0 else { return (fd, error, "", nil) }
            let made = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return (fd, error, made, SignalCleanup.register(made))
        }
        guard fd >= 0, let registered else { throw OutputError(cannot: "create a temporary file in", "'\(folder)'", error) }
        close(fd)
        path = made
        registration = registered
    }

    deinit {
        unlink(path)
        registration.unregister()
    }

    /// Copies the whole file to `output`.
    func copy(to output: any ByteOutput) throws(OutputError) {
        let descriptor: FileDescriptor
        do { descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: .closeOnExec) } catch {
            throw OutputError(cannot: "read", "the rendered chart", error as? Errno ?? .ioError)
        }
        defer { try? descriptor.close() }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count: Int
            do { count = try buffer.withUnsafeMutableBytes { try descriptor.read(into: $0) } } catch {
                throw OutputError(cannot: "read", "the rendered chart", error as? Errno ?? .ioError)
            }
            if count == 0 { return }
            var failure: OutputError?
            buffer.withUnsafeBytes { bytes in
                do throws(OutputError) { try output.write(UnsafeRawBufferPointer(rebasing: bytes[0..<count])) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }
}
