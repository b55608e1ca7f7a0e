/// Why a day-2 command (`sql`, `enable`, `list`, `delete`) could not do what was asked.
public enum DayTwoError: Error, Sendable, Equatable, CustomStringConvertible, ExitStatusProviding {
    /// The environment declares no Cloud SQL instance.
    case noCloudSQL(environment: String, file: String)
    /// The thing to act on does not exist in the project.
    case notFound(what: String, fix: String)
    /// Deleting something gcpctl did not create, without `--force`; `mark` is what would
    /// have shown it was gcpctl's.
    case notManaged(what: String, mark: String)
    /// Deleting something another environment created (nil: one not named), without `--force`.
    case otherEnvironment(what: String, owner: String?)
    /// Deleting a bucket another project holds: never, `--force` included.
    case heldByAnotherProject(what: String, number: String)
    /// A name its kind's rules refuse (checked before any request).
    case invalidName(String)
    /// Nothing was asked for that this command knows (`delete service` before deploy exists).
    case unsupportedKind(String)

    public var exitStatus: ExitStatus {
        switch self {
        case .notFound: .operationFailed
        case .noCloudSQL, .notManaged, .otherEnvironment, .heldByAnotherProject, .invalidName, .unsupportedKind: .configurationError
        }
    }

    public var description: String {
        switch self {
        case .noCloudSQL(let environment, let file):
            "the \(environment) environment has no Cloud SQL instance; declare one under cloudSQL in \(file)"
        case .notFound(let what, let fix):
            "\(what) does not exist; \(fix)"
        case .notManaged(let what, let mark):
            "\(what) \(mark), so gcpctl did not create it; pass --force to delete it anyway"
        case .otherEnvironment(let what, let owner?):
            "\(what) belongs to the \(owner) environment (label gcpctl-env=\(owner)); use --env=\(owner), or pass --force"
        case .otherEnvironment(let what, nil):
            "\(what) was made by gcpctl for another environment; use that environment's --env, or pass --force"
        case .heldByAnotherProject(let what, let number):
            "\(what) is held by project \(number), not this one (bucket names are global); gcpctl never deletes another project's bucket, --force included"
        case .invalidName(let problem):
            "\(problem); nothing was sent"
        case .unsupportedKind(let kind):
            "gcpctl cannot delete a \(kind) in this build"
        }
    }
}
