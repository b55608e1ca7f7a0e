import Foundation

/// How fast a command-line tool starts and how much memory it takes to do nothing much:
/// `gcpctl --help` and `gcpctl version` beside `gcloud --version`. Each is spawned `runs`
/// times; the time is spawn to exit, the memory the peak resident size the kernel reports
/// for the child (what `/usr/bin/time -v` calls "Maximum resident set size").
enum StartupBench {
    struct Figure {
        var best: Duration
        var median: Duration
        /// The largest peak of the runs, in KiB.
        var peakKiB: Int
        var exitStatus: Int32
    }

    static func measure(_ executable: String, _ arguments: [String], environment: [String: String], runs: Int) throws -> Figure {
        var times: [Duration] = []
        var peak = 0
        var status: Int32 = 0
        for _ in 0..<max(runs, 1) {
            let started = ContinuousClock.now
            let (exitStatus, peakKiB) = try spawnAndWait(executable, arguments, environment: environment)
            times.append(ContinuousClock.now - started)
            peak = max(peak, peakKiB)
            status = exitStatus
        }
        times.sort()
        return Figure(best: times[0], median: times[times.count / 2], peakKiB: peak, exitStatus: status)
    }

    /// posix_spawn with stdout and stderr to /dev/null, then wait4 for the child's rusage.
    static func spawnAndWait(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (Int32, Int) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchError("could not start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        // Linux reports ru_maxrss in KiB.
        return ((status >> 8) & 0xff, Int(usage.ru_maxrss))
    }

    /// The start-up rows of `make bench`.
    static func run(gcpctl: URL?, gcloud: GcloudReads?, runs: Int, gcloudRuns: Int, row: (String, String, String) -> String) {
        let base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path]
        var lines: [(label: String, executable: String, arguments: [String], environment: [String: String], runs: Int)] = []
        if let gcpctl {
            lines.append(("gcpctl --help", gcpctl.path, ["--help"], base, runs))
            lines.append(("gcpctl version", gcpctl.path, ["version"], base, runs))
        }
        if let gcloud, let path = GcloudReads.executable {
            lines.append(("gcloud --version", path, ["--version"], gcloud.environment, gcloudRuns))
        }
        for line in lines {
            do {
                let figure = try measure(line.executable, line.arguments, environment: line.environment, runs: line.runs)
                let mebibytes = String(format: "%.1f MiB", Double(figure.peakKiB) / 1024)
                print(row(line.label, milliseconds(figure.median),
                          "median of \(line.runs); best \(milliseconds(figure.best)); peak memory \(mebibytes); exit \(figure.exitStatus)"))
            } catch {
                print(row(line.label, "-", "\(error)"))
            }
        }
        if gcpctl == nil { print(row("gcpctl --help", "-", "no gcpctl beside gcpctl-bench")) }
        if gcloud == nil { print(row("gcloud --version", "-", "gcloud is not on PATH, or --no-gcloud")) }
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f ms", duration.inSeconds * 1000)
    }
}
