import Foundation
import Testing
@testable import LRPlotCLI
import LRPlotEngine

/// Issue 12: the completion scripts run in their real shells (a shell that is not installed is
/// skipped): `@FILE` completes spec files, a composite's child and its flags are completed after
/// `--`, and the value of every common flag is completed with its words, never with file names.
@Suite struct ShellCompletionTests {
    /// The installed `name`, if any.
    static func shell(_ name: String) -> String? {
        ["/bin/" + name, "/usr/bin/" + name, "/usr/local/bin/" + name].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The files `@` and `-o` complete in: two spec files, a note and a folder.
    static let files = ["base.sched", "warmup.sched", "notes.txt", "specs"]

    /// A fresh folder holding ``files`` (the working directory of the shell) and, beside it, the script.
    static func workspace(_ shell: String) throws -> (folder: URL, script: URL) {
        let root = temporaryFolder()
        let folder = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("specs"), withIntermediateDirectories: true)
        for name in files where name != "specs" {
            try "step --step-size 3\n".write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let script = root.appendingPathComponent("lrplot.\(shell)")
        let text = try #require(ShellCompletions.script(for: shell))
        try text.write(to: script, atomically: true, encoding: .utf8)
        return (folder, script)
    }

    /// Runs `executable arguments` in `folder`; its standard output split into lines.
    static func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(arguments): \(errors)")
        #expect(errors.isEmpty, "\(arguments) wrote to stderr: \(errors)")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// bash's default COMP_WORDBREAKS, less the blanks.
    static let wordBreaks = Set("\"'><=;|&(:@")

    /// `line` split into COMP_WORDS as interactive bash splits it (on blanks, then into runs of
    /// COMP_WORDBREAKS characters and of other characters: `@sch` is `@` and `sch`, `--a=@x` is
    /// `--a`, `=@`, `x`); a line ending in a blank gets an empty last word. No quotes.
    static func bashWords(_ line: String, breaks: Set<Character>) -> [String] {
        var words: [String] = []
        for token in line.split(whereSeparator: \.isWhitespace) {
            var current = ""
            for c in token {
                if let last = current.last, breaks.contains(last) != breaks.contains(c) {
                    words.append(current)
                    current = ""
                }
                current.append(c)
            }
            words.append(current)
        }
        if line.last?.isWhitespace ?? true { words.append("") }
        return words
    }

    /// What bash completes for `line` (the cursor at its end): COMPREPLY, sorted.
    static func bash(_ line: String, breaks: Set<Character> = wordBreaks) throws -> [String] {
        let bash = try #require(shell("bash"))
        let (folder, script) = try workspace("bash")
        let words = bashWords(line, breaks: breaks)
        let driver = """
            source "$1"; COMP_LINE=$2; COMP_POINT=${#COMP_LINE}; shift 2
            COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
            _lrplot
            (( ${#COMPREPLY[@]} )) && printf '%s\\n' "${COMPREPLY[@]}"
            exit 0
            """
        return try run(bash, ["--norc", "--noprofile", "-c", driver, "bash", script.path, line] + words, in: folder).sorted()
    }

    /// Types `line`, a Tab and Return into an interactive bash on a pseudo-terminal, so that
    /// readline itself splits the line, calls the completion and inserts the reply, in a shell where
    /// `lrplot` is a function that prints its arguments; the arguments the completed line ran with.
    static func interactiveBash(_ line: String) throws -> [String] {
        let bash = try #require(shell("bash"))
        let (folder, script) = try workspace("bash")
        var master: Int32 = -1, slave: Int32 = -1
        try #require(openpty(&master, &slave, nil, nil, nil) == 0)
        defer { close(master) }
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bash)
        process.arguments = ["--norc", "--noprofile", "-i"]
        process.currentDirectoryURL = folder
        process.environment = ["TERM": "dumb", "PS1": "$ ", "HOME": folder.path, "PATH": "/usr/bin:/bin"]
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()
        try terminal.close()
        // 'A''RGS' so that the echo of the definition is not taken for its output.
        let input = "source '\(script.path)'; lrplot() { printf 'A''RGS<%s>' \"$@\"; echo; }\n\(line)\t\nexit\n"
        _ = input.withCString { write(master, $0, strlen($0)) }
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 1000) >= 0 else { break }
            if ready.revents == 0 { if process.isRunning { continue } else { break } }
            let count = read(master, &buffer, buffer.count)
            guard count > 0 else { break }  // EIO: the shell has exited
            output += buffer[0..<count]
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self)
        let lines = text.unicodeScalars.split { $0 == "\n" || $0 == "\r" }.map { String(String.UnicodeScalarView($0)) }
        let run = try #require(lines.last { $0.hasPrefix("ARGS<") }, "bash ran \(line): \(text)")
        return run.components(separatedBy: "ARGS<").dropFirst().map { String($0.dropLast()) }
    }

    /// What fish completes for `line` (`complete -C`): the candidates without their descriptions, sorted.
    static func fish(_ line: String) throws -> [String] {
        let fish = try #require(shell("fish"))
        let (folder, script) = try workspace("fish")
        let lines = try run(fish, ["--no-config", "-c", "source $argv[1]; complete -C $argv[2]", script.path, line], in: folder)
        return lines.map { String($0.prefix { $0 != "\t" }) }.sorted()
    }

    /// What the zsh function offers for `line`: real zsh runs the script, with `compadd` (which
    /// needs a completion widget) replaced by a function that prints the words matching the
    /// current word, and `_files` by one that prints `<files>`.
    static func zsh(_ line: String) throws -> [String] {
        let zsh = try #require(shell("zsh"))
        let (folder, script) = try workspace("zsh")
        var words = line.split(separator: " ").map(String.init)
        if line.hasSuffix(" ") { words.append("") }
        let driver = """
            compadd() { [[ $1 == -- ]] && shift; local w; for w; do [[ $w == "$cur"* ]] && print -r -- $w; done; return 0 }
            _files() { print -r -- '<files>' }
            compset() { return 0 }
            script=$1; shift; words=("$@"); CURRENT=$#
            source $script
            """
        return try run(zsh, ["-f", "-c", driver, "zsh", script.path] + words, in: folder).sorted()
    }

    static let hasBash = shell("bash") != nil
    static let hasFish = shell("fish") != nil
    static let hasZsh = shell("zsh") != nil

    /// The flags offered for `schedule`'s flags: its own and the common ones, starting with `prefix`.
    static func flags(of schedule: String, prefix: String = "--") throws -> [String] {
        let definition = try #require(ScheduleRegistry.lookup(schedule))
        return Set(ShellCompletions.commonFlags + ShellCompletions.flags(of: definition)).filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// The non-composite schedule names (a composite's child).
    static var childNames: [String] {
        Set(ScheduleRegistry.all.filter { !$0.isComposite }.flatMap { ShellCompletions.names(of: $0) }).sorted()
    }

    /// The words each common flag accepts, read from its own error message for a word it rejects
    /// ("… is not one of a, b, c." or "… expected a comma-separated list of a, b, c."); only the
    /// flags that take one of a few words.
    static var enumeratedCommonFlags: [(flag: String, words: [String])] {
        CommonFlag.all.filter(\.takesValue).compactMap { flag -> (String, [String])? in
            let name = flag.names.last ?? ""
            let message = lrplot(["step", "--step-size", "3", name, "zzzz"]).stderr
            guard let range = message.range(of: "one of ") ?? message.range(of: "list of ") else { return nil }
            let list = message[range.upperBound...].prefix { $0 != "." && $0 != "\n" }
            return (name, list.components(separatedBy: ", ").sorted())
        }
    }

    @Test func theCommonFlagsThatTakeWordsAreFound() {
        let flags = Self.enumeratedCommonFlags.map(\.flag)
        for flag in ["--format", "--theme", "--color", "--draw", "--sqrt", "--panels"] { #expect(flags.contains(flag), "\(flag)") }
        #expect(!flags.contains("--title") && !flags.contains("--epochs") && !flags.contains("--lr"))
    }

    // MARK: bash

    @Test(.enabled(if: hasBash, "bash is not installed"))
    func bashCompletesSpecFilesAfterAt() throws {
        // bash splits `@` off the word (COMP_WORDBREAKS) but readline replaces it too (`@` is one of
        // its special prefixes): the reply keeps the `@` (seen in an interactive bash 5.2 on a pty).
        #expect(try Self.bash("lrplot @") == Self.files.map { "@" + ($0 == "specs" ? "specs/" : $0) }.sorted())
        #expect(try Self.bash("lrplot @b") == ["@base.sched"])
        #expect(try Self.bash("lrplot --lr 0.1 @w") == ["@warmup.sched"])
        #expect(try Self.bash("lrplot compare @base.sched @w") == ["@warmup.sched"])
        #expect(try Self.bash("lrplot @sp") == ["@specs/"])
        // Without `@` in COMP_WORDBREAKS the word is `@b` in COMP_WORDS too.
        #expect(try Self.bash("lrplot @b", breaks: Self.wordBreaks.subtracting(["@"])) == ["@base.sched"])
        // A spec file is not the schedule: the common flags follow it.
        #expect(try Self.bash("lrplot @base.sched --the") == ["--theme"])
    }

    @Test(.enabled(if: hasBash, "bash is not installed"))
    func readlineInsertsWhatTheBashCompletionReplies() throws {
        #expect(try Self.interactiveBash("lrplot @ba") == ["@base.sched"])
        #expect(try Self.interactiveBash("lrplot --lr 0.1 @sp") == ["--lr", "0.1", "@specs/"])
        #expect(try Self.interactiveBash("lrplot step --theme=d") == ["step", "--theme=dark"])
        #expect(try Self.interactiveBash("lrplot sequential -- cosine --t-m") == ["sequential", "--", "cosine", "--t-max"])
        #expect(try Self.interactiveBash("lrplot chained -- multis") == ["chained", "--", "multistep"])
    }

    @Test(.enabled(if: hasBash, "bash is not installed"))
    func bashCompletesACompositesChildAndItsFlags() throws {
        #expect(try Self.bash("lrplot sequential --milestones 5 -- ") == Self.childNames)
        #expect(try Self.bash("lrplot chained -- cos") == Self.childNames.filter { $0.hasPrefix("cos") })
        #expect(try Self.bash("lrplot sequential --milestones 5 -- cosine --t-") == ["--t-max"])
        #expect(try Self.bash("lrplot sequential --milestones 5 -- cosine --t-max 5 -- linear --") == Self.flags(of: "linear"))
        #expect(try Self.bash("lrplot --epochs 9 chained -- step --step-size 3 -- exponential --") == Self.flags(of: "exponential"))
        // The composite's own flags before the first `--`.
        #expect(try Self.bash("lrplot sequential --mi") == ["--milestones"])
        #expect(try Self.bash("lrplot sequential --milestones 5 -- step --step-size ").isEmpty)
        #expect(try Self.bash("lrplot chained -- cyclic --max-lr 1 --mode tri") == ["triangular", "triangular2"])
    }

    @Test(.enabled(if: hasBash, "bash is not installed"))
    func bashCompletesEveryCommonFlagsValue() throws {
        for (flag, words) in Self.enumeratedCommonFlags {
            #expect(try Self.bash("lrplot step --step-size 3 \(flag) ") == words, "\(flag)")
            #expect(try Self.bash("lrplot sequential -- step \(flag) ") == words, "\(flag) in a child")
            // `--flag=` (bash splits at `=` too).
            let first = try #require(words.first)
            #expect(try Self.bash("lrplot step \(flag)=\(first.prefix(2))") == words.filter { $0.hasPrefix(first.prefix(2)) }, "\(flag)=")
        }
        let enumerated = Set(Self.enumeratedCommonFlags.map(\.flag))
        for flag in CommonFlag.all where flag.takesValue {
            let name = try #require(flag.names.last)
            if ShellCompletions.fileFlags.contains(name) {
                #expect(try Self.bash("lrplot step \(name) b") == ["base.sched"], "\(name)")
            } else if !enumerated.contains(name) {
                #expect(try Self.bash("lrplot step \(name) ").isEmpty, "\(name) takes a value, not a flag")
            }
        }
        #expect(try Self.bash("lrplot step --lr=").isEmpty)
    }

    @Test(.enabled(if: hasBash, "bash is not installed"))
    func bashCompletesSchedulesSubcommandsAndShells() throws {
        #expect(try Self.bash("lrplot --lr 0.1 ste") == ["step"])
        #expect(try Self.bash("lrplot comp") == ["compare", "completions"])
        #expect(try Self.bash("lrplot completions ") == ["bash", "fish", "zsh"])
        #expect(try Self.bash("lrplot step --step") == ["--step-size", "--step_size", "--steps-per-epoch"])
        // A word that is a common flag's value is not the schedule.
        #expect(try Self.bash("lrplot --title step --ga").isEmpty)
    }

    // MARK: fish

    @Test(.enabled(if: hasFish, "fish is not installed"))
    func fishCompletesSpecFilesAfterAt() throws {
        #expect(try Self.fish("lrplot @") == Self.files.map { "@" + ($0 == "specs" ? "specs/" : $0) }.sorted())
        #expect(try Self.fish("lrplot @sch").isEmpty)
        #expect(try Self.fish("lrplot @b") == ["@base.sched"])
        #expect(try Self.fish("lrplot --lr 0.1 @w") == ["@warmup.sched"])
        #expect(try Self.fish("lrplot sequential -- cosine @w") == ["@warmup.sched"])
        #expect(try Self.fish("lrplot @base.sched --the") == ["--theme"])
    }

    @Test(.enabled(if: hasFish, "fish is not installed"))
    func fishCompletesACompositesChildAndItsFlags() throws {
        // fish completes no option after `--` by itself: the script does.
        #expect(try Self.fish("lrplot sequential --milestones 5 -- ") == Self.childNames)
        #expect(try Self.fish("lrplot chained -- cosine --t-") == ["--t-max"])
        #expect(try Self.fish("lrplot sequential --milestones 5 -- cosine --t-max 5 -- linear --") == Self.flags(of: "linear"))
        #expect(try Self.fish("lrplot sequential --milestones 5 -- cosine --t-max 5 -- ste") == Self.childNames.filter { $0.lowercased().hasPrefix("ste") })
        #expect(try Self.fish("lrplot sequential --mi") == ["--milestones"])
        #expect(try Self.fish("lrplot sequential --milestones 5 -- cosine --t-max ").isEmpty)
        #expect(try Self.fish("lrplot chained -- cyclic --max-lr 1 --mode ") == ["exp_range", "max", "min", "triangular", "triangular2"])
        #expect(try Self.fish("lrplot sequential -- cosine -o b") == ["base.sched"])
    }

    @Test(.enabled(if: hasFish, "fish is not installed"))
    func fishCompletesEveryCommonFlagsValueAndNoFiles() throws {
        for (flag, words) in Self.enumeratedCommonFlags {
            #expect(try Self.fish("lrplot step --step-size 3 \(flag) ") == words, "\(flag)")
            #expect(try Self.fish("lrplot sequential -- step \(flag) ") == words, "\(flag) in a child")
        }
        let enumerated = Set(Self.enumeratedCommonFlags.map(\.flag))
        for flag in CommonFlag.all where flag.takesValue {
            let name = try #require(flag.names.last)
            if ShellCompletions.fileFlags.contains(name) {
                #expect(try Self.fish("lrplot step \(name) b") == ["base.sched"], "\(name)")
            } else if !enumerated.contains(name) {
                #expect(try Self.fish("lrplot step \(name) ").isEmpty, "\(name): no files")
                #expect(try Self.fish("lrplot sequential -- step \(name) ").isEmpty, "\(name) in a child: nothing")
            }
        }
        // A schedule's enum flag: its own words, no files.
        let cyclic = try #require(ScheduleRegistry.lookup("cyclic")?.parameter(named: "mode"))
        #expect(try Self.fish("lrplot cyclic --max-lr 1 --mode ") == cyclic.completionWords.sorted())
        #expect(try Self.fish("lrplot step --gamma ").isEmpty)
    }

    @Test(.enabled(if: hasFish, "fish is not installed"))
    func fishCompletesSchedulesSubcommandsAndShells() throws {
        // fish matches case-insensitively.
        #expect(try Self.fish("lrplot --lr 0.1 multis") == ["MultiStepLR", "MultiStepLRScheduler", "MultiStepMomentum", "multistep"])
        #expect(try Self.fish("lrplot completions ") == ["bash", "fish", "zsh"])
        #expect(try Self.fish("lrplot step --step-s") == ["--step-size"])
        #expect(try Self.fish("lrplot --title step --ga").isEmpty)
    }

    // MARK: zsh

    @Test(.enabled(if: hasZsh, "zsh is not installed"))
    func zshCompletesACompositesChildAndItsFlags() throws {
        #expect(try Self.zsh("lrplot sequential --milestones 5 -- ") == Self.childNames)
        #expect(try Self.zsh("lrplot chained -- cosine --t-") == ["--t-max"])
        #expect(try Self.zsh("lrplot sequential --milestones 5 -- cosine --t-max 5 -- linear --") == Self.flags(of: "linear"))
        #expect(try Self.zsh("lrplot sequential --milestones 5 -- cosine --t-max ").isEmpty)
        #expect(try Self.zsh("lrplot @b") == ["<files>"])
        for (flag, words) in Self.enumeratedCommonFlags {
            #expect(try Self.zsh("lrplot sequential -- step \(flag) ") == words, "\(flag)")
        }
    }
}
