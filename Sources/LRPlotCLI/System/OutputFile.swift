import LRPlotEngine
import SystemPackage

/// Where `-o PATH` writes, decided by what PATH is (README, "What happens to the output file"):
///
/// - nothing yet, or a regular file: a temporary file beside it is written, flushed, `fsync`ed and
///   renamed into place only when everything succeeded, so a failure (a full disk, a signal, a bad
///   value) never leaves a partial file nor touches the old one. A replaced file keeps its mode
///   and owner; a file the user could not overwrite with the shell's `>` is refused.
/// - a symbolic link: followed; its target is what gets written.
/// - a device, a FIFO, `/dev/stdout` or `/dev/fd/N`: written in place, like the shell's `>`.
final class OutputFile {
    /// The path as given (named in messages).
    let path: String
    /// The open descriptor: the temporary file, or the target itself when in place.
    let descriptor: FileDescriptor
    /// Writes to ``descriptor``; errors name ``path``.
    let output: DescriptorOutput
    /// The temporary file renamed onto ``destination`` by ``commit()``; nil when writing in place.
    let temporaryPath: String?
    /// The file finally written (symbolic links resolved).
    let destination: String
    private var registration: SignalCleanup.Registration?
    private var closed = false
    nonisolated(unsafe) private static var counter = 0

    /// Whether the target is written in place (a device, FIFO or inherited descriptor).
    var writesInPlace: Bool { temporaryPath == nil }

    /// Opens `path` for writing as described above.
    convenience init(path: String) throws(OutputError) {
        let quoted = "'\(path)'"
        var current = path
        var hops = 0
        while true {
            if let number = OutputFile.inheritedDescriptor(current), fcntl(number, F_GETFD) >= 0 {
                let copy = fcntl(number, F_DUPFD_CLOEXEC, 0)
                guard copy >= 0 else { throw OutputError(quoted, lastErrno) }
                self.init(inPlace: FileDescriptor(rawValue: copy), path: path, destination: current)
                return
            }
            var info = stat()
            guard lstat(current, &info) == 0 else {
                let failure = lastErrno
                guard failure == .noSuchFileOrDirectory else { throw OutputError(quoted, failure) }
                try self.init(replacing: current, existing: nil, path: path)
                return
            }
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                hops += 1
                guard hops <= 40, let target = OutputFile.readLink(current) else {
                    throw OutputError(quoted, hops > 40 ? .tooManySymbolicLinkLevels : lastErrno)
                }
                current = target.hasPrefix("/") ? target : OutputFile.folderPrefix(of: current) + target
            case S_IFDIR:
                throw OutputError("cannot write \(quoted): it is a folder")
            case S_IFREG:
                // What the shell's `>` may overwrite (root may overwrite a read-only file; nobody an immutable one).
                guard faccessat(AT_FDCWD, current, W_OK, AT_EACCESS) == 0 else { throw OutputError(quoted, lastErrno) }
                try self.init(replacing: current, existing: info, path: path)
                return
            default:
                let fd = open(current, O_WRONLY | O_CLOEXEC | O_NOCTTY)
                guard fd >= 0 else { throw OutputError(quoted, lastErrno) }
                self.init(inPlace: FileDescriptor(rawValue: fd), path: path, destination: current)
                return
            }
        }
    }

    private init(inPlace descriptor: FileDescriptor, path: String, destination: String) {
        self.path = path
        self.descriptor = descriptor
        self.output = DescriptorOutput(descriptor, name: "'\(path)'")
        self.temporaryPath = nil
        self.destination = destination
    }

    /// A temporary file beside `destination`, with the mode and owner of `existing` when it exists.
    private init(replacing destination: String, existing: stat?, path: String) throws(OutputError) {
        let quoted = "'\(path)'"
        let folder = OutputFile.folderPrefix(of: destination)
        if !folder.isEmpty {
            var folderInfo = stat()
            guard stat(folder, &folderInfo) == 0, (folderInfo.st_mode & S_IFMT) == S_IFDIR else {
                throw OutputError("cannot write \(quoted): the folder '\(folder)' does not exist")
            }
        }
        let base = String(destination[destination.index(destination.startIndex, offsetBy: folder.count)...])
        var attempt = 0
        while true {
            OutputFile.counter += 1
            let candidate = folder + OutputFile.temporaryName(for: base, unique: "\(getpid())-\(OutputFile.counter)")
            // Created private; an existing file's permissions are copied once it is ours.
            let (fd, registration) = SignalCleanup.creatingFile { () -> (Int32, SignalCleanup.Registration?) in
                let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, existing == nil ? 0o666 : 0o600)
                return (fd, fd >= 0 ? SignalCleanup.register(candidate) : nil)
            }
            if fd >= 0 {
                self.registration = registration
                if let existing {
                    if existing.st_uid != geteuid() || existing.st_gid != getegid() {
                        _ = fchown(fd, existing.st_uid, existing.st_gid)  // allowed for root only; else the user's file
                    }
                    _ = fchmod(fd, existing.st_mode & 0o7777)
                }
                self.path = path
                self.descriptor = FileDescriptor(rawValue: fd)
                self.output = DescriptorOutput(descriptor, name: quoted)
                self.temporaryPath = candidate
                self.destination = destination
                return
            }
            let failure = lastErrno
            attempt += 1
            if failure != .fileExists || attempt > 100 { throw OutputError(quoted, failure) }
        }
    }

    /// Makes the output final: in place, closes the descriptor; otherwise flushes the temporary
    /// file to disk (`fsync`), closes it and renames it onto the destination, checking each step.
    func commit() throws(OutputError) {
        let quoted = "'\(path)'"
        guard let temporaryPath else {
            closed = true
            do { try descriptor.close() } catch { throw OutputError(quoted, error as? Errno ?? .ioError) }
            return
        }
        defer { discard() }
        guard fsync(descriptor.rawValue) == 0 else { throw OutputError(quoted, lastErrno) }
        closed = true
        do { try descriptor.close() } catch { throw OutputError(quoted, error as? Errno ?? .ioError) }
        guard rename(temporaryPath, destination) == 0 else { throw OutputError(quoted, lastErrno) }
        registration?.unregister()
        registration = nil
    }

    /// Closes the descriptor and removes the temporary file (nothing else is touched).
    func discard() {
        if !closed { closed = true; try? descriptor.close() }
        if let registration, let temporaryPath {
            unlink(temporaryPath)
            registration.unregister()
            self.registration = nil
        }
    }

    deinit { discard() }

    /// Whether `path` names something written in place: an open inherited descriptor, or an
    /// existing device, FIFO or socket (after symbolic links).
    static func isWrittenInPlace(_ path: String) -> Bool {
        if let number = inheritedDescriptor(path), fcntl(number, F_GETFD) >= 0 { return true }
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind != S_IFREG && kind != S_IFDIR
    }

    /// The descriptor number named by `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N`.
    static func inheritedDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// The folder part of `path` with its trailing slash ("" for a bare name).
    static func folderPrefix(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// `.NAME.UNIQUE.lrplot-tmp`, with NAME shortened (at a character boundary) so that the whole
    /// name fits in the 255 bytes a file name may have.
    static func temporaryName(for base: String, unique: String) -> String {
        let suffix = ".\(unique).lrplot-tmp"
        let room = 255 - 1 - suffix.utf8.count
        var name = ""
        var bytes = 0
        for character in base {
            bytes += character.utf8.count
            if bytes > room { break }
            name.append(character)
        }
        return "." + name + suffix
    }

    /// The target of the symbolic link at `path`.
    private static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
