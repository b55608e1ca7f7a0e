import Foundation
import GCPEmulator
import PropertyBased
import Testing
import TestSupport
@testable import GCPCtlKit

/// Properties 1–8 of bash-scripts-design.md ("Setup Script"), each against the emulator
/// through the real client. "For any" properties draw their cases with PropertyBased.
// Each case runs whole commands against an emulator: a failure is reported as drawn, not
// shrunk through dozens of further runs.
@Suite(.shrinking(false)) struct SetupPropertyTests {
    /// Property 1: for any API in the required list, enabling it again leaves it enabled
    /// without errors, whatever was enabled before; only the missing ones are asked for.
    @Test func property1_apiEnablementIsIdempotent() async throws {
        await propertyCheck(count: 12, input: Gen.bool().array(of: 10)) { mask in
            try await withEmulatedProject { project in
                let context = try await project.resourceContext()
                let required = context.environment.apis
                let before = zip(required, mask).filter(\.1).map(\.0)
                project.emulator.setServices(before, enabled: true, project: EmulatedProject.project)
                let apis = ProjectAPIs(services: required)
                let enabledBefore = try await apis.observe(in: context) ?? []

                let report = await project.apply([apis], in: context)
                #expect(report.succeeded)
                let enabled = try #require(try await apis.observe(in: context))
                #expect(Set(required).isSubset(of: enabled))
                let asked = project.emulator.requests(methodID: "serviceusage.services.batchEnable")
                    .flatMap { $0.body?["serviceIds"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
                #expect(Set(asked) == Set(required).subtracting(enabledBefore))
                #expect(enabledBefore.isSuperset(of: before))

                project.emulator.clearRequests()
                #expect(await project.apply([apis], in: context).succeeded)
                #expect(project.mutatingRequests.isEmpty)
            }
        }
    }

    /// Property 2: for any environment, every bucket it names exists after setup.
    @Test func property2_everyDeclaredBucketExistsAfterSetup() async throws {
        let prefixes = Gen.element(of: Array("abcdefghijklmnopqrstuvwxyz")).array(of: 3...12).map { String($0.compactMap { $0 }) }
        await propertyCheck(count: 6, input: prefixes, Gen.element(of: ["dev", "stage", "prod"])) { prefix, environment in
            try await withEmulatedProject { project in
                // The buckets are development's; staging and production extend it.
                project.editEnvironment("development") { $0.replacingOccurrences(of: "name: clone-", with: "name: \(prefix)-") }
                let context = try await project.resourceContext(environment: environment ?? "dev")
                let buckets = context.environment.buckets.map(StorageBucket.init)
                #expect(buckets.count == 4)
                #expect(await project.apply([ProjectAPIs(services: context.environment.apis)] + buckets, in: context).succeeded)
                for bucket in context.environment.buckets {
                    #expect(bucket.name.hasPrefix("\(prefix)-") && bucket.name.hasSuffix("-\(environment ?? "dev")"))
                    #expect(project.resource("storage.buckets", bucket.name) != nil, "\(bucket.name) missing")
                }
            }
        }
    }

    /// Property 3: for any created bucket, its lifecycle policy deletes (or moves) objects
    /// after the retention the environment declares.
    @Test func property3_lifecyclePoliciesAreApplied() async throws {
        await propertyCheck(count: 8, input: Gen.int(in: 1...400), Gen.int(in: 1...400)) { temporary, documents in
            try await withEmulatedProject { project in
                // Both ages are marked first, so a drawn 365 for the temporary files is not
                // then taken for the documents' age.
                project.editEnvironment {
                    $0.replacingOccurrences(of: "        age: 7\n", with: "        age: TEMPORARY\n")
                        .replacingOccurrences(of: "        age: 365\n", with: "        age: DOCUMENTS\n")
                        .replacingOccurrences(of: "age: TEMPORARY\n", with: "age: \(temporary)\n")
                        .replacingOccurrences(of: "age: DOCUMENTS\n", with: "age: \(documents)\n")
                }
                let context = try await project.resourceContext()
                #expect(await project.apply(context.environment.buckets.map(StorageBucket.init), in: context).succeeded)
                let uploads = project.resource("storage.buckets", "clone-uploads-dev")?[path: "lifecycle.rule"]?.arrayValue ?? []
                #expect(uploads.first?[path: "action.type"]?.stringValue == "Delete")
                #expect(uploads.first?[path: "condition.age"]?.intValue == temporary)
                #expect(uploads.first?[path: "condition.matchesPrefix"]?.arrayValue?.first?.stringValue == "tmp/")
                let kept = project.resource("storage.buckets", "clone-documents-dev")?[path: "lifecycle.rule"]?.arrayValue ?? []
                #expect(kept.first?[path: "condition.age"]?.intValue == documents)
            }
        }
    }

    /// Property 4: for any created service account, all four roles are granted, and every
    /// binding others had on the project survives.
    @Test func property4_serviceAccountGetsEveryRoleAndOthersKeepTheirs() async throws {
        let roles = ["roles/viewer", "roles/editor", "roles/storage.objectAdmin", "roles/run.invoker", "roles/logging.logWriter"]
        let bindings = Gen.element(of: roles).array(of: 0...6)
        await propertyCheck(count: 10, input: bindings) { existing in
            try await withEmulatedProject { project in
                let context = try await project.resourceContext()
                project.emulator.setServices(["cloudresourcemanager.googleapis.com", "iam.googleapis.com"], enabled: true,
                                             project: EmulatedProject.project)
                let others = existing.compactMap { $0 }.enumerated().map { ("user:person\($0.offset)@example.com", $0.element) }
                var policy = try await context.resourceManager.iamPolicy(project: context.project)
                for (member, role) in others { policy.grant(role, to: member) }
                _ = try await context.resourceManager.setIAMPolicy(project: context.project, policy: policy)

                let account = context.environment.serviceAccount
                #expect(await project.apply([RuntimeServiceAccount(account), ProjectRoles(account)], in: context).succeeded)
                let after = try await context.resourceManager.iamPolicy(project: context.project)
                #expect(after.roles(of: "serviceAccount:\(account.email)") ==
                        ["roles/cloudsql.client", "roles/storage.objectAdmin", "roles/secretmanager.secretAccessor", "roles/run.invoker"])
                for (member, role) in others { #expect(after.members(of: role).contains(member)) }
            }
        }
    }

    /// Property 5: for any secret in the required list, it exists after setup with a value;
    /// a secret that already had versions keeps exactly them (real values: a placeholder is
    /// replaced, `PlaceholderSecretTests`).
    @Test func property5_everyRequiredSecretExistsAndExistingValuesAreKept() async throws {
        await propertyCheck(count: 10, input: Gen.int(in: -1...2).array(of: 3)) { versionsBefore in
            try await withEmulatedProject { project in
                let context = try await project.resourceContext()
                let ids = context.environment.secrets.map(\.id)
                project.emulator.setServices(["secretmanager.googleapis.com"], enabled: true, project: EmulatedProject.project)
                #expect(ids == ["jwt-secret", "refresh-secret", "database-password"])
                for (id, count) in zip(ids, versionsBefore) where count >= 0 {
                    _ = try await context.secretManager.createSecret(project: context.project, id: id, labels: [:])
                    for index in 0..<count {
                        _ = try await context.secretManager.addVersion(project: context.project, id: id, value: Data("kept-\(index)-an-operator-chosen-value".utf8))
                    }
                }
                let report = await project.apply(context.environment.secrets.map(ManagedSecret.init), in: context)
                #expect(report.succeeded, "\(report.failures.map { "\($0.id): \($0.reason)" })")
                for (id, count) in zip(ids, versionsBefore) {
                    #expect(secretVersions(id, in: project).count == max(count, 1), "\(id)")
                }
            }
        }
    }

    /// Properties 6, 7 and 8 hold for every environment type: PostgreSQL 15 or later, the
    /// tier of the environment, and backups on with a start time.
    @Test(arguments: [("dev", "db-f1-micro"), ("stage", "db-custom-1-3840"), ("prod", "db-custom-1-3840")])
    func properties6to8_cloudSQLVersionTierAndBackups(environment: String, tier: String) async throws {
        try await withEmulatedProject { project in
            let context = try await project.resourceContext(environment: environment)
            let sql = try #require(context.environment.cloudSQL)
            let instance = SQLInstance(sql, region: context.environment.region, labels: context.environment.labels)
            #expect(await project.apply([ProjectAPIs(services: context.environment.apis), instance], in: context).succeeded)
            let stored = try #require(project.resource("sqladmin.instances", sql.instance))
            let version = stored["databaseVersion"]?.stringValue ?? ""
            #expect(version.hasPrefix("POSTGRES_") && (Int(version.dropFirst("POSTGRES_".count)) ?? 0) >= 15)   // property 6
            #expect(stored[path: "settings.tier"]?.stringValue == tier)                                        // property 7
            #expect(stored[path: "settings.edition"]?.stringValue == "ENTERPRISE")
            #expect(stored[path: "settings.backupConfiguration.enabled"]?.boolValue == true)                   // property 8
            #expect(stored[path: "settings.backupConfiguration.startTime"]?.stringValue == "03:00")
        }
    }
}
