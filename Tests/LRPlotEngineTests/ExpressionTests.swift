import Foundation
import Testing
@testable import LRPlotEngine

/// Every expression of the CPython-generated table evaluates to the same type and bits as CPython.
@Suite struct ExpressionTests {
    struct Row: CustomStringConvertible, Sendable {
        let expression: String, x: Int, kind: String, value: String
        var description: String { "\(expression) @ \(x)" }
    }

    static let rows: [Row] = {
        let path = String(#filePath).split(separator: "/").dropLast().joined(separator: "/")
        let text = (try? String(contentsOfFile: "/" + path + "/Fixtures/expressions.tsv", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(expression: f[0], x: Int(f[1])!, kind: f[2], value: f[3])
        }
    }()

    @Test func tableIsPresent() {
        #expect(ExpressionTests.rows.count > 400)
    }

    @Test(arguments: ExpressionTests.rows)
    func matchesCPython(_ row: Row) throws {
        let expression = try Expression(row.expression)
        do {
            let value = try expression.evaluate(row.x)
            switch (row.kind, value) {
            case ("int", .int(let i)): #expect(String(i) == row.value)
            case ("bool", .bool(let b)): #expect((b ? "True" : "False") == row.value)
            case ("float", .float(let d)):
                let expected = row.value == "inf" ? Double.infinity : row.value == "-inf" ? -Double.infinity : Double(row.value)!
                #expect(d.bitPattern == expected.bitPattern || (d.isNaN && expected.isNaN), "got \(d), CPython \(row.value)")
            default:
                Issue.record("CPython gave \(row.kind) \(row.value), lrplot gave \(value)")
            }
        } catch {
            #expect(row.kind == "error", "lrplot raised \(error), CPython gave \(row.value)")
            if row.kind == "error" && row.value != "complex" {
                #expect(error.kind == row.value)
            }
        }
    }

    @Test func lambdaPrefixBindsTheVariable() throws {
        let e = try Expression("lambda step: step * 2")
        #expect(e.variable == "step")
        #expect(try e.evaluate(4) == .int(8))
        #expect(try Expression("x ** 2", defaultVariable: "x").evaluate(3) == .int(9))
    }

    @Test(arguments: [
        ("epoch +", 8, "unexpected end of input"),
        ("(epoch", 7, "expected ')'"),
        ("epoch ** * 2", 10, "unexpected '*'"),
        ("foo + 1", 1, "unknown name 'foo'"),
        ("math.gamma(epoch)", 1, "unknown function 'math.gamma'"),
        ("min(epoch)", 1, "takes at least 2 arguments"),
        ("epoch $ 2", 7, "unexpected character '$'"),
        ("1 if epoch", 11, "expected 'else'"),
        ("lambda: 1", 7, "expected a parameter name"),
        ("007", 1, "leading zeros"),
        ("", 1, "is empty"),
        ("'text'", 1, "a string is not a number"),
    ])
    func syntaxErrorsPointAtTheColumn(source: String, column: Int, message: String) {
        do {
            _ = try Expression(source)
            Issue.record("'\(source)' should not parse")
        } catch {
            #expect(error.column == column, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func nestingAndLengthAreLimited() {
        let deep = String(repeating: "(", count: 100_000) + "epoch" + String(repeating: ")", count: 100_000)
        #expect(throws: PySyntaxError.self) { try Expression(deep) }
        let negations = String(repeating: "-", count: 5000) + "1"
        #expect(throws: PySyntaxError.self) { try Expression(negations) }
        let shallow = String(repeating: "(", count: 50) + "epoch" + String(repeating: ")", count: 50)
        #expect((try? Expression(shallow)) != nil)
        let long = Array(repeating: "epoch", count: 3000).joined(separator: "+")
        #expect(throws: PySyntaxError.self) { try Expression(long) }
    }

    @Test func integerOverflowFallsBackToFloatLikeCPythonsBigInts() throws {
        #expect(try Expression("2 ** epoch").evaluate(70) == .float(1180591620717411303424.0))
        #expect(try Expression("0.5 * 2 ** epoch").evaluate(100) == .float(6.338253001141147e+29))
    }
}
