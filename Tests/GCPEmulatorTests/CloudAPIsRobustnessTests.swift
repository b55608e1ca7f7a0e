import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct CloudAPIsRobustnessTests {
    /// Odd but well-typed requests to the build, run, registry, monitoring, Kubernetes and
    /// billing APIs get a Google-shaped 4xx, and the emulator keeps serving.
    @Test func oddRequestsGetGoogleShapedClientErrors() async throws {
        try await withClient(ungated()) { _, client in
            let run = "/run/v2/projects/odd-project/locations/us-central1/services"
            let requests: [(String, String, JSONValue?)] = [
                ("POST", "/cloudbuild/v1/projects/odd-project/builds", [:]),
                ("POST", "/cloudbuild/v1/projects/odd-project/builds", ["steps": [["name": "x"]], "source": ["storageSource": [:]]]),
                ("POST", "/cloudbuild/v1/projects/odd-project/builds/none:cancel", [:]),
                ("GET", "/cloudbuild/v1/projects/odd-project/locations/us-central1/builds?pageToken=garbage", nil),
                ("POST", run + "?serviceId=odd", [:]),
                ("POST", run + "?serviceId=odd", ["template": [:]]),
                ("POST", run + "?serviceId=odd", ["template": ["containers": [["image": "x"]]], "traffic": [[:]]]),
                ("POST", run + "?serviceId=odd", ["template": ["containers": [["image": "x", "env": [[:]]]]]]),
                ("POST", run + "?serviceId=odd", ["template": ["containers": [["image": "x"]], "timeout": "forever"]]),
                ("POST", run, ["template": ["containers": [["image": "x"]]]]),
                ("PATCH", run + "/none", ["template": ["containers": [["image": "x"]]]]),
                ("DELETE", run + "/none/revisions/none-00001-abc", nil),
                ("GET", run + "/none:getIamPolicy", nil),
                ("POST", "/run/v2/projects/odd-project/locations/us-central1/operations/none:wait", [:]),
                ("GET", "/artifactregistry/v1/projects/odd-project/locations/us/repositories/none/dockerImages", nil),
                ("GET", "/artifactregistry/v1/projects/odd-project/locations/us/repositories/none/dockerImages/%40%40", nil),
                ("POST", "/monitoring/v3/projects/odd-project/alertPolicies", [:]),
                ("PATCH", "/monitoring/v3/projects/odd-project/alertPolicies/1?updateMask=name", [:]),
                ("GET", "/monitoring/v3/projects/odd-project/alertPolicies?filter=%3D%3D%3D", nil),
                ("POST", "/container/v1/projects/odd-project/locations/-/clusters", ["cluster": ["name": "x"]]),
                ("POST", "/container/v1/projects/odd-project/locations/us-central1/clusters", [:]),
                ("DELETE", "/container/v1/projects/odd-project/locations/us-central1/clusters/none", nil),
                ("GET", "/cloudbilling/v1/services?pageToken=garbage", nil),
                ("GET", "/cloudbilling/v1/services/none/skus", nil),
            ]
            for (method, path, body) in requests {
                let response = try await client.send(method, path, body: body.map { $0.serializedBytes } ?? [])
                #expect((400..<500).contains(response.status), "\(method) \(path) answered \(response.status)")
                #expect(response.json["error"]?["status"] != nil, "\(method) \(path)")
            }
            for path in ["/run.app/", "/run.app//health", "/run.app/%%%/x"] {
                #expect(try await client.get(path).status == 404, "\(path)")
            }
            #expect(try await client.get("/_emulator/health").status == 200)
        }
    }
}
