import LRPlotEngine

// The interface between a config file and the run: a reader is an adapter from a document (a
// value tree with origins) to a registry entry's call and the run settings the config fixes. The
// call is bound by the one binder like any other; no reader implements a schedule.

/// A config document as the readers see it: its value tree (a `.mapping` for JSON objects, YAML
/// mappings, an evaluated Python config's globals and a trainer's `--flag value` line), and where
/// it came from.
public struct ConfigDocument: Sendable {
    /// How the document was written.
    public enum Format: Sendable, Equatable {
        /// A JSON object.
        case json
        /// A YAML mapping.
        case yaml
        /// A Python config (MMEngine), evaluated to its module globals.
        case python
        /// A trainer's command line (`--lr_scheduler_type cosine …`, `yolo train lr0=0.01 …`).
        case commandLine
    }

    /// The path as given (`-` for standard input).
    public var path: String
    /// The format.
    public var format: Format
    /// The document's value tree, each value with its file, line and column.
    public var root: SourceValue

    /// A document.
    public init(path: String, format: Format, root: SourceValue) {
        self.path = path
        self.format = format
        self.root = root
    }
}

/// `--set KEY=VALUE`: a config key (dotted for nested keys) or, for a Python source, a name, dotted
/// name, subscript or call, bound to the Python expression VALUE.
public struct Override: Sendable {
    /// The key or name as written (`warmup_steps`, `args.epochs`, `len(train_loader)`).
    public var key: String
    /// The value's text as written.
    public var value: String
    /// Where the `--set` was written.
    public var origin: Origin

    /// An override.
    public init(key: String, value: String, origin: Origin) {
        self.key = key
        self.value = value
        self.origin = origin
    }
}

/// What a reader may need besides the document: the command line's settings.
public struct ConfigSettings: Sendable {
    /// `--set` overrides, in the order given.
    public var overrides: [Override] = []
    /// `--steps-per-epoch K`: optimizer updates per epoch, for sources that count epochs.
    public var stepsPerEpoch: Int?
    /// `--epochs N` when given explicitly (the run length where the source has none).
    public var epochs: Int?
    /// `--lr` when given explicitly (overrides the config's lrs).
    public var lrs: [Double]?

    /// Settings.
    public init(overrides: [Override] = [], stepsPerEpoch: Int? = nil, epochs: Int? = nil, lrs: [Double]? = nil) {
        self.overrides = overrides
        self.stepsPerEpoch = stepsPerEpoch
        self.epochs = epochs
        self.lrs = lrs
    }
}

/// A number a reader derived, shown in the subtitle and with `--verbose` (`total updates`, `1170`).
public struct DerivedNumber: Sendable, Equatable {
    /// What it is.
    public var label: String
    /// Its value as text.
    public var value: String

    /// A derived number.
    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// What a reader makes of a document.
public struct ConfigRun: Sendable {
    /// The schedule: a registry entry's call (`hf.cosine`, `timm.cosine`, `deepspeed.warmup_lr`, …)
    /// whose arguments carry their origins in the file. Bound by ``Binder``.
    public var call: CallValue
    /// Each param group's base lr as the library's trainer builds the groups (nil: the run's `--lr`).
    public var lrs: [Double]?
    /// The optimizer's Adam settings, where the config sets them.
    public var adam: AdamSettings?
    /// The run length in optimizer updates (the rows), when the source gives it.
    public var updates: Int?
    /// Optimizer updates per epoch, when known (the chart gets the epoch axis). This replaces the
    /// command line's `--steps-per-epoch` on the chart: a reader that uses it returns it here.
    public var stepsPerEpoch: Int?
    /// Optimizer updates per scheduler step: 1 when the trainer steps the scheduler after every
    /// update; the updates per epoch when it steps it once per epoch (each epoch's lr then holds
    /// for that many rows).
    public var updatesPerStep = 1
    /// Where the config surprises: each is printed as a warning and noted on the chart, with the
    /// value the user probably expected.
    public var traps: [Diagnostic] = []
    /// Other warnings (unknown keys).
    public var warnings: [Diagnostic] = []
    /// The numbers the reader derived (total updates, warm-up updates, updates per epoch, the lr used).
    public var derived: [DerivedNumber] = []

    /// A run of `call`.
    public init(call: CallValue, lrs: [Double]? = nil, adam: AdamSettings? = nil, updates: Int? = nil, stepsPerEpoch: Int? = nil) {
        self.call = call
        self.lrs = lrs
        self.adam = adam
        self.updates = updates
        self.stepsPerEpoch = stepsPerEpoch
    }
}

/// One kind of config lrplot reads (HF TrainingArguments, timm train.py, DeepSpeed, MMEngine,
/// Ultralytics). Readers are listed in ``ConfigReaders/all``.
public protocol ConfigReader {
    /// The kind's name in messages (`HF TrainingArguments`).
    static var kind: String { get }
    /// Whether the document is of this kind (by its keys or flags).
    static func recognizes(_ document: ConfigDocument) -> Bool
    /// Reads the document; an unknown key is a warning, a key it cannot honour an error naming it.
    static func read(_ document: ConfigDocument, settings: ConfigSettings) throws(Diagnostic) -> ConfigRun
}

/// The readers, in the order they are asked.
public enum ConfigReaders {
    /// Every reader (each ecosystem adds its own here).
    public static var all: [any ConfigReader.Type] {
        [HFTrainingArgumentsReader.self, TimmTrainReader.self, DeepSpeedConfigReader.self, MMEngineConfigReader.self, UltralyticsConfigReader.self,
         KerasSerializedReader.self]
    }
}
