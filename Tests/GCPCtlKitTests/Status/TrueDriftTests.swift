import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 19, point 3: drift that is true and a fix that works. A drifted Cloud Run service
/// is fixed by deploy; project roles someone else gave the runtime account are drift and a
/// planned removal (of that account's bindings only); resources gcpctl made for the
/// environment that it no longer declares are shown, and cleanup offers them.
@Suite struct TrueDriftTests {
    static let account = "serviceAccount:digitwinlive-sa@demo-project.iam.gserviceaccount.com"

    @Test func aDriftedCloudRunServiceIsFixedByDeployingIt() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy(DeployOptions(healthCheck: quickHealthCheck)).status == .success)
            project.editEnvironment { $0.replacingOccurrences(of: "    memory: 512Mi\n", with: "    memory: 1Gi\n") }
            let (run, document) = try await project.statusDocument()
            #expect(run.status == .unhealthy)
            let row = try #require(document.row("cloud-run-service", "api-gateway"))
            #expect(row.state == "drift")
            #expect(row.fix == "gcpctl deploy api-gateway --env=dev", "setup never touches a service")
            #expect(document.fixes == ["gcpctl deploy --env=dev"], "all three drifted: one deploy")
        }
    }

    /// roles/owner given to the runtime account by hand: drift in status, a removal in
    /// plan, removed by setup; another member's binding to the same role, and the account's
    /// conditional binding, stay.
    @Test func anExtraRoleOnTheRuntimeAccountIsDriftAndSetupRemovesOnlyIt() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let context = try await project.resourceContext()
            var policy = try await context.resourceManager.iamPolicy(project: context.project)
            policy.grant("roles/owner", to: Self.account)
            policy.grant("roles/owner", to: "user:admin@example.com")
            policy.bindings?.append(IAMPolicy.Binding(role: "roles/viewer", members: [Self.account],
                                                      condition: .object(["title": .string("office hours"), "expression": .string("request.time.getHours(\"UTC\") < 18")])))
            _ = try await context.resourceManager.setIAMPolicy(project: context.project, policy: policy)

            let (status, document) = try await project.statusDocument()
            let roles = try #require(document.row("project-roles", "digitwinlive-sa@demo-project.iam.gserviceaccount.com"))
            #expect(status.status == .unhealthy && roles.state == "drift")
            #expect(roles.changes == [FieldChange("roles/owner", old: "granted", new: "removed (not in serviceAccount.roles)")])
            #expect(roles.fix == "gcpctl setup --env=dev")

            let plan = await project.plan()
            #expect(plan.output.contains("  ~ update project roles of digitwinlive-sa@demo-project.iam.gserviceaccount.com\n      roles/owner: granted → removed (not in serviceAccount.roles)\n"), "\(plan.output)")

            #expect(await project.setup().status == .success)
            let after = try await context.resourceManager.iamPolicy(project: context.project)
            #expect(after.roles(of: Self.account) == Set(context.environment.serviceAccount.roles))
            let owners = after.members(of: "roles/owner")
            #expect(owners.contains("user:admin@example.com") && !owners.contains(Self.account))
            #expect(after.bindings?.contains { $0.role == "roles/viewer" && $0.condition != nil && $0.members == [Self.account] } == true)
            #expect(await project.plan().status == .success, "converged")
        }
    }

    /// The role deploy grants itself (secret access) is not drift, declared or not.
    @Test func theRoleDeployGrantsIsKept() {
        let account = Environment.ServiceAccount(id: "runtime-sa", displayName: "", roles: ["roles/run.invoker"], email: "runtime-sa@p.iam.gserviceaccount.com")
        let roles = ProjectRoles(account, alsoKept: [Preflight.secretAccessorRole])
        #expect(roles.differences(from: ["roles/run.invoker", Preflight.secretAccessorRole]).isEmpty)
        #expect(roles.differences(from: ["roles/run.invoker", "roles/editor"]) == [FieldChange("roles/editor", old: "granted", new: "removed (not in serviceAccount.roles)")])
    }

    /// A bucket gcpctl made for dev that the file no longer names shows in plan and status
    /// (information: status stays healthy); others' resources and other environments' do not.
    @Test func resourcesNoLongerDeclaredAreShownAndCleanupOffersThem() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy(DeployOptions(healthCheck: quickHealthCheck)).status == .success)
            let context = try await project.resourceContext()
            let labels = context.environment.labels
            _ = try await context.storage.createBucket(project: context.project, StorageAPI.Bucket(name: "clone-old-dev", location: "US-CENTRAL1", labels: labels))
            _ = try await context.storage.createBucket(project: context.project, StorageAPI.Bucket(name: "team-scratch", location: "US"))
            _ = try await context.secretManager.createSecret(project: context.project, id: "prod-token", labels: labels.merging(["gcpctl-env": "prod"]) { $1 })

            let plan = await project.plan()
            #expect(plan.status == .success)
            let undeclared = plan.output.split(separator: "\n").filter { $0.hasPrefix("  ? ") }
            #expect(undeclared == ["  ? bucket clone-old-dev: not declared: cleanup offers it (gcpctl cleanup --env=dev)"], "\(plan.output)")
            let json = await project.plan(format: .json)
            #expect(json.output.contains("\"notDeclared\" : [\n    {\n      \"kind\" : \"bucket\",\n      \"name\" : \"clone-old-dev\""), "\(json.output)")

            let status = await project.status()
            #expect(status.status == .success, "information, not a problem: \(status.output)")
            #expect(status.output.contains("=== Not declared ===\nNAME                  STATE\nbucket clone-old-dev  info"), "\(status.output)")
            #expect(status.output.contains("  bucket clone-old-dev: not declared: cleanup offers it → gcpctl cleanup --env=dev"))

            let cleanup = await project.cleanup(input: ["q"], interactive: true)
            #expect(cleanup.output.contains("  clone-old-dev"), "cleanup lists it as the environment's")
        }
    }
}
