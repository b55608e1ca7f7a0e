import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Processes

/// Every PostgreSQL cluster this process runs, so that none outlives it. Emulators stop
/// theirs in `shutdown()`; for a process that exits without stopping an emulator, an exit
/// handler stops what is left (immediate shutdown) and removes the directories; a process
/// that is killed takes its servers with it by their parent-death signal; and the
/// directory of one that died anyway is removed by the next cluster's start.
enum LiveClusters {
    private static let clusters = Locked<[Int32: (server: ChildProcess, directory: String)]>([:])
    private static let exitHandler: Void = { atexit { LiveClusters.stopAll() } }()
    private static let sweptLeftovers = Locked(false)

    static func register(_ server: ChildProcess, directory: String) {
        _ = exitHandler
        clusters.withLock { $0[server.id] = (server, directory) }
    }

    static func unregister(_ server: ChildProcess) {
        _ = clusters.withLock { $0.removeValue(forKey: server.id) }
    }

    /// At exit: immediate shutdown of each server, a few seconds to go, then its directory.
    static func stopAll() {
        let left = clusters.withLock { all in
            defer { all.removeAll() }
            return all
        }
        for cluster in left.values { cluster.server.send(SIGQUIT) }
        let deadline = Date().addingTimeInterval(5)
        for cluster in left.values {
            _ = cluster.server.exitBlocking(within: max(0, deadline.timeIntervalSinceNow))
            try? FileManager.default.removeItem(atPath: cluster.directory)
        }
    }

    /// Removes, once per process, the cluster directories in `base` whose emulator process
    /// is gone, stopping a server still running in one.
    static func removeLeftovers(in base: String) {
        guard sweptLeftovers.withLock({ swept in defer { swept = true }; return !swept }) else { return }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        for entry in entries where entry.hasPrefix(PostgresCluster.directoryPrefix) {
            let directory = base + "/" + entry
            guard let owner = firstNumber(in: directory + "/emulator.pid"), !isAlive(owner) else { continue }
            if let server = firstNumber(in: directory + "/data/postmaster.pid"), isAlive(server) {
                // Only a server started on this directory, not whatever reused its pid.
                guard commandLine(of: server).contains(directory) else { continue }
                kill(server, SIGQUIT)
                continue  // its directory goes on a later sweep, once it has stopped
            }
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    private static func firstNumber(in path: String) -> Int32? {
        (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").first.flatMap { Int32($0) }
    }

    private static func isAlive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    private static func commandLine(of pid: Int32) -> String {
        let bytes = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
        return String(decoding: bytes.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}
