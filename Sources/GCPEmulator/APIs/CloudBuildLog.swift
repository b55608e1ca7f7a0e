import Foundation

/// A build's log where Cloud Build keeps it: the object `log-ID.txt` in the build's
/// `logsBucket`, written while the build runs, so a client can follow it as `gcloud builds
/// submit` does (objects.get `alt=media` with `Range`). The default bucket,
/// `NUMBER.cloudbuild-logs.googleusercontent.com`, is Google's: it lives in the emulator's
/// `googleProject`, so it is in no user project's bucket list and no user can create one
/// of that name. A build whose `options.logging` keeps logs out of Cloud Storage
/// (CLOUD_LOGGING_ONLY, STACKDRIVER_ONLY, NONE) has no such object.
///
/// The lines are timed as the build's steps are (`CloudBuildRun`): the opening and each
/// step's lines are written when the build is created, each at its moment; the last step's
/// end and the outcome when the build finishes. A read sees the lines written by then.
enum CloudBuildLog {
    /// The project that holds what Google owns: not a well-formed project id, so never one
    /// a user made.
    static let googleProject = "@google"

    static let loggingElsewhere: Set = ["CLOUD_LOGGING_ONLY", "STACKDRIVER_ONLY", "NONE"]

    static func defaultBucket(projectNumber: String) -> String {
        "\(projectNumber).cloudbuild-logs.googleusercontent.com"
    }

    /// The log's bucket and object name, or nil when the build keeps no log in Cloud
    /// Storage. `logsBucket` may name a folder too: `gs://BUCKET/FOLDER`.
    static func location(of build: JSONValue) -> (bucket: String, object: String)? {
        guard !loggingElsewhere.contains(build["options"]?["logging"]?.stringValue ?? ""),
            let id = build["id"]?.stringValue, let logsBucket = build["logsBucket"]?.stringValue
        else { return nil }
        let path = logsBucket.hasPrefix("gs://") ? logsBucket.dropFirst("gs://".count) : Substring(logsBucket)
        let parts = path.split(separator: "/", maxSplits: 1)
        guard let bucket = parts.first else { return nil }
        let folder = parts.count > 1 ? parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "/")) : ""
        return (String(bucket), (folder.isEmpty ? "" : folder + "/") + "log-\(id).txt")
    }

    /// Writes the log of a build just created, with every line its run is planned to write
    /// before its end.
    static func start(_ build: JSONValue, request: APIRequest, state: inout EmulatorState) {
        guard let (bucketName, objectName) = location(of: build), let id = build["id"]?.stringValue,
            let bucket = logsBucket(bucketName, request: request, state: &state)
        else { return }
        let started = build["@startedAt"]?.doubleValue ?? request.now.timeIntervalSince1970
        let done = build["@doneAt"]?.doubleValue ?? started
        let fetchFails = build["@failureType"] == "FETCH_SOURCE_FAILED"
        let source = self.source(of: build, state: state)
        var lines = CloudBuildLogLines.opening(id: id, source: source?.description, fetchFails: fetchFails).map { (started, $0) }
        if !fetchFails {
            lines += stepLines(build, id: id, source: source, from: started, to: done)
        }
        let generation = Int(request.now.timeIntervalSince1970 * 1_000_000)
        var object = StorageObjectsAPI.newVersion(
            name: objectName, in: (bucketName, bucket.value), data: [], generation: generation,
            metadata: ["contentType": "text/plain; charset=utf-8"], request: request)
        object["@lines"] = .array(lines.map { ["at": .double($0.0), "text": .string($0.1)] })
        state.setResource(bucket.project, StorageObjectsAPI.collection,
                          StorageObjectsAPI.key(bucket: bucketName, name: objectName, generation: generation), object)
    }

    /// Ends the log of a build that has just finished (`build` as it ended) at `now`: lines
    /// planned for later are dropped (a cancel), and the outcome's lines added.
    static func finish(_ build: JSONValue, state: inout EmulatorState, now: Date) {
        guard let (bucketName, objectName) = location(of: build),
            let (project, _) = state.findResource(StorageBucketsAPI.collection, bucketName),
            let (key, object) = StorageObjectsAPI.live(bucket: bucketName, name: objectName, project: project, state: state)
        else { return }
        let moment = now.timeIntervalSince1970
        let written = (object["@lines"]?.arrayValue ?? []).filter { ($0["at"]?.doubleValue ?? 0) <= moment }
        let ending = CloudBuildLogLines.ending(build).map { JSONValue.object(["at": .double(moment), "text": .string($0)]) }
        var finished = object
        finished["@lines"] = .array(written + ending)
        finished["updated"] = .string(RFC3339.format(now))
        state.setResource(project, StorageObjectsAPI.collection, key, finished)
    }

    /// The logs bucket and its project: one that exists, or Google's default bucket, made
    /// on first use. nil for a user's bucket that does not exist (no log is written).
    private static func logsBucket(_ name: String, request: APIRequest, state: inout EmulatorState) -> (project: String, value: JSONValue)? {
        if let existing = state.findResource(StorageBucketsAPI.collection, name) { return existing }
        guard name.hasSuffix(".cloudbuild-logs.googleusercontent.com") else { return nil }
        let bucket: JSONValue = [
            "kind": "storage#bucket", "id": .string(name), "name": .string(name),
            "selfLink": .string("\(request.baseURL)/storage/storage/v1/b/\(name)"),
            "projectNumber": .string(state.projectNumber(googleProject)), "location": "US", "locationType": "multi-region",
            "storageClass": "STANDARD", "metageneration": "1", "generation": "1", "etag": "CAE=",
            "timeCreated": .string(request.timestamp), "updated": .string(request.timestamp),
        ]
        state.setResource(googleProject, StorageBucketsAPI.collection, name, bucket)
        return (googleProject, bucket)
    }

    /// The build's source object and, when it is a gzip'd tar, its bytes.
    private struct FetchedSource {
        var description: CloudBuildLogLines.Source
        var bytes: [UInt8]
    }

    private static func source(of build: JSONValue, state: EmulatorState) -> FetchedSource? {
        guard let storage = build[path: "source.storageSource"], let bucket = storage["bucket"]?.stringValue,
            let object = storage["object"]?.stringValue
        else { return nil }
        let stored = state.findResource(StorageBucketsAPI.collection, bucket).flatMap { owner in
            StorageObjectsAPI.live(bucket: bucket, name: object, project: owner.project, state: state)?.value
        }
        let bytes = stored?["@data"]?.stringValue.flatMap(Base64.decode) ?? []
        let generation = storage["generation"]?.stringValue ?? stored?["generation"]?.stringValue
        return FetchedSource(description: .init(bucket: bucket, object: object, generation: generation, size: bytes.count), bytes: bytes)
    }

    /// Each step's lines, spread over its share of the time from `start` to `end` (as
    /// `CloudBuildRun` shares it): what it prints while it runs, and `Finished Step #N` at
    /// its end for all but the last, whose end is the outcome's to write.
    private static func stepLines(_ build: JSONValue, id: String, source: FetchedSource?, from start: Double, to end: Double) -> [(Double, String)] {
        let steps = build["steps"]?.arrayValue ?? []
        let share = steps.isEmpty ? 0 : max(0, end - start) / Double(steps.count)
        var lines: [(Double, String)] = []
        for (index, step) in steps.enumerated() {
            let stepStart = start + share * Double(index)
            lines += CloudBuildLogLines.starting(index, step).map { (stepStart, $0) }
            var body: [String] = []
            if let path = CloudBuildLogLines.dockerfilePath(step) {
                let dockerfile = source.flatMap { SourceTarball.file(path, in: $0.bytes) }.map { String(decoding: $0, as: UTF8.self) }
                body = CloudBuildLogLines.dockerBuild(dockerfile: dockerfile, contextSize: source?.bytes.count ?? 0, seed: id)
            }
            // Strictly inside the step: its last line comes before the step ends.
            for (offset, line) in body.enumerated() {
                lines.append((stepStart + share * Double(offset + 1) / Double(body.count + 1), CloudBuildLogLines.prefix(index, step) + line))
            }
            if index < steps.count - 1 { lines.append((stepStart + share, CloudBuildLogLines.finished(index, step))) }
        }
        return lines
    }
}
