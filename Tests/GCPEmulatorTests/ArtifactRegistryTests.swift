import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct ArtifactRegistryTests {
    let repositories = "/artifactregistry/v1/projects/ar-project/locations/us-central1/repositories"

    @Test func repositoriesAppearWhenTheirCreateOperationIsDone() async throws {
        try await withClient(ungated { $0.operationSeconds = ["artifactregistry": 3600] }) { emulator, client in
            let operation = try await client.post(repositories + "?repositoryId=images", json: ["format": "DOCKER", "labels": ["team": "web"]])
            #expect(operation.json["done"] == false)
            #expect(try await client.get(repositories + "/images").status == 404)
            emulator.advanceClock(seconds: 3600)
            let name = try #require(operation.json["name"]?.stringValue)
            let done = try await client.get("/artifactregistry/v1/" + name)
            #expect(done.json["done"] == true)
            #expect(done.json["response"]?["name"] == "projects/ar-project/locations/us-central1/repositories/images")
            let listed = try await client.get(repositories)
            #expect(listed.json["repositories"]?.arrayValue?.first?["format"] == "DOCKER")
            let duplicate = try await client.post(repositories + "?repositoryId=images", json: ["format": "DOCKER"])
            #expect(duplicate.status == 409)
            let patched = try await client.send("PATCH", repositories + "/images?updateMask=labels", json: ["labels": ["team": "api"]])
            #expect(patched.json["labels"] == ["team": "api"])
            _ = try await client.send("DELETE", repositories + "/images")
            emulator.advanceClock(seconds: 3600)
            #expect(try await client.get(repositories + "/images").status == 404)
        }
    }
}
