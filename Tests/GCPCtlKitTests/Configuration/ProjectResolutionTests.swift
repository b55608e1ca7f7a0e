import Testing
@testable import GCPCtlKit

/// The documented order of sources for the project id and region.
@Suite struct ProjectResolutionTests {
    func load(_ variables: [String: String], flag: String? = nil, yaml: Bool = true, dotEnv: Bool = true,
              fallback: ProjectFallback? = nil) async throws -> Environment {
        let directory = ScratchDirectory()
        var file = minimalEnvironment.replacingOccurrences(of: "project: my-project-123\n", with: "")
        if yaml { file += "\nproject: from-yaml-file" }
        directory.write("environments/development.yaml", file)
        if dotEnv { directory.write(".env.development", "GCP_PROJECT_ID=from-dotenv-file\nGCP_REGION=europe-west1\n") }
        return try await directory.loader(variables).load(EnvironmentRequest(project: flag), projectFallbacks: fallback.map { [$0] } ?? [])
    }

    @Test func projectSourcesInOrder() async throws {
        let all = ["GCP_PROJECT_ID": "from-gcp-project-id", "GOOGLE_CLOUD_PROJECT": "from-google-cloud", "CLOUDSDK_CORE_PROJECT": "from-cloudsdk-core"]
        #expect(try await load(all, flag: "from-the-flag").project == "from-the-flag")
        #expect(try await load(all).project == "from-gcp-project-id")
        var rest = all
        rest["GCP_PROJECT_ID"] = nil
        #expect(try await load(rest).project == "from-yaml-file")
        #expect(try await load(rest, yaml: false).project == "from-dotenv-file")
        #expect(try await load(rest, yaml: false, dotEnv: false).project == "from-google-cloud")
        rest["GOOGLE_CLOUD_PROJECT"] = nil
        let last = try await load(rest, yaml: false, dotEnv: false)
        #expect(last.project == "from-cloudsdk-core")
        #expect(last.origin.project == .processEnvironment("CLOUDSDK_CORE_PROJECT"))
    }

    @Test func credentialsAreTheLastResort() async throws {
        let fromKey: ProjectFallback = { ("from-key-file", "the key file's project_id") }
        let environment = try await load([:], yaml: false, dotEnv: false, fallback: fromKey)
        #expect(environment.project == "from-key-file")
        #expect(environment.origin.project == .credentials("the key file's project_id"))
        #expect(try await load([:], fallback: fromKey).project == "from-yaml-file")
    }

    @Test func regionSourcesInOrder() async throws {
        #expect(try await load(["GCP_REGION": "asia-east1"]).region == "asia-east1")
        #expect(try await load([:]).region == "us-central1")
        let directory = ScratchDirectory()
        directory.write("environments/development.yaml", minimalEnvironment.replacingOccurrences(of: "region: us-central1\n", with: ""))
        directory.write(".env.development", "GCP_REGION=europe-west1\n")
        let environment = try await directory.loader().load(EnvironmentRequest())
        #expect(environment.region == "europe-west1")
        #expect(try await directory.loader().load(EnvironmentRequest(region: "us-east4")).region == "us-east4")
    }
}
