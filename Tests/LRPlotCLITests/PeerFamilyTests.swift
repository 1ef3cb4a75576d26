import Foundation
import Testing
import LRPlotCLI

/// Issue 7 beyond the fixtures: the HF and timm families' validation (their own messages), the
/// get_scheduler call form, composition rules and timm's noise.
@Suite struct PeerFamilyTests {
    @Test(arguments: [
        ("hf.polynomial --lr-end 0.5 --lr 0.1", "lr_end (0.5) must be smaller than initial lr (0.1)"),
        ("hf.cosine_with_min_lr --min-lr 0.01 --min-lr-rate 0.1", "Only one of min_lr or min_lr_rate should be set"),
        ("hf.cosine_with_min_lr", "One of min_lr or min_lr_rate should be set"),
        ("hf.warmup_stable_decay --num-warmup-steps 5", "needs --num-decay-steps"),
        ("hf.warmup_stable_decay --num-decay-steps 5 --decay-type exp", "--decay-type: 'exp' is not one of linear, cosine, 1-sqrt"),
        ("'get_scheduler(\"linear\", optimizer)'", "requires `num_warmup_steps`"),
        ("'get_scheduler(\"cosine\", optimizer, num_warmup_steps=10)'", "requires `num_training_steps`"),
        ("'get_scheduler(\"cosinus\", optimizer, num_warmup_steps=10)'", "is not a valid SchedulerType"),
        ("timm.cosine", "needs --t-initial"),
        ("timm.tanh --t-initial 10 --lb 3 --ub 1", "lb must be below ub"),
        ("timm.wsd --t-initial 10 --decay-t 20", "Invalid decay_t (20), must be in (0, t_initial] w/ t_initial=10."),
        ("timm.wsd --t-initial 10 --decay-t 5 --stable-fn rsqrt", "requires a positive stable_timescale"),
        ("timm.wsd --t-initial 10 --decay-t 5 --decay-ratio 1", "Invalid decay_ratio (1.0), must be in (0, 1)."),
        ("timm.step --decay-t 0", "--decay-t"),
        ("timm.cosine --t-initial 10 --noise-range-t 1,2,3", "--noise-range-t"),
        ("chained -- timm.cosine --t-initial 5 -- step --step-size 2", "timm schedulers are not torch LRSchedulers"),
        ("'SequentialLR(optimizer, [CosineLRScheduler(optimizer, t_initial=5), StepLR(optimizer, 2)], milestones=[3])'", "cannot be composed"),
    ])
    func invalidParametersAreRejected(line: String, message: String) throws {
        let folder = temporaryFolder()
        let r = lrplot(try shellWords(line) + ["-o", folder.appendingPathComponent("x.png").path])
        #expect(r.code == 2, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(listing(folder).isEmpty)
    }

    @Test func getSchedulerMatchesTheFunctionForm() throws {
        let call = lrplot(["get_scheduler(\"warmup_stable_decay\", optimizer, num_warmup_steps=5, num_training_steps=50, scheduler_specific_kwargs=dict(num_decay_steps=10, decay_type=\"linear\"))", "--epochs", "60"])
        let flags = lrplot(try shellWords("hf.warmup_stable_decay --num-warmup-steps 5 --num-training-steps 50 --num-decay-steps 10 --decay-type linear --epochs 60"))
        #expect(call.code == 0 && flags.code == 0, "\(call.stderr) \(flags.stderr)")
        #expect(call.stdout == flags.stdout)
        let plateau = lrplot(["get_scheduler(\"reduce_lr_on_plateau\", optimizer, scheduler_specific_kwargs={\"patience\": 2})", "--epochs", "30"])
        #expect(plateau.stdout == lrplot(["plateau", "--patience", "2", "--epochs", "30"]).stdout)
    }

    @Test func timmNoiseIsSeededAndBounded() throws {
        let line = "timm.cosine --t-initial 50 --noise-range-t 10,40 --noise-pct 0.2 --epochs 50"
        let a = lrplot(try shellWords(line)), b = lrplot(try shellWords(line))
        let plain = lrplot(try shellWords("timm.cosine --t-initial 50 --epochs 50"))
        #expect(a.stdout == b.stdout)
        func lrs(_ r: RunResult) -> [Double] { r.stdout.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[1]) ?? .nan } }
        let noisy = lrs(a), clean = lrs(plain)
        for e in 0..<50 {
            if e < 10 || e >= 40 { #expect(noisy[e] == clean[e], "epoch \(e) outside the range") } else {
                #expect(abs(noisy[e] - clean[e]) < 0.2 * clean[e] + 1e-15, "epoch \(e)")
            }
        }
        #expect((10..<40).contains { noisy[$0] != clean[$0] })
        let reseeded = lrplot(try shellWords(line + " --noise-seed 7"))
        #expect(reseeded.stdout != a.stdout)
    }

    @Test func listShowsTheFamilies() {
        let list = lrplot(["list"]).stdout
        #expect(list.contains("Hugging Face transformers 5.24") && list.contains("timm 1.0.31"))
        #expect(list.contains("hf.warmup_stable_decay") && list.contains("timm.wsd  WSDLRScheduler"))
    }
}
