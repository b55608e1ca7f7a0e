/// What status says of a resource that differs from the environment because it is not the
/// environment's (`Ownership`): shared with another environment of the project, or not
/// gcpctl's at all yet (the bash scripts made it).
enum StatusOwnership {
    static func driftReason(of state: some Sendable, environment: Environment) -> String {
        let differs = "differs from \(environment.origin.file)"
        guard let evident = state as? any OwnershipEvident else { return differs }
        switch Ownership.of(evident.ownershipEvidence, in: environment, projectNumber: nil) {
        case .otherEnvironment(let owner?):
            return "shared with \(owner): it has \(owner)'s labels (same name, same project); setup or deploy for \(environment.shortName) would make it \(environment.shortName)'s"
        case .unmanaged:
            return "not gcpctl's yet (\(evident.ownershipEvidence.mark)): gcpctl adopt --env=\(environment.shortName) labels it, setup also brings its settings in line"
        default:
            return differs
        }
    }
}
