import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// Runs lrplot in-process with `input` as standard input (for `-`).
func lrplot(_ arguments: [String], standardInput input: String) -> RunResult {
    let out = MemoryOutput(), err = MemoryOutput()
    let reader = SourceReader { path throws(UsageError) in path == "-" ? input : try SourceReader.disk.read(path) }
    let code = LRPlotCommand.main(arguments, environment: CLIEnvironment(standardOutput: out, standardError: err, readSource: reader))
    return RunResult(code: code, stdout: out.text, stderr: err.text)
}

/// Writes `text` to a fresh file called `name` and returns its path.
func configFile(_ name: String, _ text: String) -> String {
    let url = temporaryFolder().appendingPathComponent(name)
    try? text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

/// The path of a committed sample config.
func sampleConfig(_ name: String) -> String { repositoryRoot.appendingPathComponent("fixtures/configs/" + name).path }

/// The SOURCE positional: kinds by extension and content, errors with file:line:column.
@Suite struct SourceDispatchTests {
    @Test func theKindFollowsTheContentOnStandardInput() {
        let json = lrplot(["-", "--set", "dataset_size=100", "-o", "-"], standardInput: #"{"lr_scheduler_type": "linear", "per_device_train_batch_size": 10, "num_train_epochs": 1}"#)
        #expect(json.code == 0, "\(json.stderr)")
        #expect(json.stdout.split(separator: "\n").count == 11)  // header + 10 updates
        let yaml = lrplot(["-", "--steps-per-epoch", "4", "-o", "-"], standardInput: "lr_scheduler_type: constant\nnum_train_epochs: 2\n")
        #expect(yaml.code == 0, "\(yaml.stderr)")
        #expect(yaml.stdout.split(separator: "\n").count == 9)
        let line = lrplot(["-", "-o", "-"], standardInput: "python train.py --sched step --epochs 7 --decay-epochs 2 --warmup-epochs 0 --lr 0.5\n")
        #expect(line.code == 0, "\(line.stderr)")
        #expect(line.stdout.split(separator: "\n").count == 8)
        #expect(line.stdout.contains("\n6,0.0005000000000000001,"))  // 0.5 * 0.1 ** (6 // 2), as timm computes it
    }

    @Test func aPastedMultiLineCallIsAPythonSource() {
        let result = lrplot(["StepLR(optimizer,\n    step_size=2, gamma=0.5)", "--epochs", "3", "-o", "-"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\n2,0.05,"))
        let file = lrplot([configFile("sched.py", "import torch\n# the schedule\nscheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)\n"),
                           "--epochs", "2", "-o", "-"])
        #expect(file.code == 0, "\(file.stderr)")
        #expect(file.stdout.contains("\n1,0.05,"))
    }

    @Test func aDocumentOfNoKnownKindNamesTheKindsLrplotReads() {
        let result = lrplot([configFile("other.json", #"{"foo": 1}"#)])
        #expect(result.code == 2)
        #expect(result.stderr.contains("other.json: this is a JSON object of no kind lrplot knows; lrplot reads Python snippets (.py), HF TrainingArguments, timm train.py, DeepSpeed, MMEngine config, Ultralytics, Keras serialized schedule"))
        let list = lrplot([configFile("list.yaml", "- 1\n- 2\n")])
        #expect(list.code == 2)
        #expect(list.stderr.contains("not a YAML mapping"))
    }

    @Test func syntaxErrorsNameTheLineAndColumn() {
        let result = lrplot([configFile("bad.json", "{\n  \"learning_rate\": 0.1,\n  \"x\": \n}\n")])
        #expect(result.code == 2)
        #expect(result.stderr.contains("bad.json:4:1: not valid JSON"), "\(result.stderr)")
        let word = lrplot([configFile("word.json", "{\"lr_scheduler_type\": cosine}")])
        #expect(word.stderr.contains("word.json:1:23: not valid JSON: 'cosine' (strings are written in double quotes)"), "\(word.stderr)")
        let empty = lrplot([configFile("empty.yaml", "\n# nothing\n")])
        #expect(empty.code == 2)
        #expect(empty.stderr.contains("is empty") || empty.stderr.contains("lrplot reads"), "\(empty.stderr)")
    }

    @Test func aMissingFileIsNamed() {
        let result = lrplot(["/nonexistent/args.yaml"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("cannot read '/nonexistent/args.yaml'"))
    }

    @Test func onlyCommonFlagsFollowASource() {
        let result = lrplot([sampleConfig("hf_wsd.json"), "--gamma", "0.5"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("unknown option '--gamma': after a source only common flags may follow; change a config key with --set KEY=VALUE"))
    }

    @Test func setOverridesKeysAndNestedKeys() {
        let base = lrplot([sampleConfig("hf_polynomial.yaml"), "--steps-per-epoch", "120", "-o", "-"])
        let power = lrplot([sampleConfig("hf_polynomial.yaml"), "--steps-per-epoch", "120", "--set", "lr_scheduler_kwargs.power=3.0", "-o", "-"])
        #expect(base.code == 0 && power.code == 0, "\(power.stderr)")
        #expect(base.stdout != power.stdout)
        let steps = lrplot([sampleConfig("hf_wsd.json"), "--set", "max_steps=200", "-o", "-"])
        #expect(steps.stdout.split(separator: "\n").count == 201)
    }

    @Test func explicitLrAndEpochsWin() {
        let result = lrplot([sampleConfig("hf_wsd.json"), "--lr", "0.5", "--epochs", "10", "-o", "-"])
        #expect(result.code == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n")
        #expect(rows.count == 11)
        #expect(rows[1].hasPrefix("0,0.05,"))  // WSD warm-up starts at min_lr_ratio 0.1 of the lr
    }

    @Test func compareTakesConfigSpecs() {
        let chart = temporaryFolder().appendingPathComponent("cmp.png").path
        let result = lrplot(["compare", sampleConfig("hf_wsd.json"), sampleConfig("hf_min_lr_max_steps.txt"), "-o", chart])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: chart))
    }

    @Test func trapsAreChartNotesAndDerivedNumbersAreInTheSubtitle() throws {
        let invocation = try InvocationParser.parse([sampleConfig("hf_cosine_ratio.json"), "--set", "dataset_size=10000"])
        guard case .run(let request) = invocation else { Issue.record("not a run"); return }
        #expect(request.notes.contains { $0.contains("rounds up") })
        #expect(request.derived.contains(DerivedNumber("total updates", "939")))
        #expect(request.options.stepsPerEpoch == 313)
        #expect(request.options.epochs == 939)
        #expect(request.options.lrs == [0.0002])
    }
}

/// HF TrainingArguments: each trap warns, unknown keys warn, unsupported keys are errors.
@Suite struct HFConfigTests {
    @Test func theWarmupRatioRoundsUp() {
        let result = lrplot([sampleConfig("hf_cosine_ratio.json"), "--set", "dataset_size=10000", "-o", "-"])
        #expect(result.code == 0)
        #expect(result.stderr.contains("hf_cosine_ratio.json:5:19: warmup_steps 0.03 is a ratio and rounds up: ceil(939 × 0.03) = 29 warm-up updates, not 28.17"), "\(result.stderr)")
    }

    @Test func theFirstUpdateIsWasted() {
        let result = lrplot([sampleConfig("hf_cosine_ratio.json"), "--set", "dataset_size=10000", "-o", "-"])
        #expect(result.stderr.contains("the first update uses lr 0: 'cosine' warms up from factor 0/29 at step 0"))
        #expect(result.stdout.split(separator: "\n")[1].hasPrefix("0,0.0,"))
    }

    @Test func maxStepsOverridesEpochs() {
        let result = lrplot([sampleConfig("hf_min_lr_max_steps.txt"), "-o", "-"])
        #expect(result.code == 0)
        #expect(result.stderr.contains("max_steps 500 overrides num_train_epochs 3: the schedule is planned for 500 updates"), "\(result.stderr)")
    }

    /// A full training_args.json dump holds every field; the defaults in it (num_train_epochs 3.0 beside max_steps) are no trap.
    @Test func aFullDumpWarnsOnlyWhereItSurprises() {
        let result = lrplot([sampleConfig("hf_full_dump.json"), "-o", "-"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("overrides num_train_epochs"))
        #expect(!result.stderr.contains("not TrainingArguments fields"))
        #expect(result.stdout.split(separator: "\n").count == 201)
    }

    @Test func theRemovedWarmupRatioIsReadAs4xDid() {
        let path = configFile("old.json", #"{"lr_scheduler_type": "linear", "warmup_ratio": 0.1, "max_steps": 95}"#)
        let result = lrplot([path, "-o", "-"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warmup_ratio was removed in transformers 5 (PR #41326) and 5.24 refuses this file; lrplot reads it as 4.x did: warmup_steps 0.1"))
        #expect(result.stderr.contains("ceil(95 × 0.1) = 10 warm-up updates, not 9.5"))
        // The same file written for 5.24 gives the same curve.
        let modern = lrplot([configFile("new.json", #"{"lr_scheduler_type": "linear", "warmup_steps": 0.1, "max_steps": 95}"#), "-o", "-"])
        #expect(modern.stdout == result.stdout)
    }

    @Test func warmupStepsOfOneIsOneUpdate() {
        let one = lrplot([configFile("one.yaml", "warmup_steps: 1.0\nmax_steps: 10\n"), "-o", "-"])
        #expect(one.stderr.contains("warmup_steps 1.0 is one update, not the whole run (a ratio must be below 1)"), "\(one.stderr)")
        let truncated = lrplot([configFile("cut.yaml", "warmup_steps: 10.5\nmax_steps: 20\n"), "-o", "-"])
        #expect(truncated.stderr.contains("warmup_steps 10.5 counts updates and is truncated: 10 warm-up updates"))
    }

    @Test func warmupStepsAreUpdatesNotBatches() {
        let result = lrplot([sampleConfig("hf_linear_sharded.yaml"), "--set", "dataset_size=5000", "--set", "world_size=4", "-o", "-"])
        #expect(result.code == 0)
        #expect(result.stderr.contains("hf_linear_sharded.yaml:5:15: warmup_steps 100 counts optimizer updates: with gradient_accumulation_steps 2 the warm-up is 200 batches per process"),
                "\(result.stderr)")
        #expect(result.stderr.contains("the warm-up (100 updates) is longer than the run (78 updates)"))
    }

    @Test func kwargsOfConstantSchedulesAreIgnored() {
        let result = lrplot([configFile("c.json", #"{"lr_scheduler_type": "constant_with_warmup", "warmup_steps": 2, "max_steps": 5, "lr_scheduler_kwargs": {"num_cycles": 3}}"#), "-o", "-"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("lr_scheduler_kwargs is ignored: get_scheduler passes no kwargs to 'constant_with_warmup'"))
    }

    /// PyYAML reads `3e-4` as a string; the Trainer then fails creating the optimizer, so lrplot stops too.
    @Test func aYAMLStringWhereAFloatBelongsFailsAsTheTrainerDoes() {
        let result = lrplot([configFile("r.yaml", "max_steps: 10\nlearning_rate: 3e-4\n")])
        #expect(result.code == 2)
        #expect(result.stderr.contains("r.yaml:2:16: learning_rate is the string '3e-4' (PyYAML reads 3e-4 as a string: YAML 1.1 floats need a dot and a signed exponent, e.g. 3.0e-4)"), "\(result.stderr)")
        // The command line's argparse converts it.
        let bad = lrplot(["-"], standardInput: "python run.py \\\n  --learning_rate 3e-x --max_steps 3")
        #expect(bad.stderr.contains("-:2:19: --learning_rate: could not convert string to float: '3e-x'"), "\(bad.stderr)")
        let line = lrplot(["-", "-o", "-"], standardInput: "--learning_rate 3e-4 --max_steps 3")
        #expect(line.code == 0, "\(line.stderr)")
        #expect(line.stdout.split(separator: "\n")[1].hasPrefix("0,0.0003,"))
    }

    @Test func aYAMLStringInTheSchedulerKwargsFailsAsTheScheduleDoes() {
        let result = lrplot([configFile("k.yaml", "lr_scheduler_type: cosine_with_min_lr\nmax_steps: 10\nlr_scheduler_kwargs:\n  min_lr: 1e-5\n")])
        #expect(result.code == 2)
        #expect(result.stderr.contains("k.yaml:4:11: lr_scheduler_kwargs.min_lr is the string '1e-5' (PyYAML reads 1e-5 as a string: YAML 1.1 floats need a dot and a signed exponent, e.g. 1.0e-5)"),
                "\(result.stderr)")
        let fixed = lrplot([configFile("k.yaml", "lr_scheduler_type: cosine_with_min_lr\nmax_steps: 10\nlr_scheduler_kwargs:\n  min_lr: 1.0e-5\n"), "-o", "-"])
        #expect(fixed.code == 0, "\(fixed.stderr)")
        let shell = lrplot(["-"], standardInput: #"--lr_scheduler_type cosine --max_steps 5 --lr_scheduler_kwargs {"num_cycles":"2"}"#)
        #expect(shell.stderr.contains("--lr_scheduler_kwargs: '{num_cycles:2}' is not a JSON object (json.loads fails on it)"), "\(shell.stderr)")
    }

    @Test func epochsNeedTheUpdatesPerEpoch() {
        let result = lrplot([configFile("e.json", #"{"learning_rate": 0.001, "num_train_epochs": 2}"#)])
        #expect(result.code == 2)
        #expect(result.stderr.contains("num_train_epochs 2 counts epochs: give the optimizer updates per epoch (after gradient accumulation) with --steps-per-epoch K, or the number of training examples with --set dataset_size=N"),
                "\(result.stderr)")
    }

    @Test func unknownKeysWarnAndUnsupportedOnesAreErrors() {
        let unknown = lrplot([configFile("u.json", #"{"learning_rate": 0.001, "max_steps": 5, "model_name_or_path": "gpt2", "lora_r": 8}"#), "-o", "-"])
        #expect(unknown.code == 0)
        #expect(unknown.stderr.contains("keys 'model_name_or_path', 'lora_r' are not TrainingArguments fields of transformers 5.24 (ignored; HfArgumentParser would reject them)"), "\(unknown.stderr)")
        let plateau = lrplot([configFile("p.json", #"{"lr_scheduler_type": "reduce_lr_on_plateau", "max_steps": 5}"#)])
        #expect(plateau.code == 2)
        #expect(plateau.stderr.contains("p.json:1:23: lr_scheduler_type 'reduce_lr_on_plateau' is stepped by the Trainer with evaluation metrics"), "\(plateau.stderr)")
        let typo = lrplot([configFile("t.json", #"{"lr_scheduler_type": "cosin", "max_steps": 5}"#)])
        #expect(typo.stderr.contains("'cosin' is not a valid SchedulerType") && typo.stderr.contains("Did you mean 'cosine'?"))
        let negative = lrplot([configFile("n.json", #"{"warmup_steps": -1, "max_steps": 5}"#)])
        #expect(negative.stderr.contains("Got warmup_steps = -1.0, Expected value warmup_steps >= 0") || negative.stderr.contains("Got warmup_steps = -1"))
    }
}

/// timm train.py: each trap warns, unknown keys warn, unsupported keys are errors.
@Suite struct TimmConfigTests {
    @Test func aNullLrComesFromLrBaseScaling() {
        let assumed = lrplot([sampleConfig("timm_args.yaml"), "-o", "-"])
        #expect(assumed.code == 0)
        #expect(assumed.stderr.contains("lr is null: train.py derives it from the global batch, lr_base 0.005 × sqrt(256·1·1 / 256) = 0.005; the world size is not in the config: 1 assumed (give --set world_size=N)"),
                "\(assumed.stderr)")
        let eight = lrplot([sampleConfig("timm_args.yaml"), "--set", "world_size=8", "-o", "-"])
        #expect(eight.stderr.contains("lr_base 0.005 × sqrt(256·8·1 / 256) = 0.01414213562373095"), "\(eight.stderr)")
        #expect(!eight.stderr.contains("1 assumed"))
    }

    @Test func trainPyDefaultsAreNotTheClassDefaults() {
        let result = lrplot([sampleConfig("timm_step_documented.sh"), "-o", "-"])
        #expect(result.code == 0)
        #expect(result.stderr.contains("train.py's defaults apply, not the scheduler class's: warmup_epochs 5 (class: warmup_t 0), warmup_prefix False (class: True); with StepLRScheduler's own warmup_prefix=True the lr would be up to 9.6% higher"),
                "\(result.stderr)")
        // The hand translation the issue describes differs by exactly that much somewhere.
        let byHand = lrplot(["timm.step", "--decay-t", "2.4", "--decay-rate", "0.97", "--warmup-t", "5", "--warmup-lr-init", "1e-6", "--lr", "0.016", "--epochs", "450", "-o", "-"])
        let column = { (text: String) in text.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[1]) ?? 0 } }
        let ratio = zip(column(byHand.stdout), column(result.stdout)).map { $0 / $1 }.max() ?? 0
        #expect(abs(ratio - 1.096) < 0.001, "\(ratio)")
    }

    @Test func aYAMLStringIsConvertedAsArgparseConvertsDefaults() {
        // PyYAML reads `lr: 3e-4` as a string; train.py's argparse converts string defaults with type=float.
        let result = lrplot([sampleConfig("timm_on_updates.yaml"), "--steps-per-epoch", "50", "-o", "-"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\n49,0.00029402,"))
        #expect(result.stderr.contains("warmup_prefix is False: the warm-up counts in the cosine curve, so the lr stays below 0.0003"),
                "\(result.stderr)")
        let peak = result.stdout.split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",")[1]) }.max() ?? 1
        #expect(peak < 0.0003)  // the warm-up from 1e-6 towards 3e-4: 1e-6 + 49 * (3e-4 - 1e-6) / 50
    }

    @Test func perUpdateSchedulesNeedTheUpdatesPerEpoch() {
        let result = lrplot([sampleConfig("timm_on_updates.yaml")])
        #expect(result.code == 2)
        #expect(result.stderr.contains("sched_on_updates steps the schedule per optimizer update: give the updates per epoch (after gradient accumulation) with --steps-per-epoch K"))
        // A per-epoch schedule with the updates per epoch known: one row per update, each epoch's lr held.
        let epochs = lrplot([sampleConfig("timm_multistep.txt"), "-o", "-"])
        #expect(epochs.stdout.split(separator: "\n").count == 31)
        let held = lrplot([sampleConfig("timm_multistep.txt"), "--steps-per-epoch", "10", "-o", "-"])
        let rows = held.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        #expect(rows.count == 300)
        let perEpoch = epochs.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        #expect(rows.enumerated().allSatisfy { $0.element == perEpoch[$0.offset / 10] })
    }

    /// A long held run takes the pipelined path (a schedule thread ahead of the training loop): still each epoch's lr, held.
    @Test func aLongHeldRunHoldsEachEpochsLr() {
        let epochs = lrplot([sampleConfig("timm_step_documented.sh"), "-o", "-"])
        let held = lrplot([sampleConfig("timm_step_documented.sh"), "--steps-per-epoch", "200", "-o", "-"])
        #expect(held.code == 0, "\(held.stderr)")
        let perEpoch = epochs.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        let rows = held.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        #expect(perEpoch.count == 450 && rows.count == 90_000)
        #expect(rows.enumerated().allSatisfy { $0.element == perEpoch[$0.offset / 200] })
    }

    @Test func unknownKeysWarnAndUnsupportedOnesAreErrors() {
        let unknown = lrplot([configFile("u.yaml", "sched: cosine\nepochs: 5\nlr: 0.1\nwarmup_epoch: 2\n"), "-o", "-"])
        #expect(unknown.code == 0)
        #expect(unknown.stderr.contains("u.yaml:4:15: key 'warmup_epoch' is not a train.py schedule setting (ignored)"), "\(unknown.stderr)")
        let noise = lrplot([configFile("n.yaml", "sched: cosine\nlr: 0.1\nlr_noise: [0.4, 0.9]\n")])
        #expect(noise.code == 2)
        #expect(noise.stderr.contains("n.yaml:3:11: lr_noise: timm draws its noise with torch's generator"), "\(noise.stderr)")
        let layer = lrplot(["-"], standardInput: "python train.py --sched cosine --lr 0.1 --layer-decay 0.75")
        #expect(layer.code == 2)
        #expect(layer.stderr.contains("layer_decay: timm scales each layer's lr"))
        let plateau = lrplot(["-"], standardInput: "python train.py --sched plateau --lr 0.1")
        #expect(plateau.stderr.contains("sched plateau steps with the evaluation metric of each epoch"))
        let typo = lrplot(["-"], standardInput: "python train.py --sched cosin --lr 0.1")
        #expect(typo.stderr.contains("Unknown scheduler 'cosin'.") && typo.stderr.contains("Did you mean 'cosine'?"))
    }
}

/// Bad values in a config never crash: each is an error at its place.
@Suite struct ConfigRobustnessTests {
    @Test func hugeOrNonFiniteNumbersAreErrors() {
        let epochs = lrplot([configFile("e.json", #"{"num_train_epochs": 1e300}"#), "--steps-per-epoch", "1000"])
        #expect(epochs.code == 2)
        #expect(epochs.stderr.contains("e.json:1:22: num_train_epochs × updates per epoch comes to 1e+303"), "\(epochs.stderr)")
        let nan = lrplot([configFile("n.json", #"{"num_train_epochs": NaN}"#), "--steps-per-epoch", "10"])
        #expect(nan.code == 2, "\(nan.stderr)")
        let warmup = lrplot([configFile("w.json", #"{"warmup_steps": 1e300, "max_steps": 10}"#)])
        #expect(warmup.code == 2)
        #expect(warmup.stderr.contains("warmup_steps comes to"))
        let lr = lrplot([configFile("l.json", #"{"learning_rate": -Infinity, "max_steps": 10}"#)])
        #expect(lr.code == 2)
        #expect(lr.stderr.contains("Invalid learning rate: -inf"))
        let steps = lrplot([configFile("s.json", #"{"max_steps": 99999999999999}"#)])
        #expect(steps.code == 2)
        #expect(steps.stderr.contains("describes 99999999999999 optimizer updates; lrplot simulates 1 to 1000000000"))
        let timm = lrplot(["-"], standardInput: "python train.py --sched cosine --epochs 9223372036854775807 --lr 0.1")
        #expect(timm.code == 2)
        #expect(timm.stderr.contains("epochs must be from 1 to 1000000000"))
        let world = lrplot([sampleConfig("timm_args.yaml"), "--set", "world_size=0"])
        #expect(world.code == 2)
        #expect(world.stderr.contains("world_size must be from 1 to 1000000 (got 0)"))
        let cycles = lrplot(["-", "--steps-per-epoch", "1000000000"], standardInput: "python train.py --sched cosine --sched-on-updates --epochs 1000000000 --lr-cycle-limit 1000 --lr 0.1")
        #expect(cycles.code == 2)
    }

    @Test func otherConfigFilesAreReadByContentOrRefusedByName() {
        let toml = lrplot([configFile("train.toml", "[trainer]\nlr = 0.1\n")])
        #expect(toml.code == 2)
        #expect(toml.stderr.contains("train.toml: cannot tell what kind of source this is: lrplot reads sources ending in .py, .json, .yaml, .yml, .txt or .sh"), "\(toml.stderr)")
        let json = lrplot([configFile("args.cfg", #"{"lr_scheduler_type": "constant", "max_steps": 3}"#), "-o", "-"])
        #expect(json.code == 0, "\(json.stderr)")
        #expect(json.stdout.split(separator: "\n").count == 4)
        // A misspelt schedule name with a dot is still a schedule name.
        let typo = lrplot(["hf.cosin"])
        #expect(typo.stderr.contains("unknown schedule 'hf.cosin'. Did you mean 'hf.cosine'?"), "\(typo.stderr)")
    }
}

/// YAML is typed as PyYAML 6's `safe_load` types it (YAML 1.1), which is what HF and timm read. The
/// expected values were printed by PyYAML 6.0.4: `010` → 8, `0x10` → 16, `1_000` → 1000, `1:30` → 90,
/// `.5` → 0.5, `yes` → True, `3e-4` / `1e5` / `1.5e3` → strings, `1.0e+3` → 1000.0.
@Suite struct PyYAMLTypingTests {
    func rows(_ yaml: String) -> Int {
        let result = lrplot([configFile("y.yaml", "lr_scheduler_type: constant\n" + yaml), "-o", "-"])
        return result.code == 0 ? result.stdout.split(separator: "\n").count - 1 : -result.stderr.count
    }

    @Test func integersAsYAML11ReadsThem() {
        #expect(rows("max_steps: 010\n") == 8)
        #expect(rows("max_steps: 0x10\n") == 16)
        #expect(rows("max_steps: 1_000\n") == 1000)
        #expect(rows("max_steps: 1:30\n") == 90)
        #expect(rows("max_steps: 0b11\n") == 3)
        #expect(rows("max_steps: +12\n") == 12)
    }

    @Test func floatsNeedADotAndASignedExponent() {
        let half = lrplot([configFile("y.yaml", "lr_scheduler_type: constant\nlearning_rate: .5\nmax_steps: 2\n"), "-o", "-"])
        #expect(half.stdout.contains("\n0,0.5,"), "\(half.stdout)")
        let signed = lrplot([configFile("y.yaml", "lr_scheduler_type: constant\nlearning_rate: 1.0e+3\nmax_steps: 1\n"), "-o", "-"])
        #expect(signed.stdout.contains("\n0,1000.0,"), "\(signed.stdout)")
        for text in ["3e-4", "1e5", "1.5e3"] {
            let result = lrplot([configFile("y.yaml", "learning_rate: \(text)\nmax_steps: 1\n")])
            #expect(result.code == 2)
            #expect(result.stderr.contains("learning_rate is the string '\(text)'"), "\(text): \(result.stderr)")
        }
    }

    @Test func booleansIncludeYesAndOn() {
        // dataloader_drop_last: yes drops the last partial batch: 10 examples in batches of 4 → 2 updates, not 3.
        #expect(rows("num_train_epochs: 1\nper_device_train_batch_size: 4\ndataloader_drop_last: yes\n") < 0)  // needs the dataset size
        let dropped = lrplot([configFile("y.yaml", "lr_scheduler_type: constant\nnum_train_epochs: 1\nper_device_train_batch_size: 4\ndataloader_drop_last: yes\n"),
                              "--set", "dataset_size=10", "-o", "-"])
        #expect(dropped.stdout.split(separator: "\n").count == 3, "\(dropped.stderr)")
        let kept = lrplot([configFile("y.yaml", "lr_scheduler_type: constant\nnum_train_epochs: 1\nper_device_train_batch_size: 4\ndataloader_drop_last: off\n"),
                           "--set", "dataset_size=10", "-o", "-"])
        #expect(kept.stdout.split(separator: "\n").count == 4)
    }
}
