import Foundation

/// Docker images as Artifact Registry holds them: pushed by Cloud Build, listed by the
/// registry's dockerImages / packages / tags / versions methods, and looked up by Cloud
/// Run when a revision starts.
///
/// Kept in the image's project under `artifactregistry.dockerImages`, keyed by the
/// DockerImage name `projects/P/locations/L/repositories/R/dockerImages/IMAGE@sha256:HEX`
/// (slashes in IMAGE escaped as `%2F`, as Google names them). A tag belongs to one image of
/// a package at a time: pushing it again moves it.
enum DockerImages {
    static let collection = "artifactregistry.dockerImages"
    static let mediaType = "application/vnd.docker.distribution.manifest.v2+json"

    /// `LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE[:TAG][@sha256:HEX]`.
    struct Reference: Equatable {
        var location: String
        var project: String
        var repository: String
        var image: String
        var tag: String?
        var digest: String?

        init?(_ url: String) {
            var rest = Substring(url)
            if let at = rest.firstIndex(of: "@") {
                digest = String(rest[rest.index(after: at)...])
                rest = rest[..<at]
            }
            let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count >= 4, parts[0].hasSuffix("-docker.pkg.dev"), !parts.contains(where: \.isEmpty) else { return nil }
            location = String(parts[0].dropLast("-docker.pkg.dev".count))
            project = String(parts[1])
            repository = String(parts[2])
            var image = parts[3...].joined(separator: "/")
            if let colon = image.lastIndex(of: ":") {
                tag = String(image[image.index(after: colon)...])
                image = String(image[..<colon])
            }
            guard !location.isEmpty, !image.isEmpty, tag?.isEmpty != true, digest.map(DockerImages.isDigest) != false else { return nil }
            self.image = image
        }

        var repositoryName: String { "projects/\(project)/locations/\(location)/repositories/\(repository)" }
        /// The image's URL without tag or digest: one package.
        var packageURL: String { "\(location)-docker.pkg.dev/\(project)/\(repository)/\(image)" }
        var packageName: String { "\(repositoryName)/packages/\(DockerImages.escape(image))" }
    }

    static func escape(_ image: String) -> String { image.replacingOccurrences(of: "/", with: "%2F") }

    static func isDigest(_ text: String) -> Bool {
        text.hasPrefix("sha256:") && text.count == 71 && text.dropFirst(7).allSatisfy(\.isHexDigit)
    }

    /// A stable made-up digest for some content.
    static func digest(of content: String) -> String {
        let bytes = Checksums.md5(Array(content.utf8)) + Checksums.md5(Array(String(content.reversed()).utf8))
        return "sha256:" + bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func imageName(_ reference: Reference, digest: String) -> String {
        "\(reference.repositoryName)/dockerImages/\(escape(reference.image))@\(digest)"
    }

    /// Why `reference` cannot be pushed (its repository is missing or not a Docker one), or nil.
    static func pushRefusal(_ reference: Reference, state: EmulatorState) -> String? {
        guard let repository = state.resource(reference.project, ArtifactRegistryAPI.collection, reference.repositoryName) else {
            return "name unknown: Repository \"\(reference.repository)\" not found (\(reference.repositoryName))"
        }
        guard repository["format"] == "DOCKER" else {
            return "Repository \"\(reference.repositoryName)\" is not a Docker repository"
        }
        return nil
    }

    /// Records an image with `tags` under `digest`, moving those tags off the package's other
    /// images, and returns the DockerImage. Check `pushRefusal` first.
    @discardableResult
    static func push(_ reference: Reference, digest: String, tags: [String], state: inout EmulatorState, now: Date) -> JSONValue {
        let project = reference.project
        let time = JSONValue.string(RFC3339.format(now))
        for (key, var other) in images(ofPackage: reference, state: state) {
            let kept = (other["tags"]?.arrayValue ?? []).filter { !tags.contains($0.stringValue ?? "") }
            guard kept.count != other["tags"]?.arrayValue?.count else { continue }
            other["tags"] = .array(kept)
            other["updateTime"] = time
            state.setResource(project, collection, key, other)
        }
        let name = imageName(reference, digest: digest)
        var image = state.resource(project, collection, name) ?? [
            "name": .string(name), "uri": .string("\(reference.packageURL)@\(digest)"), "mediaType": .string(mediaType),
            "imageSizeBytes": .string(String(size(of: digest))), "uploadTime": time, "buildTime": time,
        ]
        let merged = Set((image["tags"]?.arrayValue ?? []).compactMap(\.stringValue)).union(tags)
        image["tags"] = .array(merged.sorted().map(JSONValue.string))
        image["updateTime"] = time
        state.setResource(project, collection, name, image)
        return image
    }

    /// The package's images by key.
    static func images(ofPackage reference: Reference, state: EmulatorState) -> [(name: String, value: JSONValue)] {
        state.resources(reference.project, collection, prefix: "\(reference.repositoryName)/dockerImages/\(escape(reference.image))@")
    }

    /// The image a reference names: by digest, else by tag (`latest` when none).
    static func find(_ reference: Reference, state: EmulatorState) -> JSONValue? {
        if let digest = reference.digest { return state.resource(reference.project, collection, imageName(reference, digest: digest)) }
        let tag = JSONValue.string(reference.tag ?? "latest")
        return images(ofPackage: reference, state: state).first { $0.value["tags"]?.arrayValue?.contains(tag) == true }?.value
    }

    /// A plausible compressed image size, 20-120 MB, fixed per digest.
    private static func size(of digest: String) -> Int {
        let seed = digest.dropFirst(7).prefix(6).reduce(0) { $0 * 16 + ($1.hexDigitValue ?? 0) }
        return 20_000_000 + seed % 100_000_000
    }
}
