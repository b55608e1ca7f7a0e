import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct CloudBuildTests {
    let builds = "/cloudbuild/v1/projects/build-project/builds"
    let regional = "/cloudbuild/v1/projects/build-project/locations/us-central1/builds"
    let repository = "/artifactregistry/v1/projects/build-project/locations/us-central1/repositories/images"
    let image = "us-central1-docker.pkg.dev/build-project/images/app"

    func build(source object: String, images: [String]? = nil) -> JSONValue {
        let images = images ?? [image + ":v1", image + ":latest"]
        return [
            "source": ["storageSource": ["bucket": "build-sources", "object": .string(object)]],
            "steps": [
                ["name": "gcr.io/cloud-builders/docker", "args": ["build", "-t", .string(images[0]), "."]],
                ["name": "gcr.io/cloud-builders/docker", "args": ["push", .string(images[0])]],
            ],
            "images": .array(images.map(JSONValue.string)),
        ]
    }

    /// A bucket with `src.tgz` in it and (unless told otherwise) the Docker repository.
    func arrange(_ client: RawHTTPClient, repository: Bool = true) async throws {
        _ = try await client.post("/storage/storage/v1/b?project=build-project", json: ["name": "build-sources"])
        _ = try await client.send("POST", "/storage/upload/storage/v1/b/build-sources/o?uploadType=media&name=src.tgz", body: [1, 2, 3])
        if repository {
            let created = try await client.post(
                "/artifactregistry/v1/projects/build-project/locations/us-central1/repositories?repositoryId=images", json: ["format": "DOCKER"])
            #expect(created.status == 200)
        }
    }

    @Test func aBuildIsQueuedThenWorksStepByStepThenSucceedsAndPushesItsImages() async throws {
        try await withClient(ungated { $0.operationSeconds = ["build": 60] }) { emulator, client in
            try await arrange(client)
            let operation = try await client.post(regional, json: build(source: "src.tgz"))
            #expect(operation.json["done"] == false)
            #expect(operation.json["metadata"]?["@type"] == "type.googleapis.com/google.devtools.cloudbuild.v1.BuildOperationMetadata")
            #expect(operation.json["metadata"]?["build"]?["status"] == "QUEUED")
            let id = try #require(operation.json["metadata"]?["build"]?["id"]?.stringValue)
            let working = try await client.get(regional + "/\(id)")
            #expect(working.json["status"] == "WORKING")
            #expect(working.json["steps"]?.arrayValue?.map { $0["status"] } == ["WORKING", "QUEUED"])
            #expect(working.json["logUrl"]?.stringValue?.contains(id) == true)
            emulator.advanceClock(seconds: 30)
            #expect(try await client.get(regional + "/\(id)").json["steps"]?.arrayValue?.map { $0["status"] } == ["SUCCESS", "WORKING"])
            emulator.advanceClock(seconds: 30)
            let finished = try await client.get(regional + "/\(id)")
            #expect(finished.json["status"] == "SUCCESS")
            #expect(finished.json["steps"]?.arrayValue?.map { $0["status"] } == ["SUCCESS", "SUCCESS"])
            let results = try #require(finished.json["results"]?["images"]?.arrayValue)
            #expect(results.map { $0["name"] } == [.string(image + ":v1"), .string(image + ":latest")])
            let digest = try #require(results.first?["digest"]?.stringValue)
            #expect(digest.hasPrefix("sha256:") && digest.count == 71)
            #expect(results.allSatisfy { $0["digest"] == .string(digest) })
            let name = try #require(operation.json["name"]?.stringValue)
            let done = try await client.get("/cloudbuild/v1/" + name)
            #expect(done.json["done"] == true)
            #expect(done.json["response"]?["status"] == "SUCCESS")

            let images = try await client.get(repository + "/dockerImages")
            let pushed = try #require(images.json["dockerImages"]?.arrayValue)
            #expect(pushed.count == 1)
            #expect(pushed.first?["tags"] == ["latest", "v1"])
            #expect(pushed.first?["uri"] == .string("\(image)@\(digest)"))
            #expect(pushed.first?["imageSizeBytes"]?.stringValue != nil)
            let single = try await client.get(repository + "/dockerImages/app@\(digest)")
            #expect(single.json["name"] == .string("projects/build-project/locations/us-central1/repositories/images/dockerImages/app@\(digest)"))
        }
    }

    @Test func aSecondBuildMovesTheTagsItPushes() async throws {
        try await withClient(ungated()) { _, client in
            try await arrange(client)
            _ = try await client.post(builds, json: build(source: "src.tgz"))
            _ = try await client.post(builds, json: build(source: "src.tgz", images: [image + ":v2", image + ":latest"]))
            let images = try #require(try await client.get(repository + "/dockerImages").json["dockerImages"]?.arrayValue)
            #expect(Set(images.compactMap { $0["tags"] }) == [["v1"], ["latest", "v2"]])
            let packages = try await client.get(repository + "/packages")
            #expect(packages.json["packages"]?.arrayValue?.map { $0["name"] } == ["projects/build-project/locations/us-central1/repositories/images/packages/app"])
            let tags = try await client.get(repository + "/packages/app/tags")
            #expect(tags.json["tags"]?.arrayValue?.count == 3)
            let latest = try await client.get(repository + "/packages/app/tags/latest")
            let version = try #require(latest.json["version"]?.stringValue)
            let versions = try await client.get(repository + "/packages/app/versions?view=FULL")
            let full = try #require(versions.json["versions"]?.arrayValue?.first { $0["name"] == .string(version) })
            #expect(full["relatedTags"]?.arrayValue?.count == 2)
            #expect(try await client.get(repository + "/packages/nothing").status == 404)
            #expect(try await client.get(repository + "/packages?filter=bad%20filter%20syntax%3F").status == 400)
        }
    }

    @Test func aRepositoryWeighsItsImagesAndTakesThemWhenDeleted() async throws {
        try await withClient(ungated()) { emulator, client in
            try await arrange(client)
            _ = try await client.post(builds, json: build(source: "src.tgz"))
            _ = try await client.post(builds, json: build(source: "src.tgz", images: [image + ":v2", image + ":latest"]))
            let images = try #require(try await client.get(repository + "/dockerImages").json["dockerImages"]?.arrayValue)
            let total = images.compactMap { $0["imageSizeBytes"]?.stringValue.flatMap { Int64($0) } }.reduce(0, +)
            #expect(images.count == 2 && total > 0)
            #expect(try await client.get(repository).json["sizeBytes"] == .string(String(total)))
            let listed = try await client.get("/artifactregistry/v1/projects/build-project/locations/us-central1/repositories")
            #expect(listed.json["repositories"]?.arrayValue?.first?["sizeBytes"] == .string(String(total)))

            _ = try await client.send("DELETE", repository)
            emulator.advanceClock(seconds: 5)
            #expect(try await client.get(repository).status == 404)
            #expect(emulator.state(project: "build-project")?["resources"]?[EmulatorCollections.dockerImages]?.objectValue?.isEmpty ?? true)
        }
    }

    @Test func aBuildFailsWhenItsSourceOrItsRepositoryIsMissing() async throws {
        try await withClient(ungated()) { emulator, client in
            try await arrange(client, repository: false)
            let noSource = try await client.post(builds, json: build(source: "missing.tgz"))
            #expect(noSource.json["done"] == true)
            #expect(noSource.json["error"]?["message"]?.stringValue?.contains("missing.tgz") == true)
            let failed = noSource.json["metadata"]?["build"]
            #expect(failed?["status"] == "FAILURE")
            #expect(failed?["failureInfo"]?["type"] == "FETCH_SOURCE_FAILED")

            let noRepository = try await client.post(builds, json: build(source: "src.tgz"))
            let id = try #require(noRepository.json["metadata"]?["build"]?["id"]?.stringValue)
            let pushFailed = try await client.get(builds + "/\(id)")
            #expect(pushFailed.json["status"] == "FAILURE")
            #expect(pushFailed.json["failureInfo"]?["type"] == "PUSH_FAILED")
            #expect(pushFailed.json["statusDetail"]?.stringValue?.contains("projects/build-project/locations/us-central1/repositories/images") == true)
            #expect(pushFailed.json["steps"]?.arrayValue?.allSatisfy { $0["status"] == "SUCCESS" } == true)
            #expect(emulator.state(project: "build-project")?["resources"]?[EmulatorCollections.dockerImages] == nil)
        }
    }

    @Test func aFaultFailsTheLastStepAndCancelStopsARunningBuild() async throws {
        try await withClient(ungated { $0.operationSeconds = ["build": 60] }) { emulator, client in
            try await arrange(client)
            emulator.inject(FaultRule(methodID: "cloudbuild.projects.builds.create", action: .failOperation(message: "step failed")))
            let faulted = try await client.post(builds, json: build(source: "src.tgz"))
            let failedID = try #require(faulted.json["metadata"]?["build"]?["id"]?.stringValue)
            let running = try await client.post(builds, json: build(source: "src.tgz"))
            let runningID = try #require(running.json["metadata"]?["build"]?["id"]?.stringValue)
            emulator.advanceClock(seconds: 20)
            let cancelled = try await client.post(builds + "/\(runningID):cancel", json: [:])
            #expect(cancelled.json["status"] == "CANCELLED")
            #expect(cancelled.json["steps"]?.arrayValue?.map { $0["status"] } == ["CANCELLED", "QUEUED"])
            let operation = try await client.get("/cloudbuild/v1/" + (running.json["name"]?.stringValue ?? ""))
            #expect(operation.json["done"] == true)
            #expect(operation.json["error"]?["code"] == 1)
            let again = try await client.post(builds + "/\(runningID):cancel", json: [:])
            #expect(again.status == 400)
            #expect(again.errorStatus == "FAILED_PRECONDITION")

            emulator.advanceClock(seconds: 40)
            let failed = try await client.get(builds + "/\(failedID)")
            #expect(failed.json["status"] == "FAILURE")
            #expect(failed.json["failureInfo"]?["type"] == "USER_BUILD_STEP")
            #expect(failed.json["steps"]?.arrayValue?.map { $0["status"] } == ["SUCCESS", "FAILURE"])
            #expect(try await client.get(repository + "/dockerImages").json["dockerImages"] == nil)
        }
    }

    @Test func buildsAreListedNewestFirstInPagesPerRegion() async throws {
        try await withClient(ungated { $0.maxPageSize = 2 }) { emulator, client in
            try await arrange(client)
            var ids: [String] = []
            for _ in 0..<3 {
                let operation = try await client.post(regional, json: build(source: "src.tgz"))
                ids.append(operation.json["metadata"]?["build"]?["id"]?.stringValue ?? "")
                emulator.advanceClock(seconds: 1)
            }
            _ = try await client.post(builds, json: build(source: "src.tgz"))
            let first = try await client.get(regional)
            #expect(first.json["builds"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids[2], ids[1]])
            let token = try #require(first.json["nextPageToken"]?.stringValue)
            let second = try await client.get(regional + "?pageToken=\(token)")
            #expect(second.json["builds"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids[0]])
            #expect(try await client.get(builds).json["builds"]?.arrayValue?.count == 1)
            #expect(try await client.get(regional + "?filter=status%3D%22SUCCESS%22").json["builds"]?.arrayValue?.count == 2)
        }
    }

    @Test func malformedBuildsAreRefusedAsGoogleDoes() async throws {
        try await withClient(ungated()) { _, client in
            #expect(try await client.post(builds, json: ["steps": []]).status == 400)
            let nameless = try await client.post(builds, json: ["steps": [["args": ["x"]]]])
            #expect(nameless.status == 400)
            #expect(nameless.errorMessage.contains("step 0"))
            var withAccount = build(source: "missing.tgz")
            withAccount["serviceAccount"] = "projects/build-project/serviceAccounts/builder@build-project.iam.gserviceaccount.com"
            let refused = try await client.post(builds, json: withAccount)
            #expect(refused.status == 400)
            #expect(refused.errorMessage.contains("CLOUD_LOGGING_ONLY"))
            var badTimeout = build(source: "src.tgz")
            badTimeout["timeout"] = "ten minutes"
            #expect(try await client.post(builds, json: badTimeout).status == 400)
            #expect(try await client.get(builds + "/no-such-build").status == 404)
        }
    }
}
