import Foundation
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 18 point 3: `gcpctl init` writes environments/*.yaml from the .env files and the
/// layout it finds, so leaving legacy mode changes nothing but where it is written down.
@Suite struct InitTests {
    func runInit(_ directory: ScratchDirectory, _ workflow: InitWorkflow = InitWorkflow()) -> (GCPCtlKit.ExitStatus, String, String, (any Error)?) {
        let output = CapturedStream(), diagnostics = CapturedStream()
        let reporter = Reporter(output: output, diagnostics: diagnostics)
        do {
            let status = try workflow.run(directory: directory.url, workingDirectory: directory.url, reporter: reporter)
            return (status, output.text, diagnostics.text, nil)
        } catch {
            return (.configurationError, output.text, diagnostics.text, error)
        }
    }

    /// The environment loaded from the written file is the one legacy mode loaded, except
    /// for where it says it came from.
    @Test(arguments: ["development", "production"])
    func theWrittenFileDescribesWhatLegacyModeDid(name: String) async throws {
        let directory = ScratchDirectory()
        ScriptsProject.writeRepository(in: directory)
        directory.write(".env.production", """
        GCP_PROJECT_ID=demo-project
        GCP_REGION=europe-west1
        GCS_BUCKET_UPLOADS=uploads-of-prod
        CLOUD_SQL_CONNECTION_NAME=demo-project:europe-west1:prod-db
        DATABASE_NAME=app

        """)
        let legacy = try await directory.loader().load(EnvironmentRequest(name: name))
        let (status, output, _, error) = runInit(directory)
        #expect(status == .success, "\(String(describing: error))")
        #expect(output.contains("wrote environments/development.yaml from .env"))
        #expect(output.contains("wrote environments/production.yaml from .env.production"))
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("environments/staging.yaml").path))

        var described = try await directory.loader().load(EnvironmentRequest(name: name))
        #expect(!described.origin.isLegacy)
        #expect(described.origin.file == "environments/\(name).yaml")
        described.origin = legacy.origin
        described.warnings = legacy.warnings
        #expect(described == legacy)
    }

    @Test func theFileNamesTheMonorepoDockerfilesAndTheEnvFile() throws {
        let directory = ScratchDirectory()
        ScriptsProject.writeRepository(in: directory)
        _ = runInit(directory)
        let text = directory.read("environments/development.yaml")
        #expect(text.hasPrefix("# The development environment, written by `gcpctl init` from .env"))
        #expect(text.contains("envFile: .env\n"))
        #expect(text.contains("    source: .\n    dockerfile: apps/api-gateway/Dockerfile\n"))
        #expect(text.contains("    dockerfile: services/face-processing-service/Dockerfile\n"))
        #expect(text.contains("    startTime: \"03:00\"\n"))
        #expect(text.contains("  averageRequestSeconds: 0.2\n"))
    }

    @Test func existingFilesAreKeptUnlessForced() throws {
        let directory = ScratchDirectory()
        ScriptsProject.writeRepository(in: directory)
        directory.write("environments/development.yaml", "# mine\n")
        let (status, _, diagnostics, _) = runInit(directory)
        #expect(status == .configurationError)
        #expect(diagnostics.contains("environments/development.yaml exists; kept it (--force replaces it)"))
        #expect(directory.read("environments/development.yaml") == "# mine\n")

        let (forced, _, _, _) = runInit(directory, InitWorkflow(overwrite: true))
        #expect(forced == .success)
        #expect(directory.read("environments/development.yaml").contains("name: development"))
    }

    @Test func withoutADotEnvFileItSaysWhereItLooked() {
        let directory = ScratchDirectory()
        let (_, _, _, error) = runInit(directory)
        #expect((error as? InitError).map { "\($0)" }?.contains("no .env file to start from in") == true)
        #expect((error as? InitError).map { "\($0)" }?.contains("looked for .env.development, .env.staging, .env.production, .env") == true)
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("environments").path))
    }

    /// `--env=prod` with only `.env` converts that file for production, as legacy mode reads it.
    @Test func oneEnvironmentOnly() async throws {
        let directory = ScratchDirectory()
        ScriptsProject.writeRepository(in: directory)
        let (status, _, _, _) = runInit(directory, InitWorkflow(environments: ["production"]))
        #expect(status == .success)
        let environment = try await directory.loader().load(EnvironmentRequest(name: "prod"))
        #expect(environment.origin.file == "environments/production.yaml")
        #expect(environment.service(named: "api-gateway")?.env["LOG_FORMAT"] == "json")
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("environments/development.yaml").path))
    }
}
