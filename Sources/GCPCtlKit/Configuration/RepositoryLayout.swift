import Foundation

/// Where the built-in services' Dockerfiles are in the repository gcpctl runs in.
///
/// The bash scripts served a pnpm monorepo: each service's Dockerfile lives in its own
/// folder (`apps/api-gateway/Dockerfile`, …) and is built from the repository root
/// (`docker build -f apps/api-gateway/Dockerfile .`), so the workspace packages the service
/// imports (`packages/*`) are in the build context. gcpctl's own examples are self-contained
/// folders. Legacy mode uses the monorepo's Dockerfiles where they exist, and `gcpctl init`
/// writes the same choice into the environment files.
public enum RepositoryLayout {
    /// The scripts' Dockerfile of each built-in service, relative to the repository root.
    public static let monorepoDockerfiles: [(service: String, dockerfile: String)] = [
        ("api-gateway", "apps/api-gateway/Dockerfile"),
        ("websocket-server", "apps/websocket-server/Dockerfile"),
        ("face-processing-service", "services/face-processing-service/Dockerfile"),
    ]

    /// The build of one service: its context folder and its Dockerfile, relative to that folder.
    public struct Build: Equatable, Sendable {
        public var source: String
        public var dockerfile: String
    }

    /// The monorepo's build of `service` when its Dockerfile is in `directory`, else nil.
    public static func monorepoBuild(of service: String, in directory: URL) -> Build? {
        guard let dockerfile = monorepoDockerfiles.first(where: { $0.service == service })?.dockerfile,
              isFile(directory.appendingPathComponent(dockerfile)) else { return nil }
        return Build(source: ".", dockerfile: dockerfile)
    }

    /// Points the built-in services of `file` at the monorepo's Dockerfiles found in
    /// `directory`; services whose Dockerfile is not there keep their `examples/` folder.
    static func apply(to file: inout EnvironmentFile, directory: URL) {
        guard var services = file.services else { return }
        for index in services.entries.indices {
            guard let build = monorepoBuild(of: services.entries[index].name, in: directory) else { continue }
            services.entries[index].value.source = build.source
            services.entries[index].value.dockerfile = build.dockerfile
        }
        file.services = services
    }

    private static func isFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
