import Foundation
import GoogleCloud

/// Everything checked before any build (and each problem reported at once): the source
/// folders and Dockerfiles (property 11: multi-stage, a warning otherwise), the registry's
/// region (property 15), the runtime service account and the secrets the services mount
/// (made by `gcpctl setup`). Then what deploy may do itself: create the Artifact Registry
/// repository when it is missing, and grant the runtime account secret access
/// (ensure_secret_permissions).
public struct Preflight: Sendable {
    public static let secretAccessorRole = "roles/secretmanager.secretAccessor"

    let services: [Environment.Service]
    let environment: Environment

    public init(services: [Environment.Service], environment: Environment) {
        self.services = services
        self.environment = environment
    }

    /// The source folder of `service`, absolute.
    public func sourceDirectory(of service: Environment.Service) -> URL {
        let base = URL(fileURLWithPath: environment.configDirectory ?? FileManager.default.currentDirectoryPath, isDirectory: true)
        return service.source.hasPrefix("/") ? URL(fileURLWithPath: service.source, isDirectory: true)
            : base.appendingPathComponent(service.source, isDirectory: true)
    }

    /// Local checks: problems stop the deploy; warnings are shown and it goes on.
    public func checkFiles() -> (problems: [String], warnings: [String]) {
        var problems: [String] = [], warnings: [String] = []
        for service in services {
            let directory = sourceDirectory(of: service)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                problems.append("\(service.name): the source folder \(service.source) does not exist; fix services.\(service.name).source")
                continue
            }
            let dockerfile = directory.appendingPathComponent(service.dockerfile)
            guard let text = try? String(contentsOf: dockerfile, encoding: .utf8) else {
                problems.append("\(service.name): no Dockerfile at \(service.source)/\(service.dockerfile); add one or fix services.\(service.name).dockerfile")
                continue
            }
            let stages = Self.stageCount(text)
            if stages < 2 {
                warnings.append("\(service.name): \(service.source)/\(service.dockerfile) has \(stages) FROM line\(stages == 1 ? "" : "s"); a multi-stage build (a builder stage, then a slim runtime stage) keeps the image small")
            }
        }
        var seen: [String: String] = [:]
        for service in environment.services {
            let variable = ServiceURLs.variableName(for: service.name)
            if let other = seen[variable] {
                problems.append("\(other) and \(service.name) would both get their URL as \(variable); rename one of them")
            }
            seen[variable] = service.name
        }
        // Found now, not after the services are deployed and their URLs cannot be written.
        if let problem = environment.envFileProblem { problems.append(problem) }
        if environment.artifactRegistry.location != environment.region {
            problems.append("images would go to \(environment.artifactRegistry.location)-docker.pkg.dev but GCP_REGION is \(environment.region); set artifactRegistry.location to \(environment.region) (or remove it) so images and services share a region")
        }
        return (problems, warnings)
    }

    /// The `FROM` instructions of a Dockerfile (property 11), comments and continuation
    /// lines aside.
    public static func stageCount(_ dockerfile: String) -> Int {
        dockerfile.split(whereSeparator: \.isNewline).filter { line in
            let words = line.trimmingBlanks().split(separator: " ", maxSplits: 1)
            return words.first?.uppercased() == "FROM" && words.count > 1
        }.count
    }

    /// Checks in the project that need no change; problems name `gcpctl setup`.
    public func checkProject(in context: ResourceContext) async throws -> (problems: [String], warnings: [String], redis: RedisEndpoint?) {
        var problems: [String] = [], warnings: [String] = []
        let enabled = try await context.serviceUsage.enabledServices(project: context.project)
        let disabled = requiredAPIs.filter { !enabled.contains($0) }
        guard disabled.isEmpty else {
            return (["the API\(disabled.count == 1 ? "" : "s") \(disabled.joined(separator: ", ")) \(disabled.count == 1 ? "is" : "are") not enabled in \(context.project); run gcpctl setup --env=\(environment.shortName) first (or gcpctl enable \(disabled.joined(separator: " ")))"], [], nil)
        }
        let account = environment.serviceAccount.email
        async let redis = redisEndpoint(in: context)
        async let buildAccount = context.iam.serviceAccount(project: context.project, email: environment.buildServiceAccount.email)
        if try await context.iam.serviceAccount(project: context.project, email: account) == nil {
            problems.append("the runtime service account \(account) does not exist; run gcpctl setup --env=\(environment.shortName) first")
        }
        if try await buildAccount == nil {
            problems.append("the build service account \(environment.buildServiceAccount.email), which Cloud Build runs the builds as, does not exist; run gcpctl setup --env=\(environment.shortName) first")
        }
        let referenced = Set(services.flatMap { environment.secretVariables(of: $0).values })
        var missing: [String] = []
        for secret in referenced.sorted() where try await context.secretManager.secret(project: context.project, id: secret) == nil {
            missing.append(secret)
        }
        if !missing.isEmpty {
            problems.append("the secret\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) \(missing.count == 1 ? "does" : "do") not exist in Secret Manager; run gcpctl setup --env=\(environment.shortName) first")
        }
        if let sql = environment.cloudSQL, services.contains(where: \.usesCloudSQL),
           try await context.sqlAdmin.instance(project: context.project, name: sql.instance) == nil {
            warnings.append("the Cloud SQL instance \(sql.instance) does not exist (setup --skip-sql?); services that use it cannot reach a database until gcpctl setup creates it")
        }
        let cache = try await redis
        if let problem = cache.problem { problems.append(problem) }
        return (problems, warnings, cache.endpoint)
    }

    /// The APIs a deploy calls.
    var requiredAPIs: [String] {
        var apis = ["run.googleapis.com", "cloudbuild.googleapis.com", "artifactregistry.googleapis.com", "storage.googleapis.com",
                    "iam.googleapis.com"]
        if environment.mountSecrets(services) { apis.append("secretmanager.googleapis.com") }
        if services.contains(where: \.usesCloudSQL) { apis.append("sqladmin.googleapis.com") }
        if environment.redis != nil { apis.append(RedisRules.service) }
        return apis
    }

    /// Creates the Artifact Registry repository when missing; true when it did.
    public func ensureRepository(in context: ResourceContext) async throws -> Bool {
        let repository = ArtifactRepository(environment.artifactRegistry, labels: environment.labels)
        guard try await repository.observe(in: context) == nil else { return false }
        try await repository.create(in: context)
        return true
    }

    /// The project roles deploy grants the runtime account itself (setup keeps them).
    static func rolesDeployGrants(_ environment: Environment) -> Set<String> {
        environment.mountSecrets(environment.services) ? [secretAccessorRole] : []
    }

    /// What a build needs of the buckets and the repository before anything is uploaded:
    /// the logs bucket, and the build account's roles (read on the staging bucket, write on
    /// the logs bucket and the repository), granted where missing (a repository deploy has
    /// just made again has lost its binding). Answers what it made and granted.
    public func ensureBuildAccess(in context: ResourceContext) async throws -> [String] {
        var done: [String] = []
        let logs = BuildLogsBucket(environment: environment)
        if try await logs.resource.observe(in: context) == nil {
            try await logs.resource.create(in: context)
            done.append("created the build logs bucket \(logs.name) (logs deleted after \(BuildLogsBucket.retentionDays) days)")
        }
        let roles = BuildAccountRoles(environment)
        let held = try await roles.observe(in: context) ?? []
        let missing = roles.differences(from: held)
        if !missing.isEmpty {
            try await roles.update(held, changes: missing, in: context)
            done += missing.map { "granted \($0.field) to the build account \(environment.buildServiceAccount.email)" }
        }
        return done
    }

    /// The project roles deploy relies on, from one read of the project's policy: the
    /// runtime account's secret access (ensure_secret_permissions: when services mount
    /// secrets) and, when it builds, the build account's Cloud Logging. Grants what is
    /// missing; answers what it granted.
    public func ensureProjectRoles(building: Bool, in context: ResourceContext) async throws -> [String] {
        var needed: [(account: Environment.ServiceAccount, why: String)] = []
        if environment.mountSecrets(services) {
            var runtime = environment.serviceAccount
            runtime.roles = [Self.secretAccessorRole]
            needed.append((runtime, ", so the services can read their secrets"))
        }
        if building { needed.append((environment.buildServiceAccount, ", so the builds can write their logs")) }
        guard !needed.isEmpty else { return [] }
        let policy = try await context.resourceManager.iamPolicy(project: context.project)
        var done: [String] = []
        for (account, why) in needed {
            // Only grants: the account's other roles are setup's business, not deploy's.
            let roles = ProjectRoles(account)
            let held = policy.roles(of: roles.member)
            let missing = account.roles.filter { !held.contains($0) }
            guard !missing.isEmpty else { continue }
            try await roles.create(in: context)
            done += missing.map { "granted \($0) to \(account.email)\(why)" }
        }
        return done
    }
}
