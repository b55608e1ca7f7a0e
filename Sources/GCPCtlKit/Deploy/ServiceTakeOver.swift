import GoogleCloud

/// One project, several environments: a Cloud Run service has one name per region, so
/// `api-gateway` of dev and of prod in the same project and region are the same service.
/// Deploying prod over a service labelled `gcpctl-env: dev` would replace dev's image and
/// variables under it, so deploy refuses unless told `--take-over`. A service deployed
/// without gcpctl (by the bash scripts) is adopted: it gets the environment's labels,
/// and deploy says so.
struct ServiceTakeOver: Sendable {
    let services: [Environment.Service]
    /// `--take-over`.
    let allowed: Bool

    struct Findings: Sendable {
        var problems: [String] = []
        var warnings: [String] = []
        var notes: [String] = []
    }

    /// Every service read at once, judged by `Ownership`'s rule.
    func check(in context: ResourceContext) async throws -> Findings {
        let environment = context.environment
        let owners = try await withThrowingTaskGroup(of: (String, Ownership?).self) { group in
            for service in services {
                group.addTask {
                    guard let found = try await context.cloudRun.service(project: context.project, region: environment.region, id: service.name)
                    else { return (service.name, nil) }
                    return (service.name, try await Ownership.of(found, in: context))
                }
            }
            return try await group.reduce(into: [String: Ownership?]()) { $0[$1.0] = $1.1 }
        }
        var findings = Findings()
        for service in services.map(\.name) {
            switch owners[service] ?? nil {
            case .otherEnvironment(let owner?)? where !allowed:
                findings.problems.append("Cloud Run service \(service) in \(environment.region) is labelled gcpctl-env=\(owner): it is the \(owner) environment's, and deploying \(environment.shortName) would replace its image and variables. "
                    + "Give \(environment.shortName)'s services other names or another project, or pass --take-over to deploy over it")
            case .otherEnvironment(let owner?)?:
                findings.warnings.append("taking over Cloud Run service \(service) from \(owner) (--take-over): it will be \(environment.shortName)'s")
            case .unmanaged?:
                findings.notes.append("adopting Cloud Run service \(service), deployed without gcpctl: it gets the labels managed-by=gcpctl, gcpctl-env=\(environment.shortName)")
            default:
                continue
            }
        }
        return findings
    }
}
