import Foundation
import GCPCtlKit
import GCPEmulator

/// Deploy's acceptance figure: three services whose Cloud Build builds take `buildSeconds`
/// each. Built one after another that is three builds end to end; gcpctl starts all three
/// at once, so the whole deploy should take about one build plus the Cloud Run rollout.
enum DeployBench {
    static let buildSeconds = 5.0
    static let rolloutSeconds = 1.0

    static func run(repository: URL, bench: Bench) async throws {
        let directory = try BenchProject.make(repository: repository)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = EmulatorConfiguration()
        configuration.projects = [BenchProject.project]
        configuration.operationSeconds = ["build": buildSeconds, "run": rolloutSeconds]
        let project = BenchProject(directory: directory, emulator: try await Emulator.start(configuration))
        let setup = await project.run("setup") { context, connector in try await SetupWorkflow().run(context, connector: connector) }
        guard setup.status == .success else { throw BenchError("setup failed: \(setup.diagnostics)") }

        let started = ContinuousClock.now
        let deploy = await project.run("deploy") { context, connector in
            try await DeployWorkflow(DeployOptions(healthCheck: HealthCheck(timeout: .seconds(5)))).run(context, connector: connector)
        }
        let elapsed = ContinuousClock.now - started
        await project.emulator.shutdown()
        guard deploy.status == .success else { throw BenchError("deploy failed: \(deploy.diagnostics)") }
        let builds = project.emulator.requests().filter { $0.methodID?.hasPrefix("cloudbuild.") == true && $0.methodID?.hasSuffix("builds.create") == true }.count
        print(bench.row("gcpctl deploy (3 services)", bench.seconds(elapsed),
                        "\(builds) builds of \(Int(buildSeconds)) s each, Cloud Run rollout \(Int(rolloutSeconds)) s"))
        print(bench.row("builds one after another", bench.seconds(.seconds(3 * (buildSeconds + rolloutSeconds))),
                        "what a script deploying service by service waits at least"))
    }
}
