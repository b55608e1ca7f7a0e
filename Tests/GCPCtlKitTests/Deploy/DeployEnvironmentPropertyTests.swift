import Foundation
import GCPEmulator
import PropertyBased
import Testing
import TestSupport
@testable import GCPCtlKit

/// Properties 25–28 (the environment files) and 34–36 (verification and the URLs written
/// back) of bash-scripts-design.md, each against the emulator.
// Each case runs whole commands against an emulator: a failure is reported as drawn, not
// shrunk through dozens of further runs.
@Suite(.shrinking(false)) struct DeployEnvironmentPropertyTests {
    static let spellings = ["development": ["development", "dev", "Development"], "production": ["production", "prod", "PROD"]]

    /// A project in legacy mode: no environments/, only the bash scripts' .env file.
    func legacyProject(_ emulator: Emulator, file: String, text: String) -> EmulatedProject {
        let project = EmulatedProject(emulator: emulator, environments: [])
        project.copyExamples()
        project.directory.write(file, text)
        return project
    }

    /// Property 25: for any of the .env file kinds (.env, .env.development, .env.production),
    /// deploy reads it (legacy mode) and its variables reach the services.
    @Test func property25_everyEnvFileKindIsLoaded() async throws {
        await propertyCheck(count: 3, input: Gen.element(of: [".env", ".env.development", ".env.production"])) { file in
            let file = file ?? ".env"
            let environment = file == ".env.production" ? "prod" : "dev"
            try await withEmulator(EmulatedProject.configuration) { emulator in
                let project = legacyProject(emulator, file: file, text: "GCP_PROJECT_ID=demo-project\nGCP_REGION=us-central1\nMARKER=\(file)\n")
                let run = await project.setUpAndDeploy(["face-processing-service"], environment: environment)
                #expect(run.status == .success, "\(run.diagnostics)")
                #expect(project.deployedEnv("face-processing-service")["MARKER"] == file)
                #expect(project.envFileText(file)?.contains("FACE_PROCESSING_URL=https://") == true, "the URL goes back into \(file)")
            }
        }
    }

    /// Property 26: for any spelling of --env, the matching environment's files are used.
    @Test func property26_theEnvFlagPicksTheEnvironment() async throws {
        let cases = Self.spellings.flatMap { name, spellings in spellings.map { (name, $0) } }
        await propertyCheck(count: 3, input: Gen.element(of: cases)) { pick in
            let (name, spelling) = pick ?? ("development", "dev")
            try await withEmulatedProject { project in
                project.directory.write(".env.\(name)", "WHICH=\(name)\n")
                let run = await project.setUpAndDeploy(["face-processing-service"], environment: spelling)
                #expect(run.status == .success, "\(run.diagnostics)")
                let env = project.deployedEnv("face-processing-service")
                #expect(env["WHICH"] == name)
                #expect(env["NODE_ENV"] == name)
                #expect(project.service("face-processing-service")?[path: "labels.gcpctl-env"]?.stringValue == (name == "production" ? "prod" : "dev"))
                #expect(project.envFileText(".env.\(name)")?.contains("FACE_PROCESSING_URL=https://") == true)
            }
        }
    }

    /// Property 27: for any variable whose value is a ${SECRET_…} placeholder, nothing of it
    /// is deployed as a plain value.
    @Test func property27_secretPlaceholdersAreNeverDeployed() async throws {
        await propertyCheck(count: 3, input: DeployServicePropertyTests.identifiers.array(of: 1...4)) { names in
            try await withEmulatedProject { project in
                project.directory.write(".env.development", names.map { "\($0)=${SECRET_\($0)}" }.joined(separator: "\n") + "\nJWT_SECRET=${SECRET_JWT}\n")
                let run = await project.setUpAndDeploy(["api-gateway"])
                #expect(run.status == .success, "\(run.diagnostics)")
                let env = project.deployedEnv("api-gateway")
                for name in names { #expect(env[name] == nil, "\(name)") }
                #expect(env["JWT_SECRET"] == "secret jwt-secret:latest")
                #expect(!env.values.contains { $0.contains("${SECRET_") })
            }
        }
    }

    /// Property 28: for any of GCP_PROJECT_ID and GCP_REGION missing, deploy exits 1 naming
    /// exactly those, before any request that changes anything.
    @Test func property28_missingRequiredVariablesAreNamed() async throws {
        await propertyCheck(count: 3, input: Gen.bool().array(of: 2)) { mask in
            guard mask.contains(true) else { return }
            let missing = zip(["GCP_PROJECT_ID", "GCP_REGION"], mask).filter(\.1).map(\.0)
            try await withEmulator(EmulatedProject.configuration) { emulator in
                var text = "NODE_ENV=production\n"
                if !missing.contains("GCP_PROJECT_ID") { text += "GCP_PROJECT_ID=demo-project\n" }
                if !missing.contains("GCP_REGION") { text += "GCP_REGION=us-central1\n" }
                let project = legacyProject(emulator, file: ".env.production", text: text)
                project.extraEnvironment = ["GCP_PROJECT_ID": ""]
                let run = await project.deploy(environment: "prod")
                #expect(run.status == .configurationError)
                #expect(run.diagnostics.contains("missing required environment variables: \(missing.joined(separator: ", ")) ("),
                        "\(run.diagnostics)")
                #expect(project.mutatingRequests.isEmpty)
            }
        }
    }

    /// Property 34: for any deployed service, deploy GETs its URL's /health and sees 200
    /// before it reports success.
    @Test func property34_eachServiceURLIsCheckedBeforeSuccess() async throws {
        await propertyCheck(count: 2, input: Gen.bool().array(of: 3)) { mask in
            let chosen = zip(EmulatedProject.services, mask).filter(\.1).map(\.0)
            try await withEmulatedProject { project in
                let run = await project.setUpAndDeploy(chosen)
                #expect(run.status == .success, "\(run.diagnostics)")
                let checks = project.emulator.requests().filter { $0.api == "run.app" && $0.url.hasSuffix("/health") && $0.status == 200 }
                for service in chosen.isEmpty ? EmulatedProject.services : chosen {
                    #expect(checks.contains { $0.url.contains("/\(service)-") }, "\(service) not checked")
                }
            }
        }
    }

    /// Property 35: for any .env file, deploy writes the URLs into it and keeps every other
    /// line, comment and blank line as it was.
    @Test func property35_urlsAreWrittenIntoTheEnvFileInPlace() async throws {
        let lines = Gen.element(of: ["# comment", "", "export A=1", "B='quoted value'", "API_GATEWAY_URL=http://localhost:3000", "C=\"x y\" # note"])
            .array(of: 0...8)
        await propertyCheck(count: 3, input: lines) { picked in
            let kept = picked.compactMap { $0 }
            try await withEmulatedProject { project in
                project.directory.write(".env.development", kept.map { $0 + "\n" }.joined())
                let run = await project.setUpAndDeploy(["api-gateway"])
                #expect(run.status == .success, "\(run.diagnostics)")
                let after = (project.envFileText() ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let url = try #require(project.serviceURL("api-gateway"))
                let expected = kept.map { $0.hasPrefix("API_GATEWAY_URL=") ? "API_GATEWAY_URL=\(url)" : $0 }
                    + (kept.contains { $0.hasPrefix("API_GATEWAY_URL=") } ? [] : ["API_GATEWAY_URL=\(url)"]) + [""]
                #expect(after == expected)
            }
        }
    }

    /// Property 36: for any failing health check status, deploy exits 2 and reports the
    /// URL, the status and the first line of what it answered.
    @Test func property36_failedHealthChecksAreReportedClearly() async throws {
        await propertyCheck(count: 3, input: Gen.element(of: [400, 404, 500, 502, 503])) { status in
            let status = status ?? 500
            try await withEmulatedProject { project in
                #expect(await project.prepareForDeploy().status == .success)
                project.emulator.setServiceHealth(service: "websocket-server", status: status)
                let run = await project.deploy(DeployOptions(services: ["websocket-server"], healthCheck: quickHealthCheck))
                #expect(run.status == .operationFailed)
                #expect(run.diagnostics.contains("websocket-server failed its health check: GET https://websocket-server-"), "\(run.diagnostics)")
                #expect(run.diagnostics.contains("/health answered \(status): {"))
                #expect(run.output.contains("failed"))
            }
        }
    }
}

extension EmulatedProject {
    /// The emulator configuration `withEmulatedProject` uses, for tests that make their own project.
    static var configuration: EmulatorConfiguration {
        var configuration = EmulatorConfiguration()
        configuration.projects = [project]
        return configuration
    }
}
