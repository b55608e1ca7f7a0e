extension Sequence {
    /// `map` for a transform that awaits (one element after another: for cheap awaits, such
    /// as `Ownership.of` once the project's number is known).
    func asyncMap<Result>(_ transform: (Element) async throws -> Result) async rethrows -> [Result] {
        var results: [Result] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }

    func asyncCompactMap<Result>(_ transform: (Element) async throws -> Result?) async rethrows -> [Result] {
        var results: [Result] = []
        for element in self {
            if let result = try await transform(element) { results.append(result) }
        }
        return results
    }
}
