import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct RobustnessTests {
    /// Malformed requests of every kind get a Google-shaped error, and the emulator keeps serving.
    @Test func malformedRequestsGetGoogleShapedErrorsNotCrashes() async throws {
        try await withClient(ungated()) { _, client in
            let bodies: [String] = [
                "[", "{\"a\":", "{\"name\":\"x\",\"settings\":{\"tier\":\"db-f1-micro\"}}}", "\"just a string\"", "[1,2]",
                "{\"name\":1e400}", "{\"name\":\"\\ud800\"}", String(repeating: "[", count: 10_000), "{\"\u{0}\":1}",
            ]
            for body in bodies {
                let response = try await client.send("POST", "/sqladmin/v1/projects/robust-project/instances", body: Array(body.utf8))
                #expect(response.status == 400, "\(body.prefix(40))")
                #expect(response.json["error"]?["code"] == 400)
            }
            let paths = [
                "/sqladmin/v1/projects/%ZZ/instances", "/storage/storage/v1/b/%/o", "/iam/v1/projects//serviceAccounts",
                "/secretmanager/v1/projects/p/secrets/s/versions/latest:access:access", "/%2e%2e/%2e%2e/etc/passwd",
                "/storage/storage/v1/b?project=robust-project&maxResults=99999999999999999999", "/serviceusage/v1/projects/p/services?pageToken=garbage",
            ]
            for path in paths {
                let response = try await client.get(path)
                #expect((400..<600).contains(response.status), "\(path)")
                #expect(response.json["error"] != nil, "\(path)")
            }
            #expect(try await client.get("/_emulator/health").status == 200)
        }
    }
}
