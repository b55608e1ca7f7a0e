import Foundation

/// The vendored discovery documents, read from the bundle on first use of each API and
/// kept for the life of the process (every emulator in a test process shares them).
enum DiscoveryCatalog {
    private static let cache = Locked<[String: [DiscoveryDocument]]>([:])

    /// Every API the emulator serves, by URL prefix: the file names' first component.
    static let apis: [String: [String]] = {
        guard let folder = Bundle.module.url(forResource: "Discovery", withExtension: nil),
            let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [:] }
        var result: [String: [String]] = [:]
        for file in files.sorted() where file.hasSuffix(".json") {
            let api = String(file.prefix { $0 != "." })
            result[api, default: []].append(file)
        }
        return result
    }()

    /// The documents for an API prefix (`sqladmin` has v1 and v1beta4), parsed once.
    static func documents(for api: String) -> [DiscoveryDocument] {
        if let cached = cache.withLock({ $0[api] }) { return cached }
        let documents = (apis[api] ?? []).compactMap(load)
        cache.withLock { $0[api] = documents }
        return documents
    }

    private static func load(_ file: String) -> DiscoveryDocument? {
        guard let folder = Bundle.module.url(forResource: "Discovery", withExtension: nil),
            let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
            let json = try? JSONValue.parse(Array(data))
        else { return nil }
        return DiscoveryDocument(json: json)
    }
}
