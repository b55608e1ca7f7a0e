/// A URI template from a discovery document (`v1/{+name}:addVersion`,
/// `storage/v1/b/{bucket}/o/{object}`) matched against a percent-encoded request path.
///
/// `{x}` matches one or more characters without a slash; `{+x}` (reserved expansion)
/// may span slashes. Captured values are percent-decoded.
struct PathTemplate: Sendable {
    enum Part: Sendable, Equatable {
        case literal([UInt8])
        case variable(String, reserved: Bool)
    }

    let parts: [Part]
    /// How many literal characters the template has: among templates that match the same
    /// path, the one with the most literal text is the most specific.
    let literalWeight: Int

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
    }

    /// The decoded variables when the whole path matches, else nil.
    func match(_ path: String) -> [String: String]? {
        var captures: [String: String] = [:]
        guard Self.match(parts[...], Array(path.utf8)[...], &captures) else { return nil }
        return captures
    }

    private static func match(_ parts: ArraySlice<Part>, _ path: ArraySlice<UInt8>, _ captures: inout [String: String]) -> Bool {
        guard let part = parts.first else { return path.isEmpty }
        switch part {
        case .literal(let bytes):
            guard path.starts(with: bytes) else { return false }
            return match(parts.dropFirst(), path.dropFirst(bytes.count), &captures)
        case .variable(let name, let reserved):
            // Longest first, backing off until the rest of the template fits.
            var limit = path.startIndex
            while limit < path.endIndex, reserved || path[limit] != UInt8(ascii: "/") { limit += 1 }
            var end = limit
            while end > path.startIndex {
                var attempt = captures
                attempt[name] = percentDecode(path[path.startIndex..<end])
                if match(parts.dropFirst(), path[end...], &attempt) {
                    captures = attempt
                    return true
                }
                end -= 1
            }
            return false
        }
    }
}

/// Percent-decoding of a URL path or query component. `+` is left alone here; query
/// parsing turns it into a space before calling this.
func percentDecode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var iterator = Array(bytes)[...]
    while let byte = iterator.first {
        iterator = iterator.dropFirst()
        if byte == UInt8(ascii: "%"), iterator.count >= 2,
            let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
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
