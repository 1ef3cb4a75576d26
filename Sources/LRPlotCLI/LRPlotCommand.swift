import LRPlotEngine

/// Where a command reads and writes: injected so the whole CLI runs in-process in tests.
public struct CLIEnvironment {
    /// Standard output.
    public var standardOutput: any ByteOutput
    /// Standard error.
    public var standardError: any ByteOutput
    /// Reads a spec file (`@FILE`).
    public var readSpecFile: (String) throws(UsageError) -> String
    /// Whether standard output is a terminal (the default output is then a terminal chart, in colour).
    public var standardOutputIsTerminal: Bool
    /// Whether standard error is a terminal (error messages are then coloured, unless `NO_COLOR`).
    public var standardErrorIsTerminal: Bool
    /// Environment variables consulted: `COLUMNS`, `LINES`, `NO_COLOR`, `TMPDIR`.
    public var variables: [String: String]

    /// An environment writing to the given outputs and reading spec files from disk.
    public init(standardOutput: any ByteOutput, standardError: any ByteOutput,
                readSpecFile: @escaping (String) throws(UsageError) -> String = SpecFile.read,
                standardOutputIsTerminal: Bool = false, standardErrorIsTerminal: Bool = false, variables: [String: String] = [:]) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.readSpecFile = readSpecFile
        self.standardOutputIsTerminal = standardOutputIsTerminal
        self.standardErrorIsTerminal = standardErrorIsTerminal
        self.variables = variables
    }

    /// The process's real standard output and error, terminal status and environment.
    public static var process: CLIEnvironment {
        var variables: [String: String] = [:]
        for name in ["COLUMNS", "LINES", "NO_COLOR", "TMPDIR"] {
            if let value = getenv(name) { variables[name] = String(cString: value) }
        }
        return CLIEnvironment(standardOutput: FileDescriptorOutput(descriptor: 1, name: "standard output"),
                              standardError: FileDescriptorOutput(descriptor: 2, name: "standard error"),
                              standardOutputIsTerminal: isatty(1) == 1, standardErrorIsTerminal: isatty(2) == 1, variables: variables)
    }
}

/// The `lrplot` command: parse, run, report. Returns the process exit code.
public enum LRPlotCommand {
    /// Exit code for success.
    public static let success: Int32 = 0
    /// Exit code for a failure at run time (a file that cannot be written, …).
    public static let runtimeFailure: Int32 = 1
    /// Exit code for bad usage or an invalid value.
    public static let usageFailure: Int32 = 2

    /// Runs lrplot with `arguments` (without the program name).
    public static func main(_ arguments: [String], environment: CLIEnvironment) -> Int32 {
        do {
            // `compare` reads its `@FILE` specs itself: each is one spec, not more arguments.
            let expanded = arguments.first == "compare" ? arguments : try SpecFile.expand(arguments, reader: environment.readSpecFile)
            switch try InvocationParser.parse(expanded, reader: environment.readSpecFile) {
            case .list:
                try? environment.standardOutput.write(InfoCommands.list())
                return success
            case .help(let definition):
                try? environment.standardOutput.write(InfoCommands.help(definition))
                return success
            case .completions(let shell):
                try? environment.standardOutput.write(ShellCompletions.script(for: shell) ?? "")
                return success
            case .manPage:
                try? environment.standardOutput.write(ManPage.page())
                return success
            case .version:
                try? environment.standardOutput.write("lrplot \(InfoCommands.version)\n")
                return success
            case .run(let request):
                warn(request.warnings, environment)
                do {
                    return try RunCommand.run(request, environment: environment)
                } catch {
                    switch error {
                    case .usage(let message): return report(message, code: usageFailure, environment)
                    case .runtime(let message): return report(message, code: runtimeFailure, environment)
                    case .diagnostic(let diagnostic): return report(diagnostic.description, code: diagnostic.exitCode, environment)
                    }
                }
            case .compare(let requests, let options):
                for (number, request) in requests.enumerated() {
                    warn(request.warnings.map { var w = $0; w.origin.spec = number + 1; return w }, environment)
                }
                do {
                    return try CompareCommand.run(requests, options: options, environment: environment)
                } catch {
                    switch error {
                    case .usage(let message): return report(message, code: usageFailure, environment)
                    case .runtime(let message): return report(message, code: runtimeFailure, environment)
                    case .diagnostic(let diagnostic): return report(diagnostic.description, code: diagnostic.exitCode, environment)
                    }
                }
            }
        } catch {
            return report(error.description, code: error.exitCode, environment)
        }
    }

    /// `lrplot: warning: MESSAGE` on standard error, for each warning.
    private static func warn(_ warnings: [Diagnostic], _ environment: CLIEnvironment) {
        for warning in warnings { try? environment.standardError.write("lrplot: warning: \(warning.description)\n") }
    }

    /// `lrplot: error: MESSAGE` on standard error; `error:` in bold red on a terminal without `NO_COLOR`.
    private static func report(_ message: String, code: Int32, _ environment: CLIEnvironment) -> Int32 {
        let colour = environment.standardErrorIsTerminal && environment.variables["NO_COLOR"] == nil
        let label = colour ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        try? environment.standardError.write("lrplot: \(label) \(message)\n")
        return code
    }
}
