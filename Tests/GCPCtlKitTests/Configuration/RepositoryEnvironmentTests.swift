import Foundation
import Testing
@testable import GCPCtlKit

/// The environment files shipped in environments/ load, validate and resolve as documented.
@Suite struct RepositoryEnvironmentTests {
    func load(_ name: String, project: String = "digitwin-test") async throws -> Environment {
        let directory = ScratchDirectory()
        for file in ["development", "staging", "production"] {
            directory.write("environments/\(file).yaml", Repository.environmentText(file))
        }
        return try await directory.loader().load(EnvironmentRequest(name: name, project: project))
    }

    @Test(arguments: ["development", "staging", "production"])
    func shippedEnvironmentLoads(name: String) async throws {
        let environment = try await load(name)
        #expect(environment.name == name)
        #expect(environment.project == "digitwin-test")
        #expect(environment.region == "us-central1")
        #expect(environment.buckets.count == 4)
        #expect(environment.services.map(\.name) == ["api-gateway", "websocket-server", "face-processing-service"])
        #expect(environment.secrets.map(\.id) == ["jwt-secret", "refresh-secret", "database-password"])
        #expect(environment.origin.file == "environments/\(name).yaml")
        #expect(environment.origin.project == .flag("--project"))
        #expect(environment.warnings.isEmpty)
    }

    @Test func developmentNamesAreExpandedWithTheShortName() async throws {
        let environment = try await load("dev")
        #expect(environment.shortName == "dev")
        #expect(environment.buckets.map(\.name) == [
            "clone-voice-models-dev", "clone-face-models-dev", "clone-documents-dev", "clone-uploads-dev",
        ])
        #expect(environment.cloudSQL?.instance == "digitwinlive-db-dev")
        #expect(environment.cloudSQL?.connectionName == "digitwin-test:us-central1:digitwinlive-db-dev")
        #expect(environment.cloudSQL?.socketPath == "/cloudsql/digitwin-test:us-central1:digitwinlive-db-dev")
    }

    @Test func defaultsAndMergedLabelsAreApplied() async throws {
        let environment = try await load("production")
        #expect(environment.labels == ["app": "digitwinlive", "managed-by": "gcpctl", "gcpctl-env": "prod"])
        let uploads = try #require(environment.bucket(named: "clone-uploads-prod"))
        #expect(uploads.location == "US-CENTRAL1")
        #expect(uploads.uniformAccess)
        #expect(!uploads.versioning)
        #expect(uploads.labels["gcpctl-env"] == "prod")
        #expect(uploads.lifecycle.first?.matchesPrefix == ["tmp/"])
        #expect(environment.artifactRegistry.location == "us-central1")
        #expect(environment.artifactRegistry.imagePrefix(project: "p") == "us-central1-docker.pkg.dev/p/digitwinlive")
        #expect(environment.serviceAccount.email == "digitwinlive-sa@digitwin-test.iam.gserviceaccount.com")
        #expect(environment.secrets.allSatisfy { $0.labels["managed-by"] == "gcpctl" })
    }

    /// Property 7: the tier follows the environment.
    @Test func tiersMatchTheEnvironment() async throws {
        #expect(try await load("development").cloudSQL?.tier == "db-f1-micro")
        #expect(try await load("production").cloudSQL?.tier == "db-custom-1-3840")
        #expect(try await load("production").cloudSQL?.deletionProtection == true)
    }

    /// Properties 19-21: the bash scripts' service settings.
    @Test func servicesHaveTheScriptsLimits() async throws {
        for service in try await load("production").services {
            #expect(service.memory == "512Mi")
            #expect(service.cpu == "1")
            #expect(service.minInstances == 0)
            #expect(service.maxInstances == 10)
            #expect(service.isPublic)
        }
    }

    /// Legacy mode's built-in defaults equal the shipped files, but for project and region,
    /// and production's edge, Redis, read replica and private IP: the bash scripts made no
    /// load balancer, cache or replica (a domain is the operator's to declare), and legacy
    /// mode keeps the database they made reachable as they left it.
    @Test(arguments: ["development", "staging", "production"])
    func builtInDefaultsEqualTheShippedFiles(name: String) throws {
        let url = Repository.root.appendingPathComponent("environments/\(name).yaml")
        let decoded = try EnvironmentLoader.decodeEnvironmentFile(at: url, shown: name, paths: DisplayPaths(workingDirectory: Repository.root))
        #expect(decoded.issues.isEmpty)
        var shipped = try #require(decoded.file)
        shipped.region = nil
        shipped.project = nil
        shipped.edge = nil
        shipped.usage?.lbGbPerMonth = nil
        shipped.redis = nil
        shipped.monitoring = nil
        shipped.cloudSQL?.replicas = nil
        shipped.cloudSQL?.privateIP = nil
        #expect(BuiltInEnvironments.file(named: name) == shipped)
    }

    @Test func serviceVariablesOverlayTheLegacyFile() async throws {
        let directory = ScratchDirectory()
        Repository.writeEnvironment("production", to: directory)
        directory.write(".env.production", "GCP_PROJECT_ID=from-dotenv-1\nNODE_ENV=development\nAPI_URL=https://x\nJWT_SECRET=${SECRET_JWT}\nPORT=1\n")
        let environment = try await directory.loader().load(EnvironmentRequest(name: "prod"))
        #expect(environment.project == "from-dotenv-1")
        #expect(environment.origin.project == .dotEnvFile(path: ".env.production", variable: "GCP_PROJECT_ID"))
        let gateway = try #require(environment.service(named: "api-gateway"))
        let variables = environment.variables(for: gateway)
        #expect(variables["NODE_ENV"] == "production")
        #expect(variables["API_URL"] == "https://x")
        #expect(variables["JWT_SECRET"] == nil)
        #expect(variables["PORT"] == nil)
        #expect(environment.legacyVariables?.secretPlaceholders == ["JWT_SECRET"])
    }
}
