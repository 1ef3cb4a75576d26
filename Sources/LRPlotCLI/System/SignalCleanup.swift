import CLRPlotSignals
import LRPlotEngine

/// Removes registered temporary files when SIGINT, SIGTERM or SIGHUP ends the process, which then
/// dies of that signal (the conventional status). The handler is in C (`CLRPlotSignals`): it only
/// unlinks paths kept in a fixed-size static array and re-raises, which is async-signal-safe.
public enum SignalCleanup {
    /// Installs the handlers and ignores SIGPIPE, so that a closed pipe is an `EPIPE` write error
    /// (temporary files are then removed like on any failure) rather than a sudden death.
    /// Called once by the executable; in-process tests leave the test runner's handlers alone.
    public static func install() {
        lrplot_cleanup_install()
        signal(SIGPIPE, SIG_IGN)
    }

    /// A path removed if a signal arrives before ``unregister()`` is called.
    struct Registration {
        fileprivate let slot: Int32

        /// Forgets the path (after it was renamed into place or removed).
        func unregister() { lrplot_cleanup_unregister(slot) }
    }

    /// Registers `path` (a file this process created and will remove or rename).
    static func register(_ path: String) -> Registration {
        Registration(slot: lrplot_cleanup_register(path))
    }

    /// Runs `body` (creating a file and registering it) with SIGINT, SIGTERM and SIGHUP held back,
    /// so that a signal cannot land between the two and leave the file behind; a signal that
    /// arrived meanwhile is handled, with the file registered, as soon as `body` returns.
    static func creatingFile<T>(_ body: () -> T) -> T {
        var held = sigset_t(), previous = sigset_t()
        sigemptyset(&held)
        for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&held, s) }
        pthread_sigmask(SIG_BLOCK, &held, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return body()
    }
}

extension SignalCleanup {
    /// Ends the process with `code`; for ``LRPlotCommand/brokenPipe`` it dies of SIGPIPE instead,
    /// so that the shell sees the conventional status of a filter whose reader went away.
    public static func exit(_ code: Int32) -> Never {
        if code == LRPlotCommand.brokenPipe {
            signal(SIGPIPE, SIG_DFL)
            var pipeSignal = sigset_t()
            sigemptyset(&pipeSignal)
            sigaddset(&pipeSignal, SIGPIPE)
            sigprocmask(SIG_UNBLOCK, &pipeSignal, nil)
            raise(SIGPIPE)
        }
        Glibc.exit(code)
    }
}
