import Foundation
import Testing
@testable import GCPCtlKit

/// The rules of the kind registry (Resources/ResourceKinds.swift): one list, unique names,
/// and a kind that reads and writes as its id.
@Suite struct ResourceKindsTests {
    @Test func idsAreUnique() {
        let ids = ResourceKinds.all.map(\.id)
        #expect(Set(ids).count == ids.count, "\(ids)")
    }

    @Test func commandNamesAreUniqueAcrossKinds() {
        let names = ResourceKinds.all.flatMap(\.commandNames)
        #expect(Set(names).count == names.count, "\(names)")
    }

    /// The ids are the `kind` of every JSON document: they must not move.
    @Test func idsAreTheKindsOfTheJSONDocuments() {
        #expect(ResourceKinds.all.map(\.id) == [
            "api", "artifact-registry", "bucket", "service-account", "project-roles", "build-account-roles", "service-account-key", "secret",
            "network", "subnetwork", "address-range", "private-connection", "vpc-connector",
            "sql-instance", "sql-replica", "sql-database", "sql-user", "sql-data-api-password", "sql-extension", "redis-instance", "redis-auth",
            "pubsub-topic", "pubsub-subscription", "scheduler-job", "cloud-run-service", "gke-cluster",
            "global-address", "serverless-neg", "security-policy", "backend-service", "url-map", "ssl-certificate",
            "target-https-proxy", "target-http-proxy", "forwarding-rule",
            "notification-channel", "uptime-check", "alert-policy",
            "cloud-build-bucket",
        ])
    }

    @Test func kindsSortInRegistryOrder() {
        #expect(ResourceKinds.all.sorted() == ResourceKinds.all)
        #expect(ResourceID(.secret, "a") < ResourceID(.sqlInstance, "a"))
        #expect(ResourceID(.bucket, "a") < ResourceID(.bucket, "b"))
    }

    @Test func aKindIsFoundByIdOrCommandName() {
        #expect(ResourceKinds.named("sql-instance") == .sqlInstance)
        #expect(ResourceKinds.named("sql") == .sqlInstance)
        #expect(ResourceKinds.named("service") == .cloudRunService)
        #expect(ResourceKinds.named("repository") == .artifactRepository)
        #expect(ResourceKinds.named("cluster") == nil)
    }

    @Test func aResourceIDReadsAndWritesItsKindAsTheId() throws {
        let id = ResourceID(.cloudRunService, "api")
        let json = try JSONEncoder().encode(id)
        #expect(String(decoding: json, as: UTF8.self).contains(#""kind":"cloud-run-service""#))
        #expect(try JSONDecoder().decode(ResourceID.self, from: json) == id)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ResourceID.self, from: Data(#"{"kind":"teapot","name":"x"}"#.utf8))
        }
    }

    /// The executor starts the long pole first: the Cloud SQL instance, then plan order.
    @Test func theSQLInstanceStartsFirst() {
        let slowest = ResourceKinds.all.max { $0.typicalDuration < $1.typicalDuration }
        #expect(slowest == .sqlInstance)
        #expect(ResourceKinds.all.filter { $0.typicalDuration == slowest?.typicalDuration } == [.sqlInstance])
    }

    /// Status tables (and the keys of its JSON document) come in the kinds' order, then the
    /// checks that are not kinds: the same order as before the sections were data.
    @Test func statusSectionsFollowTheKinds() {
        #expect(ResourceKinds.sections.map(\.id) == [
            "apis", "artifactRegistry", "buckets", "serviceAccount", "secrets", "network", "cloudSQL", "cache", "messaging", "scheduler", "services",
            "edge", "monitoring", "undeclared",
        ])
        #expect(ResourceKinds.sections.map(\.title) == [
            "APIs", "Artifact Registry", "Buckets", "Service account", "Secrets", "Network", "Cloud SQL", "Cache", "Pub/Sub", "Cloud Scheduler",
            "Cloud Run services", "Edge", "Monitoring",
            "Not declared",
        ])
        #expect(ResourceKind.sqlExtension.section == .cloudSQL)
        #expect(ResourceKind.projectRoles.section == .serviceAccount)
    }

    /// `gcpctl list` and `gcpctl delete` name kinds as they always have, in registry order.
    @Test func listAndDeleteAddressKindsByTheirCommandNames() {
        let network = ["network", "subnet", "address-range", "private-connection", "connector"]
        let data = ["sql", "sql-replica", "redis"]
        let messaging = ["topic", "subscription", "job"]
        let edge = ["global-address", "neg", "security-policy", "backend-service", "url-map", "certificate", "https-proxy", "http-proxy",
                    "forwarding-rule"]
        let monitoring = ["channel", "uptime", "alert"]
        #expect(ResourceKinds.listable.map(\.commandName) == ["api", "repository", "bucket", "service-account", "secret"] + network + data + messaging + ["service"] + edge + monitoring)
        #expect(ResourceKinds.deletable.map(\.commandName) == ["repository", "bucket", "service-account", "secret"] + network + data + messaging + ["service"] + edge + monitoring)
        #expect(ResourceKinds.all.filter { !$0.commandNames.isEmpty }.allSatisfy { $0.nameProblem != nil })
        #expect(ResourceKinds.commandNamed("sql") == .sqlInstance)
        #expect(ResourceKinds.commandNamed("sql-instance") == nil)
    }

    /// What `gcpctl delete` asks, kind by kind; the SQL instance's name must be typed.
    @Test func deleteAsksAboutWhatGoesWithIt() async throws {
        let environment = try await loadEnvironment(Repository.environmentText("development"), variables: ["GCP_PROJECT_ID": "my-project-123"])
        func question(_ kind: ResourceKind, _ name: String) throws -> String {
            let identify = try #require(kind.identify)
            return kind.deletionDescription(try identify(name, environment))
        }
        #expect(try question(.bucket, "b") == "bucket b and every object in it")
        #expect(try question(.secret, "s") == "secret s and all its versions")
        #expect(try question(.serviceAccount, "sa") == "service account sa@\(environment.project).iam.gserviceaccount.com")
        #expect(try question(.sqlInstance, "db") == "Cloud SQL instance db with every database and backup in it")
        #expect(try question(.artifactRepository, "r") == "Artifact Registry repository r and every image in it")
        #expect(try question(.cloudRunService, "api") == "Cloud Run service api in \(environment.region) (its images stay)")
        #expect(try question(.sqlReplica, "db-replica") == "Cloud SQL read replica db-replica (its primary and the primary's data stay)")
        #expect(ResourceKinds.deletable.filter { $0.teardown.confirmation == .typeName } == [.sqlInstance, .sqlReplica, .redisInstance])
    }

    /// Cleanup names kinds by the registry's facts (plural, title, API, listing scope) and
    /// shows them in the registry's order; what a kind is deleted after names real kinds,
    /// without a cycle (a cycle would leave its deletions waiting for ever).
    @Test func cleanupKindsAreRegistryKinds() {
        #expect(ResourceKinds.cleanable.map(\.id) == [
            "artifact-registry", "bucket", "service-account", "secret",
            "network", "subnetwork", "address-range", "private-connection", "vpc-connector",
            "sql-instance", "sql-replica", "redis-instance", "pubsub-topic", "pubsub-subscription", "scheduler-job", "cloud-run-service", "gke-cluster",
            "global-address", "serverless-neg", "security-policy", "backend-service", "url-map", "ssl-certificate",
            "target-https-proxy", "target-http-proxy", "forwarding-rule", "notification-channel", "uptime-check", "alert-policy",
            "cloud-build-bucket",
        ])
        #expect(ResourceKinds.cleanable.allSatisfy { $0.remove != nil }, "cleanup deletes what it finds by identity")
        #expect(ResourceKinds.all.filter { $0.listingScope == .region } == [.subnetwork, .vpcConnector, .schedulerJob, .cloudRunService, .serverlessNEG])
        #expect(ResourceKind.buildBucket.service == "storage.googleapis.com")
        let ids = Set(ResourceKinds.all.map(\.id))
        for kind in ResourceKinds.all {
            #expect(kind.teardown.after.isSubset(of: ids), "\(kind) is deleted after kinds that do not exist")
            var reached = kind.teardown.after, frontier = Array(reached)
            while let next = frontier.popLast() {
                for id in ResourceKinds.named(next)?.teardown.after ?? [] where reached.insert(id).inserted { frontier.append(id) }
            }
            #expect(!reached.contains(kind.id), "\(kind) is deleted after itself")
        }
    }

    /// Each kind declares values of its own kind only, and setup's parts are kinds' facts:
    /// what `setup` makes and `status` checks comes from the registry (kinds step 7).
    @Test func eachKindDeclaresItsOwnResources() async throws {
        let environment = try await loadEnvironment(Repository.environmentText("development"), variables: ["GCP_PROJECT_ID": "my-project-123"])
        let options = SetupOptions(keyFile: "/tmp/key.json")
        for kind in ResourceKinds.all {
            let declared = kind.declared?(environment, options) ?? []
            #expect(declared.allSatisfy { $0.id.kind == kind }, "\(kind): \(declared.map(\.id))")
            #expect((kind.declared != nil) == (kind.setupPart != nil), "\(kind) is made by setup exactly when it has a part of setup")
        }
        let all = ResourceKinds.declared(for: environment, options: options).map(\.id)
        #expect(Set(all).count == all.count, "\(all)")
        // An account's project roles follow it.
        let roles = ResourceID(.projectRoles, environment.serviceAccount.email)
        #expect(all.firstIndex(of: roles) == all.firstIndex(of: ResourceID(.serviceAccount, environment.serviceAccount.email)).map { $0 + 1 })
    }

    /// The prices gcpctl uses are the kinds' keys then Cloud Build's, each once; the built-in
    /// book prices every kind's keys in each region it covers; a kind with prices has cost
    /// lines (kinds step 8).
    @Test func eachKindsPricesAreInTheBuiltInBook() throws {
        #expect(Set(PriceKeys.all.map(\.rawValue)) == Set([
            "run.cpu", "run.memory", "run.requests", "sql.db-f1-micro", "sql.db-g1-small", "sql.vcpu", "sql.memory",
            "sql.storage.ssd", "sql.storage.hdd", "sql.backups", "storage.standard", "storage.nearline", "storage.coldline",
            "storage.archive", "artifactregistry.storage", "secretmanager.versions", "secretmanager.accesses", "cloudbuild.minutes",
            "vpcaccess.e2-micro", "pubsub.throughput", "scheduler.jobs",
            "lb.forwardingRule", "lb.dataProcessing", "armor.policy", "armor.rule", "armor.requests",
            "monitoring.uptimeExecutions", "monitoring.alertConditions",
        ] + PriceKey.redis.map(\.rawValue)), "the book's keys, and the connector's, Redis's, Pub/Sub's, Cloud Scheduler's, the edge's and Monitoring's")
        #expect(Set(PriceKeys.all).count == PriceKeys.all.count)
        let book = try PriceBook.parse(BuiltInPriceBook.text, location: "built-in")
        for kind in ResourceKinds.all {
            for key in kind.priceKeys {
                for region in book.completeRegions where !key.isGlobal {
                    #expect(throws: Never.self, "\(kind): \(key) in \(region)") { try book.price(key, region: region) }
                }
                #expect(PriceKey(rawValue: key.rawValue) == key)
            }
        }
        #expect(ResourceKind.sqlInstance.priceKeys.contains(.sqlVCPU) && ResourceKind.bucket.priceKeys.contains(.storageArchive))
        // A kind has cost lines exactly when it has prices; cost lists them in registry order.
        for kind in ResourceKinds.all {
            #expect((kind.cost != nil) == !kind.priceKeys.isEmpty, "\(kind)")
        }
        #expect(ResourceKinds.priced == [.artifactRepository, .bucket, .secret, .vpcConnector, .sqlInstance, .sqlReplica, .redisInstance, .pubsubTopic,
                                         .schedulerJob, .cloudRunService, .securityPolicy, .forwardingRule, .uptimeCheck, .alertPolicy])
    }
}
