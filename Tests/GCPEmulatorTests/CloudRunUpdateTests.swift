import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Cloud Run v2 patches as Google documents them: `updateMask` limits a patch to the fields
/// it names (a traffic change without a template makes no revision), template fields a
/// client does not send are not invented and those it sends are kept, a revision name
/// already used for another template is 409, and `invokerIamDisabled` opens a service's
/// URLs to callers without credentials, unless an organisation policy requires invoker IAM.
@Suite struct CloudRunUpdateTests {
    let services = "/run/v2/projects/run-project/locations/europe-west1/services"
    let image = "europe-west1-docker.pkg.dev/run-project/images/web"

    func deployed(_ emulator: Emulator, _ client: RawHTTPClient, template extra: [String: JSONValue] = [:],
                  invokerIamDisabled: Bool? = nil) async throws -> JSONValue {
        emulator.pushImage(image + ":1")
        var template: JSONValue = ["containers": [["image": .string(image + ":1"), "args": ["--serve"]]]]
        for (key, value) in extra { template[key] = value }
        var body: JSONValue = ["template": template]
        if let invokerIamDisabled { body["invokerIamDisabled"] = .bool(invokerIamDisabled) }
        let created = try await client.post(services + "?serviceId=web", json: body)
        #expect(created.status == 200, "\(created.text)")
        return try await client.get(services + "/web").json
    }

    @Test func aTrafficOnlyPatchKeepsTheTemplateAndMakesNoRevision() async throws {
        try await withClient(ungated()) { emulator, client in
            let first = try await deployed(emulator, client, template: ["sessionAffinity": true])
            let revision = try #require(first["latestCreatedRevision"]?.stringValue)
            let patch: JSONValue = ["etag": first["etag"] ?? .null,
                                    "traffic": [["type": "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", "revision": .string(revision), "percent": 100]]]
            let answer = try await client.send("PATCH", services + "/web?updateMask=traffic", json: patch)
            #expect(answer.status == 200, "\(answer.text)")
            let after = try await client.get(services + "/web").json
            #expect(after["latestCreatedRevision"] == .string(revision))
            #expect(after["template"] == first["template"], "the template is untouched: \(String(describing: after["template"]))")
            #expect(after[path: "template.sessionAffinity"] == true)
            #expect(after["traffic"]?[0]?["revision"] == .string(revision))
            let unknown = try await client.send("PATCH", services + "/web?updateMask=uri", json: ["etag": after["etag"] ?? .null])
            #expect(unknown.status == 400, "an output-only field cannot be masked")
        }
    }

    @Test func aRevisionNameAlreadyUsedForAnotherTemplateIs409() async throws {
        try await withClient(ungated()) { emulator, client in
            let first = try await deployed(emulator, client)
            let revision = try #require(first["latestCreatedRevision"]?.stringValue)
            var same = first
            same["template"]?["revision"] = .string(revision)
            same["template"]?["containers"] = [["image": .string(image + ":1"), "args": ["--serve", "--verbose"]]]
            let refused = try await client.send("PATCH", services + "/web", json: same)
            #expect(refused.status == 409)
            #expect(refused.errorMessage.contains("Revision named '\(revision)' with different configuration already exists"))
            same["template"]?["revision"] = nil
            #expect(try await client.send("PATCH", services + "/web", json: same).status == 200)
            let after = try await client.get(services + "/web").json
            #expect(after["latestCreatedRevision"] != .string(revision))
            #expect(after[path: "template.containers"]?[0]?["args"] == ["--serve", "--verbose"], "fields gcpctl does not model are stored")
        }
    }

    @Test func invokerIamDisabledOpensTheURLsAndAnOrganisationPolicyCanRefuseIt() async throws {
        try await withClient(ungated()) { emulator, client in
            let service = try await deployed(emulator, client, invokerIamDisabled: true)
            let host = try #require(service["urls"]?[0]?.stringValue?.dropFirst("https://".count))
            var anonymous = client
            anonymous.token = nil
            #expect(try await anonymous.get("/run.app/\(host)/health").status == 200)
        }
        try await withClient(ungated { $0.requireInvokerIAM = true }) { emulator, client in
            emulator.pushImage(image + ":1")
            let refused = try await client.post(services + "?serviceId=web",
                                                json: ["invokerIamDisabled": true, "template": ["containers": [["image": .string(image + ":1")]]]])
            #expect(refused.status == 400)
            #expect(refused.errorStatus == "FAILED_PRECONDITION")
            #expect(refused.json["error"]?["details"]?[0]?["violations"]?[0]?["type"] == "constraints/run.managed.requireInvokerIam")
        }
    }
}
