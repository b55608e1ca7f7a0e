/// The decoded query string: every name with all its values, in order.
public struct QueryParameters: Sendable {
    public private(set) var values: [String: [String]] = [:]
    public private(set) var names: [String] = []

    public init(_ query: String) {
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(pieces[0])
            let value = pieces.count > 1 ? Self.decode(pieces[1]) : ""
            if values[name] == nil { names.append(name) }
            values[name, default: []].append(value)
        }
    }

    private static func decode(_ text: Substring) -> String {
        percentDecode(Array(text.utf8).map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 })
    }

    public subscript(name: String) -> String? { values[name]?.last }

    /// Sets one value (handlers that forward to another handler use it).
    public mutating func set(_ name: String, _ value: String) {
        if values[name] == nil { names.append(name) }
        values[name] = [value]
    }

    public func int(_ name: String) -> Int? { self[name].flatMap { Int($0) } }

    public func bool(_ name: String) -> Bool { self[name]?.lowercased() == "true" }
}
