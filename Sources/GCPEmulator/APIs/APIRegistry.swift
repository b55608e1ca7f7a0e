/// Every handler by discovery method id, and every API's operation effects.
enum APIRegistry {
    static let handlers: [String: APIHandler] = {
        var all: [String: APIHandler] = [:]
        for table in [
            ServiceUsageAPI.handlers, StorageBucketsAPI.handlers, StorageObjectsAPI.handlers, IAMServiceAccountsAPI.handlers,
            IAMKeysAPI.handlers, ResourceManagerAPI.handlers, SecretManagerAPI.handlers, SecretVersionsAPI.handlers,
            SQLAdminInstancesAPI.handlers, SQLAdminOperations.handlers, SQLAdminChildrenAPI.handlers,
            ArtifactRegistryAPI.handlers, ArtifactRegistryImagesAPI.handlers, CloudBuildAPI.handlers, CloudRunServicesAPI.handlers,
            CloudRunRevisions.handlers, CloudRunServiceIAM.handlers, MonitoringAPI.handlers, ContainerAPI.handlers,
            CloudBillingAPI.handlers, IAMCredentialsAPI.handlers, IAMServiceAccountPolicyAPI.handlers,
            LoggingAPI.handlers, PermissionTests.handlers, StorageBucketIAM.handlers, ArtifactRegistryIAM.handlers,
            PubSubTopicsAPI.handlers, PubSubSubscriptionsAPI.handlers, PubSubIAM.handlers, CloudSchedulerAPI.handlers,
            MonitoringUptimeChecksAPI.handlers, MonitoringChannelsAPI.handlers, MonitoringTimeSeriesAPI.handlers,
            ComputeOperations.handlers, ComputeNetworksAPI.handlers, ComputeSubnetworksAPI.handlers, ComputeAddressesAPI.handlers, ComputeNetworkEndpointGroupsAPI.handlers, ComputeBackendServicesAPI.handlers, ComputeSecurityPoliciesAPI.handlers, ComputeURLMapsAPI.handlers, ComputeSSLCertificatesAPI.handlers, ComputeTargetProxiesAPI.handlers, ComputeForwardingRulesAPI.handlers,
            ServiceNetworkingAPI.handlers, VPCAccessConnectorsAPI.handlers, RedisInstancesAPI.handlers,
        ] {
            all.merge(table) { first, _ in first }
        }
        return CloudRunV1API.merged(into: all)
    }()

    /// Handlers that may finish their answer outside the state's lock.
    static let deferredHandlers: [String: DeferredAPIHandler] = SQLAdminExecuteSQL.handlers

    static let operationEffects: [[String: OperationEngine.Effect]] = [
        ServiceUsageAPI.operationEffects, SQLAdminOperations.operationEffects, ArtifactRegistryAPI.operationEffects,
        CloudBuildAPI.operationEffects, CloudRunDeploy.operationEffects, CloudRunRevisions.operationEffects,
        ContainerAPI.operationEffects,
        ComputeOperations.operationEffects,
        ServiceNetworkingConnections.operationEffects, VPCAccessConnectorsAPI.operationEffects, RedisInstancesAPI.operationEffects,
    ]
}
