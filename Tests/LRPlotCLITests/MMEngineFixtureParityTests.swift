import Foundation
import Testing
import LRPlotCLI
import LRPlotEngine

/// Every fixture written by real MMEngine 0.10.7 (fixtures/generate_mmengine_fixtures.py: its
/// schedulers built as the Runner builds them and stepped by its ParamSchedulerHook) is reproduced
/// bit for bit: every iteration's lr, beta1 and loss.
@Suite struct MMEngineFixtureParityTests {
    static let folder = testsFolder.appendingPathComponent("Fixtures/mmengine")
    static let header: String = (try? String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8))?
        .split(separator: "\n").first.map(String.init) ?? ""

    static let cases: [FixtureParityTests.Case] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            return FixtureParityTests.Case(name: parts[0], arguments: parts[1])
        }
    }()

    /// The square root torch used (the header's `sqrt NAME;`).
    static let squareRoot: String = {
        guard let range = header.range(of: "sqrt ") else { return "" }
        return String(header[range.upperBound...].prefix { $0 != ";" })
    }()

    @Test func theFixturesComeFromThePinnedVersions() {
        #expect(Self.header.contains("mmengine 0.10.7, torch 2.15.0"))
        #expect(Self.squareRoot == AdamSettings().squareRoot.rawValue)
        #expect(Self.cases.count >= 25)
        // Every scheduler type of the family appears in some fixture.
        for definition in ScheduleRegistry.members(of: .mmengine) {
            #expect(Self.cases.contains { $0.arguments.contains(definition.name + " ") }, "no fixture uses \(definition.name)")
        }
    }

    @Test(arguments: MMEngineFixtureParityTests.cases)
    func matchesMMEngine(_ fixture: FixtureParityTests.Case) throws {
        let comparison = try FixtureParityTests.compare(fixture, folder: Self.folder, squareRoot: Self.squareRoot)
        #expect(comparison.values > 0)
        #expect(comparison.bitIdentical == comparison.values)
        #expect(comparison.mismatches.isEmpty, "\(comparison.mismatches.count) values differ, first: \(comparison.mismatches.prefix(3))")
    }

    /// The chart marks where MMEngine's LinearLR reaches its end factor (end - 1) and each milestone
    /// (epochs × epoch length), and nothing for a by-epoch scheduler an iteration loop never steps.
    @Test func markersAreWhereMMEngineActs() throws {
        var verbose = false
        let call = try PythonCall.parse("mmengine.param_scheduler([dict(type='LinearLR', start_factor=0.001, by_epoch=False, end=500), "
                                        + "dict(type='MultiStepLR', milestones=[8, 11, 11], end=12)], epoch_length=100)")
        let args = try Binder.bindCall(call, verbose: &verbose)
        let markers = args.definition.markers(args, 1200)
        #expect(markers == [ScheduleMarker(499, "warm-up end"), ScheduleMarker(800, "milestone"), ScheduleMarker(1100, "milestone")])
        let iterationLoop = try Binder.bindCall(try PythonCall.parse("mmengine.param_scheduler([dict(type='MultiStepLR', milestones=[8])], by_epoch=False)"),
                                                verbose: &verbose)
        #expect(iterationLoop.definition.markers(iterationLoop, 1200).isEmpty)
        let converted = try Binder.bindCall(try PythonCall.parse("dict(type='MultiStepLR', milestones=[2], begin=1, end=9, convert_to_iter_based=True, epoch_length=10)"),
                                            verbose: &verbose)
        #expect(converted.definition.markers(converted, 200) == [ScheduleMarker(30, "milestone")])
    }

    /// A list written as the config writes it, `dict(type=…)` entries in a Python call, gives the
    /// same rows as the flags form of the same fixture.
    @Test func theDictFormOfAListMatchesTheFixture() throws {
        let expected = try String(contentsOf: Self.folder.appendingPathComponent("mmdet_warmup_multistep.csv"), encoding: .utf8)
        let call = "mmengine.param_scheduler([dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=5), "
            + "dict(type='MultiStepLR', begin=0, end=12, by_epoch=True, milestones=[8, 11], gamma=0.1)], epoch_length=4)"
        let result = lrplot([call, "--lr", "0.01", "--epochs", "48", "--sqrt", Self.squareRoot, "-o", "-"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout == expected)
        // `last_step=-1` (a fresh run) and `_scope_` are accepted as the library accepts them; a resumed run is refused.
        let scoped = call.replacingOccurrences(of: "gamma=0.1)", with: "gamma=0.1, last_step=-1, _scope_='mmdet')")
        #expect(lrplot([scoped, "--lr", "0.01", "--epochs", "48", "--sqrt", Self.squareRoot, "-o", "-"]).stdout == expected)
        let resumed = lrplot([call.replacingOccurrences(of: "gamma=0.1)", with: "gamma=0.1, last_step=3)"), "--lr", "0.01", "-o", "-"])
        #expect(resumed.code == 2 && resumed.stderr.contains("only last_step=-1"))
    }
}
