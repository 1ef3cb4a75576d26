import CLRPlotCairo

/// A Cairo failure: a `cairo_status_t` other than success, with Cairo's own description.
public struct CairoError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The raw `cairo_status_t` value (kept raw: newer Cairo versions add codes).
    public let rawValue: UInt32
    /// What was being done.
    public let operation: String

    /// A failure of `operation` with `status`.
    package init(_ status: cairo_status_t, operation: String) {
        rawValue = status.rawValue
        self.operation = operation
    }

    public var description: String {
        let text = String(cString: cairo_status_to_string(cairo_status_t(rawValue: rawValue)))
        return "\(operation): \(text)"
    }

    /// Throws unless `status` is `CAIRO_STATUS_SUCCESS`.
    static func check(_ status: cairo_status_t, _ operation: @autoclosure () -> String) throws(CairoError) {
        if status != CAIRO_STATUS_SUCCESS { throw CairoError(status, operation: operation()) }
    }
}

/// Facts about the Cairo library in use.
public enum CairoInfo {
    /// `cairo_version_string()`, e.g. `1.16.0`.
    public static var version: String { String(cString: cairo_version_string()) }
}
