/// Which project a request is about, whether it exists, and whether the API is enabled
/// there, answering as Google does when not.
enum ProjectGate {
    /// APIs callable whatever the project's services (Cloud Storage and Service Usage).
    static let ungatedAPIs: Set = ["storage", "serviceusage"]

    /// The project a request names, as written (id or number), or nil.
    static func reference(in route: RouteMatch, query: QueryParameters) -> String? {
        let parameters = route.pathParameters
        if let project = parameters["project"] ?? parameters["projectId"], !project.hasPrefix("projects/") { return project }
        for key in ["name", "parent", "resource", "project", "topic", "subscription"] {
            guard let value = parameters[key] else { continue }
            if value.hasPrefix("projects/") {
                return value.split(separator: "/").dropFirst().first.map(String.init)
            }
            if key == "resource", route.api == "cloudresourcemanager", !value.contains("/") { return value }
        }
        if route.api == "storage", let project = query["project"] { return project }
        return nil
    }

    /// The project's id, or 403 when it does not exist.
    static func resolve(_ reference: String, state: inout EmulatorState) throws(APIError) -> String? {
        if reference == "-" { return nil }
        guard let project = state.resolveProject(reference) else {
            var error = APIError.permissionDenied(
                "Permission denied on resource project \(reference) (or it may not exist).")
            error.details = [[
                "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "CONSUMER_INVALID",
                "domain": "googleapis.com", "metadata": ["consumer": .string("projects/\(reference)")],
            ]]
            throw error
        }
        return project
    }

    /// 403 SERVICE_DISABLED when the route's API is not enabled in the project.
    static func checkEnabled(_ route: RouteMatch, project: String, state: EmulatorState) throws(APIError) {
        guard !ungatedAPIs.contains(route.api) else { return }
        let service = route.api + ".googleapis.com"
        guard !state.isServiceEnabled(service, in: project) else { return }
        let number = state.projectNumber(project)
        let activationURL = "https://console.developers.google.com/apis/api/\(service)/overview?project=\(number)"
        let title = route.document.title
        var error = APIError.permissionDenied(
            "\(title) has not been used in project \(number) before or it is disabled. Enable it by visiting \(activationURL) then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.",
            reason: "accessNotConfigured")
        error.domain = "usageLimits"
        error.details = [
            [
                "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "SERVICE_DISABLED",
                "domain": "googleapis.com",
                "metadata": [
                    "service": .string(service), "consumer": .string("projects/\(number)"),
                    "activationUrl": .string(activationURL), "serviceTitle": .string(title),
                    "containerInfo": .string(number),
                ],
            ],
            [
                "@type": "type.googleapis.com/google.rpc.Help",
                "links": [["description": "Google developers console API activation", "url": .string(activationURL)]],
            ],
        ]
        throw error
    }
}
