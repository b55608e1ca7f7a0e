/// A list that would not end: more pages than any list gcpctl reads has, or a page token
/// handed back a second time. Following it further would only fill memory.
public struct PaginationError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// More than this many pages.
        case tooManyPages(Int)
        /// The token of page `pages` had come before.
        case repeatedToken(pages: Int)
    }

    /// `run.googleapis.com`.
    public let api: String
    /// `GET run/v2/projects/p/locations/r/services`, without the page token.
    public let request: String
    public let reason: Reason

    init(call: GoogleCall, reason: Reason) {
        api = "\(call.api)"
        request = "\(call.method.rawValue) \(call.api.name)/\(call.path)"
        self.reason = reason
    }

    public var description: String {
        let what = switch reason {
        case .tooManyPages(let limit): "did not end after \(limit) pages"
        case .repeatedToken(let pages): "answered the same page token twice (page \(pages) repeats an earlier one)"
        }
        return "Listing from \(api) (\(request)) \(what), so gcpctl stopped reading it. This is a fault of the service, a proxy or the endpoint override (GCPCTL_API_ENDPOINT), not of the environment; run again, and report it if it persists."
    }
}

extension GoogleCloudClient {
    /// No list gcpctl reads comes near this (pages hold 100 to 5,000 items); a
    /// bucket's objects may take ten times as many.
    public static let maxPagesPerList = 1000
}
