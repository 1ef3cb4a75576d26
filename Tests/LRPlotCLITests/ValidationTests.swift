import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// Validation follows the libraries: lrplot runs what they run (warning where they silently
/// misbehave), refuses what they refuse, and the flag form, the Python-call form and composites agree.
@Suite struct ValidationTests {
    func lrs(_ r: RunResult) -> [String] {
        r.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }
    }

    /// Values PyTorch, transformers and timm take without checking, which lrplot used to refuse.
    @Test(arguments: [
        "cosine --t-max 10.5", "'CosineAnnealingLR(optimizer, T_max=10.5)'",
        "cyclic --max-lr 0.2 --step-size-up 2.5", "'CyclicLR(optimizer, 0.01, 0.2, step_size_up=2.5, step_size_down=3.5)'",
        "hf.cosine_with_restarts --num-warmup-steps 5 --num-cycles 2.5", "timm.cosine --t-initial 12.5",
        "exponential --gamma inf", "'ExponentialLR(optimizer, gamma=float(\"inf\"))'", "step --step-size 3 --gamma nan",
        "multistep --milestones -5,10", "constant --total-iters -1", "linear --total-iters -1", "polynomial --total-iters -1",
        "polynomial --power -1 --total-iters 200", "constant --factor 0 --total-iters 200",
        "plateau --patience 1 --metrics nan,1,nan,nan,nan,nan,nan,nan,nan,nan --epochs 10",
    ])
    func runsWhatTheLibraryRuns(_ line: String) throws {
        let r = lrplot(try shellWords(line))
        #expect(r.code == 0, "\(line): \(r.stderr)")
        #expect(r.stdout.hasPrefix("epoch,lr0,"))
    }

    @Test func flagAndPythonFormsAgreeOnFloats() throws {
        #expect(lrplot(["cosine", "--t-max", "10.5"]).stdout == lrplot(["CosineAnnealingLR(optimizer, T_max=10.5)"]).stdout)
        #expect(lrplot(["cosine", "--t-max", "10"]).stdout == lrplot(["CosineAnnealingLR(optimizer, T_max=10)"]).stdout)
        #expect(lrplot(["cosine", "--t-max", "10.5"]).stdout != lrplot(["cosine", "--t-max", "10"]).stdout)
        // An int written as a float keeps the int's arithmetic (10.0 == 10 in every formula).
        #expect(lrplot(["cosine", "--t-max", "10.0"]).stdout == lrplot(["cosine", "--t-max", "10"]).stdout)
        #expect(lrplot(["timm.cosine", "--t-initial", "20.0"]).stdout == lrplot(["timm.cosine", "--t-initial", "20"]).stdout)
    }

    @Test func anUnreachableMilestoneRunsWithAWarning() throws {
        let warned = lrplot(["multistep", "--milestones", "-5,-1,10", "--gamma", "0.5", "--epochs", "20"])
        let plain = lrplot(["multistep", "--milestones", "10", "--gamma", "0.5", "--epochs", "20"])
        #expect(warned.code == 0)
        #expect(warned.stderr.hasPrefix("lrplot: warning: --milestones: milestones -5, -1 can never be reached"), "\(warned.stderr)")
        #expect(warned.stdout == plain.stdout)
        #expect(plain.stderr.isEmpty)
    }

    @Test func nanMetricsAreNeverBetter() throws {
        // torch: a NaN metric never improves on the best, so it counts as a bad epoch.
        let r = lrplot(["plateau", "--patience", "1", "--metrics", "1,nan,nan,nan,0.5,0.5", "--epochs", "6"])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(lrs(r) == ["0.1", "0.1", "0.1", "0.010000000000000002", "0.010000000000000002", "0.010000000000000002"], "\(r.stdout)")
    }

    /// One rule for cyclic's default base_lr: the --lr values, also after an earlier child changed the lr.
    @Test func cyclicDefaultBaseLRIsTheLRValues() throws {
        let r = lrplot(try shellWords("chained -- constant --factor 0.5 --total-iters 100 -- cyclic --max-lr 0.2 --step-size-up 4 --epochs 3"))
        #expect(r.code == 0, "\(r.stderr)")
        // torch 2.15 with base_lr=0.1 prints these; the lr ConstantLR left (0.05) would give 0.1, 0.0875, 0.125.
        #expect(lrs(r) == ["0.1", "0.125", "0.15000000000000002"], "\(r.stdout)")
        let explicit = lrplot(try shellWords("chained -- constant --factor 0.5 --total-iters 100 -- cyclic --base-lr 0.1 --max-lr 0.2 --step-size-up 4 --epochs 3"))
        #expect(explicit.stdout == r.stdout)
    }

    @Test func zeroFactorFailsWhenTotalItersIsReached() throws {
        let folder = temporaryFolder()
        let r = lrplot(["constant", "--factor", "0", "--total-iters", "5", "--epochs", "10", "-o", folder.appendingPathComponent("c.csv").path])
        #expect(r.code == 2 && r.stderr.contains("ZeroDivisionError"), "\(r.stderr)")
        #expect(listing(folder).isEmpty)
    }

    /// Floats accepted where ints were make no conversion trap: tiny or huge values end in a
    /// run or a named error, never a signal.
    @Test(arguments: [
        ("CyclicLR(optimizer, 0.1, 0.2, step_size_up=1e-300)", Int32(0)),
        ("CyclicLR(optimizer, 0.1, 0.2, step_size_up=1e-300, mode='triangular2')", Int32(2)),
        ("CyclicLR(optimizer, 0.1, 0.2, step_size_up=1e-300, scale_fn=lambda x: 1.0)", Int32(2)),
        ("CosineAnnealingLR(optimizer, T_max=5e-324)", Int32(0)),
        ("CosineAnnealingLR(optimizer, T_max=1e308)", Int32(0)),
        ("timm.scheduler.CosineLRScheduler(optimizer, t_initial=1e-300)", Int32(0)),
        ("get_cosine_with_hard_restarts_schedule_with_warmup(optimizer, 2, num_cycles=1e308)", Int32(0)),
    ])
    func extremeFloatsNeverTrap(_ line: String, _ code: Int32) throws {
        let r = lrplot([line, "--epochs", "50"])
        #expect(r.code == code, "\(line): \(r.stderr)")
        if code == 2 { #expect(r.stderr.hasPrefix("lrplot: error: ")) }
    }
}
