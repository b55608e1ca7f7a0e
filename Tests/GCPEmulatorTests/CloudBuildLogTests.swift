import Foundation
import GCPEmulator
import Testing
import TestSupport

/// A build's log in Cloud Storage, as `gcloud builds submit` follows it: `log-ID.txt` in the
/// build's logs bucket, growing with the build, read a part at a time with `Range`.
@Suite struct CloudBuildLogTests {
    let regional = "/cloudbuild/v1/projects/build-project/locations/us-central1/builds"
    let image = "us-central1-docker.pkg.dev/build-project/images/app"
    let logsBucket = "\(ProjectState.projectNumber(for: "build-project")).cloudbuild-logs.googleusercontent.com"

    func build(source object: String = "src.tgz", logging: String? = nil) -> JSONValue {
        var build: JSONValue = [
            "source": ["storageSource": ["bucket": "build-sources", "object": .string(object)]],
            "steps": [
                ["name": "gcr.io/cloud-builders/docker", "args": ["build", "-t", .string(image + ":v1"), "."]],
                ["name": "gcr.io/cloud-builders/docker", "args": ["push", .string(image + ":v1")]],
            ],
            "images": [.string(image + ":v1")],
            "timeout": "86400s",
        ]
        if let logging { build["options"] = ["logging": .string(logging)] }
        return build
    }

    func arrange(_ client: RawHTTPClient) async throws {
        _ = try await client.post("/storage/storage/v1/b?project=build-project", json: ["name": "build-sources"])
        _ = try await client.send("POST", "/storage/upload/storage/v1/b/build-sources/o?uploadType=media&name=src.tgz", body: [1, 2, 3])
        _ = try await client.post("/artifactregistry/v1/projects/build-project/locations/us-central1/repositories?repositoryId=images",
                                  json: ["format": "DOCKER"])
    }

    /// Starts a build and answers its id.
    func start(_ client: RawHTTPClient, _ body: JSONValue) async throws -> String {
        let operation = try await client.post(regional, json: body)
        return try #require(operation.json["metadata"]?["build"]?["id"]?.stringValue, "\(operation.text)")
    }

    func log(_ client: RawHTTPClient, _ id: String, range: String? = nil) async throws -> RawHTTPClient.Response {
        try await client.get("/storage/storage/v1/b/\(logsBucket)/o/log-\(id).txt?alt=media", headers: range.map { ["Range": $0] } ?? [:])
    }

    /// Builds take two hours here, so that the seconds a loaded machine takes between two
    /// requests move nothing; the test moves the clock an hour at a time.
    @Test func aBuildsLogGrowsWithItsStepsAndEndsWithPushAndDone() async throws {
        try await withClient(ungated { $0.operationSeconds = ["build": 7200] }) { emulator, client in
            try await arrange(client)
            let id = try await start(client, build())
            let running = try await client.get(regional + "/\(id)")
            #expect(running.json["logsBucket"] == .string("gs://\(logsBucket)"))

            let first = try await log(client, id)
            #expect(first.status == 200)
            #expect(first.headers["content-type"]?.hasPrefix("text/plain") == true)
            #expect(first.text.hasPrefix("starting build \"\(id)\"\n\nFETCHSOURCE\nFetching storage object: gs://build-sources/src.tgz#"))
            #expect(first.text.hasSuffix("BUILD\nStarting Step #0\nStep #0: Already have image (with digest): gcr.io/cloud-builders/docker\n"),
                    "only what the build wrote by now:\n\(first.text)")

            emulator.advanceClock(seconds: 3600)
            let second = try await log(client, id, range: "bytes=\(first.body.count)-")
            #expect(second.status == 206)
            #expect(second.text.hasPrefix("Step #0: Sending build context to Docker daemon"), "\(second.text)")
            #expect(second.text.contains("Finished Step #0\nStarting Step #1\n"))
            #expect(!second.text.contains("DONE"))
            let total = first.body.count + second.body.count
            #expect(second.headers["content-range"] == "bytes \(first.body.count)-\(total - 1)/\(total)")

            let nothingNew = try await log(client, id, range: "bytes=\(total)-")
            #expect(nothingNew.status == 416)
            #expect(nothingNew.headers["content-range"] == "bytes */\(total)")

            emulator.advanceClock(seconds: 3600)
            let last = try await log(client, id, range: "bytes=\(total)-")
            #expect(last.status == 206)
            let digest = try #require(try await client.get(regional + "/\(id)").json["results"]?["images"]?[0]?["digest"]?.stringValue)
            #expect(last.text.hasSuffix("Finished Step #1\nPUSH\nPushing \(image):v1\nThe push refers to repository [\(image)]\nv1: digest: \(digest) size: 1576\nDONE\n"),
                    "\(last.text)")
            let whole = try await log(client, id)
            #expect(whole.body == first.body + second.body + last.body, "what was read is what is there")
        }
    }

    @Test func theLogsBucketIsGooglesNotAmongTheProjectsBuckets() async throws {
        try await withClient(ungated()) { _, client in
            try await arrange(client)
            let id = try await start(client, build())
            let object = try await client.get("/storage/storage/v1/b/\(logsBucket)/o/log-\(id).txt")
            #expect(object.json["contentType"] == "text/plain; charset=utf-8")
            #expect(object.json["size"] == .string(String(try await log(client, id).body.count)))
            let buckets = try await client.get("/storage/storage/v1/b?project=build-project")
            #expect(buckets.json["items"]?.arrayValue?.map { $0["name"] } == ["build-sources"])
            let taken = try await client.post("/storage/storage/v1/b?project=build-project", json: ["name": .string(logsBucket)])
            #expect(taken.status == 400, "a name with \"google\" in it is Google's")
        }
    }

    @Test func aFailedBuildsLogEndsWithErrorAndTheReason() async throws {
        try await withClient(ungated()) { emulator, client in
            try await arrange(client)
            emulator.inject(FaultRule(methodID: "cloudbuild.projects.locations.builds.create", action: .failOperation(message: "step failed")))
            let failed = try await log(client, try await start(client, build())).text
            #expect(failed.hasSuffix("Finished Step #1\nERROR\nERROR: build step 1 \"gcr.io/cloud-builders/docker\" failed: step exited with non-zero status: 1\n"),
                    "\(failed)")
            #expect(!failed.contains("PUSH") && !failed.contains("DONE"))

            let noSource = try await log(client, try await start(client, build(source: "missing.tgz"))).text
            #expect(noSource.hasSuffix("FETCHSOURCE\nFetching storage object: gs://build-sources/missing.tgz\nERROR\nERROR: failed to fetch source gs://build-sources/missing.tgz: storage: object doesn't exist\n"),
                    "\(noSource)")
        }
    }

    @Test func aCancelledBuildsLogStopsWhereItWasCancelled() async throws {
        try await withClient(ungated { $0.operationSeconds = ["build": 7200] }) { emulator, client in
            try await arrange(client)
            let id = try await start(client, build())
            emulator.advanceClock(seconds: 4800)
            _ = try await client.post(regional + "/\(id):cancel", json: [:])
            emulator.advanceClock(seconds: 4800)
            let text = try await log(client, id).text
            #expect(text.hasSuffix("Starting Step #1\nStep #1: Already have image (with digest): gcr.io/cloud-builders/docker\n"), "\(text)")
        }
    }

    @Test func aBuildThatLogsToCloudLoggingOnlyHasNoLogObject() async throws {
        try await withClient(ungated()) { _, client in
            try await arrange(client)
            let id = try await start(client, build(logging: "CLOUD_LOGGING_ONLY"))
            #expect(try await log(client, id).status == 404)
        }
    }
}
