import Foundation
import GCPEmulator
import GoogleCloud
import TestSupport
@testable import GCPCtlKit

extension EmulatedProject {
    /// `gcpctl cleanup` in-process, with scripted answers.
    func cleanup(_ options: CleanupOptions = CleanupOptions(), environment: String = "dev", yes: Bool = false,
                 input: [String] = [], interactive: Bool = false, format: OutputFormat = .text) async -> Run {
        let workflow = CleanupWorkflow(options: options, executor: fastExecutor)
        return await run("cleanup", settings: GlobalSettings(environment: environment, assumeYes: yes, format: format),
                         input: input, interactive: interactive) { context, connector in
            try await workflow.run(context, connector: connector)
        }
    }

    /// The CI form: `cleanup --all --yes --confirm-project=demo-project`.
    func cleanupAll(environment: String = "dev", includeUnmanaged: Bool = false, disableAPIs: Bool = false,
                    deleteProtected: Bool = false, format: OutputFormat = .text) async -> Run {
        await cleanup(CleanupOptions(mode: .all, includeUnmanaged: includeUnmanaged, confirmProject: EmulatedProject.project,
                                     deleteProtected: deleteProtected, disableAPIs: disableAPIs),
                      environment: environment, yes: true, format: format)
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
