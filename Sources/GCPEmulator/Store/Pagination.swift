import Foundation

/// List paging as Google does it: a page of at most `pageSize` items and an opaque
/// `nextPageToken` to continue from. `--max-page-size` caps every page.
struct Page {
    var items: [JSONValue]
    var nextPageToken: String?

    static func paginate(
        _ items: [JSONValue], pageSize: Int?, pageToken: String?, defaultSize: Int = 500, maximumSize: Int?
    ) throws(APIError) -> Page {
        var size = pageSize.flatMap { $0 > 0 ? $0 : nil } ?? defaultSize
        if let maximumSize, maximumSize > 0 { size = min(size, maximumSize) }
        var start = 0
        if let pageToken, !pageToken.isEmpty {
            guard let offset = decodeToken(pageToken), offset <= items.count else {
                throw .invalidArgument("Invalid page token: \(pageToken)", reason: "invalid", field: "pageToken")
            }
            start = offset
        }
        let end = min(items.count, start + size)
        let next = end < items.count ? encodeToken(end) : nil
        return Page(items: Array(items[start..<end]), nextPageToken: next)
    }

    /// A list answer: `base` plus the page under `key` (left out when empty, as Google
    /// does) and `nextPageToken` when there is more.
    func body(_ key: String, base: JSONValue = [:]) -> JSONValue {
        var body = base
        if !items.isEmpty { body[key] = .array(items) }
        if let nextPageToken { body["nextPageToken"] = .string(nextPageToken) }
        return body
    }

    private static let tokenPrefix = "emulator-page-"

    private static func encodeToken(_ offset: Int) -> String {
        Base64.encode(Array((tokenPrefix + String(offset)).utf8), urlSafe: true)
    }

    private static func decodeToken(_ token: String) -> Int? {
        guard let bytes = Base64.decode(token), let text = String(bytes: bytes, encoding: .utf8),
            text.hasPrefix(tokenPrefix)
        else { return nil }
        return Int(text.dropFirst(tokenPrefix.count))
    }
}
