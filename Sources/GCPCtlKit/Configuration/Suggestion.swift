/// "Did you mean …?" for misspelt keys, environment names, regions and commands.
public enum Suggestion {
    /// The candidate closest to `word` when it is close enough to be a plausible typo:
    /// at most a third of the word's letters differ (and at least one may), compared
    /// case-insensitively. Nil when nothing is that close.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        // A typo is in a word of a reasonable length (a 50 MB value is no one's typo).
        guard word.utf8.count <= 200 else { return nil }
        let lowered = word.lowercased()
        let limit = max(1, lowered.count / 3)
        var best: (candidate: String, distance: Int)?
        // Words whose lengths differ by more than the limit are at least that far apart.
        for candidate in candidates where candidate != word && abs(candidate.utf8.count - word.utf8.count) <= limit * 4 {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Levenshtein distance, counting an adjacent transposition as one edit
    /// (the most common typo: "mmeory").
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousRow = [Int](), row = Array(0...b.count)
        for i in 1...a.count {
            let beforePrevious = previousRow
            previousRow = row
            row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previousRow[j] + 1, row[j - 1] + 1, previousRow[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], beforePrevious[j - 2] + 1)
                }
            }
        }
        return row[b.count]
    }

    /// "; did you mean 'memory'?" or "" — ready to append to a message.
    static func phrase(for word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
