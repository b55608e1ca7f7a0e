import GoogleCloud

/// What the next `setup` and `deploy` need to be allowed to do in the project.
struct ProjectPermissionsCheck: DoctorCheck {
    var name: String { "project-permissions" }

    static let setup = [
        "serviceusage.services.list", "serviceusage.services.enable", "storage.buckets.create", "storage.buckets.get",
        "storage.buckets.update", "iam.serviceAccounts.create", "iam.serviceAccounts.get",
        "resourcemanager.projects.getIamPolicy", "resourcemanager.projects.setIamPolicy", "secretmanager.secrets.create",
        "secretmanager.secrets.get", "secretmanager.versions.add", "secretmanager.versions.access",
        "artifactregistry.repositories.create", "artifactregistry.repositories.get", "cloudsql.instances.create",
        "cloudsql.instances.get", "cloudsql.instances.update", "cloudsql.databases.create", "cloudsql.users.update",
        "cloudsql.instances.executesql",
    ]
    static let deploy = [
        "cloudbuild.builds.create", "cloudbuild.builds.get", "storage.objects.create", "artifactregistry.dockerimages.list",
        "run.services.create", "run.services.get", "run.services.update", "run.services.setIamPolicy", "run.operations.get",
        "logging.logEntries.list",
    ]

    func run(in context: DoctorContext) async -> DoctorFinding {
        let wanted = Self.setup + Self.deploy
        do {
            let held = try await context.resources.resourceManager.heldPermissions(project: context.project, wanted)
            let missing = wanted.filter { !held.contains($0) }
            guard !missing.isEmpty else { return .ok("\(wanted.count) permissions setup and deploy use are held in \(context.project)") }
            let commands = [Self.setup.contains(where: missing.contains) ? "setup" : nil, Self.deploy.contains(where: missing.contains) ? "deploy" : nil]
                .compactMap { $0 }.joined(separator: " and ")
            return .problem("\(context.principal ?? "the caller") lacks \(missing.joined(separator: ", ")), which \(commands) need\(commands.contains(" and ") ? "" : "s")",
                            fix: "grant a role holding them (roles/editor with roles/resourcemanager.projectIamAdmin and roles/secretmanager.admin, or roles/owner)")
        } catch {
            return .problem("the project's permissions cannot be tested: \(error)", fix: nil)
        }
    }
}

/// Objects in a bucket: what deploy and the services do there.
struct BucketPermissionsCheck: DoctorCheck {
    var bucket: String
    var name: String { "bucket:\(bucket)" }
    static let permissions = ["storage.buckets.get", "storage.buckets.update", "storage.objects.list", "storage.objects.create"]

    func run(in context: DoctorContext) async -> DoctorFinding {
        do {
            guard let held = try await context.resources.storage.heldPermissions(bucket: bucket, Self.permissions) else {
                return .ok("bucket \(bucket) does not exist yet; gcpctl setup --env=\(context.env) creates it")
            }
            let missing = Self.permissions.filter { !held.contains($0) }
            guard !missing.isEmpty else { return .ok("bucket \(bucket): permissions held") }
            return .problem("bucket \(bucket): \(context.principal ?? "the caller") lacks \(missing.joined(separator: ", "))",
                            fix: "grant roles/storage.admin on the bucket or the project")
        } catch {
            return .problem("bucket \(bucket) cannot be tested: \(error)", fix: nil)
        }
    }
}

/// Deploying a service that runs as an account needs `iam.serviceAccounts.actAs` on it.
struct ActAsCheck: DoctorCheck {
    var email: String
    var what: String
    var name: String { "act-as:\(email)" }

    func run(in context: DoctorContext) async -> DoctorFinding {
        do {
            guard let held = try await context.resources.iam.heldPermissions(project: context.project, email: email, ["iam.serviceAccounts.actAs"]) else {
                return .ok("\(what) \(email) does not exist yet; gcpctl setup --env=\(context.env) creates it")
            }
            guard held.contains("iam.serviceAccounts.actAs") else {
                return .problem("\(context.principal ?? "the caller") cannot act as the \(what) \(email), which deploy needs",
                                fix: "grant roles/iam.serviceAccountUser on \(email)")
            }
            return .ok("can act as the \(what) \(email)")
        } catch {
            return .problem("acting as \(email) cannot be tested: \(error)", fix: nil)
        }
    }
}

/// Whether an account holds its declared roles on the project (the runtime account's; the
/// build account's is one more of these).
struct AccountRolesCheck: DoctorCheck {
    var email: String
    var roles: [String]
    var what: String
    var name: String { "roles:\(email)" }

    func run(in context: DoctorContext) async -> DoctorFinding {
        do {
            let policy = try await context.resources.resourceManager.iamPolicy(project: context.project)
            let held = policy.roles(of: "serviceAccount:\(email)")
            let missing = roles.filter { !held.contains($0) }
            guard !missing.isEmpty else { return .ok("the \(what) holds its \(roles.count == 1 ? "role" : "\(roles.count) roles")") }
            return .problem("the \(what) \(email) lacks \(missing.joined(separator: ", "))", fix: "gcpctl setup --env=\(context.env)")
        } catch {
            return .problem("the project's IAM policy cannot be read: \(error)", fix: "grant resourcemanager.projects.getIamPolicy (roles/iam.securityReviewer)")
        }
    }
}
