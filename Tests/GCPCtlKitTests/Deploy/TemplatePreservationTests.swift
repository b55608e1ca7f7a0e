import Foundation
import GCPEmulator
import TestSupport
import Testing
@testable import GCPCtlKit

/// Issue 16 point 4: traffic-only changes send `updateMask=traffic` and no template, so they
/// make no revision; a template gcpctl sends back keeps every field it does not manage, and
/// no revision name.
@Suite struct TemplatePreservationTests {
    static let name = "projects/\(EmulatedProject.project)/locations/us-central1/services/api-gateway"
    static let patch = "run.projects.locations.services.patch"

    /// What someone adds with gcloud or the console: fields gcpctl does not model, on a new
    /// revision (a PATCH of the whole service, as gcloud sends it).
    func addByHand(_ project: EmulatedProject, revision: String? = nil) async throws {
        let client = RawHTTPClient(port: project.emulator.port)
        var service = try await client.get("/run/v2/" + Self.name).json
        var template = try #require(service["template"])
        var containers = template["containers"]?.arrayValue ?? []
        containers[0]["args"] = ["--serve", "--port=8080"]
        containers[0]["command"] = ["node"]
        containers[0]["livenessProbe"] = ["httpGet": ["path": "/live"], "periodSeconds": 30]
        template["containers"] = .array(containers)
        template["sessionAffinity"] = true
        template["vpcAccess"] = ["connector": "projects/demo-project/locations/us-central1/connectors/office", "egress": "PRIVATE_RANGES_ONLY"]
        template["encryptionKey"] = "projects/demo-project/locations/us-central1/keyRings/app/cryptoKeys/run"
        template["revision"] = revision.map(JSONValue.string)
        service["template"] = template
        let answer = try await client.send("PATCH", "/run/v2/" + Self.name, json: service)
        #expect(answer.status == 200, "\(answer.text)")
    }

    func expectHandMadeFieldsKept(_ project: EmulatedProject, _ context: String) {
        let template = project.service("api-gateway")?["template"]
        let container = template?["containers"]?.arrayValue?.first
        #expect(container?["args"] == ["--serve", "--port=8080"], "\(context)")
        #expect(container?["command"] == ["node"], "\(context)")
        #expect(container?[path: "livenessProbe.httpGet.path"] == "/live", "\(context)")
        #expect(template?["sessionAffinity"] == true, "\(context)")
        #expect(template?[path: "vpcAccess.egress"] == "PRIVATE_RANGES_ONLY", "\(context)")
        #expect(template?["encryptionKey"]?.stringValue?.hasSuffix("/cryptoKeys/run") == true, "\(context)")
    }

    func revisionCount(_ project: EmulatedProject) -> Int {
        project.emulator.state(project: EmulatedProject.project)?["resources"]?["run.revisions"]?.objectValue?.count ?? 0
    }

    @Test func rollbackAndPromoteKeepHandMadeFieldsAndMakeNoRevision() async throws {
        try await withEmulatedProject { project in
            let traffic = TrafficTests()
            let (first, run) = try await traffic.deployTwice(project, second: DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            try await addByHand(project)
            let latest = try #require(project.service("api-gateway")?["latestCreatedRevision"]?.stringValue)
            let revisions = revisionCount(project)
            #expect(latest != first)

            project.emulator.clearRequests()
            let rolledBack = await traffic.rollback(project, RollbackWorkflow(service: "api-gateway"))
            #expect(rolledBack.status == .success, "\(rolledBack.diagnostics)")
            #expect(traffic.traffic(project).count == 1 && traffic.traffic(project).first?.hasPrefix("100 api-gateway-") == true)
            #expect(traffic.traffic(project) != ["100 \(latest)"])
            expectHandMadeFieldsKept(project, "after rollback")
            #expect(revisionCount(project) == revisions, "rollback makes no revision")
            #expect(project.service("api-gateway")?["latestCreatedRevision"] == .string(latest))
            let rollbackPatch = try #require(project.emulator.requests().first { $0.methodID == Self.patch })
            #expect(rollbackPatch.url.contains("updateMask=traffic"))
            #expect(rollbackPatch.body?["template"] == nil, "\(String(describing: rollbackPatch.body))")

            project.emulator.clearRequests()
            let promoted = await traffic.promote(project, PromoteWorkflow(services: ["api-gateway"]))
            #expect(promoted.status == .success, "\(promoted.diagnostics)")
            #expect(traffic.traffic(project) == ["100 latest"])
            expectHandMadeFieldsKept(project, "after promote")
            #expect(revisionCount(project) == revisions, "promote makes no revision")
            let promotePatch = try #require(project.emulator.requests().first { $0.methodID == Self.patch })
            #expect(promotePatch.url.contains("updateMask=traffic"))
            #expect(promotePatch.body?["template"] == nil)
        }
    }

    @Test func aTemplateChangeKeepsHandMadeFieldsAndLetsCloudRunNameTheRevision() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setUpAndDeploy(["api-gateway"]).status == .success)
            try await addByHand(project, revision: "api-gateway-by-hand")
            #expect(project.service("api-gateway")?["latestCreatedRevision"] == "api-gateway-by-hand")

            // A new image: the template changes, so a revision is made, from the template
            // Google holds with gcpctl's fields laid over it.
            project.directory.write("examples/api-gateway/src/version.js", "module.exports = 3;\n")
            project.emulator.clearRequests()
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            expectHandMadeFieldsKept(project, "after a deploy")
            let revision = try #require(project.service("api-gateway")?["latestCreatedRevision"]?.stringValue)
            #expect(revision != "api-gateway-by-hand" && revision.hasPrefix("api-gateway-"))
            let sent = try #require(project.emulator.requests().first { $0.methodID == Self.patch }?.body)
            #expect(sent[path: "template.revision"] == nil, "no revision name: Cloud Run would answer 409")
            #expect(sent["uri"] == nil && sent["trafficStatuses"] == nil, "no output-only fields")
            #expect(sent[path: "template.containers"]?.arrayValue?.first?["image"]?.stringValue?.contains("@sha256:") == true)
        }
    }

    @Test func labelsAloneChangeWithTheirMaskAndNoRevision() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setUpAndDeploy(["api-gateway"]).status == .success)
            let revision = project.service("api-gateway")?["latestCreatedRevision"]
            project.editEnvironment { $0.replacingOccurrences(of: "labels:\n  app: digitwinlive\n", with: "labels:\n  app: digitwinlive\n  team: core\n") }
            project.emulator.clearRequests()
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.service("api-gateway")?["labels"]?["team"] == "core")
            #expect(project.service("api-gateway")?["latestCreatedRevision"] == revision)
            let sent = try #require(project.emulator.requests().first { $0.methodID == Self.patch })
            #expect(sent.url.contains("updateMask=labels"))
            #expect(sent.body?["template"] == nil)
        }
    }
}
