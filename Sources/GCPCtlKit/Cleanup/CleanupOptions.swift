/// How `gcpctl cleanup` chooses and confirms (its flags, as plain values).
public struct CleanupOptions: Sendable {
    public enum Mode: String, Sendable {
        /// Numbered kinds, then numbered resources of each chosen kind; review; confirm.
        case menu
        /// Everything offered, after typing DELETE ALL.
        case all
        /// y/N for each kind; review; confirm.
        case selective
    }

    public var mode: Mode
    /// Offer resources that are not gcpctl's for this environment too.
    public var includeUnmanaged: Bool
    /// Must name the environment's project; answers the typed DELETE ALL for scripts.
    public var confirmProject: String?
    /// With a matching `confirmProject`: answers the typed name of a deletion-protected
    /// Cloud SQL instance, so CI can delete it. Without it such an instance is kept.
    public var deleteProtected: Bool
    /// Turn the environment's APIs off after everything else is deleted.
    public var disableAPIs: Bool

    public init(mode: Mode = .menu, includeUnmanaged: Bool = false, confirmProject: String? = nil,
                deleteProtected: Bool = false, disableAPIs: Bool = false) {
        self.mode = mode
        self.includeUnmanaged = includeUnmanaged
        self.confirmProject = confirmProject
        self.deleteProtected = deleteProtected
        self.disableAPIs = disableAPIs
    }
}

/// Why cleanup would not start deleting; nothing was deleted.
public enum CleanupRefusal: Error, ExitStatusProviding, Equatable, CustomStringConvertible {
    case projectMismatch(given: String, project: String)
    /// Standard input is not a terminal and --yes was not given.
    case needsYes(project: String)
    /// The menu and --selective ask a person; without a terminal there is none.
    case needsTerminal(mode: CleanupOptions.Mode, project: String)

    public var exitStatus: ExitStatus { .configurationError }

    public var description: String {
        switch self {
        case .projectMismatch(let given, let project):
            "--confirm-project=\(given) does not match the environment's project \(project); nothing was deleted. Check --env and --project."
        case .needsYes(let project):
            "nothing was deleted: standard input is not a terminal and --yes was not given; in CI use --all --yes --confirm-project=\(project)"
        case .needsTerminal(let mode, let project):
            "nothing was deleted: \(mode == .menu ? "the menu" : "--selective") needs a terminal to ask; in CI use --all --yes --confirm-project=\(project)"
        }
    }
}
