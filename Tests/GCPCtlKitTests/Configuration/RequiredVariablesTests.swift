import PropertyBased
import Testing
@testable import GCPCtlKit

/// Property 28: whichever of GCP_PROJECT_ID and GCP_REGION is missing, the one error lists
/// exactly those.
@Suite struct RequiredVariablesTests {
    @Test func missingVariablesAreListedTogether() async {
        let others = zip(DotEnvGen.name, DotEnvGen.singleLineValue)
            .filter { $0.0 != "GCP_PROJECT_ID" && $0.0 != "GCP_REGION" }
            .array(of: 0...5)
        await propertyCheck(count: 60, input: Gen.bool, Gen.bool, others) { hasProject, hasRegion, others in
            let directory = ScratchDirectory()
            var text = others.map { DotEnvFile.assignment(name: $0.0, value: $0.1) + "\n" }.joined()
            if hasProject { text += "GCP_PROJECT_ID=present-project\n" }
            if hasRegion { text += "GCP_REGION=us-central1\n" }
            directory.write(".env.production", text)
            let missing = [hasProject ? nil : "GCP_PROJECT_ID", hasRegion ? nil : "GCP_REGION"].compactMap { $0 }
            do {
                _ = try await directory.loader().load(EnvironmentRequest(name: "production"))
                #expect(missing.isEmpty)
            } catch {
                #expect(error as? ConfigurationError == .missingRequiredVariables(missing, searched: [".env.production"]))
            }
        }
    }

    @Test func messageNamesEveryMissingVariableAndHowToSetIt() {
        let error = ConfigurationError.missingRequiredVariables(["GCP_PROJECT_ID", "GCP_REGION"], searched: [".env.production"])
        #expect(error.lines == [
            "missing required environment variables: GCP_PROJECT_ID, GCP_REGION (looked in .env.production); set --project or GCP_PROJECT_ID and --region or GCP_REGION, or add them to the environment file",
        ])
    }
}
