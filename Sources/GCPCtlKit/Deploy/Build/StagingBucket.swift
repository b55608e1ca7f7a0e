import Foundation
import GoogleCloud

/// Where source archives go before Cloud Build reads them: `PROJECT_cloudbuild`, the bucket
/// `gcloud builds submit` uses. Created when missing (in the region, labelled as gcpctl's,
/// deleting archives after 7 days); an existing one of this project is used as it is, one
/// another project holds never (bucket names are global).
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

    var resource: StorageBucket {
        StorageBucket(Environment.Bucket(
            name: name, envVar: nil, location: environment.region.uppercased(), storageClass: "STANDARD",
            versioning: false, uniformAccess: true, labels: environment.labels,
            lifecycle: [.init(action: "Delete", storageClass: nil, age: StagingBucket.retentionDays, matchesPrefix: [],
                              matchesSuffix: [], numNewerVersions: nil, isLive: nil)]))
    }

    /// Creates the bucket if it does not exist; true when it did. A bucket of this name that
    /// another project holds is never used: sources uploaded there would be that project's.
    @discardableResult
    public func ensure(in context: ResourceContext) async throws -> Bool {
        do {
            if try await resource.observe(in: context) != nil { return false }
            try await resource.create(in: context)
            return true
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
