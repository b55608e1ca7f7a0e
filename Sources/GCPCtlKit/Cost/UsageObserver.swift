import Foundation
import GoogleCloud

/// Reads what the project holds now: the bytes in each declared bucket (every object
/// version), buckets labelled as this environment's that it no longer declares, the
/// Artifact Registry repository's size and each secret's active versions. Only reads;
/// whatever cannot be read is left to the usage profile and listed in `gaps`.
struct UsageObserver {
    let context: ResourceContext
    /// False when no source named a project, so project-wide listings are skipped.
    let projectKnown: Bool

    var environment: Environment { context.environment }

    func observe() async -> ObservedUsage {
        var observed = ObservedUsage()
        for bucket in environment.buckets {
            do {
                if let contents = try await contents(of: bucket.name) { observed.buckets[bucket.name] = contents }
            } catch {
                observed.gaps.append("bucket \(bucket.name) could not be measured (\(error)); its share of usage.storageGb is used")
            }
        }
        guard projectKnown else { return observed }
        do {
            observed.unusedBuckets = try await unusedBuckets()
        } catch {
            observed.gaps.append("buckets of project \(context.project) could not be listed (\(error)); unused ones are not looked for")
        }
        let registry = environment.artifactRegistry
        do {
            observed.registryBytes = try await context.artifactRegistry
                .repository(project: context.project, location: registry.location, id: registry.repository)?
                .sizeBytes.flatMap(ByteSizes.parse)
        } catch {
            observed.gaps.append("repository \(registry.repository) could not be read (\(error)); usage.artifactStorageGb is used")
        }
        for secret in environment.secrets {
            do {
                let versions = try await context.secretManager.versions(project: context.project, id: secret.id)
                observed.secretVersions[secret.id] = versions.filter { $0.state != "DESTROYED" }.count
            } catch let error as GoogleAPIError where error.isNotFound {
                continue
            } catch {
                // The others would fail the same way; one line says it.
                observed.gaps.append("secret versions could not be listed (\(error)); one version per secret is assumed")
                break
            }
        }
        return observed
    }

    /// Nil when the bucket does not exist (yet).
    private func contents(of bucket: String) async throws -> ObservedUsage.BucketContents? {
        guard try await context.storage.bucket(bucket) != nil else { return nil }
        let objects = try await context.storage.objects(bucket: bucket, versions: true)
        return .init(bytes: objects.totalBytes, objects: objects.count)
    }

    private func unusedBuckets() async throws -> [String: ObservedUsage.BucketContents] {
        let declared = Set(environment.buckets.map(\.name))
        let labelled = try await context.storage.buckets(project: context.project).filter { bucket in
            bucket.labels?[Environment.managedByLabel.key] == Environment.managedByLabel.value
                && bucket.labels?[Environment.environmentLabelKey] == environment.shortName
                && !declared.contains(bucket.name ?? "")
        }
        var unused: [String: ObservedUsage.BucketContents] = [:]
        for bucket in labelled {
            guard let name = bucket.name else { continue }
            unused[name] = try await contents(of: name)
        }
        return unused
    }
}
