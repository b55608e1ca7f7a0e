/// `x-goog-user-project`: the project a call's quota and billing are charged to. As Google
/// documents it, the caller needs `serviceusage.services.use` there (roles/owner, editor or
/// serviceusage.serviceUsageConsumer), else 403 USER_PROJECT_DENIED; and the API must be
/// enabled there too, the quota project being the consumer.
enum QuotaProjectGate {
    static func check(_ reference: String, route: RouteMatch, caller: TokenPrincipal, apiGating: Bool,
                      state: inout EmulatorState) throws(APIError) {
        guard let project = state.resolveProject(reference),
              IAMAccess.holds(caller, anyOf: IAMAccess.serviceUsageRoles, project: project, state: state) else {
            throw denied(reference, service: route.api + ".googleapis.com")
        }
        if apiGating { try ProjectGate.checkEnabled(route, project: project, state: state) }
    }

    static func denied(_ project: String, service: String) -> APIError {
        var error = APIError.permissionDenied(
            "Caller does not have required permission to use project \(project). Grant the caller the roles/serviceusage.serviceUsageConsumer role, or a custom role with the serviceusage.services.use permission, by visiting https://console.developers.google.com/iam-admin/iam/project?project=\(project) and then retry. Propagation of the new permission may take a few minutes.",
            reason: "USER_PROJECT_DENIED")
        error.details = [[
            "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "USER_PROJECT_DENIED", "domain": "googleapis.com",
            "metadata": ["consumer": .string("projects/\(project)"), "service": .string(service)],
        ]]
        return error
    }
}
