import Testing
@testable import GCPCtlKit

/// Typo protection: unknown keys, wrong types and broken YAML name the file and key path.
@Suite struct EnvironmentFileDecodingTests {
    static let file = "environments/development.yaml"

    @Test func unknownKeyIsAnErrorWithASuggestion() async {
        let error = await loadingError(minimalEnvironment + "\nservices:\n  api:\n    source: app\n    memroy: 1Gi\nbuckets:\n  - name: abc\n    versionning: true\n    colour: red")
        #expect(error?.lines == [
            "\(Self.file):12:5: services.api.memroy: unknown key; did you mean 'memory'?",
            "\(Self.file):15:5: buckets[0].versionning: unknown key; did you mean 'versioning'?",
            "\(Self.file):16:5: buckets[0].colour: unknown key",
        ])
    }

    @Test func unknownTopLevelKey() async {
        let error = await loadingError(minimalEnvironment + "\nregoin: europe-west1")
        #expect(error?.lines == ["\(Self.file):9:1: regoin: unknown key; did you mean 'region'?"])
    }

    @Test func userChosenNamesAreNeverUnknown() async throws {
        let environment = try await loadEnvironment(minimalEnvironment + "\nlabels:\n  anything-goes: yes-really\nservices:\n  my-own-name:\n    source: app\n    env: {WHATEVER: x}")
        #expect(environment.labels["anything-goes"] == "yes-really")
        #expect(environment.services.map(\.name) == ["my-own-name"])
    }

    @Test func misspeltRequiredKeyIsNamed() async {
        let error = await loadingError(minimalEnvironment + "\nservices:\n  api:\n    sorce: app")
        #expect(error?.lines == ["\(Self.file):11:5: services.api: required key 'source' is missing; is 'sorce' a misspelling of it?"])
    }

    @Test func wrongTypesNameTheKeyPath() async {
        let port = await loadingError(minimalEnvironment + "\nservices:\n  api:\n    source: app\n    port: eighty")
        #expect(port?.lines == ["\(Self.file):12:11: services.api.port: expected a whole number, found 'eighty'"])
        let flag = await loadingError(minimalEnvironment + "\nbuckets:\n  - name: abc\n    versioning: yes")
        #expect(flag?.lines == ["\(Self.file):11:17: buckets[0].versioning: expected true or false, found 'yes'"])
        let list = await loadingError(minimalEnvironment + "\napis: run.googleapis.com")
        #expect(list?.lines == ["\(Self.file):9:7: apis: expected a list, found 'run.googleapis.com'"])
    }

    @Test func brokenYAMLNamesTheLine() async {
        let error = await loadingError("name: development\nregion: [unclosed\n")
        guard case .invalidYAML(let file, let line, _, _)? = error else {
            Issue.record("expected invalid YAML, got \(String(describing: error))")
            return
        }
        #expect(file == Self.file)
        #expect(line != nil)
    }

    @Test func emptyFileIsReported() async {
        let error = await loadingError("")
        #expect(error?.lines == ["\(Self.file): the file is empty"])
    }

    @Test func servicesKeepTheirWrittenOrder() async throws {
        let environment = try await loadEnvironment(minimalEnvironment + "\nservices:\n  zeta:\n    source: z\n  alpha:\n    source: a\n  mid:\n    source: m")
        #expect(environment.services.map(\.name) == ["zeta", "alpha", "mid"])
    }

    @Test func suggestionsCatchCommonTypos() {
        #expect(Suggestion.closest(to: "mmeory", in: ["memory", "cpu"]) == "memory")
        #expect(Suggestion.closest(to: "prodution", in: ["production", "development"]) == "production")
        #expect(Suggestion.closest(to: "xyz", in: ["memory", "cpu"]) == nil)
    }
}
