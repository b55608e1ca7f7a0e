/// A Google API by the host prefix of its root, `https://<name>.googleapis.com/`.
public struct GoogleAPI: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) { self.name = name }

    public var description: String { "\(name).googleapis.com" }

    public static let serviceUsage = GoogleAPI("serviceusage")
    public static let resourceManager = GoogleAPI("cloudresourcemanager")
    public static let iam = GoogleAPI("iam")
    public static let storage = GoogleAPI("storage")
    public static let secretManager = GoogleAPI("secretmanager")
    public static let artifactRegistry = GoogleAPI("artifactregistry")
    public static let sqlAdmin = GoogleAPI("sqladmin")
    public static let cloudBuild = GoogleAPI("cloudbuild")
    public static let run = GoogleAPI("run")
    public static let monitoring = GoogleAPI("monitoring")
    public static let container = GoogleAPI("container")
    public static let cloudBilling = GoogleAPI("cloudbilling")
    public static let oauth2 = GoogleAPI("oauth2")
    public static let securityToken = GoogleAPI("sts")
    public static let iamCredentials = GoogleAPI("iamcredentials")
    public static let logging = GoogleAPI("logging")
    public static let pubsub = GoogleAPI("pubsub")
    public static let cloudScheduler = GoogleAPI("cloudscheduler")
    public static let serviceNetworking = GoogleAPI("servicenetworking")
    public static let vpcAccess = GoogleAPI("vpcaccess")
    public static let redis = GoogleAPI("redis")
    public static let compute = GoogleAPI("compute")
}
