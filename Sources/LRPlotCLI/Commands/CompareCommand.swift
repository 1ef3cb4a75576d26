import LRPlotEngine
import LRPlotChart

/// `lrplot compare SPEC SPEC…`: several schedules simulated separately and drawn in one chart,
/// each line named after its spec (the schedule and its non-default parameters).
enum CompareCommand {
    static func run(_ requests: [RunRequest], options: CommonOptions, environment: CLIEnvironment) throws(CommandError) -> Int32 {
        let format = try RunCommand.resolveFormat(options, environment: environment)
        if format == .csv || format == .json {
            return try writeData(requests, format: format, options: options, environment: environment)
        }
        let epochs = requests.map(\.options.epochs).max() ?? options.epochs
        let (columns, rows) = RunCommand.terminalSize(options, environment: environment)
        let pixelWidth = format == .term ? columns : options.width
        var runs: [ChartBuilder.Run] = []
        var statsReports: [String] = []
        for request in requests {
            let o = request.options
            var simulation = Simulation(arguments: request.schedule, lrs: o.lrs, epochs: o.epochs, adam: o.adam, metrics: try RunCommand.metrics(o))
            simulation.updatesPerStep = request.updatesPerStep
            let sink = ChartTraceSink(count: o.epochs, pixelWidth: pixelWidth, panels: options.panels)
            let stats = options.stats ? StatsSink() : nil
            try RunCommand.simulate(simulation, into: [sink] + (stats.map { [$0] } ?? []), verbose: nil)
            let name = request.schedule.shortDescription
            let names = o.lrs.count == 1 ? [name] : o.lrs.indices.map { "\(name) g\($0)" }
            runs.append(ChartBuilder.Run(schedule: request.schedule, sink: sink, names: names))
            if let stats { statsReports.append("\(name):\n" + stats.report()) }
        }
        var chartOptions = options
        chartOptions.epochs = epochs
        if format == .term {
            chartOptions.width = columns * 2
            chartOptions.height = rows * 4
        }
        let title = options.title ?? requests.map { $0.schedule.definition.displayName }.joined(separator: " vs ")
        let lrs = Set(requests.map { $0.options.lrs.map(PyFormat.repr).joined(separator: ", ") })
        let subtitle = (lrs.count == 1 ? "base lr \(lrs.first ?? "")  ·  " : "") + "\(ChartBuilder.grouped(epochs)) epochs  ·  \(requests.count) schedules"
        let chart = ChartBuilder.chart(title: title, subtitle: subtitle, runs: runs, options: chartOptions)
        if format == .term {
            try RunCommand.drawInTerminal(chart, columns: columns, rows: rows, options: options, environment: environment)
        } else {
            try RunCommand.writeChart(chart, format: format, options: options, environment: environment)
        }
        if !statsReports.isEmpty {
            let messages = options.output == nil || options.output == "-" ? environment.standardError : environment.standardOutput
            do { try messages.write(statsReports.joined()) } catch { throw .output(error) }
        }
        return 0
    }

    /// CSV (one column per spec and group) or JSON (one run object per spec), each spec simulated
    /// into an anonymous temporary file first (``CompareDataWriter``).
    static func writeData(_ requests: [RunRequest], format: OutputFormat, options: CommonOptions,
                          environment: CLIEnvironment) throws(CommandError) -> Int32 {
        let toStandardOutput = options.output == nil || options.output == "-"
        let file = toStandardOutput ? nil : try RunCommand.openFile(options.output ?? "-")
        let folder = file.map { $0.writesInPlace ? RunCommand.temporaryFolder(environment) : RunCommand.folder(of: $0.destination) }
            ?? RunCommand.temporaryFolder(environment)
        var rowFiles: [CompareDataWriter.RowLines] = []
        var documents: [AnonymousFile] = []
        for request in requests {
            let o = request.options
            var simulation = Simulation(arguments: request.schedule, lrs: o.lrs, epochs: o.epochs, adam: o.adam, metrics: try RunCommand.metrics(o))
            simulation.updatesPerStep = request.updatesPerStep
            let scratch: AnonymousFile
            do { scratch = try AnonymousFile(in: folder, purpose: "a temporary compare file") } catch { throw .output(error) }
            if format == .csv {
                let sink = CompareDataWriter.RowLines(scratch)
                try RunCommand.simulate(simulation, into: [sink], verbose: nil)
                rowFiles.append(sink)
            } else {
                let writer = JSONTraceWriter(output: scratch.buffer, head: JSONTraceWriter.head(schedule: request.schedule, options: o, bindings: request.bindings), folder: folder)
                try RunCommand.simulate(simulation, into: [writer], verbose: nil)
                documents.append(scratch)
            }
        }
        let output = file?.output ?? environment.standardOutput
        do {
            if format == .csv { try CompareDataWriter.writeCSV(rowFiles, to: output) } else { try CompareDataWriter.writeJSON(documents, to: output) }
            try file?.commit()
        } catch { throw .output(error) }
        return 0
    }
}
