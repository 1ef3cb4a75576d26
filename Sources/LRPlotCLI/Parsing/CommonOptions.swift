import LRPlotEngine

/// What to write and where.
public enum OutputFormat: String, Sendable, CaseIterable {
    case csv, png, svg, pdf, json, term

    /// Whether it is a chart drawn by the chart layout.
    var isChart: Bool { self == .png || self == .svg || self == .pdf || self == .term }
}

/// A stacked panel of the chart (`--panels`).
public enum PanelKind: String, Sendable, CaseIterable {
    case lr, beta1, loss
}

/// The flags every schedule accepts (contract section 2).
public struct CommonOptions: Sendable {
    /// Base lr per param group (`--lr`).
    public var lrs: [Double] = [0.1]
    /// Scheduler steps (`--epochs`).
    public var epochs = 100
    /// Whether `--lr` was given (a source's own lrs give way to it).
    public var lrsAreExplicit = false
    /// Whether `--epochs` was given (a source's own run length gives way to it).
    public var epochsAreExplicit = false
    /// `--set KEY=VALUE` (repeatable): bindings for a Python source's free names, overrides of a
    /// config's keys.
    public var overrides: [Override] = []
    /// `--pick NAME`: which of a Python source's schedulers or functions is drawn.
    public var pick: String?
    /// `-o PATH`; nil = standard output.
    public var output: String?
    /// `--format`, when given.
    public var format: OutputFormat?
    /// `--verbose`.
    public var verbose = false
    /// The toy Adam's settings.
    public var adam = AdamSettings()
    /// `--metrics`: the metric per epoch fed to `plateau`.
    public var metrics: [Double]?
    /// `--metrics-file` and `--metrics-column`.
    public var metricsFile: String?
    public var metricsColumn: String?
    /// `--title`.
    public var title: String?
    /// `--width`, `--height`.
    public var width = 800
    public var height = 500
    /// `--scale`: PNG pixels per layout unit (2 = HiDPI).
    public var scale = 1.0
    /// `--theme`.
    public var theme = "light"
    /// Whether `--theme` was given (a terminal chart otherwise writes its text in the terminal's own colour).
    public var themeIsExplicit = false
    /// `--draw`: `auto` (steps for piecewise-constant lines, else lines), `steps` or `lines`.
    public var draw = "auto"
    /// `--xlabel`, `--ylabel`.
    public var xLabel: String?
    public var yLabel: String?
    /// `--log-y`.
    public var logY = false
    /// `--panels`; nil = lr, plus beta1 when it varies.
    public var panels: [PanelKind]?
    /// `--no-markers` turns them off.
    public var markers = true
    /// `--steps-per-epoch`: the x axis counts steps, a second axis on top counts epochs.
    public var stepsPerEpoch: Int?
    /// `--stats`: summary statistics per group.
    public var stats = false
    /// `--cols`, `--rows`: the terminal chart's size in characters.
    public var columns: Int?
    public var rows: Int?
    /// `--color`: colour in the terminal chart and in messages.
    public var color = ColorChoice.auto

    /// Defaults.
    public init() {}

    /// The accepted range of `--epochs`.
    public static let epochRange = 1...1_000_000_000
    /// The accepted range of `--width` and `--height`.
    public static let sizeRange = 100...8192
}

/// One common flag: its names, whether it takes a value, help text and how it applies.
struct CommonFlag: Sendable {
    let names: [String]
    let placeholder: String?
    let help: String
    let apply: @Sendable (inout CommonOptions, String?, String) throws(UsageError) -> Void

    var takesValue: Bool { placeholder != nil }

    static let all: [CommonFlag] = [
        CommonFlag(names: ["--lr"], placeholder: "LIST", help: "base lr of each param group; one group per value (default 0.1)") { o, v, flag throws(UsageError) in
            let accepted = "non-negative numbers, one per param group"
            var lrs: [Double] = []
            for item in try ValueParsing.items(v ?? "", flag: flag, accepted: accepted) {
                let lr = try ValueParsing.real(item, flag: flag, accepted: accepted)
                guard lr >= 0 else { throw UsageError("\(flag): Invalid learning rate: \(item); expected \(accepted)") }
                lrs.append(lr)
            }
            guard lrs.count <= 64 else { throw UsageError("\(flag): at most 64 param groups are supported, got \(lrs.count)") }
            o.lrs = lrs
            o.lrsAreExplicit = true
        },
        CommonFlag(names: ["--epochs"], placeholder: "N", help: "scheduler steps simulated, 1 to 1,000,000,000 (default 100)") { o, v, flag throws(UsageError) in
            let accepted = "an integer from 1 to 1000000000"
            let n = try ValueParsing.integer(v ?? "", flag: flag, accepted: accepted)
            guard CommonOptions.epochRange.contains(n) else { throw UsageError("\(flag): \(n) is out of range; expected \(accepted)") }
            o.epochs = n
            o.epochsAreExplicit = true
        },
        CommonFlag(names: ["-o", "--output"], placeholder: "PATH", help: "output file: .png .svg .pdf .csv .json, or - (CSV, JSON or SVG on standard output)") { o, v, flag throws(UsageError) in
            guard let v, !v.isEmpty else { throw UsageError("\(flag): the path is empty") }
            o.output = v
        },
        CommonFlag(names: ["--format"], placeholder: "FMT", help: "png, svg, pdf, csv, json or term (default: from the output's extension)") { o, v, flag throws(UsageError) in
            let words = OutputFormat.allCases.map(\.rawValue)
            guard let v, let format = OutputFormat(rawValue: v.lowercased()) else {
                throw UsageError("\(flag): '\(v ?? "")' is not one of \(words.joined(separator: ", ")).\(Suggestion.didYouMean(v ?? "", in: words))")
            }
            o.format = format
        },
        CommonFlag(names: ["--verbose"], placeholder: nil, help: "print PyTorch ≤ 2.1's 'Adjusting learning rate …' messages") { o, _, _ throws(UsageError) in
            o.verbose = true
        },
        CommonFlag(names: ["--betas"], placeholder: "B1,B2", help: "Adam's betas (default 0.9,0.999)") { o, v, flag throws(UsageError) in
            let accepted = "two numbers in [0, 1), e.g. 0.9,0.999"
            let items = try ValueParsing.items(v ?? "", flag: flag, accepted: accepted)
            guard items.count == 2 else { throw UsageError("\(flag): '\(v ?? "")' needs exactly two values; expected \(accepted)") }
            let b1 = try ValueParsing.real(items[0], flag: flag, accepted: accepted)
            let b2 = try ValueParsing.real(items[1], flag: flag, accepted: accepted)
            guard b1 >= 0 && b1 < 1 else { throw UsageError("\(flag): Invalid beta parameter at index 0: \(items[0]); expected \(accepted)") }
            guard b2 >= 0 && b2 < 1 else { throw UsageError("\(flag): Invalid beta parameter at index 1: \(items[1]); expected \(accepted)") }
            o.adam.betas = (b1, b2)
        },
        CommonFlag(names: ["--adam-eps"], placeholder: "E", help: "Adam's eps (default 1e-8)") { o, v, flag throws(UsageError) in
            let accepted = "a number ≥ 0"
            let e = try ValueParsing.real(v ?? "", flag: flag, accepted: accepted)
            guard e >= 0 else { throw UsageError("\(flag): Invalid epsilon value: \(v ?? ""); expected \(accepted)") }
            o.adam.eps = e
        },
        CommonFlag(names: ["--weight-decay"], placeholder: "W", help: "Adam's L2 weight decay (default 0)") { o, v, flag throws(UsageError) in
            let accepted = "a number ≥ 0"
            let w = try ValueParsing.real(v ?? "", flag: flag, accepted: accepted)
            guard w >= 0 else { throw UsageError("\(flag): Invalid weight_decay value: \(v ?? ""); expected \(accepted)") }
            o.adam.weightDecay = w
        },
        CommonFlag(names: ["--amsgrad"], placeholder: nil, help: "use AMSGrad in the toy Adam") { o, _, _ throws(UsageError) in
            o.adam.amsgrad = true
        },
        CommonFlag(names: ["--sqrt"], placeholder: "KERNEL",
                   help: "the toy Adam's sqrt as torch computes it: mkl-avx512 (default), mkl-avx2, ieee (no MKL: arm64), native (this CPU's)") { o, v, flag throws(UsageError) in
            let words = ["native"] + SquareRootKernel.allCases.map(\.rawValue)
            guard let v, let kernel = v == "native" ? SquareRootKernel.native : SquareRootKernel(rawValue: v) else {
                throw UsageError("\(flag): '\(v ?? "")' is not one of \(words.joined(separator: ", ")).\(Suggestion.didYouMean(v ?? "", in: words))")
            }
            o.adam.squareRoot = kernel
        },
        CommonFlag(names: ["--metrics"], placeholder: "LIST", help: "plateau's metric per epoch, comma-separated (default: the toy loss)") { o, v, flag throws(UsageError) in
            // NaN is a value a real validation log can hold; ReduceLROnPlateau treats it as never better.
            let accepted = "numbers (or nan), one per epoch, comma-separated"
            var values: [Double] = []
            for item in try ValueParsing.items(v ?? "", flag: flag, accepted: accepted) {
                values.append(item.lowercased() == "nan" ? .nan : try ValueParsing.real(item, flag: flag, accepted: accepted))
            }
            o.metrics = values
        },
        CommonFlag(names: ["--metrics-file"], placeholder: "PATH", help: "plateau's metrics, one per line (or a CSV column, see --metrics-column)") { o, v, flag throws(UsageError) in
            guard let v, !v.isEmpty else { throw UsageError("\(flag): the path is empty") }
            o.metricsFile = v
        },
        CommonFlag(names: ["--metrics-column"], placeholder: "NAME|N", help: "the CSV column of --metrics-file: a header name or a number from 1") { o, v, flag throws(UsageError) in
            guard let v, !v.isEmpty else { throw UsageError("\(flag): the column is empty") }
            if let n = Int(v), n < 1 { throw UsageError("\(flag): \(v) is out of range; expected a header name or a column number from 1") }
            o.metricsColumn = v
        },
        CommonFlag(names: ["--title"], placeholder: "TEXT", help: "chart title (default: the schedule and its parameters)") { o, v, _ throws(UsageError) in
            o.title = v
        },
        CommonFlag(names: ["--scale"], placeholder: "S", help: "PNG pixels per unit: 2 gives 1600×1000 for 800×500 (0.5 to 8)") { o, v, flag throws(UsageError) in
            let accepted = "a number from 0.5 to 8"
            let s = try ValueParsing.real(v ?? "", flag: flag, accepted: accepted)
            guard s >= 0.5 && s <= 8 else { throw UsageError("\(flag): \(v ?? "") is out of range; expected \(accepted)") }
            o.scale = s
        },
        CommonFlag(names: ["--theme"], placeholder: "light|dark", help: "chart colours (default light)") { o, v, flag throws(UsageError) in
            let words = ["light", "dark"]
            guard let v, words.contains(v) else {
                throw UsageError("\(flag): '\(v ?? "")' is not one of light, dark.\(Suggestion.didYouMean(v ?? "", in: words))")
            }
            o.theme = v
            o.themeIsExplicit = true
        },
        CommonFlag(names: ["--draw"], placeholder: "auto|steps|lines",
                   help: "steps: hold each lr until the next step, as the scheduler does; lines: join the points (default auto: steps for piecewise-constant lines)") { o, v, flag throws(UsageError) in
            let words = ["auto", "steps", "lines"]
            guard let v, words.contains(v) else {
                throw UsageError("\(flag): '\(v ?? "")' is not one of auto, steps, lines.\(Suggestion.didYouMean(v ?? "", in: words))")
            }
            o.draw = v
        },
        CommonFlag(names: ["--xlabel"], placeholder: "TEXT", help: "x-axis label (default: epoch, or step with --steps-per-epoch)") { o, v, _ throws(UsageError) in
            o.xLabel = v
        },
        CommonFlag(names: ["--ylabel"], placeholder: "TEXT", help: "y-axis label of the lr panel (default: lr)") { o, v, _ throws(UsageError) in
            o.yLabel = v
        },
        CommonFlag(names: ["--log-y"], placeholder: nil, help: "logarithmic lr axis (values ≤ 0 are left out, with a note)") { o, _, _ throws(UsageError) in
            o.logY = true
        },
        CommonFlag(names: ["--panels"], placeholder: "LIST", help: "stacked panels, any of lr,beta1,loss in order (default: lr, plus beta1 when it cycles)") { o, v, flag throws(UsageError) in
            let accepted = "a comma-separated list of lr, beta1, loss"
            var panels: [PanelKind] = []
            for item in try ValueParsing.items(v ?? "", flag: flag, accepted: accepted) {
                guard let panel = PanelKind(rawValue: item) else {
                    throw UsageError("\(flag): '\(item)' is not a panel; expected \(accepted).\(Suggestion.didYouMean(item, in: PanelKind.allCases.map(\.rawValue)))")
                }
                guard !panels.contains(panel) else { throw UsageError("\(flag): '\(item)' is listed twice") }
                panels.append(panel)
            }
            o.panels = panels
        },
        CommonFlag(names: ["--set"], placeholder: "NAME=VALUE", help: "bind a name of a Python source (args.epochs, len(loader)) or override a config key (dotted for nested keys); repeatable") { o, v, flag throws(UsageError) in
            let text = v ?? ""
            guard let eq = text.firstIndex(of: "="), !text[..<eq].trimmingSpaces.isEmpty, !text[text.index(after: eq)...].trimmingSpaces.isEmpty else {
                throw UsageError("\(flag): '\(text)' is not NAME=VALUE, e.g. --set args.epochs=90 or --set warmup_steps=500")
            }
            o.overrides.append(Override(key: text[..<eq].trimmingSpaces, value: text[text.index(after: eq)...].trimmingSpaces,
                                        origin: Origin(subject: flag)))
        },
        CommonFlag(names: ["--pick"], placeholder: "NAME", help: "the variable of a Python source to draw, when it makes several schedulers or functions") { o, v, flag throws(UsageError) in
            guard let v, !v.isEmpty else { throw UsageError("\(flag): the name is empty") }
            o.pick = v
        },
        CommonFlag(names: ["--no-markers"], placeholder: nil, help: "no marker lines (milestones, warm-up end, restarts, switches)") { o, _, _ throws(UsageError) in
            o.markers = false
        },
        CommonFlag(names: ["--steps-per-epoch"], placeholder: "K", help: "x axis in steps with a second axis in epochs (step / K) on top") { o, v, flag throws(UsageError) in
            let accepted = "an integer from 1 to 1000000000"
            let k = try ValueParsing.integer(v ?? "", flag: flag, accepted: accepted)
            guard k >= 1 && k <= 1_000_000_000 else { throw UsageError("\(flag): \(k) is out of range; expected \(accepted)") }
            o.stepsPerEpoch = k
        },
        CommonFlag(names: ["--stats"], placeholder: nil, help: "print peak, final and mean lr and the area under the lr curve per group") { o, _, _ throws(UsageError) in
            o.stats = true
        },
        CommonFlag(names: ["--cols"], placeholder: "N", help: "terminal chart width in characters (default: COLUMNS, else 80)") { o, v, flag throws(UsageError) in
            o.columns = try CommonFlag.cells(v, flag, 20...1000)
        },
        CommonFlag(names: ["--rows"], placeholder: "N", help: "terminal chart height in lines (default: LINES − 2, else 24)") { o, v, flag throws(UsageError) in
            o.rows = try CommonFlag.cells(v, flag, 8...500)
        },
        CommonFlag(names: ["--color"], placeholder: "WHEN", help: "auto, always or never (default auto: on a terminal, unless NO_COLOR or TERM=dumb)") { o, v, flag throws(UsageError) in
            let words = ColorChoice.allCases.map(\.rawValue)
            guard let v, let choice = ColorChoice(rawValue: v) else {
                throw UsageError("\(flag): '\(v ?? "")' is not one of \(words.joined(separator: ", ")).\(Suggestion.didYouMean(v ?? "", in: words))")
            }
            o.color = choice
        },
        CommonFlag(names: ["--width"], placeholder: "PX", help: "chart width in pixels, 100 to 8192 (default 800)") { o, v, flag throws(UsageError) in
            o.width = try CommonFlag.size(v, flag)
        },
        CommonFlag(names: ["--height"], placeholder: "PX", help: "chart height in pixels, 100 to 8192 (default 500)") { o, v, flag throws(UsageError) in
            o.height = try CommonFlag.size(v, flag)
        },
    ]

    static func size(_ v: String?, _ flag: String) throws(UsageError) -> Int {
        let accepted = "an integer from \(CommonOptions.sizeRange.lowerBound) to \(CommonOptions.sizeRange.upperBound)"
        let n = try ValueParsing.integer(v ?? "", flag: flag, accepted: accepted)
        guard CommonOptions.sizeRange.contains(n) else { throw UsageError("\(flag): \(n) is out of range; expected \(accepted)") }
        return n
    }

    static func cells(_ v: String?, _ flag: String, _ range: ClosedRange<Int>) throws(UsageError) -> Int {
        let accepted = "an integer from \(range.lowerBound) to \(range.upperBound)"
        let n = try ValueParsing.integer(v ?? "", flag: flag, accepted: accepted)
        guard range.contains(n) else { throw UsageError("\(flag): \(n) is out of range; expected \(accepted)") }
        return n
    }

    static func named(_ name: String) -> CommonFlag? {
        all.first { $0.names.contains(name) }
    }
}
