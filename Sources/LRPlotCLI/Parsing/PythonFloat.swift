/// The non-finite floats Python's `float()` reads: `inf`, `-inf`, `infinity`, `nan` (any case).
enum PythonFloat {
    /// The value of `text` when it is one of Python's non-finite float spellings.
    static func special(_ text: String) -> Double? {
        var body = Substring(text.lowercased())
        var sign = 1.0
        if body.first == "-" || body.first == "+" {
            if body.first == "-" { sign = -1 }
            body = body.dropFirst()
        }
        switch body {
        case "inf", "infinity": return sign * .infinity
        case "nan": return .nan
        default: return nil
        }
    }
}
