/// JSON literals as lrplot writes them.
public enum JSONText {
    /// A number in shortest round-trip form; `null` for NaN and the infinities.
    public static func number(_ x: Double) -> String {
        x.isFinite ? x.description : "null"
    }

    /// `text` as a JSON string literal.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension BufferedOutput {
    /// Appends `x` as `JSONText.number(x)` does, without building a `String`.
    @inline(__always)
    public func appendJSONNumber(_ x: Double) {
        if x.isFinite { appendNumber(x) } else { append("null") }
    }
}
