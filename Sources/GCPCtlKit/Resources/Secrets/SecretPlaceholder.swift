import Foundation
import GoogleCloud

/// A secret value that only holds the place of a real one. gcp-setup.sh created its secrets
/// with `CHANGE_ME` (`echo "CHANGE_ME" | gcloud secrets create … --data-file=-`), meant to
/// be replaced by hand; a service that reads it, or a database password set from it, is as
/// good as unprotected. gcpctl names such a secret in plan and status, replaces it in setup
/// (after the confirmation), and never sets a database password from one.
public enum SecretPlaceholder {
    /// Values that are words, not secrets, compared without regard to case.
    public static let words: Set<String> = ["change_me", "changeme", "placeholder", "todo", "secret", "password"]
    /// Shorter values are guessable whatever they say (gcpctl's own are 43 characters).
    public static let minimumBytes = 16

    /// Whether `value`, without the surrounding blanks and newline `echo` adds, is a placeholder.
    public static func isPlaceholder(_ value: Data) -> Bool {
        let text = String(decoding: value, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.utf8.count < minimumBytes || words.contains(text.lowercased())
    }

    /// The number of the version holding a placeholder, when it is the secret's only enabled
    /// version; nil otherwise, or when the value cannot be read (no permission to access
    /// it: then nothing is claimed). `latest` is the value of `versions/latest`, read beside
    /// the list so that the usual case costs no extra round trip; it is the only enabled
    /// version's value when that version is also the newest.
    static func version(of secretID: String, versions: [SecretManagerAPI.SecretVersion], latest: Data?,
                        in context: ResourceContext) async -> String? {
        let enabled = versions.filter { $0.state == "ENABLED" }.compactMap(\.number)
        guard enabled.count == 1, let only = enabled.first else { return nil }
        let newest = versions.compactMap(\.number).max()
        let value: Data?
        if only == newest, let latest {
            value = latest
        } else {
            value = try? await context.secretManager.access(project: context.project, id: secretID, version: String(only))
        }
        guard let value, isPlaceholder(value) else { return nil }
        return String(only)
    }
}
