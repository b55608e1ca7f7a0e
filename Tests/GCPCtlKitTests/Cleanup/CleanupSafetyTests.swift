import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// What cleanup leaves alone unless told otherwise: resources that are not gcpctl's, and
/// Cloud SQL instances with deletion protection.
@Suite struct CleanupSafetyTests {
    @Test func theCIFormLeavesNoGcpctlResourceButKeepsABucketMadeBehindItsBack() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            try await project.createUnlabelledBucket("stray-bucket")
            let run = await project.cleanupAll()
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.labelledResourcesLeft() == [])
            #expect(project.names(EmulatorCollections.serviceAccounts).isEmpty)
            #expect(project.roleBindings(of: "serviceAccount:digitwinlive-sa@demo-project.iam.gserviceaccount.com").isEmpty)
            #expect(project.names(EmulatorCollections.buckets) == ["stray-bucket"])
            #expect(run.output.contains("  stray-bucket"))
            #expect(run.output.contains("kept, not gcpctl's; --include-unmanaged offers it (1): bucket stray-bucket"))
            #expect(!run.diagnostics.contains("--include-unmanaged: "))
        }
    }

    @Test func includeUnmanagedOffersAndDeletesItTooAfterARedWarning() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            try await project.createUnlabelledBucket("stray-bucket")
            let run = await project.cleanupAll(includeUnmanaged: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("❌ --include-unmanaged: resources that are not gcpctl's for development are offered too"))
            #expect(project.names(EmulatorCollections.buckets).isEmpty)
            #expect(project.names(EmulatorCollections.objects).isEmpty)
        }
    }

    @Test func anotherEnvironmentsResourcesAreNotOffered() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.setBucketLabel("clone-uploads-dev", key: Environment.environmentLabelKey, value: "prod")
            let run = await project.cleanupAll()
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.output.contains("gcpctl (prod)"))
            #expect(run.output.contains("kept, shared with prod, whose labels it has; --include-unmanaged offers it (1): bucket clone-uploads-dev"))
            #expect(project.names(EmulatorCollections.buckets) == ["clone-uploads-dev"])
        }
    }

    @Test func aProtectedInstanceIsKeptWhenItsNameIsNotTypedAndEverythingElseGoes() async throws {
        try await withEmulatedProject { project in
            project.editEnvironment("production", withoutReplicas)  // the primary's protection alone
            #expect(await project.setup(environment: "prod").status == .success)
            project.emulator.clearRequests()
            let run = await project.cleanup(CleanupOptions(mode: .all), environment: "prod",
                                            input: ["DELETE ALL", "digitwinlive-db-dev"], interactive: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.output.contains("deletion protection"))
            #expect(run.diagnostics.contains("Cloud SQL instance digitwinlive-db-prod has deletion protection on"))
            #expect(run.diagnostics.contains("Type digitwinlive-db-prod to confirm:"))
            #expect(run.output.contains("kept, deletion protection (name not typed) (1): Cloud SQL instance digitwinlive-db-prod"))
            #expect(project.names(EmulatorCollections.sqlInstances) == ["digitwinlive-db-prod"])
            #expect(project.resource(EmulatorCollections.sqlInstances, "digitwinlive-db-prod")?[path: "settings.deletionProtectionEnabled"]?.boolValue == true)
            #expect(project.emulator.requests(methodID: "sqladmin.instances.patch").isEmpty)
            #expect(project.names(EmulatorCollections.buckets).isEmpty)
        }
    }

    @Test func typingTheInstanceNameLiftsTheProtectionAndDeletesIt() async throws {
        try await withEmulatedProject { project in
            project.editEnvironment("production", withoutReplicas)  // the primary's protection alone
            #expect(await project.setup(environment: "prod").status == .success)
            let run = await project.cleanup(CleanupOptions(mode: .all), environment: "prod",
                                            input: ["DELETE ALL", "digitwinlive-db-prod"], interactive: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.names(EmulatorCollections.sqlInstances).isEmpty)
            let patch = try #require(project.emulator.requests(methodID: "sqladmin.instances.patch").last)
            #expect(patch.body?[path: "settings.deletionProtectionEnabled"]?.boolValue == false)
        }
    }

    @Test func inCIAProtectedInstanceNeedsDeleteProtected() async throws {
        try await withEmulatedProject { project in
            project.editEnvironment("production", withoutReplicas)  // the primary's protection alone
            #expect(await project.setup(environment: "prod").status == .success)
            let kept = await project.cleanupAll(environment: "prod", disableAPIs: true)
            #expect(kept.status == .success, "\(kept.diagnostics)")
            #expect(kept.diagnostics.contains("pass --delete-protected with --confirm-project"))
            #expect(project.names(EmulatorCollections.sqlInstances) == ["digitwinlive-db-prod"])
            #expect(kept.output.contains("kept, left on for the kept Cloud SQL instance digitwinlive-db-prod, VPC network digitwinlive-vpc-prod, "
                                         + "private services connection digitwinlive-vpc-prod, private services range digitwinlive-psa-prod (1): 15 project APIs"))
            #expect(project.enabledServices.contains("sqladmin.googleapis.com"))
            // The kept instance is still reached over its private connection: that, its range
            // and its network stay (deleting the connection would cut the instance off).
            #expect(kept.output.contains("kept, the kept Cloud SQL instance digitwinlive-db-prod needs it"), "\(kept.output)")
            #expect(project.emulator.requests(methodID: "servicenetworking.services.connections.deleteConnection").isEmpty)
            #expect(project.emulator.requests(methodID: "compute.networks.removePeering").isEmpty)
            #expect(project.names("compute.networks") == ["digitwinlive-vpc-prod"])

            let deleted = await project.cleanupAll(environment: "prod", deleteProtected: true)
            #expect(deleted.status == .success, "\(deleted.diagnostics)")
            #expect(deleted.diagnostics.contains("confirmed by --delete-protected"))
            #expect(project.names(EmulatorCollections.sqlInstances).isEmpty)
            #expect(project.names("compute.networks").isEmpty)
        }
    }
}

/// production.yaml without its read replica (SQLReplicaTests has the replica's own protection).
func withoutReplicas(_ text: String) -> String {
    let start = text.range(of: "  replicas:")!
    let end = text.range(of: "      tier: db-custom-1-3840\n", range: start.upperBound..<text.endIndex)!
    return text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
}
