import LRPlotEngine

/// A trainer's command line (`python train.py --sched cosine --epochs 300`, `yolo train lr0=0.01`)
/// read into a `.mapping`: words split as a POSIX shell splits them (the spec-file splitter: quotes,
/// backslashes, `#` comments), then
/// - `--name value`, `--name=value`, `-n value`: the key `name` (as written, without dashes) with a
///   string value; several values (`--decay-milestones 30 60`) a list; none (`--amp`) `True`;
/// - `key=value` (Ultralytics): the key `key` with a string value;
/// - the words before the first flag (`python train.py`, `yolo train`, `torchrun --nproc_per_node 8 train.py`)
///   under the key `_command` (a list), other positional words under `_positional`.
/// Values stay strings, as argparse receives them; each reader converts them as its trainer's
/// parser does. Every value has its file and line.
enum CommandLineSource {
    /// Programs that start a command line (`python train.py …`, `torchrun … train.py …`).
    static let launchers: Set<String> = ["torchrun", "accelerate", "deepspeed", "python", "python3", "yolo"]

    static func read(_ text: String, path: String) throws(Diagnostic) -> SourceValue {
        let words = columns(try SpecFile.words(text, name: path, file: path), in: text)
        var keywords: [CallValue.Keyword] = []
        var command: [SourceValue] = []
        var positional: [SourceValue] = []
        var index = 0
        func value(_ word: SpecFile.Word, _ text: String, subject: String) -> SourceValue {
            var origin = word.origin
            origin.subject = subject
            return SourceValue(.string(text), text: text, origin: origin)
        }
        func isFlag(_ text: String) -> Bool {
            text.hasPrefix("-") && text.count > 1 && PythonConversions.float(text) == nil
        }
        // The program: up to the training script (`torchrun --nproc_per_node 8 train.py`), or `yolo MODE`.
        if let script = words.firstIndex(where: { $0.text.hasSuffix(".py") || $0.text.hasSuffix(".sh") }) {
            index = script + 1
        } else if words.first?.text == "yolo" {
            index = 1
            while index < words.count, !isKeyValue(words[index].text), !isFlag(words[index].text) { index += 1 }
        }
        command = words[..<index].map { value($0, $0.text, subject: "_command") }
        while index < words.count {
            let word = words[index]
            let text = word.text
            index += 1
            if isFlag(text) {
                let bare = text.hasPrefix("--") ? String(text.dropFirst(2)) : String(text.dropFirst())
                if let eq = bare.firstIndex(of: "=") {
                    let name = String(bare[..<eq])
                    keywords.append(CallValue.Keyword(name, value(word, String(bare[bare.index(after: eq)...]), subject: "--" + name)))
                    continue
                }
                var values: [SourceValue] = []
                while index < words.count, !isFlag(words[index].text) {
                    values.append(value(words[index], words[index].text, subject: text))
                    index += 1
                }
                var origin = word.origin
                origin.subject = text
                switch values.count {
                case 0: keywords.append(CallValue.Keyword(bare, SourceValue(.bool(true), text: text, origin: origin)))
                case 1: keywords.append(CallValue.Keyword(bare, values[0]))
                default: keywords.append(CallValue.Keyword(bare, SourceValue(.list(values), text: values.map(\.text).joined(separator: " "), origin: origin)))
                }
                continue
            }
            if isKeyValue(text), let eq = text.firstIndex(of: "=") {
                let name = String(text[..<eq])
                keywords.append(CallValue.Keyword(name, value(word, String(text[text.index(after: eq)...]), subject: name)))
                continue
            }
            positional.append(value(word, text, subject: "_positional"))
        }
        let start = words.first?.origin ?? Origin(file: path)
        if !command.isEmpty {
            keywords.insert(CallValue.Keyword("_command", SourceValue(.list(command), text: command.map(\.text).joined(separator: " "), origin: start)), at: 0)
        }
        if !positional.isEmpty {
            keywords.append(CallValue.Keyword("_positional", SourceValue(.list(positional), text: positional.map(\.text).joined(separator: " "), origin: start)))
        }
        return SourceValue(.mapping(keywords), text: text, origin: start)
    }

    /// The words with their columns: each found in its line after the previous word of that line
    /// (a quoted word points at its opening quote's next character).
    static func columns(_ words: [SpecFile.Word], in text: String) -> [SpecFile.Word] {
        let lines = text.replacing("\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        var cursor: [Int: Int] = [:]
        return words.map { word in
            guard let line = word.origin.line, line >= 1, line <= lines.count, !word.text.isEmpty else { return word }
            let characters = lines[line - 1], needle = Array(word.text)
            var start = cursor[line] ?? 0
            while start + needle.count <= characters.count {
                if Array(characters[start..<(start + needle.count)]) == needle {
                    var located = word
                    located.origin.column = start + 1
                    cursor[line] = start + needle.count
                    return located
                }
                start += 1
            }
            return word
        }
    }

    /// `name=value` with a Python-identifier-like name (`lr0=0.01`, `cos_lr=True`).
    static func isKeyValue(_ text: String) -> Bool {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return false }
        return text[..<eq].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }
    }

    /// Whether `text` reads as a trainer's command line: a `--flag` or `key=value` word, and no
    /// Python syntax (calls, `name = value` assignments, `import`) outside quotes.
    static func looksLikeCommandLine(_ text: String) -> Bool {
        guard let words = try? SpecFile.split(text, name: "-"), !words.isEmpty else { return false }
        let hasArguments = words.contains { ($0.hasPrefix("--") && $0.count > 2) || isKeyValue($0) }
        guard hasArguments else { return false }
        if let first = words.first, launchers.contains(first) || first.hasSuffix(".py") || first.hasSuffix(".sh") || first.hasPrefix("-") {
            return true
        }
        return !words.contains { $0 == "=" || $0 == "import" || $0 == "def" || $0.contains("(") }
    }
}
