import GoogleCloud

extension ResourceContext {
    /// Pushes and jobs aimed at a service that is not deployed fail until it is: say so,
    /// without stopping (its URL is known before it exists). A failed read says nothing.
    func noteIfNotDeployed(_ service: String, _ consequence: String) async {
        let read = await Result(awaiting: { try await cloudRun.service(project: project, region: environment.region, id: service) })
        if case .success(nil) = read {
            note("\(service) is not deployed yet: \(consequence) until `gcpctl deploy` deploys it")
        }
    }
}
