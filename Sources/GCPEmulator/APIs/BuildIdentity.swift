/// The account a Cloud Build build runs as, and what it may do: read its source object,
/// write its log to a logs bucket of the user's, push to a repository.
///
/// A build runs as the account its `serviceAccount` names (`projects/P/serviceAccounts/EMAIL`),
/// else as the project's default: the legacy Cloud Build account
/// (`NUMBER@cloudbuild.gserviceaccount.com`), or, since Google's 2024 change, the Compute
/// Engine default account (`NUMBER-compute@developer.gserviceaccount.com`), which is what
/// `secureByDefault` projects get. A named account may do what the roles bound to it allow,
/// on the project's policy or the bucket's or repository's own (`IAMRoles`). A default
/// account may do everything, as its broad default roles let it, except under
/// `secureByDefault`, where it holds no roles at all.
struct BuildIdentity {
    /// `user@p.iam.gserviceaccount.com`.
    var email: String
    /// Named by the build, not a default.
    var isNamed: Bool

    static func of(_ build: JSONValue, project: String, state: EmulatorState, secureByDefault: Bool) -> BuildIdentity {
        if let named = build["serviceAccount"]?.stringValue, let email = named.split(separator: "/").last {
            return BuildIdentity(email: String(email), isNamed: true)
        }
        let number = state.projectNumber(project)
        return BuildIdentity(email: secureByDefault ? "\(number)-compute@developer.gserviceaccount.com" : "\(number)@cloudbuild.gserviceaccount.com",
                             isNamed: false)
    }

    /// `projects/P/serviceAccounts/EMAIL`, as the Build shows it.
    func resourceName(project: String) -> String { "projects/\(project)/serviceAccounts/\(email)" }

    /// Whether the account holds `permission` on `resource` (a key of `IAMPolicy.collection`
    /// in `owner`: `b/BUCKET`, a repository's name), through that resource's policy or its
    /// project's.
    func may(_ permission: String, on resource: String, in owner: String, project: String, state: EmulatorState,
             secureByDefault: Bool) -> Bool {
        guard isNamed else { return !secureByDefault }
        let member = "serviceAccount:\(email)"
        let roles = IAMPolicy.roles(of: member, project: owner, resource: resource, state: state)
            .union(IAMPolicy.roles(of: member, project: project, resource: "projects/\(project)", state: state))
        return roles.contains { IAMRoles.grants($0, permission) }
    }
}

/// The permissions of the predefined roles a build's account meets (Google's "IAM roles
/// and permissions" reference), the ones the emulator checks.
enum IAMRoles {
    static let permissions: [String: Set<String>] = [
        "roles/owner": ["*"],
        "roles/editor": ["storage.objects.get", "storage.objects.list", "storage.objects.create", "storage.objects.delete",
                         "storage.buckets.get", "artifactregistry.repositories.uploadArtifacts",
                         "artifactregistry.repositories.downloadArtifacts", "logging.logEntries.create"],
        "roles/storage.admin": ["storage.*"],
        "roles/storage.objectAdmin": ["storage.objects.*"],
        "roles/storage.objectViewer": ["storage.objects.get", "storage.objects.list"],
        "roles/storage.objectCreator": ["storage.objects.create"],
        "roles/storage.objectUser": ["storage.objects.*"],
        "roles/storage.legacyBucketOwner": ["storage.buckets.get", "storage.objects.list", "storage.objects.create", "storage.objects.delete"],
        "roles/storage.legacyBucketWriter": ["storage.buckets.get", "storage.objects.list", "storage.objects.create", "storage.objects.delete"],
        "roles/storage.legacyObjectReader": ["storage.objects.get"],
        "roles/artifactregistry.admin": ["artifactregistry.*"],
        "roles/artifactregistry.repoAdmin": ["artifactregistry.repositories.*"],
        "roles/artifactregistry.writer": ["artifactregistry.repositories.uploadArtifacts", "artifactregistry.repositories.downloadArtifacts"],
        "roles/artifactregistry.reader": ["artifactregistry.repositories.downloadArtifacts"],
        "roles/logging.logWriter": ["logging.logEntries.create"],
        "roles/cloudbuild.builds.builder": ["storage.objects.get", "storage.objects.list", "storage.objects.create",
                                            "artifactregistry.repositories.uploadArtifacts", "logging.logEntries.create"],
    ]

    static func grants(_ role: String, _ permission: String) -> Bool {
        (permissions[role] ?? []).contains { granted in
            granted == "*" || granted == permission || (granted.hasSuffix(".*") && permission.hasPrefix(String(granted.dropLast())))
        }
    }
}
