import Foundation
import Testing
@testable import LRPlotCLI
import LRPlotEngine

@Suite struct ParserTests {
    func request(_ line: String) throws -> RunRequest {
        guard case .run(let request) = try InvocationParser.parse(try shellWords(line)) else {
            throw UsageError("not a run")
        }
        return request
    }

    @Test(arguments: [
        "step --step-size 5 --gamma 0.9",
        "step --step-size=5 --gamma=0.9",
        "step --step_size 5 --gamma 0.9",
        "StepLR --step-size 5 --gamma 0.9",
        "steplr --step-size 5 --gamma 0.9",
        "torch.optim.lr_scheduler.StepLR --step-size 5 --gamma 0.9",
        "--epochs 100 step --gamma 0.9 --step-size 5",
        "step --gamma 0.5 --step-size 5 --gamma 0.9",
        "'StepLR(optimizer, step_size=5, gamma=0.9)'",
        "'StepLR(optimizer, 5, 0.9)'",
        "'scheduler = lr_scheduler.StepLR(opt, gamma=0.9, step_size=5)'",
    ])
    func spellingsOfTheSameSchedule(_ line: String) throws {
        let r = try request(line)
        #expect(r.schedule.definition.name == "step")
        #expect(r.schedule.integer("step-size") == 5)
        #expect(r.schedule.real("gamma") == 0.9)
        #expect(r.options.epochs == 100)
    }

    @Test func commonFlagsAnywhereAndLists() throws {
        let r = try request("--lr 0.02,0.001 multistep --epochs 7 --milestones 30,60,90 -o x.csv --betas 0.8,0.99 --amsgrad --adam-eps 1e-6 --weight-decay 0.01")
        #expect(r.options.lrs == [0.02, 0.001])
        #expect(r.options.epochs == 7)
        #expect(r.options.output == "x.csv")
        #expect(r.schedule.integers("milestones") == [30, 60, 90])
        #expect(r.options.adam.betas == (0.8, 0.99))
        #expect(r.options.adam.amsgrad && r.options.adam.eps == 1e-6 && r.options.adam.weightDecay == 0.01)
    }

    @Test func negativeNumbersAreValues() throws {
        let r = try request("cosine --t-max 10 --eta-min -1e-3")
        #expect(r.schedule.real("eta-min") == -1e-3)
    }

    @Test func lambdaCollectsOneExpressionPerFlag() throws {
        let r = try request("lambda --lr 1,2 --lr-lambda 'epoch // 30' --lr-lambda 'lambda e: 0.95 ** e'")
        #expect(r.schedule.expressions("lr-lambda")?.map(\.source) == ["epoch // 30", "lambda e: 0.95 ** e"])
    }

    @Test func pythonCallWithListsAndLambdas() throws {
        let r = try request("'LambdaLR(optimizer, lr_lambda=[lambda epoch: epoch // 30, lambda epoch: 0.95 ** epoch], verbose=True)' --lr 0.1,0.2")
        #expect(r.schedule.expressions("lr-lambda")?.count == 2)
        #expect(r.options.verbose)
        let m = try request("'MultiStepLR(optimizer, milestones=[30, 80], gamma=0.1)'")
        #expect(m.schedule.integers("milestones") == [30, 80])
        let c = try request("'CosineAnnealingLR(optimizer, T_max=100, eta_min=1e-6)'")
        #expect(c.schedule.value("t-max", as: PyNumber.self) == PyNumber(100))
    }

    @Test func helpListAndVersion() throws {
        #expect({ if case .list = try? InvocationParser.parse(["list"]) { return true }; return false }())
        #expect({ if case .version = try? InvocationParser.parse(["--version"]) { return true }; return false }())
        #expect({ if case .help(let d) = try? InvocationParser.parse(["step", "--help"]) { return d?.name == "step" }; return false }())
        #expect({ if case .help(let d) = try? InvocationParser.parse(["help", "CosineAnnealingLR"]) { return d?.name == "cosine" }; return false }())
    }

    @Test(arguments: [
        ("stpe --step-size 5", "unknown schedule 'stpe'", "Did you mean 'step'?"),
        ("step --step-sise 5", "unknown option '--step-sise'", "Did you mean '--step-size'?"),
        ("step", "step needs --step-size", "integer ≥ 1"),
        ("step --step-size 2.5", "--step-size: '2.5' is not an integer", "integer ≥ 1"),
        ("step --step-size 0", "--step-size: 0 is out of range", "integer ≥ 1"),
        ("step --step-size 5 --gamma abc", "--gamma: 'abc' is not a valid value", "expected a number"),
        ("step --step-size 5 --gamma", "--gamma needs a value", ""),
        ("step --step-size 5 --epochs 0", "--epochs: 0 is out of range", "1 to 1000000000"),
        ("step --step-size 5 --epochs 1000000001", "--epochs", "1 to 1000000000"),
        ("step --step-size 5 --lr -0.1", "--lr: Invalid learning rate", "non-negative"),
        ("step --step-size 5 --lr 0.1,,0.2", "--lr: '0.1,,0.2' is not a valid list", ""),
        ("multistep --milestones 30,x", "--milestones: 'x' is not", "integers"),
        ("cosine --t-max 0", "--t-max: 0 is out of range", "a number (int or float) > 0"),
        ("lambda --lr-lambda 'epoch +'", "--lr-lambda: unexpected end of input at column 8", "^"),
        ("lambda --lr-lambda 'foo(epoch)'", "--lr-lambda: unknown function 'foo'", ""),
        ("step --step-size 5 --betas 0.9", "--betas", "two numbers"),
        ("step --step-size 5 --betas 0.9,1.0", "--betas: Invalid beta parameter at index 1", ""),
        ("step --step-size 5 --verbose=yes", "--verbose is a switch", ""),
        ("step --step-size 5 extra", "unexpected argument 'extra'", ""),
        ("--colr 1 step", "unknown option '--colr'", ""),
        ("step --step-size 5 --width 5", "--width: 5 is out of range", "100 to 8192"),
        ("step --step-size 5 --format jpg", "--format: 'jpg' is not one of", "png, svg"),
        ("'StepLR(optimizer, step_size=5, gama=0.9)'", "unexpected keyword argument 'gama'", "Did you mean 'gamma'?"),
        ("'StepLR(optimizer, gamma=0.9)'", "missing required argument 'step_size'", ""),
        ("'StepLR(optimizer, step_size=5'", "cannot read the Python call", "column"),
        ("'NoSuchLR(optimizer)'", "unknown schedule 'NoSuchLR'", ""),
        ("", "no schedule given", ""),
    ])
    func errorsNameTheCulpritAndTheAcceptedRange(line: String, message: String, hint: String) throws {
        do {
            _ = try InvocationParser.parse(try shellWords(line))
            Issue.record("'\(line)' should be rejected")
        } catch let error as UsageError {
            // The rendered diagnostic: subject, message, caret line and usage line.
            #expect(error.description.contains(message), "\(error.description)")
            #expect(hint.isEmpty || error.description.contains(hint), "\(error.description)")
        }
    }
}

@Suite struct SpecFileTests {
    @Test func splitsLikeAShell() throws {
        let words = try SpecFile.split("""
            # a comment
            lambda --lr 0.02,0.001   # trailing comment
              --lr-lambda 'lambda epoch: epoch // 30' --title "A \\"quoted\\" title"
              --x a\\ b
            """, name: "t")
        #expect(words == ["lambda", "--lr", "0.02,0.001", "--lr-lambda", "lambda epoch: epoch // 30", "--title", "A \"quoted\" title", "--x", "a b"])
    }

    @Test func unterminatedQuoteIsAnError() {
        #expect(throws: UsageError.self) { try SpecFile.split("step --title 'oops", name: "t") }
    }

    @Test func laterArgumentsWinOverTheFile() throws {
        let folder = temporaryFolder()
        let spec = folder.appendingPathComponent("s.sched")
        try "step --step-size 5 --gamma 0.9 --epochs 3\n".write(to: spec, atomically: true, encoding: .utf8)
        let result = lrplot(["@" + spec.path, "--gamma", "0.5"])
        #expect(result.code == 0)
        #expect(result.stdout.split(separator: "\n").count == 4)
        let selfInclude = folder.appendingPathComponent("loop.sched")
        try "@\(selfInclude.path)\n".write(to: selfInclude, atomically: true, encoding: .utf8)
        let loop = lrplot(["@" + selfInclude.path])
        #expect(loop.code == 2 && loop.stderr.contains("nesting"))
        let missing = lrplot(["@" + folder.appendingPathComponent("none.sched").path])
        #expect(missing.code == 2 && missing.stderr.contains("cannot read spec file"))
    }
}
