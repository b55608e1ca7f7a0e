/// A request matched to a discovery method.
struct RouteMatch: Sendable {
    var document: DiscoveryDocument
    var method: DiscoveryMethod
    /// Path parameters by the method's names (`name`, `parent`, `project`, `bucket`).
    var pathParameters: [String: String]
    /// True for the media upload paths (`/upload/...`): the body is media, not JSON.
    var isMediaUpload: Bool

    var api: String { document.api }
    var methodID: String { method.id }
}

/// Maps (verb, path under `/<api>/`) to a discovery method. Built per API prefix from its
/// documents (Cloud SQL's v1 and v1beta4, Resource Manager's v1 and v3 side by side).
struct Router: Sendable {
    private struct Entry: Sendable {
        var document: DiscoveryDocument
        var method: DiscoveryMethod
        var selector: PathTemplate
        var extractor: PathTemplate
        var isMediaUpload: Bool
    }

    private let entries: [Entry]

    init(documents: [DiscoveryDocument]) {
        var entries: [Entry] = []
        for document in documents {
            for method in document.methods {
                entries.append(Entry(
                    document: document, method: method,
                    selector: PathTemplate(document.servicePath + method.flatPath),
                    extractor: PathTemplate(document.servicePath + method.path), isMediaUpload: false))
                for upload in method.uploadPaths {
                    let template = PathTemplate(String(upload.drop { $0 == "/" }))
                    entries.append(Entry(
                        document: document, method: method, selector: template, extractor: template, isMediaUpload: true))
                }
            }
        }
        self.entries = entries
    }

    enum Outcome: Sendable {
        case matched(RouteMatch)
        case noSuchPath
        case wrongVerb
    }

    /// `path` is the request path after `/<api>/`, still percent-encoded.
    func route(verb: String, path: String) -> Outcome {
        var best: (entry: Entry, weight: Int)?
        var pathMatchedOtherVerb = false
        let bytes = Array(path.utf8)
        let slashes = bytes.count { $0 == UInt8(ascii: "/") }
        for entry in entries where entry.selector.matches(bytes, slashes: slashes) {
            guard entry.method.httpMethod == verb else {
                pathMatchedOtherVerb = true
                continue
            }
            if best == nil || entry.selector.literalWeight > best!.weight {
                best = (entry, entry.selector.literalWeight)
            }
        }
        guard let entry = best?.entry else { return pathMatchedOtherVerb ? .wrongVerb : .noSuchPath }
        let parameters = entry.extractor.match(bytes) ?? entry.selector.match(bytes) ?? [:]
        return .matched(RouteMatch(
            document: entry.document, method: entry.method, pathParameters: parameters, isMediaUpload: entry.isMediaUpload))
    }

    private static let cache = Locked<[String: Router]>([:])

    /// The router of an API prefix, built once per process; nil for an unknown prefix.
    static func forAPI(_ api: String) -> Router? {
        if let router = cache.withLock({ $0[api] }) { return router }
        let documents = DiscoveryCatalog.documents(for: api)
        guard !documents.isEmpty else { return nil }
        let router = Router(documents: documents)
        cache.withLock { $0[api] = router }
        return router
    }
}
