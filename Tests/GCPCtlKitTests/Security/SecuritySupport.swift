import Foundation
import GCPEmulator
import GoogleCloud
import TestSupport
@testable import GCPCtlKit

/// A project that is not the environment's, holding names the environment uses.
let someoneElsesProject = "someone-elses-project"

extension EmulatedProject {
    /// `gcpctl delete KIND NAME` in-process.
    func delete(_ kind: ResourceKind, _ name: String, force: Bool = false, yes: Bool = true) async -> Run {
        await dayTwo("delete", yes: yes) { context, connector in
            try await DeleteWorkflow(kind: kind, name: name, force: force).run(context, connector: connector)
        }
    }

    /// Requests the emulator received whose URL names `fragment`, as `METHOD-ID URL`.
    func requests(naming fragment: String, mutatingOnly: Bool = true) -> [String] {
        emulator.requests().filter { (!mutatingOnly || $0.mutating) && $0.url.contains(fragment) }.map { "\($0.methodID ?? "?") \($0.url)" }
    }

    /// The stored bucket, wherever it lives.
    func bucket(_ name: String, in owner: String = EmulatedProject.project) -> GCPEmulator.JSONValue? {
        emulator.resource(project: owner, collection: EmulatorCollections.buckets, name: name)
    }
}
