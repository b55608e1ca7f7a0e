import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// Production's Cloud Scheduler jobs (environments/production.yaml): an HTTP job on the
/// gateway's URL with the runtime account's OIDC token, a Pub/Sub job after its topic;
/// nothing twice; plan, pause drift, status, list and delete by identity.
@Suite struct SchedulerJobKindTests {
    static let parent = "projects/\(EmulatedProject.project)/locations/us-central1/jobs/"
    static let nightly = parent + "nightly-cleanup-prod", hourly = parent + "hourly-sweep-prod"

    func prod(_ project: EmulatedProject, _ name: String, format: OutputFormat = .text,
              _ body: @escaping @Sendable (CommandContext, CloudConnector) async throws -> GCPCtlKit.ExitStatus) async -> EmulatedProject.Run {
        await project.run(name, settings: GlobalSettings(environment: "prod", assumeYes: true, format: format), body)
    }

    @Test func setupCreatesBothJobsAfterWhatTheyNeedAndASecondRunSendsNothing() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup(environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            let nightly = try #require(project.resource(EmulatorCollections.schedulerJobs, Self.nightly))
            #expect(nightly["description"]?.stringValue == "Managed by gcpctl for prod")
            #expect(nightly["schedule"]?.stringValue == "0 3 * * *")
            #expect(nightly["timeZone"]?.stringValue == "Etc/UTC")
            let uri = try #require(nightly[path: "httpTarget.uri"]?.stringValue)
            #expect(uri.hasPrefix("https://api-gateway-") && uri.hasSuffix(".us-central1.run.app/jobs/cleanup"))
            #expect(nightly[path: "httpTarget.httpMethod"]?.stringValue == "POST")
            #expect(nightly[path: "httpTarget.oidcToken.serviceAccountEmail"]?.stringValue
                    == "digitwinlive-sa@\(EmulatedProject.project).iam.gserviceaccount.com")
            #expect(nightly[path: "retryConfig.retryCount"]?.intValue == 3)
            #expect(nightly[path: "retryConfig.maxBackoffDuration"]?.stringValue == "300s")
            let hourly = try #require(project.resource(EmulatorCollections.schedulerJobs, Self.hourly))
            #expect(hourly[path: "pubsubTarget.topicName"]?.stringValue == "projects/\(EmulatedProject.project)/topics/jobs-prod")
            #expect(hourly[path: "pubsubTarget.data"]?.stringValue == Data(#"{"task":"sweep"}"#.utf8).base64EncodedString())
            #expect(run.diagnostics.contains("api-gateway is not deployed yet"), "\(run.diagnostics)")

            let mutating = project.emulator.requests().filter(\.mutating).compactMap(\.methodID)
            let jobCreates = mutating.indices.filter { mutating[$0] == "cloudscheduler.projects.locations.jobs.create" }
            let topicCreates = mutating.indices.filter { mutating[$0] == "pubsub.projects.topics.create" }
            #expect(jobCreates.count == 2)
            #expect(topicCreates.allSatisfy { topic in jobCreates.contains { $0 > topic } }, "the Pub/Sub job follows its topic")

            project.emulator.clearRequests()
            #expect(await project.setup(environment: "prod").status == .success)
            #expect(project.mutatingRequests.map(\.methodID) == [], "a second setup changes nothing")
            #expect(await project.plan(environment: "prod").output.contains("No changes"))
        }
    }

    @Test func planShowsTheScheduleChangeAndAPausedJobAndSetupPutsBothRight() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let context = try await project.resourceContext(environment: "prod")
            _ = try await context.scheduler.pauseJob(project: context.project, location: "us-central1", id: "hourly-sweep-prod")
            project.editEnvironment("production") { $0.replacingOccurrences(of: #"schedule: "0 3 * * *""#, with: #"schedule: "30 2 * * *""#) }
            let plan = await project.plan(environment: "prod")
            #expect(plan.output.contains("schedule: 0 3 * * * → 30 2 * * *"), "\(plan.output)")
            #expect(plan.output.contains("state: PAUSED → ENABLED"), "\(plan.output)")
            project.emulator.clearRequests()
            #expect(await project.setup(environment: "prod").status == .success)
            #expect(project.mutatingRequests.compactMap(\.methodID).sorted()
                    == ["cloudscheduler.projects.locations.jobs.patch", "cloudscheduler.projects.locations.jobs.resume"])
            #expect(project.resource(EmulatorCollections.schedulerJobs, Self.nightly)?["schedule"]?.stringValue == "30 2 * * *")
            #expect(project.resource(EmulatorCollections.schedulerJobs, Self.hourly)?["state"]?.stringValue == "ENABLED")
        }
    }

    @Test func statusShowsScheduleTargetAndStateAndAPausedJobAsDrift() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let status = await project.status(environment: "prod")
            let lines = status.output.split(separator: "\n")
            let nightly = try #require(lines.first { $0.contains("nightly-cleanup-prod") }, "\(status.output)")
            #expect(nightly.contains("0 3 * * * (Etc/UTC)") && nightly.contains("ENABLED") && nightly.contains("ok"), "\(status.output)")
            let hourly = try #require(lines.first { $0.contains("hourly-sweep-prod") })
            #expect(hourly.contains("publish {\"task\":\"sweep\"} to jobs-prod"), "\(status.output)")

            let context = try await project.resourceContext(environment: "prod")
            _ = try await context.scheduler.pauseJob(project: context.project, location: "us-central1", id: "nightly-cleanup-prod")
            let paused = await project.status(environment: "prod")
            let row = try #require(paused.output.split(separator: "\n").first { $0.contains("nightly-cleanup-prod") })
            #expect(row.contains("drift") && row.contains("PAUSED"), "\(paused.output)")
        }
    }

    @Test func listJudgesByDescriptionAndDeleteRemovesByName() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let context = try await project.resourceContext(environment: "prod")
            let others = CloudSchedulerAPI.Job(name: Self.parent + "devs-job", description: "Managed by gcpctl for dev", schedule: "* * * * *",
                                               pubsubTarget: .init(topicName: "projects/\(EmulatedProject.project)/topics/jobs-prod", data: Data("x".utf8)))
            _ = try await context.scheduler.createJob(project: context.project, location: "us-central1", others)

            let listed = await prod(project, "list", format: .json) { context, connector in
                try await ListWorkflow(kinds: [.schedulerJob], includeUnmanaged: true).run(context, connector: connector)
            }
            let document = try JSONDecoder().decode(ListDocument.self, from: Data(listed.output.utf8))
            // Judged by the description; the environment column is the gcpctl-env label, which jobs cannot have.
            #expect(document.resources.map { "\($0.name) \($0.managed)" }.sorted()
                    == ["devs-job true", "hourly-sweep-prod true", "nightly-cleanup-prod true"], "\(listed.output)")

            let refused = await prod(project, "delete") { context, connector in
                try await DeleteWorkflow(kind: .schedulerJob, name: "devs-job", force: false).run(context, connector: connector)
            }
            #expect(refused.status != .success)
            #expect(project.resource(EmulatorCollections.schedulerJobs, Self.parent + "devs-job") != nil)
            let deleted = await prod(project, "delete") { context, connector in
                try await DeleteWorkflow(kind: .schedulerJob, name: "nightly-cleanup-prod", force: false).run(context, connector: connector)
            }
            #expect(deleted.status == .success, "\(deleted.diagnostics)")
            #expect(project.resource(EmulatorCollections.schedulerJobs, Self.nightly) == nil)
        }
    }

    @Test func costCountsTheJobsLessTheFreeOnes() async throws {
        let directory = ScratchDirectory()
        Repository.writeEnvironment("production", to: directory)
        let environment = try await directory.loader(["GCP_PROJECT_ID": "my-project-123"]).load(EnvironmentRequest(name: "prod"))
        var estimator = CostEstimator(environment: environment, observed: nil, prices: PriceBook.builtIn)
        let cost = try #require(try estimator.scheduler().first)
        #expect(cost.lines.map(\.item) == ["jobs", "free tier"])
        #expect(cost.lines.map(\.quantity) == [2, -2])
        #expect(environment.apis.contains("cloudscheduler.googleapis.com"))
    }

    @Test(arguments: [
        ("schedule: \"0 3 * * *\"", "schedule: \"0 3 * *\"", "not a unix-cron schedule"),
        ("timeZone: Etc/UTC", "timeZone: Mars/Olympus", "not a time zone"),
        ("http: {service: api-gateway, path: /jobs/cleanup, method: POST}", "http: {service: api-gatewy, path: /jobs/cleanup}", "did you mean 'api-gateway'"),
        ("        topic: jobs-{env}\n        data", "        topic: jobz-{env}\n        data", "not one of the Pub/Sub topics"),
        ("retry: {count: 3,", "retry: {count: 9,", "use 0 to 5"),
    ])
    func badJobsAreRefusedWithTheKey(original: String, replacement: String, message: String) async {
        await expectProductionRefused(replacing: original, with: replacement, message: message, key: "scheduler.jobs[")
    }
}
