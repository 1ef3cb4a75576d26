/// Word wrapping for `list`, `help` and `--help` at the terminal's width.
enum TextWrap {
    /// The width info commands wrap at: the terminal's, when standard output is one, else 80.
    static func width(_ environment: CLIEnvironment) -> Int {
        guard environment.standardOutputIsTerminal else { return 80 }
        let columns = environment.terminalSize?.columns ?? environment.variables["COLUMNS"].flatMap(Int.init) ?? 80
        return max(30, min(500, columns))
    }

    /// `text` with every line longer than `width` broken at spaces. A continuation line is
    /// indented to the line's second column when it has one (two spaces after its first word, as
    /// in flag tables: `  --lr LIST      base lr …`), else four spaces past the line's own indent.
    static func wrap(_ text: String, width: Int) -> String {
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            out += wrapLine(String(line), width: width)
        }
        return out.joined(separator: "\n")
    }

    /// One line broken at spaces; continuation lines start at `hanging` (else as ``wrap(_:width:)`` says).
    static func wrapLine(_ line: String, width: Int, hanging given: Int? = nil) -> [String] {
        let characters = Array(line)
        guard characters.count > width else { return [line] }
        let indent = characters.prefix { $0 == " " }.count
        var hanging = given ?? indent + 4
        // The start of a second column: the first non-space after a run of two or more spaces.
        var i = indent, sawText = false
        while given == nil, i < characters.count - 1 {
            if characters[i] != " " { sawText = true }
            if sawText, characters[i] == " ", characters[i + 1] == " " {
                var j = i
                while j < characters.count, characters[j] == " " { j += 1 }
                if j < width * 6 / 10 { hanging = j }
                break
            }
            i += 1
        }
        var lines: [String] = []
        var current = String(characters[..<indent])
        var currentCount = indent
        var atStart = true
        // Words keep their own runs of spaces (column alignment) on the first line only.
        var first = true
        var k = indent
        while k < characters.count {
            var spaces = 0
            while k < characters.count, characters[k] == " " { spaces += 1; k += 1 }
            var word: [Character] = []
            while k < characters.count, characters[k] != " " { word.append(characters[k]); k += 1 }
            if word.isEmpty { break }
            if !atStart && currentCount + (first ? spaces : 1) + word.count > width {
                lines.append(current)
                // A word too long for the column starts nearer the margin.
                let start = hanging + word.count > width ? min(hanging, indent + 4) : hanging
                current = String(repeating: " ", count: start)
                currentCount = start
                atStart = true
                first = false
            }
            let join = atStart ? 0 : (first ? spaces : 1)
            current += String(repeating: " ", count: join) + String(word)
            currentCount += join + word.count
            atStart = false
        }
        lines.append(current)
        return lines
    }
}
