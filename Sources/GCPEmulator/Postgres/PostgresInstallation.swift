import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Processes

/// The PostgreSQL server programs the emulator runs (`initdb` and `postgres` from one
/// directory), their version, and as whom: both refuse to run as root, so a root emulator
/// (CI's containers) runs them as the `postgres` account Debian's package creates, through
/// util-linux's `setpriv`. `setpriv` also gives the postmaster a parent-death signal, so a
/// killed emulator leaves no server behind.
struct PostgresInstallation: Sendable {
    var binaries: String
    var version: String
    /// The account to run as when the emulator is root; nil otherwise.
    var account: Account?
    /// util-linux's `setpriv`, when there is one.
    var setpriv: String?

    struct Account: Sendable {
        var name: String
        var uid: uid_t
        var gid: gid_t
    }

    /// Why there is no server to run.
    enum Unusable: Error, CustomStringConvertible {
        case notInstalled
        case noPrograms(String)
        case tooOld(version: String, binaries: String)
        case rootWithoutAccount
        case rootWithoutSetpriv

        var description: String {
            switch self {
            case .notInstalled: "no PostgreSQL 15 or later is installed (Debian: apt-get install postgresql-15)"
            case .noPrograms(let directory): "\(directory) has no initdb and postgres"
            case .tooOld(let version, let binaries): "PostgreSQL \(version) in \(binaries) is older than 15"
            case .rootWithoutAccount: "the emulator runs as root and there is no postgres account to run PostgreSQL as (initdb refuses root)"
            case .rootWithoutSetpriv: "the emulator runs as root and util-linux's setpriv, needed to run PostgreSQL as postgres, is missing"
            }
        }
    }

    /// What the emulator's log says about it.
    var summary: String {
        "PostgreSQL \(version) from \(binaries)" + (account.map { ", run as \($0.name)" } ?? "")
    }

    static func find(_ choice: PostgresServerChoice) -> Result<PostgresInstallation, Unusable> {
        let candidates: [String]
        switch choice {
        case .model: return .failure(.notInstalled)
        case .binaries(let directory): candidates = [directory]
        case .installed: candidates = debianDirectories() + pathDirectories()
        }
        var tooOld: Unusable?
        for directory in candidates where hasPrograms(directory) {
            guard let version = version(of: directory) else { continue }
            guard (Int(version.prefix { $0.isNumber }) ?? 0) >= 15 else {
                tooOld = tooOld ?? .tooOld(version: version, binaries: directory)
                continue
            }
            return withAccount(PostgresInstallation(binaries: directory, version: version, setpriv: executable("setpriv")))
        }
        if case .binaries(let directory) = choice, !hasPrograms(directory) { return .failure(.noPrograms(directory)) }
        return .failure(tooOld ?? .notInstalled)
    }

    static func hasPrograms(_ directory: String) -> Bool {
        ["initdb", "postgres"].allSatisfy { FileManager.default.isExecutableFile(atPath: directory + "/" + $0) }
    }

    private static func withAccount(_ found: PostgresInstallation) -> Result<PostgresInstallation, Unusable> {
        guard geteuid() == 0 else { return .success(found) }
        guard let entry = getpwnam("postgres") else { return .failure(.rootWithoutAccount) }
        guard found.setpriv != nil else { return .failure(.rootWithoutSetpriv) }
        var installation = found
        installation.account = Account(name: "postgres", uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
        return .success(installation)
    }

    /// Debian's and Ubuntu's `/usr/lib/postgresql/N/bin`, newest first.
    private static func debianDirectories() -> [String] {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.sorted { (Double($0) ?? 0) > (Double($1) ?? 0) }.map { "\(root)/\($0)/bin" }
    }

    private static func pathDirectories() -> [String] {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
    }

    private static func executable(_ name: String) -> String? {
        (["/usr/bin", "/bin"] + pathDirectories()).map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `15.18` from `postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)`.
    private static func version(of directory: String) -> String? {
        guard let child = try? ChildProcess(directory + "/postgres", ["--version"], standardOutput: .pipe, standardError: .null) else {
            return nil
        }
        let text = String(decoding: child.standardOutput?.readDataToEndOfFile() ?? Data(), as: UTF8.self)
        _ = child.exitBlocking()
        return text.split(separator: " ").dropFirst(2).first.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}
