import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// Guards that keep the registry's rules true: every schedule declared in the sources is
/// registered, schedule files read their parameters only through typed keys, and every parameter of
/// every schedule changes the trace when set away from its default (a silently ignored flag fails).
@Suite struct RegistryGuardTests {
    /// The Swift files of the engine's schedule folders.
    static func scheduleSources() throws -> [(name: String, text: String)] {
        let folder = repositoryRoot.appendingPathComponent("Sources/LRPlotEngine/Schedules")
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var files: [(String, String)] = []
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            files.append((path, try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)))
        }
        return files
    }

    @Test func everyDeclaredScheduleAndFamilyIsRegistered() throws {
        let sources = try Self.scheduleSources()
        #expect(sources.count > 20)
        let definition = try Regex(#"static let \w+ = ScheduleDefinition\(\s*name: "([^"]+)""#)
        let family = try Regex(#"static let \w+ = ScheduleFamily\(\s*id: "([^"]+)""#)
        var declared: [String] = [], families: [String] = []
        for (_, text) in sources {
            declared += text.matches(of: definition).compactMap { $0.output[1].substring.map(String.init) }
            families += text.matches(of: family).compactMap { $0.output[1].substring.map(String.init) }
        }
        #expect(declared.count == ScheduleRegistry.all.count, "declared: \(declared.sorted())")
        #expect(Set(declared) == Set(ScheduleRegistry.all.map(\.name)))
        #expect(Set(families) == Set(ScheduleRegistry.families.map(\.id)))
        // Every registered schedule's family is listed, and each name is unique.
        #expect(ScheduleRegistry.all.allSatisfy { d in ScheduleRegistry.families.contains(d.family) })
        #expect(Set(ScheduleRegistry.all.map(\.name)).count == ScheduleRegistry.all.count)
    }

    @Test func scheduleFilesReadParametersOnlyThroughTypedKeys() throws {
        let forbidden = ["args.integer(", "args.real(", "args.reals(", "args.integers(", "args.choice(", "args.flag(",
                         "args.expressions(", "args.value(", ".given[", "ParameterSpec("]
        for (name, text) in try Self.scheduleSources() {
            for word in forbidden {
                #expect(!text.contains(word), "\(name) uses \(word)")
            }
        }
    }

    /// How one parameter is set away from its default: flags added to the base line, optional
    /// context flags added to both lines (a parameter that only acts in some mode), or a whole line.
    enum Change: Sendable {
        case flags(String)
        case context(String, String)
        case line(String)
    }

    struct Probe: Sendable, CustomStringConvertible {
        let schedule: String
        let parameter: String
        let base: String
        let change: Change
        var description: String { "\(schedule) \(parameter)" }

        var lines: (String, String) {
            switch change {
            case .flags(let f): return (base, base + " " + f)
            case .context(let c, let f): return (base + " " + c, base + " " + c + " " + f)
            case .line(let l): return (base, l)
            }
        }
    }

    /// A metric that falls for ten epochs, then stays flat (plateau reductions every few epochs).
    static let metrics = ((0..<10).map { 10 - 0.5 * Double($0) } + Array(repeating: 5.5, count: 110)).map { "\($0)" }.joined(separator: ",")

    static func probes(_ schedule: String, _ base: String, _ changes: [(String, Change)]) -> [Probe] {
        changes.map { Probe(schedule: schedule, parameter: $0.0, base: base, change: $0.1) }
    }

    static let noise: [(String, Change)] = [
        ("noise-range-t", .flags("--noise-range-t 10")), ("noise-pct", .context("--noise-range-t 10", "--noise-pct 0.1")),
        ("noise-std", .context("--noise-range-t 10", "--noise-std 0.5")), ("noise-seed", .context("--noise-range-t 10", "--noise-seed 7")),
    ]
    static let timmCycle: [(String, Change)] = [
        ("t-initial", .flags("--t-initial 40")), ("lr-min", .flags("--lr-min 0.01")), ("cycle-mul", .flags("--cycle-mul 2")),
        ("cycle-decay", .flags("--cycle-decay 0.5")), ("cycle-limit", .flags("--cycle-limit 1")), ("warmup-t", .flags("--warmup-t 8")),
        ("warmup-lr-init", .flags("--warmup-lr-init 0.01")), ("warmup-prefix", .flags("--warmup-prefix")),
    ] + noise
    static let timmStep: [(String, Change)] = [
        ("decay-rate", .flags("--decay-rate 0.7")), ("warmup-t", .flags("--warmup-t 8")), ("warmup-lr-init", .flags("--warmup-lr-init 0.01")),
        ("warmup-prefix", .flags("--no-warmup-prefix")),
    ] + noise
    static let hfTraining: [(String, Change)] = [("num-warmup-steps", .flags("--num-warmup-steps 5")), ("num-training-steps", .flags("--num-training-steps 80"))]

    static let all: [Probe] =
        probes("lambda", "lambda --lr-lambda 'lambda e: 0.9 ** e'", [("lr-lambda", .line("lambda --lr-lambda 'lambda e: 0.8 ** e'"))])
        + probes("multiplicative", "multiplicative --lr-lambda 'lambda e: 0.9'", [("lr-lambda", .line("multiplicative --lr-lambda 'lambda e: 0.8'"))])
        + probes("step", "step --step-size 10", [("step-size", .flags("--step-size 7")), ("gamma", .flags("--gamma 0.5"))])
        + probes("multistep", "multistep --milestones 10,30", [("milestones", .flags("--milestones 10,40")), ("gamma", .flags("--gamma 0.5"))])
        + probes("constant", "constant", [("factor", .flags("--factor 0.5")), ("total-iters", .flags("--total-iters 9"))])
        + probes("linear", "linear", [("start-factor", .flags("--start-factor 0.5")), ("end-factor", .flags("--end-factor 0.5")),
                                      ("total-iters", .flags("--total-iters 9"))])
        + probes("exponential", "exponential --gamma 0.9", [("gamma", .flags("--gamma 0.8"))])
        + probes("polynomial", "polynomial", [("total-iters", .flags("--total-iters 50")), ("power", .flags("--power 2"))])
        + probes("cosine", "cosine --t-max 30", [("t-max", .flags("--t-max 40")), ("eta-min", .flags("--eta-min 0.01"))])
        + probes("cosine-warm-restarts", "cosine-warm-restarts --t-0 10", [("t-0", .flags("--t-0 15")), ("t-mult", .flags("--t-mult 2")),
                                                                           ("eta-min", .flags("--eta-min 0.01"))])
        + probes("cyclic", "cyclic --max-lr 0.5 --step-size-up 10", [
            ("base-lr", .flags("--base-lr 0.05")), ("max-lr", .flags("--max-lr 0.4")), ("step-size-up", .flags("--step-size-up 12")),
            ("step-size-down", .flags("--step-size-down 5")), ("mode", .flags("--mode triangular2")),
            ("gamma", .context("--mode exp_range", "--gamma 0.99")), ("scale-fn", .flags("--scale-fn 'lambda x: 0.5'")),
            ("scale-mode", .context("--scale-fn 'lambda x: 1 / (x + 1)'", "--scale-mode iterations")),
            ("cycle-momentum", .flags("--no-cycle-momentum")), ("base-momentum", .flags("--base-momentum 0.7")),
            ("max-momentum", .flags("--max-momentum 0.95")),
        ])
        + probes("onecycle", "onecycle --max-lr 0.5", [
            ("max-lr", .flags("--max-lr 0.4")), ("total-steps", .flags("--total-steps 200")), ("pct-start", .flags("--pct-start 0.5")),
            ("anneal-strategy", .flags("--anneal-strategy linear")), ("cycle-momentum", .flags("--no-cycle-momentum")),
            ("base-momentum", .flags("--base-momentum 0.7")), ("max-momentum", .flags("--max-momentum 0.9")),
            ("div-factor", .flags("--div-factor 10")), ("final-div-factor", .flags("--final-div-factor 100")), ("three-phase", .flags("--three-phase")),
        ])
        + probes("onecycle", "'OneCycleLR(optimizer, max_lr=0.5, epochs=12, steps_per_epoch=10)'", [
            ("epochs", .line("'OneCycleLR(optimizer, max_lr=0.5, epochs=15, steps_per_epoch=10)'")),
            ("steps-per-epoch", .line("'OneCycleLR(optimizer, max_lr=0.5, epochs=12, steps_per_epoch=12)'")),
        ])
        + probes("plateau", "plateau --patience 3 --metrics \(metrics)", [
            ("mode", .flags("--mode max")), ("factor", .flags("--factor 0.5")), ("patience", .flags("--patience 5")),
            ("threshold", .flags("--threshold 0.2")), ("threshold-mode", .context("--threshold 0.2", "--threshold-mode abs")),
            ("cooldown", .flags("--cooldown 4")), ("min-lr", .flags("--min-lr 0.001")), ("eps", .flags("--eps 0.02")),
        ])
        + probes("sequential", "sequential --milestones 10 -- constant -- exponential --gamma 0.9",
                 [("milestones", .line("sequential --milestones 20 -- constant -- exponential --gamma 0.9"))])
        + probes("noam", "noam --warmup 10", [("warmup", .flags("--warmup 20")), ("d-model", .flags("--d-model 64"))])
        + probes("hf.linear", "hf.linear --num-warmup-steps 10", hfTraining)
        + probes("hf.cosine", "hf.cosine --num-warmup-steps 10", hfTraining + [("num-cycles", .flags("--num-cycles 1"))])
        + probes("hf.cosine_with_restarts", "hf.cosine_with_restarts --num-warmup-steps 10", hfTraining + [("num-cycles", .flags("--num-cycles 3"))])
        + probes("hf.polynomial", "hf.polynomial --num-warmup-steps 10", hfTraining + [("lr-end", .flags("--lr-end 0.01")), ("power", .flags("--power 2"))])
        + probes("hf.constant_with_warmup", "hf.constant_with_warmup --num-warmup-steps 10", [("num-warmup-steps", .flags("--num-warmup-steps 5"))])
        + probes("hf.inverse_sqrt", "hf.inverse_sqrt --num-warmup-steps 10", [("num-warmup-steps", .flags("--num-warmup-steps 5")),
                                                                               ("timescale", .flags("--timescale 30"))])
        + probes("hf.cosine_with_min_lr", "hf.cosine_with_min_lr --num-warmup-steps 10 --min-lr-rate 0.1", hfTraining + [
            ("num-cycles", .flags("--num-cycles 1")), ("min-lr", .line("hf.cosine_with_min_lr --num-warmup-steps 10 --min-lr 0.05")),
            ("min-lr-rate", .flags("--min-lr-rate 0.2")),
        ])
        + probes("hf.cosine_warmup_with_min_lr", "hf.cosine_warmup_with_min_lr --num-warmup-steps 10 --min-lr-rate 0.1", hfTraining + [
            ("num-cycles", .flags("--num-cycles 1")), ("min-lr", .line("hf.cosine_warmup_with_min_lr --num-warmup-steps 10 --min-lr 0.05")),
            ("min-lr-rate", .flags("--min-lr-rate 0.2")), ("warmup-lr-rate", .flags("--warmup-lr-rate 0.5")),
        ])
        + probes("hf.warmup_stable_decay", "hf.warmup_stable_decay --num-warmup-steps 10 --num-decay-steps 30", hfTraining + [
            ("num-decay-steps", .flags("--num-decay-steps 40")), ("num-stable-steps", .flags("--num-stable-steps 20")),
            ("warmup-type", .flags("--warmup-type cosine")), ("decay-type", .flags("--decay-type linear")),
            ("min-lr-ratio", .flags("--min-lr-ratio 0.1")), ("num-cycles", .flags("--num-cycles 1")),
        ])
        + probes("timm.cosine", "timm.cosine --t-initial 50 --warmup-t 5 --cycle-limit 3", timmCycle + [("k-decay", .flags("--k-decay 2"))])
        + probes("timm.tanh", "timm.tanh --t-initial 50 --warmup-t 5 --cycle-limit 3", timmCycle + [("lb", .flags("--lb -5")), ("ub", .flags("--ub 2"))])
        + probes("timm.poly", "timm.poly --t-initial 50 --warmup-t 5 --cycle-limit 3", timmCycle + [("power", .flags("--power 2")),
                                                                                                     ("k-decay", .flags("--k-decay 2"))])
        + probes("timm.step", "timm.step --decay-t 30 --decay-rate 0.5 --warmup-t 5", timmStep + [("decay-t", .flags("--decay-t 20"))])
        + probes("timm.multistep", "timm.multistep --decay-t 30,60 --decay-rate 0.5 --warmup-t 5", timmStep + [("decay-t", .flags("--decay-t 30,70"))])
        + probes("timm.plateau", "timm.plateau --metrics \(metrics) --mode min --patience-t 3 --warmup-t 5", [
            ("decay-rate", .flags("--decay-rate 0.5")), ("patience-t", .flags("--patience-t 5")), ("threshold", .flags("--threshold 0.3")),
            ("cooldown-t", .flags("--cooldown-t 4")), ("warmup-t", .flags("--warmup-t 8")), ("warmup-lr-init", .flags("--warmup-lr-init 0.01")),
            ("lr-min", .flags("--lr-min 0.001")), ("mode", .flags("--mode max")),
        ])
        + probes("timm.wsd", "timm.wsd --t-initial 90 --decay-t 20 --warmup-t 10", [
            ("t-initial", .flags("--t-initial 80")), ("decay-t", .flags("--decay-t 30")), ("lr-min", .flags("--lr-min 0.01")),
            ("stable-fn", .flags("--stable-fn rsqrt")), ("stable-timescale", .context("--stable-fn rsqrt", "--stable-timescale 20")),
            ("stable-power", .context("--stable-fn power", "--stable-power 0.3")), ("decay-fn", .flags("--decay-fn linear")),
            ("decay-power", .context("--decay-fn power", "--decay-power 2")), ("decay-ratio", .context("--decay-fn exp", "--decay-ratio 0.5")),
            ("warmup-t", .flags("--warmup-t 8")), ("warmup-lr-init", .flags("--warmup-lr-init 0.01")),
        ] + noise)
        + probes("deepspeed.warmup_lr", "deepspeed.warmup_lr --warmup-num-steps 50", [
            ("warmup-min-lr", .flags("--warmup-min-lr 0.01")), ("warmup-max-lr", .flags("--warmup-max-lr 0.05")),
            ("warmup-num-steps", .flags("--warmup-num-steps 30")), ("warmup-type", .flags("--warmup-type linear")),
        ])
        + probes("deepspeed.warmup_decay_lr", "deepspeed.warmup_decay_lr --total-num-steps 100 --warmup-num-steps 20", [
            ("total-num-steps", .flags("--total-num-steps 80")), ("warmup-min-lr", .flags("--warmup-min-lr 0.0001")),
            ("warmup-max-lr", .flags("--warmup-max-lr 0.005")), ("warmup-num-steps", .flags("--warmup-num-steps 10")),
            ("warmup-type", .flags("--warmup-type linear")),
        ])
        + probes("deepspeed.warmup_cosine_lr", "deepspeed.warmup_cosine_lr --total-num-steps 100 --warmup-num-steps 20", [
            ("total-num-steps", .flags("--total-num-steps 80")), ("warmup-min-ratio", .flags("--warmup-min-ratio 0.1")),
            ("warmup-num-steps", .flags("--warmup-num-steps 10")), ("cos-min-ratio", .flags("--cos-min-ratio 0.1")),
            ("warmup-type", .flags("--warmup-type linear")),
        ])
        + probes("deepspeed.one_cycle", "deepspeed.one_cycle --cycle-min-lr 0.001 --cycle-max-lr 0.01 --cycle-first-step-size 30", [
            ("cycle-min-lr", .flags("--cycle-min-lr 0.002")), ("cycle-max-lr", .flags("--cycle-max-lr 0.02")),
            ("decay-lr-rate", .context("--decay-step-size 10", "--decay-lr-rate 0.5")), ("cycle-first-step-size", .flags("--cycle-first-step-size 40")),
            ("cycle-second-step-size", .flags("--cycle-second-step-size 10")), ("cycle-first-stair-count", .flags("--cycle-first-stair-count 3")),
            ("cycle-second-stair-count", .context("--cycle-first-stair-count 3", "--cycle-second-stair-count 5")),
            ("decay-step-size", .context("--decay-lr-rate 0.5", "--decay-step-size 10")), ("cycle-momentum", .flags("--no-cycle-momentum")),
            ("cycle-min-mom", .flags("--cycle-min-mom 0.7")), ("cycle-max-mom", .flags("--cycle-max-mom 0.95")),
            ("decay-mom-rate", .context("--decay-step-size 10", "--decay-mom-rate 0.01")),
        ])
        + probes("deepspeed.lr_range_test", "deepspeed.lr_range_test --lr-range-test-step-size 10", [
            ("lr-range-test-min-lr", .flags("--lr-range-test-min-lr 0.002")), ("lr-range-test-step-size", .flags("--lr-range-test-step-size 20")),
            ("lr-range-test-step-rate", .flags("--lr-range-test-step-rate 2")), ("lr-range-test-staircase", .flags("--lr-range-test-staircase")),
        ])
        + probes("ultralytics.yolo", "ultralytics.yolo --optimizer SGD --nb 60 --train-epochs 10 --batch 16 --nbs 16 --lr 0.01,0.01,0.01", [
            ("train-epochs", .flags("--train-epochs 20")), ("nb", .flags("--nb 50")),
            ("dataset-size", .line("ultralytics.yolo --optimizer SGD --dataset-size 900 --train-epochs 10 --batch 16 --nbs 16 --lr 0.01,0.01,0.01")),
            ("batch", .flags("--batch 8")), ("nbs", .flags("--nbs 32")), ("lrf", .flags("--lrf 0.1")), ("cos-lr", .flags("--cos-lr")),
            ("warmup-epochs", .flags("--warmup-epochs 1")), ("warmup-momentum", .flags("--warmup-momentum 0.5")),
            ("warmup-bias-lr", .flags("--warmup-bias-lr 0.05")), ("momentum", .flags("--momentum 0.9")), ("optimizer", .flags("--optimizer Adam")),
            ("nc", .line("ultralytics.yolo --optimizer auto --nc 5 --dataset-size 960 --train-epochs 10 --batch 16 --nbs 16 --lr 0.01,0.01,0.01")),
            ("bias-group", .flags("--bias-group 0")),
        ])
        + mmengine
        + kerasProbes + optaxProbes

    static let kerasProbes: [Probe] =
        probes("keras.exponential_decay", "keras.exponential_decay --initial-learning-rate 0.1 --decay-steps 30 --decay-rate 0.5", [
            ("initial-learning-rate", .flags("--initial-learning-rate 0.2")), ("decay-steps", .flags("--decay-steps 20")),
            ("decay-rate", .flags("--decay-rate 0.7")), ("staircase", .flags("--staircase")),
        ])
        + probes("keras.inverse_time_decay", "keras.inverse_time_decay --initial-learning-rate 0.1 --decay-steps 30 --decay-rate 0.5", [
            ("initial-learning-rate", .flags("--initial-learning-rate 0.2")), ("decay-steps", .flags("--decay-steps 20")),
            ("decay-rate", .flags("--decay-rate 0.7")), ("staircase", .flags("--staircase")),
        ])
        + probes("keras.polynomial_decay", "keras.polynomial_decay --initial-learning-rate 0.1 --decay-steps 50", [
            ("initial-learning-rate", .flags("--initial-learning-rate 0.2")), ("decay-steps", .flags("--decay-steps 60")),
            ("end-learning-rate", .flags("--end-learning-rate 0.01")), ("power", .flags("--power 0.5")), ("cycle", .flags("--cycle")),
        ])
        + probes("keras.piecewise_constant_decay", "keras.piecewise_constant_decay --boundaries 30,60 --values 0.1,0.01,0.001", [
            ("boundaries", .line("keras.piecewise_constant_decay --boundaries 30,70 --values 0.1,0.01,0.001")),
            ("values", .line("keras.piecewise_constant_decay --boundaries 30,60 --values 0.1,0.05,0.001")),
        ])
        + probes("keras.cosine_decay", "keras.cosine_decay --initial-learning-rate 0.001 --decay-steps 90", [
            ("initial-learning-rate", .flags("--initial-learning-rate 0.002")), ("decay-steps", .flags("--decay-steps 80")),
            ("alpha", .flags("--alpha 0.1")), ("warmup-target", .flags("--warmup-target 0.01")),
            ("warmup-steps", .context("--warmup-target 0.01", "--warmup-steps 10")),
        ])
        + probes("keras.cosine_decay_restarts", "keras.cosine_decay_restarts --initial-learning-rate 0.001 --first-decay-steps 20", [
            ("initial-learning-rate", .flags("--initial-learning-rate 0.002")), ("first-decay-steps", .flags("--first-decay-steps 25")),
            ("t-mul", .flags("--t-mul 1")), ("m-mul", .flags("--m-mul 0.5")), ("alpha", .flags("--alpha 0.1")),
        ])

    static let optaxProbes: [Probe] =
        probes("optax.constant", "optax.constant --value 0.001", [("value", .flags("--value 0.002"))])
        + probes("optax.linear", "optax.linear --init-value 0.001 --end-value 0 --transition-steps 80", [
            ("init-value", .flags("--init-value 0.002")), ("end-value", .flags("--end-value 0.0001")),
            ("transition-steps", .flags("--transition-steps 60")), ("transition-begin", .flags("--transition-begin 10")),
        ])
        + probes("optax.polynomial", "optax.polynomial --init-value 0.1 --end-value 0.001 --power 2 --transition-steps 80", [
            ("init-value", .flags("--init-value 0.2")), ("end-value", .flags("--end-value 0.01")), ("power", .flags("--power 0.5")),
            ("transition-steps", .flags("--transition-steps 60")), ("transition-begin", .flags("--transition-begin 10")),
        ])
        + probes("optax.cosine_decay", "optax.cosine_decay --init-value 0.001 --decay-steps 90", [
            ("init-value", .flags("--init-value 0.002")), ("decay-steps", .flags("--decay-steps 80")), ("alpha", .flags("--alpha 0.1")),
            ("exponent", .flags("--exponent 2")),
        ])
        + probes("optax.exponential_decay", "optax.exponential_decay --init-value 0.1 --transition-steps 20 --decay-rate 0.5", [
            ("init-value", .flags("--init-value 0.2")), ("transition-steps", .flags("--transition-steps 30")),
            ("decay-rate", .flags("--decay-rate 0.7")), ("transition-begin", .flags("--transition-begin 10")),
            ("staircase", .flags("--staircase")), ("end-value", .flags("--end-value 0.01")),
        ])
        + probes("optax.warmup_cosine_decay", "optax.warmup_cosine_decay --init-value 0 --peak-value 0.001 --warmup-steps 10 --decay-steps 100", [
            ("init-value", .flags("--init-value 0.0001")), ("peak-value", .flags("--peak-value 0.002")), ("warmup-steps", .flags("--warmup-steps 20")),
            ("decay-steps", .flags("--decay-steps 90")), ("end-value", .flags("--end-value 0.0001")), ("exponent", .flags("--exponent 2")),
        ])
        + probes("optax.warmup_exponential_decay",
                 "optax.warmup_exponential_decay --init-value 0 --peak-value 0.001 --warmup-steps 10 --transition-steps 20 --decay-rate 0.5", [
            ("init-value", .flags("--init-value 0.0001")), ("peak-value", .flags("--peak-value 0.002")), ("warmup-steps", .flags("--warmup-steps 20")),
            ("transition-steps", .flags("--transition-steps 30")), ("decay-rate", .flags("--decay-rate 0.7")),
            ("transition-begin", .flags("--transition-begin 10")), ("staircase", .flags("--staircase")), ("end-value", .flags("--end-value 0.0001")),
        ])
        + probes("optax.piecewise_constant", "optax.piecewise_constant --init-value 0.1 --boundaries-and-scales 30:0.1,60:0.1", [
            ("init-value", .flags("--init-value 0.2")), ("boundaries-and-scales", .flags("--boundaries-and-scales 30:0.5,60:0.1")),
        ])
        + probes("optax.piecewise_interpolate", "optax.piecewise_interpolate --interpolate-type linear --init-value 0.001 --boundaries-and-scales 20:10,90:0.01", [
            ("interpolate-type", .flags("--interpolate-type cosine")), ("init-value", .flags("--init-value 0.002")),
            ("boundaries-and-scales", .flags("--boundaries-and-scales 30:10,90:0.01")),
        ])
        + probes("optax.linear_onecycle", "optax.linear_onecycle --transition-steps 100 --peak-value 0.1", [
            ("transition-steps", .flags("--transition-steps 90")), ("peak-value", .flags("--peak-value 0.2")), ("pct-start", .flags("--pct-start 0.4")),
            ("pct-final", .flags("--pct-final 0.7")), ("div-factor", .flags("--div-factor 10")), ("final-div-factor", .flags("--final-div-factor 100")),
        ])
        + probes("optax.cosine_onecycle", "optax.cosine_onecycle --transition-steps 100 --peak-value 0.1", [
            ("transition-steps", .flags("--transition-steps 90")), ("peak-value", .flags("--peak-value 0.2")), ("pct-start", .flags("--pct-start 0.4")),
            ("div-factor", .flags("--div-factor 10")), ("final-div-factor", .flags("--final-div-factor 100")),
        ])
        + probes("optax.join_schedules", "optax.join_schedules --boundaries 10 -- optax.constant --value 0.001 -- optax.cosine_decay --init-value 0.001 --decay-steps 90", [
            ("boundaries", .line("optax.join_schedules --boundaries 20 -- optax.constant --value 0.001 -- optax.cosine_decay --init-value 0.001 --decay-steps 90")),
        ])
        + probes("optax.sgdr", "optax.sgdr --cosine-kwargs 0:1e-3:5:40,0:5e-4:5:60", [
            ("cosine-kwargs", .line("optax.sgdr --cosine-kwargs 0:1e-3:5:40,0:5e-4:10:60")),
        ])

    @Test func everyParameterOfEverySchedulehasAProbe() {
        let probed = Set(Self.all.map { "\($0.schedule) \($0.parameter)" })
        for d in ScheduleRegistry.all {
            for p in d.parameters {
                #expect(probed.contains("\(d.name) \(p.name)"), "no probe for \(d.name) --\(p.name): add one to RegistryGuardTests.all")
            }
        }
        #expect(probed.count == Self.all.count)
    }

    @Test(arguments: RegistryGuardTests.all)
    func settingAParameterChangesTheTrace(_ probe: Probe) throws {
        let (baseLine, changedLine) = probe.lines
        let base = lrplot(try shellWords(baseLine) + ["--epochs", "120", "-o", "-"])
        let changed = lrplot(try shellWords(changedLine) + ["--epochs", "120", "-o", "-"])
        #expect(base.code == 0 && changed.code == 0, "\(base.stderr)\(changed.stderr)")
        #expect(base.stdout.count > 1000)
        #expect(base.stdout != changed.stdout, "--\(probe.parameter) of \(probe.schedule) did not change the trace")
    }
}
