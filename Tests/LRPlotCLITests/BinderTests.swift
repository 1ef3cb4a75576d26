import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// The one binder under every front end: flags and Python calls bind to the same values, every
/// error carries its origin, and everything a constructor would reject is found before any run.
@Suite struct BinderTests {
    func request(_ line: String) throws -> RunRequest {
        guard case .run(let r) = try InvocationParser.parse(try shellWords(line)) else { throw UsageError("not a run") }
        return r
    }

    @Test(arguments: [
        ("cyclic --max-lr 0.1 --step-size-up 4 --mode exp_range --gamma 0.99 --no-cycle-momentum",
         "'CyclicLR(optimizer, base_lr=0.1, max_lr=0.1, step_size_up=4, mode=\"exp_range\", gamma=0.99, cycle_momentum=False)' --lr 0.1"),
        ("onecycle --max-lr 0.1,0.2 --lr 0.1,0.2 --three-phase --anneal-strategy linear",
         "'OneCycleLR(optimizer, [0.1, 0.2], three_phase=True, anneal_strategy=\"linear\")' --lr 0.1,0.2"),
        ("hf.warmup_stable_decay --num-warmup-steps 5 --num-decay-steps 10 --decay-type 1-sqrt",
         "'get_scheduler(\"warmup_stable_decay\", optimizer, 5, scheduler_specific_kwargs={\"num_decay_steps\": 10, \"decay_type\": \"1-sqrt\"})'"),
        ("plateau --mode max --threshold-mode abs", "'ReduceLROnPlateau(optimizer, \"max\", threshold_mode=\"abs\")'"),
    ])
    func flagsAndPythonCallsBindTheSameValues(flags: String, python: String) throws {
        let a = try request(flags), b = try request(python)
        #expect(a.schedule.definition.name == b.schedule.definition.name)
        for p in a.schedule.definition.parameters where p.name != "base-lr" {
            #expect(a.schedule.bound(p)?.json == b.schedule.bound(p)?.json, "\(p.name)")
        }
        let x = lrplot(try shellWords(flags) + ["--epochs", "40"]), y = lrplot(try shellWords(python) + ["--epochs", "40"])
        #expect(x.code == 0 && x.stdout == y.stdout, "\(x.stderr)\(y.stderr)")
    }

    @Test func noneLeavesAnOptionalParameterUnset() throws {
        let a = lrplot(["CyclicLR(optimizer, 0.01, 0.1, step_size_up=5, step_size_down=None, scale_fn=None)", "--epochs", "30"])
        let b = lrplot(["cyclic", "--base-lr", "0.01", "--max-lr", "0.1", "--step-size-up", "5", "--epochs", "30"])
        #expect(a.code == 0 && a.stdout == b.stdout, "\(a.stderr)")
        let required = lrplot(["StepLR(optimizer, step_size=None)"])
        #expect(required.code == 2 && required.stderr.contains("StepLR(step_size=…)"), "\(required.stderr)")
    }

    /// A spec that only its constructor rejects fails while the command line is read, naming its spec,
    /// before the first spec is simulated; nothing is written.
    @Test func compareRejectsABadSpecBeforeSimulatingAny() throws {
        let line = ["compare", "step --step-size 3", "onecycle --max-lr 0.1 --total-steps 50", "--lr", "0.1,0.2"]
        #expect {
            _ = try InvocationParser.parse(line)
        } throws: { error in
            guard let d = error as? Diagnostic else { return false }
            return d.origin.spec == 2 && d.origin.subject == "--total-steps"
        }
        let perGroup = ["compare", "step --step-size 3", "'CyclicLR(optimizer, 0.01, [0.1, 0.2, 0.3])'", "--lr", "0.1,0.2"]
        #expect(throws: Diagnostic.self) { _ = try InvocationParser.parse(perGroup) }
        let folder = temporaryFolder()
        let r = lrplot(perGroup + ["-o", folder.appendingPathComponent("c.png").path])
        #expect(r.code == 2 && r.stderr.hasPrefix("lrplot: error: spec 2: CyclicLR(max_lr=…): max_lr must have the same length"), "\(r.stderr)")
        #expect(listing(folder).isEmpty)
    }

    @Test func pythonValueErrorsPointAtTheValue() throws {
        let r = lrplot(["CosineAnnealingLR(optimizer, T_max=100, eta_min=\"x\")"])
        #expect(r.code == 2)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count >= 3, "\(r.stderr)")
        #expect(lines[0].contains("CosineAnnealingLR(eta_min=…): '\"x\"' is not a valid value"), "\(r.stderr)")
        // The caret sits under the value in the echoed call.
        let column = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let expected = lines[1].range(of: "\"x\"").map { lines[1].distance(from: lines[1].startIndex, to: $0.lowerBound) }
        #expect(column != nil && column == expected, "\(r.stderr)")
    }

    @Test func familiesAreValues() throws {
        #expect(lrplot(["help", "hf.linear"]).stdout.hasPrefix("lrplot hf.linear — transformers.optimization.get_linear_schedule_with_warmup"))
        #expect(lrplot(["help", "timm.cosine"]).stdout.hasPrefix("lrplot timm.cosine — timm.scheduler.CosineLRScheduler"))
        #expect(lrplot(["help", "step"]).stdout.hasPrefix("lrplot step — torch.optim.lr_scheduler.StepLR"))
        for family in ScheduleRegistry.families {
            #expect(!ScheduleRegistry.members(of: family).isEmpty)
            let out = MemoryOutput()
            var wide = CLIEnvironment(standardOutput: out, standardError: MemoryOutput(), standardOutputIsTerminal: true)
            wide.terminalSize = TerminalSize(columns: 200, rows: 50)
            #expect(LRPlotCommand.main(["list"], environment: wide) == 0)
            #expect(out.text.contains(family.heading + ":"))
        }
        #expect(ScheduleRegistry.factory(named: "transformers.get_scheduler") != nil)
    }
}

/// `help`'s examples work when pasted: the Python-call example draws what the flag example draws.
@Suite struct HelpExampleTests {
    @Test(arguments: ScheduleRegistry.all.map(\.name))
    func pythonExampleEqualsFlagExample(_ name: String) throws {
        // A wide terminal, so no example is wrapped.
        let out = MemoryOutput()
        var wide = CLIEnvironment(standardOutput: out, standardError: MemoryOutput(), standardOutputIsTerminal: true)
        wide.terminalSize = TerminalSize(columns: 400, rows: 50)
        #expect(LRPlotCommand.main(["help", name], environment: wide) == 0)
        let help = out.text
        let examples = help.components(separatedBy: "Example:\n").last?.split(separator: "\n").prefix(2).map { String($0.dropFirst(2)) } ?? []
        #expect(examples.count == 2)
        guard let definition = ScheduleRegistry.lookup(name), definition.pythonClass != nil else { return }
        let lines = try examples.map { line -> [String] in
            var words = try shellWords(line)
            #expect(words.first == "lrplot")
            words.removeFirst()
            if let o = words.firstIndex(of: "-o"), o + 1 < words.count { words.removeSubrange(o...(o + 1)) }
            return words + ["-o", "-"]
        }
        #expect(lines[1].first?.contains("(optimizer") == true || definition.optimizerPosition > 0 || !definition.family.takesOptimizer, "\(lines[1])")
        let flags = lrplot(lines[0]), python = lrplot(lines[1])
        #expect(flags.code == 0 && python.code == 0, "\(flags.stderr) \(python.stderr)")
        #expect(flags.stdout == python.stdout)
    }
}

/// Values read from a spec file name the file and line they were written on.
@Suite struct SpecFileOriginTests {
    @Test func errorsNameTheSpecFileAndLine() throws {
        let folder = temporaryFolder()
        let spec = folder.appendingPathComponent("bad.sched")
        try "# a schedule\nstep\n  --step-size 5\n  --gamma abc\n".write(to: spec, atomically: true, encoding: .utf8)
        let r = lrplot(["@" + spec.path])
        #expect(r.code == 2)
        #expect(r.stderr.hasPrefix("lrplot: error: \(spec.path):4: --gamma: 'abc' is not a valid value"), "\(r.stderr)")
        let compared = lrplot(["compare", "step --step-size 2", "@" + spec.path])
        #expect(compared.stderr.hasPrefix("lrplot: error: spec 2: \(spec.path):4: --gamma:"), "\(compared.stderr)")
        // Arguments typed on the command line have no file.
        #expect(lrplot(["step", "--step-size", "5", "--gamma", "abc"]).stderr.hasPrefix("lrplot: error: --gamma:"))
    }
}
