import LRPlotEngine

/// `--color auto|always|never`.
public enum ColorChoice: String, Sendable, CaseIterable {
    case auto, always, never

    /// The choice made by the last `--color WHEN` or `--color=WHEN` among raw `arguments` (before
    /// they are parsed, so that usage errors honour it too); `.auto` when absent or not a choice.
    static func scanned(from arguments: [String]) -> ColorChoice {
        var choice = ColorChoice.auto
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--color", index + 1 < arguments.endIndex {
                choice = ColorChoice(rawValue: arguments[index + 1]) ?? choice
                index += 1
            } else if argument.hasPrefix("--color=") {
                choice = ColorChoice(rawValue: String(argument.dropFirst("--color=".count))) ?? choice
            }
            index += 1
        }
        return choice
    }

    /// Whether to colour output going to a stream, decided once: `--color always|never` wins; then
    /// a non-empty `NO_COLOR` disables colour (https://no-color.org: an empty value does not count),
    /// a non-empty `CLICOLOR_FORCE` other than `0` forces it, `CLICOLOR=0` and `TERM=dumb` disable
    /// it; otherwise colour only on a terminal.
    func enablesColor(onTerminal isTerminal: Bool, variables: [String: String]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto: break
        }
        if let value = variables["NO_COLOR"], !value.isEmpty { return false }
        if let value = variables["CLICOLOR_FORCE"], !value.isEmpty, value != "0" { return true }
        if variables["CLICOLOR"] == "0" || variables["TERM"] == "dumb" { return false }
        return isTerminal
    }
}

/// Renders errors, warnings and notes on standard error, in one place: `lrplot: error: MESSAGE` with
/// `error:` in bold red when colour is on (decided once, by ``ColorChoice/enablesColor(onTerminal:variables:)``).
struct ErrorReporter {
    /// Where messages go.
    let output: any ByteOutput
    /// Whether `error:` and `note:` are coloured.
    let color: Bool

    /// A reporter for `environment`'s standard error with the colour choice of `arguments`.
    init(environment: CLIEnvironment, arguments: [String]) {
        output = environment.standardError
        color = ColorChoice.scanned(from: arguments).enablesColor(onTerminal: environment.standardErrorIsTerminal,
                                                                  variables: environment.variables)
    }

    /// A reporter for `environment`'s standard error with the parsed `--color` choice.
    init(environment: CLIEnvironment, choice: ColorChoice) {
        output = environment.standardError
        color = choice.enablesColor(onTerminal: environment.standardErrorIsTerminal, variables: environment.variables)
    }

    /// The text of an error message.
    func errorText(_ message: String) -> String {
        "lrplot: " + (color ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:") + " " + message + "\n"
    }

    /// The text of a note (something done on the user's behalf, e.g. a header line skipped).
    func noteText(_ message: String) -> String {
        "lrplot: " + (color ? "\u{1B}[1;36mnote:\u{1B}[0m" : "note:") + " " + message + "\n"
    }

    /// Prints an error and returns `code`. A message that cannot be written is dropped: there is
    /// nowhere left to report it, and the exit code still tells.
    func report(_ message: String, code: Int32) -> Int32 {
        try? output.write(errorText(message))
        return code
    }

    /// The text of a warning (a value the library accepts but probably not what was meant).
    func warningText(_ message: String) -> String {
        "lrplot: " + (color ? "\u{1B}[1;33mwarning:\u{1B}[0m" : "warning:") + " " + message + "\n"
    }

    /// Prints each warning (best effort).
    func warn(_ warnings: [Diagnostic]) {
        for warning in warnings { try? output.write(warningText(warning.description)) }
    }

    /// Prints a note (best effort, like an error).
    func note(_ message: String) {
        try? output.write(noteText(message))
    }
}
