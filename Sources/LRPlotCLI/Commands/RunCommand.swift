import LRPlotEngine
import LRPlotRender

/// Simulates a schedule and writes CSV, PNG or SVG (contract sections 4 and 5).
enum RunCommand {
    static func run(_ request: RunRequest, environment: CLIEnvironment) throws(CommandError) -> Int32 {
        let options = request.options
        let format = try resolveFormat(options)
        let simulation = Simulation(arguments: request.schedule, lrs: options.lrs, epochs: options.epochs, adam: options.adam,
                                    metrics: try metrics(options))
        let csvToStdout = format == .csv && (options.output == nil || options.output == "-")
        let verbose = options.verbose ? VerbosePrinter(output: csvToStdout ? environment.standardError : environment.standardOutput) : nil
        defer { try? verbose?.flush() }

        switch format {
        case .csv:
            if csvToStdout {
                let writer = CSVTraceWriter(output: environment.standardOutput)
                try simulate(simulation, into: [writer], verbose: verbose)
                return 0
            }
            let path = options.output ?? "-"
            let file = try openFile(path)
            let writer = CSVTraceWriter(output: FileDescriptorOutput(descriptor: file.descriptor, name: "'\(path)'"))
            try simulate(simulation, into: [writer], verbose: verbose)
            do { try file.commit() } catch { throw .runtime(error.message) }
            return 0
        case .png, .svg:
            guard let path = options.output, path != "-" else {
                throw .usage("refusing to write \(format.rawValue.uppercased()) to standard output; give a file with -o PATH")
            }
            let sink = ChartTraceSink(count: options.epochs, pixelWidth: options.width)
            try simulate(simulation, into: [sink], verbose: verbose)
            let chart = ChartBuilder.chart(for: request, decimators: sink.decimators)
            let file = try openFile(path)
            file.closeDescriptor()
            do {
                try ChartFile.write(chart, format: format == .png ? .png : .svg, to: file.temporaryPath)
            } catch {
                throw .runtime("cannot write '\(path)': \(error)")
            }
            do { try file.commit() } catch { throw .runtime(error.message) }
            return 0
        }
    }

    private static func openFile(_ path: String) throws(CommandError) -> AtomicFile {
        do { return try AtomicFile(path: path) } catch { throw .runtime(error.message) }
    }

    private static func simulate(_ simulation: Simulation, into sinks: [any TraceSink], verbose: VerbosePrinter?) throws(CommandError) {
        do {
            try simulation.run(into: sinks, observer: verbose)
        } catch {
            switch error {
            case .schedule(let e): throw .usage(e.description)
            case .output(let e): throw .runtime(e.message)
            }
        }
    }

    /// The metrics for plateau: `--metrics`, or `--metrics-file` read now, with at least one per epoch.
    static func metrics(_ options: CommonOptions) throws(CommandError) -> [Double]? {
        guard let path = options.metricsFile else { return options.metrics }
        let values: [Double]
        do { values = try MetricsFile.read(path, column: options.metricsColumn) } catch { throw .usage(error.message) }
        guard values.count >= options.epochs else {
            throw .usage("--metrics-file: '\(path)' holds \(values.count) value\(values.count == 1 ? "" : "s") for \(options.epochs) epochs; expected at least one per epoch (--epochs)")
        }
        return values
    }

    /// `--format`, else the output's extension, else CSV.
    static func resolveFormat(_ options: CommonOptions) throws(CommandError) -> OutputFormat {
        guard let output = options.output, output != "-" else {
            if let format = options.format, format != .csv, options.output == "-" {
                throw .usage("-o -: only CSV can go to standard output; give a file for \(format.rawValue.uppercased())")
            }
            return options.format ?? .csv
        }
        let name = output.split(separator: "/").last.map(String.init) ?? output
        let ext = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        if let format = options.format { return format }
        if let format = OutputFormat(rawValue: ext) { return format }
        if ext == "pdf" || ext == "json" {
            throw .usage("-o \(output): .\(ext) output is not available yet; use .png, .svg or .csv")
        }
        throw .usage("-o \(output): cannot tell the format from '\(ext.isEmpty ? name : "." + ext)'; use a .png, .svg or .csv path, or --format png|svg|csv")
    }
}

/// A command's failure: a usage error (exit 2) or a run-time failure (exit 1).
enum CommandError: Error {
    case usage(String)
    case runtime(String)
}
