import Foundation
import Testing
import LRPlotCLI

/// Issue 3 from the command line: validation that mirrors PyTorch, composites in both forms,
/// plateau metrics from flags and files, and the beta1 columns of momentum-cycling schedules.
@Suite struct SchedulerCommandTests {
    /// Every invalid parameter PyTorch rejects (and the ones where it would crash) exits 2, names
    /// the flag or argument, and leaves no file behind.
    @Test(arguments: [
        ("constant --factor 0", "--factor"),
        ("constant --factor 1.5", "Constant multiplicative factor expected to be between 0 and 1."),
        ("linear --start-factor 0", "Starting multiplicative factor expected to be greater than 0"),
        ("linear --end-factor 1.2", "Ending multiplicative factor expected to be between 0 and 1."),
        ("cyclic --max-lr 0.1 --mode CATS", "--mode: 'CATS' is not one of triangular, triangular2, exp_range"),
        ("cyclic --max-lr 0.1,0.2 --lr 0.1,0.2,0.3", "max_lr must have the same length as optimizer.param_groups. max_lr has 2 values, param_groups has 3."),
        ("cyclic --max-lr 0.1 --base-momentum 1 --max-momentum 1", "ZeroDivisionError"),
        ("onecycle --max-lr 0.1 --pct-start 1.1", "--pct-start: 1.1 is out of range"),
        ("onecycle --max-lr 0.1 --anneal-strategy CATS", "--anneal-strategy: 'CATS' is not one of cos, linear"),
        ("onecycle --max-lr 0.1 --total-steps 50", "--total-steps: the run takes 100 steps but total_steps is 50"),
        ("onecycle --max-lr 0.1 --total-steps 10 --epochs 10 --pct-start 0.1", "--pct-start: ZeroDivisionError"),
        ("onecycle --max-lr 0.1 --steps_per_epoch 10", "--steps_per_epoch is only accepted in the Python-call form"),
        ("'OneCycleLR(optimizer, max_lr=1e-3, epochs=10)'", "You must define either total_steps OR (epochs AND steps_per_epoch)"),
        ("'OneCycleLR(optimizer, max_lr=0.1, pct_start=1)'", "Expected float between 0 and 1 pct_start, but got 1"),
        ("cosine-warm-restarts --t-0 0", "Expected positive integer T_0"),
        ("cosine-warm-restarts --t-0 5 --t-mult 0", "Expected integer T_mult >= 1"),
        ("'CosineAnnealingWarmRestarts(optimizer, T_0=10.0)'", "Expected positive integer T_0, but got 10.0"),
        ("plateau --mode CATS", "--mode: 'CATS' is not one of min, max"),
        ("plateau --threshold-mode CATS", "--threshold-mode: 'CATS' is not one of rel, abs"),
        ("plateau --factor 1.0", "Factor should be < 1.0."),
        ("plateau --min-lr 0.1,0.2 --lr 0.1,0.1,0.1", "--min-lr: expected 3 min_lrs, got 2"),
        ("plateau --metrics 1,2,3", "--metrics: 3 values for 100 epochs"),
        ("step --step-size 3 --metrics 1,2", "--metrics: only plateau reads metrics"),
        ("plateau --metrics-column 2", "--metrics-column: chooses a column of --metrics-file"),
        ("multiplicative --lr-lambda 0.9 --lr-lambda 0.9 --lr-lambda 0.9 --lr 0.1,0.2", "Expected 2 lr_lambdas, but got 3"),
        // PyTorch checks no range for power: a negative one raises when the lr reaches 0 (0.0 ** -1).
        ("polynomial --power -1", "--power: ZeroDivisionError"),
        ("constant --factor 0 --total-iters 5", "--factor: ZeroDivisionError"),
        ("hf.cosine_with_min_lr --lr 0,0.1 --min-lr 1e-5", "--min-lr: ZeroDivisionError"),
        ("sequential --milestones 5 -- linear", "Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points"),
        ("sequential -- plateau -- step --step-size 3", "does not support `ReduceLROnPlateau` scheduler"),
        ("chained -- plateau", "ChainedScheduler does not support `ReduceLROnPlateau`"),
        ("chained", "chained needs child schedules after '--'"),
        ("chained --", "'--' at the end"),
        ("chained -- --gamma 0.9", "'--' must be followed by a child schedule"),
        ("step --step-size 3 -- linear", "unexpected '--' (step is not a composite)"),
        ("sequential --milestones 5 -- sequential -- linear", "only be written in the Python-call form"),
        ("'SequentialLR(optimizer, [StepLR(optimizer, 3), ChainedScheduler([ExponentialLR(optimizer, 0.9)])], milestones=[5])'", "NotImplementedError"),
        ("'SequentialLR(optimizer, [LinearLR(total_iters=5), PolynomialLR(total_iters=0)], milestones=[5])'", "--total-iters: ZeroDivisionError"),
        ("'SequentialLR(optimizer, milestones=[5])'", "missing required argument 'schedulers'"),
        ("'ChainedScheduler([StepLR(optimizer, 3), 0.5])'", "'0.5' is not a scheduler call"),
        ("cyclic --max-lr 0.1 --step-size-up 0", "--step-size-up: 0 is out of range"),
    ])
    func invalidParametersAreRejected(line: String, message: String) throws {
        let folder = temporaryFolder()
        let r = lrplot(try shellWords(line) + ["-o", folder.appendingPathComponent("out.png").path])
        #expect(r.code == 2, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("lrplot: error: "))
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(listing(folder).isEmpty)
    }

    /// The flag form and the Python-call form of the same composite give identical CSV.
    @Test func compositeFlagFormEqualsPythonCallForm() throws {
        let flags = lrplot(try shellWords("sequential --milestones 5 -- linear --start-factor 0.1 --total-iters 5 -- cosine --t-max 95 --lr 0.1,0.05"))
        let call = lrplot(["SequentialLR(optimizer, schedulers=[LinearLR(optimizer, start_factor=0.1, total_iters=5), torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, 95)], milestones=[5])",
                           "--lr", "0.1,0.05"])
        #expect(flags.code == 0 && call.code == 0, "\(flags.stderr) \(call.stderr)")
        #expect(flags.stdout == call.stdout)
        #expect(flags.stdout.split(separator: "\n").count == 101)
    }

    /// Common flags may stand inside a child's segment; Python calls may be children.
    @Test func commonFlagsAndPythonCallsInsideChildSegments() throws {
        let a = lrplot(try shellWords("chained -- step --step-size 3 --epochs 12 -- 'ExponentialLR(optimizer, gamma=0.9)' --lr 0.5"))
        let b = lrplot(try shellWords("--lr 0.5 --epochs 12 chained -- step --step-size 3 -- exponential --gamma 0.9"))
        #expect(a.code == 0 && b.code == 0, "\(a.stderr) \(b.stderr)")
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.split(separator: "\n").count == 13)
    }

    /// `--metrics-file` (one per line, or a CSV column by name or number) feeds plateau exactly as
    /// `--metrics` does; the toy loss is the default.
    @Test func metricsFromAFileEqualMetricsFromTheFlag() throws {
        let values = (0..<30).map { i in i < 8 ? 1.0 - Double(i) * 0.1 : 0.35 }
        let text = values.map { String($0) }
        let folder = temporaryFolder()
        let plain = folder.appendingPathComponent("m.txt"), csv = folder.appendingPathComponent("m.csv")
        try ("# validation loss\n" + text.joined(separator: "\n") + "\n").write(to: plain, atomically: true, encoding: .utf8)
        try ("epoch,val_loss\n" + text.enumerated().map { "\($0.offset),\($0.element)" }.joined(separator: "\n")).write(to: csv, atomically: true, encoding: .utf8)
        let base = ["plateau", "--patience", "2", "--epochs", "30"]
        let fromFlag = lrplot(base + ["--metrics", text.joined(separator: ",")])
        let fromFile = lrplot(base + ["--metrics-file", plain.path])
        let byName = lrplot(base + ["--metrics-file", csv.path, "--metrics-column", "val_loss"])
        let byNumber = lrplot(base + ["--metrics-file", csv.path, "--metrics-column", "2"])
        let fromLoss = lrplot(base)
        #expect(fromFlag.code == 0, "\(fromFlag.stderr)")
        #expect(fromFile.stdout == fromFlag.stdout && byName.stdout == fromFlag.stdout && byNumber.stdout == fromFlag.stdout,
                "\(fromFile.stderr)\(byName.stderr)\(byNumber.stderr)")
        #expect(fromLoss.stdout != fromFlag.stdout)
        // The metric plateaus from epoch 7 on: with patience 2 the lr drops at row 11 (after step 10).
        let lrs = fromFlag.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        #expect(lrs[10] == "0.1" && lrs[11] != "0.1")
        let bad = lrplot(base + ["--metrics-file", csv.path, "--metrics-column", "loss"])
        #expect(bad.code == 2 && bad.stderr.contains("--metrics-column: 'loss' is not a column"))
        let short = lrplot(["plateau", "--epochs", "31", "--metrics-file", plain.path])
        #expect(short.code == 2 && short.stderr.contains("holds 30 values for 31 epochs"))
    }

    /// CyclicLR and OneCycleLR cycle beta1 (the CSV's beta1 columns), inversely to the lr.
    @Test(arguments: ["cyclic --base-lr 0.01 --max-lr 0.1 --step-size-up 5", "onecycle --max-lr 0.1"])
    func momentumSchedulesCycleBeta1(_ line: String) throws {
        let r = lrplot(try shellWords(line) + ["--epochs", "20"])
        #expect(r.code == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
        let lrs = rows.map { $0[1] }, betas = rows.map { $0[2] }
        let peak = lrs.firstIndex(of: lrs.max() ?? 0) ?? -1
        #expect(betas.first.map { $0 > 0.89 } == true)
        #expect(betas[peak] == betas.min())
        #expect(Set(betas).count > 5)
        let off = lrplot(try shellWords(line) + ["--epochs", "20", "--no-cycle-momentum"])
        #expect(off.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.split(separator: ",")[2] == "0.9" })
    }

    /// `list` and `help` come from the registry and include every PyTorch scheduler.
    @Test func everySchedulerIsListedWithHelp() {
        let list = lrplot(["list"]).stdout
        for name in ["MultiplicativeLR", "ConstantLR", "LinearLR", "PolynomialLR", "CosineAnnealingWarmRestarts", "CyclicLR",
                     "OneCycleLR", "ReduceLROnPlateau", "SequentialLR", "ChainedScheduler"] {
            #expect(list.contains(name))
            let help = lrplot(["help", name])
            #expect(help.code == 0 && help.stdout.contains("torch.optim.lr_scheduler.\(name)"))
        }
        #expect(lrplot(["help", "onecycle"]).stdout.contains("--three-phase"))
        #expect(lrplot(["help", "sequential"]).stdout.contains("-- "))
    }
}
