import Foundation

/// Base64 in both alphabets (standard and URL-safe), tolerant of missing padding when
/// decoding, as JWTs and Google's `bytes` fields need.
enum Base64 {
    static func encode(_ bytes: [UInt8], urlSafe: Bool = false) -> String {
        let text = Data(bytes).base64EncodedString()
        guard urlSafe else { return text }
        return text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> [UInt8]? {
        var normalized = text.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") })
            ? text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") : text
        // utf8.count, not count: counting Characters of a stored object's megabytes is slow.
        while normalized.utf8.count % 4 != 0 { normalized += "=" }
        return Data(base64Encoded: normalized).map { Array($0) }
    }
}
