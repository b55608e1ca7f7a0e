import GoogleCloud

extension ResourceContext {
    /// Whether the environment's service `service` is deployed (exists in its region).
    func isDeployed(_ service: String) async throws -> Bool {
        try await cloudRun.service(project: project, region: environment.region, id: service) != nil
    }

    /// Pushes and jobs aimed at a service that is not deployed fail until it is: say so,
    /// without stopping (its URL is known before it exists). A failed read says nothing.
    func noteIfNotDeployed(_ service: String, _ consequence: String) async {
        if case .success(false) = await Result(awaiting: { try await isDeployed(service) }) {
            note("\(service) is not deployed yet: \(consequence) until `gcpctl deploy` deploys it")
        }
    }
}
