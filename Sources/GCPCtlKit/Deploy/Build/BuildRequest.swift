import GoogleCloud

/// The image a service is built into, and the Cloud Build request that builds it:
/// `docker build` of the uploaded source with the service's Dockerfile, pushed to Artifact
/// Registry under a timestamp tag and `latest` (property 10), and `source-<digest>` so a
/// later deploy of the same source can find it instead of building again.
public struct ImageName: Sendable, Equatable {
    /// `us-central1-docker.pkg.dev/PROJECT/REPOSITORY/SERVICE`.
    public var repository: String

    public init(service: String, environment: Environment) {
        repository = environment.artifactRegistry.imagePrefix(project: environment.project) + "/" + service
    }

    public func tagged(_ tag: String) -> String { "\(repository):\(tag)" }
    public func pinned(_ digest: String) -> String { "\(repository)@\(digest)" }

    public static let latestTag = "latest"

    /// The tag that records which source an image was built from.
    public static func sourceTag(_ archive: SourceArchive) -> String { "source-\(archive.shortDigest)" }
}

public enum BuildRequest {
    public static let dockerBuilder = "gcr.io/cloud-builders/docker"
    public static let timeoutSeconds = 1200

    public static func build(
        service: Environment.Service, image: ImageName, timestampTag: String, sourceTag: String,
        source: CloudBuildAPI.StorageSource, environment: Environment, commitTag: String? = nil
    ) -> CloudBuildAPI.Build {
        let tags = ([timestampTag, ImageName.latestTag, sourceTag] + [commitTag].compactMap { $0 }).map(image.tagged)
        var build = CloudBuildAPI.Build()
        build.source = .init(storageSource: source)
        build.steps = [.init(name: dockerBuilder, args: ["build"] + tags.flatMap { ["-t", $0] } + ["-f", service.dockerfile, "."])]
        build.images = tags
        // Run as the build account, never a default one (which holds no roles in projects
        // of organisations made secure by default, or too many elsewhere). A build run as
        // an account of one's choosing must name a logs bucket (or log to Cloud Logging
        // only): gcpctl's own, which deploy follows while the build runs. LEGACY writes the
        // log there and to Cloud Logging (the account may write logs there too).
        build.serviceAccount = "projects/\(environment.project)/serviceAccounts/\(environment.buildServiceAccount.email)"
        build.logsBucket = BuildLogsBucket(environment: environment).address
        build.options = .init(logging: "LEGACY")
        build.timeout = "\(timeoutSeconds)s"
        build.tags = ["gcpctl", "gcpctl-\(environment.shortName)", service.name]
        return build
    }
}
