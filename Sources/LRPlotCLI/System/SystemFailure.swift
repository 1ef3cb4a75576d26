import LRPlotEngine
import SystemPackage

extension OutputError {
    /// "cannot write 'PATH': No space left on device": the failure of a system call on `what`,
    /// keeping its errno.
    init(cannot verb: String = "write", _ what: String, _ errno: Errno) {
        self.init("cannot \(verb) \(what): \(errno.description)", code: errno.rawValue)
    }

    /// The typed errno, when a system call failed.
    var errno: Errno? { code.map(Errno.init(rawValue:)) }

    /// Whether the reader of a pipe went away (`EPIPE`): the run then ends quietly.
    var isBrokenPipe: Bool { errno == .brokenPipe }
}

/// The last C call's `errno`, typed.
var lastErrno: Errno { Errno(rawValue: Glibc.errno) }
