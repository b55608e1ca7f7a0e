/// The project named in `x-goog-user-project`, which quota and billing are charged to, as
/// Google's libraries choose it: `GOOGLE_CLOUD_QUOTA_PROJECT`, else the credentials file's
/// `quota_project_id`, else, for user credentials only, the project worked on. Service
/// accounts and federated identities bill their own project unless asked otherwise.
public enum QuotaProject {
    public static func choose(environment: [String: String], credentials: any CredentialProvider,
                              targetProject: String?) -> String? {
        if let project = environment["GOOGLE_CLOUD_QUOTA_PROJECT"], !project.isEmpty { return project }
        if let project = credentials.quotaProject, !project.isEmpty { return project }
        return credentials.source.isUserCredential ? targetProject : nil
    }
}
