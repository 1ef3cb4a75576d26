/// A schedule that cannot be built or stepped: an invalid parameter value, or an expression that
/// fails while being evaluated (PyTorch would raise). The CLI reports it as a usage error (exit 2).
public struct ScheduleError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The kebab-case name of the parameter at fault (without `--`), when one is.
    public var parameter: String?
    /// A sentence saying what is wrong and what is accepted.
    public var message: String
    /// Where it happened, when that is a place in the user's source (a line of a Python snippet).
    public var origin: Origin? = nil

    /// An error about `parameter` (kebab-case, no dashes), or about the schedule as a whole.
    public init(parameter: String?, message: String) {
        self.parameter = parameter
        self.message = message
    }

    public var description: String {
        if let parameter { return "--\(parameter): \(message)" }
        return message
    }
}
