import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// `gcpctl logs`: a service's entries from Cloud Logging (`entries.list`), newest last,
/// `--follow`, `--build`, and `--format json`.
@Suite struct LogsTests {
    static let revision = "api-gateway-00001-abc"

    /// An entry as Cloud Run writes an application's stdout line.
    static func entry(_ payload: GCPEmulator.JSONValue, at time: String, severity: String = "INFO",
                      service: String = "api-gateway", revision: String = revision) -> GCPEmulator.JSONValue {
        var entry: GCPEmulator.JSONValue = [
            "logName": "projects/demo-project/logs/run.googleapis.com%2Fstdout",
            "resource": ["type": "cloud_run_revision", "labels": [
                "service_name": .string(service), "revision_name": .string(revision), "location": "us-central1",
                "configuration_name": .string(service), "project_id": "demo-project",
            ]],
            "severity": .string(severity), "timestamp": .string(time),
        ]
        if case .string = payload { entry["textPayload"] = payload } else { entry["jsonPayload"] = payload }
        return entry
    }

    static var recent: String { LogQuery.timestamp(Date().addingTimeInterval(-60)) }
    static var older: String { LogQuery.timestamp(Date().addingTimeInterval(-120)) }

    func logs(_ project: EmulatedProject, _ workflow: LogsWorkflow, format: OutputFormat = .text) async -> EmulatedProject.Run {
        await project.dayTwo("logs", format: format) { context, connector in try await workflow.run(context, connector: connector) }
    }

    @Test func entriesAreShownNewestLastWithRevisionSeverityAndMessage() async throws {
        try await withEmulatedProject { project in
            let older = Self.older
            project.emulator.appendLogEntry(project: EmulatedProject.project, Self.entry("listening on 8080", at: older))
            project.emulator.appendLogEntry(project: EmulatedProject.project, Self.entry(
                ["message": "payment failed", "orderId": 42, "retry": false], at: Self.recent, severity: "ERROR"))
            project.emulator.appendLogEntry(project: EmulatedProject.project, Self.entry("other service", at: Self.recent, service: "websocket-server"))

            let run = await logs(project, LogsWorkflow(source: .service("api-gateway")))
            #expect(run.status == .success, "\(run.diagnostics)")
            let lines = run.output.split(separator: "\n").map(String.init)
            #expect(lines.count == 2, "\(run.output)")
            #expect(lines[0].hasPrefix(older) && lines[0].contains("INFO") && lines[0].hasSuffix("\(Self.revision)  listening on 8080"))
            #expect(lines[1].contains("ERROR") && lines[1].hasSuffix("payment failed {\"orderId\":42,\"retry\":false}"), "\(lines[1])")

            let request = try #require(project.emulator.requests(methodID: "logging.entries.list").first)
            let filter = request.body?["filter"]?.stringValue ?? ""
            #expect(filter.hasPrefix("resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"api-gateway\" AND resource.labels.location=\"us-central1\" AND timestamp>="))
            #expect(request.body?["orderBy"] == "timestamp desc")

            let errors = await logs(project, LogsWorkflow(source: .service("api-gateway"), severity: "ERROR"))
            #expect(errors.output.split(separator: "\n").count == 1)
            let limited = await logs(project, LogsWorkflow(source: .service("api-gateway"), limit: 1))
            #expect(limited.output.contains("payment failed") && !limited.output.contains("listening"), "the newest one")
        }
    }

    @Test func followPrintsEachNewEntryOnce() async throws {
        try await withEmulatedProject { project in
            project.emulator.appendLogEntry(project: EmulatedProject.project, Self.entry("first", at: Self.older))
            let emulator = project.emulator
            let polls = Locked(0)
            let workflow = LogsWorkflow(source: .service("api-gateway"), follow: true, pause: {
                let poll = polls.withLock { count in count += 1; return count }
                if poll == 1 {
                    emulator.appendLogEntry(project: EmulatedProject.project, Self.entry("second", at: Self.recent))
                }
            }, maxPolls: 3)
            let run = await logs(project, workflow)
            #expect(run.status == .success, "\(run.diagnostics)")
            let messages = run.output.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" }
            #expect(messages == ["first", "second"], "\(run.output)")
            #expect(project.emulator.requests(methodID: "logging.entries.list").count == 4, "the first read and three polls")
        }
    }

    @Test func jsonGivesTheEntriesAsLoggingAnswersThem() async throws {
        try await withEmulatedProject { project in
            project.emulator.appendLogEntry(project: EmulatedProject.project, Self.entry(["message": "hello"], at: Self.recent))
            let run = await logs(project, LogsWorkflow(source: .service("api-gateway")), format: .json)
            #expect(run.status == .success)
            struct Document: Decodable {
                var filter: String
                var entries: [Entry]
                struct Entry: Decodable { var jsonPayload: [String: String]?; var insertId: String; var resource: Resource }
                struct Resource: Decodable { var type: String }
            }
            let document = try JSONDecoder().decode(Document.self, from: Data(run.output.utf8))
            #expect(document.entries.count == 1)
            #expect(document.entries.first?.jsonPayload?["message"] == "hello")
            #expect(document.entries.first?.resource.type == "cloud_run_revision")
        }
    }

    @Test func aBuildsLogLinesAreShownByItsID() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck)).status == .success)
            let build = try #require(project.builds.first?["id"]?.stringValue)
            let run = await logs(project, LogsWorkflow(source: .build(build), limit: 1000))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.output.contains("build \(build.prefix(8))  starting build \"\(build)\""), "\(run.output)")
            #expect(run.output.split(separator: "\n").last?.hasSuffix("DONE") == true, "\(run.output.suffix(300))")

            // The deploy's health check reached the service's URL: Cloud Run's request log says so.
            let requests = await logs(project, LogsWorkflow(source: .service("api-gateway")))
            #expect(requests.output.contains("GET 200 https://api-gateway-"), "\(requests.output)")
            #expect(requests.output.contains("/health (0.001s)"))
        }
    }

    @Test func anUnknownServiceIsNamedWithTheServicesThereAre() async throws {
        try await withEmulatedProject { project in
            let run = await logs(project, LogsWorkflow(source: .service("api-gatewy")))
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("Did you mean 'api-gateway'?"))
        }
    }
}
