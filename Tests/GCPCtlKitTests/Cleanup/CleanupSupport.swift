import Foundation
import GCPEmulator
import GoogleCloud
import TestSupport
@testable import GCPCtlKit

extension EmulatedProject {
    /// `gcpctl cleanup` in-process, with scripted answers.
    func cleanup(_ options: CleanupOptions = CleanupOptions(), environment: String = "dev", yes: Bool = false,
                 input: [String] = [], interactive: Bool = false, format: OutputFormat = .text,
                 interrupts: InterruptMonitor = InterruptMonitor()) async -> Run {
        let workflow = CleanupWorkflow(options: options, executor: fastExecutor)
        return await run("cleanup", settings: GlobalSettings(environment: environment, assumeYes: yes, format: format),
                         input: input, interactive: interactive, interrupts: interrupts) { context, connector in
            try await workflow.run(context, connector: connector)
        }
    }

    /// The CI form: `cleanup --all --yes --confirm-project=demo-project`.
    func cleanupAll(environment: String = "dev", includeUnmanaged: Bool = false, disableAPIs: Bool = false,
                    deleteProtected: Bool = false, format: OutputFormat = .text,
                    interrupts: InterruptMonitor = InterruptMonitor()) async -> Run {
        await cleanup(CleanupOptions(mode: .all, includeUnmanaged: includeUnmanaged, confirmProject: EmulatedProject.project,
                                     deleteProtected: deleteProtected, disableAPIs: disableAPIs),
                      environment: environment, yes: true, format: format, interrupts: interrupts)
    }

    /// Names of the resources of a collection that exist now.
    func names(_ collection: String) -> Set<String> {
        Set(emulator.state(project: EmulatedProject.project)?["resources"]?[collection]?.objectValue?.keys.map { $0 } ?? [])
    }

    /// A client request made behind gcpctl's back (a bucket someone else made, an object).
    func client() async throws -> GoogleCloudClient {
        try await resourceContext().cloud
    }
}

extension EmulatedProject {
    /// A bucket someone made without gcpctl (no labels), holding one object.
    func createUnlabelledBucket(_ name: String) async throws {
        let storage = StorageAPI(try await client())
        _ = try await storage.createBucket(project: EmulatedProject.project, StorageAPI.Bucket(name: name, location: "US"))
        _ = try await storage.upload(bucket: name, name: "notes.txt", data: Data("keep me".utf8), contentType: "text/plain")
    }

    /// Every stored resource that carries gcpctl's labels, as `collection/name`.
    func labelledResourcesLeft() -> [String] {
        let resources = emulator.state(project: EmulatedProject.project)?["resources"]?.objectValue ?? [:]
        return resources.flatMap { collection, entries in
            (entries.objectValue ?? [:]).compactMap { name, value -> String? in
                let labels = value["labels"] ?? value["settings"]?["userLabels"] ?? value["resourceLabels"]
                return labels?[Environment.managedByLabel.key]?.stringValue == "gcpctl" ? "\(collection)/\(name)" : nil
            }
        }.sorted()
    }

    /// The roles the project's IAM policy gives `member`, one entry per binding naming it.
    func roleBindings(of member: String) -> [String] {
        let bindings = resource(EmulatorCollections.iamPolicies, "projects/\(EmulatedProject.project)")?["bindings"]?.arrayValue ?? []
        return bindings.filter { $0["members"]?.arrayValue?.contains(.string(member)) == true }
            .compactMap { $0["role"]?.stringValue }
    }

    var enabledServices: Set<String> {
        Set(emulator.state(project: EmulatedProject.project)?["enabledServices"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }
}

extension EmulatedProject {
    /// A Cloud Run service deployed without gcpctl's deploy: `labels` nil for none.
    /// Without `wait`, the deploy's operation finishes once the emulator's clock passes it.
    func createService(_ id: String, region: String = "us-central1", labels: [String: String]?, wait: Bool = true) async throws {
        var service = CloudRunAPI.Service()
        var container = CloudRunAPI.Container()
        container.image = "us-docker.pkg.dev/cloudrun/container/hello"
        var template = CloudRunAPI.RevisionTemplate()
        template.containers = [container]
        service.template = template
        service.labels = labels
        let context = try await resourceContext()
        emulator.setServices(["run.googleapis.com"], enabled: true, project: EmulatedProject.project)
        guard case .created(let operation) = try await context.cloudRun.createService(
            project: EmulatedProject.project, region: region, id: id, service), wait else { return }
        _ = try await context.cloudRun.waitFor(operation, what: "creating \(id)", poller: context.poller)
    }

    /// The Cloud Run services that exist, as `region/id`.
    var serviceNames: Set<String> {
        Set(names("run.services").map { name in
            let parts = name.split(separator: "/")
            return "\(parts[3])/\(parts[5])"
        })
    }
}

extension EmulatedProject {
    /// A running GKE cluster, as the bash scripts' projects sometimes held; `labels` nil for none.
    func addCluster(_ name: String, location: String = "us-central1-a", labels: [String: String]?) {
        emulator.setServices(["container.googleapis.com"], enabled: true, project: EmulatedProject.project)
        emulator.addCluster(project: EmulatedProject.project, location: location, name: name)
        guard let labels else { return }
        emulator.updateResource(project: EmulatedProject.project, collection: "container.clusters",
                                name: "projects/\(EmulatedProject.project)/locations/\(location)/clusters/\(name)") { cluster in
            cluster["resourceLabels"] = .object(labels.mapValues { .string($0) })
        }
    }
}
