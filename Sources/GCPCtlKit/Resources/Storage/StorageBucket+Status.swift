import GoogleCloud

/// How many objects a bucket holds and their bytes, from listing them (page by page).
struct ObjectTotals: Sendable {
    var count: Int
    var bytes: Int64
}

extension StorageBucket: StatusDescribing {
    func observeExtra(in context: ResourceContext) async throws -> ObjectTotals {
        let objects = try await context.storage.objects(bucket: bucket.name)
        return ObjectTotals(count: objects.count, bytes: objects.totalBytes)
    }

    func statusDetails(of state: StorageAPI.Bucket, extra: ObjectTotals?) -> [StatusDetail] {
        [
            StatusDetail("location", column: "LOCATION", state.location),
            StatusDetail("storageClass", column: "CLASS", state.storageClass),
            extra.map { StatusDetail("objectCount", column: "OBJECTS", $0.count) }
                ?? StatusDetail("objectCount", column: "OBJECTS", nil),
            extra.map { StatusDetail("totalBytes", column: "SIZE", .number(Double($0.bytes)), text: ByteCount.format($0.bytes)) }
                ?? StatusDetail("totalBytes", column: "SIZE", nil),
            StatusDetail("lifecycle", column: "LIFECYCLE",
                         .array((state.lifecycle?.rule ?? []).map { .string(StorageBucket.describe($0)) }),
                         text: (state.lifecycle?.rule ?? []).map(StorageBucket.describe).joined(separator: "; ")),
        ]
    }
}

/// The staging bucket, shown as the environment's buckets are.
extension StagingBucket: StatusDescribing {
    func observeExtra(in context: ResourceContext) async throws -> ObjectTotals {
        try await resource.observeExtra(in: context)
    }

    func statusDetails(of state: StorageAPI.Bucket, extra: ObjectTotals?) -> [StatusDetail] {
        resource.statusDetails(of: state, extra: extra)
    }
}
