import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct RequestLogTests {
    @Test func logLinesCarryMethodIDAndMutatingFlag() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var configuration = EmulatorConfiguration()
        configuration.requestLogPath = directory.path + "/requests.jsonl"
        try await withClient(configuration) { emulator, client in
            _ = try await client.get("/serviceusage/v1/projects/my-project/services?filter=state:ENABLED")
            _ = try await client.post("/serviceusage/v1/projects/my-project/services/iam.googleapis.com:enable")
            let entries = emulator.requests()
            #expect(entries.map(\.methodID) == ["serviceusage.services.list", "serviceusage.services.enable"])
            #expect(entries.map(\.mutating) == [false, true])
            #expect(entries.map(\.api) == ["serviceusage", "serviceusage"])
            #expect(entries[0].url == "/serviceusage/v1/projects/my-project/services?filter=state:ENABLED")
            let control = try await client.get("/_emulator/requests")
            #expect(control.json.arrayValue?.count == 2)
            emulator.clearRequests()
            #expect(emulator.requests().isEmpty)
        }
        let lines = try String(contentsOfFile: directory.path + "/requests.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(try JSONValue.parse(String(lines[1]))["methodId"] == "serviceusage.services.enable")
    }

    @Test func readOnlyPostsAreNotMutating() async throws {
        try await withClient(ungated()) { emulator, client in
            _ = try await client.post("/cloudresourcemanager/v1/projects/my-project:getIamPolicy", json: [:])
            #expect(emulator.requests().last?.mutating == false)
        }
    }
}

@Suite struct StateTests {
    @Test func stateFileSurvivesARestart() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var configuration = EmulatorConfiguration()
        configuration.statePath = directory.path + "/state.json"
        try await withClient(configuration) { _, client in
            let operation = try await client.post("/serviceusage/v1/projects/keep-project/services/sqladmin.googleapis.com:enable")
            #expect(operation.json["done"] == true)
        }
        try await withClient(configuration) { emulator, client in
            let service = try await client.get("/serviceusage/v1/projects/keep-project/services/sqladmin.googleapis.com")
            #expect(service.json["state"] == "ENABLED")
            #expect(emulator.state(project: "keep-project")?["projectNumber"] == .string(ProjectState.projectNumber(for: "keep-project")))
        }
    }

    @Test func unknownProjectsAreRefusedWhenProjectsAreGiven() async throws {
        var configuration = EmulatorConfiguration()
        configuration.projects = ["known-project"]
        try await withClient(configuration) { _, client in
            #expect(try await client.get("/serviceusage/v1/projects/known-project/services").status == 200)
            let unknown = try await client.get("/serviceusage/v1/projects/other-project/services")
            #expect(unknown.status == 403)
            #expect(unknown.errorMessage.contains("or it may not exist"))
        }
    }

    @Test func disabledAPIsAnswerServiceDisabledUntilEnabled() async throws {
        var configuration = EmulatorConfiguration()
        configuration.operationSeconds = ["serviceusage": 10]
        try await withClient(configuration) { emulator, client in
            let instances = "/sqladmin/v1/projects/gated-project/instances"
            let refused = try await client.get(instances)
            #expect(refused.status == 403)
            let info = refused.json["error"]?["details"]?.arrayValue?.first { $0["@type"] == "type.googleapis.com/google.rpc.ErrorInfo" }
            #expect(info?["reason"] == "SERVICE_DISABLED")
            #expect(info?["metadata"]?["service"] == "sqladmin.googleapis.com")
            let number = ProjectState.projectNumber(for: "gated-project")
            #expect(info?["metadata"]?["consumer"] == .string("projects/\(number)"))
            #expect(refused.errorMessage.hasPrefix("Cloud SQL Admin API has not been used in project \(number)"))

            let operation = try await client.post("/serviceusage/v1/projects/gated-project/services/sqladmin.googleapis.com:enable")
            #expect(operation.json["done"] == false)
            #expect(try await client.get(instances).status == 403)
            emulator.advanceClock(seconds: 10)
            let name = try #require(operation.json["name"]?.stringValue)
            let finished = try await client.get("/serviceusage/v1/" + name)
            #expect(finished.json["done"] == true)
            #expect(finished.json["response"]?["service"]?["state"] == "ENABLED")
            #expect(try await client.get(instances).status != 403)
        }
    }
}

@Suite struct ArrangeTests {
    @Test func testsCanChangeTheCloudBehindTheClientsBack() async throws {
        try await withClient(ungated()) { emulator, client in
            _ = try await client.post("/storage/storage/v1/b?project=arrange-project", json: ["name": "drifting", "labels": ["env": "dev"]])
            #expect(emulator.setBucketLabel("drifting", key: "env", value: "prod"))
            #expect(try await client.get("/storage/storage/v1/b/drifting").json["labels"] == ["env": "prod"])
            #expect(emulator.deleteBucket("drifting"))
            #expect(try await client.get("/storage/storage/v1/b/drifting").status == 404)
            emulator.setServices(["sqladmin.googleapis.com"], enabled: true, project: "arrange-project")
            #expect(emulator.state(project: "arrange-project")?["enabledServices"]?.arrayValue?.contains("sqladmin.googleapis.com") == true)
        }
    }
}
