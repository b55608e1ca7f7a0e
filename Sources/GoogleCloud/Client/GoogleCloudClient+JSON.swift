import Foundation

/// Typed conveniences over `send` for the shapes Google's REST APIs share.
extension GoogleCloudClient {
    public func decode<T: Decodable>(_ call: GoogleCall, as type: T.Type = T.self) async throws -> T {
        try await send(call).decode(T.self, call: call.summary)
    }

    public func get<T: Decodable>(_ api: GoogleAPI, _ path: APIPath, query: [(String, String)] = [],
                                  as type: T.Type = T.self) async throws -> T {
        try await decode(GoogleCall(.get, api, path, query: query))
    }

    /// GET that answers nil for 404: "observe" in one call.
    public func getIfExists<T: Decodable>(_ api: GoogleAPI, _ path: APIPath, query: [(String, String)] = [],
                                          as type: T.Type = T.self) async throws -> T? {
        do {
            return try await get(api, path, query: query)
        } catch let error as GoogleAPIError where error.isNotFound {
            return nil
        }
    }

    /// A create whose name is fixed by the request. `.alreadyExisted` when the resource
    /// was there, whether before this call or made by an attempt whose reply was lost.
    public func create<T: Decodable>(_ call: GoogleCall, as type: T.Type = T.self) async throws -> CreateResult<T> {
        var call = call
        call.idempotency = .createWithFixedName
        do {
            let response = try await send(call)
            if response.alreadyExistedAfterRetry { return .alreadyExisted }
            return .created(try response.decode(T.self, call: call.summary))
        } catch let error as GoogleAPIError where error.isAlreadyExists && !error.hasReason("operationInProgress") {
            return .alreadyExisted
        }
    }

    /// A delete that counts 404 as done: what was to be removed is gone.
    @discardableResult
    public func delete<T: Decodable>(_ call: GoogleCall, as type: T.Type = T.self) async throws -> T? {
        do {
            return try await decode(call)
        } catch let error as GoogleAPIError where error.isNotFound {
            return nil
        }
    }

    /// Follows `nextPageToken` until the last page; `items` picks a page's elements. A list
    /// that goes on past `maxPages` pages, or hands back a token it gave before, is a broken
    /// or hostile server, not a long list: `PaginationError`, instead of a loop.
    public func listAll<Page: Decodable & Sendable, Item>(
        _ call: GoogleCall, pageToken tokenParameter: String = "pageToken", maxPages: Int = GoogleCloudClient.maxPagesPerList,
        items: (Page) -> [Item], nextPageToken: (Page) -> String?
    ) async throws -> [Item] {
        var all: [Item] = []
        var call = call
        let baseQuery = call.query
        var seen = Set<String>()
        for _ in 0..<maxPages {
            let page: Page = try await decode(call)
            all.append(contentsOf: items(page))
            guard let token = nextPageToken(page), !token.isEmpty else { return all }
            guard seen.insert(token).inserted else {
                throw PaginationError(call: call, reason: .repeatedToken(pages: seen.count + 1))
            }
            call.query = baseQuery + [(tokenParameter, token)]
        }
        throw PaginationError(call: call, reason: .tooManyPages(maxPages))
    }
}

public enum CreateResult<T: Sendable>: Sendable {
    case created(T)
    case alreadyExisted

    public var created: T? {
        if case .created(let value) = self { return value }
        return nil
    }
}

/// A response whose body gcpctl does not read.
public struct EmptyResponse: Decodable, Sendable {
    public init() {}
}
