import Foundation
import GCPEmulator
import GoogleCloud
import PropertyBased
import Testing
import TestSupport
@testable import GCPCtlKit

/// Properties 31–33 of bash-scripts-design.md ("Cleanup Script"), against the emulator
/// through the real client; "for any" cases are drawn with PropertyBased.
// Each case runs whole commands against an emulator: a failure is reported as drawn, not
// shrunk through dozens of further runs.
@Suite(.shrinking(false)) struct CleanupPropertyTests {
    /// The kinds made for property 31, each by gcpctl's own resources (or, for Cloud Run, the API).
    static let kinds: [ResourceKind] = [.cloudRunService, .gkeCluster, .sqlInstance, .bucket, .buildBucket, .secret, .artifactRepository, .serviceAccount]

    /// Property 31: for any cleanup, every resource type is discovered and listed: whatever
    /// subset of kinds exists, each of its resources is found and shown, the others say none.
    @Test func property31_everyResourceTypeIsDiscoveredAndListed() async throws {
        await propertyCheck(count: 8, input: Gen.bool().array(of: CleanupPropertyTests.kinds.count)) { mask in
            try await withEmulatedProject { project in
                let present = Set(zip(CleanupPropertyTests.kinds, mask).filter(\.1).map(\.0))
                let expected = try await make(present, in: project)

                let context = try await project.resourceContext()
                let inventory = await CleanupDiscovery().discover(in: context)
                #expect(inventory.failures.isEmpty, "\(inventory.failures)")
                for kind in CleanupPropertyTests.kinds {
                    #expect(Set(inventory.resources(of: kind).map(\.name)) == expected[kind, default: []], "\(kind)")
                }

                let run = await project.cleanup(input: ["q"], interactive: true)
                for kind in CleanupPropertyTests.kinds {
                    let names = expected[kind, default: []]
                    let heading = kind == .cloudRunService ? "\(kind.plural) in us-central1" : kind.plural
                    if names.isEmpty {
                        #expect(run.output.contains("\(heading): none") || run.output.contains("\(heading): not listed"), "\(kind)")
                    } else {
                        #expect(run.output.contains("\(heading) (\(names.count)):"), "\(kind)")
                        for name in names { #expect(run.output.contains("  \(name) "), "\(name)") }
                    }
                }
            }
        }
    }

    /// Property 32: for any services in the environment's region, cleanup deletes all of
    /// them (gcpctl's by default, every one with --include-unmanaged); other regions' stay.
    @Test func property32_everyServiceInTheRegionIsDeleted() async throws {
        let names = Gen.element(of: ["api", "web", "worker", "jobs", "ws", "face"]).compactMap { $0 }
        await propertyCheck(count: 8, input: names.array(of: 1...4), names.array(of: 0...3), names.array(of: 0...2), Gen.bool()) {
            labelled, unlabelled, elsewhere, includeUnmanaged in
            try await withEmulatedProject { project in
                let environment = try await project.resourceContext().environment
                let ours = Set(labelled.map { "\($0)-dev" }), theirs = Set(unlabelled.map { "\($0)-x" }), far = Set(elsewhere)
                for id in ours { try await project.createService(id, labels: environment.labels) }
                for id in theirs { try await project.createService(id, labels: nil) }
                for id in far { try await project.createService(id, region: "europe-west1", labels: environment.labels) }

                let run = await project.cleanupAll(includeUnmanaged: includeUnmanaged)
                #expect(run.status == .success, "\(run.diagnostics)")
                let left = project.serviceNames
                let expected = Set(far.map { "europe-west1/\($0)" })
                    .union(includeUnmanaged ? [] : Set(theirs.map { "us-central1/\($0)" }))
                #expect(left == expected)
            }
        }
    }

    /// Property 33: for any subset of resources whose deletion fails, every other one is
    /// deleted, every failure is reported with its reason, and the exit status is 2.
    @Test func property33_aFailureStopsNothingElseAndEveryFailureIsReported() async throws {
        let targets = CleanupPropertyTests.failureTargets
        await propertyCheck(count: 10, input: Gen.bool().array(of: targets.count)) { mask in
            try await withEmulatedProject { project in
                #expect(await project.setup().status == .success)
                let failing = zip(targets, mask).filter(\.1).map(\.0)
                for target in failing {
                    project.emulator.inject(FaultRule(methodID: target.methodID, pathContains: target.path,
                                                      action: .status(code: 403, status: "PERMISSION_DENIED", message: "Denied for \(target.title)."),
                                                      times: 0))
                }
                let run = await project.cleanupAll()
                #expect(run.status == (failing.isEmpty ? .success : .operationFailed))
                for target in targets {
                    let exists = project.names(target.collection).contains(target.key)
                    let fails = failing.contains { $0.title == target.title }
                    #expect(exists == fails, "\(target.title)")
                    #expect(run.diagnostics.contains("❌ \(target.title): ") == fails, "\(target.title)")
                    if fails { #expect(run.diagnostics.contains("Denied for \(target.title).")) }
                }
            }
        }
    }

    struct FailureTarget: Sendable {
        var title: String
        var methodID: String
        var path: String
        var collection: String
        var key: String
    }

    static let failureTargets: [FailureTarget] = {
        var targets = [FailureTarget(title: "Cloud SQL instance digitwinlive-db-dev", methodID: "sql.instances.delete",
                                     path: "/instances/digitwinlive-db-dev", collection: EmulatorCollections.sqlInstances, key: "digitwinlive-db-dev")]
        // Not the staging bucket: a fault on its path would strike the logs bucket's too.
        for bucket in CleanupTests.buckets.sorted() where bucket != "demo-project_cloudbuild" {
            targets.append(FailureTarget(title: "bucket \(bucket)", methodID: "storage.buckets.delete", path: "/b/\(bucket)",
                                         collection: EmulatorCollections.buckets, key: bucket))
        }
        for secret in CleanupTests.secrets.sorted() {
            targets.append(FailureTarget(title: "secret \(secret)", methodID: "secretmanager.projects.secrets.delete", path: "/secrets/\(secret)",
                                         collection: EmulatorCollections.secrets, key: secret))
        }
        targets.append(FailureTarget(title: "Artifact Registry repository digitwinlive", methodID: "artifactregistry.projects.locations.repositories.delete",
                                     path: "/repositories/digitwinlive", collection: EmulatorCollections.repositories,
                                     key: "projects/demo-project/locations/us-central1/repositories/digitwinlive"))
        let account = "digitwinlive-sa@demo-project.iam.gserviceaccount.com"
        targets.append(FailureTarget(title: "service account \(account)", methodID: "iam.projects.serviceAccounts.delete", path: account,
                                     collection: EmulatorCollections.serviceAccounts, key: account))
        return targets
    }()

    /// Makes resources of `kinds` the way gcpctl does; answers their names by kind.
    func make(_ kinds: Set<ResourceKind>, in project: EmulatedProject) async throws -> [ResourceKind: Set<String>] {
        let context = try await project.resourceContext()
        let environment = context.environment
        var resources: [any Resource] = [ProjectAPIs(services: environment.apis)]
        var names: [ResourceKind: Set<String>] = [:]
        if kinds.contains(.sqlInstance), let sql = environment.cloudSQL {
            resources.append(SQLInstance(sql, region: environment.region, labels: environment.labels))
            names[.sqlInstance] = [sql.instance]
        }
        if kinds.contains(.bucket) {
            resources += environment.buckets.map(StorageBucket.init)
            names[.bucket] = Set(environment.buckets.map(\.name))
        }
        if kinds.contains(.secret) {
            resources += environment.secrets.map(ManagedSecret.init)
            names[.secret] = Set(environment.secrets.map(\.id))
        }
        if kinds.contains(.artifactRepository) {
            resources.append(ArtifactRepository(environment.artifactRegistry, labels: environment.labels))
            names[.artifactRepository] = [environment.artifactRegistry.repository]
        }
        if kinds.contains(.serviceAccount) {
            resources.append(RuntimeServiceAccount(environment.serviceAccount))
            names[.serviceAccount] = [environment.serviceAccount.email]
        }
        #expect(await project.apply(resources, in: context).succeeded)
        if kinds.contains(.buildBucket) {
            let staging = StagingBucket(environment: environment)
            try await staging.ensure(in: context)
            names[.buildBucket] = [staging.name]
        }
        if kinds.contains(.gkeCluster) {
            project.addCluster("legacy-cluster", labels: environment.labels)
            project.addCluster("regional-cluster", location: "europe-west1", labels: nil)
            names[.gkeCluster] = ["legacy-cluster", "regional-cluster"]
        }
        if kinds.contains(.cloudRunService) {
            for service in environment.services { try await project.createService(service.name, labels: environment.labels) }
            names[.cloudRunService] = Set(environment.services.map(\.name))
        }
        return names
    }
}
