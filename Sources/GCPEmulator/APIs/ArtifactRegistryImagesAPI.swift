import Foundation

/// Artifact Registry's views of the Docker images in a repository (see `DockerImages`):
/// dockerImages list / get, and the generic packages, tags and versions list / get that
/// `gcloud artifacts docker images list IMAGE` reads. All are derived from the stored
/// DockerImages; nothing here changes state.
enum ArtifactRegistryImagesAPI {
    static let handlers: [String: APIHandler] = [
        "artifactregistry.projects.locations.repositories.dockerImages.list": listImages,
        "artifactregistry.projects.locations.repositories.dockerImages.get": getImage,
        "artifactregistry.projects.locations.repositories.packages.list": listPackages,
        "artifactregistry.projects.locations.repositories.packages.get": getPackage,
        "artifactregistry.projects.locations.repositories.packages.tags.list": listTags,
        "artifactregistry.projects.locations.repositories.packages.tags.get": getTag,
        "artifactregistry.projects.locations.repositories.packages.versions.list": listVersions,
        "artifactregistry.projects.locations.repositories.packages.versions.get": getVersion,
    ]

    private static let notFound = APIError.notFound("Requested entity was not found.")

    /// The repository's images (404 when the repository does not exist).
    private static func images(_ request: APIRequest, _ state: EmulatorState, repository: String) throws -> [JSONValue] {
        let project = try request.requireProject()
        guard state.resource(project, ArtifactRegistryAPI.collection, repository) != nil else { throw notFound }
        return state.resources(project, DockerImages.collection, prefix: repository + "/dockerImages/").map(\.value)
    }

    /// Splits `REPOSITORY/packages/PACKAGE[/...]` into the repository and escaped package id.
    private static func package(of name: String) -> (repository: String, package: String) {
        let parts = name.components(separatedBy: "/packages/")
        let package = parts.count > 1 ? String(parts[1].split(separator: "/").first ?? "") : ""
        return (parts[0], DockerImages.escape(package))
    }

    private static func packageImages(_ request: APIRequest, _ state: EmulatorState, name: String) throws -> (package: String, images: [JSONValue]) {
        let (repository, package) = package(of: name)
        let images = try images(request, state, repository: repository).filter { imagePackage($0) == "\(repository)/packages/\(package)" }
        guard !images.isEmpty else { throw notFound }
        return ("\(repository)/packages/\(package)", images)
    }

    /// `.../dockerImages/IMAGE@sha256:...` → `.../packages/IMAGE`.
    private static func imagePackage(_ image: JSONValue) -> String {
        let name = image["name"]?.stringValue ?? ""
        let parts = name.components(separatedBy: "/dockerImages/")
        return parts[0] + "/packages/" + (parts.count > 1 ? String(parts[1].prefix { $0 != "@" }) : "")
    }

    private static func digest(_ image: JSONValue) -> String {
        String((image["name"]?.stringValue ?? "").split(separator: "@").last ?? "")
    }

    private static func sorted(_ images: [JSONValue], orderBy: String?) -> [JSONValue] {
        guard let orderBy, !orderBy.isEmpty else { return images }
        let words = orderBy.split(separator: " ")
        let field = words.first.map { $0 == "update_time" ? "updateTime" : $0 == "upload_time" ? "uploadTime" : $0 == "build_time" ? "buildTime" : String($0) } ?? "name"
        let ascending = words.dropFirst().first?.lowercased() != "desc"
        return images.sorted { first, second in
            let (a, b) = (first[field]?.stringValue ?? "", second[field]?.stringValue ?? "")
            return ascending ? a < b : a > b
        }
    }

    private static func listImages(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let images = sorted(try images(request, state, repository: request.path("parent")), orderBy: request.query["orderBy"])
        return .resource(try request.page(images, defaultSize: 100).body("dockerImages"))
    }

    private static func getImage(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let parts = request.path("name").components(separatedBy: "/dockerImages/")
        guard parts.count == 2 else { throw notFound }
        let name = parts[0] + "/dockerImages/" + DockerImages.escape(parts[1])
        guard let image = try images(request, state, repository: parts[0]).first(where: { $0["name"]?.stringValue == name }) else { throw notFound }
        return .resource(image)
    }

    private static func packageResource(_ name: String, images: [JSONValue]) -> JSONValue {
        let uploads = images.compactMap { $0["uploadTime"]?.stringValue }.sorted()
        let updates = images.compactMap { $0["updateTime"]?.stringValue }.sorted()
        let id = String(name.split(separator: "/").last ?? "")
        return [
            "name": .string(name), "displayName": .string(id.replacingOccurrences(of: "%2F", with: "/")),
            "createTime": .string(uploads.first ?? ""), "updateTime": .string(updates.last ?? ""),
        ]
    }

    private static func listPackages(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let grouped = Dictionary(grouping: try images(request, state, repository: request.path("parent")), by: imagePackage)
        let filter = try ListFilter(request.query["filter"])
        let packages = grouped.keys.sorted().map { packageResource($0, images: grouped[$0] ?? []) }.filter(filter.matches)
        return .resource(try request.page(packages, defaultSize: 100).body("packages"))
    }

    private static func getPackage(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (name, images) = try packageImages(request, state, name: request.path("name"))
        return .resource(packageResource(name, images: images))
    }

    private static func tags(_ package: String, images: [JSONValue]) -> [JSONValue] {
        images.flatMap { image in
            (image["tags"]?.arrayValue ?? []).compactMap(\.stringValue).map { tag -> JSONValue in
                ["name": .string("\(package)/tags/\(tag)"), "version": .string("\(package)/versions/\(digest(image))")]
            }
        }.sorted { ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "") }
    }

    private static func listTags(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (package, images) = try packageImages(request, state, name: request.path("parent"))
        let tags = tags(package, images: images).filter(try ListFilter(request.query["filter"]).matches)
        return .resource(try request.page(tags, defaultSize: 100).body("tags"))
    }

    private static func getTag(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (package, images) = try packageImages(request, state, name: request.path("name"))
        let tag = String(request.path("name").split(separator: "/").last ?? "")
        guard let found = tags(package, images: images).first(where: { $0["name"] == .string("\(package)/tags/\(tag)") }) else { throw notFound }
        return .resource(found)
    }

    private static func version(_ package: String, image: JSONValue, full: Bool) -> JSONValue {
        var version: JSONValue = [
            "name": .string("\(package)/versions/\(digest(image))"),
            "createTime": image["uploadTime"] ?? .null, "updateTime": image["updateTime"] ?? .null,
        ]
        if full {
            version["relatedTags"] = .array(tags(package, images: [image]))
            version["metadata"] = [
                "name": image["name"] ?? .null, "imageSizeBytes": image["imageSizeBytes"] ?? .null,
                "mediaType": image["mediaType"] ?? .null, "buildTime": image["buildTime"] ?? .null,
            ]
        }
        return version
    }

    private static func listVersions(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (package, images) = try packageImages(request, state, name: request.path("parent"))
        let filter = try ListFilter(request.query["filter"])
        let versions = sorted(images, orderBy: request.query["orderBy"])
            .map { version(package, image: $0, full: request.query["view"] == "FULL") }.filter(filter.matches)
        return .resource(try request.page(versions, defaultSize: 100).body("versions"))
    }

    private static func getVersion(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (package, images) = try packageImages(request, state, name: request.path("name"))
        let id = String(request.path("name").split(separator: "/").last ?? "")
        guard let image = images.first(where: { digest($0) == id }) else { throw notFound }
        return .resource(version(package, image: image, full: request.query["view"] == "FULL"))
    }
}
