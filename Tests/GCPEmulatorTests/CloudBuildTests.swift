import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct CloudBuildTests {
    let builds = "/cloudbuild/v1/projects/build-project/builds"
    func build(source object: String) -> JSONValue {
        [
            "source": ["storageSource": ["bucket": "build-sources", "object": .string(object)]],
            "steps": [["name": "gcr.io/cloud-builders/docker", "args": ["build", "-t", "us-docker.pkg.dev/build-project/images/app", "."]]],
            "images": ["us-docker.pkg.dev/build-project/images/app"],
        ]
    }

    @Test func aBuildWorksUntilItsDurationPassesThenSucceeds() async throws {
        try await withClient(ungated { $0.operationSeconds = ["build": 60] }) { emulator, client in
            _ = try await client.post("/storage/storage/v1/b?project=build-project", json: ["name": "build-sources"])
            _ = try await client.send("POST", "/storage/upload/storage/v1/b/build-sources/o?uploadType=media&name=src.tgz", body: [1, 2, 3])
            let operation = try await client.post(builds, json: build(source: "src.tgz"))
            #expect(operation.json["done"] == false)
            let id = try #require(operation.json["metadata"]?["build"]?["id"]?.stringValue)
            #expect(try await client.get(builds + "/\(id)").json["status"] == "WORKING")
            emulator.advanceClock(seconds: 60)
            let finished = try await client.get(builds + "/\(id)")
            #expect(finished.json["status"] == "SUCCESS")
            #expect(finished.json["results"]?["images"]?.arrayValue?.first?["digest"]?.stringValue?.hasPrefix("sha256:") == true)
            let name = try #require(operation.json["name"]?.stringValue)
            let done = try await client.get("/cloudbuild/v1/" + name)
            #expect(done.json["done"] == true)
            #expect(done.json["metadata"]?["build"]?["status"] == "SUCCESS")
        }
    }

    @Test func aBuildWithMissingSourceFailsAndServiceAccountBuildsNeedLoggingChoice() async throws {
        try await withClient(ungated()) { _, client in
            let operation = try await client.post(builds, json: build(source: "missing.tgz"))
            #expect(operation.json["done"] == true)
            #expect(operation.json["error"] != nil)
            let id = try #require(operation.json["metadata"]?["build"]?["id"]?.stringValue)
            #expect(try await client.get(builds + "/\(id)").json["status"] == "FAILURE")
            var withAccount = build(source: "missing.tgz")
            withAccount["serviceAccount"] = "projects/build-project/serviceAccounts/builder@build-project.iam.gserviceaccount.com"
            let refused = try await client.post(builds, json: withAccount)
            #expect(refused.status == 400)
            #expect(refused.errorMessage.contains("CLOUD_LOGGING_ONLY"))
        }
    }
}
