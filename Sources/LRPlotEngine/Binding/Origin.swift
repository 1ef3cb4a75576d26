/// Where a value came from: the flag or argument that holds it, the `compare` spec, the file, line
/// and column. Every value of the value tree carries one, so an error found anywhere (parsing,
/// binding, building) says where the user wrote the value at fault.
public struct Origin: Sendable, Equatable {
    /// How the value is named to the user: `--gamma`, `StepLR(gamma=…)`, or a config key.
    public var subject: String?
    /// The number (from 1) of the `compare` spec it belongs to.
    public var spec: Int?
    /// The file it was read from (a spec file, a source file).
    public var file: String?
    /// The 1-based line in ``file`` (or in ``text``).
    public var line: Int?
    /// The 1-based column in ``text``.
    public var column: Int?
    /// The source line the column counts in, shown under the message with a caret.
    public var text: String?

    /// An origin; every part is optional.
    public init(subject: String? = nil, spec: Int? = nil, file: String? = nil, line: Int? = nil, column: Int? = nil, text: String? = nil) {
        self.subject = subject
        self.spec = spec
        self.file = file
        self.line = line
        self.column = column
        self.text = text
    }

    /// This origin naming a different subject.
    public func naming(_ subject: String?) -> Origin {
        var copy = self
        copy.subject = subject
        return copy
    }

    /// This origin inside `compare`'s spec `number`.
    public func inSpec(_ number: Int?) -> Origin {
        var copy = self
        if copy.spec == nil { copy.spec = number }
        return copy
    }
}
