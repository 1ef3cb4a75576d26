import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// The keras.* and optax.* families as users write them: flags, the Python-call form with its
/// prefixes, the libraries' errors, composition rules, `compare` next to torch, markers and help.
@Suite struct Float32FamilyTests {
    /// The lr column of a run.
    static func lrs(_ arguments: [String]) -> [Double] {
        let run = lrplot(arguments + ["-o", "-"])
        #expect(run.code == 0, "\(arguments): \(run.stderr)")
        return run.stdout.split(separator: "\n").dropFirst().compactMap { Double(String($0.split(separator: ",")[1])) }
    }

    @Test func flagsAndEveryPythonSpellingGiveTheSameValues() {
        let flags = Self.lrs(["keras.cosine_decay", "--initial-learning-rate", "0", "--decay-steps", "900", "--alpha", "0.1",
                              "--warmup-target", "1e-3", "--warmup-steps", "100", "--epochs", "1001"])
        for prefix in ["keras.optimizers.schedules.", "tf.keras.optimizers.schedules.", ""] {
            let call = "\(prefix)CosineDecay(0.0, 900, alpha=0.1, warmup_target=1e-3, warmup_steps=100)"
            #expect(Self.lrs([call, "--epochs", "1001"]) == flags, "\(call)")
        }
        #expect(Self.lrs(["schedule = keras.optimizers.schedules.CosineDecay(0.0, 900, alpha=0.1, warmup_target=1e-3, warmup_steps=100)",
                          "--epochs", "1001"]) == flags)
        // Keras's values (more-libraries.md §1.4), float32 widened to double.
        #expect(flags[50] == Double(Float(bitPattern: 0x3a03_126f)) && flags[1000] == Double(Float(bitPattern: 0x38d1_b718)))
        let optax = Self.lrs(["optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=3e-4, warmup_steps=1000, decay_steps=10000, end_value=3e-5)",
                              "--epochs", "10001"])
        #expect(optax[1] == Double(Float(bitPattern: 0x34a1_1000)) && optax[10000] == Double(Float(bitPattern: 0x37fb_a883)))
        #expect(optax == Self.lrs(["optax.warmup_cosine_decay", "--init-value", "0", "--peak-value", "3e-4", "--warmup-steps", "1000",
                                   "--decay-steps", "10000", "--end-value", "3e-5", "--epochs", "10001"]))
    }

    /// Keras switches one step after a boundary; optax at the boundary.
    @Test func theTwoLibrariesBoundaryRules() {
        let keras = Self.lrs(["keras.piecewise_constant_decay", "--boundaries", "10,20", "--values", "1.0,0.5,0.1", "--epochs", "25"])
        #expect(keras[10] == 1.0 && keras[11] == 0.5 && keras[20] == 0.5 && keras[21] == Double(Float(0.1)))
        let optax = Self.lrs(["optax.piecewise_constant", "--init-value", "1.0", "--boundaries-and-scales", "10:0.5,20:0.2", "--epochs", "25"])
        #expect(optax[9] == 1.0 && optax[10] == 0.5 && optax[19] == 0.5 && optax[20] == Double(Float(0.5) * Float(0.2)))
    }

    @Test func theLrIsAbsoluteForEveryGroup() {
        let run = lrplot(["optax.constant", "--value", "3e-4", "--lr", "0.1,0.01", "--epochs", "3", "-o", "-"])
        #expect(run.code == 0)
        let row = run.stdout.split(separator: "\n")[1].split(separator: ",")
        #expect(row[1] == row[2] && Double(String(row[1])) == Double(Float(3e-4)))
    }

    @Test func joinSchedulesNestsAndTakesOnlyOptaxSchedules() {
        let nested = Self.lrs(["optax.join_schedules([optax.join_schedules([optax.constant_schedule(1.0), optax.constant_schedule(2.0)], [5]), optax.constant_schedule(3.0)], boundaries=[10])",
                               "--epochs", "12"])
        #expect(nested == [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3])
        let torchChild = lrplot(["optax.join_schedules([StepLR(optimizer, 3)], [10])", "-o", "-"])
        #expect(torchChild.code == 2 && torchChild.stderr.contains("not optax schedules"))
        let kerasInTorch = lrplot(["sequential", "--milestones", "5", "--", "constant", "--", "keras.cosine_decay", "--initial-learning-rate", "1",
                                   "--decay-steps", "10", "-o", "-"])
        #expect(kerasInTorch.code == 2 && kerasInTorch.stderr.contains("not torch LRSchedulers"))
    }

    @Test func theLibrariesErrorsNameTheArgument() {
        let cases: [([String], String)] = [
            (["keras.optimizers.schedules.ExponentialDecay(0.1, 0, 0.9)"], "Argument `decay_steps` must be > 0"),
            (["keras.optimizers.schedules.PiecewiseConstantDecay([100, 200], [1.0, 0.5])"], "The length of boundaries should be 1 less"),
            (["keras.optimizers.schedules.CosineDecayRestarts(1e-3, -5)"], "first_decay_steps"),
            (["optax.warmup_cosine_decay_schedule(0.0, 1e-3, 100, 100)"], "requires positive decay_steps"),
            (["optax.cosine_decay_schedule(1e-3, 0)"], "requires positive decay_steps"),
            (["optax.linear_onecycle_schedule(0, 0.1)"], "non-positive `transition_steps`"),
            (["optax.piecewise_constant", "--init-value", "0.1", "--boundaries-and-scales", "10:-1"], "non-negative scale factors"),
            (["optax.sgdr", "--cosine-kwargs", "0:1:2"], "INIT:PEAK:WARMUP:DECAY"),
            (["optax.sgdr_schedule([dict(init_value=0.0, peak_value=1e-3, warmup_steps=10, decay_step=100)])"], "Did you mean 'decay_steps'"),
            (["keras.cosine_decay", "--initial-learning-rate", "1e-3"], "needs --decay-steps"),
        ]
        for (arguments, message) in cases {
            let run = lrplot(arguments + ["-o", "-"])
            #expect(run.code == 2 && run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
    }

    /// The same recipe in torch, Keras and optax on one chart (the README's example).
    @Test func compareOverlaysTorchKerasAndOptax() {
        let run = lrplot(["compare", "sequential --milestones 10 -- linear --start-factor 1e-9 --end-factor 1 --total-iters 10 -- cosine --t-max 90",
                          "keras.optimizers.schedules.CosineDecay(0.0, 90, warmup_target=1e-3, warmup_steps=10)",
                          "optax.warmup_cosine_decay_schedule(0.0, 1e-3, 10, 100)", "--lr", "1e-3", "--epochs", "100", "-o", "-"])
        #expect(run.code == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 101)
        // At the peak all three give 1e-3 (torch in double, the others 1e-3 as float32).
        let peak = rows[11]
        #expect(Double(String(peak[1])).map { abs($0 - 1e-3) < 1e-12 } == true)
        #expect(Double(String(peak[4])) == Double(Float(1e-3)) && Double(String(peak[7])) == Double(Float(1e-3)))
    }

    @Test func markersAndHelpNameEachLibrary() {
        let help = lrplot(["help", "keras.cosine_decay_restarts"])
        #expect(help.code == 0 && help.stdout.contains("keras.optimizers.schedules.CosineDecayRestarts"))
        let optaxHelp = lrplot(["help", "optax.sgdr"])
        #expect(optaxHelp.stdout.contains("optax.sgdr_schedule") && !optaxHelp.stdout.contains("optimizer,"))
        let list = lrplot(["list"])
        #expect(list.stdout.contains("Keras 3.15.1 (keras.optimizers.schedules") && list.stdout.contains("optax 0.2.8"))
        let restarts = ScheduleRegistry.lookup("keras.cosine_decay_restarts")
        let sgdr = ScheduleRegistry.lookup("sgdr_schedule")
        #expect(restarts?.family == .keras && sgdr?.family == .optax)
        var verbose = false
        if let call = try? PythonCall.parse("keras.optimizers.schedules.CosineDecayRestarts(1e-3, 10)"),
           let arguments = try? Binder.bindCall(call, verbose: &verbose) {
            #expect(arguments.definition.markers(arguments, 100).map(\.epoch) == [10, 30, 70])
        } else {
            Issue.record("CosineDecayRestarts did not bind")
        }
    }

    /// numpy's float32 cos kernel against glibc's `cosf`: they differ (which is why it is ported), and
    /// the port agrees with numpy's values recorded in more-libraries.md.
    @Test func numpysCosineIsNotLibmsCosine() {
        var differing = 0
        for k in 0..<2000 {
            let x = Float(k) * 0.0015707963
            if NumpyFloat32.cos(x) != cosf(x) { differing += 1 }
            #expect(abs(NumpyFloat32.cos(x) - cosf(x)) <= 4 * cosf(x).ulp)
        }
        #expect(differing > 0)
        #expect(NumpyFloat32.cos(.nan).isNaN && NumpyFloat32.cos(1e6) == cosf(1e6))
    }
}
