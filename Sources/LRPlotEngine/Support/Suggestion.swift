/// Edit-distance suggestions for misspelt names.
public enum Suggestion {
    /// Levenshtein distance between `a` and `b` (case-insensitive).
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The candidate nearest to `word`, if it is close enough to be a likely typo: within an edit
    /// distance of a third of the word (at least 2), or sharing all but the word's last two
    /// characters as a prefix (`triangle` → `triangular`).
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let limit = max(2, word.count / 3)
        if best.1 <= limit { return best.0 }
        let stem = word.lowercased().dropLast(2)
        guard stem.count >= 4 else { return nil }
        return candidates.filter { $0.lowercased().hasPrefix(stem) }.min { distance(word, $0) < distance(word, $1) }
    }

    /// ` Did you mean 'X'?` or the empty string.
    public static func didYouMean(_ word: String, in candidates: [String], prefix: String = "") -> String {
        guard let match = nearest(to: word, in: candidates) else { return "" }
        return " Did you mean '\(prefix)\(match)'?"
    }
}
