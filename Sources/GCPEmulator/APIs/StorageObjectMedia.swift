import Foundation

/// An object's bytes (`objects.get` with `alt=media`), whole or the part a `Range` header
/// asks for, as Cloud Storage answers: 206 with `Content-Range` for a satisfiable range,
/// 416 when it starts at or past the end (how a reader following a growing log learns
/// there is nothing new), and the whole object for a header it cannot read.
enum StorageObjectMedia {
    static func response(_ object: JSONValue, range header: String?) throws -> HTTPResponseMessage {
        let bytes = object["@data"]?.stringValue.flatMap(Base64.decode) ?? []
        let contentType = ("Content-Type", object["contentType"]?.stringValue ?? "application/octet-stream")
        guard let header, let range = ByteRange(header) else {
            return HTTPResponseMessage(status: 200, headers: [contentType], body: bytes)
        }
        guard let (first, last) = range.bounds(size: bytes.count) else {
            var error = APIError(code: 416, status: "OUT_OF_RANGE", message: "The requested range cannot be satisfied.",
                                 reason: "requestedRangeNotSatisfiable")
            error.headers = [("Content-Range", "bytes */\(bytes.count)")]
            throw error
        }
        return HTTPResponseMessage(
            status: 206, headers: [contentType, ("Content-Range", "bytes \(first)-\(last)/\(bytes.count)")],
            body: Array(bytes[first...last]))
    }
}

/// One range of a `Range: bytes=…` header (RFC 9110 §14.1.2): `first-last`, `first-`, or the
/// last N bytes, `-N`. Several ranges, or any other unit, are not read (the whole object is
/// answered, as the RFC allows).
struct ByteRange: Equatable {
    var first: Int?
    var last: Int?

    init?(_ header: String) {
        let value = header.trimmingCharacters(in: .whitespaces)
        guard value.lowercased().hasPrefix("bytes="), !value.contains(",") else { return nil }
        let spec = value.dropFirst("bytes=".count)
        guard let dash = spec.firstIndex(of: "-") else { return nil }
        let start = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let end = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        guard start.allSatisfy(\.isASCIIDigitCharacter), end.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        first = Int(start)
        last = Int(end)
        if first == nil && last == nil { return nil }
        if let first, let last, last < first { return nil }
    }

    /// The first and last byte to send of an object of `size` bytes; nil when none is
    /// (416).
    func bounds(size: Int) -> (Int, Int)? {
        switch (first, last) {
        case (let first?, let last):
            guard first < size else { return nil }
            return (first, min(last ?? size - 1, size - 1))
        case (nil, let suffix?):
            guard suffix > 0, size > 0 else { return nil }
            return (max(0, size - suffix), size - 1)
        case (nil, nil):
            return nil
        }
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
