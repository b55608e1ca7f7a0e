import Foundation
import GCPEmulator
import Testing
import TestSupport

/// The day-two commands through the binary: sql exec, secret list/set/rotate, logs,
/// revisions, rollback, deploy --image, doctor. Values never reach stdout or stderr.
@Suite struct DayTwoProcessTests {
    static func storedValue(_ emulator: Emulator, _ secret: String) -> String? {
        emulator.mutateState { $0.resources("demo-project", EmulatorCollections.secretVersions, prefix: secret + "/") }
            .last?.value["@data"]?.stringValue.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func sqlExecSecretsAndDoctorThroughTheBinary() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            #expect(try await gcpctl.run(["setup", "--env=dev", "--yes"]).status == 0)

            let query = try await gcpctl.run(["sql", "exec", "--env=dev", "SELECT extname, extversion FROM pg_extension"])
            #expect(query.status == 0, "\(query.all)")
            #expect(query.output.contains("vector   0.8.0"))

            let list = try await gcpctl.run(["secret", "list", "--env=dev"])
            #expect(list.status == 0, "\(list.all)")
            #expect(list.output.contains("database-password"))

            let value = "piped-value-\(UUID().uuidString)"
            let set = try await gcpctl.run(["secret", "set", "jwt-secret", "--env=dev", "--yes", "--verbose"], input: value + "\n")
            #expect(set.status == 0, "\(set.all)")
            #expect(Self.storedValue(emulator, "jwt-secret") == value, "stdin's trailing newline is dropped")
            #expect(!set.all.contains(value))

            let rotate = try await gcpctl.run(["secret", "rotate", "database-password", "--env=dev", "--yes", "--verbose"])
            #expect(rotate.status == 0, "\(rotate.all)")
            let rotated = try #require(Self.storedValue(emulator, "database-password"))
            #expect(!rotate.all.contains(rotated))
            let user = emulator.mutateState { $0.resource("demo-project", EmulatorCollections.sqlUsers, "digitwinlive-db-dev/postgres@") }
            #expect(user?["@password"]?.stringValue == rotated)

            let doctor = try await gcpctl.run(["doctor", "--env=dev"])
            #expect(doctor.status == 0, "\(doctor.all)")
            #expect(doctor.output.contains("✅ the runtime account holds its 4 roles"))
        }
    }

    @Test func logsRevisionsDeployImageAndRollbackThroughTheBinary() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            #expect(try await gcpctl.run(["setup", "--env=dev", "--yes"]).status == 0)
            let repository = "us-central1-docker.pkg.dev/demo-project/digitwinlive"
            for tag in ["v1", "v2"] { _ = emulator.pushImage("\(repository)/api-gateway:\(tag)") }
            let first = try await gcpctl.run(["deploy", "api-gateway", "--env=dev", "--image", "v1", "--verify-timeout", "5"])
            #expect(first.status == 0, "\(first.all)")
            let second = try await gcpctl.run(["deploy", "api-gateway", "--env=dev", "--image", "v2", "--verify-timeout", "5"])
            #expect(second.status == 0, "\(second.all)")
            #expect(emulator.requests().allSatisfy { $0.methodID?.contains("builds.create") != true }, "no build")

            let revisions = try await gcpctl.run(["revisions", "api-gateway", "--env=dev"])
            #expect(revisions.status == 0, "\(revisions.all)")
            #expect(revisions.output.split(separator: "\n").count == 3)

            let logs = try await gcpctl.run(["logs", "api-gateway", "--env=dev", "--since", "1h"])
            #expect(logs.status == 0, "\(logs.all)")
            #expect(logs.output.contains("GET 200 https://api-gateway-"), "the health checks' request log: \(logs.output)")

            let rollback = try await gcpctl.run(["rollback", "--env=dev", "--yes"])
            #expect(rollback.output.contains("api-gateway: traffic 100% latest → 100% api-gateway-"), "\(rollback.all)")
            #expect(rollback.errors.contains("websocket-server is not deployed"), "the others are named")
        }
    }
}
