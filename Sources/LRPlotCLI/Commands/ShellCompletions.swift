import LRPlotEngine

/// `lrplot completions bash|zsh|fish`: completion scripts generated from the registry and the
/// common-flag table (schedule and class names, each schedule's flags, enum values, file paths
/// after `-o`, `--metrics-file` and `@`, and a composite's child schedule and its flags after
/// `--`). Adding a schedule updates them.
///
/// In every shell the schedule that flag completion uses is the first word that is neither a flag
/// nor a common flag's value, or, after a `--`, the child named after the last `--`.
enum ShellCompletions {
    /// The supported shells.
    static let shells = ["bash", "zsh", "fish"]

    static func script(for shell: String) -> String? {
        switch shell {
        case "bash": return bash()
        case "zsh": return zsh()
        case "fish": return fish()
        default: return nil
        }
    }

    static let subcommands = ["list", "help", "compare", "completions", "man"]
    static let fileFlags = ["-o", "--output", "--metrics-file"]

    /// Every schedule name, once (two families may share a class name: torch's and mmengine's LinearLR).
    static var scheduleWords: [String] {
        unique(ScheduleRegistry.all.flatMap { [$0.name] + $0.aliases + ($0.pythonClass.map { [$0] } ?? []) })
    }

    /// The names a composite's child can have after `--` (a composite cannot be one in the flag form).
    static var childWords: [String] { unique(ScheduleRegistry.all.filter { !$0.isComposite }.flatMap(names(of:))) }

    /// `words` without repeats, in their first order.
    static func unique(_ words: [String]) -> [String] {
        var seen: Set<String> = []
        return words.filter { seen.insert($0).inserted }
    }

    static var commonFlags: [String] { CommonFlag.all.flatMap(\.names) + ["--help", "--version"] }

    /// Every common flag with its help line (`--help` and `--version` too).
    static var commonFlagHelp: [(flag: String, help: String)] {
        CommonFlag.all.flatMap { flag in flag.names.map { ($0, flag.help) } } + [("--help", "show help (of the schedule, when one is named)"), ("--version", "print the version")]
    }

    /// Value-taking common flags (their next word is not the schedule).
    static var valueFlags: [String] { CommonFlag.all.filter(\.takesValue).flatMap(\.names) }

    /// Every flag whose next word is its value: the common ones and every schedule's non-switch
    /// flags (a name that is a switch in some schedule is left out, so it never hides a flag).
    static var allValueFlags: [String] {
        let parameters = ScheduleRegistry.all.flatMap(\.parameters).filter { !$0.isPythonOnly }
        let switches = Set(parameters.filter(\.isSwitch).flatMap { ["--" + $0.name, "--" + $0.pythonName] })
        var flags = valueFlags
        for p in parameters where !p.isSwitch {
            for flag in ["--" + p.name, "--" + p.pythonName] where !switches.contains(flag) && !flags.contains(flag) {
                flags.append(flag)
            }
        }
        return flags
    }

    /// ``allValueFlags`` less the file and enum flags (whose values are completed): nothing is offered after them.
    static var plainValueFlags: [String] {
        let completed = Set(fileFlags + enumValues.map(\.flag))
        return allValueFlags.filter { !completed.contains($0) }
    }

    /// The words of the common flags that take one of a few words.
    static let commonEnumValues: [(flag: String, values: [String])] = [
        ("--format", OutputFormat.allCases.map(\.rawValue)), ("--theme", ["light", "dark"]),
        ("--color", ColorChoice.allCases.map(\.rawValue)), ("--draw", ["auto", "steps", "lines"]),
        ("--sqrt", ["native"] + SquareRootKernel.allCases.map(\.rawValue)), ("--panels", PanelKind.allCases.map(\.rawValue)),
    ]

    /// Enum values per flag, merged over every schedule (and the common flags').
    static var enumValues: [(flag: String, values: [String])] {
        var table = commonEnumValues
        for d in ScheduleRegistry.all {
            for p in d.parameters where !p.isPythonOnly {
                let words = p.completionWords
                guard !words.isEmpty else { continue }
                for flag in ["--" + p.name, "--" + p.pythonName] {
                    if let i = table.firstIndex(where: { $0.flag == flag }) {
                        table[i].values = Array(Set(table[i].values + words)).sorted()
                    } else {
                        table.append((flag, words))
                    }
                }
            }
        }
        return table
    }

    static func flags(of d: ScheduleDefinition) -> [String] {
        d.parameters.filter { !$0.isPythonOnly }.flatMap { p -> [String] in
            var names = ["--" + p.name]
            if p.pythonName != p.name { names.append("--" + p.pythonName) }
            if p.isSwitch { names.append("--no-" + p.name) }
            return names
        }
    }

    static func names(of d: ScheduleDefinition) -> [String] {
        [d.name] + d.aliases + (d.pythonClass.map { [$0] } ?? [])
    }

    static func bash() -> String {
        var s = """
        # bash completion for lrplot (generated by `lrplot completions bash`)
        # The candidates for `cur` (the word after `prev`) in `reply`; `words[0..<n]` is the line up to it.
        _lrplot_candidates() {
            local i w schedule=""
            case "$prev" in
                \(fileFlags.joined(separator: "|"))) reply=( $(compgen -f -- "$cur") ); return ;;

        """
        for (flag, values) in enumValues {
            s += "        \(flag)) reply=( $(compgen -W \"\(values.joined(separator: " "))\" -- \"$cur\") ); return ;;\n"
        }
        s += """
                \(plainValueFlags.joined(separator: "|"))) return ;;
                completions) reply=( $(compgen -W "\(shells.joined(separator: " "))" -- "$cur") ); return ;;
                help) reply=( $(compgen -W "\(scheduleWords.joined(separator: " "))" -- "$cur") ); return ;;
            esac
            [[ -n "$pre" ]] && return
            if [[ "$cur" == @* ]]; then
                while IFS= read -r w; do [[ -d "$w" ]] && w+=/; reply+=( "@$w" ); done < <(compgen -f -- "${cur#@}")
                [[ ${#reply[@]} -eq 1 && "${reply[0]}" == */ ]] && compopt -o nospace 2>/dev/null
                return
            fi
            for (( i = 1; i < n - 1; i++ )); do
                w="${words[i]}"
                case "$w" in
                    --) schedule=-- ;;
                    \(valueFlags.joined(separator: "|"))) (( i++ )) ;;
                    -*|@*) ;;
                    *) if [[ -z "$schedule" || "$schedule" == -- ]]; then schedule="$w"; fi ;;
                esac
            done
            if [[ -z "$schedule" && "$cur" != -* ]]; then
                reply=( $(compgen -W "\((scheduleWords + subcommands).joined(separator: " "))" -- "$cur") ); return
            fi
            if [[ "$schedule" == -- && "$cur" != -* ]]; then
                reply=( $(compgen -W "\(childWords.joined(separator: " "))" -- "$cur") ); return
            fi
            local flags="\(commonFlags.joined(separator: " "))"
            case "$schedule" in

        """
        for d in ScheduleRegistry.all {
            s += "        \(names(of: d).joined(separator: "|"))) flags=\"$flags \(flags(of: d).joined(separator: " "))\" ;;\n"
        }
        s += """
            esac
            reply=( $(compgen -W "$flags" -- "$cur") )
        }
        _lrplot() {
            local line="$COMP_LINE" rest w i n=0 cur prev pre="" strip
            local -a words=() reply=()
            # COMP_WORDBREAKS splits `@FILE` and `--flag=value`: words with no blank between them are one again.
            for (( i = 0; i <= COMP_CWORD; i++ )); do
                w="${COMP_WORDS[i]}"
                rest="${line#"${line%%[![:space:]]*}"}"
                if (( i > 0 )) && [[ "$rest" == "$line" ]]; then words[n-1]+="$w"; else words[n]="$w"; n=$(( n + 1 )); fi
                line="${rest#"$w"}"
            done
            cur="${words[n-1]}"
            prev="${words[n-2]}"
            # What bash replaces is COMP_WORDS[COMP_CWORD], the end of `cur`, with the `@` before it
            # (readline's special prefix: it splits the word there but keeps it in the text replaced).
            strip="${cur%"${COMP_WORDS[COMP_CWORD]}"}"
            strip="${strip%@}"
            if [[ "$cur" == --*=* ]]; then prev="${cur%%=*}"; pre="$prev="; cur="${cur#*=}"; fi
            _lrplot_candidates
            COMPREPLY=()
            for w in "${reply[@]}"; do w="$pre$w"; COMPREPLY+=( "${w#"$strip"}" ); done
        }
        complete -o filenames -F _lrplot lrplot

        """
        return s
    }

    static func zsh() -> String {
        var s = """
        #compdef lrplot
        # zsh completion for lrplot (generated by `lrplot completions zsh`)
        _lrplot() {
            local cur=${words[CURRENT]} prev=${words[CURRENT-1]} schedule= i
            local -a flags
            case $prev in
                \(fileFlags.joined(separator: "|"))) _files; return ;;

        """
        for (flag, values) in enumValues {
            s += "        \(flag)) compadd -- \(values.joined(separator: " ")); return ;;\n"
        }
        s += """
                \(plainValueFlags.joined(separator: "|"))) return ;;
                completions) compadd -- \(shells.joined(separator: " ")); return ;;
                help) compadd -- \(scheduleWords.joined(separator: " ")); return ;;
            esac
            if [[ $cur == @* ]]; then
                compset -P '@'; _files; return
            fi
            for (( i = 2; i < CURRENT; i++ )); do
                case ${words[i]} in
                    --) schedule=-- ;;
                    \(valueFlags.joined(separator: "|"))) (( i++ )) ;;
                    -*|@*) ;;
                    *) if [[ -z $schedule || $schedule == -- ]]; then schedule=${words[i]}; fi ;;
                esac
            done
            if [[ -z $schedule && $cur != -* ]]; then
                compadd -- \((scheduleWords + subcommands).joined(separator: " ")); return
            fi
            if [[ $schedule == -- && $cur != -* ]]; then
                compadd -- \(childWords.joined(separator: " ")); return
            fi
            flags=(\(commonFlags.joined(separator: " ")))
            case $schedule in

        """
        for d in ScheduleRegistry.all {
            s += "        \(names(of: d).joined(separator: "|"))) flags+=(\(flags(of: d).joined(separator: " "))) ;;\n"
        }
        s += """
            esac
            compadd -- $flags
        }
        _lrplot "$@"

        """
        return s
    }

    /// A fish single-quoted string.
    static func fishQuote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// fish: `complete -l` lines before a `--` (fish completes no option after one), and the
    /// functions that find the schedule and complete a composite's child after it.
    static func fish() -> String {
        let quote = fishQuote
        var s = """
        # fish completion for lrplot (generated by `lrplot completions fish`)
        complete -c lrplot -f
        # The schedule flags go to: the first word that is neither a flag nor a common flag's value,
        # or the child named after the last `--` (`--` while it is not named yet).
        function __lrplot_schedule
            set -l words (commandline -opc)
            set -e words[1]
            set -l schedule ''
            set -l skip 0
            for w in $words
                if test $skip = 1
                    set skip 0
                    continue
                end
                switch $w
                    case --
                        set -- schedule --
                    case \(valueFlags.joined(separator: " "))
                        set skip 1
                    case '-*' '@*'
                    case '*'
                        if test -z "$schedule"; or test "$schedule" = --
                            set -- schedule $w
                        end
                end
            end
            printf "%s\\n" $schedule
        end
        function __lrplot_schedule_is
            set -l schedule (__lrplot_schedule)
            contains -- "$schedule" $argv
        end
        # `@FILE`: a spec file.
        function __lrplot_spec_files
            printf '@%s\\n' (__fish_complete_path (string sub -s 2 -- (commandline -ct)) 'spec file')
        end
        # After a `--`: the child's name, then its flags, the common flags and their values.
        function __lrplot_child
            set -l cur (commandline -ct)
            set -l prev (commandline -opc)[-1]
            switch $prev
                case \(fileFlags.joined(separator: " "))
                    __fish_complete_path $cur
                    return

        """
        for (flag, values) in enumValues {
            s += "        case \(flag)\n            printf '%s\\n' \(values.joined(separator: " "))\n            return\n"
        }
        s += """
                case \(plainValueFlags.joined(separator: " "))
                    return
            end
            set -l schedule (__lrplot_schedule)
            if not string match -q -- '-*' "$cur"
                test "$schedule" = --; and printf '%s\\n' \(childWords.joined(separator: " "))
                return
            end
            printf '%s\\t%s\\n' \(commonFlagHelp.map { "\($0.flag) \(quote($0.help))" }.joined(separator: " "))
            switch $schedule

        """
        for d in ScheduleRegistry.all where !d.isComposite {
            let words = d.parameters.filter { !$0.isPythonOnly }.flatMap { p -> [String] in
                var names = [p.name] + (p.pythonName != p.name ? [p.pythonName] : [])
                names = names.map { "--\($0) \(quote(p.doc))" }
                if p.isSwitch { names.append("--no-\(p.name) \(quote("turn --\(p.name) off"))") }
                return names
            }
            s += "        case \(names(of: d).map(quote).joined(separator: " "))\n"
            if !words.isEmpty { s += "            printf '%s\\t%s\\n' \(words.joined(separator: " "))\n" }
        }
        s += """
            end
        end
        complete -c lrplot -n 'string match -q -- "@*" (commandline -ct)' -a '(__lrplot_spec_files)'
        complete -c lrplot -n 'contains -- -- (commandline -opc)' -a '(__lrplot_child)'

        """
        let top = ScheduleRegistry.all.flatMap { names(of: $0) }.joined(separator: " ")
        s += "complete -c lrplot -n '__lrplot_schedule_is \"\"' -a '\(top)'\n"
        s += "complete -c lrplot -n '__lrplot_schedule_is \"\"' -a '\(subcommands.joined(separator: " "))'\n"
        s += "complete -c lrplot -n '__lrplot_schedule_is completions' -a '\(shells.joined(separator: " "))'\n"
        s += "complete -c lrplot -n '__lrplot_schedule_is help' -a '\(scheduleWords.joined(separator: " "))'\n"
        s += "complete -c lrplot -s h -l help -d \(quote("show help (of the schedule, when one is named)"))\n"
        s += "complete -c lrplot -l version -d \(quote("print the version"))\n"
        let enums = enumValues
        for flag in CommonFlag.all {
            var line = "complete -c lrplot"
            for name in flag.names {
                line += name.hasPrefix("--") ? " -l \(name.dropFirst(2))" : " -s \(name.dropFirst())"
            }
            // -r: a value follows; -x: one that is not a file (-F: a file, which no other rule may forbid).
            if flag.takesValue { line += flag.names.contains(where: fileFlags.contains) ? " -r -F" : " -x" }
            if let values = enums.first(where: { flag.names.contains($0.flag) })?.values { line += " -a \(quote(values.joined(separator: " ")))" }
            s += line + " -d \(quote(flag.help))\n"
        }
        for d in ScheduleRegistry.all {
            let condition = "__lrplot_schedule_is \(names(of: d).joined(separator: " "))"
            for p in d.parameters where !p.isPythonOnly {
                var line = "complete -c lrplot -n '\(condition)' -l \(p.name)"
                if p.pythonName != p.name { line += " -l \(p.pythonName)" }
                if !p.isSwitch { line += " -x" }
                if !p.completionWords.isEmpty { let words = p.completionWords; line += " -a \(quote(words.joined(separator: " ")))" }
                s += line + " -d \(quote(p.doc))\n"
                if p.isSwitch { s += "complete -c lrplot -n '\(condition)' -l no-\(p.name) -d \(quote("turn --\(p.name) off"))\n" }
            }
        }
        return s
    }
}
