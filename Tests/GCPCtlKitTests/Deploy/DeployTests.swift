import Foundation
import GCPEmulator
import Testing
@testable import GCPCtlKit

/// `gcpctl deploy` against the emulator, through the real client over libcurl.
@Suite struct DeployTests {
    static let repository = "us-central1-docker.pkg.dev/demo-project/digitwinlive"
    static let buildGet = "cloudbuild.projects.locations.builds.get"

    @Test func deployingAllThreeFromACleanProjectBuildsDeploysAndWritesTheURLs() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            project.directory.write(".env.development", "# local settings\nFEATURE_FLAG=on\n\nAPI_GATEWAY_URL=http://localhost:3000 # old\n")
            let run = await project.deploy()
            #expect(run.status == .success, "\(run.diagnostics)\n\(run.output)")

            // Three images, each with its timestamp tag and latest (property 10).
            let images = project.dockerImages
            #expect(images.count == 3)
            for service in EmulatedProject.services {
                let image = try #require(images.first { $0["uri"]?.stringValue?.hasPrefix("\(Self.repository)/\(service)@sha256:") == true })
                let tags = image["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(tags.contains("latest"), "\(service): \(tags)")
                #expect(tags.contains { $0.range(of: #"^\d{8}-\d{6}$"#, options: .regularExpression) != nil }, "\(service): \(tags)")

                let stored = try #require(project.service(service), "\(service) not deployed")
                #expect(stored[path: "template.containers"]?.arrayValue?.first?["image"] == image["uri"], "deployed by digest")
                // Cloud Run's `uri` is hash-based; the deterministic URL is the first of `urls`.
                #expect(stored["uri"]?.stringValue?.hasSuffix("-uc.a.run.app") == true)
                #expect(project.serviceURL(service)?.hasSuffix(".us-central1.run.app") == true)
            }
            // Three URLs in the env file, its other lines kept (property 35).
            let envFile = try #require(project.envFileText())
            #expect(envFile.hasPrefix("# local settings\nFEATURE_FLAG=on\n\nAPI_GATEWAY_URL=https://api-gateway-"))
            for variable in ["API_GATEWAY_URL", "WEBSOCKET_URL", "FACE_PROCESSING_URL"] {
                #expect(envFile.contains("\n\(variable)=https://"), "\(variable) missing:\n\(envFile)")
            }
            #expect(run.output.contains("Wrote API_GATEWAY_URL, WEBSOCKET_URL, FACE_PROCESSING_URL to .env.development"))
            #expect(run.output.contains("✅ Deployed 3 services to development"))
        }
    }

    @Test func aSecondDeployOfTheSameSourceAndConfigurationChangesNothing() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy().status == .success)
            let revisions = EmulatedProject.services.map { project.service($0)?["latestReadyRevision"] }
            project.emulator.clearRequests()

            let second = await project.deploy()
            #expect(second.status == .success, "\(second.diagnostics)")
            #expect(project.mutatingRequests.map { "\($0.method) \($0.url)" } == [])
            #expect(EmulatedProject.services.map { project.service($0)?["latestReadyRevision"] } == revisions)
            #expect(second.diagnostics.contains("api-gateway: source unchanged"))
            #expect(second.diagnostics.contains("api-gateway: no change; revision"))
            #expect(second.output.contains("unchanged"))
        }
    }

    @Test func aChangedSourceIsBuiltAgainAndUpdatesTheServiceInPlace() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy().status == .success)
            let before = try #require(project.service("api-gateway"))
            project.directory.write("examples/api-gateway/src/extra.js", "module.exports = 1;\n")
            project.emulator.clearRequests()

            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").count == 1)
            #expect(project.emulator.requests(methodID: "run.projects.locations.services.create").isEmpty, "no duplicate service")
            let patches = project.emulator.requests(methodID: "run.projects.locations.services.patch")
            #expect(patches.count == 1)
            #expect(patches.first?.body?["etag"] == before["etag"], "the update names the etag it read")
            let after = try #require(project.service("api-gateway"))
            #expect(after["latestReadyRevision"] != before["latestReadyRevision"])
            #expect(after["uid"] == before["uid"])
            #expect(run.diagnostics.contains("api-gateway: updating in place: image:"))
            #expect(run.output.contains("updated"))
        }
    }

    @Test func aChangedVariableUpdatesWithoutBuildingAndSaysWhatChanges() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy().status == .success)
            project.editEnvironment { $0.replacingOccurrences(of: "      LOG_LEVEL: debug\n", with: "      LOG_LEVEL: info\n") }
            project.emulator.clearRequests()

            let run = await project.deploy()
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").isEmpty)
            #expect(project.emulator.requests(methodID: "storage.objects.insert").isEmpty)
            #expect(project.emulator.requests(methodID: "run.projects.locations.services.patch").count == 3)
            #expect(run.diagnostics.contains("api-gateway: updating in place: env.LOG_LEVEL: debug → info"))
            let env = project.service("api-gateway")?[path: "template.containers"]?.arrayValue?.first?["env"]?.arrayValue ?? []
            #expect(env.contains { $0["name"] == "LOG_LEVEL" && $0["value"] == "info" })
        }
    }

    /// Builds of 1,000 s whose clock moves only once all three are being polled: none can
    /// finish before then. A deploy that waited for one build before starting the next
    /// would never get there; it is interrupted instead (when `whenLog` gives up), and fails
    /// here rather than hang. Proven by what the emulator holds, not by time.
    @Test func servicesBuildConcurrentlyAndEachWaitsOnlyForItsOwnBuild() async throws {
        try await withEmulatedProject({ $0.operationSeconds = ["build": 1000] }) { project in
            #expect(await project.prepareForDeploy().status == .success)
            let emulator = project.emulator, interrupts = InterruptMonitor()
            let allPolled: @Sendable ([RequestLogEntry]) -> Bool = { log in
                Set(log.filter { $0.methodID == Self.buildGet }.map(\.url)).count == 3
            }
            let underWay = emulator.whenLog(allPolled) {
                if allPolled(emulator.requests()) { emulator.advanceClock(seconds: 1001) } else { interrupts.interrupt() }
            }
            let run = await project.deploy(interrupts: interrupts)
            #expect(await underWay.value, "the three builds were never polled while all were running")
            #expect(run.status == .success, "\(run.diagnostics)")

            let builds = project.builds
            #expect(builds.count == 3)
            #expect(builds.allSatisfy { $0["status"] == "SUCCESS" })
            let created = builds.compactMap { $0["createTime"]?.stringValue }
            let finished = builds.compactMap { $0["finishTime"]?.stringValue }
            #expect(created.count == 3 && finished.count == 3)
            // RFC 3339 in UTC with milliseconds: the strings sort as the times do.
            let lastCreated = try #require(created.max()), firstFinished = try #require(finished.min())
            #expect(lastCreated < firstFinished, "every build was created before any finished: \(created) \(finished)")
            let requests = emulator.requests()
            let firstServiceCreate = try #require(requests.firstIndex { $0.methodID == "run.projects.locations.services.create" })
            let lastBuildCreate = try #require(requests.lastIndex { $0.methodID == "cloudbuild.projects.locations.builds.create" })
            #expect(lastBuildCreate < firstServiceCreate, "every build started before the first deploy")
        }
    }

    /// A 1,000 s build whose clock moves once deploy has polled it twice (the second poll
    /// is sent only after the first was answered, so that one saw it running): QUEUED from
    /// the create's answer, then WORKING at its one step, each said once, in order.
    @Test func aBuildsStatusIsShownEachTimeItChanges() async throws {
        try await withEmulatedProject({ $0.operationSeconds = ["build": 1000] }) { project in
            #expect(await project.prepareForDeploy().status == .success)
            let emulator = project.emulator
            let polledTwice = emulator.whenLog({ $0.filter { $0.methodID == Self.buildGet }.count >= 2 }) {
                emulator.advanceClock(seconds: 1001)
            }
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(await polledTwice.value)
            #expect(run.status == .success, "\(run.diagnostics)")
            let build = try #require(project.builds.first)
            let id = try #require(build["id"]?.stringValue), logURL = try #require(build["logUrl"]?.stringValue)
            let lines = run.diagnostics.split(separator: "\n").map(String.init)
            #expect(lines.filter { $0.hasPrefix("  api-gateway: build ") } == [
                "  api-gateway: build \(id) started: \(logURL)",
                "  api-gateway: build QUEUED",
                "  api-gateway: build WORKING, step 1 of 1 (gcr.io/cloud-builders/docker)",
            ], "\(run.diagnostics)")
            let working = try #require(lines.firstIndex { $0.hasPrefix("  api-gateway: build WORKING") })
            let built = try #require(lines.firstIndex { $0.hasPrefix("✅ api-gateway: built \(Self.repository)/api-gateway@sha256:") })
            #expect(working < built)
        }
    }

    /// The staging bucket `PROJECT_cloudbuild`, which setup makes (the build account reads
    /// it): when it is gone, the next deploy creates it as StagingBucket describes it, grants
    /// the build account read on it again, and the deploy after only looks at it.
    @Test func theFirstDeployCreatesTheStagingBucketAndTheNextUsesIt() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let staging = "demo-project_cloudbuild"
            #expect(project.resource(EmulatorCollections.buckets, staging) != nil, "setup makes it")
            #expect(project.emulator.deleteBucket(staging))
            project.emulator.clearRequests()

            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("✅ created the staging bucket \(staging) (archives deleted after 7 days)"))
            #expect(run.diagnostics.contains("✅ granted roles/storage.objectViewer on gs://\(staging) to the build account digitwinlive-build@demo-project.iam.gserviceaccount.com"),
                    "\(run.diagnostics)")
            #expect(project.emulator.requests(methodID: "storage.buckets.insert").compactMap { $0.body?["name"]?.stringValue } == [staging])
            let bucket = try #require(project.resource(EmulatorCollections.buckets, staging))
            #expect(bucket["location"]?.stringValue == "US-CENTRAL1", "in the region")
            #expect(bucket["storageClass"]?.stringValue == "STANDARD")
            #expect(bucket[path: "iamConfiguration.uniformBucketLevelAccess.enabled"] == true)
            let rules = bucket[path: "lifecycle.rule"]?.arrayValue ?? []
            #expect(rules.count == 1, "\(rules)")
            #expect(rules.first?[path: "action.type"]?.stringValue == "Delete")
            #expect(rules.first?[path: "condition.age"]?.intValue == StagingBucket.retentionDays)
            let labels = (bucket["labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
            let environmentLabels = try await project.resourceContext().environment.labels
            #expect(labels == environmentLabels, "labelled as the environment's resources are")
            #expect(labels["managed-by"] == "gcpctl" && labels["gcpctl-env"] == "dev")
            let uploads = project.emulator.requests(methodID: "storage.objects.insert")
            #expect(uploads.count == 1 && uploads.allSatisfy { $0.url.contains("/b/\(staging)/o") }, "\(uploads.map(\.url))")

            // A changed source is uploaded into the same bucket; no second bucket insert.
            project.directory.write("examples/api-gateway/src/extra.js", "module.exports = 1;\n")
            project.emulator.clearRequests()
            let second = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(second.status == .success, "\(second.diagnostics)")
            #expect(project.emulator.requests(methodID: "storage.buckets.insert").isEmpty)
            #expect(!second.diagnostics.contains("created the staging bucket"))
            let reuploads = project.emulator.requests(methodID: "storage.objects.insert")
            #expect(reuploads.count == 1 && reuploads.allSatisfy { $0.url.contains("/b/\(staging)/o") }, "\(reuploads.map(\.url))")
            #expect(project.names(EmulatorCollections.buckets).filter { $0.hasSuffix("_cloudbuild") } == [staging])
        }
    }

    @Test func skipBuildDeploysTheImageTaggedLatest() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let none = await project.deploy(DeployOptions(services: ["api-gateway"], skipBuild: true, healthCheck: quickHealthCheck))
            #expect(none.status == .operationFailed)
            #expect(none.diagnostics.contains("there is no image us-central1-docker.pkg.dev/demo-project/digitwinlive/api-gateway:latest to deploy with --skip-build"))

            #expect(await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck)).status == .success)
            project.directory.write("examples/api-gateway/src/unbuilt.js", "1\n")
            project.emulator.clearRequests()
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], skipBuild: true, healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").isEmpty)
            #expect(project.mutatingRequests.isEmpty, "the latest image is the one deployed already")
        }
    }
}
