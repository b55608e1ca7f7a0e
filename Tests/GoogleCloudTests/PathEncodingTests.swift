import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

/// Issue 15, point 13: no name can change a URL's path. Every value in a path is encoded as
/// one segment (google.api.http's `{var}` expansion), dot segments included, and libcurl
/// sends the path as built (`CURLOPT_PATH_AS_IS`).
@Suite struct PathEncodingTests {
    @Test func everyValueIsOneSegment() {
        let id = "../secrets/jwt-secret"
        let path: APIPath = "v1/projects/\("demo-project")/secrets/\(id):access"
        #expect(path.encoded == "v1/projects/demo-project/secrets/..%2Fsecrets%2Fjwt-secret:access")
        #expect(APIPath.segment("..") == "%2E%2E")
        #expect(APIPath.segment(".") == "%2E")
        #expect(APIPath.segment("a.b-c_d~e") == "a.b-c_d~e")
        #expect(APIPath.segment("x?y#z%20 w") == "x%3Fy%23z%2520%20w")
        #expect(APIPath.segment("sa@p.iam.gserviceaccount.com") == "sa%40p.iam.gserviceaccount.com")
        let name: APIPath = "v1/\(name: "projects/p/locations/l/operations/../x%2Fy")"
        #expect(name.encoded == "v1/projects/p/locations/l/operations/%2E%2E/x%252Fy")
    }

    @Test func aSecretIDWithDotSegmentsReachesNoOtherSecret() async throws {
        try await withEmulator { emulator in
            let connection = try await connect(emulator)
            let secrets = SecretManagerAPI(connection.client)
            emulator.setServices(["secretmanager.googleapis.com"], enabled: true, project: "demo-project")
            _ = try await secrets.createSecret(project: "demo-project", id: "jwt-secret", labels: [:])
            emulator.clearRequests()

            try await secrets.deleteSecret(project: "demo-project", id: "../secrets/jwt-secret")
            try await secrets.deleteSecret(project: "demo-project", id: "..")
            #expect(try await secrets.secret(project: "demo-project", id: "jwt-secret") != nil)
            let urls = emulator.requests(methodID: "secretmanager.projects.secrets.delete").map(\.url)
            #expect(urls.contains("/secretmanager/v1/projects/demo-project/secrets/..%2Fsecrets%2Fjwt-secret"), "\(urls)")
            // `..` alone is no route at all once encoded (libcurl would have made it the project).
            #expect(emulator.requests().contains { $0.url == "/secretmanager/v1/projects/demo-project/secrets/%2E%2E" })
        }
    }

    @Test func aServiceNameWithDotSegmentsReachesNoOtherService() async throws {
        try await withEmulator { emulator in
            let connection = try await connect(emulator)
            emulator.setServices(["run.googleapis.com"], enabled: true, project: "demo-project")
            let run = CloudRunAPI(connection.client)
            let hello = ["template": ["containers": [["image": "us-docker.pkg.dev/cloudrun/container/hello"]]]]
            _ = try await connection.client.send(GoogleCall(.post, .run, "v2/projects/demo-project/locations/us-central1/services",
                                                            query: [("serviceId", "api-gateway")], json: hello))

            let deleted = try await run.deleteService(project: "demo-project", region: "us-central1", id: "x/../api-gateway")
            #expect(deleted == nil)
            #expect(try await run.service(project: "demo-project", region: "us-central1", id: "api-gateway") != nil)
        }
    }
}
