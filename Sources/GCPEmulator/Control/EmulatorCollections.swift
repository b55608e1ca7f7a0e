/// The collection names resources are kept under, for tests that arrange or inspect state
/// through `Emulator.resource(project:collection:name:)` and `Emulator.mutateState`.
/// Keys: buckets by name; objects `BUCKET/OBJECT#GENERATION`; service accounts by email;
/// keys `EMAIL/KEY-ID`; secrets by id; versions `SECRET/NNNNNNNNNN`; Cloud SQL instances by
/// name, databases `INSTANCE/DB`, users `INSTANCE/NAME@HOST`; repositories and operations
/// by full resource name; IAM policies by resource (`projects/P`); builds by id; Docker
/// images by DockerImage name (`projects/P/locations/L/repositories/R/dockerImages/IMAGE@sha256:HEX`);
/// Cloud Run services and revisions, alert policies and clusters by full name.
public enum EmulatorCollections {
    public static let buckets = StorageBucketsAPI.collection
    public static let objects = StorageObjectsAPI.collection
    public static let serviceAccounts = IAMServiceAccountsAPI.collection
    public static let serviceAccountKeys = IAMKeysAPI.collection
    public static let iamPolicies = IAMPolicy.collection
    public static let secrets = SecretManagerAPI.collection
    public static let secretVersions = SecretVersionsAPI.collection
    public static let sqlInstances = SQLAdminInstancesAPI.collection
    public static let sqlDatabases = SQLAdminChildrenAPI.databases
    public static let sqlUsers = SQLAdminChildrenAPI.users
    /// Extensions the modelled PostgreSQL holds, `INSTANCE/DATABASE/NAME`.
    public static let sqlExtensions = ModelledPostgres.extensions
    /// Cloud Logging entries written so far (build log lines are read from the builds).
    public static let logEntries = LoggingAPI.collection
    public static let repositories = ArtifactRegistryAPI.collection
    public static let operations = OperationEngine.collection
    public static let builds = CloudBuildAPI.collection
    public static let dockerImages = DockerImages.collection
    public static let runServices = CloudRunServicesAPI.collection
    public static let runRevisions = CloudRunRevisions.collection
    public static let alertPolicies = MonitoringAPI.collection
    public static let clusters = ContainerClusters.collection
    public static let pubsubTopics = PubSubTopicsAPI.collection
    public static let pubsubSubscriptions = PubSubSubscriptionsAPI.collection
    public static let schedulerJobs = CloudSchedulerAPI.collection
    public static let uptimeCheckConfigs = MonitoringUptimeChecksAPI.collection
    public static let notificationChannels = MonitoringChannelsAPI.collection
    /// Compute Engine resources: global ones by name, regional ones `REGION/NAME` (ComputeKind).
    public static let computeNetworks = ComputeKind.network.collection, computeSubnetworks = ComputeKind.subnetwork.collection, computeGlobalAddresses = ComputeKind.globalAddress.collection, computeNetworkEndpointGroups = ComputeKind.networkEndpointGroup.collection, computeBackendServices = ComputeKind.backendService.collection, computeSecurityPolicies = ComputeKind.securityPolicy.collection, computeURLMaps = ComputeKind.urlMap.collection, computeSSLCertificates = ComputeKind.sslCertificate.collection, computeTargetHttpsProxies = ComputeKind.targetHttpsProxy.collection, computeTargetHttpProxies = ComputeKind.targetHttpProxy.collection, computeGlobalForwardingRules = ComputeKind.globalForwardingRule.collection
    /// Private services access connections by network name; Serverless VPC Access connectors and Memorystore instances by full name.
    public static let serviceNetworkingConnections = ServiceNetworkingConnections.collection
    public static let vpcConnectors = VPCAccessConnectorsAPI.collection
    public static let redisInstances = RedisInstancesAPI.collection
}
