import Foundation
import GCPEmulator
import GoogleCloud
import Testing
@testable import GCPCtlKit

/// Following a log object a part at a time, and showing its lines.
@Suite struct BuildLogTailTests {
    func build(logsBucket: String = "gs://build-logs") -> CloudBuildAPI.Build {
        var build = CloudBuildAPI.Build()
        build.id = "b-1"
        build.logsBucket = logsBucket
        build.steps = [.init(name: "gcr.io/cloud-builders/docker", args: ["build", "."])]
        return build
    }

    @Test func readsGiveWholeLinesInOrderAsTheLogGrows() async throws {
        try await withEmulatedProject { project in
            let storage = try await project.resourceContext().storage
            _ = try await storage.createBucket(project: EmulatedProject.project, StorageAPI.Bucket(name: "build-logs"))
            // A timeout a loaded machine cannot reach: a read that timed out would come back empty.
            let tail = try #require(BuildLogTail(build: build(), storage: storage, readTimeout: .seconds(300)))
            #expect(tail.address == "gs://build-logs/log-b-1.txt")
            func write(_ text: String) async throws {
                _ = try await storage.upload(bucket: "build-logs", name: "log-b-1.txt", data: Data(text.utf8), contentType: "text/plain")
            }

            let notYet = await tail.read()
            #expect(notYet.lines.isEmpty && notYet.stoppedBecause == nil, "a 404 before the build writes its log is no failure: \(notYet)")
            try await write("starting build \"b-1\"\nStep #0: Step 1/2 : FROM node:20\nStep #0: Sending")
            #expect(await tail.read().lines == ["starting build \"b-1\"", "Step 1/2 : FROM node:20"])
            try await write("starting build \"b-1\"\nStep #0: Step 1/2 : FROM node:20\nStep #0: Sending context\r\nDONE")
            #expect(await tail.read().lines == ["Sending context"], "the line begun before, ended now")
            #expect(await tail.read().lines.isEmpty, "nothing new: 416")
            #expect(await tail.read(buildFinished: true).lines == ["DONE"], "an unended last line once the build is done")
            #expect(tail.latestLines == ["starting build \"b-1\"", "Step 1/2 : FROM node:20", "Sending context", "DONE"])
            let ranges = project.emulator.requests(methodID: "storage.objects.get").count
            #expect(ranges == 5)
        }
    }

    @Test func aFailedReadStopsTheTailingOnceAndForAll() async throws {
        try await withEmulatedProject { project in
            let storage = try await project.resourceContext().storage
            project.emulator.inject(FaultRule(methodID: "storage.objects.get", action: .status(code: 503, status: "UNAVAILABLE"), times: 0))
            let tail = try #require(BuildLogTail(build: build(), storage: storage))
            let failed = await tail.read()
            #expect(failed.stoppedBecause?.hasPrefix("503 UNAVAILABLE: ") == true, "\(failed)")
            #expect(await tail.read().stoppedBecause == nil, "said once")
            #expect(project.emulator.requests(methodID: "storage.objects.get").count == 1, "one attempt, then no more")
        }
    }

    @Test func aBuildWhoseLogIsNotInCloudStorageHasNoTail() async throws {
        let storage = try await withEmulatedProject { project in try await project.resourceContext().storage }
        var cloudLoggingOnly = build()
        cloudLoggingOnly.options = .init(logging: "CLOUD_LOGGING_ONLY")
        #expect(BuildLogTail(build: cloudLoggingOnly, storage: storage) == nil)
        var noBucket = build()
        noBucket.logsBucket = nil
        #expect(BuildLogTail(build: noBucket, storage: storage) == nil)
        #expect(BuildLogTail(build: build(logsBucket: "gs://mine/logs/"), storage: storage)?.address == "gs://mine/logs/log-b-1.txt")
    }

    @Test func onATerminalTheServicesLiveLineShowsTheLatestLogLine() {
        let reporter = Reporter(output: CapturedStream(), diagnostics: CapturedStream(isTerminal: true), environment: ["NO_COLOR": "1"])
        let progress = ProgressDisplay(reporter: reporter)
        let display = BuildLogDisplay(service: "api-gateway", reporter: reporter, progress: progress)
        let handle = progress.start("building api-gateway")
        let output = display.output(handle, activity: "building api-gateway")
        output.logLine("Step 1/5 : FROM node:20")
        output.logLine("")
        #expect(progress.liveLines() == ["⏳ building api-gateway: Step 1/5 : FROM node:20 (0s)"], "a blank line leaves it")
        output.logLine("Step 2/5 : RUN " + String(repeating: "x", count: 200))
        let live = progress.liveLines().first ?? ""
        #expect(live.hasPrefix("⏳ building api-gateway: Step 2/5 : RUN xxx") && live.contains("… (0s)"))
        #expect(live.count < 100, "short enough not to wrap: \(live)")
    }
}
