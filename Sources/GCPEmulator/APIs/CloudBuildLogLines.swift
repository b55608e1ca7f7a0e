import Foundation

/// What a build's log says, in Cloud Build's words: `starting build "ID"`, FETCHSOURCE,
/// BUILD with each step's lines (`Step #0: …`; a `docker build` step shows its
/// Dockerfile's instructions as `Step 1/N : FROM …`), then PUSH and DONE, or ERROR and why.
enum CloudBuildLogLines {
    /// The build's source, as FETCHSOURCE names it.
    struct Source {
        var bucket: String
        var object: String
        var generation: String?
        var size: Int
    }

    /// The lines written as the build starts: the fetch of its source (which stops there
    /// when it fails), then BUILD.
    static func opening(id: String, source: Source?, fetchFails: Bool) -> [String] {
        var lines = ["starting build \"\(id)\"", ""]
        if let source {
            let name = "gs://\(source.bucket)/\(source.object)" + (source.generation.map { "#\($0)" } ?? "")
            lines += ["FETCHSOURCE", "Fetching storage object: \(name)"]
            if fetchFails { return lines }
            lines += ["Copying \(name)...", "/ [1 files][\(size(source.size)) / \(size(source.size))]",
                      "Operation completed over 1 objects/\(size(source.size))."]
        }
        return lines + ["BUILD"]
    }

    /// `Step #0: ` (or `Step #0 - "ID": ` for a step with an id): how each of a step's
    /// lines begins.
    static func prefix(_ index: Int, _ step: JSONValue) -> String {
        step["id"]?.stringValue.map { "Step #\(index) - \"\($0)\": " } ?? "Step #\(index): "
    }

    static func starting(_ index: Int, _ step: JSONValue) -> [String] {
        let name = step["id"]?.stringValue.map { "Step #\(index) - \"\($0)\"" } ?? "Step #\(index)"
        return ["Starting \(name)", prefix(index, step) + "Already have image (with digest): \(step["name"]?.stringValue ?? "")"]
    }

    static func finished(_ index: Int, _ step: JSONValue) -> String {
        "Finished " + (step["id"]?.stringValue.map { "Step #\(index) - \"\($0)\"" } ?? "Step #\(index)")
    }

    /// The arguments of a `docker build` step, or nil for any other step.
    static func dockerBuildArguments(_ step: JSONValue) -> [String]? {
        let arguments = step["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard step["name"]?.stringValue?.contains("docker") == true, arguments.first == "build" else { return nil }
        return arguments
    }

    /// The Dockerfile a `docker build` step reads (`-f`, `--file`; else `Dockerfile`), in
    /// the step's `dir`.
    static func dockerfilePath(_ step: JSONValue) -> String? {
        guard let arguments = dockerBuildArguments(step) else { return nil }
        var file = "Dockerfile"
        for (index, argument) in arguments.enumerated() {
            if (argument == "-f" || argument == "--file"), index + 1 < arguments.count {
                file = arguments[index + 1]
            } else if argument.hasPrefix("--file=") {
                file = String(argument.dropFirst("--file=".count))
            }
        }
        guard let dir = step["dir"]?.stringValue, !dir.isEmpty, !file.hasPrefix("/") else { return file }
        return dir + "/" + file
    }

    /// What a `docker build` prints while it runs: each instruction of the Dockerfile (when
    /// the source has it) and the layer it made. `seed` makes the made-up ids.
    static func dockerBuild(dockerfile: String?, contextSize: Int, seed: String) -> [String] {
        var lines = ["Sending build context to Docker daemon  \(dockerSize(contextSize))"]
        let instructions = dockerfile.map(Self.instructions) ?? []
        for (index, instruction) in instructions.enumerated() {
            lines.append("Step \(index + 1)/\(instructions.count) : \(instruction)")
            if instruction.uppercased().hasPrefix("RUN") {
                let container = layerID(seed, "container", index)
                lines += [" ---> Running in \(container)", "Removing intermediate container \(container)"]
            }
            lines.append(" ---> \(layerID(seed, "layer", index))")
        }
        return lines
    }

    /// How a `docker build` ends when it succeeds: the image and each `-t` tag.
    static func dockerBuildSucceeded(arguments: [String], seed: String) -> [String] {
        var lines = ["Successfully built \(layerID(seed, "image", 0))"]
        for (index, argument) in arguments.enumerated() where (argument == "-t" || argument == "--tag") && index + 1 < arguments.count {
            lines.append("Successfully tagged \(arguments[index + 1])")
        }
        return lines
    }

    /// A Dockerfile's instructions as `docker build` numbers them: comments and blank lines
    /// left out, continued lines joined.
    static func instructions(_ dockerfile: String) -> [String] {
        var instructions: [String] = []
        var pending = ""
        for raw in dockerfile.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty && pending.isEmpty { continue }
            if line.hasPrefix("#") { continue }
            if line.hasSuffix("\\") {
                pending += line.dropLast().trimmingCharacters(in: .whitespaces) + " "
                continue
            }
            pending += line
            instructions.append(pending.trimmingCharacters(in: .whitespaces))
            pending = ""
        }
        if !pending.trimmingCharacters(in: .whitespaces).isEmpty { instructions.append(pending.trimmingCharacters(in: .whitespaces)) }
        return instructions
    }

    /// The lines after the last step's own, by how the build ended: PUSH and DONE; ERROR
    /// and Cloud Build's reason; TIMEOUT; nothing more for a cancelled build, whose log just
    /// stops.
    static func ending(_ build: JSONValue) -> [String] {
        let steps = build["steps"]?.arrayValue ?? []
        let last = steps.indices.last
        let status = build["status"]?.stringValue ?? ""
        let failureType = build["failureInfo"]?["type"]?.stringValue
        let detail = build["failureInfo"]?["detail"]?.stringValue ?? build["statusDetail"]?.stringValue ?? ""
        switch (status, failureType) {
        case ("CANCELLED", _):
            return []
        case ("TIMEOUT", _):
            return ["TIMEOUT", "ERROR: context deadline exceeded"]
        case (_, "FETCH_SOURCE_FAILED"):
            return ["ERROR", "ERROR: \(detail)"]
        case ("SUCCESS", _), (_, "PUSH_FAILED"):
            var lines = last.map { lastStepSucceeded($0, steps[$0], seed: build["id"]?.stringValue ?? "") } ?? []
            lines.append("PUSH")
            let images = (build["images"]?.arrayValue ?? []).compactMap(\.stringValue)
            if status != "SUCCESS" {
                return lines + (images.first.map { ["Pushing \($0)"] } ?? []) + ["ERROR", "ERROR: \(detail)"]
            }
            let digests = (build["results"]?["images"]?.arrayValue ?? []).reduce(into: [String: String]()) { found, image in
                if let name = image["name"]?.stringValue { found[name] = image["digest"]?.stringValue }
            }
            for image in images {
                let (repository, tag) = splitTag(image)
                lines += ["Pushing \(image)", "The push refers to repository [\(repository)]",
                          "\(tag): digest: \(digests[image] ?? "") size: 1576"]
            }
            return lines + ["DONE"]
        default:
            guard let last else { return ["ERROR", "ERROR: \(detail)"] }
            let name = steps[last]["name"]?.stringValue ?? ""
            return [finished(last, steps[last]), "ERROR",
                    "ERROR: build step \(last) \"\(name)\" failed: step exited with non-zero status: 1"]
        }
    }

    /// The last step's closing lines when it succeeded.
    private static func lastStepSucceeded(_ index: Int, _ step: JSONValue, seed: String) -> [String] {
        let closing = dockerBuildArguments(step).map { dockerBuildSucceeded(arguments: $0, seed: seed) } ?? []
        return closing.map { prefix(index, step) + $0 } + [finished(index, step)]
    }

    /// `REPOSITORY` and `TAG` of `REPOSITORY:TAG` (`latest` when untagged).
    private static func splitTag(_ image: String) -> (String, String) {
        if let colon = image.lastIndex(of: ":"), !image[colon...].contains("/") {
            return (String(image[..<colon]), String(image[image.index(after: colon)...]))
        }
        return (image, "latest")
    }

    /// A made-up 12-hex-digit docker id, the same for the same build and place.
    private static func layerID(_ seed: String, _ kind: String, _ index: Int) -> String {
        String(DockerImages.digest(of: "\(seed)/\(kind)/\(index)").dropFirst("sha256:".count).prefix(12))
    }

    /// `1.1 KiB`, as gsutil counts.
    private static func size(_ bytes: Int) -> String {
        bytes < 1024 ? "\(bytes) B" : String(format: "%.1f KiB", Double(bytes) / 1024)
    }

    /// `12.29kB`, as docker counts.
    private static func dockerSize(_ bytes: Int) -> String {
        switch bytes {
        case ..<1000: "\(bytes)B"
        case ..<1_000_000: String(format: "%.2fkB", Double(bytes) / 1000)
        default: String(format: "%.2fMB", Double(bytes) / 1_000_000)
        }
    }
}
