/// Checks a resolved `Environment` against Google's rules and its own cross references, and
/// collects every problem (one line each) rather than stopping at the first.
struct EnvironmentValidator {
    let environment: Environment
    /// Values of the file that did not decode and took their defaults: rules about them, or
    /// that look across to them, would report the defaults, not what was written.
    let dropped: [DocumentPath]
    /// Each problem, with the path of the environment file's value it is about (nil when the
    /// value came from elsewhere: a flag, a variable, a .env file).
    private(set) var found: [(issue: ConfigurationIssue, path: DocumentPath?)] = []

    var issues: [ConfigurationIssue] { found.map(\.issue) }

    static func issues(in environment: Environment) -> [ConfigurationIssue] {
        check(environment).map(\.issue)
    }

    static func check(_ environment: Environment, dropped: [DocumentPath] = []) -> [(issue: ConfigurationIssue, path: DocumentPath?)] {
        var validator = EnvironmentValidator(environment: environment, dropped: dropped)
        validator.checkAll()
        return validator.found
    }

    private init(environment: Environment, dropped: [DocumentPath]) {
        self.environment = environment
        self.dropped = dropped
    }

    /// Whether a value under `section` (`secrets`, `cloudSQL`, `services`) was left out.
    func wasDropped(_ section: String) -> Bool {
        dropped.contains { $0.components.first == .key(section) }
    }

    /// Records `problem` against the value at `path`, if there is one.
    mutating func check(_ path: DocumentPath, _ problem: String?) {
        guard let problem, !dropped.contains(where: { $0.isPrefix(of: path) }) else { return }
        let location = environment.origin.location(of: path)
        let inFile = environment.origin.overrides[path.description] == nil
        found.append((ConfigurationIssue(source: location.source, keyPath: location.keyPath, message: problem), inFile ? path : nil))
    }

    mutating func check(_ source: Environment.ValueSource, _ problem: String?) {
        guard let problem else { return }
        let location = source.location
        var path: DocumentPath?
        if case .environmentFile(_, let key) = source { path = DocumentPath.root.key(key) }
        found.append((ConfigurationIssue(source: location.source, keyPath: location.keyPath, message: problem), path))
    }

    /// A name with an unexpanded `{…}` is reported as such, not as breaking the naming rule.
    mutating func checkName(_ path: DocumentPath, _ name: String, rule: (String) -> String?) {
        let unknown = NameTemplate(project: "", shortName: "", region: "").unknownPlaceholders(in: name)
        if !unknown.isEmpty {
            check(path, "unknown placeholder \(unknown.joined(separator: ", ")) in '\(name)'; use {project}, {env} or {region}")
        } else {
            check(path, rule(name))
        }
    }

    private mutating func checkAll() {
        let env = environment
        check(env.origin.project, NamingRules.projectIDProblem(env.project))
        check(env.origin.region, KnownLocations.regionProblem(env.region))
        check(DocumentPath.root.key(env.aliases.isEmpty ? "name" : "aliases"),
              NamingRules.labelValueProblem(env.shortName).map { "the short name \($0)" })
        checkLabels(env.labels.filter { $0.key != Environment.environmentLabelKey }, at: .root.key("labels"))
        for (index, api) in env.apis.enumerated() {
            check(.root.key("apis").index(index), NamingRules.apiNameProblem(api))
        }
        let registry = DocumentPath.root.key("artifactRegistry")
        checkName(registry.key("repository"), env.artifactRegistry.repository, rule: NamingRules.repositoryIDProblem)
        // A location defaulted from the region is reported once, as the region.
        if env.artifactRegistry.location != env.region {
            check(registry.key("location"), KnownLocations.registryLocationProblem(env.artifactRegistry.location))
        }
        checkBuckets()
        checkName(.root.key("serviceAccount").key("id"), env.serviceAccount.id, rule: NamingRules.serviceAccountIDProblem)
        for (index, role) in env.serviceAccount.roles.enumerated() {
            check(.root.key("serviceAccount").key("roles").index(index), NamingRules.roleProblem(role))
        }
        checkName(.root.key("buildServiceAccount").key("id"), env.buildServiceAccount.id, rule: NamingRules.serviceAccountIDProblem)
        if env.buildServiceAccount.id == env.serviceAccount.id {
            check(.root.key("buildServiceAccount").key("id"),
                  "the build account must not be the runtime account \(env.serviceAccount.id): builds need other rights than the services")
        }
        checkSecrets()
        checkCloudSQL()
        checkServices()
        checkPubSub()
        checkScheduler()
        checkUsage()
        checkNetwork()
        checkEdge()
        checkRedis()
        checkMonitoring()
    }

    /// Only the labels a resource adds or changes: the environment's own are checked once.
    mutating func checkLabels(_ labels: [String: String], at path: DocumentPath, inheriting inherited: [String: String] = [:]) {
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) where inherited[key] != value {
            check(path.key(key), NamingRules.labelKeyProblem(key) ?? NamingRules.labelValueProblem(value))
        }
        if labels.count > 64 {
            check(path, "\(labels.count) labels, more than the 64 Google allows")
        }
    }

    /// Reports the second and later uses of the same name.
    mutating func checkUnique(_ names: [String], at path: (Int) -> DocumentPath, what: String) {
        var firstIndex: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if let first = firstIndex[name] {
                check(path(index), "'\(name)' is declared twice (also at \(path(first))); \(what) must be unique")
            } else {
                firstIndex[name] = index
            }
        }
    }

    private mutating func checkSecrets() {
        let secrets = environment.secrets
        for (index, secret) in secrets.enumerated() {
            let path = DocumentPath.root.key("secrets").index(index)
            checkName(path.key("id"), secret.id, rule: NamingRules.secretIDProblem)
            checkLabels(secret.labels, at: path.key("labels"), inheriting: environment.labels)
        }
        checkUnique(secrets.map(\.id), at: { .root.key("secrets").index($0).key("id") }, what: "secret ids")
    }

    /// A reference to a secret the environment does not declare (it would never be created).
    func undeclaredSecretProblem(_ id: String) -> String? {
        let declared = environment.secrets.map(\.id)
        guard !declared.contains(id), !wasDropped("secrets") else { return nil }
        return "'\(id)' is not one of the secrets this environment declares (\(declared.joined(separator: ", ")))"
            + Suggestion.phrase(for: id, in: declared)
    }

    private mutating func checkUsage() {
        guard let usage = environment.usage else { return }
        let path = DocumentPath.root.key("usage")
        // Each figure with how it is written back in a message (whole numbers exactly).
        let values: [(String, Double, String)] = [
            ("requestsPerMonth", Double(usage.requestsPerMonth), "\(usage.requestsPerMonth)"),
            ("averageRequestSeconds", usage.averageRequestSeconds, "\(usage.averageRequestSeconds)"),
            ("storageGb", usage.storageGb, "\(usage.storageGb)"), ("artifactStorageGb", usage.artifactStorageGb, "\(usage.artifactStorageGb)"),
            ("buildMinutesPerMonth", usage.buildMinutesPerMonth, "\(usage.buildMinutesPerMonth)"),
            ("secretAccessesPerMonth", Double(usage.secretAccessesPerMonth), "\(usage.secretAccessesPerMonth)"),
        ]
        let optional: [(String, Double?)] = [("databaseGb", usage.databaseGb), ("sqlHoursPerWeek", usage.sqlHoursPerWeek),
                                             ("pubsubGbPerMonth", usage.pubsubGbPerMonth), ("lbGbPerMonth", usage.lbGbPerMonth)]
        for (key, value, shown) in values + optional.compactMap({ key, value in value.map { (key, $0, "\($0)") } }) {
            if value < 0 {
                check(path.key(key), "must not be negative")
            } else if let limit = Self.usageLimits[key], value > limit {
                // Beyond these, prices times quantities leave Decimal's range (-$NaN).
                check(path.key(key), "\(shown) is more than gcpctl can estimate; use at most \(Int(limit))")
            }
        }
        if let hours = usage.sqlHoursPerWeek, hours > 168 {
            check(path.key("sqlHoursPerWeek"), "must be at most 168, the hours in a week")
        }
        checkRequestShare(usage.requestShare, at: path.key("requestShare"))
    }

    /// The largest usage figures an estimate makes sense of: a trillion requests or secret
    /// accesses, a request as long as Cloud Run's longest timeout, an exabyte of storage,
    /// Cloud SQL's largest disk, every minute of a month on 100 concurrent builds.
    static let usageLimits: [String: Double] = [
        "requestsPerMonth": 1e12, "secretAccessesPerMonth": 1e12, "averageRequestSeconds": 3600,
        "storageGb": 1e9, "artifactStorageGb": 1e9, "pubsubGbPerMonth": 1e9, "databaseGb": 65_536, "buildMinutesPerMonth": 4_464_000,
        "lbGbPerMonth": 1e9,
    ]

    /// Shares name declared services and are relative weights, so they need not sum to 1.
    private mutating func checkRequestShare(_ shares: [String: Double]?, at path: DocumentPath) {
        guard let shares, !wasDropped("services") else { return }
        let declared = environment.services.map(\.name)
        for (name, share) in shares.sorted(by: { $0.key < $1.key }) {
            if !declared.contains(name) {
                check(path.key(name), "'\(name)' is not one of this environment's services (\(declared.joined(separator: ", ")))"
                      + Suggestion.phrase(for: name, in: declared))
            } else if share < 0 {
                check(path.key(name), "must not be negative")
            } else if share > 1e6 {
                check(path.key(name), "\(share) is more than gcpctl can estimate; shares are relative weights, use at most 1000000")
            }
        }
        if !shares.isEmpty, shares.values.allSatisfy({ $0 <= 0 }) {
            check(path, "every share is 0; give at least one service a positive share, or remove requestShare for equal shares")
        }
    }
}
