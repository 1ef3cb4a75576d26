import LRPlotEngine

/// `lrplot list`, `lrplot help [SCHEDULE]`, `lrplot --version`: text generated from the registry.
enum InfoCommands {
    static let version = "0.4.0"

    /// The listing; names are padded to one column unless that column would take more than about
    /// half of `width`, in which case a long name's summary goes on the next line.
    static func list(width lineWidth: Int = 80) -> String {
        var lines: [String] = []
        let longest = ScheduleRegistry.all.map { nameColumn($0).count }.max() ?? 0
        let width = min(longest, lineWidth * 45 / 100)
        for family in ScheduleRegistry.families {
            let members = ScheduleRegistry.members(of: family)
            guard !members.isEmpty else { continue }
            lines.append(family.heading + ":")
            for d in members {
                let name = nameColumn(d)
                if name.count <= width {
                    let column = String(repeating: " ", count: width + 4)
                    let summary = TextWrap.wrapLine(column + d.summary, width: lineWidth, hanging: width + 4)
                    lines.append("  " + name + String(repeating: " ", count: width - name.count + 2) + summary[0].dropFirst(width + 4))
                    lines += summary.dropFirst()
                } else {
                    lines.append("  " + name)
                    lines += TextWrap.wrapLine("      " + d.summary, width: lineWidth, hanging: 6)
                }
            }
            lines.append("")
        }
        lines.append("Run 'lrplot help SCHEDULE' for a schedule's flags, formula and an example.")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func nameColumn(_ d: ScheduleDefinition) -> String {
        var text = d.name
        if !d.aliases.isEmpty { text += " (" + d.aliases.joined(separator: ", ") + ")" }
        if let cls = d.pythonClass { text += "  \(cls)" }
        return text
    }

    /// The one-line usage of a schedule: its required flags, then its optional ones.
    static func usage(_ d: ScheduleDefinition) -> String { d.usage }

    static func help(_ definition: ScheduleDefinition?) -> String {
        guard let d = definition else { return overview() }
        var lines: [String] = []
        lines.append("lrplot \(d.name)\(d.qualifiedName.map { " — \($0)" } ?? "")")
        lines.append("")
        lines.append(d.summary)
        lines.append("  \(d.formula)")
        if !d.aliases.isEmpty { lines.append("Aliases: \(d.aliases.joined(separator: ", "))") }
        lines.append("")
        lines.append("Usage: \(usage(d))")
        lines.append("")
        lines.append("Flags:")
        if d.parameters.isEmpty { lines.append("  (none of its own)") }
        for p in d.parameters {
            var head = p.isPythonOnly ? "  \(p.pythonName)=  (Python-call form only)" : "  --\(p.name)"
            if p.pythonName != p.name && !p.isPythonOnly { head += ", --\(p.pythonName)" }
            if !p.placeholder.isEmpty { head += " \(p.placeholder)" }
            lines.append(head)
            var detail = "      \(p.doc)"
            if p.isRequired { detail += " Required." } else if let dv = p.defaultText {
                detail += " Default: \(dv)."
            } else if let text = p.defaultDescription { detail += " Default: \(text)." }
            lines.append(detail)
            lines.append("      Accepts \(p.acceptedDescription).")
        }
        if d.isComposite {
            lines.append("")
            lines.append("Children:")
            lines.append("  -- SCHEDULE [FLAGS...]   one segment per child, in order (flags or a Python call);")
            lines.append("                           nest composites with the Python-call form.")
        }
        lines.append("")
        lines.append("Example:")
        lines.append("  lrplot \(d.example) -o \(d.name).png")
        if let python = pythonExample(d) {
            lines.append("  lrplot \(python) -o \(d.name).png")
        }
        lines.append("")
        lines.append("Common flags: see 'lrplot --help'.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The example as the Python call a training script holds, ready to paste (with the example's
    /// common flags after it): `'StepLR(optimizer, step_size=5, gamma=0.9)'`.
    static func pythonExample(_ d: ScheduleDefinition) -> String? {
        guard d.pythonClass != nil, let words = try? SpecFile.split(d.example, name: "example"),
              case .run(let request)? = try? InvocationParser.parse(words) else { return nil }
        var call = request.schedule.pythonCallDescription
        // A class name another family owns too (mmengine's LinearLR) is written with its module.
        if ScheduleRegistry.lookup(d.displayName)?.name != d.name, let qualified = d.qualifiedName, call.hasPrefix(d.displayName + "(") {
            call = qualified + call.dropFirst(d.displayName.count)
        }
        if d.family.takesOptimizer, d.optimizerPosition == 0, let open = call.firstIndex(of: "(") {
            let rest = call[call.index(after: open)...]
            call = String(call[...open]) + (rest.hasPrefix(")") ? "optimizer" : "optimizer, ") + rest
        }
        // The example's common flags (`--epochs 1000`), which the call cannot hold.
        var common: [String] = []
        var rest = ArraySlice(words)
        while let word = rest.popFirst() {
            let (name, inline) = InvocationParser.splitFlag(word)
            guard let flag = CommonFlag.named(name) else { continue }
            common.append(word)
            if flag.takesValue, inline == nil, let value = rest.popFirst() { common.append(value) }
        }
        let quoted = call.contains("'") ? "\"\(call)\"" : "'\(call)'"
        return ([quoted] + common).joined(separator: " ")
    }

    static func overview() -> String {
        var lines = [
            "lrplot \(version) — see exactly what a learning-rate schedule does, with PyTorch's numbers.",
            "",
            "Usage:",
            "  lrplot SCHEDULE [FLAGS...]              simulate a schedule and chart it (or write CSV/JSON)",
            "  lrplot 'PythonCall(...)' [FLAGS...]     the same, as written in a training script",
            "  lrplot @FILE [FLAGS...]                 arguments from a spec file",
            "  lrplot SOURCE [FLAGS...]                a config file (.json, .yaml, .yml),",
            "                                          a command line (.txt .sh), a snippet",
            "                                          (.py), - (stdin) or the text itself",
            "  lrplot compare SPEC SPEC... [FLAGS...]  several schedules in one chart (each SPEC one argument)",
            "  lrplot list | help [SCHEDULE] | completions bash|zsh|fish | man | --help | --version",
            "",
            "Examples:",
            "  lrplot step --step-size 5 --gamma 0.9 -o step.png",
            "  lrplot 'StepLR(optimizer, step_size=5, gamma=0.9)' -o step.svg",
            "  lrplot sequential --milestones 5 -- linear --start-factor 0.1 --total-iters 5 -- cosine --t-max 95",
            "  lrplot compare 'step --step-size 30' 'cosine --t-max 100' -o compare.png",
            "  lrplot onecycle --max-lr 0.1 --epochs 10000 -o - | head",
            "  lrplot training_args.json --set dataset_size=10000 -o hf.png",
            "  lrplot args.yaml --set world_size=8 -o timm.png",
            "",
            "Common flags (anywhere on the line):",
        ]
        for flag in CommonFlag.all {
            let head = "  " + flag.names.joined(separator: ", ") + (flag.placeholder.map { " \($0)" } ?? "")
            lines.append(head + String(repeating: " ", count: max(1, 28 - head.count)) + flag.help)
        }
        lines.append("")
        lines.append("Without -o: a terminal chart when standard output is a terminal, else CSV on standard output.")
        lines.append("Exit codes: 0 ok, 2 bad usage or an invalid value, 1 a failure at run time (e.g. a file that cannot be written).")
        lines.append("")
        lines.append(list())
        return lines.joined(separator: "\n")
    }
}
