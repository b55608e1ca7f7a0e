import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// Every kind cleanup and `gcpctl delete` remove is deleted by its identity alone: its
/// kind's `remove`, with an environment that declares none of it (no placeholder
/// configuration stands in for the one that made it).
@Suite struct DeletesByIdentityTests {
    /// The environment with nothing of its own declared: only its project, region and labels.
    static func declaringNothing(_ context: ResourceContext) -> ResourceContext {
        var environment = context.environment
        environment.buckets = []
        environment.secrets = []
        environment.cloudSQL = nil
        environment.services = []
        environment.artifactRegistry.repository = "not-this-one"
        let stranger = "not-this-one@\(context.project).iam.gserviceaccount.com"
        environment.serviceAccount = Environment.ServiceAccount(id: "not-this-one", displayName: "", roles: [], email: stranger)
        return ResourceContext(cloud: context.cloud, poller: context.poller, project: context.project, environment: environment)
    }

    /// What setup (and the test) made of `kind`, by what identifies it.
    static func identity(of kind: String, in environment: Environment) throws -> ResourceIdentity {
        switch kind {
        case "bucket": ResourceIdentity(.bucket, environment.buckets[0].name)
        case "secret": ResourceIdentity(.secret, environment.secrets[0].id)
        case "artifact-registry":
            ResourceIdentity(.artifactRepository, environment.artifactRegistry.repository, location: environment.artifactRegistry.location)
        case "sql-instance": ResourceIdentity(.sqlInstance, try #require(environment.cloudSQL).instance, location: environment.region)
        case "service-account": ResourceIdentity(.serviceAccount, environment.serviceAccount.email)
        case "project-roles": ResourceIdentity(.projectRoles, environment.serviceAccount.email)
        case "cloud-run-service": ResourceIdentity(.cloudRunService, "api", location: environment.region)
        case "gke-cluster": ResourceIdentity(.gkeCluster, "legacy-cluster", location: "us-central1-a")
        default: throw KindNotCovered(kind: kind)
        }
    }

    struct KindNotCovered: Error { var kind: String }

    @Test(arguments: ["bucket", "secret", "artifact-registry", "sql-instance", "service-account", "project-roles",
                      "cloud-run-service", "gke-cluster"])
    func deletesByIdentityAlone(_ kindID: String) async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let declared = try await project.resourceContext()
            let environment = declared.environment
            try await project.createService("api", labels: environment.labels)
            project.addCluster("legacy-cluster", labels: environment.labels)
            let identity = try Self.identity(of: kindID, in: environment)
            let kind = try #require(ResourceKinds.named(kindID))
            #expect(identity.kind == kind)
            let context = Self.declaringNothing(declared)
            let remove = try #require(kind.remove, "\(kindID) has no deletion by identity")

            if let observeOwnership = kind.observeOwnership {
                let found = try await observeOwnership(identity, context)
                #expect(found?.ownership.isGcpctls == true, "\(identity.id) was found as gcpctl's")
                try await remove(identity, context)
                #expect(try await observeOwnership(identity, context) == nil, "\(identity.id) is gone")
            } else {
                // Project roles show no ownership of their own: they are their account's.
                #expect(try await ProjectRoles.observe(identity, in: context)?.isEmpty == false)
                try await remove(identity, context)
                #expect(try await ProjectRoles.observe(identity, in: context) == nil)
                #expect(project.roleBindings(of: "serviceAccount:\(identity.name)").isEmpty)
            }
        }
    }

    /// The kinds that take labels, the service account (by its description) and the bucket
    /// (by its holder) are judged by `Ownership`; project roles only follow their account.
    @Test func everyDeletableKindSaysWhoseItIs() {
        let deletable = ResourceKinds.all.filter { $0.remove != nil }.map(\.id)
        #expect(deletable == ["artifact-registry", "bucket", "service-account", "project-roles", "secret",
                              "network", "subnetwork", "address-range", "private-connection", "vpc-connector", "sql-instance", "sql-replica", "redis-instance",
                              "pubsub-topic", "pubsub-subscription", "scheduler-job", "cloud-run-service", "gke-cluster",
                              "global-address", "serverless-neg", "security-policy", "backend-service", "url-map", "ssl-certificate",
                              "target-https-proxy", "target-http-proxy", "forwarding-rule", "notification-channel", "uptime-check",
                              "alert-policy", "cloud-build-bucket"])
        #expect(ResourceKinds.all.filter { $0.observeOwnership != nil }.map(\.id) == deletable.filter { $0 != "project-roles" })
    }
}
