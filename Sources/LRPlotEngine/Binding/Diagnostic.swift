/// An error as data: what is wrong, where it was written, and how the process should exit.
/// Every front end, the binder and the commands throw this one type; it is rendered once, by
/// ``rendered(colour:)``.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bad usage or an invalid value (exit 2), or a failure at run time (exit 1).
    public enum Kind: Sendable, Equatable {
        case usage
        case runtime
    }

    /// The sentence(s) saying what is wrong and what is accepted, without the subject.
    public var message: String
    /// Where the value at fault was written.
    public var origin: Origin
    /// The usage line of the schedule at fault, shown under the message.
    public var usage: String?
    /// Usage or run-time failure.
    public var kind: Kind

    /// A diagnostic about `origin` (usage by default).
    public init(_ message: String, at origin: Origin = Origin(), usage: String? = nil, kind: Kind = .usage) {
        self.message = message
        self.origin = origin
        self.usage = usage
        self.kind = kind
    }

    /// A run-time failure (exit 1).
    public static func runtime(_ message: String, at origin: Origin = Origin()) -> Diagnostic {
        Diagnostic(message, at: origin, kind: .runtime)
    }

    /// The exit code the contract gives this kind of failure.
    public var exitCode: Int32 { kind == .usage ? 2 : 1 }

    /// `spec 2: file:3:14: --gamma: message`, then the source line with a caret, then the usage line.
    public var description: String {
        var head = ""
        if let spec = origin.spec { head += "spec \(spec): " }
        if let file = origin.file {
            head += file
            // A column counts in the echoed text when there is one (shown by the caret), else in the file's line.
            if let line = origin.line { head += ":\(line)" + (origin.text == nil ? origin.column.map { ":\($0)" } ?? "" : "") }
            head += ": "
        } else if let line = origin.line, origin.text == nil {
            head += "line \(line): "
        }
        if let subject = origin.subject, !message.hasPrefix(subject) { head += "\(subject): " }
        var text = head + message
        if let source = origin.text, let column = origin.column, !source.contains("\n") {
            text += "\n  \(source)\n  \(String(repeating: " ", count: max(0, column - 1)))^"
        }
        if let usage { text += "\nusage: \(usage)" }
        return text
    }
}
