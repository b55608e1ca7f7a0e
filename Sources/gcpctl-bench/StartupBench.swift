import Foundation
import GoogleCloud
import Processes

/// How fast a command-line tool starts and how much memory it takes to do nothing much:
/// `gcpctl --help` and `gcpctl version` beside `gcloud --version`. Each is spawned `runs`
/// times; the time is spawn to exit. The memory is the peak resident size as
/// `/usr/bin/time` reports it ("Maximum resident set size"): not this process's own wait4,
/// because Linux carries a parent's peak into a child it spawns (this benchmark holds an
/// emulator, tens of MiB), while `time` forks its child from a small process.
enum StartupBench {
    struct Figure {
        var best: Duration
        var median: Duration
        /// The largest peak of the runs, in KiB; nil without /usr/bin/time.
        var peakKiB: Int?
        var exitStatus: Int32
    }

    static func measure(_ executable: String, _ arguments: [String], environment: [String: String], runs: Int) throws -> Figure {
        var times: [Duration] = []
        var peak: Int?
        var status: Int32 = 0
        for _ in 0..<max(runs, 1) {
            let started = ContinuousClock.now
            status = try spawnAndWait(executable, arguments, environment: environment)
            times.append(ContinuousClock.now - started)
        }
        for _ in 0..<min(max(runs, 1), 5) {
            if let measured = try peakKiB(executable, arguments, environment: environment) { peak = max(peak ?? 0, measured) }
        }
        times.sort()
        return Figure(best: times[0], median: times[times.count / 2], peakKiB: peak, exitStatus: status)
    }

    static let timeCommand = "/usr/bin/time"

    /// `/usr/bin/time -f %M`'s answer, in KiB, or nil when it is not installed.
    static func peakKiB(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Int? {
        guard FileManager.default.isExecutableFile(atPath: timeCommand) else { return nil }
        let process = try ChildProcess(timeCommand, ["-f", "%M", executable] + arguments, environment: environment,
                                       standardOutput: .null, standardError: .pipe)
        let text = String(decoding: process.standardError?.readDataToEndOfFile() ?? Data(), as: UTF8.self)
        _ = process.exitBlocking()
        return text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// posix_spawn with stdout and stderr to /dev/null; the exit status.
    static func spawnAndWait(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Int32 {
        try ChildProcess(executable, arguments, environment: environment, standardOutput: .null, standardError: .null)
            .exitBlocking().status
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
                let mebibytes = figure.peakKiB.map { String(format: "%.1f MiB", Double($0) / 1024) } ?? "unknown (no \(timeCommand))"
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
