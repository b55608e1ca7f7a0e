import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Processes

/// One throwaway PostgreSQL cluster, standing in for one Cloud SQL instance: a temporary
/// directory holding the data directory, the Unix socket (the server listens on no TCP
/// port) and the logs; fsync off; `cloudsqladmin` its bootstrap superuser, the name Cloud
/// SQL gives its own, reachable only through the socket of that private directory. Users
/// log in with passwords (pg_hba `password`: the server checks them).
///
/// Used on the supervisor thread only (start, mirror, stop); sessions for statements
/// open on other threads through `socketPath`.
final class PostgresCluster: @unchecked Sendable {
    static let administrator = "cloudsqladmin"
    /// The role every Cloud SQL user is a member of, as on Cloud SQL; it owns the databases.
    static let superuserRole = "cloudsqlsuperuser"
    static let directoryPrefix = "gcp-emulator-postgres-"

    let directory: String
    let installation: PostgresInstallation
    private let postmaster: ChildProcess
    /// What `CREATE EXTENSION` can install on this server (`pg_available_extensions`).
    let availableExtensions: Set<String>
    /// The roles and databases made so far for the instance's users and databases.
    var mirror = PostgresMirror()

    var socketPath: String { directory + "/.s.PGSQL.5432" }
    var pid: Int32 { postmaster.id }

    struct StartFailed: Error, CustomStringConvertible {
        var description: String
    }

    private init(directory: String, installation: PostgresInstallation, postmaster: ChildProcess, availableExtensions: Set<String>) {
        self.directory = directory
        self.installation = installation
        self.postmaster = postmaster
        self.availableExtensions = availableExtensions
    }

    /// initdb in a new temporary directory, then the server, then Cloud SQL's roles.
    static func start(_ installation: PostgresInstallation) throws(StartFailed) -> PostgresCluster {
        let directory = try makeDirectory(for: installation)
        var postmaster: ChildProcess?
        do {
            let initdb = try spawn(
                command(installation, "initdb", ["-D", directory + "/data", "-U", administrator, "-E", "UTF8", "--locale=C",
                                                 "--no-sync", "--auth=trust", "--no-instructions"]),
                logPath: directory + "/initdb.log")
            guard initdb.exitBlocking().exitedCleanly else { throw StartFailed(description: "initdb failed: " + logTail(directory + "/initdb.log")) }
            try writeAccessRules(directory, installation)
            let server = try spawn(command(installation, "postgres", ["-D", directory + "/data", "-k", directory] + settings),
                                   logPath: directory + "/postgres.log")
            postmaster = server
            LiveClusters.register(server, directory: directory)
            let admin = try waitUntilReady(server, socket: directory + "/.s.PGSQL.5432", log: directory + "/postgres.log")
            let setup = try admin.query("CREATE ROLE \(superuserRole) NOLOGIN CREATEDB CREATEROLE; ALTER DATABASE postgres OWNER TO \(superuserRole)")
            if let error = setup.error { throw StartFailed(description: error.formatted) }
            let extensions = try admin.query("SELECT name FROM pg_available_extensions")
            admin.terminate()
            return PostgresCluster(directory: directory, installation: installation, postmaster: server,
                                   availableExtensions: Set(extensions.results.first?.rows.compactMap { $0.first ?? nil } ?? []))
        } catch {
            postmaster?.stop(SIGQUIT, grace: 5)
            if let postmaster { LiveClusters.unregister(postmaster) }
            try? FileManager.default.removeItem(atPath: directory)
            throw error as? StartFailed ?? StartFailed(description: "\(error)")
        }
    }

    /// Fast shutdown (open sessions are ended), then the directory goes.
    func stop() {
        postmaster.stop(SIGINT, grace: 10)
        LiveClusters.unregister(postmaster)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A session as the bootstrap superuser, for the emulator's own changes.
    func administratorSession() throws(PostgresConnection.Failure) -> PostgresConnection {
        try PostgresConnection.open(socket: socketPath, user: Self.administrator, database: "template1", password: nil)
    }

    /// Settings for a throwaway server: no durability, no TCP, little memory.
    private static let settings = [
        "listen_addresses=", "unix_socket_permissions=0700", "fsync=off", "synchronous_commit=off",
        "full_page_writes=off", "autovacuum=off", "shared_buffers=16MB", "max_connections=40",
        "wal_level=minimal", "max_wal_senders=0", "timezone=UTC", "log_timezone=UTC", "log_min_messages=warning",
    ].flatMap { ["-c", $0] }

    private static let environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C"]

    /// Starts `arguments[0]` with standard output and error appended to `logPath` (the
    /// server's own log, read back when it fails to start).
    private static func spawn(_ arguments: [String], logPath: String) throws -> ChildProcess {
        let log = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard log >= 0 else { throw StartFailed(description: "cannot open \(logPath): \(String(cString: strerror(errno)))") }
        defer { close(log) }
        return try ChildProcess(arguments[0], Array(arguments.dropFirst()), environment: environment,
                                standardOutput: .descriptor(log), standardError: .descriptor(log))
    }

    /// The program, run as the installation's account and with a parent-death signal
    /// (SIGINT, PostgreSQL's fast shutdown) through setpriv when there is one.
    private static func command(_ installation: PostgresInstallation, _ program: String, _ arguments: [String]) -> [String] {
        var prefix: [String] = []
        if let setpriv = installation.setpriv {
            prefix = [setpriv]
            if let account = installation.account {
                prefix += ["--reuid=\(account.uid)", "--regid=\(account.gid)", "--clear-groups"]
            }
            prefix += ["--pdeathsig", "INT", "--"]
        }
        return prefix + [installation.binaries + "/" + program] + arguments
    }

    /// `/tmp/gcp-emulator-postgres-XXXXXX`, owned by the account the server runs as, with
    /// a file naming this process (so that a later emulator can remove it if this one dies).
    private static func makeDirectory(for installation: PostgresInstallation) throws(StartFailed) -> String {
        LiveClusters.removeLeftovers(in: "/tmp")
        var template = Array("/tmp/\(directoryPrefix)XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw StartFailed(description: "cannot create a directory in /tmp: \(String(cString: strerror(errno)))")
        }
        let directory = String(cString: created)
        _ = FileManager.default.createFile(atPath: directory + "/emulator.pid", contents: Data("\(getpid())\n".utf8))
        if let account = installation.account, chown(directory, account.uid, account.gid) != 0 {
            try? FileManager.default.removeItem(atPath: directory)
            throw StartFailed(description: "cannot give \(directory) to \(account.name): \(String(cString: strerror(errno)))")
        }
        return directory
    }

    /// The bootstrap superuser without a password, only on the private socket; every other
    /// role by password.
    private static func writeAccessRules(_ directory: String, _ installation: PostgresInstallation) throws(StartFailed) {
        let path = directory + "/data/pg_hba.conf"
        let rules = "local all \(administrator) trust\nlocal all all password\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(rules.utf8)) else {
            throw StartFailed(description: "cannot write \(path)")
        }
        if let account = installation.account { chown(path, account.uid, account.gid) }
    }

    /// Connects as the administrator until the server accepts sessions.
    private static func waitUntilReady(_ server: ChildProcess, socket: String, log: String) throws(StartFailed) -> PostgresConnection {
        // A bound for a starved machine; the server is usually ready in a fraction of a second.
        let deadline = Date().addingTimeInterval(120)
        while true {
            guard server.isRunning else { throw StartFailed(description: "postgres stopped: " + logTail(log)) }
            do {
                return try PostgresConnection.open(socket: socket, user: administrator, database: "postgres", password: nil)
            } catch {
                switch error {
                case .unreachable: break  // not listening yet
                case .refused(let message) where message.code == "57P03": break  // "the database system is starting up"
                default: throw StartFailed(description: "\(error)")
                }
            }
            guard Date() < deadline else { throw StartFailed(description: "postgres did not accept sessions within 120 s: " + logTail(log)) }
            usleep(20_000)
        }
    }

    private static func logTail(_ path: String) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(3).joined(separator: " / ")
    }
}
