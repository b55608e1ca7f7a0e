import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// A project as gcp-setup.sh left it, and a repository laid out like the seed's monorepo
/// with only a .env: the starting point of everyone who switches from the bash scripts.
///
/// The project is made with the very requests Google's own CLI sent for the scripts'
/// commands (gcloud 528 pointed at gcp-emulator, its request log read back; the commands
/// are listed in docs/migrating-from-bash.md), so no gcloud is needed here: unlabelled
/// buckets, the repository and service account, the roles, secrets holding `CHANGE_ME`
/// (with the newline `echo` adds), the `digitwinlive-db` instance with its database and a
/// postgres password of `CHANGE_ME`.
enum ScriptsProject {
    static let project = EmulatedProject.project
    static let region = "us-central1"
    static let buckets = ["clone-voice-models-dev", "clone-face-models-dev", "clone-documents-dev", "clone-uploads-dev"]
    static let secrets = ["jwt-secret", "refresh-secret", "database-password"]
    static let instance = "digitwinlive-db"
    /// `echo "CHANGE_ME" | gcloud secrets create … --data-file=-`: the value with its newline.
    static let placeholder = Data("CHANGE_ME\n".utf8)

    /// Sends gcp-setup.sh's gcloud requests to `emulator`.
    static func arrange(_ emulator: Emulator) async throws {
        let http = RawHTTPClient(port: emulator.port, token: "scripts-operator")
        let p = project
        func send(_ method: String, _ path: String, _ body: JSONValue) async throws {
            let response = try await http.send(method, path, json: body)
            #expect(response.status == 200, "\(method) \(path): \(response.status) \(response.errorMessage)")
        }
        // enable_apis (the scripts' list; iam and cloudresourcemanager, which the service
        // account steps need in a new project, in a second call)
        try await send("POST", "/serviceusage/v1/projects/\(p)/services:batchEnable?alt=json", ["serviceIds": [
            "compute.googleapis.com", "sqladmin.googleapis.com", "storage-api.googleapis.com", "run.googleapis.com",
            "secretmanager.googleapis.com", "artifactregistry.googleapis.com", "cloudbuild.googleapis.com",
        ]])
        try await send("POST", "/serviceusage/v1/projects/\(p)/services:batchEnable?alt=json",
                       ["serviceIds": ["iam.googleapis.com", "cloudresourcemanager.googleapis.com"]])
        // create_artifact_registry
        try await send("POST", "/artifactregistry/v1/projects/\(p)/locations/\(region)/repositories?alt=json&repositoryId=digitwinlive", [
            "description": "DigiTwin Live container images", "format": "DOCKER", "mode": "MODE_UNSPECIFIED",
            "name": .string("projects/\(p)/locations/\(region)/repositories/digitwinlive"),
        ])
        // create_storage_buckets: no labels; a lifecycle rule on the uploads bucket
        for bucket in buckets {
            try await send("POST", "/storage/storage/v1/b?alt=json&enableObjectRetention=False&project=\(p)&projection=noAcl", [
                "iamConfiguration": ["uniformBucketLevelAccess": ["enabled": true]], "location": .string(region), "name": .string(bucket),
            ])
        }
        try await send("PATCH", "/storage/storage/v1/b/clone-uploads-dev?alt=json&projection=noAcl", [
            "lifecycle": ["rule": [["action": ["type": "Delete"], "condition": ["age": 30]]]], "name": "clone-uploads-dev",
        ])
        // create_service_accounts: the account and its four roles (read, then write with the etag)
        try await send("POST", "/iam/v1/projects/\(p)/serviceAccounts?alt=json",
                       ["accountId": "digitwinlive-sa", "serviceAccount": ["displayName": "DigiTwin Live Service Account"]])
        let policy = try await http.post("/cloudresourcemanager/v1/projects/\(p):getIamPolicy?alt=json",
                                          json: ["options": ["requestedPolicyVersion": 3]]).json
        var bindings = policy["bindings"]?.arrayValue ?? []
        for role in ["roles/cloudsql.client", "roles/storage.objectAdmin", "roles/secretmanager.secretAccessor", "roles/run.invoker"] {
            bindings.append(["members": [.string("serviceAccount:digitwinlive-sa@\(p).iam.gserviceaccount.com")], "role": .string(role)])
        }
        try await send("POST", "/cloudresourcemanager/v1/projects/\(p):setIamPolicy?alt=json",
                       ["policy": ["bindings": .array(bindings), "etag": policy["etag"] ?? .null, "version": 3]])
        // setup_secrets: placeholders
        for secret in secrets {
            try await send("POST", "/secretmanager/v1/projects/\(p)/secrets?alt=json&secretId=\(secret)",
                           ["annotations": [:], "replication": ["automatic": [:]]])
            try await send("POST", "/secretmanager/v1/projects/\(p)/secrets/\(secret):addVersion?alt=json",
                           ["payload": ["data": .string(placeholder.base64EncodedString()), "dataCrc32c": "982323821"]])
        }
        // create_cloud_sql (gcloud speaks sqladmin v1beta4)
        try await send("POST", "/sqladmin/sql/v1beta4/projects/\(p)/instances?alt=json", [
            "databaseVersion": "POSTGRES_15", "kind": "sql#instance", "name": .string(instance), "project": .string(p),
            "region": .string(region), "settings": [
                "edition": "ENTERPRISE", "kind": "sql#settings", "pricingPlan": "PER_USE", "replicationType": "SYNCHRONOUS", "tier": "db-f1-micro",
            ],
        ])
        try await send("PUT", "/sqladmin/sql/v1beta4/projects/\(p)/instances/\(instance)/users?alt=json&name=postgres",
                       ["instance": .string(instance), "name": "postgres", "password": "CHANGE_ME", "project": .string(p)])
        try await send("POST", "/sqladmin/sql/v1beta4/projects/\(p)/instances/\(instance)/databases?alt=json",
                       ["instance": .string(instance), "kind": "sql#database", "name": "digitwinlive-db", "project": .string(p)])
    }

    /// The seed's monorepo: services under apps/ and services/ whose Dockerfiles copy the
    /// workspace packages from the repository root, node_modules and build output that the
    /// ignore files keep out of the upload, and the scripts' .env.
    static func writeRepository(in directory: ScratchDirectory, dotEnv: String = dotEnv) {
        directory.write("package.json", #"{ "name": "digitwinlive", "private": true }"# + "\n")
        directory.write("pnpm-workspace.yaml", "packages:\n  - apps/*\n  - services/*\n  - packages/*\n")
        directory.write(".gitignore", "node_modules/\ndist/\n.env\n")
        directory.write(".dockerignore", "node_modules\n**/node_modules\n.git\n.env\n")
        for (service, folder) in [("api-gateway", "apps/api-gateway"), ("websocket-server", "apps/websocket-server"),
                                  ("face-processing-service", "services/face-processing-service")] {
            directory.write("\(folder)/Dockerfile", """
            # docker build -f \(folder)/Dockerfile .
            FROM node:20-alpine AS builder
            WORKDIR /app
            COPY package.json pnpm-workspace.yaml ./
            COPY packages ./packages
            COPY \(folder) ./\(folder)
            RUN corepack enable && pnpm install && pnpm --filter \(service) build
            FROM node:20-alpine
            COPY --from=builder /app /app
            CMD ["node", "\(folder)/dist/index.js"]

            """)
            directory.write("\(folder)/package.json", #"{ "name": "@clone/\#(service)" }"# + "\n")
            directory.write("\(folder)/src/index.ts", "console.log('\(service)')\n")
        }
        directory.write("packages/logger/package.json", #"{ "name": "@clone/logger" }"# + "\n")
        directory.write("packages/database/package.json", #"{ "name": "@clone/database" }"# + "\n")
        directory.write("node_modules/.pnpm/left-pad/index.js", String(repeating: "x", count: 100_000))
        directory.write(".env", dotEnv)
    }

    /// The scripts' .env, without CLOUD_SQL_CONNECTION_NAME (as .env.example has it).
    static let dotEnv = """
    NODE_ENV=development
    GCP_PROJECT_ID=\(EmulatedProject.project)
    GCP_REGION=us-central1
    API_GATEWAY_URL=http://localhost:8080
    DATABASE_NAME=digitwinlive-db
    DATABASE_USER=postgres
    GCS_BUCKET_VOICE_MODELS=clone-voice-models-dev
    GCS_BUCKET_FACE_MODELS=clone-face-models-dev
    GCS_BUCKET_DOCUMENTS=clone-documents-dev
    GCS_BUCKET_UPLOADS=clone-uploads-dev
    JWT_SECRET=${SECRET_JWT_SECRET}
    LOG_LEVEL=debug
    LOG_FORMAT=simple

    """
}

/// An emulated project the scripts set up, with the seed's repository and no environments/.
func withScriptsProject<Result: Sendable>(_ body: (EmulatedProject) async throws -> Result) async throws -> Result {
    var configuration = EmulatorConfiguration()
    configuration.projects = [EmulatedProject.project]
    return try await withEmulator(configuration) { emulator in
        let project = EmulatedProject(emulator: emulator, environments: [])
        try await ScriptsProject.arrange(emulator)
        ScriptsProject.writeRepository(in: project.directory)
        emulator.clearRequests()
        return try await body(project)
    }
}

extension EmulatedProject {
    /// The names of the project's Cloud SQL instances.
    var sqlInstances: [String] {
        (emulator.state(project: EmulatedProject.project)?["resources"]?["sqladmin.instances"]?.objectValue ?? [:]).keys.sorted()
    }

    /// A secret's versions as `number: state`, read as any client would.
    func secretVersionStates(_ secret: String) async throws -> [Int: String] {
        let http = RawHTTPClient(port: emulator.port)
        let versions = try await http.get("/secretmanager/v1/projects/\(EmulatedProject.project)/secrets/\(secret)/versions").json
        var found: [Int: String] = [:]
        for version in versions["versions"]?.arrayValue ?? [] {
            if let number = version["name"]?.stringValue?.split(separator: "/").last.flatMap({ Int($0) }) {
                found[number] = version["state"]?.stringValue
            }
        }
        return found
    }

    /// The value of a secret's version, read as any client would.
    func secretValue(_ secret: String, version: Int) async throws -> Data? {
        let http = RawHTTPClient(port: emulator.port)
        let answer = try await http.get("/secretmanager/v1/projects/\(EmulatedProject.project)/secrets/\(secret)/versions/\(version):access").json
        return answer["payload"]?["data"]?.stringValue.flatMap { Data(base64Encoded: $0) }
    }
}
