import Foundation
import Testing
@testable import GCPCtlKit

/// Every problem of an environment file in one pass, each at its file, line and column,
/// with a did-you-mean where one fits; and the edge cases of reading a file (issue 15.16).
@Suite struct ConfigurationErrorsAtOnceTests {
    static let file = "environments/development.yaml"

    /// A type error, an unknown key, a rule broken, a wrong list entry, in three places of
    /// the file: all reported, in the order of their lines, none hiding another.
    @Test func everyProblemOfAFileComesInOnePassWithItsLineAndColumn() async {
        let yaml = minimalEnvironment + """

        regoin: europe-west1
        secrets:
          - id: jwt-secret
          - id: [not, text]
        services:
          api:
            source: app
            maxInstances: ten
            memroy: 1Gi
          web:
            source: web
            memory: 512MB
            secrets:
              TOKEN: jwt-secret
        """
        let error = await loadingError(yaml)
        #expect(error?.lines == [
            "\(Self.file):9:1: regoin: unknown key; did you mean 'region'?",
            "\(Self.file):12:9: secrets[1].id: expected a text value, found a list",
            "\(Self.file):16:19: services.api.maxInstances: expected a whole number, found 'ten'",
            "\(Self.file):17:5: services.api.memroy: unknown key; did you mean 'memory'?",
            "\(Self.file):20:13: services.web.memory: '512MB' is not a valid memory size; use a value like 512Mi or 1Gi",
        ], "the dropped secrets list does not make TOKEN's secret 'undeclared'")
    }

    /// A rule about two keys, one of them left to its default, points at the one written.
    @Test func aRuleAboutADefaultPointsAtTheKeyWritten() async {
        let error = await loadingError(minimalEnvironment + "\nservices:\n  api:\n    source: app\n    cpu: \"0.5\"")
        #expect(error?.lines == ["\(Self.file):12:10: services.api.cpu: a CPU limit below 1 requires concurrency: 1"])
    }

    /// Issue 15.16: a duplicate key is reported where it is written the second time.
    @Test func aDuplicateKeyPointsAtTheDuplicate() async {
        let error = await loadingError(minimalEnvironment + "\nservices:\n  api:\n    source: app\n    memory: 1Gi\n    cpu: \"1\"\n    memory: 2Gi")
        #expect(error?.lines == ["\(Self.file):14:5: not valid YAML: duplicate key 'memory' (first at line 12)"])
        let nested = await loadingError(minimalEnvironment + "\nbuckets:\n  - name: a-bucket-1\n    versioning: true\n  - name: a-bucket-2\n    name: a-bucket-3")
        #expect(nested?.lines == ["\(Self.file):13:5: not valid YAML: duplicate key 'name' (first at line 12)"])
    }

    /// Issue 15.16: a huge value (50 MB in the report) is not echoed whole; the message says how long it was.
    @Test func aHugeValueIsCutInTheMessage() async throws {
        // 5 MB in a debug build takes a few seconds; 50 MB behaves the same (linear), slower.
        let huge = String(repeating: "x", count: 5_000_000)
        let error = try #require(await loadingError(minimalEnvironment + "\nsecrets:\n  - id: \(huge)"))
        #expect(error.lines.count == 1)
        let line = try #require(error.lines.first)
        #expect(line.count < 400, "\(line.prefix(500))")
        #expect(line == "\(Self.file):10:9: secrets[0].id: '\(String(repeating: "x", count: 60))…' (5000000 characters) is not a valid secret id; use 1 to 255 letters, digits, hyphens and underscores")
    }

    /// Issue 15.16: a file that is not UTF-8 is named, with where its first bad byte is.
    @Test func aFileThatIsNotUTF8IsNamedAsSuch() async {
        let directory = ScratchDirectory()
        var bytes = Data((minimalEnvironment + "\nlabels:\n  team: caf").utf8)
        bytes.append(contentsOf: [0xE9, 0x0A])  // Latin-1 é
        try! bytes.write(to: directory.url.appendingPathComponent("environments/development.yaml", isDirectory: false).creatingFolder())
        do {
            _ = try await directory.loader().load(EnvironmentRequest())
            Issue.record("expected an error")
        } catch {
            #expect(error.lines == ["\(Self.file): cannot be read: it is not UTF-8 text (the first byte that is not is at line 10, column 12); save it as UTF-8"])
        }
    }

    /// `config validate` needs no project: the names are checked with a stand-in id.
    @Test func checkingNeedsNoProject() async throws {
        let file = minimalEnvironment.replacingOccurrences(of: "project: my-project-123\n", with: "")
        let directory = ScratchDirectory()
        directory.write("environments/development.yaml", file + "\nbuckets:\n  - name: \"{project}-uploads\"")
        let environment = try await directory.loader().load(EnvironmentRequest(projectOptional: true))
        #expect(environment.project == "project-id")
        #expect(environment.origin.project == .standIn)
        #expect(environment.buckets.map(\.name) == ["project-id-uploads"])
        await #expect(throws: ConfigurationError.missingRequiredVariables(["GCP_PROJECT_ID"], searched: [Self.file])) {
            _ = try await directory.loader().load(EnvironmentRequest())
        }
    }

    /// A variable left set from another project is easy to miss: when it overrides what the
    /// file says, a warning says so (a flag is asked for on purpose: no warning).
    @Test func aVariableOverridingTheFilesProjectIsWarnedAbout() async throws {
        let overridden = try await loadEnvironment(minimalEnvironment, variables: ["GCP_PROJECT_ID": "other-project-9", "GCP_REGION": "us-central1"])
        #expect(overridden.project == "other-project-9")
        #expect(overridden.warnings == ["$GCP_PROJECT_ID=other-project-9 overrides project: my-project-123 written in \(Self.file):3; gcpctl uses other-project-9"])
        let flagged = try await loadEnvironment(minimalEnvironment, request: EnvironmentRequest(project: "flag-project-1"))
        #expect(flagged.warnings.isEmpty)
        let region = try await loadEnvironment(minimalEnvironment, variables: ["GCP_REGION": "europe-west1"])
        #expect(region.warnings == ["$GCP_REGION=europe-west1 overrides region: us-central1 written in \(Self.file):4; gcpctl uses europe-west1"])
    }

    /// Issue 15.16: `cost` printed -$NaN for huge usage figures; they are refused instead.
    @Test func usageFiguresBeyondReasonAreRefused() async {
        let usage = """

        usage:
          requestsPerMonth: 9223372036854775807
          averageRequestSeconds: 1e308
          storageGb: 1e300
          artifactStorageGb: 2
          buildMinutesPerMonth: 60
          secretAccessesPerMonth: 10000
        """
        let error = await loadingError(minimalEnvironment + usage)
        #expect(error?.linesWithoutPositions == [
            "\(Self.file): usage.requestsPerMonth: 9223372036854775807 is more than gcpctl can estimate; use at most 1000000000000",
            "\(Self.file): usage.averageRequestSeconds: 1e+308 is more than gcpctl can estimate; use at most 3600",
            "\(Self.file): usage.storageGb: 1e+300 is more than gcpctl can estimate; use at most 1000000000",
        ])
    }
}

extension URL {
    /// This file's URL, once its folder exists.
    func creatingFolder() -> URL {
        try? FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
