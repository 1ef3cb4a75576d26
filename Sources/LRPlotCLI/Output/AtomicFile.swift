import LRPlotEngine

/// A file written under a temporary name beside its target and renamed into place on success,
/// so a failure never leaves a partial file nor touches an existing one.
final class AtomicFile {
    /// The final path.
    let path: String
    /// The temporary file's path, in the same folder.
    let temporaryPath: String
    private(set) var descriptor: Int32
    private var finished = false
    nonisolated(unsafe) private static var counter = 0

    /// Creates the temporary file exclusively.
    init(path: String) throws(OutputError) {
        self.path = path
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw OutputError("cannot write '\(path)': it is a folder")
        }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        if !folder.isEmpty {
            var folderInfo = stat()
            guard stat(folder, &folderInfo) == 0, (folderInfo.st_mode & S_IFMT) == S_IFDIR else {
                throw OutputError("cannot write '\(path)': the folder '\(folder)' does not exist")
            }
        }
        var attempt = 0
        while true {
            AtomicFile.counter += 1
            let candidate = "\(folder).\(base).\(getpid())-\(AtomicFile.counter).lrplot-tmp"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                temporaryPath = candidate
                descriptor = fd
                return
            }
            let code = errno
            attempt += 1
            if code != EEXIST || attempt > 100 {
                throw OutputError("cannot write '\(path)': \(String(cString: strerror(code)))")
            }
        }
    }

    /// Closes the descriptor (a writer that reopens the temporary path by name may then write).
    func closeDescriptor() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
    }

    /// Moves the finished temporary file into place.
    func commit() throws(OutputError) {
        closeDescriptor()
        guard rename(temporaryPath, path) == 0 else {
            let message = String(cString: strerror(errno))
            discard()
            throw OutputError("cannot write '\(path)': \(message)")
        }
        finished = true
    }

    /// Removes the temporary file.
    func discard() {
        closeDescriptor()
        if !finished { unlink(temporaryPath) }
        finished = true
    }

    deinit { discard() }
}
