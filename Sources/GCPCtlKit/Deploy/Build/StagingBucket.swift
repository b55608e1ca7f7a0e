import Foundation
import GoogleCloud

/// Where source archives go before Cloud Build reads them: `PROJECT_cloudbuild`, the bucket
/// `gcloud builds submit` uses. Created when missing (by setup, which grants the build
/// account read on it, or by deploy: in the region, labelled as gcpctl's, deleting archives
/// after 7 days); an existing one of this project is used as it is, one another project
/// holds never (bucket names are global: `Ownership`, through `StorageBucket.observe`).
public struct StagingBucket: Sendable {
    public let name: String
    let environment: Environment

    public static let retentionDays = 7

    public init(environment: Environment) {
        self.environment = environment
        name = StagingBucket.name(project: environment.project)
    }

    /// `PROJECT_cloudbuild`.
    public static func name(project: String) -> String { "\(project)_cloudbuild" }

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

    /// Creates the bucket if it does not exist; true when it did. A bucket of this name that
    /// another project holds is never used: sources uploaded there would be that project's.
    @discardableResult
    public func ensure(in context: ResourceContext) async throws -> Bool {
        if try await observe(in: context) != nil { return false }
        try await create(in: context)
        return true
    }

    /// The bucket, when this project holds it; `BucketNameTaken` when another does.
    public func observe(in context: ResourceContext) async throws -> StorageAPI.Bucket? {
        try await explainingTaken { try await resource.observe(in: context) }
    }

    /// `BucketNameTaken` says what it means here: the name cannot be changed.
    private func explainingTaken<Result>(_ work: () async throws -> Result) async throws -> Result {
        do {
            return try await work()
        } catch var taken as BucketNameTaken {
            taken.advice = "gcpctl stages build sources only in \(name), as gcloud builds submit does, so nothing was uploaded; "
                + "deploy --skip-build deploys the images already in the registry."
            throw taken
        }
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
        try await explainingTaken { try await resource.create(in: context) }
    }

    public func update(_ state: StorageAPI.Bucket, changes: [FieldChange], in context: ResourceContext) async throws {}

    public func delete(in context: ResourceContext) async throws {
        try await resource.delete(in: context)
    }
}
