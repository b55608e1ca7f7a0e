import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 18 point 5: the scripts' names and habits. storage-api.googleapis.com maps to
/// storage.googleapis.com with a note; production logs JSON; setup can do one part only,
/// as gcp-create-sql.sh did the database alone.
@Suite struct ScriptsHabitsTests {
    @Test func storageAPIInAnEnvironmentFileIsMappedWithANote() async throws {
        let environment = try await loadEnvironment(minimalEnvironment + """

        apis:
          - sqladmin.googleapis.com
          - storage-api.googleapis.com
          - storage.googleapis.com
        """)
        #expect(environment.apis == ["sqladmin.googleapis.com", "storage.googleapis.com"])
        #expect(environment.warnings == [
            "environments/development.yaml: apis names storage-api.googleapis.com, the scripts' name for the Cloud Storage JSON API; gcpctl uses storage.googleapis.com",
        ])
    }

    @Test func enableMapsTheScriptsName() async throws {
        try await withEmulatedProject { project in
            let run = await project.dayTwo("enable") { context, connector in
                try await EnableWorkflow(apis: ["storage-api.googleapis.com", "sqladmin"]).run(context, connector: connector)
            }
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("the command line names storage-api.googleapis.com, the scripts' name for the Cloud Storage JSON API; gcpctl uses storage.googleapis.com"))
            let enabled = project.emulator.requests(methodID: "serviceusage.services.batchEnable")
                .flatMap { $0.body?["serviceIds"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
            #expect(!enabled.contains("storage-api.googleapis.com"))
            #expect(enabled.contains("sqladmin.googleapis.com"))
            #expect(run.output.contains("storage.googleapis.com"), "listed under its current name (enabled in a new project already)")
            #expect(!run.output.contains("storage-api"))
        }
    }

    /// Production's services log JSON (Cloud Logging reads it as structured entries), even
    /// when the scripts' .env.production says `LOG_FORMAT=simple`; development keeps the .env's.
    @Test func productionLogsJSON() async throws {
        for name in ["production"] {
            let builtIn = try #require(BuiltInEnvironments.file(named: name))
            for entry in builtIn.services?.entries ?? [] { #expect(entry.value.env?["LOG_FORMAT"] == "json", "\(entry.name)") }
        }
        #expect(BuiltInEnvironments.file(named: "development")?.services?.entries.allSatisfy { $0.value.env?["LOG_FORMAT"] == nil } == true)
        try await withEmulatedProject { project in
            project.directory.write(".env.production", "LOG_FORMAT=simple\nLOG_LEVEL=debug\n")
            let context = try await project.resourceContext(environment: "prod")
            let environment = context.environment
            let urls = ServiceURLs(projectNumber: "123", region: environment.region)
            for service in environment.services {
                let variables = ServiceVariables(service: service, environment: environment, urls: urls)
                #expect(variables.plain.first { $0.name == "LOG_FORMAT" }?.value == "json", "\(service.name)")
            }
        }
    }

    /// `setup --only sql` (gcp-create-sql.sh): the instance, its database, the postgres
    /// password and the secret it comes from (with the Data API's copy of it and pgvector),
    /// with the two APIs they need; nothing else.
    @Test func setupOnlySQLMakesTheDatabaseAlone() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup(SetupWorkflow(only: [.sql], executor: fastExecutor))
            #expect(run.status == .success, "\(run.output)\n\(run.diagnostics)")
            #expect(run.diagnostics.contains("Only sql (--only): 7 of setup's resources"), "\(run.diagnostics)")
            #expect(project.sqlInstances == ["digitwinlive-db-dev"])
            let enabled = project.emulator.requests(methodID: "serviceusage.services.batchEnable")
                .flatMap { $0.body?["serviceIds"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
            #expect(Set(enabled) == ["sqladmin.googleapis.com", "secretmanager.googleapis.com"])
            let touched = Set(project.mutatingRequests.compactMap(\.api))
            #expect(touched.isSubset(of: ["serviceusage", "sqladmin", "secretmanager"]), "\(touched)")
            #expect(project.emulator.requests(methodID: "sqladmin.users.update").count == 1)
        }
    }

    /// Every part can be asked for alone; the plan holds that part and the APIs it needs.
    @Test(arguments: SetupKind.allCases)
    func everyPartCanBePlannedAlone(kind: SetupKind) async throws {
        try await withEmulatedProject { project in
            let run = await project.setup(SetupWorkflow(planOnly: true, only: [kind]), format: .json)
            let document = try JSONDecoder().decode(AdoptionPlanDocument.self, from: Data(run.output.utf8))
            let kinds = Set(document.resources.map(\.kind))
            let expected: [SetupKind: Set<String>] = [
                .apis: ["api"],
                .registry: ["api", "artifact-registry"],
                .buckets: ["api", "bucket"],
                .serviceAccount: ["api", "service-account", "project-roles", "build-account-roles"],
                .secrets: ["api", "secret"],
                // Development declares no network: only the Compute API it lists.
                .network: ["api"],
                .sql: ["api", "sql-instance", "sql-database", "sql-user", "sql-data-api-password", "sql-extension", "secret"],
                .redis: [], .messaging: [], .edge: [], .monitoring: [],  // development declares none of them
            ]
            #expect(kinds == expected[kind], "\(kind)")
            if kind == .sql { #expect(document.resources.filter { $0.kind == "secret" }.map(\.name) == ["database-password"]) }
        }
    }

    @Test func anUnknownPartIsRefusedWithTheKnownOnes() {
        #expect(throws: SetupSelectionError.unknownKind("sq", suggestion: "sql")) { try SetupKind.parse(["sq"]) }
        #expect(SetupSelectionError.unknownKind("sq", suggestion: "sql").description
                == "--only: 'sq' is not a part of setup; did you mean 'sql'? Use one or more of apis, registry, buckets, service-account, secrets, network, sql, redis, messaging, edge, monitoring.")
        let parsed = try? SetupKind.parse(["sql,Secrets", "bucket"])
        #expect(parsed == [.sql, .secrets, .buckets])
    }
}

/// `gcpctl plan --format json`, as much of it as these tests read.
struct AdoptionPlanDocument: Decodable {
    var resources: [Resource]
    var adoptions: [String]?

    struct Resource: Decodable {
        var kind: String
        var name: String
        var action: String
        var adopt: [String]?
    }
}
