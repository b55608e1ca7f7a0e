import Foundation
import GoogleCloud

/// Where source archives go before Cloud Build reads them: `PROJECT_cloudbuild`, the bucket
/// `gcloud builds submit` uses. Created when missing (by setup, which grants the build
/// account read on it, or by deploy: in the region, labelled as gcpctl's, deleting archives
/// after 7 days); an existing one is used as it is, but only when it belongs to this
/// project: bucket names are global, and a `PROJECT_cloudbuild` of another project's would
/// receive this project's source.
public struct StagingBucket: Sendable {
    public let name: String
    let environment: Environment

    public static let retentionDays = 7

    public init(environment: Environment) {
        self.environment = environment
        name = "\(environment.project)_cloudbuild"
    }

    var resource: StorageBucket { Self.buildBucket(name, environment: environment, deletingAfterDays: Self.retentionDays) }

    /// A bucket of deploy's builds: in the region, labelled as gcpctl's, uniform access, its
    /// objects deleted after `days`.
    static func buildBucket(_ name: String, environment: Environment, deletingAfterDays days: Int) -> StorageBucket {
        StorageBucket(Environment.Bucket(
            name: name, envVar: nil, location: environment.region.uppercased(), storageClass: "STANDARD",
            versioning: false, uniformAccess: true, labels: environment.labels,
            lifecycle: [.init(action: "Delete", storageClass: nil, age: days, matchesPrefix: [],
                              matchesSuffix: [], numNewerVersions: nil, isLive: nil)]))
    }

    /// Creates the bucket if it does not exist; true when it did.
    @discardableResult
    public func ensure(in context: ResourceContext) async throws -> Bool {
        if try await observe(in: context) != nil { return false }
        try await resource.create(in: context)
        return true
    }

    /// The bucket, when it exists and is this project's; `StagingBucketNotOursError` when
    /// another project holds the name.
    public func observe(in context: ResourceContext) async throws -> StorageAPI.Bucket? {
        guard let bucket = try await resource.observe(in: context) else { return nil }
        let number = try await context.resourceManager.project(context.project).projectNumber
        if let owner = bucket.projectNumber, let number, owner != number {
            throw StagingBucketNotOursError(name: name, owner: owner, project: context.project)
        }
        return bucket
    }

    /// `source/SERVICE-DIGEST.tgz`: the same source, the same object.
    public static func objectName(service: String, archive: SourceArchive) -> String {
        "source/\(service)-\(archive.shortDigest).tgz"
    }

    /// Uploads `archive` unless an object of its name is there already (same name, same
    /// bytes); true when it uploaded.
    public func upload(_ archive: SourceArchive, as object: String, in context: ResourceContext) async throws -> Bool {
        let existing = try await context.storage.objects(bucket: name, prefix: object)
        if existing.contains(where: { $0.name == object }) { return false }
        do {
            _ = try await context.storage.upload(bucket: name, name: object, data: archive.data,
                                                 contentType: "application/gzip", createOnly: true)
            return true
        } catch let error as GoogleAPIError where error.httpStatus == 412 {
            return false  // another deploy uploaded the same bytes meanwhile
        }
    }
}

extension StagingBucket: Resource {
    public var id: ResourceID { ResourceID(.bucket, name) }

    /// Used as it is: it may be gcloud's, made before gcpctl, and is only read here.
    public func differences(from state: StorageAPI.Bucket) -> [FieldChange] { [] }

    public func create(in context: ResourceContext) async throws {
        try await resource.create(in: context)
    }

    public func update(_ state: StorageAPI.Bucket, changes: [FieldChange], in context: ResourceContext) async throws {}

    public func delete(in context: ResourceContext) async throws {
        try await resource.delete(in: context)
    }
}

/// `PROJECT_cloudbuild` exists in another project (its `projectNumber` is not this one's).
public struct StagingBucketNotOursError: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var owner: String
    public var project: String

    public var description: String {
        "the staging bucket gs://\(name) belongs to project number \(owner), not to \(project): gcpctl will not put \(project)'s source there. "
            + "Delete it from that project, or ask its owner to"
    }
}
