import Foundation
import GoogleCloud

/// One lister per API: what it lists, how it describes each result, whose it is (by
/// `Ownership`'s one rule), and which resource deletes it.
extension CleanupDiscovery {
    /// Every service in the environment's region (property 32); Cloud Run lists need a real region.
    func cloudRunServices(in context: ResourceContext) async throws -> [DiscoveredResource] {
        let region = context.environment.region
        return try await context.cloudRun.services(project: context.project, region: region).asyncMap { service in
            return DiscoveredResource(
                kind: .cloudRunService, name: service.id, location: region, created: service.createTime, labels: service.labels,
                details: [service.uri].compactMap { $0 }, ownership: try await Ownership.of(service, in: context),
                deletions: [CleanupDeletion(ResourceIdentity(.cloudRunService, service.id, location: region), step: .services)])
        }
    }

    /// Clusters in every zone and region of the project.
    func gkeClusters(in context: ResourceContext) async throws -> Listing {
        let list = try await context.container.clusters(project: context.project)
        var listing = Listing()
        listing.resources = try await list.clusters.asyncCompactMap { cluster in
            guard let name = cluster.name, let location = cluster.location else { return nil }
            var details = [cluster.status ?? "status unknown"]
            if cluster.autopilot?.enabled == true { details.append("Autopilot") }
            else if let nodes = cluster.currentNodeCount { details.append("\(nodes) node\(nodes == 1 ? "" : "s")") }
            return DiscoveredResource(
                kind: .gkeCluster, name: name, location: location, created: cluster.createTime, labels: cluster.resourceLabels,
                details: details, ownership: try await Ownership.of(cluster, in: context),
                deletions: [CleanupDeletion(GKECluster(name: name, location: location), step: .clustersAndInstances)])
        }
        if !list.missingZones.isEmpty {
            listing.notes.append("GKE did not answer for \(list.missingZones.joined(separator: ", ")); clusters there are not listed. Run cleanup again later.")
        }
        return listing
    }

    func sqlInstances(in context: ResourceContext) async throws -> [DiscoveredResource] {
        try await context.sqlAdmin.instances(project: context.project).asyncCompactMap { instance in
            guard let name = instance.name else { return nil }
            let protected = instance.settings?.deletionProtectionEnabled == true
            var details = [instance.state, instance.databaseVersion, instance.settings?.tier].compactMap { $0 }
            if let disk = instance.settings?.dataDiskSizeGb { details.append("\(disk) GB disk") }
            if protected { details.append("deletion protection") }
            let labels = instance.settings?.userLabels
            return DiscoveredResource(
                kind: .sqlInstance, name: name, location: instance.region, created: instance.createTime, labels: labels,
                details: details, ownership: try await Ownership.of(instance, in: context), isProtected: protected,
                deletions: [CleanupDeletion(ResourceIdentity(.sqlInstance, name, location: instance.region), step: .clustersAndInstances)])
        }
    }

    /// Every bucket of the project, with what it holds (every object generation, since
    /// deleting a bucket deletes them all first); `PROJECT_cloudbuild` is Cloud Build's. A
    /// bucket whose `projectNumber` is another project's is shown as that project's and never
    /// offered, whatever lists it.
    func buckets(in context: ResourceContext) async throws -> [DiscoveredResource] {
        let buckets = try await context.storage.buckets(project: context.project)
        let ownerships = try await buckets.asyncMap { try await Ownership.of($0, in: context) }
        return await withTaskGroup(of: DiscoveredResource?.self) { group in
            for (bucket, ownership) in zip(buckets, ownerships) {
                group.addTask {
                    guard let name = bucket.name else { return nil }
                    var details = [await CleanupDiscovery.contents(of: name, in: context)]
                    if bucket.versioning?.enabled == true { details.append("versioned") }
                    if case .otherProject(let number) = ownership { details.append("held by project \(number)") }
                    return DiscoveredResource(
                        kind: name == StagingBucket.name(project: context.project) ? .buildBucket : .bucket, name: name,
                        location: bucket.location, created: bucket.timeCreated, labels: bucket.labels, details: details,
                        ownership: ownership, deletions: [CleanupDeletion(ResourceIdentity(.bucket, name), step: .buckets)])
                }
            }
            return await group.reduce(into: []) { if let found = $1 { $0.append(found) } }
        }
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

    func secrets(in context: ResourceContext) async throws -> [DiscoveredResource] {
        try await context.secretManager.secrets(project: context.project).asyncMap { secret in
            DiscoveredResource(
                kind: .secret, name: secret.id, created: secret.createTime, labels: secret.labels,
                ownership: try await Ownership.of(secret, in: context),
                deletions: [CleanupDeletion(ResourceIdentity(.secret, secret.id), step: .secrets)])
        }
    }

    /// The repositories in the environment's Artifact Registry location, images and all.
    func repositories(in context: ResourceContext) async throws -> [DiscoveredResource] {
        let location = context.environment.artifactRegistry.location
        return try await context.artifactRegistry.repositories(project: context.project, location: location).asyncCompactMap { repository in
            guard let id = repository.name?.split(separator: "/").last.map(String.init) else { return nil }
            var details = [repository.format].compactMap { $0 }
            if let size = ByteSizes.parse(repository.sizeBytes) { details.append(ByteCount.format(size)) }
            return DiscoveredResource(
                kind: .artifactRepository, name: id, location: location, created: repository.createTime, labels: repository.labels,
                details: details, ownership: try await Ownership.of(repository, in: context),
                deletions: [CleanupDeletion(ResourceIdentity(.artifactRepository, id, location: location), step: .repositories)])
        }
    }

    /// Accounts take no labels: one described as setup describes its accounts is gcpctl's
    /// (the environment's when the environment names it, else another environment's); any
    /// other is not gcpctl's, even when the environment names it; Google's own
    /// (`…@developer.gserviceaccount.com`, `…@appspot.gserviceaccount.com`) are never offered.
    /// Each account's project roles are removed before it.
    func serviceAccounts(in context: ResourceContext) async throws -> Listing {
        async let policy = context.resourceManager.iamPolicy(project: context.project)
        let accounts = try await context.iam.serviceAccounts(project: context.project)
        var listing = Listing()
        var roles: IAMPolicy?
        do { roles = try await policy } catch {
            listing.notes.append("The project's IAM policy could not be read (\(error)); service accounts' roles are shown as unknown.")
        }
        listing.resources = try await accounts.asyncCompactMap { account in
            guard let email = account.email else { return nil }
            let ownership = try await Ownership.of(account, in: context)
            let granted = roles?.roles(of: "serviceAccount:\(email)")
            var details = [account.displayName].compactMap { $0 }.filter { !$0.isEmpty }
            details.append(granted.map { "\($0.count) project role\($0.count == 1 ? "" : "s")" } ?? "project roles unknown")
            if account.disabled == true { details.append("disabled") }
            var deletions = [CleanupDeletion(ResourceIdentity(.serviceAccount, email), step: .serviceAccounts)]
            if granted?.isEmpty != true { deletions.insert(CleanupDeletion(ResourceIdentity(.projectRoles, email), step: .roleBindings), at: 0) }
            return DiscoveredResource(kind: .serviceAccount, name: email, details: details, ownership: ownership, deletions: deletions)
        }
        return listing
    }
}
