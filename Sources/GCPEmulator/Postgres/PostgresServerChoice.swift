/// Where `executeSql` runs: on a real PostgreSQL server, or on the emulator's model of one.
public enum PostgresServerChoice: Sendable, Equatable {
    /// The model only: extensions, `SELECT 1`, `SELECT version()`, reads of `pg_extension`;
    /// other statements are refused in `status`. In-process emulators default to it, so that
    /// tests that do not ask for a server never start one.
    case model
    /// PostgreSQL 15 or later where it is installed (Debian's `/usr/lib/postgresql/N/bin`,
    /// then `PATH`), else the model. `gcp-emulator`'s default.
    case installed
    /// The server programs (`initdb`, `postgres`) in this directory, else the model.
    case binaries(String)
}

extension PostgresServerChoice {
    /// Why this choice gives no server here (nil when a PostgreSQL 15+ server can run): for
    /// tests that need one to say why they are skipped. Runs `postgres --version`.
    public var unavailableReason: String? {
        switch PostgresInstallation.find(self) {
        case .success: nil
        case .failure(let reason): reason.description
        }
    }
}
