/// Python's `float(str)` and `int(str)`, as argparse's `type=float` / `type=int` apply them to a
/// command line's words (and to a config's string values that a trainer converts).
enum PythonConversions {
    /// `float(text)`: surrounding spaces ignored, `_` between digits, `inf`/`nan` spellings; nil
    /// where Python raises `ValueError`.
    static func float(_ text: String) -> Double? {
        let body = text.trimmingSpaces
        if let special = PythonFloat.special(body) { return special }
        guard !body.isEmpty, underscoresBetweenDigits(body),
              (try? #/[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?/#.wholeMatch(in: body.replacing("_", with: ""))) != nil
        else { return nil }
        return Double(body.replacing("_", with: ""))
    }

    /// `int(text)` (base 10): surrounding spaces, a sign, `_` between digits; nil where Python raises.
    static func int(_ text: String) -> Int? {
        let body = text.trimmingSpaces
        guard !body.isEmpty, underscoresBetweenDigits(body),
              (try? #/[-+]?[0-9]+/#.wholeMatch(in: body.replacing("_", with: ""))) != nil else { return nil }
        return Int(body.replacing("_", with: ""))
    }

    /// Whether every `_` stands between two digits (Python's rule for numeric literals in `float()`/`int()`).
    private static func underscoresBetweenDigits(_ text: String) -> Bool {
        let chars = Array(text)
        for (i, c) in chars.enumerated() where c == "_" {
            guard i > 0, i + 1 < chars.count, chars[i - 1].isASCII, chars[i - 1].isNumber, chars[i + 1].isASCII, chars[i + 1].isNumber else { return false }
        }
        return true
    }
}
