import Foundation
import GoogleCloud
import Testing
@testable import GCPCtlKit

/// The Cloud Run spec a service is deployed as, without a cloud: variables in their three
/// layers, secrets, Cloud SQL, limits, URLs, traffic, and how differences are read.
@Suite struct ServiceSpecTests {
    static let urls = ServiceURLs(projectNumber: "123456789012", region: "us-central1")

    /// The repository's development environment, with `dotEnv` as its .env.development.
    static func environment(dotEnv: String? = nil, edit: (String) -> String = { $0 }) async throws -> Environment {
        let directory = ScratchDirectory()
        directory.write("environments/development.yaml", edit(Repository.environmentText("development")))
        if let dotEnv { directory.write(".env.development", dotEnv) }
        return try await directory.loader(["GCP_PROJECT_ID": "demo-project"]).load(EnvironmentRequest(name: "dev"))
    }

    static func spec(_ environment: Environment, _ name: String = "api-gateway", image: String? = "img@sha256:1") -> CloudRunAPI.Service {
        let service = environment.service(named: name)!
        return ServiceSpec.service(service, environment: environment, image: image,
                                   variables: ServiceVariables(service: service, environment: environment, urls: urls),
                                   traffic: TrafficPlan.serveLatest)
    }

    static func env(_ spec: CloudRunAPI.Service) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (spec.template?.containers?.first?.env ?? []).map { ($0.name, ServiceDifferences.describe($0)) })
    }

    @Test func variablesLayerDotEnvThenGcpctlThenTheServiceOwn() async throws {
        let environment = try await Self.environment(dotEnv: """
            LOG_LEVEL=warn
            API_GATEWAY_URL=http://localhost:3000
            FEATURE_X=on
            JWT_SECRET=${SECRET_JWT}
            GOOGLE_APPLICATION_CREDENTIALS=./key.json
            PORT=3000
            WEIRD=$(HOME)/x
            """)
        let env = Self.env(Self.spec(environment))
        #expect(env["FEATURE_X"] == "on", "a .env variable reaches the service")
        #expect(env["LOG_LEVEL"] == "debug", "the service's own env wins over .env")
        #expect(env["API_GATEWAY_URL"] == "https://api-gateway-123456789012.us-central1.run.app", "gcpctl's URL wins over .env")
        #expect(env["JWT_SECRET"] == "secret jwt-secret:latest", "placeholders are never loaded; the secret is mounted")
        #expect(env["GOOGLE_APPLICATION_CREDENTIALS"] == nil)
        #expect(env["PORT"] == nil, "Cloud Run sets PORT")
        #expect(env["WEIRD"] == "$$(HOME)/x", "Cloud Run's $(VAR) expansion is escaped")
        #expect(env["GCS_BUCKET_UPLOADS"] == "clone-uploads-dev")
        #expect(env["GCP_PROJECT_ID"] == "demo-project")
    }

    @Test func cloudSQLServicesGetTheSocketWithoutAPasswordInAnyValue() async throws {
        let environment = try await Self.environment()
        let spec = Self.spec(environment)
        let env = Self.env(spec)
        let connection = "demo-project:us-central1:digitwinlive-db-dev"
        #expect(env["DATABASE_URL"] == "postgresql://postgres@/digitwinlive-db?host=/cloudsql/\(connection)")
        #expect(env["DATABASE_HOST"] == "/cloudsql/\(connection)")
        #expect(env["DATABASE_PASSWORD"] == "secret database-password:latest")
        #expect(env["PGPASSWORD"] == "secret database-password:latest")
        #expect(spec.template?.volumes == [.init(name: "cloudsql", cloudSqlInstance: .init(instances: [connection]))])
        #expect(spec.template?.containers?.first?.volumeMounts == [.init(name: "cloudsql", mountPath: "/cloudsql")])

        let face = Self.spec(environment, "face-processing-service")
        #expect(face.template?.volumes == nil)
        #expect(Self.env(face)["DATABASE_URL"] == nil)
        #expect(Self.env(face)["PGPASSWORD"] == nil)
    }

    @Test func limitsScalingAndIdentityComeFromTheEnvironment() async throws {
        let environment = try await Self.environment { $0.replacingOccurrences(of: "    memory: 512Mi\n", with: "    memory: 1Gi\n") }
        let spec = Self.spec(environment)
        let template = try #require(spec.template)
        #expect(template.containers?.first?.resources?.limits == ["memory": "1Gi", "cpu": "1"])
        #expect(template.scaling == .init(minInstanceCount: 0, maxInstanceCount: 10))
        #expect(template.timeout == "300s")
        #expect(template.maxInstanceRequestConcurrency == 80)
        #expect(template.serviceAccount == "digitwinlive-sa@demo-project.iam.gserviceaccount.com")
        #expect(template.containers?.first?.ports == [.init(containerPort: 8080)])
        #expect(template.containers?.first?.startupProbe?.httpGet?.path == "/health")
        #expect(spec.labels?["managed-by"] == "gcpctl")
        #expect(spec.labels?["gcpctl-env"] == "dev")
    }

    @Test func urlVariablesFollowTheBashScriptsNames() {
        #expect(ServiceURLs.variableName(for: "api-gateway") == "API_GATEWAY_URL")
        #expect(ServiceURLs.variableName(for: "websocket-server") == "WEBSOCKET_URL")
        #expect(ServiceURLs.variableName(for: "face-processing-service") == "FACE_PROCESSING_URL")
        #expect(ServiceURLs.variableName(for: "billing") == "BILLING_URL")
        #expect(ServiceURLs.variableName(for: "service") == "SERVICE_URL")
        #expect(Self.urls.url(of: "api", tag: "candidate") == "https://candidate---api-123456789012.us-central1.run.app")
    }

    @Test func aServiceAsDeployedHasNoDifferencesEvenInGooglesSpelling() async throws {
        let environment = try await Self.environment()
        let desired = Self.spec(environment)
        var observed = desired
        observed.template?.containers?[0].resources?.limits?["cpu"] = "1000m"
        observed.template?.containers?[0].env?.reverse()
        observed.template?.revision = "api-gateway-00001-abc"
        #expect(ServiceDifferences.changes(observed: observed, desired: desired) == [])

        observed.template?.containers?[0].env?.removeAll { $0.name == "LOG_LEVEL" }
        observed.template?.scaling?.maxInstanceCount = 5
        observed.traffic = TrafficPlan.pinned("api-gateway-00001-abc")
        let changes = ServiceDifferences.changes(observed: observed, desired: desired)
        #expect(changes.map(\.field) == ["env.LOG_LEVEL", "maxInstances", "traffic"])
        #expect(changes.last?.old == "100% api-gateway-00001-abc")
        #expect(changes.last?.new == "100% latest")
        #expect(!ServiceDifferences.sameTemplate(observed: observed, desired: desired))
    }

    /// Issue 15 point 11: limits no Cloud Run service can have, as a broken or hostile
    /// server may answer them, are differences to show, not an arithmetic overflow.
    @Test func limitsPastInt64AreDifferencesNotACrash() async throws {
        let environment = try await Self.environment()
        let desired = Self.spec(environment)
        var observed = desired
        observed.template?.containers?[0].resources?.limits = ["memory": String(Int64.max), "cpu": "9e300"]
        #expect(ServiceDifferences.changes(observed: observed, desired: desired).map(\.field) == ["memory", "cpu"])
        observed.template?.containers?[0].resources?.limits = ["memory": "9999999999Ti", "cpu": "99999999999999999999m"]
        #expect(ServiceDifferences.changes(observed: observed, desired: desired).map(\.field) == ["memory", "cpu"])
        #expect(MemorySize("8Ei") == nil && MemorySize("7Ti")?.bytes == 7 << 40)
    }

    @Test func noTrafficKeepsWhatServesAndTagsTheLatest() {
        var observed = CloudRunAPI.Service()
        observed.latestReadyRevision = "api-00002-bbb"
        observed.traffic = [.init(type: CloudRunAPI.TrafficTarget.latestType, percent: 100)]
        let plan = TrafficPlan.noTraffic(observed: observed, tag: "candidate")
        #expect(TrafficPlan.describe(plan) == "100% api-00002-bbb, 0% latest (tag candidate)")
        #expect(TrafficPlan.describe(TrafficPlan.noTraffic(observed: nil, tag: "candidate")) == "100% latest (tag candidate)")
        #expect(TrafficPlan.describe(TrafficPlan.promote(nil, percent: 100, observed: observed)) == "100% latest")
        observed.latestReadyRevision = "api-00003-ccc"
        observed.traffic = TrafficPlan.pinned("api-00002-bbb")
        #expect(TrafficPlan.describe(TrafficPlan.promote(nil, percent: 10, observed: observed)) == "10% api-00003-ccc, 90% api-00002-bbb")
    }

    @Test func rollbackPicksTheNewestReadyRevisionBeforeTheLatest() throws {
        func revision(_ name: String, _ time: String, ready: Bool = true) throws -> CloudRunAPI.Revision {
            let json = #"{"name":"projects/p/locations/r/services/s/revisions/\#(name)","createTime":"\#(time)","conditions":[{"type":"Ready","state":"\#(ready ? "CONDITION_SUCCEEDED" : "CONDITION_FAILED")"}]}"#
            return try JSONDecoder().decode(CloudRunAPI.Revision.self, from: Data(json.utf8))
        }
        let revisions = [try revision("s-00003-c", "2025-01-03T00:00:00Z"), try revision("s-00001-a", "2025-01-01T00:00:00Z"),
                         try revision("s-00002-b", "2025-01-02T00:00:00Z", ready: false)]
        #expect(RollbackWorkflow.previousRevision(revisions, latest: "s-00003-c") == "s-00001-a")
        #expect(RollbackWorkflow.previousRevision(revisions, latest: "s-00001-a") == nil)
    }

    @Test func buildRequestTagsTheImageWithTheTimestampAndLatest() async throws {
        let environment = try await Self.environment()
        let service = environment.service(named: "api-gateway")!
        let image = ImageName(service: "api-gateway", environment: environment)
        let build = BuildRequest.build(service: service, image: image, timestampTag: "20250101-120000", sourceTag: "source-abc",
                                       source: .init(bucket: "b", object: "o"), environment: environment)
        let repository = "us-central1-docker.pkg.dev/demo-project/digitwinlive/api-gateway"
        #expect(build.images == ["\(repository):20250101-120000", "\(repository):latest", "\(repository):source-abc"])
        #expect(build.steps?.first?.name == "gcr.io/cloud-builders/docker")
        #expect(build.steps?.first?.args == ["build", "-t", "\(repository):20250101-120000", "-t", "\(repository):latest",
                                             "-t", "\(repository):source-abc", "-f", "Dockerfile", "."])
        #expect(build.options?.logging == "LEGACY", "logs in Cloud Storage too, so deploy can follow them")
        #expect(ImageBuilder.timestampTag(for: Date(timeIntervalSince1970: 1_735_732_800)) == "20250101-120000")
    }

    @Test func dockerfileStagesAreCounted() {
        #expect(Preflight.stageCount("FROM node:20 AS build\nRUN x\n  from node:20\n# FROM nothing\n") == 2)
        #expect(Preflight.stageCount("FROM scratch\nCOPY a b\n") == 1)
    }
}
