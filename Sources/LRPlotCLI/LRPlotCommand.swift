import LRPlotEngine
import SystemPackage

/// Where a command reads and writes: injected so the whole CLI runs in-process in tests.
public struct CLIEnvironment {
    /// Standard output.
    public var standardOutput: any ByteOutput
    /// Standard error.
    public var standardError: any ByteOutput
    /// Reads a spec file (`@FILE`).
    public var readSpecFile: (String) throws(UsageError) -> String
    /// Reads a SOURCE file, or standard input for `-` (contract section 8).
    public var readSource: SourceReader
    /// Whether standard output is a terminal (the default output is then a terminal chart, in colour).
    public var standardOutputIsTerminal: Bool
    /// Whether standard error is a terminal (error messages are then coloured, unless `NO_COLOR`).
    public var standardErrorIsTerminal: Bool
    /// Environment variables consulted: `COLUMNS`, `LINES`, `NO_COLOR`, `CLICOLOR`, `CLICOLOR_FORCE`,
    /// `TERM`, `TMPDIR`, and the tuning knobs `LRPLOT_PIPELINE` (`0`: long runs stay on one thread) and
    /// `LRPLOT_TRAIN` (`1`: the toy Adam trains even when no output shows the loss, as `make bench`'s
    /// C floors do).
    public var variables: [String: String]
    /// The terminal's size from the kernel (`TIOCGWINSZ`), when standard output (or else standard
    /// error) is a terminal that reports one; `COLUMNS`/`LINES` are used otherwise.
    public var terminalSize: TerminalSize?

    /// An environment writing to the given outputs and reading spec files from disk.
    public init(standardOutput: any ByteOutput, standardError: any ByteOutput,
                readSpecFile: @escaping (String) throws(UsageError) -> String = SpecFile.read,
                standardOutputIsTerminal: Bool = false, standardErrorIsTerminal: Bool = false, variables: [String: String] = [:],
                terminalSize: TerminalSize? = nil, readSource: SourceReader = .disk) {
        self.readSource = readSource
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.readSpecFile = readSpecFile
        self.standardOutputIsTerminal = standardOutputIsTerminal
        self.standardErrorIsTerminal = standardErrorIsTerminal
        self.variables = variables
        self.terminalSize = terminalSize
    }

    /// The process's real standard output and error, terminal status and environment.
    public static var process: CLIEnvironment {
        var variables: [String: String] = [:]
        for name in ["COLUMNS", "LINES", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM", "TMPDIR", "LRPLOT_PIPELINE", "LRPLOT_TRAIN"] {
            if let value = getenv(name) { variables[name] = String(cString: value) }
        }
        return CLIEnvironment(standardOutput: DescriptorOutput(.standardOutput, name: "standard output"),
                              standardError: DescriptorOutput(.standardError, name: "standard error"),
                              standardOutputIsTerminal: isatty(1) == 1, standardErrorIsTerminal: isatty(2) == 1, variables: variables,
                              terminalSize: TerminalSize.of(.standardOutput) ?? TerminalSize.of(.standardError))
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
    /// Exit code when standard output's reader went away (`EPIPE`): 128 + SIGPIPE, what a shell
    /// reports for a process killed by the signal. Nothing is printed; the executable then dies
    /// of SIGPIPE itself (``SignalCleanup/exit(_:)``), like any filter cut short by `head`.
    public static let brokenPipe: Int32 = 128 + SIGPIPE

    /// Runs lrplot with `arguments` (without the program name).
    public static func main(_ arguments: [String], environment: CLIEnvironment) -> Int32 {
        var reporter = ErrorReporter(environment: environment, arguments: arguments)
        /// Writes an info command's text: a write error is a run-time failure (exit 1).
        func info(_ text: String) -> Int32 {
            do { try environment.standardOutput.write(text) } catch {
                return error.isBrokenPipe ? brokenPipe : reporter.report(error.message, code: runtimeFailure)
            }
            return success
        }
        /// Maps a command's failure to its message and exit code.
        func failed(_ error: CommandError) -> Int32 {
            switch error {
            case .usage(let message): return reporter.report(message, code: usageFailure)
            case .runtime(let message): return reporter.report(message, code: runtimeFailure)
            case .diagnostic(let diagnostic): return reporter.report(diagnostic.description, code: diagnostic.exitCode)
            case .brokenPipe: return brokenPipe
            }
        }
        do {
            // `compare` reads its `@FILE` specs itself: each is one spec, not more arguments.
            let words = arguments.first == "compare" ? arguments.map { SpecFile.Word($0) }
                : try SpecFile.expandWords(arguments.map { SpecFile.Word($0) }, reader: environment.readSpecFile)
            let expanded = words.map(\.text)
            reporter = ErrorReporter(environment: environment, arguments: expanded)  // a `--color` inside a spec file counts too
            switch try InvocationParser.parse(words: words, reader: environment.readSpecFile, sources: environment.readSource) {
            case .list:
                return info(TextWrap.wrap(InfoCommands.list(width: TextWrap.width(environment)), width: TextWrap.width(environment)))
            case .help(let definition):
                return info(TextWrap.wrap(InfoCommands.help(definition), width: TextWrap.width(environment)))
            case .completions(let shell):
                return info(ShellCompletions.script(for: shell) ?? "")
            case .manPage:
                return info(ManPage.page())
            case .version:
                return info("lrplot \(InfoCommands.version)\n")
            case .run(let request):
                reporter.warn(request.warnings)
                do {
                    return try RunCommand.run(request, environment: environment)
                } catch {
                    return failed(error)
                }
            case .compare(let requests, let options):
                for (number, request) in requests.enumerated() {
                    reporter.warn(request.warnings.map { var w = $0; w.origin.spec = number + 1; return w })
                }
                do {
                    return try CompareCommand.run(requests, options: options, environment: environment)
                } catch {
                    return failed(error)
                }
            }
        } catch {
            return reporter.report(error.description, code: error.exitCode)
        }
    }
}
