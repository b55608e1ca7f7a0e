import GoogleCloud

/// `setup --create-key` in a project whose organisation forbids service account keys: the
/// `iam.disableServiceAccountKeyCreation` policy, enforced by default in organisations made
/// since May 2024 ("secure by default"). Google answers keys.create with 400
/// FAILED_PRECONDITION "Key creation is not allowed on this service account." and a
/// PreconditionFailure naming the constraint.
public struct KeyCreationRefusedError: Error, Sendable, CustomStringConvertible {
    public static let constraint = "constraints/iam.disableServiceAccountKeyCreation"

    public var email: String

    /// Whether `error` is that refusal.
    static func matches(_ error: GoogleAPIError) -> Bool {
        guard error.httpStatus == 400 || error.status == "FAILED_PRECONDITION" else { return false }
        return error.preconditionViolations.contains { $0.type == constraint }
            || error.message.contains("Key creation is not allowed")
    }

    public var description: String {
        "no key was created for \(email): the organisation policy \(KeyCreationRefusedError.constraint) forbids service account keys "
            + "in this project (enforced by default in organisations created since May 2024). Drop --create-key and authenticate "
            + "without a key (workload identity federation in CI, the metadata server on Google Cloud, or "
            + "gcloud auth application-default login --impersonate-service-account=\(email)), "
            + "or ask an organisation policy administrator to exempt this project from the constraint"
    }
}
