import Foundation
import GCPEmulator
import Testing
@testable import GCPCtlKit

/// `gcpctl urls` and `gcpctl delete-service` against the emulator.
@Suite struct URLsAndDeleteTests {
    func urls(_ project: EmulatedProject, format: OutputFormat = .text) async -> EmulatedProject.Run {
        await project.run("urls", settings: GlobalSettings(environment: "dev", format: format)) { context, connector in
            try await URLsWorkflow().run(context, connector: connector)
        }
    }

    func deleteService(_ project: EmulatedProject, _ workflow: DeleteServiceWorkflow, yes: Bool = true) async -> EmulatedProject.Run {
        await project.run("delete-service", settings: GlobalSettings(environment: "dev", assumeYes: yes)) { context, connector in
            try await workflow.run(context, connector: connector)
        }
    }

    @Test func urlsPrintsEachDeployedServiceOnALineAndJSON() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy(DeployOptions(services: ["api-gateway", "face-processing-service"], healthCheck: quickHealthCheck)).status == .success)
            let text = await urls(project)
            #expect(text.status == .success)
            let lines = text.output.split(separator: "\n").map(String.init)
            // Each service's deterministic URL, then Cloud Run's hash-based uri.
            #expect(lines.count == 4)
            #expect(lines.first?.hasPrefix("api-gateway              https://api-gateway-") == true, "\(lines)")
            #expect(lines.first?.hasSuffix(".us-central1.run.app") == true, "\(lines)")
            #expect(lines.dropFirst().first?.hasSuffix("-uc.a.run.app") == true, "\(lines)")
            #expect(text.diagnostics.contains("websocket-server is not deployed in us-central1"))

            let json = await urls(project, format: .json)
            let document = try JSONDecoder().decode(URLsDocument.self, from: Data(json.output.utf8))
            #expect(document.services.map(\.name) == EmulatedProject.services)
            #expect(document.services.map(\.deployed) == [true, false, true])
            #expect(document.services.first?.variable == "API_GATEWAY_URL")
            #expect(document.services.first?.url == project.serviceURL("api-gateway"))
            #expect(document.services.first?.hashURL == project.service("api-gateway")?["uri"]?.stringValue)
        }
    }

    @Test func deleteServiceAsksThenDeletesOnlyThatService() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy().status == .success)

            let refused = await deleteService(project, DeleteServiceWorkflow(services: ["websocket-server"]), yes: false)
            #expect(refused.status == .configurationError)
            #expect(refused.diagnostics.contains("pass --yes to confirm"))
            #expect(project.service("websocket-server") != nil)

            let run = await deleteService(project, DeleteServiceWorkflow(services: ["websocket-server"]))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.service("websocket-server") == nil)
            #expect(project.service("api-gateway") != nil)
            #expect(run.output.contains("Deleted Cloud Run service websocket-server"))

            project.emulator.clearRequests()
            let again = await deleteService(project, DeleteServiceWorkflow(services: ["websocket-server"]))
            #expect(again.status == .success)
            #expect(again.output.contains("Nothing to delete."))
            #expect(project.mutatingRequests.isEmpty)
        }
    }

    @Test func deleteServiceAllRemovesEveryServiceOfTheEnvironment() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy().status == .success)
            let run = await deleteService(project, DeleteServiceWorkflow(all: true))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(EmulatedProject.services.allSatisfy { project.service($0) == nil })
        }
    }
}

struct URLsDocument: Decodable {
    struct Entry: Decodable {
        var name: String
        var variable: String
        var deployed: Bool
        var url: String?
        var hashURL: String?
    }

    var services: [Entry]
}
