extension SecretManagerAPI {
    /// Disables a version: it stays listed and can be enabled again, but no longer answers
    /// `access` (nor `latest`, when it was the newest). Repeating it changes nothing more.
    public func disableVersion(project: String, id: String, version: String) async throws -> SecretVersion {
        try await client.decode(GoogleCall(.post, .secretManager, path(project, id) + "/versions/\(version):disable",
                                           json: [String: String](), idempotency: .idempotent))
    }
}
