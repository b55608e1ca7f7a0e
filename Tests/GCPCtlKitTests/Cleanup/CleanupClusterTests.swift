import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// GKE clusters: found in every location, deleted when they are the environment's.
@Suite struct CleanupClusterTests {
    @Test func theEnvironmentsClustersAreDeletedAndOthersKept() async throws {
        // Deletes take a moment, so gcpctl follows Kubernetes Engine's operations.
        try await withEmulatedProject({ $0.operationSeconds = ["container": 1] }) { project in
            #expect(await project.setup().status == .success)
            let labels = try await project.resourceContext().environment.labels
            project.addCluster("legacy-cluster", labels: labels)
            project.addCluster("autopilot-cluster", location: "us-central1", labels: labels)
            project.addCluster("team-cluster", location: "europe-west1-b", labels: nil)

            let run = await project.cleanupAll()
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.output.contains("GKE clusters (3):"))
            #expect(run.output.contains("  - GKE cluster legacy-cluster (with its workloads)"))
            #expect(project.names("container.clusters") == ["projects/demo-project/locations/europe-west1-b/clusters/team-cluster"])
            #expect(project.emulator.requests(methodID: "container.projects.locations.clusters.delete").count == 2)
            #expect(!project.emulator.requests(methodID: "container.projects.locations.operations.get").isEmpty)
            #expect(run.output.contains("kept, not gcpctl's; --include-unmanaged offers it (1): GKE cluster team-cluster"))
        }
    }

    @Test func aClusterBeingDeletedIsWaitedForNotDeletedTwice() async throws {
        try await withEmulatedProject({ configuration in
            configuration.operationSeconds = ["container": 3600]
        }) { project in
            let labels = try await project.resourceContext().environment.labels
            project.addCluster("legacy-cluster", labels: labels)
            let context = try await project.resourceContext()
            let cluster = GKECluster(name: "legacy-cluster", location: "us-central1-a")
            let operation = try #require(try await context.container.deleteCluster(project: EmulatedProject.project, location: "us-central1-a", name: "legacy-cluster"))
            #expect(!operation.isDone)
            #expect(try await cluster.observe(in: context)?.status == "STOPPING")

            let emulator = project.emulator
            emulator.clearRequests()
            // Once delete has seen STOPPING and polls again, let the operation finish.
            let polled = emulator.whenReceived({ _ in emulator.requests(methodID: "container.projects.locations.clusters.get").count >= 2 }) {
                emulator.advanceClock(seconds: 3601)
            }
            try await cluster.delete(in: context)
            #expect(await polled.value)
            #expect(project.emulator.requests(methodID: "container.projects.locations.clusters.delete").isEmpty)
            #expect(try await cluster.observe(in: context) == nil)
        }
    }
}
