import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// `gcpctl cost` as a command: offline with nothing at all, observing an emulated project,
/// live prices from the emulated Cloud Billing Catalog, and the JSON document.
@Suite struct CostCommandTests {
    let d = CostFixture.decimal

    func scratchWithEnvironments() -> ScratchDirectory {
        let directory = ScratchDirectory()
        for name in ["development", "staging", "production"] {
            directory.write("environments/\(name).yaml", Repository.environmentText(name))
        }
        return directory
    }

    @Test func offlineNeedsNoCredentialsNoProjectAndNoNetwork() async throws {
        let directory = scratchWithEnvironments()
        let run = await CostRun.run(CostWorkflow(mode: .offline), directory: directory.url, processEnvironment: TestSupport.emptyEnvironment)
        #expect(run.status == .success, "\(run.diagnostics)")
        #expect(run.output.contains("=== Monthly cost of development in us-central1, USD ==="))
        #expect(run.output.contains("prices:  price book 2025-11 (built-in)"))
        #expect(run.output.contains("sizes:   the usage profile (offline: nothing observed)"))
        #expect(run.output.split(separator: "\n").contains { $0.hasPrefix("Total") && $0.hasSuffix("$10.42") })
        #expect(run.diagnostics == "")
    }

    @Test func offlineSendsNoRequestEvenWhenAnEmulatorAndATokenAreThere() async throws {
        try await withEmulatedProject { project in
            let run = await CostRun.run(CostWorkflow(mode: .offline), in: project, settings: GlobalSettings(environment: "prod", format: .json))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.emulator.requests().isEmpty)
            #expect(project.emulator.tokenGrantCount == 0)
            let estimate = try run.document(CostEstimate.self)
            #expect(estimate.total == d("438.8485"))
            #expect(estimate.mode == .offline)
            #expect(estimate.project == "demo-project", "named by GCP_PROJECT_ID, though not needed")
        }
    }

    @Test func withoutCredentialsTheDefaultModeWarnsAndEstimatesFromTheProfile() async throws {
        let directory = scratchWithEnvironments()
        let run = await CostRun.run(CostWorkflow(), directory: directory.url,
                                    processEnvironment: TestSupport.emptyEnvironment.merging(["HOME": directory.url.path]) { $1 })
        #expect(run.status == .success, "\(run.diagnostics)")
        #expect(run.diagnostics.contains("not connected to Google Cloud"))
        #expect(run.diagnostics.contains("sizes come from the usage profile (--offline skips this attempt)"))
        #expect(run.output.contains("$10.42"))
        let json = await CostRun.run(CostWorkflow(), settings: GlobalSettings(format: .json), directory: directory.url,
                                     processEnvironment: TestSupport.emptyEnvironment.merging(["HOME": directory.url.path]) { $1 })
        let estimate = try json.document(CostEstimate.self)
        #expect(estimate.mode == .offline)
        #expect(estimate.warnings.first?.hasPrefix("not connected to Google Cloud") == true)
    }

    @Test func observedBucketSizesAreUsedAndNothingIsChanged() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let context = try await project.resourceContext()
            _ = try await context.storage.upload(bucket: "clone-uploads-dev", name: "a.bin", data: Data(count: 3_000_000),
                                                 contentType: "application/octet-stream")
            project.emulator.clearRequests()
            let run = await CostRun.run(CostWorkflow(), in: project, settings: GlobalSettings(environment: "dev", format: .json))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.mutatingRequests.isEmpty)
            let estimate = try run.document(CostEstimate.self)
            #expect(estimate.mode == .observed)
            let uploads = try #require(estimate.line("bucket/GCS_BUCKET_UPLOADS", "standard storage"))
            #expect(uploads.quantity == Decimal(3_000_000) / 1_073_741_824)
            #expect(uploads.note.hasPrefix("observed: 1 object, 2.9 MiB"))
            #expect(estimate.line("bucket/GCS_BUCKET_VOICE_MODELS", "standard storage")?.quantity == 0)
            #expect(estimate.line("registry", "image storage")?.note.hasPrefix("observed") == true)
            #expect(estimate.line("secrets", "active versions")?.quantity == 3, "setup gives each secret one version")
            let read = Set(project.emulator.requests().compactMap(\.methodID))
            #expect(read.isSuperset(of: ["storage.buckets.get", "storage.objects.list", "storage.buckets.list",
                                         "artifactregistry.projects.locations.repositories.get",
                                         "secretmanager.projects.secrets.versions.list"]))
        }
    }

    @Test func aBucketWithTheEnvironmentsLabelsThatTheFileNoLongerDeclaresIsASaving() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let context = try await project.resourceContext()
            _ = try await context.storage.createBucket(project: EmulatedProject.project, StorageAPI.Bucket(
                name: "clone-old-exports-dev", location: "US-CENTRAL1", storageClass: "STANDARD",
                labels: ["managed-by": "gcpctl", "gcpctl-env": "dev"]))
            _ = try await context.storage.upload(bucket: "clone-old-exports-dev", name: "export.csv", data: Data(count: 1 << 20),
                                                 contentType: "text/csv")
            let run = await CostRun.run(CostWorkflow(), in: project, settings: GlobalSettings(environment: "dev", format: .json))
            let estimate = try run.document(CostEstimate.self)
            let saving = try #require(estimate.savings.first { $0.kind == "unused-bucket" })
            #expect(saving.resource == "clone-old-exports-dev")
            #expect(saving.monthlySaving == Decimal(1 << 20) / 1_073_741_824 * d("0.020"))
            #expect(saving.advice.contains("environments/development.yaml no longer declares it"))
        }
    }

    @Test func liveUsesTheCatalogsPricesPageByPageAndSaysSo() async throws {
        try await withEmulatedProject({ $0.maxPageSize = 2 }) { project in
            let run = await CostRun.run(CostWorkflow(mode: .live), in: project, settings: GlobalSettings(environment: "dev", format: .json))
            #expect(run.status == .success, "\(run.diagnostics)")
            let estimate = try run.document(CostEstimate.self)
            #expect(estimate.mode == .live)
            let lines = estimate.resources.flatMap(\.lines)
            #expect(lines.allSatisfy { $0.priceFrom == "catalog" }, "\(lines.filter { $0.priceFrom != "catalog" }.map(\.priceKey))")
            for line in lines {
                #expect(line.monthlyCost == line.quantity * line.unitPrice)
                #expect(line.unitPrice != (try CostFixture.book.price(line.priceKey, region: "us-central1").unitPrice),
                        "\(line.priceKey): the emulator's catalog is a few percent off the book")
            }
            // The catalog's db-f1-micro is $0.0108 an hour; its SSD $0.175, its backups $0.082 a GB-month.
            #expect(estimate.line("sql", "instance (db-f1-micro)")?.unitPrice == d("0.0108"))
            #expect(estimate.line("run/free-tier", "free tier")?.quantity == -20000, "the catalog's free tier: its first tier at 0")
            #expect(estimate.line("run/api-gateway", "requests")?.unitPrice == d("0.41"), "per million from a per-request price")
            #expect(estimate.line("run/api-gateway", "CPU serving requests")?.unitPrice == d("0.0000247"),
                    "the request-based SKU, not the instance-based one listed before it")
            #expect(estimate.total == d("7.884") + d("1.75") + d("0.82") + d("0.103") + d("0.1545"))
            #expect(estimate.line("registry", "free tier")?.quantity == d("-0.5"))
            let skuPages = project.emulator.requests().filter { $0.methodID == "cloudbilling.services.skus.list" }
            #expect(project.emulator.requests().contains { $0.methodID == "cloudbilling.services.list" && $0.url.contains("pageToken") })
            #expect(skuPages.contains { $0.url.contains("/v1/services/9662-B51E-5089/skus") && $0.url.contains("pageToken") })
            #expect(skuPages.allSatisfy { $0.url.contains("currencyCode=USD") })

            let text = await CostRun.run(CostWorkflow(mode: .live), in: project)
            #expect(text.output.contains("prices:  Cloud Billing Catalog; the price book 2025-11 (built-in) where it has no matching SKU"))
            #expect(text.output.contains("  instance (db-f1-micro)"))
            #expect(text.output.split(separator: "\n").contains { $0.contains("$0.0108") && $0.contains("catalog") })
        }
    }

    @Test func liveFindsAMultiRegionBucketsSKU() async throws {
        try await withEmulatedProject { project in
            project.editEnvironment {
                $0.replacingOccurrences(of: "    envVar: GCS_BUCKET_VOICE_MODELS\n", with: "    envVar: GCS_BUCKET_VOICE_MODELS\n    location: US\n")
            }
            let run = await CostRun.run(CostWorkflow(mode: .live), in: project, settings: GlobalSettings(environment: "dev", format: .json))
            #expect(run.status == .success, "\(run.diagnostics)")
            let estimate = try run.document(CostEstimate.self)
            let us = try #require(estimate.line("bucket/GCS_BUCKET_VOICE_MODELS", "standard storage"))
            #expect(us.unitPrice == d("0.026"))
            #expect(us.priceFrom == "catalog")
            #expect(estimate.line("bucket/GCS_BUCKET_UPLOADS", "standard storage")?.unitPrice == d("0.0206"))
        }
    }

    @Test func liveWithoutCredentialsFailsWithStatusOne() async throws {
        let directory = scratchWithEnvironments()
        let run = await CostRun.run(CostWorkflow(mode: .live), directory: directory.url,
                                    processEnvironment: TestSupport.emptyEnvironment.merging(["HOME": directory.url.path]) { $1 })
        #expect(run.status == .configurationError)
        #expect(run.diagnostics.contains("No Google Cloud credentials found"))
    }

    @Test func compareShowsEnvironmentsSideBySideWithTheDifference() async throws {
        let directory = scratchWithEnvironments()
        let workflow = CostWorkflow(mode: .offline, compare: try CostWorkflow.environments(in: "dev, prod"))
        let json = await CostRun.run(workflow, settings: GlobalSettings(format: .json), directory: directory.url, processEnvironment: TestSupport.emptyEnvironment)
        let comparison = try json.document(CostComparison.self)
        #expect(comparison.environments == ["development", "production"])
        #expect(comparison.totals == ["development": d("10.415"), "production": d("438.8485")])
        #expect(comparison.difference == d("428.4335"))
        let sql = try #require(comparison.rows.first { $0.label.hasPrefix("Cloud SQL instance") })
        #expect(sql.label == "Cloud SQL instance digitwinlive-db-{env}")
        #expect(sql.costs == ["development": d("10.165"), "production": d("107.023")])
        #expect(sql.difference == d("96.858"))
        #expect(comparison.rows.map(\.key).contains("bucket/GCS_BUCKET_UPLOADS"))
        #expect(comparison.estimates.map(\.total) == [d("10.415"), d("438.8485")])

        let text = await CostRun.run(workflow, directory: directory.url, processEnvironment: TestSupport.emptyEnvironment)
        let lines = text.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("=== Monthly cost of development vs production, USD ==="))
        #expect(lines.contains { $0.hasPrefix("resource") && $0.hasSuffix("development  production  difference") })
        #expect(lines.contains { $0.hasPrefix("Cloud SQL instance digitwinlive-db-{env}") && $0.hasSuffix("     $10.17     $107.02     +$96.86") })
        #expect(lines.contains { $0.hasPrefix("Total") && $0.hasSuffix("     $10.42     $438.85    +$428.43") })
        #expect(lines.contains { $0.contains("development: Stop digitwinlive-db-dev outside working hours") })
        #expect(throws: CostError.compareNeedsTwo("dev")) { try CostWorkflow.environments(in: "dev") }
    }

    @Test func aPriceBookInTheConfigDirectoryIsUsedAndNamed() async throws {
        let directory = scratchWithEnvironments()
        let book = PriceBookTests.fileText.replacingOccurrences(of: "price: \"0.0105\"", with: "price: \"0.0200\"")
        directory.write("templates/pricing/price-book.yaml", book)
        let run = await CostRun.run(CostWorkflow(mode: .offline), settings: GlobalSettings(format: .json),
                                    directory: directory.url, processEnvironment: TestSupport.emptyEnvironment)
        let estimate = try run.document(CostEstimate.self)
        #expect(estimate.priceBook == "2025-11 (templates/pricing/price-book.yaml)")
        #expect(estimate.line("sql", "instance (db-f1-micro)")?.monthlyCost == d("14.6"))

        let missing = await CostRun.run(CostWorkflow(mode: .offline, priceBookPath: "nope.yaml"), directory: directory.url, processEnvironment: TestSupport.emptyEnvironment)
        #expect(missing.status == .configurationError)
        #expect(missing.diagnostics.contains("--price-book 'nope.yaml' does not exist"))
    }

    /// The JSON document's shape, as docs/commands.md documents it.
    @Test func theJSONDocumentHasTheDocumentedShape() async throws {
        let directory = scratchWithEnvironments()
        let run = await CostRun.run(CostWorkflow(mode: .offline), settings: GlobalSettings(format: .json),
                                    directory: directory.url, processEnvironment: TestSupport.emptyEnvironment)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(Set(object.keys) == CommandDocument.envelopeKeys.union(
            ["environment", "shortName", "region", "currency", "mode", "priceBook", "usage", "resources", "total", "savings", "warnings"]))
        #expect(object["project"] is NSNull, "no project was needed offline")
        let resource = try #require((object["resources"] as? [[String: Any]])?.first { $0["key"] as? String == "sql" })
        #expect(Set(resource.keys) == ["key", "kind", "name", "summary", "lines", "monthlyCost"])
        let line = try #require((resource["lines"] as? [[String: Any]])?.first)
        #expect(Set(line.keys) == ["item", "unit", "quantity", "unitPrice", "monthlyCost", "priceFrom", "priceReference", "priceKey", "note"])
        #expect(line["quantity"] as? Int == 730)
        #expect(line["unitPrice"] as? Double == 0.0105)
        let saving = try #require((object["savings"] as? [[String: Any]])?.first)
        #expect(Set(saving.keys) == ["kind", "resource", "monthlySaving", "advice"])
    }
}
