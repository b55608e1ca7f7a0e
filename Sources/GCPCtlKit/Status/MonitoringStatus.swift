import GoogleCloud

/// The alert policies of the project, counted (the bash script's "Check Monitoring"); where
/// the environment declares `monitoring:`, those it does not make (its own have rows of
/// their own). Information only: a project without policies, or without Cloud Monitoring,
/// is not unhealthy.
enum MonitoringStatus {
    static let check = StatusCheck(section: .monitoring, kind: "alert-policies", name: "alert policies", rows: rows(in:))

    static func rows(in context: ResourceContext) async -> [StatusRow] {
        let declared = Set((context.environment.monitoring?.alertPolicies ?? []).map(\.name))
        let name = context.environment.monitoring == nil ? check.name : "other alert policies"
        var row = StatusRow(section: check.section, kind: check.kind, name: name, state: .ok)
        do {
            let policies = try await MonitoringAPI(context.cloud).alertPolicies(project: context.project).filter { policy in
                !(declared.contains(policy.displayName ?? "") && Ownership.of(policy.ownershipEvidence, in: context.environment, projectNumber: nil) == .environment)
            }
            let enabled = policies.filter { $0.enabled != false }.count
            // One column with the environment's own rows, so the table stays narrow.
            row.details = [
                StatusDetail("policyCount", column: "WHAT", .number(Double(policies.count)), text: "\(policies.count) (\(enabled) enabled)"),
                StatusDetail("enabledCount", column: "", enabled),
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
