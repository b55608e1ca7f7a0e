import GoogleCloud

/// The Cloud Run v2 Service a service of the environment is deployed as: image, variables
/// and secrets, limits (property 19), scaling (property 20), timeout, concurrency, port, the
/// runtime service account, the Cloud SQL volume (property 18), the VPC connector when the
/// environment declares one, a startup probe on /health,
/// the environment's labels, and the traffic split.
public enum ServiceSpec {
    public static let cloudSQLVolume = "cloudsql"
    public static let cloudSQLMountPath = "/cloudsql"
    public static let healthPath = "/health"
    /// Cloud Run's default when the environment does not say.
    public static let defaultConcurrency = 80
    /// `ingress: internal-and-cloud-load-balancing`, for the services behind the edge.
    public static let edgeIngress = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"
    /// Cloud Run's default: the internet reaches the service on its run.app URL.
    public static let allIngress = "INGRESS_TRAFFIC_ALL"

    public static func service(
        _ service: Environment.Service, environment: Environment, image: String?,
        variables: ServiceVariables, traffic: [CloudRunAPI.TrafficTarget]
    ) -> CloudRunAPI.Service {
        var container = CloudRunAPI.Container()
        container.image = image
        container.env = variables.env
        container.resources = .init(limits: ["memory": service.memory, "cpu": service.cpu])
        container.ports = [.init(containerPort: service.port)]
        var probe = CloudRunAPI.Probe()
        probe.httpGet = .init(path: healthPath)
        // Up to two minutes for the server to start answering.
        probe.periodSeconds = 5
        probe.timeoutSeconds = 3
        probe.failureThreshold = 24
        container.startupProbe = probe

        var template = CloudRunAPI.RevisionTemplate()
        template.scaling = .init(minInstanceCount: service.minInstances, maxInstanceCount: service.maxInstances)
        template.timeout = "\(service.timeoutSeconds)s"
        template.serviceAccount = environment.serviceAccount.email
        template.maxInstanceRequestConcurrency = service.concurrency ?? defaultConcurrency
        if service.usesCloudSQL, let sql = environment.cloudSQL {
            template.volumes = [.init(name: cloudSQLVolume, cloudSqlInstance: .init(instances: [sql.connectionName]))]
            container.volumeMounts = [.init(name: cloudSQLVolume, mountPath: cloudSQLMountPath)]
        }
        template.containers = [container]
        // A declared connector carries every service's private traffic (a private-IP Cloud SQL
        // instance is reached through it: https://cloud.google.com/sql/docs/postgres/connect-run#private-ip).
        if let network = environment.network, let connector = network.connector {
            template.vpcAccess = .init(
                connector: VPCAccessAPI.connectorName(project: environment.project, region: connector.region, id: connector.name),
                egress: network.egress)
        }

        var result = CloudRunAPI.Service()
        result.labels = environment.labels
        result.template = template
        result.traffic = traffic
        // Behind the edge, only the load balancer (and Google's internal sources) reach it
        // (https://cloud.google.com/run/docs/securing/ingress); otherwise everyone, also once
        // a service leaves the edge (its run.app URL is how it is reached again).
        result.ingress = environment.edge?.services.contains(service.name) == true ? edgeIngress : allIngress
        return result
    }
}
