import LRPlotEngine
import LRPlotCairo
import LRPlotChart

/// Simulates a schedule and writes CSV, JSON, a chart (PNG, SVG, PDF) or a terminal preview
/// (contract sections 4 and 5).
enum RunCommand {
    static func run(_ request: RunRequest, environment: CLIEnvironment) throws(CommandError) -> Int32 {
        let options = request.options
        let format = try resolveFormat(options, environment: environment)
        let reporter = ErrorReporter(environment: environment, choice: options.color)
        var simulation = Simulation(arguments: request.schedule, lrs: options.lrs, epochs: options.epochs, adam: options.adam,
                                    metrics: try metrics(options, note: reporter.note))
        simulation.startGroups = request.startGroups
        simulation.updatesPerStep = request.updatesPerStep
        // A tuning knob, not an option: LRPLOT_PIPELINE=0 keeps long runs on one thread (`make bench`
        // compares both with the other core busy); the rows are the same either way.
        if environment.variables["LRPLOT_PIPELINE"] == "0" { simulation.pipelineThreshold = .max }
        // Another: LRPLOT_TRAIN=1 trains the toy Adam even when no output shows the loss (`make bench`
        // compares long runs with C programs that train it); the rows are the same either way.
        if environment.variables["LRPLOT_TRAIN"] == "1" { simulation.trainsWithoutLossReader = true }
        let dataOnStandardOutput = options.output == nil || options.output == "-" || format == .term
        let messages = dataOnStandardOutput ? environment.standardError : environment.standardOutput
        try PythonSourceOutput.print(request, to: messages, notes: environment.standardError, verbose: options.verbose)
        // Verbose messages stream as they are printed; a failed write (a closed pipe) stops the run.
        if options.verbose && !request.derived.isEmpty {
            let lines = request.derived.map { "\($0.label): \($0.value)\n" }.joined()
            do { try messages.write(lines) } catch { throw .output(error) }
        }
        let verbose = options.verbose ? VerbosePrinter(output: messages) : nil
        defer { try? verbose?.flush() }  // a failing run still shows the messages up to where it stopped
        let stats = options.stats ? StatsSink() : nil
        let extra: [any TraceSink] = (stats.map { [$0] } ?? []) + (verbose.map { [$0] } ?? [])

        switch format {
        case .csv, .json:
            let makeWriter = { (output: any ByteOutput, folder: String) -> any TraceSink in
                format == .csv ? CSVTraceWriter(output: output)
                    : JSONTraceWriter(output: output, head: JSONTraceWriter.head(schedule: request.schedule, options: options, bindings: request.bindings), folder: folder)
            }
            if options.output == nil || options.output == "-" {
                try simulate(simulation, into: [makeWriter(environment.standardOutput, temporaryFolder(environment))] + extra, verbose: verbose)
            } else {
                let file = try openFile(options.output ?? "-")
                // JSON's column files go beside a replaced file (same disk), else in TMPDIR.
                let columns = file.writesInPlace ? temporaryFolder(environment) : folder(of: file.destination)
                try simulate(simulation, into: [makeWriter(file.output, columns)] + extra, verbose: verbose)
                do { try file.commit() } catch { throw .output(error) }
            }
        case .png, .svg, .pdf:
            let sink = ChartTraceSink(count: options.epochs, pixelWidth: options.width, panels: options.panels)
            try simulate(simulation, into: [sink] + extra, verbose: verbose)
            let chart = ChartBuilder.chart(for: request, sink: sink)
            try writeChart(chart, format: format, options: options, environment: environment)
        case .term:
            let (columns, rows) = terminalSize(options, environment: environment)
            let sink = ChartTraceSink(count: options.epochs, pixelWidth: columns, panels: options.panels)
            try simulate(simulation, into: [sink] + extra, verbose: verbose)
            var termOptions = options
            termOptions.width = columns * 2
            termOptions.height = rows * 4
            let chart = ChartBuilder.chart(for: RunRequest(schedule: request.schedule, options: termOptions, notes: request.notes, derived: request.derived,
                                                      updatesPerStep: request.updatesPerStep), sink: sink)
            try drawInTerminal(chart, columns: columns, rows: rows, options: options, environment: environment)
        }
        if let stats {
            do { try messages.write(stats.report()) } catch { throw .output(error) }
        }
        return 0
    }

    /// Writes a PNG, SVG or PDF chart through a temporary file; SVG to standard output is streamed
    /// by Cairo straight into it.
    static func writeChart(_ chart: Chart, format: OutputFormat, options: CommonOptions, environment: CLIEnvironment) throws(CommandError) {
        let imageFormat: ImageFormat = format == .png ? .png : format == .svg ? .svg : .pdf
        let style = ChartStyle.theme(ChartStyle.Theme(rawValue: options.theme) ?? .light)
        guard let path = options.output, path != "-" else {
            // `-o -` is only allowed for SVG (resolveFormat).
            let output = BufferedOutput(environment.standardOutput)
            do {
                try ChartFile.writeSVG(chart, style: style) { bytes throws(OutputError) in try output.write(bytes) }
            } catch {
                switch error {
                case .destination(let error): throw .output(error)
                case .cairo(let error): throw .runtime("cannot write the chart: \(error)")
                }
            }
            do { try output.flush() } catch { throw .output(error) }
            return
        }
        let file = try openFile(path)
        guard let temporaryPath = file.temporaryPath else {
            // A device, FIFO or inherited descriptor: render to a private file, then copy it in.
            let scratch: ScratchFile
            do { scratch = try ScratchFile(in: temporaryFolder(environment), suffix: imageFormat.rawValue) } catch { throw .output(error) }
            do {
                try ChartFile.write(chart, format: imageFormat, to: scratch.path, style: style, scale: options.scale)
            } catch {
                throw .output(ChartCompleteness.failure(error, writing: scratch.path, name: "'\(path)'"))
            }
            do {
                try ChartCompleteness.check(scratch.path, format: imageFormat, name: "'\(path)'")
                try scratch.copy(to: file.output)
                try file.commit()
            } catch { throw .output(error) }
            return
        }
        // Cairo writes the temporary file by name; commit() then fsyncs it through our descriptor
        // (reporting a write-back error such as a full disk) before renaming it into place.
        do {
            try ChartFile.write(chart, format: imageFormat, to: temporaryPath, style: style, scale: options.scale)
        } catch {
            throw .output(ChartCompleteness.failure(error, writing: temporaryPath, name: "'\(path)'"))
        }
        do {
            try ChartCompleteness.check(temporaryPath, format: imageFormat, name: "'\(path)'")
            try file.commit()
        } catch { throw .output(error) }
    }

    /// Draws `chart` with the terminal canvas onto standard output.
    static func drawInTerminal(_ chart: Chart, columns: Int, rows: Int, options: CommonOptions, environment: CLIEnvironment) throws(CommandError) {
        let theme = ChartStyle.Theme(rawValue: options.theme) ?? .light
        let style = TerminalCanvas.style(base: ChartStyle.theme(theme))
        // Without --theme, text takes the terminal's own foreground (legible on dark and light terminals).
        let canvas = TerminalCanvas(columns: columns, rows: rows, foreground: options.themeIsExplicit ? [] : [style.text, style.secondaryText])
        ChartRenderer.draw(ChartLayout(chart: chart, style: style, measurer: canvas), on: canvas)
        let color = options.color.enablesColor(onTerminal: environment.standardOutputIsTerminal, variables: environment.variables)
        do { try environment.standardOutput.write(canvas.render(color: color)) } catch { throw .output(error) }
    }

    /// `--cols`/`--rows`, else the terminal's own size (`TIOCGWINSZ`), else `COLUMNS`/`LINES`, else
    /// 80×24; two lines are left for the prompt.
    static func terminalSize(_ options: CommonOptions, environment: CLIEnvironment) -> (Int, Int) {
        let size = environment.terminalSize
        let columns = options.columns ?? (size?.columns ?? environment.variables["COLUMNS"].flatMap(Int.init)).map { max(20, min(1000, $0)) } ?? 80
        let rows = options.rows ?? (size?.rows ?? environment.variables["LINES"].flatMap(Int.init)).map { max(8, min(500, $0 - 2)) } ?? 24
        return (columns, rows)
    }

    static func openFile(_ path: String) throws(CommandError) -> OutputFile {
        do { return try OutputFile(path: path) } catch { throw .output(error) }
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func temporaryFolder(_ environment: CLIEnvironment) -> String {
        let folder = environment.variables["TMPDIR"] ?? "/tmp"
        return folder.isEmpty ? "/tmp" : folder
    }

    static func simulate(_ simulation: Simulation, into sinks: [any TraceSink], verbose: VerbosePrinter?) throws(CommandError) {
        do {
            try simulation.run(into: sinks, observer: verbose)
        } catch {
            switch error {
            case .schedule(let e): throw .diagnostic(Binder.diagnostic(e, in: simulation.arguments))
            case .output(let e): throw .output(e)
            }
        }
    }

    /// The metrics for plateau: `--metrics`, or `--metrics-file` read now, with at least one per epoch.
    /// Reads no more values than the run has epochs; `note` hears of a skipped header line.
    static func metrics(_ options: CommonOptions, note: (String) -> Void = { _ in }) throws(CommandError) -> [Double]? {
        guard let path = options.metricsFile else { return options.metrics }
        let values: [Double]
        do {
            let file = try MetricsFile.read(path, column: options.metricsColumn, limit: options.epochs)
            if let header = file.header { note("--metrics-file: the first line of '\(path)' is a header ('\(header)'); skipped it") }
            values = file.values
        } catch { throw .usage(error.message) }
        guard values.count >= options.epochs else {
            throw .usage("--metrics-file: '\(path)' holds \(values.count) value\(values.count == 1 ? "" : "s") for \(options.epochs) epochs; expected at least one per epoch (--epochs)")
        }
        return values
    }

    /// `--format`, else the output's extension; without `-o`, a terminal preview when standard
    /// output is a terminal, else CSV.
    static func resolveFormat(_ options: CommonOptions, environment: CLIEnvironment) throws(CommandError) -> OutputFormat {
        guard let output = options.output, output != "-" else {
            let format = options.format ?? (options.output == nil && environment.standardOutputIsTerminal ? .term : .csv)
            if format == .png || format == .pdf {
                throw .usage("refusing to write \(format.rawValue.uppercased()) to standard output; give a file with -o PATH")
            }
            if format == .term && options.output == "-" {
                throw .usage("-o - with --format term: the terminal preview is printed without -o")
            }
            return format
        }
        if options.format == .term { throw .usage("--format term prints to the terminal; leave out -o \(output)") }
        let name = output.split(separator: "/").last.map(String.init) ?? output
        let ext = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        let implied = OutputFormat(rawValue: ext).flatMap { $0 == .term ? nil : $0 }
        if let format = options.format {
            // `-o x.png --format csv` would write CSV into a .png: a contradiction, not a choice.
            if let implied, implied != format {
                throw .usage("--format \(format.rawValue) contradicts -o \(output) (a .\(ext) path is \(implied.rawValue.uppercased())); drop --format, or name the file .\(format.rawValue)")
            }
            return format
        }
        if let implied { return implied }
        // A device, FIFO or descriptor (/dev/null, /dev/fd/3, >(…)) takes the default, like standard output.
        if OutputFile.isWrittenInPlace(output) { return .csv }
        throw .usage("-o \(output): cannot tell the format from '\(ext.isEmpty ? name : "." + ext)'; use a .png, .svg, .pdf, .csv or .json path, or --format png|svg|pdf|csv|json")
    }
}

/// A command's failure: a usage error (exit 2) or a run-time failure (exit 1).
enum CommandError: Error {
    case usage(String)
    case runtime(String)
    /// A failure with its origin (a schedule's error at the parameter the user wrote).
    case diagnostic(Diagnostic)
    /// Standard output's reader went away: the run ends quietly (``LRPlotCommand/brokenPipe``).
    case brokenPipe

    /// A failed write: quiet for a closed pipe, else a run-time failure with its message.
    static func output(_ error: OutputError) -> CommandError {
        error.isBrokenPipe ? .brokenPipe : .runtime(error.message)
    }
}
