import GoogleCloud

/// Where deploy checks a service behind the environment's edge. Its run.app URL takes only
/// internal and load-balancer traffic, so the internet (deploy included) reaches it through
/// the edge's domain alone, and only once Google has provisioned the domain's certificate:
/// before that the domain does not answer HTTPS.
enum EdgeEntrance {
    /// `https://DOMAIN/PREFIX` to check, or why the service cannot be checked yet.
    static func url(of service: String, edge: Environment.Edge, in context: ResourceContext) async -> Result<String, Unreachable> {
        do {
            let certificate = try await context.compute.sslCertificate(project: context.project, name: edge.certificateName)
            let status = certificate?.managed?.status ?? "missing"
            guard status == "ACTIVE" else {
                let state = certificate == nil ? "does not exist (run gcpctl setup)" : "is \(status)"
                return .failure(Unreachable(description:
                    "it takes traffic only through the edge, and the certificate for \(edge.domain) \(state); "
                        + "once the domain's DNS A record points at the edge's address (gcpctl status shows it), Google provisions it"))
            }
            return .success(edge.url(of: service))
        } catch {
            return .failure(Unreachable(description: "it takes traffic only through the edge, whose certificate could not be read: \(error)"))
        }
    }

    struct Unreachable: Error, CustomStringConvertible {
        var description: String
    }
}
