import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// Reviewable text snapshots of everything the registry generates (help for every schedule, the
/// listing, the man page, the completion scripts) and a table of error messages. A change to any
/// of them shows up as a diff of `Tests/LRPlotCLITests/Snapshots/`; `make snapshots` re-records them.
@Suite struct SnapshotTests {
    static let folder = testsFolder.appendingPathComponent("Snapshots")
    static let recording = ProcessInfo.processInfo.environment["LRPLOT_RECORD_SNAPSHOTS"] != nil

    /// Compares `text` with the snapshot `name` (or records it).
    static func check(_ name: String, _ text: String) throws {
        let url = folder.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != text {
            let actual = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("lrplot-snapshot-\(name)")
            try? text.write(to: actual, atomically: true, encoding: .utf8)
            Issue.record("\(name) differs from its snapshot; actual output in \(actual.path) (diff it, then `make snapshots` if the change is intended)")
        }
    }

    static func output(_ words: [String]) -> String {
        let r = lrplot(words)
        return r.stdout + r.stderr
    }

    @Test func helpOfEverySchedule() throws {
        let text = ScheduleRegistry.all.map { "$ lrplot help \($0.name)\n" + Self.output(["help", $0.name]) }.joined(separator: "\n")
        try Self.check("help-schedules.txt", text)
    }

    @Test func overviewListAndManPage() throws {
        try Self.check("help.txt", Self.output(["--help"]))
        try Self.check("list.txt", Self.output(["list"]))
        try Self.check("lrplot.1", Self.output(["man"]))
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(_ shell: String) throws {
        try Self.check("completions.\(shell)", Self.output(["completions", shell]))
    }

    /// Command lines that must fail, each with the exact message a user sees.
    static let errorLines = [
        "", "stepp --step-size 3", "step", "step --step-size 0", "step --step-size 2.5", "step --step-size 5 --gamma abc",
        "step --step-size 5 --gama 0.9", "step --step-size 5 --steps 3", "multistep --milestones 30,,60", "multistep --milestones 30,x",
        "cyclic --max-lr 0.1 --mode triangle", "cyclic --max-lr 0.1,0.2 --lr 0.1,0.2,0.3", "onecycle --max-lr 0.1 --total-steps 50",
        "onecycle --max-lr 0.1 --steps_per_epoch 10", "lambda --lr-lambda 'epoch +'", "lambda --lr-lambda 'foo(epoch)'",
        "lambda --lr-lambda 1 --lr-lambda 2 --lr-lambda 3 --lr 0.1,0.2", "sequential --milestones 5 -- linear", "sequential -- plateau",
        "chained -- timm.cosine --t-initial 10", "chained", "chained --", "step --step-size 3 -- linear",
        "'StepLR(optimizer, step_size=5, gama=0.9)'", "'StepLR(optimizer, gamma=0.9)'", "'StepLR(optimizer, step_size=5'",
        "'StepLR(optimizer, step_size=5.0)'", "'OneCycleLR(optimizer, max_lr=0.1, pct_start=1)'", "'OneCycleLR(optimizer, max_lr=[0.1, 0.2])'",
        "'LambdaLR(optimizer, lr_lambda=lambda e: e +)'", "'SequentialLR(optimizer, [StepLR(optimizer, 3), 0.5], milestones=[5])'",
        "'get_scheduler(\"cosine\", optimizer, num_warmup_steps=10)'", "'get_scheduler(\"cosin\", optimizer)'",
        "compare 'step --step-size 30' 'onecycle --max-lr 0.1 --total-steps 50'", "compare 'step --step-size 30' 'cosine --t-max 0'",
        "compare 'step --step-size 30' 'CosineAnnealingLR(optimizer, T_max=0)'", "step --step-size 3 --metrics 1,2",
        "plateau --metrics 1,2,3", "step --step-size 3 --width 5", "step --step-size 3 --format jpg",
    ]

    @Test func errorMessages() throws {
        var text = ""
        for line in Self.errorLines {
            let r = lrplot(try shellWords(line))
            #expect(r.code == 2, "\(line): \(r.stderr)")
            text += "$ lrplot \(line)\n[exit \(r.code)]\n\(r.stdout)\(r.stderr)\n"
        }
        try Self.check("errors.txt", text)
    }
}
