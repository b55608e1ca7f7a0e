import GoogleCloud

/// Who gcpctl acts as, and whether the project answers.
struct CredentialsCheck: DoctorCheck {
    var name: String { "credentials" }

    func run(in context: DoctorContext) async -> DoctorFinding {
        .ok("\(context.credentials) as \(context.principal ?? "an unknown principal (the token names no email)")")
    }
}

struct ProjectCheck: DoctorCheck {
    var name: String { "project" }

    func run(in context: DoctorContext) async -> DoctorFinding {
        do {
            let project = try await context.resources.resourceManager.project(context.project)
            guard project.lifecycleState == nil || project.lifecycleState == "ACTIVE" else {
                return .problem("project \(context.project) is \(project.lifecycleState ?? "?")", fix: "use an active project (--project)")
            }
            return .ok("project \(context.project) (number \(project.projectNumber ?? "?")) answers")
        } catch {
            return .problem("project \(context.project) cannot be read: \(error)",
                            fix: "check the project id (--project, GCP_PROJECT_ID) and that \(context.principal ?? "the caller") has a role in it")
        }
    }
}

struct APIsCheck: DoctorCheck {
    var name: String { "apis" }

    func run(in context: DoctorContext) async -> DoctorFinding {
        do {
            let enabled = try await context.resources.serviceUsage.enabledServices(project: context.project)
            let off = context.environment.apis.filter { !enabled.contains($0) }
            guard !off.isEmpty else { return .ok("the \(context.environment.apis.count) declared APIs are on") }
            return .problem("\(off.count) declared API\(off.count == 1 ? " is" : "s are") off: \(off.joined(separator: ", "))",
                            fix: "gcpctl enable --env=\(context.env) \(off.joined(separator: " "))  (or gcpctl setup --env=\(context.env))")
        } catch {
            return .problem("the enabled APIs cannot be listed: \(error)", fix: "grant serviceusage.services.list (roles/serviceusage.serviceUsageViewer)")
        }
    }
}
