import Foundation
import GCPCtlKit
import GCPEmulator
import GoogleCloud
import Processes

/// The benchmark's steps: arrange the project at no latency, restart the emulator from its
/// state file with the latency, then time status for (a) the development environment and
/// (b) the same project with 500 extra secrets and 100 extra buckets.
struct Bench {
    let options: BenchOptions
    let repository: URL

    func run() async throws {
        let directory = try BenchProject.make(repository: repository)
        defer { try? FileManager.default.removeItem(at: directory) }
        let statePath = directory.appendingPathComponent("emulator-state.json").path
        print("gcpctl-bench: emulator latency \(options.latency) ms per request; \(options.runs) runs of each command\n")

        var configuration = EmulatorConfiguration()
        configuration.projects = [BenchProject.project]
        configuration.statePath = statePath
        let arranging = BenchProject(directory: directory, emulator: try await Emulator.start(configuration))
        try await arrange(arranging)
        await arranging.emulator.shutdown()

        configuration.latencyMilliseconds = options.latency
        let project = BenchProject(directory: directory, emulator: try await Emulator.start(configuration))
        defer { Task { await project.emulator.shutdown() } }

        print("(a) the development environment: setup\(options.deploy ? " and deploy" : "") done")
        let environment = try await project.environment()
        try await measure(project, environment: environment)

        print("\n(b) the same project with 500 extra secrets and 100 extra buckets")
        try await addExtras(project)
        try await measure(project, environment: environment, extraReads: true)

        print("\ntransport: 100 concurrent GETs over one libcurl multi handle")
        var best = Duration.seconds(3600)
        for _ in 0..<3 {
            best = min(best, try await TransportBench.run(url: project.emulator.baseURL + "/storage/storage/v1/b/clone-uploads-dev", count: 100))
        }
        print(row("100 GETs at once", seconds(best), "best of 3; one round trip is \(options.latency) ms"))
        await project.emulator.shutdown()

        print("\nstart-up: \(gcpctlBinary() == nil ? "no gcpctl binary built beside gcpctl-bench" : "the gcpctl binary beside gcpctl-bench"), and gcloud")
        let gcloud = options.gcloud && GcloudReads.isInstalled
            ? GcloudReads(base: "http://127.0.0.1:1", project: BenchProject.project,
                          configDirectory: directory.appendingPathComponent("gcloud-startup-config").path)
            : nil
        StartupBench.run(gcpctl: gcpctlBinary(), gcloud: gcloud, runs: 20, gcloudRuns: options.runs, row: row)

        guard options.deploy else { return }
        print("\ndeploy: three services, each built by Cloud Build (no added latency)")
        try await DeployBench.run(repository: repository, bench: self)
    }

    func arrange(_ project: BenchProject) async throws {
        let setup = await project.run("setup") { context, connector in
            try await SetupWorkflow().run(context, connector: connector)
        }
        guard setup.status == .success else { throw BenchError("setup failed: \(setup.diagnostics)") }
        guard options.deploy, FileManager.default.fileExists(atPath: project.directory.appendingPathComponent("examples").path) else { return }
        let deploy = await project.run("deploy") { context, connector in
            try await DeployWorkflow(DeployOptions(healthCheck: HealthCheck(timeout: .seconds(5)))).run(context, connector: connector)
        }
        guard deploy.status == .success else { throw BenchError("deploy failed: \(deploy.diagnostics)") }
    }

    /// Times status `runs` times (in-process, and the gcpctl binary when it was built
    /// beside this one), then the gcloud way once.
    func measure(_ project: BenchProject, environment: Environment, extraReads: Bool = false) async throws {
        var times: [Duration] = []
        var requests = 0
        var exitStatus = ExitStatus.success
        // One pass first, not timed: the emulator's first answers after a restart and the
        // process's first requests pay one-time costs a health check run every minute does not.
        _ = await project.run("status", settings: GlobalSettings(environment: "dev", format: .json)) { context, connector in
            try await StatusWorkflow().run(context, connector: connector)
        }
        for _ in 0..<options.runs {
            project.emulator.clearRequests()
            let started = ContinuousClock.now
            let run = await project.run("status", settings: GlobalSettings(environment: "dev", format: .json)) { context, connector in
                try await StatusWorkflow().run(context, connector: connector)
            }
            times.append(ContinuousClock.now - started)
            requests = project.apiRequestCount
            exitStatus = run.status
        }
        times.sort()
        let latency = Duration.milliseconds(options.latency)
        print(row("gcpctl status (in-process)", seconds(times[times.count / 2]),
                  "median; best \(seconds(times[0])); \(requests) requests; exit \(exitStatus.rawValue)"))
        let median = times[times.count / 2]
        print(row("  in round trips", String(format: "%.2f", median.inSeconds / latency.inSeconds),
                  "the median over \(options.latency) ms; goal: at most 1.6"))
        if let binary = gcpctlBinary() {
            var spawned: [Duration] = []
            for _ in 0..<options.runs { spawned.append(try spawnStatus(binary, project: project)) }
            spawned.sort()
            print(row("gcpctl status (binary)", seconds(spawned[spawned.count / 2]),
                      "median of \(options.runs), process start included; best \(seconds(spawned[0]))"))
        }
        let limit = StatusWorkflow().concurrency
        print(row("sequential lower bound", seconds(latency * requests), "\(requests) requests × \(options.latency) ms"))
        print(row("one-round-trip bound", seconds(latency), "everything in flight at once"))
        print(row("goal", seconds(latency * 1.6), "1.6 round trips (the status goal)"))
        print(row("client limit bound", seconds(latency * ((requests + limit - 1) / limit)), "\(requests) requests, \(limit) in flight at most"))
        if extraReads {
            project.emulator.clearRequests()
            let started = ContinuousClock.now
            let list = await project.run("list", settings: GlobalSettings(environment: "dev", format: .json)) { context, connector in
                try await ListWorkflow().run(context, connector: connector)
            }
            print(row("gcpctl list (every kind)", seconds(ContinuousClock.now - started),
                      "\(project.apiRequestCount) requests, pages followed; exit \(list.status.rawValue)"))
        }
        guard options.gcloud, GcloudReads.isInstalled else {
            print(row("gcloud, one process per read", "-", options.gcloud ? "gcloud is not on PATH" : "--no-gcloud"))
            return
        }
        let config = project.directory.appendingPathComponent("gcloud-config").path
        let gcloud = GcloudReads(base: project.emulator.baseURL, project: BenchProject.project, configDirectory: config)
        let reads = GcloudReads.reads(
            project: BenchProject.project, region: environment.region, buckets: environment.buckets.map(\.name),
            secrets: environment.secrets.map(\.id), account: environment.serviceAccount.email,
            sqlInstance: environment.cloudSQL?.instance, database: environment.cloudSQL?.database,
            repository: environment.artifactRegistry.repository, services: environment.services.map(\.name))
        let outcome = gcloud.run(reads)
        let speedup = outcome.elapsed.inSeconds / max(times[times.count / 2].inSeconds, 0.001)
        print(row("gcloud, one process per read", seconds(outcome.elapsed),
                  "\(outcome.processes) processes, \(outcome.failures.count) failed; gcpctl is \(Int(speedup.rounded()))× faster"))
        for failure in outcome.failures { print("      \(failure)") }
    }

    func addExtras(_ project: BenchProject) async throws {
        let started = ContinuousClock.now
        let run = await project.run("arrange") { context, connector in
            let cloud = try await connector.resourceContext(for: context)
            let labels = ["managed-by": "gcpctl", "gcpctl-env": "bench"]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<500 {
                    group.addTask { _ = try await cloud.secretManager.createSecret(project: cloud.project, id: "bench-secret-\(index)", labels: labels) }
                }
                for index in 0..<100 {
                    group.addTask {
                        _ = try await cloud.storage.createBucket(project: cloud.project, StorageAPI.Bucket(
                            name: "bench-bucket-\(BenchProject.project)-\(index)", location: "US-CENTRAL1", labels: labels))
                    }
                }
                try await group.waitForAll()
            }
            return .success
        }
        guard run.status == .success else { throw BenchError("creating the extra secrets and buckets failed: \(run.diagnostics)") }
        print("    (made through the API in \(seconds(ContinuousClock.now - started)))")
    }

    func gcpctlBinary() -> URL? {
        let path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gcpctl")
        return FileManager.default.isExecutableFile(atPath: path.path) ? path : nil
    }

    func spawnStatus(_ binary: URL, project: BenchProject) throws -> Duration {
        let started = ContinuousClock.now
        _ = try ChildProcess(binary.path, ["status", "--env=dev", "--format", "json"], environment: project.processEnvironment,
                             directory: project.directory.path, standardOutput: .null, standardError: .null).exitBlocking()
        return ContinuousClock.now - started
    }

    func row(_ label: String, _ value: String, _ note: String) -> String {
        "    " + label.padding(toLength: 32, withPad: " ", startingAt: 0) + value.padding(toLength: 10, withPad: " ", startingAt: 0) + note
    }

    func seconds(_ duration: Duration) -> String { String(format: "%.2f s", duration.inSeconds) }
}

extension Duration {
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension BenchProject {
    /// The development environment as gcpctl resolves it here.
    func environment() async throws -> Environment {
        let found = Locked<Environment?>(nil)
        let run = await run("config show") { context, _ in
            found.withLock { $0 = context.environment }
            return .success
        }
        guard let environment = found.current else { throw BenchError("the environment did not load: \(run.diagnostics)") }
        return environment
    }
}
