import LRPlotEngine
import LRPlotCairo
import SystemPackage

/// Checks that a chart file Cairo wrote is complete before it is renamed into place.
///
/// Cairo 1.16 writes PDFs through stdio and can lose a write error: on a nearly full disk it
/// reports success and leaves a PDF cut short. Every file Cairo writes ends with a fixed trailer
/// (`%%EOF` for PDF, `</svg>` for SVG, the `IEND` chunk for PNG), and a failed write loses the
/// tail, so a missing trailer means the file is incomplete.
enum ChartCompleteness {
    /// The bytes every complete file of `format` ends with (trailing newlines aside).
    static func trailer(of format: ImageFormat) -> [UInt8] {
        switch format {
        case .pdf: return Array("%%EOF".utf8)
        case .svg: return Array("</svg>".utf8)
        case .png: return [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        }
    }

    /// Throws unless the file at `path` ends with `format`'s trailer; the error names `name` and,
    /// when its file system has no room left, says so ("No space left on device").
    static func check(_ path: String, format: ImageFormat, name: String) throws(OutputError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputError(name, lastErrno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw OutputError(name, lastErrno) }
        let size = Int(info.st_size)
        var tail = [UInt8](repeating: 0, count: min(size, 64))
        let offset = off_t(size - tail.count)
        let n = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
        guard n >= 0 else { throw OutputError(name, lastErrno) }
        while let last = tail.last, last == 0x0A || last == 0x0D { tail.removeLast() }
        let expected = trailer(of: format)
        if tail.count >= expected.count, Array(tail.suffix(expected.count)) == expected { return }
        if isFull(path) { throw OutputError(name, .noSpace) }
        throw OutputError("cannot write \(name): the \(format.rawValue.uppercased()) came out incomplete (\(size) bytes, no end marker)")
    }

    /// Cairo's failure to write `path` as an error naming `name`: "No space left on device" when
    /// its file system is full (Cairo only says "error while writing to output stream").
    static func failure(_ error: CairoError, writing path: String, name: String) -> OutputError {
        if isFull(path) { return OutputError(name, .noSpace) }
        let reason = error.description.hasPrefix(error.operation + ": ") ? String(error.description.dropFirst(error.operation.count + 2)) : error.description
        return OutputError("cannot write \(name): \(reason)")
    }

    /// Whether the file system holding `path` has less than 64 KiB left.
    static func isFull(_ path: String) -> Bool {
        var space = statvfs()
        return statvfs(path, &space) == 0 && UInt64(space.f_bavail) * UInt64(space.f_frsize) < 1 << 16
    }
}
