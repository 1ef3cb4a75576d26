import Foundation

/// The probes of the `mmengine.*` family (RegistryGuardTests.all includes them): every parameter
/// of every MMEngine scheduler, and of the param_scheduler list, changes the trace.
extension RegistryGuardTests {
    /// The window and build keys every MMEngine scheduler shares.
    static func mmengineWindow(convertContext: String = "--epoch-length 4 --end 30") -> [(String, Change)] {
        [
            ("begin", .flags("--begin 5")), ("end", .flags("--end 30")), ("by-epoch", .context("--epoch-length 4", "--no-by-epoch")),
            ("convert-to-iter-based", .context(convertContext, "--convert-to-iter-based")), ("epoch-length", .flags("--epoch-length 3")),
        ]
    }

    /// The probes of one type, for its LR and its Momentum scheduler.
    /// (Step and MultiStep convert exactly at whole epochs: a fractional begin shows the conversion.)
    /// A `.line` change names the schedule as `NAME` (replaced by each of the two).
    static func mmengineBoth(_ kind: String, _ flags: String, _ changes: [(String, Change)],
                             convertContext: String = "--epoch-length 4 --end 30") -> [Probe] {
        ["", "-momentum"].flatMap { suffix in
            let name = "mmengine.\(kind)\(suffix)"
            let named = changes.map { change -> (String, Change) in
                guard case .line(let line) = change.1 else { return change }
                return (change.0, .line(line.replacingOccurrences(of: "NAME", with: name)))
            }
            return probes(name, "\(name) \(flags)", named + mmengineWindow(convertContext: convertContext))
        }
    }

    static let mmengine: [Probe] =
        mmengineBoth("constant", "--end 20", [("factor", .flags("--factor 0.5"))])
        + mmengineBoth("linear", "--end 20", [("start-factor", .flags("--start-factor 0.5")), ("end-factor", .flags("--end-factor 0.5"))])
        + mmengineBoth("step", "--step-size 10", [("step-size", .flags("--step-size 7")), ("gamma", .flags("--gamma 0.5"))],
                       convertContext: "--epoch-length 4 --begin 0.5")
        + mmengineBoth("multistep", "--milestones 10,30", [("milestones", .flags("--milestones 10,40")), ("gamma", .flags("--gamma 0.5"))],
                            convertContext: "--epoch-length 4 --begin 0.5")
        + mmengineBoth("exponential", "--gamma 0.97", [("gamma", .flags("--gamma 0.9"))])
        + mmengineBoth("cosine", "--end 60", [("t-max", .flags("--t-max 30")), ("eta-min", .flags("--eta-min 0.01")),
                                              ("eta-min-ratio", .flags("--eta-min-ratio 0.1"))])
        + mmengineBoth("poly", "--end 60", [("eta-min", .flags("--eta-min 0.01")), ("power", .flags("--power 2"))])
        + mmengineBoth("cosine-restart", "--periods 20,40 --restart-weights 1,1 --eta-min 0", [
            ("periods", .flags("--periods 30,40")), ("restart-weights", .flags("--restart-weights 1,0.5")),
            ("eta-min", .line("NAME --periods 20,40 --restart-weights 1,1 --eta-min 0.01")),
            ("eta-min-ratio", .line("NAME --periods 20,40 --restart-weights 1,1 --eta-min-ratio 0.1")),
        ])
        + probes("mmengine.onecycle", "mmengine.onecycle --eta-max 0.5 --end 120", [
            ("eta-max", .flags("--eta-max 0.3")), ("total-steps", .flags("--total-steps 150")), ("pct-start", .flags("--pct-start 0.5")),
            ("anneal-strategy", .flags("--anneal-strategy linear")), ("div-factor", .flags("--div-factor 10")),
            ("final-div-factor", .flags("--final-div-factor 100")), ("three-phase", .flags("--three-phase")),
        ] + mmengineWindow())
        + probes("mmengine.param-scheduler", "mmengine.param-scheduler -- mmengine.multistep --milestones 10,30", [
            ("epoch-length", .line("mmengine.param-scheduler --epoch-length 3 -- mmengine.multistep --milestones 10,30")),
            ("by-epoch", .line("mmengine.param-scheduler --no-by-epoch -- mmengine.multistep --milestones 10,30")),
        ])
}
