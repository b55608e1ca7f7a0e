import GoogleCloud

/// Every service's URL, known before any deploy (property 23): Cloud Run serves each service
/// at `https://SERVICE-PROJECTNUMBER.REGION.run.app`, so each service can be given the
/// others' URLs in its first deploy, and no second deploy is needed.
public struct ServiceURLs: Sendable, Equatable {
    public var projectNumber: String
    public var region: String

    public init(projectNumber: String, region: String) {
        self.projectNumber = projectNumber
        self.region = region
    }

    public func url(of service: String) -> String {
        CloudRunAPI.deterministicURL(service: service, projectNumber: projectNumber, region: region)
    }

    /// A revision tag's own URL: `https://TAG---SERVICE-PROJECTNUMBER.REGION.run.app`.
    public func url(of service: String, tag: String) -> String {
        CloudRunAPI.deterministicURL(service: "\(tag)---\(service)", projectNumber: projectNumber, region: region)
    }

    /// The variable that carries a service's URL: the bash scripts' API_GATEWAY_URL,
    /// WEBSOCKET_URL and FACE_PROCESSING_URL, and by the same rule `MY_API_URL` for
    /// `my-api`: upper case, `-` → `_`, a trailing `-server` / `-service` dropped.
    public static func variableName(for service: String) -> String {
        var stem = service.uppercased().replacingOccurrences(of: "-", with: "_")
        for suffix in ["_SERVER", "_SERVICE"] where stem.hasSuffix(suffix) && stem.count > suffix.count {
            stem.removeLast(suffix.count)
            break
        }
        return stem + "_URL"
    }

    /// The URLs deploy wrote into the environment's .env file (property 35), read back:
    /// any one service's variable in the deterministic form names the project number, and
    /// with it every service's URL, before anything is asked of Google. nil when no such
    /// variable is there. A stale file (another project) is caught by whoever uses the URL:
    /// status compares it with the service's own URLs.
    public static func recorded(in environment: Environment) -> ServiceURLs? {
        guard let values = environment.legacyVariables?.values else { return nil }
        for service in environment.services {
            guard let url = values[variableName(for: service.name)] else { continue }
            let prefix = "https://\(service.name)-", suffix = ".\(environment.region).run.app"
            guard url.hasPrefix(prefix), url.hasSuffix(suffix), url.count > prefix.count + suffix.count else { continue }
            let number = String(url.dropFirst(prefix.count).dropLast(suffix.count))
            if number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber) {
                return ServiceURLs(projectNumber: number, region: environment.region)
            }
        }
        return nil
    }

    /// `(API_GATEWAY_URL, https://…)` for each service, in the order given.
    public func variables(for services: [Environment.Service]) -> [(name: String, value: String)] {
        services.map { (ServiceURLs.variableName(for: $0.name), url(of: $0.name)) }
    }
}
