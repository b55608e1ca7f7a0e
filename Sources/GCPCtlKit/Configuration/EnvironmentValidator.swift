/// Checks a resolved `Environment` against Google's rules and its own cross references, and
/// collects every problem (one line each) rather than stopping at the first.
struct EnvironmentValidator {
    let environment: Environment
    private(set) var issues: [ConfigurationIssue] = []

    static func issues(in environment: Environment) -> [ConfigurationIssue] {
        var validator = EnvironmentValidator(environment: environment)
        validator.checkAll()
        return validator.issues
    }

    private init(environment: Environment) {
        self.environment = environment
    }

    /// Records `problem` against the value at `path`, if there is one.
    mutating func check(_ path: DocumentPath, _ problem: String?) {
        guard let problem else { return }
        let location = environment.origin.location(of: path)
        issues.append(ConfigurationIssue(source: location.source, keyPath: location.keyPath, message: problem))
    }

    mutating func check(_ source: Environment.ValueSource, _ problem: String?) {
        guard let problem else { return }
        let location = source.location
        issues.append(ConfigurationIssue(source: location.source, keyPath: location.keyPath, message: problem))
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
        checkUsage()
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
        guard !declared.contains(id) else { return nil }
        return "'\(id)' is not one of the secrets this environment declares (\(declared.joined(separator: ", ")))"
            + Suggestion.phrase(for: id, in: declared)
    }

    private mutating func checkUsage() {
        guard let usage = environment.usage else { return }
        let path = DocumentPath.root.key("usage")
        let values: [(String, Double)] = [
            ("requestsPerMonth", Double(usage.requestsPerMonth)), ("averageRequestSeconds", usage.averageRequestSeconds),
            ("storageGb", usage.storageGb), ("artifactStorageGb", usage.artifactStorageGb),
            ("buildMinutesPerMonth", usage.buildMinutesPerMonth), ("secretAccessesPerMonth", Double(usage.secretAccessesPerMonth)),
        ]
        let optional: [(String, Double?)] = [("databaseGb", usage.databaseGb), ("sqlHoursPerWeek", usage.sqlHoursPerWeek)]
        for (key, value) in values + optional.compactMap({ key, value in value.map { (key, $0) } }) where value < 0 {
            check(path.key(key), "must not be negative")
        }
        if let hours = usage.sqlHoursPerWeek, hours > 168 {
            check(path.key("sqlHoursPerWeek"), "must be at most 168, the hours in a week")
        }
        checkRequestShare(usage.requestShare, at: path.key("requestShare"))
    }

    /// Shares name declared services and are relative weights, so they need not sum to 1.
    private mutating func checkRequestShare(_ shares: [String: Double]?, at path: DocumentPath) {
        guard let shares else { return }
        let declared = environment.services.map(\.name)
        for (name, share) in shares.sorted(by: { $0.key < $1.key }) {
            if !declared.contains(name) {
                check(path.key(name), "'\(name)' is not one of this environment's services (\(declared.joined(separator: ", ")))"
                      + Suggestion.phrase(for: name, in: declared))
            } else if share < 0 {
                check(path.key(name), "must not be negative")
            }
        }
        if !shares.isEmpty, shares.values.allSatisfy({ $0 <= 0 }) {
            check(path, "every share is 0; give at least one service a positive share, or remove requestShare for equal shares")
        }
    }
}
