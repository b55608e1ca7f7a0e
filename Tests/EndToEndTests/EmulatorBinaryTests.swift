import Foundation
import class Processes.ChildProcess
import GCPEmulator
import Testing
import TestSupport

/// The `gcp-emulator` executable as scripts and `make demo` start it: flags, the first
/// stdout line naming its address, requests served there, a clean stop on SIGTERM.
@Suite struct EmulatorBinaryTests {
    @Test func startsOnAFreePortSaysWhereServesGcpctlAndStopsOnSIGTERM() async throws {
        let directory = try ProcessWorkflowTests.workspace()
        defer { directory.remove() }
        let log = directory.path + "/requests.jsonl"
        let emulator = try await EmulatorBinaryProcess.start([
            "--project", "emu-project", "--operation-seconds", "sql=30,run=2", "--fault-rate", "0", "--seed", "1",
            "--request-log", log,
        ])
        defer { emulator.killIfRunning() }
        #expect(emulator.port > 0)

        // gcpctl, pointed at it, reads project emu-project.
        let gcpctl = GCPCtlProcess(emulator: nil, directory: URL(fileURLWithPath: directory.path), extra: [
            "GCPCTL_API_ENDPOINT": "http://127.0.0.1:\(emulator.port)", "GCE_METADATA_HOST": "127.0.0.1:\(emulator.port)",
            "GCPCTL_ACCESS_TOKEN": "binary-token",
        ])
        let plan = try await gcpctl.run(["plan", "--env=dev", "--project", "emu-project"])
        #expect(plan.status == 0, "\(plan.all)")
        #expect(plan.output.contains("+ create Cloud SQL instance digitwinlive-db-dev"), "\(plan.all)")

        #expect(await emulator.stop())

        let entries = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
            .compactMap { try? JSONValue.parse(Array($0.utf8)) }
        #expect(!entries.isEmpty, "the request log is empty")
        let apiCalls = entries.filter { $0["url"]?.stringValue?.contains("/projects/emu-project") == true }
        #expect(!apiCalls.isEmpty && apiCalls.allSatisfy { $0["bearer"]?.boolValue == true }, "\(entries.count) entries")
        #expect(entries.allSatisfy { $0["mutating"]?.boolValue == false }, "plan sent a mutating request")
        #expect(!(try String(contentsOfFile: log, encoding: .utf8)).contains("binary-token"))
    }

    @Test func anUnhealthyServiceFailsItsHealthCheckUntilTheControlRouteHealsIt() async throws {
        let emulator = try await EmulatorBinaryProcess.start([
            "--no-api-gating", "--operation-seconds", "run=0", "--unhealthy-service", "api",
        ])
        defer { emulator.killIfRunning() }
        let api = try await Self.deploy("api", with: emulator.client)
        let web = try await Self.deploy("web", with: emulator.client)
        // The services are private: an invoker's identity token reaches them (any of a
        // service's URLs is an audience the emulator takes, as Cloud Run does).
        let number = ProjectState.projectNumber(for: "health-project")
        let client = try await emulator.client.invoker(in: "health-project", audience: "https://api-\(number).us-central1.run.app")
        let webClient = try await emulator.client.invoker(in: "health-project", audience: "https://web-\(number).us-central1.run.app", account: "web-invoker")

        let failing = try await client.get(api + "/health")
        #expect(failing.status == 503)
        #expect(failing.json["status"] == "unhealthy")
        #expect(failing.json["service"] == "api")
        #expect(try await webClient.get(web + "/health").status == 200)

        let healed = try await emulator.client.post("/_emulator/run-health", json: ["service": "api", "status": 200])
        #expect(healed.status == 200, "\(healed.text)")
        let health = try await client.get(api + "/health")
        #expect(health.status == 200)
        #expect(health.json["status"] == "ok")
        #expect(await emulator.stop())
    }

    /// Deploys a Cloud Run service of Google's sample image (taken as existing) and
    /// answers the emulator's route for its `uri`: `/run.app/HOST`.
    static func deploy(_ service: String, with client: RawHTTPClient) async throws -> String {
        let services = "/run/v2/projects/health-project/locations/us-central1/services"
        let body: JSONValue = ["template": ["containers": [["image": "us-docker.pkg.dev/cloudrun/container/hello"]]]]
        let created = try await client.post(services + "?serviceId=\(service)", json: body)
        try #require(created.status == 200, "\(created.text)")
        // `--operation-seconds run=0`: the deploy is done by the time it is read.
        let read = try await client.get(services + "/" + service)
        let uri = try #require(read.json["uri"]?.stringValue, "no uri in \(read.text)")
        try #require(uri.hasPrefix("https://"), "\(uri)")
        return "/run.app/" + uri.dropFirst("https://".count)
    }

    @Test(arguments: [
        (["--fault-rate", "2"], "--fault-rate must be between 0 and 1."),
        (["--operation-seconds", "sql"], "--operation-seconds takes KIND=SECONDS pairs"),
        (["--unhealthy-service", ""], "--unhealthy-service needs a service name."),
        (["--no-such-flag"], "Unknown option '--no-such-flag'"),
    ])
    func aBadFlagIsRefusedWithAClearMessage(arguments: [String], message: String) async throws {
        let run = try await ChildProcess.run(EmulatorBinaryProcess.binary.path, ["--port", "0"] + arguments)
        let errors = String(decoding: run.errors, as: UTF8.self)
        let output = String(decoding: run.output, as: UTF8.self)
        #expect(run.termination.status != 0)
        #expect(errors.contains(message), "\(errors)")
        #expect(!output.contains("listening on"))
    }
}
