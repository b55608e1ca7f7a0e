import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// What deploy shows of a build's log while it waits on the build: every line with
/// --verbose, the last lines of a failed build always, and nothing (but the log URL) when
/// the log cannot be read.
@Suite struct DeployBuildLogTests {
    /// The lines printed as `SERVICE | LINE`, in order, without the prefix.
    static func logLines(_ text: String, service: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            let trimmed = line.drop { $0 == " " }
            return trimmed.hasPrefix("\(service) | ") ? String(trimmed.dropFirst("\(service) | ".count)) : nil
        }
    }

    /// The instructions of an example's Dockerfile (it has no continued lines).
    static func instructions(of service: String) -> [String] {
        let url = Repository.root.appendingPathComponent("examples/\(service)/Dockerfile")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    func verboseDeploy(_ project: EmulatedProject, service: String) async -> EmulatedProject.Run {
        await project.run("deploy", settings: GlobalSettings(environment: "dev", assumeYes: true, verbose: true)) { context, connector in
            try await DeployWorkflow(DeployOptions(services: [service], healthCheck: quickHealthCheck)).run(context, connector: connector)
        }
    }

    @Test func aFailedBuildShowsItsLastLogLinesBeforeTheError() async throws {
        try await withEmulatedProject { project in
            let run = await project.deployWithFailingBuilds("api-gateway")
            #expect(run.status == .operationFailed)
            let lines = Self.logLines(run.diagnostics, service: "api-gateway")
            #expect(lines.count == BuildLogTail.keptLines, "\(run.diagnostics)")
            #expect(lines.suffix(3) == ["Finished Step #0", "ERROR",
                                        "ERROR: build step 0 \"gcr.io/cloud-builders/docker\" failed: step exited with non-zero status: 1"])
            let instructions = Self.instructions(of: "api-gateway")
            #expect(lines.contains("Step \(instructions.count)/\(instructions.count) : \(instructions.last ?? "")"), "from the uploaded source")
            // Printed once, for the one build (a build whose step failed is not built again),
            // just before its error.
            let text = run.diagnostics
            #expect(!text.contains("building once more"))
            let firstLogLine = try #require(text.range(of: "api-gateway | "))
            let error = try #require(text.range(of: "❌ api-gateway: building api-gateway failed"))
            #expect(firstLogLine.upperBound < error.lowerBound)
            #expect(text.components(separatedBy: "api-gateway | ERROR: build step 0").count == 2, "the tail is shown once")
            #expect(run.diagnostics.contains("(log: https://console.cloud.google.com/cloud-build/builds;region=us-central1/"))
        }
    }

    @Test func withVerboseEveryLogLineIsPrintedOnceInOrder() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let run = await verboseDeploy(project, service: "api-gateway")
            #expect(run.status == .success, "\(run.diagnostics)")
            let lines = Self.logLines(run.diagnostics, service: "api-gateway")
            let started = try #require(run.diagnostics.range(of: #"build [0-9a-f-]{36} started"#, options: .regularExpression))
            let id = run.diagnostics[started].dropFirst("build ".count).prefix(36)
            #expect(lines.first == "starting build \"\(id)\"", "\(lines)")
            #expect(lines.last == "DONE")
            // Exactly the log's lines, each once, in order.
            let logsBucket = try #require(project.resource(EmulatorCollections.builds, String(id))?["logsBucket"]?.stringValue)
            let log = try await project.resourceContext().storage.download(bucket: String(logsBucket.dropFirst("gs://".count)), name: "log-\(id).txt")
            let logLines = String(decoding: log, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines == logLines.map { $0.hasPrefix("Step #0: ") ? String($0.dropFirst("Step #0: ".count)) : String($0) })
            // The Dockerfile's instructions, from the uploaded source, without `Step #0: `.
            let instructions = Self.instructions(of: "api-gateway")
            #expect(lines.filter { $0.hasPrefix("Step ") && $0.contains(" : ") }
                    == instructions.enumerated().map { "Step \($0.offset + 1)/\(instructions.count) : \($0.element)" })
            #expect(lines.contains("Successfully tagged \(DeployTests.repository)/api-gateway:latest"))
            #expect(lines.firstIndex(of: "PUSH").map { $0 < lines.count - 1 } == true)
        }
    }

    /// A build of 1,000 s (within the 20-minute timeout deploy gives builds) whose clock
    /// moves 150 s after each read of its log, so that a slow machine's seconds change
    /// nothing: the log is read a part at a time, and each line still shows once, in order.
    @Test func aLogReadAsItGrowsShowsEachLineOnceInOrder() async throws {
        try await withEmulatedProject({ $0.operationSeconds = ["build": 1000] }) { project in
            #expect(await project.prepareForDeploy().status == .success)
            let emulator = project.emulator
            // Moves the clock after each read of the log until the deploy ends. A read that
            // does not come within the bound (a starved machine) moves it anyway: the build
            // must end whatever happens, or the deploy would wait out its 1,000 s.
            let clockMover = Task {
                var readSince = Date.distantPast
                while !Task.isCancelled {
                    let since = readSince
                    try? await emulator.waitForRequest(timeout: .seconds(30)) { $0.url.contains("_cloudbuild-logs/o/log-") && $0.time >= since }
                    if Task.isCancelled { return }
                    let lastRead = emulator.requests().last { $0.url.contains("_cloudbuild-logs/o/log-") }?.time ?? readSince
                    emulator.advanceClock(seconds: 150)
                    readSince = lastRead.addingTimeInterval(150)
                }
            }
            let run = await verboseDeploy(project, service: "api-gateway")
            clockMover.cancel()
            await clockMover.value
            #expect(run.status == .success, "\(run.diagnostics)")
            let lines = Self.logLines(run.diagnostics, service: "api-gateway")
            let partialReads = emulator.requests().filter { $0.url.contains("_cloudbuild-logs/o/log-") && $0.status == 206 }
            #expect(partialReads.count >= 3, "read a part at a time")
            #expect(lines.first?.hasPrefix("starting build") == true)
            #expect(lines.last == "DONE")
            let instructions = Self.instructions(of: "api-gateway")
            #expect(lines.filter { $0.hasPrefix("Step ") && $0.contains(" : ") }
                    == instructions.enumerated().map { "Step \($0.offset + 1)/\(instructions.count) : \($0.element)" })
            #expect(lines.filter { $0.hasPrefix(" ---> ") }.count == Set(lines.filter { $0.hasPrefix(" ---> ") }).count, "no layer twice")
        }
    }

    @Test func withoutVerboseNoLogLineIsPrinted() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(Self.logLines(run.diagnostics, service: "api-gateway").isEmpty, "\(run.diagnostics)")
            #expect(!project.emulator.requests(methodID: "storage.objects.get").isEmpty, "the log was read, for the live line")
        }
    }

    @Test func aLogThatAnswers403IsLeftAloneAndTheDeploySucceeds() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            project.emulator.inject(FaultRule(
                methodID: "storage.objects.get", pathContains: "_cloudbuild-logs/o/log-",
                action: .status(code: 403, status: "PERMISSION_DENIED",
                                message: "deployer@example.com does not have storage.objects.get access to the Google Cloud Storage object."),
                times: 0))
            let run = await verboseDeploy(project, service: "api-gateway")
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.service("api-gateway") != nil)
            #expect(Self.logLines(run.diagnostics, service: "api-gateway").isEmpty)
            let notes = run.diagnostics.components(separatedBy: "\n").filter { $0.contains("cannot be read") }
            #expect(notes.count == 1, "said once: \(notes)")
            #expect(notes.first?.contains("debug: api-gateway: its log gs://") == true)
            #expect(notes.first?.contains("403") == true)
            #expect(run.diagnostics.contains("started: https://console.cloud.google.com/cloud-build/builds"), "the log URL, as before")
            let logReads = project.emulator.requests(methodID: "storage.objects.get").filter { $0.url.contains("cloudbuild-logs") }
            #expect(logReads.count == 1, "not retried, not read again")
        }
    }
}
