import Testing
@testable import LRPlotEngine

/// `DecimalText` and `BufferedOutput`'s number appends must write exactly the text of
/// `Double.description` / `String(Int)`, which is what the CSV and JSON files held before.
@Suite struct DecimalTextTests {
    /// The text `DecimalText` writes for `x`.
    func written(_ x: Double) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DecimalText.maximumLength) { buffer in
            let n = DecimalText.write(x, to: buffer.baseAddress!)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<n]), as: UTF8.self)
        }
    }

    func written(_ n: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DecimalText.maximumLength) { buffer in
            let count = DecimalText.write(n, to: buffer.baseAddress!)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<count]), as: UTF8.self)
        }
    }

    /// Doubles where formatting changes: powers of ten and 2, their neighbours, the exponent-form
    /// thresholds, integers around 2^53, subnormals, the extremes and the non-finite values.
    var edgeCases: [Double] {
        var values: [Double] = [0, -0.0, .infinity, -.infinity, .nan, -.nan, .signalingNaN,
                                .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
                                .ulpOfOne, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e23, 9007199254740994,
                                8.41e21, 5e-5, 1e-4, 0.001, 123456789012345680, 1.7976931348623157e308]
        var p = 1.0
        for _ in 0..<330 { values.append(p); p *= 10 }
        p = 1.0
        for _ in 0..<330 { values.append(p); p /= 10 }
        for e in -1074...1023 { values.append(Double(sign: .plus, exponent: e, significand: 1)) }
        for exponent in -330...310 {
            if let x = Double("1e\(exponent)") { values.append(x) }
            if let x = Double("9.999999999999999e\(exponent)") { values.append(x) }
        }
        for k in -100...100 { values.append(Double(9_007_199_254_740_992 + k)) }
        for k in 0...1000 { values.append(Double(k)); values.append(Double(k) / 1000) }
        var neighbours: [Double] = []
        for x in values where x.isFinite {
            neighbours.append(x.nextUp); neighbours.append(x.nextDown)
            neighbours.append(-x); neighbours.append(-x.nextUp)
        }
        return values + neighbours
    }

    @Test func edgeDoublesAreWrittenAsTheirDescription() {
        var mismatches: [String] = []
        for x in edgeCases where written(x) != x.description {
            mismatches.append("\(x.bitPattern): \(written(x)) vs \(x.description)")
        }
        #expect(mismatches.count == 0, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(5))")
        #expect(edgeCases.count > 10_000)
    }

    @Test func millionsOfRandomDoublesAreWrittenAsTheirDescription() {
        var generator = SystemRandomNumberGenerator()
        var mismatches: [String] = []
        var checked = 0
        for i in 0..<1_500_000 {
            let x: Double
            switch i % 3 {
            case 0: x = Double(bitPattern: generator.next())                         // any bit pattern
            case 1: x = Double.random(in: 0..<1, using: &generator)                  // lr-like values
            default: x = Double(bitPattern: generator.next() & 0x000F_FFFF_FFFF_FFFF) // subnormals
            }
            if written(x) != x.description { mismatches.append("\(x.bitPattern)") }
            checked += 1
        }
        #expect(mismatches.count == 0, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(5))")
        #expect(checked == 1_500_000)
    }

    @Test func integersAreWrittenAsStringInt() {
        var values = [0, 1, -1, 9, 10, 11, 99, 100, 101, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var p = 1
        for _ in 0..<18 { p *= 10; values += [p - 1, p, p + 1, -p] }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 { values.append(Int(truncatingIfNeeded: generator.next())) }
        for _ in 0..<100_000 { values.append(Int.random(in: 0..<10_000_000, using: &generator)) }
        let mismatches = values.filter { written($0) != String($0) }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func bufferedAppendsMatchTheStringFormatters() throws {
        let memory = MemoryOutput()
        let out = BufferedOutput(memory, capacity: 7)  // tiny: forces growth within a row
        var expected = ""
        for x in edgeCases.prefix(3000) {
            out.appendField(x); out.append(44)
            out.appendJSONNumber(x); out.append(59)
            expected += CSVTraceWriter.format(x) + "," + JSONText.number(x) + ";"
            if x.bitPattern % 5 == 0 { try out.flushIfFull() }
        }
        for n in [0, -7, 4096, Int.min] { out.appendInteger(n); expected += String(n) }
        try out.flush()
        #expect(memory.text == expected)
        #expect(!expected.isEmpty)
    }
}
