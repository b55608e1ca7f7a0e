/// What a user chose from a numbered menu.
public enum MenuAnswer: Equatable, Sendable {
    /// Zero-based indices of the chosen options, ascending, without repeats.
    case selected([Int])
    case quit
}

/// Parses a menu answer: `2`, `1,3-4`, `1 3`, `all`, `q`.
public enum MenuSelection {
    public static func parse(_ answer: String, optionCount: Int) -> Result<MenuAnswer, MenuSelectionError> {
        let text = answer.trimmingBlanks().lowercased()
        if text == "q" || text == "quit" { return .success(.quit) }
        if text == "a" || text == "all" { return .success(.selected(Array(0..<optionCount))) }
        let parts = text.split { $0 == "," || $0 == " " }
        guard !parts.isEmpty else { return .failure(.empty) }
        var chosen = Set<Int>()
        for part in parts {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let low = Int(bounds[0]), let high = Int(bounds.last!), low <= high else {
                return .failure(.notANumber(String(part)))
            }
            guard low >= 1, high <= optionCount else {
                return .failure(.outOfRange(String(part), optionCount: optionCount))
            }
            chosen.formUnion(low - 1...high - 1)
        }
        return .success(.selected(chosen.sorted()))
    }
}

public enum MenuSelectionError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notANumber(String)
    case outOfRange(String, optionCount: Int)

    public var description: String {
        switch self {
        case .empty: "choose one or more numbers, 'all', or 'q' to quit"
        case .notANumber(let part): "'\(part)' is not a number or a range like 3-4"
        case .outOfRange(let part, let count): "'\(part)' is not between 1 and \(count)"
        }
    }
}
