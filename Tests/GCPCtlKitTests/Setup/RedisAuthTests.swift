import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// The `redis-auth` kind and the services' Redis variables (issue 21 item 3): production
/// with AUTH keeps the instance's AUTH string in a declared secret, once per instance state,
/// never showing it; deploy gives every service REDIS_HOST, REDIS_PORT and REDIS_AUTH, and
/// refuses before building while Redis is not READY.
@Suite struct RedisAuthTests {
    static let instance = RedisInstanceTests.name
    static let secret = "redis-auth"

    /// Production with `auth: {enabled: true, secret: redis-auth}`, the secret declared.
    static func withAuth(_ project: EmulatedProject) {
        project.editEnvironment("production") { text in
            text.replacingOccurrences(of: "  version: REDIS_7_0\n",
                                      with: "  version: REDIS_7_0\n  auth:\n    enabled: true\n    secret: \(secret)\n")
                + "\nsecrets:\n  - id: jwt-secret\n  - id: refresh-secret\n  - id: database-password\n  - id: \(secret)\n"
        }
    }

    /// The AUTH string the emulator holds for the instance.
    static func authString(_ project: EmulatedProject) -> String? {
        project.emulator.mutateState { $0.resource(EmulatedProject.project, "redis.instances", instance)?["@authString"]?.stringValue }
    }

    /// The secret's versions, by number, and the newest one's value.
    static func versions(_ project: EmulatedProject) -> (count: Int, latest: String?) {
        project.emulator.mutateState { state in
            let versions = state.resources(EmulatedProject.project, "secretmanager.versions", prefix: secret + "/")
            let newest = versions.max { (Int($0.name.split(separator: "/").last ?? "") ?? 0) < (Int($1.name.split(separator: "/").last ?? "") ?? 0) }
            let value = newest?.value["@data"]?.stringValue.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
            return (versions.count, value)
        }
    }

    @Test func setupStoresTheAUTHStringOnceAndASecondRunSendsNothing() async throws {
        try await withEmulatedProject { project in
            Self.withAuth(project)
            let run = await project.setup(environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            let auth = try #require(Self.authString(project))
            let stored = Self.versions(project)
            #expect(stored.latest == auth, "the secret's latest version is the instance's AUTH string")
            #expect(stored.count == 2, "the generated first version, then the AUTH string")
            #expect(!(run.output + run.diagnostics).contains(auth))
            let annotation = project.emulator.mutateState { state in
                state.resources(EmulatedProject.project, "secretmanager.secrets").first { $0.name.hasSuffix(Self.secret) }?
                    .value["annotations"]?["gcpctl-redis-auth.digitwinlive-redis-prod"]?.stringValue
            }
            #expect(annotation?.hasPrefix("digitwinlive-redis-prod@") == true && annotation?.hasSuffix("/auth-on") == true, "\(annotation ?? "none")")

            project.emulator.clearRequests()
            let again = await project.setup(environment: "prod")
            #expect(again.status == .success, "\(again.diagnostics)")
            #expect(project.mutatingRequests.isEmpty, "\(project.mutatingRequests.map(\.url))")
            #expect(project.emulator.requests(methodID: "redis.projects.locations.instances.getAuthString").isEmpty)
            #expect(Self.versions(project).count == 2)

            let status = await project.status(environment: "prod")
            #expect(status.output.contains("AUTH string in secret redis-auth: current"), "\(status.output)")
            #expect(!(status.output + status.diagnostics).contains(auth))
        }
    }

    @Test func theAUTHStringNeverAppearsInVerboseOutput() async throws {
        try await withEmulatedProject { project in
            Self.withAuth(project)
            let run = await project.run("setup", settings: GlobalSettings(environment: "prod", assumeYes: true, verbose: true)) { context, connector in
                try await SetupWorkflow(executor: fastExecutor).run(context, connector: connector)
            }
            #expect(run.status == .success, "\(run.diagnostics)")
            let auth = try #require(Self.authString(project))
            let everything = run.output + run.diagnostics
            #expect(everything.contains("/authString"), "the trace shows the getAuthString call")
            #expect(!everything.contains(auth))
            #expect(!everything.contains(Data(auth.utf8).base64EncodedString()))
        }
    }

    @Test func aRecreatedInstanceMakesTheNextSetupAddAVersion() async throws {
        try await withEmulatedProject { project in
            Self.withAuth(project)
            #expect(await project.setup(environment: "prod").status == .success)
            // As a delete and create would leave it: a new createTime and a new AUTH string.
            let renewed = UUID().uuidString.lowercased()
            project.emulator.mutateState { state in
                guard var instance = state.resource(EmulatedProject.project, "redis.instances", Self.instance) else { return }
                instance["createTime"] = .string("2030-01-01T00:00:00Z")
                instance["@authString"] = .string(renewed)
                state.setResource(EmulatedProject.project, "redis.instances", Self.instance, instance)
            }
            let plan = await project.plan(environment: "prod")
            #expect(plan.output.contains("authString"), "\(plan.output)")
            let status = await project.status(environment: "prod")
            #expect(status.output.contains("AUTH string in secret redis-auth: stale"), "\(status.output)")

            let run = await project.setup(environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            let stored = Self.versions(project)
            #expect(stored.count == 3)
            #expect(stored.latest == renewed)
            #expect(!(run.output + run.diagnostics).contains(renewed))
        }
    }

    @Test func deployGivesTheServicesRedisHostPortAndAUTH() async throws {
        try await withEmulatedProject { project in
            Self.withAuth(project)
            let run = await project.setUpAndDeploy(environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            let host = try #require(project.resource("redis.instances", Self.instance)?["host"]?.stringValue)
            for service in EmulatedProject.services {
                let env = project.deployedEnv(service)
                #expect(env["REDIS_HOST"] == host, "\(service): \(env)")
                #expect(env["REDIS_PORT"] == "6379", "\(service)")
                #expect(env["REDIS_AUTH"] == "secret \(Self.secret):latest", "\(service)")
            }
        }
    }

    @Test func deployRefusesBeforeBuildingWhileRedisIsNotReady() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy(environment: "prod").status == .success)
            project.emulator.mutateState { state in
                guard var instance = state.resource(EmulatedProject.project, "redis.instances", Self.instance) else { return }
                instance["state"] = .string("CREATING")
                state.setResource(EmulatedProject.project, "redis.instances", Self.instance, instance)
            }
            project.emulator.clearRequests()
            let run = await project.deploy(environment: "prod")
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("the Redis instance digitwinlive-redis-prod is CREATING, not READY; run gcpctl setup --env=prod first"),
                    "\(run.diagnostics)")
            #expect(project.emulator.requests(methodID: "cloudbuild.projects.builds.create").isEmpty)
            #expect(project.emulator.requests(methodID: "run.projects.locations.services.create").isEmpty)

            project.emulator.mutateState { state in _ = state.removeResource(EmulatedProject.project, "redis.instances", Self.instance) }
            let missing = await project.deploy(environment: "prod")
            #expect(missing.status == .configurationError)
            #expect(missing.diagnostics.contains("the Redis instance digitwinlive-redis-prod does not exist; run gcpctl setup --env=prod first"),
                    "\(missing.diagnostics)")
        }
    }
}
