import Foundation
import GCPEmulator
import Testing
import TestSupport

/// gcloud's `run` commands read Cloud Run through the v1 (Knative) API.
@Suite struct CloudRunV1Tests {
    @Test func v2ServicesAreReadAsKnativeServicesAcrossRegionsAndThroughAProxy() async throws {
        try await withClient(ungated()) { emulator, client in
            emulator.pushImage("us-central1-docker.pkg.dev/v1-project/images/api:1")
            for (region, id) in [("us-central1", "api"), ("europe-west1", "web")] {
                let body: JSONValue = ["template": ["containers": [["image": "us-central1-docker.pkg.dev/v1-project/images/api:1"]]]]
                _ = try await client.post("/run/v2/projects/v1-project/locations/\(region)/services?serviceId=\(id)", json: body)
            }
            let everywhere = try await client.get("/run/v1/projects/v1-project/locations/-/services")
            #expect(everywhere.json["kind"] == "ServiceList")
            #expect(everywhere.json["items"]?.arrayValue?.count == 2)
            let number = ProjectState.projectNumber(for: "v1-project")
            // A regional endpoint reached through a proxy: an absolute-form request target.
            let regional = try await client.get("http://us-central1-127.0.0.1:\(emulator.port)/run/apis/serving.knative.dev/v1/namespaces/v1-project/services")
            let items = try #require(regional.json["items"]?.arrayValue)
            #expect(items.count == 1)
            let api = try #require(items.first)
            #expect(api["metadata"]?["name"] == "api")
            #expect(api["metadata"]?["namespace"] == .string(number))
            #expect(api["metadata"]?["labels"]?["cloud.googleapis.com/location"] == "us-central1")
            // Knative's status.url is the hash-based URL, as v2's `uri`.
            #expect(api["status"]?["url"]?.stringValue?.hasPrefix("https://api-") == true)
            #expect(api["status"]?["url"]?.stringValue?.hasSuffix("-uc.a.run.app") == true)
            #expect(api["status"]?["conditions"]?[0]?["status"] == "True")
            #expect(api["spec"]?["traffic"]?[0]?["latestRevision"] == true)
            let single = try await client.get("/run/apis/serving.knative.dev/v1/namespaces/\(number)/services/web")
            #expect(single.json["metadata"]?["labels"]?["cloud.googleapis.com/location"] == "europe-west1")
            #expect(try await client.get("/run/apis/serving.knative.dev/v1/namespaces/v1-project/services/none").status == 404)
            let write = try await client.post("/run/v1/projects/v1-project/locations/us-central1/services", json: ["apiVersion": "serving.knative.dev/v1"])
            #expect(write.status == 501)
            #expect(try await client.get("/run/v2/projects/v1-project/locations/-/services").status == 400)
        }
    }
}
