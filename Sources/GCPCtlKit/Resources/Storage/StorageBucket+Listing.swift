import GoogleCloud

extension StorageBucket {
    /// Every bucket of the project; `PROJECT_cloudbuild` is shown as Cloud Build's. A bucket
    /// whose `projectNumber` is another project's is shown as that project's and never
    /// offered, whatever lists it. In full, with what each holds (every object generation,
    /// since deleting a bucket deletes them all first).
    static func list(in context: ResourceContext, _ detail: ListingDetail) async throws -> KindListing {
        let buckets = try await context.storage.buckets(project: context.project)
        let ownerships = try await buckets.asyncMap { try await Ownership.of($0, in: context) }
        let staging = StagingBucket.name(project: context.project)
        let found: [(Int, FoundResource)] = await withTaskGroup(of: (Int, FoundResource)?.self) { group in
            for (index, (bucket, ownership)) in zip(buckets, ownerships).enumerated() {
                group.addTask {
                    guard let name = bucket.name else { return nil }
                    var details: [String] = []
                    if detail == .full { details.append(await contents(of: name, in: context)) }
                    if bucket.versioning?.enabled == true { details.append("versioned") }
                    if case .otherProject(let number) = ownership { details.append("held by project \(number)") }
                    return (index, FoundResource(ResourceIdentity(.bucket, name, location: bucket.location),
                                                 shownAs: name == staging ? .buildBucket : .bucket, created: bucket.timeCreated,
                                                 labels: bucket.labels, ownership: ownership, details: details))
                }
            }
            return await group.reduce(into: [(Int, FoundResource)]()) { if let found = $1 { $0.append(found) } }
        }
        return KindListing(found.sorted { $0.0 < $1.0 }.map { $0.1 })
    }

    /// `3 objects (1 noncurrent), 1.2 kB`.
    static func contents(of bucket: String, in context: ResourceContext) async -> String {
        do {
            let objects = try await context.storage.objects(bucket: bucket, versions: true)
            let noncurrent = objects.filter { $0.timeDeleted != nil }.count
            let live = objects.count - noncurrent
            var text = "\(live) object\(live == 1 ? "" : "s")"
            if noncurrent > 0 { text += " (\(noncurrent) noncurrent)" }
            return text + ", " + ByteCount.format(objects.totalBytes)
        } catch {
            return "objects not listed: \(error)"
        }
    }
}
