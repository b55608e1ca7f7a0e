import Foundation

extension CostEstimator {
    /// A bucket's GB: observed when it exists and could be read, else its share of the profile.
    mutating func buckets() throws -> [ResourceCost] {
        let buckets = environment.buckets
        guard !buckets.isEmpty else { return [] }
        let share = usage.storageGb / Decimal(buckets.count)
        return try buckets.enumerated().map { index, bucket in
            // Validation admits only the four classes the book prices.
            let key = PriceKey.storage(class: bucket.storageClass) ?? .storageStandard
            let gb: Decimal, note: String
            if let contents = observed?.buckets[bucket.name] {
                gb = Decimal(contents.bytes) / Units.bytesPerGiB
                note = "observed: \(contents.objects) object\(contents.objects == 1 ? "" : "s"), \(ByteCount.format(contents.bytes)), every version"
            } else {
                gb = share
                let why = observed == nil ? "" : " (bucket not created yet)"
                note = "profile: usage.storageGb \(usage.storageGb.quantityText()) GB ÷ \(buckets.count) buckets\(why)"
            }
            let lifecycle = bucket.lifecycle.contains { $0.action == "SetStorageClass" } ? "; lifecycle class changes not modelled" : ""
            let line = CostLine("\(bucket.storageClass.lowercased()) storage", quantity: gb,
                                price: try prices.price(key, region: bucket.location.lowercased()), note: note + lifecycle)
            return ResourceCost(key: "bucket/\(bucket.envVar ?? "\(index)")", kind: "Cloud Storage bucket", name: bucket.name,
                                summary: "\(bucket.storageClass), \(bucket.location)", lines: [line])
        }
    }

    mutating func artifactRegistry() throws -> ResourceCost {
        let storage = try price(.registryStorage)
        let gb: Decimal, note: String
        if let bytes = observed?.registryBytes {
            gb = Decimal(bytes) / Units.bytesPerGiB
            note = "observed: the repository's size, \(ByteCount.format(bytes))"
        } else {
            gb = usage.artifactStorageGb
            note = "profile: usage.artifactStorageGb"
        }
        let lines = [
            CostLine("image storage", quantity: gb, price: storage, note: note),
            freeTierLine(storage, used: gb, note: "first \(storage.free.quantityText()) GB a month free, per billing account"),
        ].compactMap { $0 }
        return ResourceCost(key: "registry", kind: "Artifact Registry repository", name: environment.artifactRegistry.repository, lines: lines)
    }

    mutating func secretManager() throws -> ResourceCost {
        let versionPrice = try price(.secretVersions), accessPrice = try price(.secretAccesses)
        let secrets = environment.secrets
        let observedVersions = observed.map { seen in secrets.compactMap { seen.secretVersions[$0.id] } }
        let versions: Decimal, versionNote: String
        if let observedVersions, observedVersions.count == secrets.count, !secrets.isEmpty {
            versions = Decimal(observedVersions.reduce(0, +))
            versionNote = "observed: enabled and disabled (not destroyed) versions of the \(secrets.count) secrets"
        } else {
            versions = Decimal(secrets.count)
            versionNote = "one active version of each of the \(secrets.count) secrets; older ones destroyed"
        }
        let accesses = usage.secretAccessesPerMonth / 10_000
        let lines = [
            CostLine("active versions", quantity: versions, price: versionPrice, note: versionNote),
            freeTierLine(versionPrice, used: versions, note: "\(versionPrice.free.quantityText()) active versions a month free, per billing account"),
            CostLine("accesses", quantity: accesses, price: accessPrice,
                     note: "usage.secretAccessesPerMonth \(usage.secretAccessesPerMonth.quantityText())"),
            freeTierLine(accessPrice, used: accesses,
                         note: "\((accessPrice.free * 10_000).quantityText()) accesses a month free, per billing account"),
        ].compactMap { $0 }
        return ResourceCost(key: "secrets", kind: "Secret Manager", name: "\(secrets.count) secrets", lines: lines)
    }

    mutating func cloudBuild() throws -> ResourceCost {
        let minutes = try price(.buildMinutes)
        let lines = [
            CostLine("build minutes", quantity: usage.buildMinutesPerMonth, price: minutes, note: "usage.buildMinutesPerMonth, e2-standard-2"),
            freeTierLine(minutes, used: usage.buildMinutesPerMonth,
                         note: "first \(minutes.free.quantityText()) minutes a month free, per billing account"),
        ].compactMap { $0 }
        return ResourceCost(key: "build", kind: "Cloud Build", name: "builds", lines: lines)
    }
}
