import Foundation

/// The environment file's `usage` block as exact decimals, defaults applied. Without a
/// block every usage-driven quantity is 0 and the estimate says so.
struct UsageProfile: Sendable {
    var isDeclared: Bool
    var requestsPerMonth: Int
    var averageRequestSeconds: Decimal
    var storageGb: Decimal
    var artifactStorageGb: Decimal
    var buildMinutesPerMonth: Decimal
    var secretAccessesPerMonth: Decimal
    /// Nil: the Cloud SQL disk size.
    var databaseGb: Decimal?
    var sqlHoursPerWeek: Decimal
    var requestShare: [String: Decimal]?
    var pubsubGbPerMonth: Decimal

    static let hoursPerWeek: Decimal = 168

    init(_ usage: EnvironmentFile.Usage?) {
        isDeclared = usage != nil
        requestsPerMonth = usage?.requestsPerMonth ?? 0
        averageRequestSeconds = Decimal(exactly: usage?.averageRequestSeconds ?? 0)
        storageGb = Decimal(exactly: usage?.storageGb ?? 0)
        artifactStorageGb = Decimal(exactly: usage?.artifactStorageGb ?? 0)
        buildMinutesPerMonth = Decimal(exactly: usage?.buildMinutesPerMonth ?? 0)
        secretAccessesPerMonth = Decimal(usage?.secretAccessesPerMonth ?? 0)
        databaseGb = usage?.databaseGb.map(Decimal.init(exactly:))
        sqlHoursPerWeek = usage?.sqlHoursPerWeek.map(Decimal.init(exactly:)) ?? Self.hoursPerWeek
        requestShare = usage?.requestShare?.mapValues(Decimal.init(exactly:))
        pubsubGbPerMonth = Decimal(exactly: usage?.pubsubGbPerMonth ?? 0)
    }

    /// Each service's whole number of requests: `requestsPerMonth` split by `requestShare`
    /// (equal shares without one), remainders to the largest fractions so the parts add up.
    func requests(for services: [String]) -> [String: Int] {
        guard !services.isEmpty else { return [:] }
        let weights: [Decimal] = services.map { name in requestShare.map { $0[name] ?? 0 } ?? 1 }
        let totalWeight = weights.reduce(Decimal(0), +)
        guard totalWeight > 0 else { return Dictionary(uniqueKeysWithValues: services.map { ($0, 0) }) }
        let exact: [Decimal] = weights.map { Decimal(requestsPerMonth) * $0 / totalWeight }
        var parts: [Int] = exact.map { NSDecimalNumber(decimal: $0.rounded(0, NSDecimalNumber.RoundingMode.down)).intValue }
        let remainders: [Decimal] = exact.indices.map { exact[$0] - Decimal(parts[$0]) }
        let order = exact.indices.sorted { remainders[$0] > remainders[$1] }
        for index in order.prefix(requestsPerMonth - parts.reduce(0, +)) { parts[index] += 1 }
        return Dictionary(uniqueKeysWithValues: zip(services, parts))
    }
}

/// What the project holds now, read when credentials allow (not with --offline).
public struct ObservedUsage: Sendable, Equatable {
    public struct BucketContents: Sendable, Equatable {
        public var bytes: Int64
        public var objects: Int
    }

    /// Buckets that exist, by name; a declared bucket missing here is not created yet.
    public var buckets: [String: BucketContents] = [:]
    /// Buckets labelled as this environment's that the environment file no longer declares.
    public var unusedBuckets: [String: BucketContents] = [:]
    public var registryBytes: Int64?
    /// Active (enabled or disabled, not destroyed) versions of each secret that exists.
    public var secretVersions: [String: Int] = [:]
    /// What could not be read, and so was taken from the profile.
    public var gaps: [String] = []

    public init() {}
}

enum Units {
    static let hoursPerMonth: Decimal = 730
    static let secondsPerMonth: Decimal = 730 * 3600
    static let bytesPerGiB: Decimal = 1_073_741_824
    static let mebibytesPerGiB: Decimal = 1024
}
