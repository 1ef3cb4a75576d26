import LRPlotEngine
import SystemPackage

/// The size of a terminal in character cells.
public struct TerminalSize: Equatable, Sendable {
    /// Characters per line.
    public var columns: Int
    /// Lines.
    public var rows: Int

    /// A size of `columns`×`rows`.
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// The window size the kernel keeps for the terminal open as `descriptor` (`TIOCGWINSZ`); nil
    /// when it is not a terminal or reports no size (0×0, as a serial line or a fresh pty may).
    public static func of(_ descriptor: FileDescriptor) -> TerminalSize? {
        var size = winsize()
        guard ioctl(descriptor.rawValue, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return TerminalSize(columns: Int(size.ws_col), rows: Int(size.ws_row))
    }
}
