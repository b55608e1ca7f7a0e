import GoogleCloud

/// One service's traffic change, as promote and rollback make it and report it.
public struct TrafficShift: Sendable, Encodable {
    public var service: String
    public var before: String?
    public var after: String?
    public var changed: Bool
    public var error: String?
    /// What the failure means for the exit status.
    var status = ExitStatus.success

    enum CodingKeys: String, CodingKey {
        case service, before, after, changed, error
    }

    /// Reads the service, asks `targets` for the new split, and sends it unless it is the
    /// one in place already.
    static func perform(_ name: String, region: String, in context: ResourceContext, progress: ProgressDisplay,
                        targets: @Sendable (CloudRunAPI.Service) async throws -> [CloudRunAPI.TrafficTarget]) async -> TrafficShift {
        var shift = TrafficShift(service: name, changed: false)
        do {
            guard let observed = try await context.cloudRun.service(project: context.project, region: region, id: name) else {
                throw ServiceNotDeployedError(service: name, region: region)
            }
            shift.before = TrafficPlan.describe(observed.traffic)
            let wanted = try await targets(observed)
            shift.after = TrafficPlan.describe(wanted)
            var spec = CloudRunAPI.Service()
            spec.traffic = wanted
            guard !ServiceDifferences.changes(observed: observed, desired: spec).isEmpty else { return shift }
            _ = try await progress.track("moving \(name)'s traffic to \(shift.after ?? "")") {
                try await CloudRunService.route(wanted, service: observed, region: region, in: context)
            }
            shift.changed = true
        } catch {
            shift.error = "\(error)"
            shift.status = ExitStatus.of(error)
        }
        return shift
    }

    static func report(_ shifts: [TrafficShift], verb: String, on reporter: Reporter) -> ExitStatus {
        struct Document: Encodable {
            var services: [TrafficShift]
        }
        reporter.result(Document(services: shifts)) {
            for shift in shifts {
                if let error = shift.error {
                    reporter.error("\(shift.service): \(error)")
                } else if shift.changed {
                    reporter.outcome("\(shift.service): traffic \(shift.before ?? "") → \(shift.after ?? "")")
                } else {
                    reporter.line("\(shift.service): traffic already \(shift.after ?? ""); nothing to \(verb)")
                }
            }
        }
        // A failed operation outweighs a mistaken name.
        return shifts.map(\.status).max { $0.severity < $1.severity } ?? .success
    }
}

/// Promote, rollback, delete-service on a service that is not there.
public struct ServiceNotDeployedError: Error, Sendable, CustomStringConvertible, ExitStatusProviding {
    public var service: String
    public var region: String

    public var description: String { "\(service) is not deployed in \(region); deploy it with gcpctl deploy \(service)" }
    public var exitStatus: ExitStatus { .configurationError }
}
