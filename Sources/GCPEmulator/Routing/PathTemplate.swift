/// A URI template from a discovery document (`v1/{+name}:addVersion`,
/// `storage/v1/b/{bucket}/o/{object}`) matched against a percent-encoded request path.
///
/// `{x}` matches one or more characters without a slash; `{+x}` (reserved expansion)
/// may span slashes. Captured values are percent-decoded, as google.api.http says a server
/// does: fully for `{x}`, and for `{+x}` all but `%2F`, which stays as it is, so an encoded
/// slash inside one segment of a name never becomes a separator.
struct PathTemplate: Sendable {
    enum Part: Sendable, Equatable {
        case literal([UInt8])
        case variable(String, reserved: Bool)
    }

    let parts: [Part]
    /// How many literal characters the template has: among templates that match the same
    /// path, the one with the most literal text is the most specific.
    let literalWeight: Int
    /// The slashes a matching path has, when every variable is `{x}` (which holds none):
    /// lets a router pass over most templates without walking the path.
    let slashCount: Int?

    init(_ template: String) {
        var parts: [Part] = []
        var rest = Substring(template)
        while !rest.isEmpty {
            if rest.first == "{", let close = rest.firstIndex(of: "}") {
                var name = rest[rest.index(after: rest.startIndex)..<close]
                let reserved = name.hasPrefix("+")
                if reserved { name = name.dropFirst() }
                parts.append(.variable(String(name), reserved: reserved))
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(of: "{") ?? rest.endIndex
                parts.append(.literal(Array(rest[..<end].utf8)))
                rest = rest[end...]
            }
        }
        self.parts = parts
        literalWeight = parts.reduce(0) { total, part in
            if case .literal(let bytes) = part { return total + bytes.count }
            return total
        }
        let reserved = parts.contains { if case .variable(_, reserved: true) = $0 { true } else { false } }
        slashCount = reserved ? nil : parts.reduce(0) { total, part in
            if case .literal(let bytes) = part { return total + bytes.count { $0 == UInt8(ascii: "/") } }
            return total
        }
    }

    /// The decoded variables when the whole path matches, else nil.
    func match(_ path: String) -> [String: String]? { match(Array(path.utf8)) }

    /// `match` of a path already in bytes: a router tries one path against every template.
    func match(_ path: [UInt8]) -> [String: String]? {
        var captures: [Capture] = []
        guard Self.match(parts[...], path[...], &captures) else { return nil }
        // Decoded once, after the match: decoding every candidate while backing off made
        // each request cost milliseconds of routing.
        return Dictionary(captures.map { ($0.name, percentDecode(path[$0.range], keepingEncodedSlashes: $0.reserved)) },
                          uniquingKeysWith: { $1 })
    }

    /// Whether the whole path, which has `slashes` slashes, matches, without decoding what
    /// the variables hold.
    func matches(_ path: [UInt8], slashes: Int) -> Bool {
        if let slashCount, slashCount != slashes { return false }
        var captures: [Capture] = []
        return Self.match(parts[...], path[...], &captures)
    }

    private struct Capture {
        var name: String
        var range: Range<Int>
        var reserved: Bool
    }

    private static func match(_ parts: ArraySlice<Part>, _ path: ArraySlice<UInt8>, _ captures: inout [Capture]) -> Bool {
        guard let part = parts.first else { return path.isEmpty }
        switch part {
        case .literal(let bytes):
            guard path.starts(with: bytes) else { return false }
            return match(parts.dropFirst(), path.dropFirst(bytes.count), &captures)
        case .variable(let name, let reserved):
            // Longest first, backing off until the rest of the template fits; a variable
            // holds at least one character, and `{x}` no slash.
            var limit = path.startIndex
            while limit < path.endIndex, reserved || path[limit] != UInt8(ascii: "/") { limit += 1 }
            let rest = parts.dropFirst()
            for end in candidateEnds(in: path, upTo: limit, before: rest.first) {
                captures.append(Capture(name: name, range: path.startIndex..<end, reserved: reserved))
                if match(rest, path[end...], &captures) { return true }
                captures.removeLast()
            }
            return false
        }
    }

    /// Where a variable may end, longest first: only where the literal after it begins, or
    /// at the end of the path when nothing follows it.
    private static func candidateEnds(in path: ArraySlice<UInt8>, upTo limit: Int, before next: Part?) -> [Int] {
        let ends = stride(from: limit, to: path.startIndex, by: -1)
        switch next {
        case nil:
            return limit == path.endIndex && limit > path.startIndex ? [limit] : []
        case .literal(let bytes)?:
            guard let first = bytes.first else { return Array(ends) }
            return ends.filter { $0 < path.endIndex && path[$0] == first && path[$0...].starts(with: bytes) }
        case .variable?:
            return Array(ends)
        }
    }
}

/// Percent-decoding of a URL path or query component. `+` is left alone here; query
/// parsing turns it into a space before calling this. `keepingEncodedSlashes`: `%2F`
/// stays encoded (a `{+var}` path variable).
func percentDecode<Bytes: Collection>(_ bytes: Bytes, keepingEncodedSlashes: Bool = false) -> String where Bytes.Element == UInt8 {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var iterator = Array(bytes)[...]
    while let byte = iterator.first {
        iterator = iterator.dropFirst()
        if byte == UInt8(ascii: "%"), iterator.count >= 2,
            let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16),
            !(keepingEncodedSlashes && value == UInt8(ascii: "/"))
        {
            output.append(value)
            iterator = iterator.dropFirst(2)
        } else {
            output.append(byte)
        }
    }
    return String(decoding: output, as: UTF8.self)
}

func percentDecode(_ text: String) -> String { percentDecode(Array(text.utf8)) }
