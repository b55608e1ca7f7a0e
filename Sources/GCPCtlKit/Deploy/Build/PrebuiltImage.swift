/// `deploy --image REF`: an image built elsewhere, deployed without a build. REF is a tag
/// every deployed service has (`v1.4.2`, `git-0123456789ab`: `REPOSITORY/SERVICE:TAG`), or
/// one image by tag or digest (`api-gateway:v1.4.2`, `api-gateway@sha256:…`, or the full
/// `REGION-docker.pkg.dev/PROJECT/REPOSITORY/api-gateway…`). It must be in the
/// environment's repository, as the registry lists it before the deploy: the revision runs
/// it pinned by digest.
public struct PrebuiltImage: Sendable {
    public var reference: String
    public var service: String
    public var image: ImageName

    public init(_ reference: String, service: String, image: ImageName) {
        self.reference = reference
        self.service = service
        self.image = image
    }

    /// Whether REF names one image rather than a tag of every service's.
    public static func namesOneImage(_ reference: String) -> Bool {
        reference.contains("/") || reference.contains("@") || reference.contains(":")
    }

    /// `…/SERVICE@sha256:…` for REF, from the registry's tags and digests.
    public func resolve(in existing: [String: String]) throws(PrebuiltImageError) -> String {
        let full: String
        if reference.contains("/") {
            full = reference
        } else if reference.hasPrefix("sha256:") {
            full = image.repository + "@" + reference
        } else if Self.namesOneImage(reference) {
            full = image.repository.dropLast(service.count) + reference
        } else {
            full = image.tagged(reference)
        }
        let repositoryPart = Self.withoutTagOrDigest(full)
        guard repositoryPart == image.repository else {
            throw repositoryPart.hasPrefix(String(image.repository.dropLast(service.count)))
                ? .otherService(reference: reference, service: service)
                : .notInRepository(reference: reference, repository: String(image.repository.dropLast(service.count + 1)))
        }
        if full.contains("@") {
            guard existing.values.contains(full) else { throw .notFound(reference: full) }
            return full
        }
        guard let pinned = existing[full] else { throw .notFound(reference: full) }
        return pinned
    }
}

extension PrebuiltImage {
    /// `…/api-gateway:v1` and `…/api-gateway@sha256:…` → `…/api-gateway` (a registry host
    /// may have a port, so only a colon after the last slash starts a tag).
    static func withoutTagOrDigest(_ reference: String) -> String {
        if let at = reference.firstIndex(of: "@") { return String(reference[..<at]) }
        if let colon = reference.lastIndex(of: ":"), colon > (reference.lastIndex(of: "/") ?? reference.startIndex) {
            return String(reference[..<colon])
        }
        return reference
    }
}

public enum PrebuiltImageError: Error, Sendable, CustomStringConvertible, ExitStatusProviding {
    case notFound(reference: String)
    case notInRepository(reference: String, repository: String)
    case otherService(reference: String, service: String)

    public var description: String {
        switch self {
        case .notFound(let reference):
            "\(reference) is not in the registry; push it first, or deploy without --image to build it"
        case .notInRepository(let reference, let repository):
            "\(reference) is not in the environment's repository \(repository); gcpctl deploys images from there only"
        case .otherService(let reference, let service):
            "\(reference) is another service's image, not \(service)'s; deploy the service it belongs to"
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .notFound: .operationFailed
        case .notInRepository, .otherService: .configurationError
        }
    }
}
