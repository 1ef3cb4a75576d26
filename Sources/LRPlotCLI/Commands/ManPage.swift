import LRPlotEngine

/// `lrplot man`: the lrplot(1) manual page in roff, generated from the registry and the common-flag
/// table, like `help`, `list` and the completions.
enum ManPage {
    /// Escapes text for roff (backslashes, leading dots and quotes, hyphens in flags).
    static func roff(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\e"
            case "-": out += "\\-"
            default:
                if scalar.value < 128 {
                    out.unicodeScalars.append(scalar)
                } else {
                    // groff's Unicode escape keeps the page ASCII (no preprocessor needed).
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
                }
            }
        }
        if out.hasPrefix(".") || out.hasPrefix("'") { out = "\\&" + out }
        return out
    }

    static func page() -> String {
        var s = """
        .TH LRPLOT 1 "" "lrplot \(InfoCommands.version)" "User Commands"
        .SH NAME
        lrplot \\- see exactly what a learning\\-rate schedule does, with PyTorch's numbers
        .SH SYNOPSIS
        .B lrplot
        .I SCHEDULE
        .RI [ FLAGS ...]
        .br
        .B lrplot
        .RI \\(aq PythonCall(...) \\(aq
        .RI [ FLAGS ...]
        .br
        .B lrplot
        .BI @ FILE
        .RI [ FLAGS ...]
        .br
        .B lrplot
        .I SOURCE
        .RB [ \\-\\-set
        .IR KEY = VALUE ]
        .RI [ FLAGS ...]
        .br
        .B lrplot compare
        .I SPEC SPEC
        .RI ... [ FLAGS ...]
        .br
        .B lrplot
        .RB list " | " help " [" \\fISCHEDULE\\fR "] | " completions " " bash|zsh|fish " | " man " | " \\-\\-help " | " \\-\\-version
        .SH DESCRIPTION
        lrplot simulates a learning\\-rate schedule against a toy Adam optimizer with PyTorch 2.15's exact
        semantics and draws the curve (PNG, SVG, PDF, or a braille chart in the terminal), or writes the
        trace as CSV or JSON. Schedules are named in kebab\\-case or by their PyTorch class; every flag is
        also accepted in PyTorch's spelling. Flags are \\fB\\-\\-name value\\fR or \\fB\\-\\-name=value\\fR;
        lists are comma\\-separated; a repeated flag replaces the earlier value, except
        \\fB\\-\\-lr\\-lambda\\fR, which collects one expression per param group.
        .PP
        A \\fISOURCE\\fR is a config file a trainer already reads (HF TrainingArguments or timm train.py
        as \\fB.json\\fR or \\fB.yaml\\fR, or a trainer's command line in \\fB.txt\\fR or \\fB.sh\\fR), a Python
        snippet (\\fB.py\\fR), \\fB\\-\\fR for standard input, or one argument holding the text. lrplot reads
        it as that trainer does, draws the lr at every optimizer update and warns where the config
        surprises; \\fB\\-\\-set\\fR overrides a key (dotted for nested keys) or gives what the config does
        not record (\\fBdataset_size\\fR, \\fBworld_size\\fR).
        .SH COMMON OPTIONS

        """
        for flag in CommonFlag.all {
            s += ".TP\n.B " + roff(flag.names.joined(separator: ", ")) + (flag.placeholder.map { " \\fI" + roff($0) + "\\fR" } ?? "") + "\n" + roff(flag.help) + "\n"
        }
        s += ".SH SCHEDULES\n"
        for family in ScheduleRegistry.families {
            let library = family.version.isEmpty ? family.library : "\(family.library) \(family.version)"
            s += ".PP\n\\fB" + roff(family.heading) + "\\fR" + (family.module.isEmpty ? "" : " \\(em " + roff(library) + ", \\fI" + roff(family.module) + "\\fR") + "\n"
        }
        for d in ScheduleRegistry.all {
            s += ".SS " + roff(d.name) + (d.qualifiedName.map { " (" + roff($0) + ")" } ?? "") + "\n"
            s += roff(d.summary) + "\n.br\n" + roff(d.formula) + "\n"
            if !d.aliases.isEmpty { s += ".br\nAliases: " + roff(d.aliases.joined(separator: ", ")) + "\n" }
            for p in d.parameters {
                s += ".TP\n"
                if p.isPythonOnly {
                    s += ".B " + roff(p.pythonName) + "=\n(Python\\-call form only) "
                } else {
                    s += ".B " + roff("--" + p.name) + (p.pythonName != p.name ? ", " + roff("--" + p.pythonName) : "")
                        + (p.placeholder.isEmpty ? "" : " \\fI" + roff(p.placeholder) + "\\fR") + "\n"
                }
                var detail = p.doc
                if p.isRequired { detail += " Required." } else if let dv = p.defaultText {
                    detail += " Default: \(dv)."
                } else if let text = p.defaultDescription { detail += " Default: \(text)." }
                s += roff(detail + " Accepts " + p.acceptedDescription + ".") + "\n"
            }
            s += ".PP\nExample: \\fBlrplot " + roff(d.example) + "\\fR\n"
        }
        s += """
        .SH EXIT STATUS
        .TP
        .B 0
        success
        .TP
        .B 2
        bad usage or an invalid value (the message names the flag and the accepted range)
        .TP
        .B 1
        a failure at run time, such as a file that cannot be written
        .PP
        On any failure no output file is left behind and an existing file is untouched.
        .SH ENVIRONMENT
        .TP
        .B COLUMNS\\fR, \\fBLINES
        the size of the terminal chart
        .TP
        .B NO_COLOR
        when not empty: no colour in the terminal chart or in error messages (\\-\\-color always still colours)
        .TP
        .B CLICOLOR_FORCE
        when not empty nor 0: colour even when not writing to a terminal
        .TP
        .B TERM
        dumb: no colour
        .SH EXAMPLES
        .nf
        lrplot step \\-\\-step\\-size 5 \\-\\-gamma 0.9 \\-o step.png
        lrplot 'StepLR(optimizer, step_size=5, gamma=0.9)' \\-o step.svg
        lrplot sequential \\-\\-milestones 5 \\-\\- linear \\-\\-start\\-factor 0.1 \\-\\-total\\-iters 5 \\-\\- cosine \\-\\-t\\-max 95
        lrplot compare 'step \\-\\-step\\-size 30' 'cosine \\-\\-t\\-max 100' \\-o compare.png
        lrplot onecycle \\-\\-max\\-lr 0.1 \\-\\-epochs 10000 \\-o \\- | head
        .fi

        """
        return s
    }
}
