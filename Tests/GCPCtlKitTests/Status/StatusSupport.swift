import Foundation
import GCPEmulator
import GoogleCloud
@testable import GCPCtlKit

extension EmulatedProject {
    /// `gcpctl status --env=dev` in-process.
    func status(_ workflow: StatusWorkflow = StatusWorkflow(), environment: String = "dev",
                format: OutputFormat = .text) async -> Run {
        await run("status", settings: GlobalSettings(environment: environment, format: format)) { context, connector in
            try await workflow.run(context, connector: connector)
        }
    }

    /// The status document of `--format json`, decoded.
    func statusDocument(environment: String = "dev") async throws -> (Run, StatusDocument) {
        let run = await status(environment: environment, format: .json)
        return (run, try JSONDecoder().decode(StatusDocument.self, from: Data(run.output.utf8)))
    }
}

/// `gcpctl status --format json`, as a CI job would read it.
struct StatusDocument: Decodable {
    var environment: String
    var project: String
    var region: String
    var healthy: Bool
    var exitCode: Int32
    var checkedAt: String
    var elapsedSeconds: Double
    var requests: Int
    var counts: [String: Int]
    var fixes: [String]
    var apis: [Row]
    var artifactRegistry: [Row]
    var buckets: [Row]
    var serviceAccount: [Row]
    var secrets: [Row]
    var cloudSQL: [Row]
    var services: [Row]
    var monitoring: [Row]

    struct Row: Decodable {
        var kind: String
        var name: String
        var state: String
        var details: [String: GoogleCloud.JSONValue]
        var changes: [FieldChange]
        var reason: String?
        var fix: String?
    }

    var allRows: [Row] { apis + artifactRegistry + buckets + serviceAccount + secrets + cloudSQL + services + monitoring }

    func row(_ kind: String, _ name: String) -> Row? { allRows.first { $0.kind == kind && $0.name == name } }
}
