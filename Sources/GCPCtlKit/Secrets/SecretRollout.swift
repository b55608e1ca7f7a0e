import GoogleCloud

/// After a secret's value changed: a new revision of each deployed service that reads it,
/// from the same template (`forceNewRevision`), so every instance starts again and reads
/// the new value. Nothing is rebuilt and nothing else changes; a plain `gcpctl deploy`
/// would send nothing, since the template names the secret at `latest` either way.
struct SecretRollout: Sendable {
    var services: [String]

    struct Result: Encodable, Sendable {
        var service: String
        var revision: String?
        var error: String?
    }

    func run(in context: ResourceContext, progress: ProgressDisplay) async -> [Result] {
        let region = context.environment.region
        return await withTaskGroup(of: (Int, Result).self) { group in
            for (index, service) in services.enumerated() {
                group.addTask {
                    do {
                        let revision = try await progress.track("starting a new revision of \(service)") {
                            try await restart(service, region: region, in: context)
                        }
                        return (index, Result(service: service, revision: revision))
                    } catch {
                        return (index, Result(service: service, error: "\(error)"))
                    }
                }
            }
            var results = [Result?](repeating: nil, count: services.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }

    /// nil when the service is not deployed (nothing runs the old value).
    func restart(_ service: String, region: String, in context: ResourceContext) async throws -> String? {
        let cloudRun = context.cloudRun
        guard let observed = try await cloudRun.service(project: context.project, region: region, id: service) else { return nil }
        // The template as Google holds it (fields gcpctl does not model included), no revision name.
        let update = try ServiceUpdate.sameTemplate(of: observed)
        let operation = try await cloudRun.updateService(project: context.project, region: region, id: service, body: update.body,
                                                         updateMask: update.updateMask, forceNewRevision: true)
        _ = try await cloudRun.waitFor(operation, what: "starting a new revision of \(service)", poller: context.poller)
        return try await cloudRun.service(project: context.project, region: region, id: service)?.latestReadyRevision
    }
}
