import Testing
@testable import LRPlotEngine

/// With MKL's AVX2 kernel emulated, lrplot reproduces torch run with that kernel
/// (`generate_fixtures.py avx2`: MKL_ENABLE_INSTRUCTIONS=AVX2) bit for bit, on three fixtures whose
/// loss differs between the two kernels, one of them a plateau schedule driven by the loss.
@Suite struct AVX2ParityTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let definition: ScheduleDefinition
        let parameters: [String: Literal]
        let lrs: [Double]
        let epochs: Int
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "constant_long", definition: .constant, parameters: ["factor": .real(0.07), "total-iters": .integer(700)],
             lrs: [0.3, 0.003], epochs: 1500),
        Case(name: "warm_restarts_mult_two", definition: .cosineWarmRestarts,
             parameters: ["t-0": .integer(5), "t-mult": .integer(2), "eta-min": .real(1e-10)], lrs: [0.05, 0.5], epochs: 1300),
        Case(name: "plateau_toy_loss_eps", definition: .plateau,
             parameters: ["patience": .integer(0), "factor": .real(0.9), "eps": .real(1e-3), "min-lr": .reals([0.01, 0.01])],
             lrs: [0.1, 0.02], epochs: 1000),
    ]

    /// lrplot's rows as CSV lines (shortest round-trip reprs, as the fixtures are written).
    static func rows(_ c: Case, squareRoot: SquareRootKernel) -> [String] {
        let arguments: ScheduleArguments
        do { arguments = try bound(c.definition, c.parameters) } catch { return ["error: \(error)"] }
        var adam = AdamSettings()
        adam.squareRoot = squareRoot
        let simulation = Simulation(arguments: arguments, lrs: c.lrs, epochs: c.epochs, adam: adam)
        let sink = PipelineTests.RecordingSink()
        do { try simulation.run(into: [sink]) } catch { return ["error: \(error)"] }
        let width = 2 * c.lrs.count + 2
        return stride(from: 0, to: sink.values.count, by: width).map { start in
            let row = sink.values[start..<start + width]
            var fields = ["\(row[start])"]
            let lrs = (0..<c.lrs.count).map { PyFormat.repr(Double(bitPattern: row[start + 1 + 2 * $0])) }
            let betas = (0..<c.lrs.count).map { PyFormat.repr(Double(bitPattern: row[start + 2 + 2 * $0])) }
            fields += lrs + betas + [PyFormat.repr(Double(bitPattern: row[start + width - 1]))]
            return fields.joined(separator: ",")
        }
    }

    static func expected(_ c: Case) -> [String] {
        let path = String(#filePath).split(separator: "/").dropLast().joined(separator: "/")
        let text = (try? String(contentsOfFile: "/" + path + "/Fixtures/torch_avx2/\(c.name).csv", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").dropFirst().map(String.init)
    }

    @Test(arguments: AVX2ParityTests.cases)
    func matchesTorchWithMKLsAVX2Kernel(_ c: Case) {
        let expected = AVX2ParityTests.expected(c), actual = AVX2ParityTests.rows(c, squareRoot: .mklAVX2)
        #expect(expected.count == c.epochs)
        #expect(actual == expected, "first difference: \(zip(actual, expected).first { $0 != $1 }.map { "\($0) vs torch \($1)" } ?? "row count")")
    }

    /// The check can fail: the AVX-512 kernel's rows are not torch's AVX2 rows.
    @Test(arguments: AVX2ParityTests.cases)
    func theOtherKernelDiffers(_ c: Case) {
        #expect(AVX2ParityTests.rows(c, squareRoot: .mklAVX512) != AVX2ParityTests.expected(c))
    }
}
