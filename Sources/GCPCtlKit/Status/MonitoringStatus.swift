import GoogleCloud

/// The alert policies of the project, counted (the bash script's "Check Monitoring").
/// Information only: a project without policies, or without Cloud Monitoring, is not
/// unhealthy.
enum MonitoringStatus {
    static let check = StatusCheck(section: .monitoring, kind: "alert-policies", name: "alert policies", rows: rows(in:))

    static func rows(in context: ResourceContext) async -> [StatusRow] {
        var row = StatusRow(section: check.section, kind: check.kind, name: check.name, state: .ok)
        do {
            let policies = try await MonitoringAPI(context.cloud).alertPolicies(project: context.project)
            let enabled = policies.filter { $0.enabled != false }.count
            row.details = [
                StatusDetail("policyCount", column: "POLICIES", policies.count),
                StatusDetail("enabledCount", column: "ENABLED", enabled),
            ]
        } catch let error as GoogleAPIError where error.disabledService != nil {
            row.state = .info
            row.reason = "\(error.disabledService ?? "monitoring.googleapis.com") is not enabled, so there are no alert policies"
        } catch {
            row.worsen(to: .failed, reason: "could not be read: \(error)", fix: nil)
        }
        return [row]
    }
}

extension StatusCheck {
    /// What status checks besides the environment's resources, in the order of their tables.
    static let extras = [MonitoringStatus.check, UndeclaredResources.statusCheck]
}

extension StatusSection {
    /// Not a kind's: the alert policies check (`MonitoringStatus.check`).
    public static let monitoring = StatusSection(id: "monitoring", title: "Monitoring")
}
