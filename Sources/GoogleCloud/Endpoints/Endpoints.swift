import Foundation

/// Where each API is reached.
///
/// Real roots are `https://<api>.googleapis.com/`. Two overrides, for emulators:
/// - `GCPCTL_API_ENDPOINT=http://127.0.0.1:PORT` serves every API at `…/<api>/` with the
///   rest of the path unchanged, and Cloud Run service URLs (`https://HOST.run.app/PATH`)
///   at `…/run.app/HOST/PATH`.
/// - `GCPCTL_ENDPOINT_<API>=URL` (e.g. `GCPCTL_ENDPOINT_STORAGE`) replaces one API's root
///   and keeps the path, as gcloud's `CLOUDSDK_API_ENDPOINT_OVERRIDES_*` do.
public struct Endpoints: Sendable, Equatable {
    public var apiEndpoint: String?
    public var perAPI: [String: String]

    public init(apiEndpoint: String? = nil, perAPI: [String: String] = [:]) {
        self.apiEndpoint = apiEndpoint.map(Endpoints.withoutTrailingSlash)
        self.perAPI = perAPI
    }

    public init(environment: [String: String]) {
        var perAPI: [String: String] = [:]
        for (key, value) in environment where key.hasPrefix("GCPCTL_ENDPOINT_") && !value.isEmpty {
            perAPI[String(key.dropFirst("GCPCTL_ENDPOINT_".count)).lowercased()] = value
        }
        let all = environment["GCPCTL_API_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
        self.init(apiEndpoint: all, perAPI: perAPI)
    }

    public static let google = Endpoints()

    /// The root of an API, always ending in "/".
    public func root(_ api: GoogleAPI) -> String {
        if let override = perAPI[api.name] { return Endpoints.withTrailingSlash(override) }
        if let apiEndpoint { return "\(apiEndpoint)/\(api.name)/" }
        return "https://\(api.name).googleapis.com/"
    }

    /// `path` is relative to the API's root, as in the discovery document
    /// (`v1/projects/p/instances`, `storage/v1/b`, `upload/storage/v1/b/B/o`).
    public func url(_ api: GoogleAPI, _ path: String, query: [(String, String)] = []) -> String {
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return root(api) + trimmed + QueryString.encode(query)
    }

    /// The URL to reach a deployed service's page at: itself, or under an emulator endpoint
    /// its emulator route, `/run.app/HOST` for a run.app URL and `/lb/HOST` for any other
    /// (a domain on a load balancer), so nothing leaves the emulator.
    public func serviceURL(_ url: String, path: String = "") -> String {
        let base = Endpoints.withoutTrailingSlash(url)
        let suffix = path.isEmpty || path.hasPrefix("/") ? path : "/" + path
        guard let apiEndpoint, let parts = URLParts(base), let authority = base.range(of: "://")?.upperBound else {
            return base + suffix
        }
        let rest = base[authority...].drop { $0 != "/" }
        let route = parts.host.hasSuffix(".run.app") ? "run.app" : "lb"
        return "\(apiEndpoint)/\(route)/\(parts.host)\(rest)\(suffix)"
    }

    /// Maps a URL Google hands out (a key file's `token_uri`) through the overrides.
    public func resolve(googleURL url: String) -> String {
        guard let parts = URLParts(url), parts.scheme == "https", parts.host.hasSuffix(".googleapis.com"),
              let hostEnd = url.range(of: parts.host)?.upperBound else { return url }
        let api = GoogleAPI(String(parts.host.dropLast(".googleapis.com".count)))
        guard apiEndpoint != nil || perAPI[api.name] != nil else { return url }
        return self.url(api, String(url[hostEnd...]))
    }

    private static func withoutTrailingSlash(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    private static func withTrailingSlash(_ url: String) -> String {
        url.hasSuffix("/") ? url : url + "/"
    }
}

/// Percent-encoding of query strings by RFC 3986's unreserved set.
public enum QueryString {
    public static func encode(_ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    public static func escape(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(UnicodeScalar(byte))
            default:
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }

    /// Form bodies (`application/x-www-form-urlencoded`) use the same escaping.
    public static func form(_ items: [(String, String)]) -> String {
        String(encode(items).dropFirst())
    }
}
