import PropertyBased
import Testing
@testable import GCPCtlKit

/// Property 26: every spelling of an environment's name selects the same environment.
@Suite struct EnvironmentSelectionTests {
    static let spellings: [(spelling: String, canonical: String)] = [
        ("dev", "development"), ("development", "development"),
        ("stage", "staging"), ("staging", "staging"),
        ("prod", "production"), ("production", "production"),
    ]

    /// A spelling with its letters' case chosen at random: DEV, Prod, pRoDuCtIoN.
    static let anySpelling = zip(Gen.int(in: 0...(spellings.count - 1)), Gen.bool.array(of: 20)).map { index, upper in
        let pair = spellings[index]
        let spelling = pair.spelling.enumerated().map { upper[$0.offset] ? Character($0.element.uppercased()) : $0.element }
        return (String(spelling), pair.canonical)
    }

    @Test func anySpellingSelectsItsEnvironmentFile() async {
        let directory = ScratchDirectory()
        for name in ["development", "staging", "production"] {
            directory.write("environments/\(name).yaml", Repository.environmentText(name))
        }
        let loader = directory.loader(["GCP_PROJECT_ID": "alias-test-1"])
        await propertyCheck(count: 40, input: Self.anySpelling) { spelling, canonical in
            let environment = try await loader.load(EnvironmentRequest(name: spelling))
            #expect(environment.name == canonical)
            #expect(environment.origin.file == "environments/\(canonical).yaml")
        }
    }

    @Test func anySpellingSelectsItsLegacyFileWithoutEnvironmentFiles() async {
        let directory = ScratchDirectory()
        for name in ["development", "staging", "production"] {
            directory.write(".env.\(name)", "GCP_PROJECT_ID=legacy-\(name)\nGCP_REGION=europe-west1\n")
        }
        let loader = directory.loader()
        await propertyCheck(count: 40, input: Self.anySpelling) { spelling, canonical in
            let environment = try await loader.load(EnvironmentRequest(name: spelling))
            #expect(environment.name == canonical)
            #expect(environment.project == "legacy-\(canonical)")
            #expect(environment.legacyVariables?.path == ".env.\(canonical)")
            #expect(environment.origin.isLegacy)
        }
    }

    @Test func environmentsAreFoundByTheAliasesInsideThem() async throws {
        let directory = ScratchDirectory()
        directory.write("environments/qa-env.yaml", minimalEnvironment
            .replacingOccurrences(of: "name: development", with: "name: quality")
            .replacingOccurrences(of: "aliases: [dev]", with: "aliases: [qa]"))
        let environment = try await directory.loader().load(EnvironmentRequest(name: "QA"))
        #expect(environment.name == "quality")
        #expect(environment.shortName == "qa")
        #expect(environment.labels["gcpctl-env"] == "qa")
    }

    @Test func configDirectoryReplacesTheWorkingDirectory() async throws {
        let directory = ScratchDirectory()
        Repository.writeEnvironment("production", to: directory, folder: "deploy/environments")
        directory.write("deploy/.env.production", "GCP_PROJECT_ID=from-config-dir\n")
        let environment = try await directory.loader().load(EnvironmentRequest(name: "prod", configDirectory: "deploy"))
        #expect(environment.project == "from-config-dir")
        #expect(environment.origin.file == "deploy/environments/production.yaml")
    }

    @Test func unknownNameListsWhatWasSearchedAndSuggests() async {
        let directory = ScratchDirectory()
        Repository.writeEnvironment("production", to: directory)
        do {
            _ = try await directory.loader().load(EnvironmentRequest(name: "prodution"))
            Issue.record("expected an error")
        } catch {
            #expect(error.lines == ["no environment named 'prodution': looked for environments/prodution.yaml; did you mean 'production'?"])
        }
    }
}
