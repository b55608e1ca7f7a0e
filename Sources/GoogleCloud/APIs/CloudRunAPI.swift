/// Cloud Run Admin v2: services, their revisions, traffic and IAM.
public struct CloudRunAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct Service: Codable, Sendable {
        public var name: String?
        public var description: String?
        public var uid: String?
        public var generation: String?
        public var labels: [String: String]?
        public var annotations: [String: String]?
        public var createTime: String?
        public var updateTime: String?
        public var creator: String?
        public var lastModifier: String?
        public var ingress: String?
        public var invokerIamDisabled: Bool?
        public var template: RevisionTemplate?
        public var traffic: [TrafficTarget]?
        public var scaling: ServiceScaling?
        public var observedGeneration: String?
        public var terminalCondition: Condition?
        public var conditions: [Condition]?
        public var latestReadyRevision: String?
        public var latestCreatedRevision: String?
        public var trafficStatuses: [TrafficTargetStatus]?
        public var uri: String?
        public var urls: [String]?
        public var reconciling: Bool?
        public var etag: String?
        /// The service as Google sent it, every field included (those gcpctl does not model:
        /// a container's `args`, `sessionAffinity`, `vpcAccess`, …), so that an update can
        /// send them back unchanged. Set by `CloudRunAPI.service`; never encoded.
        public var received: JSONValue?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case name, description, uid, generation, labels, annotations, createTime, updateTime, creator, lastModifier
            case ingress, invokerIamDisabled, template, traffic, scaling, observedGeneration, terminalCondition, conditions
            case latestReadyRevision, latestCreatedRevision, trafficStatuses, uri, urls, reconciling, etag
        }

        /// The service id, the last segment of `name`.
        public var id: String { name?.split(separator: "/").last.map(String.init) ?? "" }

        /// `https://SERVICE-PROJECTNUMBER.REGION.run.app`: Cloud Run lists it in `urls`, while
        /// `uri` is the hash-based `https://SERVICE-HASH-RC.a.run.app`. Either reaches the
        /// service; this one is known before the first deploy. nil before it is ready.
        public var deterministicURL: String? {
            (urls ?? []).first { !$0.hasSuffix(".a.run.app") } ?? uri.flatMap { $0.hasSuffix(".a.run.app") ? nil : $0 }
        }

        /// The hash-based `uri` when it differs from the deterministic URL.
        public var hashURL: String? {
            uri.flatMap { $0 == deterministicURL ? nil : $0 }
        }

        /// Every URL the service answers at, deterministic first.
        public var allURLs: [String] {
            var all: [String] = []
            for url in [deterministicURL, uri].compactMap({ $0 }) + (urls ?? []) where !all.contains(url) { all.append(url) }
            return all
        }

        /// Serving what was last deployed, as Google judges it.
        public var isReady: Bool {
            terminalCondition?.state == "CONDITION_SUCCEEDED" && reconciling != true
                && latestReadyRevision != nil && latestReadyRevision == latestCreatedRevision
        }
    }

    public struct RevisionTemplate: Codable, Sendable {
        public var revision: String?
        public var labels: [String: String]?
        public var annotations: [String: String]?
        public var scaling: RevisionScaling?
        public var timeout: String?
        public var serviceAccount: String?
        public var containers: [Container]?
        public var volumes: [Volume]?
        public var maxInstanceRequestConcurrency: Int?
        public var executionEnvironment: String?
        public init() {}
    }

    public struct Container: Codable, Sendable {
        public var name: String?
        public var image: String?
        public var env: [EnvVar]?
        public var resources: ResourceRequirements?
        public var ports: [ContainerPort]?
        public var volumeMounts: [VolumeMount]?
        public var startupProbe: Probe?
        public init() {}
    }

    public struct EnvVar: Codable, Sendable, Equatable {
        public var name: String
        public var value: String?
        public var valueSource: EnvVarSource?

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }

        /// An environment variable filled from a Secret Manager secret at start.
        public init(name: String, secret: String, version: String = "latest") {
            self.name = name
            valueSource = EnvVarSource(secretKeyRef: .init(secret: secret, version: version))
        }
    }

    public struct EnvVarSource: Codable, Sendable, Equatable {
        public var secretKeyRef: SecretKeySelector?
    }

    public struct SecretKeySelector: Codable, Sendable, Equatable {
        public var secret: String
        public var version: String?
    }

    public struct ResourceRequirements: Codable, Sendable, Equatable {
        public var limits: [String: String]?
        public var cpuIdle: Bool?
        public var startupCpuBoost: Bool?
        public init(limits: [String: String]?, cpuIdle: Bool? = nil, startupCpuBoost: Bool? = nil) {
            self.limits = limits
            self.cpuIdle = cpuIdle
            self.startupCpuBoost = startupCpuBoost
        }
    }

    public struct ContainerPort: Codable, Sendable, Equatable {
        public var name: String?
        public var containerPort: Int?
        public init(name: String? = nil, containerPort: Int?) {
            self.name = name
            self.containerPort = containerPort
        }
    }

    public struct VolumeMount: Codable, Sendable, Equatable {
        public var name: String
        public var mountPath: String
        public init(name: String, mountPath: String) {
            self.name = name
            self.mountPath = mountPath
        }
    }

    public struct Volume: Codable, Sendable, Equatable {
        public var name: String
        public var cloudSqlInstance: CloudSQLInstance?
        public init(name: String, cloudSqlInstance: CloudSQLInstance?) {
            self.name = name
            self.cloudSqlInstance = cloudSqlInstance
        }
    }

    public struct CloudSQLInstance: Codable, Sendable, Equatable {
        /// Connection names, `project:region:instance`.
        public var instances: [String]?
        public init(instances: [String]?) { self.instances = instances }
    }

    public struct Probe: Codable, Sendable, Equatable {
        public var httpGet: HTTPGetAction?
        public var tcpSocket: TCPSocketAction?
        public var initialDelaySeconds: Int?
        public var periodSeconds: Int?
        public var timeoutSeconds: Int?
        public var failureThreshold: Int?
        public init() {}
    }

    public struct HTTPGetAction: Codable, Sendable, Equatable {
        public var path: String?
        public var port: Int?
        public init(path: String?, port: Int? = nil) {
            self.path = path
            self.port = port
        }
    }

    public struct TCPSocketAction: Codable, Sendable, Equatable {
        public var port: Int?
    }

    public struct RevisionScaling: Codable, Sendable, Equatable {
        public var minInstanceCount: Int?
        public var maxInstanceCount: Int?
        public init(minInstanceCount: Int?, maxInstanceCount: Int?) {
            self.minInstanceCount = minInstanceCount
            self.maxInstanceCount = maxInstanceCount
        }
    }

    public struct ServiceScaling: Codable, Sendable, Equatable {
        public var minInstanceCount: Int?
        public var maxInstanceCount: Int?
        public var scalingMode: String?
    }

    public struct TrafficTarget: Codable, Sendable, Equatable {
        /// TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST or …_REVISION.
        public var type: String?
        public var revision: String?
        public var percent: Int?
        public var tag: String?

        public init(type: String?, revision: String? = nil, percent: Int? = nil, tag: String? = nil) {
            self.type = type
            self.revision = revision
            self.percent = percent
            self.tag = tag
        }

        public static let latestType = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"
        public static let revisionType = "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION"
    }

    public struct TrafficTargetStatus: Codable, Sendable, Equatable {
        public var type: String?
        public var revision: String?
        public var percent: Int?
        public var tag: String?
        public var uri: String?
    }

    public struct Condition: Codable, Sendable, Equatable {
        public var type: String?
        public var state: String?
        public var message: String?
        public var reason: String?
        public var revisionReason: String?
        public var severity: String?
        public var lastTransitionTime: String?
    }

    public struct Revision: Codable, Sendable {
        public var name: String?
        public var uid: String?
        public var service: String?
        public var createTime: String?
        public var containers: [Container]?
        public var conditions: [Condition]?
        public var scaling: RevisionScaling?
        public var labels: [String: String]?
        public var reconciling: Bool?

        /// The revision id, the last segment of `name`.
        public var id: String { name?.split(separator: "/").last.map(String.init) ?? "" }

        public var isReady: Bool {
            conditions?.first { $0.type == "Ready" }?.state == "CONDITION_SUCCEEDED"
        }
    }

    public static func parent(project: String, region: String) -> String { "projects/\(project)/locations/\(region)" }

    public static func name(project: String, region: String, service: String) -> String {
        "\(parent(project: project, region: region))/services/\(service)"
    }

    /// `v2/projects/P/locations/R/services/S`, each part one encoded segment.
    static func path(project: String, region: String, service: String) -> APIPath {
        "v2/projects/\(project)/locations/\(region)/services/\(service)"
    }

    /// `https://SERVICE-PROJECTNUMBER.REGION.run.app`: a service's deterministic URL,
    /// known before its first deploy.
    public static func deterministicURL(service: String, projectNumber: String, region: String) -> String {
        "https://\(service)-\(projectNumber).\(region).run.app"
    }

    /// The service with `received` set: what Google sent, whole.
    public func service(project: String, region: String, id: String) async throws -> Service? {
        let observed: Received? = try await client.getIfExists(.run, CloudRunAPI.path(project: project, region: region, service: id))
        return observed?.service
    }

    /// A service decoded twice from one answer: as the model, and as JSON.
    private struct Received: Decodable, Sendable {
        var service: Service
        init(from decoder: any Decoder) throws {
            service = try Service(from: decoder)
            service.received = try JSONValue(from: decoder)
        }
    }

    /// Services need a real region: Cloud Run v2 has no `-` wildcard for list.
    public func services(project: String, region: String) async throws -> [Service] {
        struct Page: Decodable, Sendable { var services: [Service]?; var nextPageToken: String? }
        return try await client.listAll(
            GoogleCall(.get, .run, "v2/projects/\(project)/locations/\(region)/services", query: [("pageSize", "100")]),
            items: { (page: Page) in page.services ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    public func createService(project: String, region: String, id: String, _ service: Service) async throws -> CreateResult<LongRunningOperation> {
        try await client.create(GoogleCall(.post, .run, "v2/projects/\(project)/locations/\(region)/services",
                                           query: [("serviceId", id)], json: service))
    }

    /// Replaces the service's spec; `service.etag` makes a concurrent change fail instead
    /// of being overwritten.
    /// `updateMask` (e.g. `["traffic"]`) limits the change to those fields;
    /// `forceNewRevision` starts a revision even when the template is unchanged.
    public func updateService(project: String, region: String, id: String, _ service: Service,
                              updateMask: [String]? = nil, forceNewRevision: Bool = false) async throws -> LongRunningOperation {
        var query = updateMask.map { [("updateMask", $0.joined(separator: ","))] } ?? []
        if forceNewRevision { query.append(("forceNewRevision", "true")) }
        return try await client.decode(GoogleCall(.patch, .run, CloudRunAPI.path(project: project, region: region, service: id),
                                                  query: query, json: service))
    }

    /// A PATCH whose body is JSON as it is: a service gcpctl read, changed only where it
    /// manages it, or just the fields `updateMask` names.
    public func updateService(project: String, region: String, id: String, body: JSONValue,
                              updateMask: [String]? = nil, forceNewRevision: Bool = false) async throws -> LongRunningOperation {
        var query = updateMask.map { [("updateMask", $0.joined(separator: ","))] } ?? []
        if forceNewRevision { query.append(("forceNewRevision", "true")) }
        return try await client.decode(GoogleCall(.patch, .run, CloudRunAPI.path(project: project, region: region, service: id),
                                                  query: query, json: body))
    }

    public func deleteService(project: String, region: String, id: String) async throws -> LongRunningOperation? {
        try await client.delete(GoogleCall(.delete, .run, CloudRunAPI.path(project: project, region: region, service: id)))
    }

    public func revisions(project: String, region: String, service: String) async throws -> [Revision] {
        struct Page: Decodable, Sendable { var revisions: [Revision]?; var nextPageToken: String? }
        return try await client.listAll(
            GoogleCall(.get, .run, CloudRunAPI.path(project: project, region: region, service: service) + "/revisions",
                       query: [("pageSize", "100")]),
            items: { (page: Page) in page.revisions ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    public func iamPolicy(project: String, region: String, service: String) async throws -> IAMPolicy {
        try await client.decode(GoogleCall(.get, .run, CloudRunAPI.path(project: project, region: region, service: service) + ":getIamPolicy",
                                           query: [("options.requestedPolicyVersion", "3")]))
    }

    /// The service's policy, or nil when the service does not exist.
    public func iamPolicyIfExists(project: String, region: String, service: String) async throws -> IAMPolicy? {
        do {
            return try await iamPolicy(project: project, region: region, service: service)
        } catch let error as GoogleAPIError where error.isNotFound {
            return nil
        }
    }

    public func setIAMPolicy(project: String, region: String, service: String, policy: IAMPolicy) async throws -> IAMPolicy {
        struct Request: Encodable { var policy: IAMPolicy }
        return try await client.decode(GoogleCall(.post, .run, CloudRunAPI.path(project: project, region: region, service: service) + ":setIamPolicy",
                                                  json: Request(policy: policy), idempotency: .idempotent))
    }

    public func waitFor(_ operation: LongRunningOperation, what: String, poller: OperationPoller,
                        progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws -> LongRunningOperation {
        try await client.wait(for: operation, api: .run, version: "v2", what: what, timeout: .seconds(900), poller: poller, progress: progress)
    }
}
