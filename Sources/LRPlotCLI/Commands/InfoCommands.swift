import LRPlotEngine

/// `lrplot list`, `lrplot help [SCHEDULE]`, `lrplot --version`: text generated from the registry.
enum InfoCommands {
    static let version = "0.1.0"

    static func list() -> String {
        var lines = ["Schedules (torch.optim.lr_scheduler, PyTorch 2.15 semantics):", ""]
        let width = ScheduleRegistry.all.map { nameColumn($0).count }.max() ?? 0
        for d in ScheduleRegistry.all {
            let name = nameColumn(d)
            lines.append("  " + name + String(repeating: " ", count: width - name.count + 2) + d.summary)
        }
        lines.append("")
        lines.append("Run 'lrplot help SCHEDULE' for a schedule's flags.")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func nameColumn(_ d: ScheduleDefinition) -> String {
        var text = d.name
        if !d.aliases.isEmpty { text += " (" + d.aliases.joined(separator: ", ") + ")" }
        if let cls = d.pythonClass { text += "  \(cls)" }
        return text
    }

    static func help(_ definition: ScheduleDefinition?) -> String {
        guard let d = definition else { return overview() }
        var lines: [String] = []
        lines.append("lrplot \(d.name)\(d.pythonClass.map { " — torch.optim.lr_scheduler.\($0)" } ?? "")")
        lines.append("")
        lines.append(d.summary)
        lines.append("  \(d.formula)")
        if !d.aliases.isEmpty { lines.append("Aliases: \(d.aliases.joined(separator: ", "))") }
        lines.append("")
        lines.append("Flags:")
        if d.parameters.isEmpty { lines.append("  (none of its own)") }
        for p in d.parameters {
            var head = p.isPythonOnly ? "  \(p.pythonName)=  (Python-call form only)" : "  --\(p.name)"
            if p.pythonName != p.name && !p.isPythonOnly { head += ", --\(p.pythonName)" }
            if !p.type.placeholder.isEmpty { head += " \(p.type.placeholder)" }
            lines.append(head)
            var detail = "      \(p.doc)"
            if p.isRequired { detail += " Required." } else if let dv = p.defaultValue {
                detail += " Default: \(ScheduleArguments.pythonLiteral(dv))."
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
        if let cls = d.pythonClass {
            lines.append("  lrplot '\(cls)(optimizer, …)' -o \(d.name).png")
        }
        lines.append("")
        lines.append("Common flags: see 'lrplot --help'.")
        return lines.joined(separator: "\n") + "\n"
    }

    static func overview() -> String {
        var lines = [
            "lrplot — see exactly what a learning-rate schedule does, with PyTorch's numbers.",
            "",
            "Usage:",
            "  lrplot SCHEDULE [FLAGS...]            e.g. lrplot step --step-size 5 --gamma 0.9 -o out.png",
            "  lrplot 'PythonCall(...)' [FLAGS...]   e.g. lrplot 'StepLR(optimizer, step_size=5, gamma=0.9)' -o out.png",
            "  lrplot @FILE [FLAGS...]               arguments from a spec file",
            "  lrplot list | lrplot help [SCHEDULE] | lrplot --help | lrplot --version",
            "",
            "Common flags:",
        ]
        for flag in CommonFlag.all {
            let head = "  " + flag.names.joined(separator: ", ") + (flag.placeholder.map { " \($0)" } ?? "")
            lines.append(head + String(repeating: " ", count: max(1, 26 - head.count)) + flag.help)
        }
        lines.append("")
        lines.append("Without -o, CSV goes to standard output. Exit codes: 0 ok, 2 bad usage, 1 run-time failure.")
        lines.append("")
        lines.append(list())
        return lines.joined(separator: "\n")
    }
}
