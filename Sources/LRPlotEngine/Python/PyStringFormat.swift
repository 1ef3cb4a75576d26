/// String formatting as CPython does it for the subset: `repr` quoting, `%` formatting and
/// format specs (`{lr:.4e}`, `{x:>8.3f}`, `{n:,}`), by way of the engine's `PyFormat`.
enum PyStringFormat {
    /// `repr(s)`: single quotes unless the text has a single quote and no double quote.
    static func quoted(_ s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case quote: out += "\\\(quote)"
            default: out.append(c)
            }
        }
        out.append(quote)
        return out
    }

    /// `format(value, spec)` for numbers and strings: `[[fill]align][sign][0][width][,][.precision][type]`.
    static func format(_ value: PyObject, spec: String, _ runtime: PyRuntime) throws(PyError) -> String {
        var chars = Array(spec)
        var fill: Character = " "
        var align: Character? = nil
        if chars.count >= 2, "<>^=".contains(chars[1]) { fill = chars[0]; align = chars[1]; chars.removeFirst(2) } else if let c = chars.first, "<>^=".contains(c) {
            align = c
            chars.removeFirst()
        }
        var sign: Character = "-"
        if let c = chars.first, "+- ".contains(c) { sign = c; chars.removeFirst() }
        if chars.first == "0" { if align == nil { fill = "0"; align = "=" }; chars.removeFirst() }
        var width = 0
        while let c = chars.first, let d = c.wholeNumberValue { width = width * 10 + d; chars.removeFirst(); if width > 10_000 { throw .valueError("format width too large") } }
        var grouping = false
        if chars.first == "," || chars.first == "_" { grouping = true; chars.removeFirst() }
        var precision: Int? = nil
        if chars.first == "." {
            chars.removeFirst()
            var p = 0
            while let c = chars.first, let d = c.wholeNumberValue { p = p * 10 + d; chars.removeFirst(); if p > 100 { throw .valueError("precision too large for lrplot") } }
            precision = p
        }
        let type = chars.first
        guard chars.count <= 1 else { throw .valueError("Invalid format specifier '\(spec)'") }
        var body: String
        var negative = false
        switch value {
        case .str(let s):
            body = precision.map { String(s.prefix($0)) } ?? s
            return pad(body, width: width, fill: fill, align: align ?? "<")
        case .int, .float, .bool:
            let d = try runtime.double(value)
            let isInt: Bool = { if case .float = value { return false }; return true }()
            negative = d < 0 || (d == 0 && d.sign == .minus && !isInt)
            let magnitude = abs(d)
            switch type {
            case "e", "E": body = PyFormat.exponential(magnitude, precision: precision ?? 6)
            case "f", "F": body = PyFormat.fixed(magnitude, precision: precision ?? 6)
            case "%": body = PyFormat.fixed(magnitude * 100, precision: precision ?? 6) + "%"
            case "g", "G": body = PyFormat.general(magnitude, precision: precision ?? 6)
            case "d":
                guard isInt, case let n = Int(magnitude) else { throw .valueError("Unknown format code 'd' for object of type 'float'") }
                body = String(n)
            case nil:
                if isInt, let i = value.number?.asInt { body = String(i.magnitude) } else if let precision {
                    body = PyFormat.general(magnitude, precision: precision, alternate: true)
                } else { body = PyFormat.repr(magnitude) }
            default: throw .valueError("Unknown format code '\(type.map(String.init) ?? "")' for object of type '\(value.typeName)'")
            }
            if type == "E" || type == "G" { body = body.uppercased() }
            if grouping { body = group(body) }
        default:
            guard spec.isEmpty else { throw .typeError("unsupported format string passed to \(value.typeName).__format__") }
            return try runtime.str(value)
        }
        let signText = negative ? "-" : (sign == "+" ? "+" : (sign == " " ? " " : ""))
        if align == "=" {
            let padding = max(0, width - signText.count - body.count)
            return signText + String(repeating: fill, count: padding) + body
        }
        return pad(signText + body, width: width, fill: fill, align: align ?? ">")
    }

    private static func group(_ s: String) -> String {
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = Array(parts[0])
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return parts.count > 1 ? out + "." + parts[1] : out
    }

    private static func pad(_ s: String, width: Int, fill: Character, align: Character) -> String {
        let n = width - s.count
        guard n > 0 else { return s }
        switch align {
        case "<": return s + String(repeating: fill, count: n)
        case "^": return String(repeating: fill, count: n / 2) + s + String(repeating: fill, count: n - n / 2)
        default: return String(repeating: fill, count: n) + s
        }
    }

    /// `format % values` with `%s %r %d %i %f %e %g %%` and their flags.
    static func percent(_ format: String, _ values: PyObject, _ runtime: PyRuntime) throws(PyError) -> String {
        var arguments: [PyObject]
        if case .tuple(let t) = values { arguments = t } else { arguments = [values] }
        var out = ""
        var chars = Array(format)[...]
        var next = 0
        while let c = chars.popFirst() {
            guard c == "%" else { out.append(c); continue }
            var spec = ""
            while let d = chars.first, "-+ 0#.0123456789".contains(d) { spec.append(d); chars.removeFirst() }
            guard let type = chars.popFirst() else { throw .valueError("incomplete format") }
            if type == "%" { out += "%"; continue }
            guard next < arguments.count else { throw .typeError("not enough arguments for format string") }
            let v = arguments[next]
            next += 1
            let leftAlign = spec.hasPrefix("-")
            let cleaned = spec.replacingOccurrences(of: "-", with: "")
            var converted: String
            switch type {
            case "s": converted = try PyStringFormat.format(.str(try runtime.str(v)), spec: cleaned.replacingOccurrences(of: "0", with: ""), runtime)
            case "r": converted = try runtime.repr(v)
            case "d", "i":
                let d = try runtime.double(v)
                converted = try PyStringFormat.format(.int(Int(d.rounded(.towardZero))), spec: cleaned + "d", runtime)
            case "f", "F", "e", "E", "g", "G":
                converted = try PyStringFormat.format(.float(try runtime.double(v)), spec: cleaned + String(type), runtime)
            default: throw .valueError("unsupported format character '\(type)'")
            }
            if leftAlign, let w = Int(cleaned.filter(\.isNumber).prefix(while: { $0 != "." })), converted.count < w {
                converted = converted.trimmingCharacters(in: " ") + String(repeating: " ", count: max(0, w - converted.trimmingCharacters(in: " ").count))
            }
            out += converted
        }
        guard next == arguments.count || arguments.count == 1 && next == 1 else { throw .typeError("not all arguments converted during string formatting") }
        return out
    }
}

extension PyFormat {
    /// `format(x, '.Ne')`.
    static func exponential(_ x: Double, precision: Int) -> String { special(x) ?? cFormat("%.\(precision)e", x) }
    /// `format(x, '.Nf')`.
    static func fixed(_ x: Double, precision: Int) -> String {
        if let s = special(x) { return s }
        guard Swift.abs(x) < 1e300 else { return cFormat("%.\(precision)e", x) }
        return cFormat("%.\(precision)f", x)
    }
    /// `format(x, '.Ng')`; `alternate` is the no-type form, which keeps a `.0`.
    static func general(_ x: Double, precision: Int, alternate: Bool = false) -> String {
        if let s = special(x) { return s }
        let text = cFormat("%.\(Swift.max(precision, 1))g", x)
        if alternate, !text.contains("."), !text.contains("e") { return text + ".0" }
        return text
    }
    private static func special(_ x: Double) -> String? {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return nil
    }
}
