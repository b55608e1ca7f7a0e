import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// Production's monitoring (environments/production.yaml): the on-call email channel, an
/// uptime check of each public service's /health through the edge, and alert policies on
/// them, on each service's 5xx share and on Cloud SQL's CPU and disk. Google names all three
/// kinds with ids of its own: gcpctl finds them by address and display name, so nothing is
/// made twice, and a check that has to move keeps its alerts.
@Suite struct MonitoringKindTests {
    static let channels = "monitoring.notificationChannels", checks = "monitoring.uptimeCheckConfigs", policies = "monitoring.alertPolicies"

    func stored(_ project: EmulatedProject, _ collection: String) -> [GCPEmulator.JSONValue] {
        project.names(collection).sorted().compactMap { project.resource(collection, $0) }
    }

    func named(_ items: [GCPEmulator.JSONValue], _ displayName: String) -> GCPEmulator.JSONValue? {
        items.first { $0["displayName"]?.stringValue == displayName }
    }

    @Test func setupMakesTheChannelTheChecksAndThePoliciesAndASecondRunSendsNothing() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup(environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            let channels = stored(project, Self.channels)
            #expect(channels.count == 1)
            let channel = try #require(channels.first)
            #expect(channel[path: "labels.email_address"]?.stringValue == "oncall@example.com")
            #expect(channel[path: "userLabels.managed-by"]?.stringValue == "gcpctl" && channel[path: "userLabels.gcpctl-env"]?.stringValue == "prod")
            let channelName = try #require(channel["name"]?.stringValue)

            let checks = stored(project, Self.checks)
            #expect(Set(checks.compactMap { $0["displayName"]?.stringValue })
                    == ["api-gateway-health-prod", "websocket-server-health-prod", "face-processing-service-health-prod"])
            let websocket = try #require(named(checks, "websocket-server-health-prod"))
            #expect(websocket[path: "monitoredResource.labels.host"]?.stringValue == "app.example.com", "through the edge's domain")
            #expect(websocket[path: "httpCheck.path"]?.stringValue == "/ws/health", "behind its route's prefix")
            #expect(websocket[path: "httpCheck.useSsl"]?.boolValue == true && websocket[path: "httpCheck.validateSsl"]?.boolValue == true)
            #expect(websocket["period"]?.stringValue == "60s" && websocket["timeout"]?.stringValue == "10s")
            let checkID = try #require(websocket["name"]?.stringValue?.split(separator: "/").last.map(String.init))

            let policies = stored(project, Self.policies)
            #expect(policies.count == 8, "3 uptime, 3 5xx, CPU and disk")
            #expect(policies.allSatisfy { $0["notificationChannels"]?.arrayValue == [.string(channelName)] })
            let uptime = try #require(named(policies, "websocket-server-uptime-prod"))
            #expect(uptime[path: "conditions"]?.arrayValue?.first?[path: "conditionThreshold.filter"]?.stringValue?
                .contains(#"metric.label.check_id="\#(checkID)""#) == true)
            let errors = try #require(named(policies, "api-gateway-5xx-prod"))
            let threshold = errors[path: "conditions"]?.arrayValue?.first?["conditionThreshold"]
            #expect(threshold?["thresholdValue"]?.doubleValue == 0.01)
            #expect(threshold?["denominatorFilter"]?.stringValue?.contains(#"resource.label.service_name="api-gateway""#) == true)
            let cpu = try #require(named(policies, "digitwinlive-db-prod-cpu"))
            #expect(cpu[path: "conditions"]?.arrayValue?.first?[path: "conditionThreshold.filter"]?.stringValue?
                .contains(#"resource.label.database_id="\#(EmulatedProject.project):digitwinlive-db-prod""#) == true)
            #expect(websocket["disabled"]?.boolValue == true, "nothing to check before deploy: no failures, no alerts")
            #expect(run.diagnostics.contains("websocket-server is not deployed yet: the check stays disabled until `gcpctl deploy` deploys it"),
                    "\(run.diagnostics)")

            let mutating = project.mutatingRequests.compactMap(\.methodID)
            let policyCreates = mutating.indices.filter { mutating[$0] == "monitoring.projects.alertPolicies.create" }
            let checkCreates = mutating.indices.filter { mutating[$0] == "monitoring.projects.uptimeCheckConfigs.create" }
            #expect(checkCreates.count == 3 && policyCreates.count == 8)
            #expect(checkCreates.allSatisfy { check in policyCreates.contains { $0 > check } }, "policies follow the checks they name")

            project.emulator.clearRequests()
            #expect(await project.setup(environment: "prod").status == .success)
            #expect(project.mutatingRequests.map(\.methodID) == [], "a second setup changes nothing")
            #expect(stored(project, Self.policies).count == 8 && stored(project, Self.checks).count == 3)
            #expect(await project.plan(environment: "prod").output.contains("No changes"))
        }
    }

    /// A threshold edited in the console and a disabled policy: the plan names the fields,
    /// setup patches that policy alone and keeps its condition's name (and so its incidents).
    @Test func aDriftedPolicyIsPlannedFieldByFieldAndPatchedInPlace() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let policy = try #require(named(stored(project, Self.policies), "digitwinlive-db-prod-disk"))
            let name = try #require(policy["name"]?.stringValue)
            let conditionName = policy[path: "conditions"]?.arrayValue?.first?["name"]
            #expect(project.emulator.updateResource(project: EmulatedProject.project, collection: Self.policies, name: name) { policy in
                policy["enabled"] = false
                var conditions = policy["conditions"]?.arrayValue ?? []
                conditions[0]["conditionThreshold"]?["thresholdValue"] = 0.95
                policy["conditions"] = .array(conditions)
            })
            project.editEnvironment("production") { $0.replacingOccurrences(of: "sqlCpu: 0.8", with: "sqlCpu: 0.9") }
            let plan = await project.plan(environment: "prod")
            #expect(plan.output.contains("~ update alert policy digitwinlive-db-prod-disk"), "\(plan.output)")
            #expect(plan.output.contains("enabled: false → true"), "\(plan.output)")
            #expect(plan.output.contains("~ update alert policy digitwinlive-db-prod-cpu"), "\(plan.output)")
            #expect(plan.output.contains("CPU above 90%"), "\(plan.output)")
            project.emulator.clearRequests()
            #expect(await project.setup(environment: "prod").status == .success)
            #expect(project.mutatingRequests.compactMap(\.methodID) == Array(repeating: "monitoring.projects.alertPolicies.patch", count: 2))
            let patched = try #require(project.resource(Self.policies, name))
            #expect(patched["enabled"]?.boolValue == true)
            #expect(patched[path: "conditions"]?.arrayValue?.first?[path: "conditionThreshold.thresholdValue"]?.doubleValue == 0.85)
            #expect(patched[path: "conditions"]?.arrayValue?.first?["name"] == conditionName, "the condition keeps its name")
            #expect(await project.plan(environment: "prod").output.contains("No changes"))
        }
    }

    /// Without the edge, the checks watch the services' run.app hosts. Google cannot move a
    /// check: setup makes the new one, points the policies at it, then deletes the old.
    @Test func checksThatMustMoveAreRemadeAndTheirPoliciesFollow() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let before = Set(stored(project, Self.checks).compactMap { $0["name"]?.stringValue })
            project.editEnvironment("production") { text in
                String(text[..<text.range(of: "# The external HTTPS load balancer")!.lowerBound])
            }
            let plan = await project.plan(environment: "prod")
            #expect(plan.output.contains("host: app.example.com → api-gateway-"), "\(plan.output)")
            #expect(await project.setup(environment: "prod").status == .success)
            let checks = stored(project, Self.checks)
            #expect(checks.count == 3)
            #expect(before.isDisjoint(with: checks.compactMap { $0["name"]?.stringValue }), "each check was made anew")
            let gateway = try #require(named(checks, "api-gateway-health-prod"))
            #expect(gateway[path: "monitoredResource.labels.host"]?.stringValue?.hasSuffix(".us-central1.run.app") == true)
            #expect(gateway[path: "httpCheck.path"]?.stringValue == "/health")
            let id = try #require(gateway["name"]?.stringValue?.split(separator: "/").last.map(String.init))
            let policy = try #require(named(stored(project, Self.policies), "api-gateway-uptime-prod"))
            #expect(policy[path: "conditions"]?.arrayValue?.first?[path: "conditionThreshold.filter"]?.stringValue?
                .contains(#"check_id="\#(id)""#) == true, "the policy follows its check")
            #expect(await project.plan(environment: "prod").output.contains("No changes"))
        }
    }

    /// A move interrupted after the new check was made leaves two of one name: the next
    /// setup keeps the one on the declared host and lets the other go.
    @Test func aCopyLeftByAnInterruptedMoveIsRemovedAfterItsPoliciesMove() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let context = try await project.resourceContext(environment: "prod")
            let original = try #require(named(stored(project, Self.checks), "api-gateway-health-prod"))
            let copy = MonitoringAPI.UptimeCheckConfig(
                displayName: "api-gateway-health-prod", monitoredResource: .uptimeURL(host: "old.example.com", project: EmulatedProject.project),
                httpCheck: .init(path: "/health"), userLabels: ["managed-by": "gcpctl", "gcpctl-env": "prod"])
            let stale = try await context.monitoring.createUptimeCheck(project: EmulatedProject.project, copy)
            try await AlertPolicy.repoint(uptimeCheck: try #require(original["name"]?.stringValue?.split(separator: "/").last.map(String.init)),
                                          to: stale.id, in: context)
            let plan = await project.plan(environment: "prod")
            #expect(plan.output.contains("copies: 1 → 0"), "\(plan.output)")
            #expect(await project.setup(environment: "prod").status == .success)
            #expect(project.resource(Self.checks, try #require(stale.name)) == nil)
            #expect(stored(project, Self.checks).filter { $0["displayName"]?.stringValue == "api-gateway-health-prod" }.count == 1)
            let policy = try #require(named(stored(project, Self.policies), "api-gateway-uptime-prod"))
            #expect(policy[path: "conditions"]?.arrayValue?.first?[path: "conditionThreshold.filter"]?.stringValue?
                .contains(#"check_id="\#(stale.id)""#) == false)
            #expect(await project.plan(environment: "prod").output.contains("No changes"))
        }
    }

    /// Status reads each check's results: a check made before its service is deployed waits
    /// disabled; one enabled (as deploy does) shows what each location saw, and fails while
    /// its service is not deployed (deploy is the fix); failing from two locations of a
    /// deployed service is unhealthy.
    @Test func statusShowsEachChecksResultsAndThePolicies() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let waiting = await project.status(environment: "prod")
            #expect(waiting.output.split(separator: "\n").contains { $0.hasPrefix("api-gateway-health-prod ") && $0.contains("disabled until api-gateway is deployed") },
                    "\(waiting.output)")
            let context = try await project.resourceContext(environment: "prod")
            for name in ["api-gateway-health-prod", "websocket-server-health-prod"] {
                let config = try #require(try await UptimeCheck.observe(ResourceIdentity(.uptimeCheck, name), in: context)?.config)
                var enabled = config
                enabled.disabled = false
                _ = try await context.monitoring.patchUptimeCheck(name: try #require(config.name), enabled, updateMask: ["disabled"])
            }
            let gateway = try #require(named(stored(project, Self.checks), "api-gateway-health-prod")?["name"]?.stringValue)
            try project.emulator.setUptimeCheckResult(project: EmulatedProject.project, check: gateway, passed: true)
            let status = await project.status(environment: "prod")
            let lines = status.output.split(separator: "\n").map(String.init)
            #expect(status.output.contains("=== Monitoring ==="), "\(status.output)")
            let row = try #require(lines.first { $0.hasPrefix("api-gateway-health-prod ") }, "\(status.output)")
            #expect(row.contains("https://app.example.com/health") && row.contains("passing from all 6 locations"), "\(row)")
            let websocket = try #require(lines.first { $0.hasPrefix("websocket-server-health-prod ") })
            #expect(websocket.contains("drift") && websocket.contains("failing from all 6 locations"), "enabled before its service: \(websocket)")
            #expect(status.output.contains("disabled: false → true"), "setup disables it again until deploy: \(status.output)")
            let policy = try #require(lines.first { $0.hasPrefix("digitwinlive-db-prod-cpu ") })
            #expect(policy.contains("digitwinlive-db-prod CPU above 80% → oncall@example.com"), "\(policy)")
            #expect(lines.contains { $0.hasPrefix("other alert policies ") && $0.contains("0 (0 enabled)") }, "\(status.output)")

            let check = try #require(ResourceKind.uptimeCheck.declared?(try await project.resourceContext(environment: "prod").environment, SetupOptions())
                .compactMap { $0 as? UptimeCheck }.first)
            let failing = ["usa-iowa", "usa-oregon", "eur-belgium"].enumerated().map {
                MonitoringAPI.UptimeCheckResult(location: $1, passed: $0 == 2, time: "2026-12-06T10:00:00Z")
            }
            let environment = try await project.resourceContext(environment: "prod").environment
            let finding = check.health(of: UptimeCheck.State(config: MonitoringAPI.UptimeCheckConfig(
                displayName: "x", monitoredResource: .uptimeURL(host: "h", project: "p"), httpCheck: .init(path: "/health")), serviceDeployed: true),
                                       extra: failing, environment: environment)
            #expect(finding?.state == .unhealthy)
            #expect(finding?.reason == "api-gateway's /health fails from 2 of 3 locations")
            #expect(finding?.fix?.description == "gcpctl logs api-gateway --env=prod")
            #expect(UptimeCheck.resultText(failing) == "failing from usa-iowa, usa-oregon (1 of 3 pass)")
        }
    }

    /// Cleanup deletes the policies before the checks and the channel they name (Google
    /// refuses otherwise), and `gcpctl delete` finds a policy by its display name.
    @Test func cleanupDeletesPoliciesFirstAndDeleteFindsAPolicyByName() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let deleted = await project.run("delete", settings: GlobalSettings(environment: "prod", assumeYes: true)) { context, connector in
                try await DeleteWorkflow(kind: .alertPolicy, name: "api-gateway-5xx-prod").run(context, connector: connector)
            }
            #expect(deleted.status == .success, "\(deleted.diagnostics)")
            #expect(named(stored(project, Self.policies), "api-gateway-5xx-prod") == nil)
            #expect(stored(project, Self.policies).count == 7)

            let cleanup = await project.cleanupAll(environment: "prod", deleteProtected: true)
            #expect(cleanup.status == .success, "\(cleanup.diagnostics)")
            #expect(project.names(Self.policies).isEmpty && project.names(Self.checks).isEmpty && project.names(Self.channels).isEmpty)
            let order = project.mutatingRequests.compactMap(\.methodID).filter { $0.hasPrefix("monitoring.") }
            let lastPolicy = try #require(order.lastIndex(of: "monitoring.projects.alertPolicies.delete"))
            #expect(order.firstIndex(of: "monitoring.projects.uptimeCheckConfigs.delete").map { $0 > lastPolicy } == true)
            #expect(order.firstIndex(of: "monitoring.projects.notificationChannels.delete").map { $0 > lastPolicy } == true)
        }
    }

    /// Another environment's channel of the same address is not this one's: each keeps its own.
    @Test func twoEnvironmentsSharingAnAddressEachHaveTheirOwnChannel() async throws {
        try await withEmulatedProject { project in
            let context = try await project.resourceContext(environment: "prod")
            _ = try await context.monitoring.createNotificationChannel(
                project: EmulatedProject.project, .email("oncall@example.com", userLabels: ["managed-by": "gcpctl", "gcpctl-env": "stage"]))
            #expect(await project.setup(environment: "prod").status == .success)
            let channels = stored(project, Self.channels)
            #expect(channels.count == 2)
            let own = try #require(channels.first { $0[path: "userLabels.gcpctl-env"]?.stringValue == "prod" }?["name"]?.stringValue)
            #expect(stored(project, Self.policies).allSatisfy { $0["notificationChannels"]?.arrayValue == [.string(own)] })
        }
    }

    @Test(arguments: [
        ("email: oncall@example.com", "email: oncall", "not an email address"),
        ("{period: 60s, timeout: 10s}", "{period: 2m, timeout: 10s}", "not a period uptime checks run at"),
        ("{period: 60s, timeout: 10s}", "{period: 60s, timeout: 90s}", "use 1s to 60s"),
        ("errorRatio: 0.01", "errorRatio: 5", "not a share"),
    ])
    func badMonitoringSettingsAreRefusedWithTheKey(original: String, replacement: String, message: String) async {
        await expectProductionRefused(replacing: original, with: replacement, message: message, key: "monitoring.")
    }

    /// `alerts:` names the policies to make; absent, all four families at their defaults.
    @Test func alertsListsThePoliciesToMake() async throws {
        let directory = ScratchDirectory()
        Repository.writeEnvironment("production", to: directory) {
            $0.replacingOccurrences(of: "alerts: {uptime: true, errorRatio: 0.01, sqlCpu: 0.8, sqlDisk: 0.85}", with: "alerts: {sqlDisk: 0.9}")
        }
        let environment = try await directory.loader(["GCP_PROJECT_ID": "my-project-123"]).load(EnvironmentRequest(name: "prod"))
        #expect(environment.monitoring?.alertPolicies.map(\.name) == ["digitwinlive-db-prod-disk"])
        #expect(environment.monitoring?.uptimeChecks.count == 3, "checks do not depend on alerts")
        #expect(environment.apis.contains("monitoring.googleapis.com"))
        let development = try await loadEnvironment(Repository.environmentText("development"), variables: ["GCP_PROJECT_ID": "my-project-123"])
        #expect(development.monitoring == nil)
    }
}
