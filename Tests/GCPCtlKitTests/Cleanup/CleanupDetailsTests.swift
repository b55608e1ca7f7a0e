import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// What cleanup shows and deletes beyond the names: a versioned bucket's noncurrent
/// generations, and the inventory's creation times and labels.
@Suite struct CleanupDetailsTests {
    @Test func aVersionedBucketIsEmptiedOfItsNoncurrentVersionsTooAndDeleted() async throws {
        try await withEmulatedProject { project in
            project.editEnvironment {
                $0.replacingOccurrences(of: "    envVar: GCS_BUCKET_DOCUMENTS\n    storageClass: STANDARD\n",
                                        with: "    envVar: GCS_BUCKET_DOCUMENTS\n    storageClass: STANDARD\n    versioning: true\n")
            }
            #expect(await project.setup().status == .success)
            let bucket = "clone-documents-dev"
            #expect(project.resource(EmulatorCollections.buckets, bucket)?[path: "versioning.enabled"] == true)
            // An object overwritten and one deleted: one live generation, two noncurrent.
            let storage = StorageAPI(try await project.client())
            _ = try await storage.upload(bucket: bucket, name: "contract.pdf", data: Data("v1".utf8), contentType: "application/pdf")
            _ = try await storage.upload(bucket: bucket, name: "contract.pdf", data: Data("v2".utf8), contentType: "application/pdf")
            _ = try await storage.upload(bucket: bucket, name: "draft.txt", data: Data("gone".utf8), contentType: "text/plain")
            try await storage.deleteObject(bucket: bucket, name: "draft.txt")
            func generations() -> [String] { project.names(EmulatorCollections.objects).filter { $0.hasPrefix(bucket + "/") }.sorted() }
            #expect(generations().count == 3)
            #expect(try await storage.objects(bucket: bucket).map(\.name) == ["contract.pdf"], "one live object")
            project.emulator.clearRequests()

            let run = await project.cleanupAll()
            #expect(run.status == .success, "\(run.diagnostics)")
            let row = try #require(run.output.split(separator: "\n").first { $0.hasPrefix("  \(bucket) ") }, "\(run.output)")
            #expect(row.contains("1 object (2 noncurrent), 8 B, versioned"), "\(row)")
            #expect(generations() == [], "every generation deleted")
            #expect(!project.names(EmulatorCollections.buckets).contains(bucket))

            let log = project.emulator.requests()
            let objectDeletes = log.indices.filter { log[$0].methodID == "storage.objects.delete" && log[$0].url.contains("/b/\(bucket)/o/") }
            #expect(objectDeletes.count == 3)
            #expect(objectDeletes.allSatisfy { log[$0].url.contains("generation=") && log[$0].status == 204 }, "each generation by number")
            let bucketDelete = try #require(log.firstIndex { $0.methodID == "storage.buckets.delete" && $0.url.hasSuffix("/b/\(bucket)") })
            #expect(objectDeletes.allSatisfy { $0 < bucketDelete }, "the bucket is deleted once empty")
            #expect(log[bucketDelete].status == 204)
        }
    }

    @Test func theInventoryShowsEachResourcesCreationTimeAndLabels() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let emulator = project.emulator
            #expect(emulator.setBucketLabel("clone-uploads-dev", key: "team", value: "vision"))
            emulator.updateResource(project: EmulatedProject.project, collection: EmulatorCollections.buckets, name: "clone-uploads-dev") {
                $0["timeCreated"] = "2024-03-05T07:08:09.123Z"
            }
            emulator.updateResource(project: EmulatedProject.project, collection: EmulatorCollections.secrets, name: "jwt-secret") {
                $0["createTime"] = "2023-12-31T23:59:30.5Z"
            }
            try await project.createUnlabelledBucket("someone-elses-bucket")
            project.emulator.clearRequests()

            let run = await project.cleanup(input: ["q"], interactive: true)
            #expect(run.status == .configurationError, "quit: \(run.diagnostics)")
            #expect(project.mutatingRequests.isEmpty)
            func row(_ name: String) -> Substring? { run.output.split(separator: "\n").first { $0.hasPrefix("  \(name) ") } }

            let header = try #require(run.output.split(separator: "\n").first { $0.contains("CREATED") })
            #expect(header.contains("  NAME") && header.contains("LOCATION") && header.hasSuffix("LABELS"), "\(header)")
            let uploads = try #require(row("clone-uploads-dev"), "\(run.output)")
            #expect(uploads.contains("  2024-03-05 07:08  "), "\(uploads)")
            #expect(uploads.hasSuffix("  app=digitwinlive,team=vision"), "gcpctl's own two labels are MANAGED BY's: \(uploads)")
            let secret = try #require(row("jwt-secret"))
            #expect(secret.contains("  2023-12-31 23:59  "), "\(secret)")
            #expect(secret.hasSuffix("  app=digitwinlive"))
            let database = try #require(row("digitwinlive-db-dev"), "\(run.output)")
            #expect(database.contains("RUNNABLE, POSTGRES_15, db-f1-micro, 10 GB disk"), "\(database)")
            let stranger = try #require(row("someone-elses-bucket"))
            #expect(stranger.hasSuffix("  -"), "no labels: \(stranger)")
            let created = try #require(project.resource(EmulatorCollections.buckets, "someone-elses-bucket")?["timeCreated"]?.stringValue)
            #expect(stranger.contains("  " + created.prefix(16).replacingOccurrences(of: "T", with: " ") + "  "), "\(stranger)")
        }
    }
}
